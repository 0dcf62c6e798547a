"""The vCard reader as it was before issue 13 made it fast (commit b826bc4), kept only as the
reference that tests/exports/test_exports_vcard_equivalence.py compares the fast one with.

A small reader for vCard 2.1, 3.0 and 4.0 files, as Outlook, Apple Contacts and Google Contacts
export them.

Handles folded lines (a line starting with a space or tab continues the previous one),
QUOTED-PRINTABLE values with soft line breaks and a CHARSET (2.1, Outlook), bare 2.1 parameters
(``TEL;WORK;VOICE:``), quoted 4.0 parameters, item groups (``item1.EMAIL``), escaped commas,
semicolons and newlines, and skips BASE64 photos. Only N, FN, ORG, TITLE, EMAIL, TEL and NOTE
are read: that is all the directory keeps.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from planner.errors import ValidationError
from planner.exports.contacts import (
    PersonRecord,
    ReadRecord,
    ReadResult,
    decode_text,
    split_full_name,
)
from planner.exports.vcard import _written_family_first
from planner.policy.names import FAMILY_FIRST


@dataclass(slots=True)
class _Property:
    name: str
    params: dict[str, list[str]]
    value: str
    line: int


@dataclass(slots=True)
class _Card:
    line: int
    version: str = ""
    # Properties by name, each list in file order.
    properties: dict[str, list[_Property]] = field(default_factory=dict)

    def add(self, prop: _Property) -> None:
        self.properties.setdefault(prop.name, []).append(prop)

    def all(self, name: str) -> list[_Property]:
        return self.properties.get(name, [])

    def first(self, name: str) -> _Property | None:
        found = self.properties.get(name)
        return found[0] if found else None


_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", re.DOTALL)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Unfolded lines with the number of the physical line each starts on.

    Physical lines end at CR LF, CR or LF and are cut from ``text`` one at a time: the reader
    never holds the whole file split into lines.
    """
    current: str | None = None
    start = 0
    quoted_printable_soft_break = False
    number = 0
    position = 0
    search = _LINE_BREAK.search
    while position >= 0:
        found = search(text, position)
        if found is None:
            raw, position = text[position:], -1  # the last line
        else:
            raw, position = text[position : found.start()], found.end()
        number += 1
        if current is not None and (quoted_printable_soft_break or raw[:1] in (" ", "\t")):
            if quoted_printable_soft_break:
                # 2.1 QUOTED-PRINTABLE: "=" at the end of a line joins the next line as it is.
                current = current[:-1] + raw
            else:
                current += raw[1:]
        else:
            if current is not None:
                yield start, current
            current, start = raw, number
        quoted_printable_soft_break = (
            current.endswith("=") and "QUOTED-PRINTABLE" in current.split(":", 1)[0].upper()
        )
    if current is not None:
        yield start, current


def _split_params(text: str) -> dict[str, list[str]]:
    """``;TYPE=WORK,pref;CHARSET=UTF-8`` or 2.1's ``;WORK;PREF;QUOTED-PRINTABLE``."""
    params: dict[str, list[str]] = {}
    if not text:
        return params
    for part in re.findall(r';((?:[^;"]|"[^"]*")*)', text):
        if not part:
            continue
        key, eq, value = part.partition("=")
        if not eq:  # a bare 2.1 parameter: a type or an encoding
            upper = key.strip().upper()
            if upper in {"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"}:
                params.setdefault("ENCODING", []).append(upper)
            else:
                params.setdefault("TYPE", []).append(upper)
            continue
        values = [v.strip().strip('"') for v in re.findall(r'(?:[^,"]|"[^"]*")+', value)]
        name = key.strip().upper()
        if name in {"TYPE", "ENCODING"}:
            values = [v.upper() for v in values]
        params.setdefault(name, []).extend(values)
    return params


# Text encodings an address book really writes, by codecs.lookup(...).name. Python's codec
# registry holds far more than text encodings (utf-7, punycode, unicode_escape, zlib...):
# a CHARSET naming one of those is refused rather than handed to bytes.decode.
_CHARSETS = frozenset(
    {
        "utf-8",
        "ascii",
        *(f"iso8859-{n}" for n in (*range(1, 12), 13, 14, 15)),
        *(f"cp{n}" for n in range(1250, 1259)),
        "shift_jis",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "koi8-r",
        "koi8-u",
        "euc_kr",
        "euc_jp",
    }
)


class _CharsetRefused(Exception):
    """A CHARSET that is not a known text encoding; reported as the card's problem."""


def _charset(prop: _Property) -> str:
    """The Python codec for the property's CHARSET (UTF-8 without one)."""
    given = (prop.params.get("CHARSET") or ["utf-8"])[0]
    try:
        name = codecs.lookup(given).name
    except (LookupError, ValueError):
        name = ""
    if name not in _CHARSETS:
        raise _CharsetRefused(
            f"line {prop.line}: {prop.name} has CHARSET={given!r}, not a text encoding "
            "Planner reads (use UTF-8, or a Windows, ISO 8859, Chinese, Japanese, Korean or "
            "KOI8 code page)"
        )
    return name


def _decode_value(prop: _Property) -> str:
    if not prop.params:
        return prop.value
    encodings = {e.upper() for e in prop.params.get("ENCODING", [])}
    charset = _charset(prop) if "CHARSET" in prop.params else "utf-8"
    if "QUOTED-PRINTABLE" in encodings:
        raw = quopri.decodestring(prop.value.encode("latin-1", errors="replace"))
        try:
            return raw.decode(charset)
        except UnicodeDecodeError:
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                return raw.decode("cp1252", errors="replace")
    return prop.value


def _split_components(value: str, separator: str = ";") -> list[str]:
    """Split on unescaped ``separator``; unescape each part (``\\,`` ``\\;`` ``\\n`` ``\\\\``)."""
    return [_unescape(part) for part in _split_raw(value, separator)]


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value  # most values: nothing escaped
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            escaped = next(chars, "")
            out.append("\n" if escaped in ("n", "N") else escaped)
        else:
            out.append(char)
    return "".join(out)


def _split_raw(value: str, separator: str) -> list[str]:
    """Split on unescaped ``separator``, keeping the escapes for the next level to undo."""
    if "\\" not in value:
        return value.split(separator)  # most values: no escape to step over
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _structured(value: str) -> list[list[str]]:
    """A structured value (N): components split on ``;``, each a list split on ``,``, and
    only then unescaped, so ``HI (M)\\, PhD`` is one post-nominal, not two."""
    return [
        [_text(item) for item in _split_raw(component, ",")] for component in _split_raw(value, ";")
    ]


def _text(value: str) -> str:
    """An unstructured value, unescaped (commas in a NOTE or TITLE are text, not separators)."""
    if "\\" not in value and "\x00" not in value:
        return value.strip()  # most values: nothing to unescape or drop
    return "".join(_split_components(value, separator="\x00")).strip()


# The properties _record() reads (and VERSION, for the note on odd versions).
_READ = frozenset(
    {"VERSION", "N", "FN", "ORG", "X-ABSHOWAS", "TITLE", "ROLE", "EMAIL", "TEL", "NOTE"}
)


def _cards(text: str, problems: list[str]) -> Iterator[_Card]:
    """Each card as soon as its END:VCARD is read (a large file is never held as cards);
    a card without its BEGIN or END is a message in ``problems``."""
    card: _Card | None = None
    for line, logical in _logical_lines(text):
        stripped = logical.strip()
        if not stripped:
            continue
        # Only a line of BEGIN:VCARD's or END:VCARD's length can be either.
        upper = stripped.upper() if len(stripped) <= 11 else ""
        if upper == "BEGIN:VCARD":
            if card is not None:
                problems.append(f"line {card.line}: a contact without END:VCARD")
            card = _Card(line=line)
            continue
        if upper == "END:VCARD":
            if card is None:
                problems.append(f"line {line}: END:VCARD without BEGIN:VCARD")
            else:
                yield card
            card = None
            continue
        if card is None:
            continue  # text between cards: some exporters write a header or blank lines
        match = _PROPERTY.match(logical)
        if match is None:
            # 2.1 BASE64 photos continue on lines without leading space; nothing to read there.
            continue
        name, params, value = match.groups()
        name = name.upper()
        if name not in _READ:
            continue  # KIND, ADR, PHOTO...: nothing the directory keeps
        prop = _Property(name, _split_params(params), value, line)
        if name == "VERSION":
            card.version = value.strip()
        card.add(prop)
    if card is not None:
        problems.append(f"line {card.line}: a contact without END:VCARD (the file is cut short?)")


def _preferred(card: _Card, name: str) -> str:
    """The preferred EMAIL or TEL: TYPE=pref / PREF=1 first, then work, then the first."""
    texts = [(p, text) for p in card.all(name) if (text := _text(_decode_value(p)))]
    if len(texts) <= 1:
        return texts[0][1] if texts else ""  # nearly every card: nothing to choose

    def rank(item: tuple[_Property, str]) -> tuple[int, int]:
        prop = item[0]
        types = {t.upper() for t in prop.params.get("TYPE", [])}
        pref = prop.params.get("PREF", [])
        preferred = "PREF" in types or (bool(pref) and pref[0] == "1")
        return (0 if preferred else 1, 0 if "WORK" in types else 1)

    return min(texts, key=rank)[1]


def _record(card: _Card) -> PersonRecord | str:
    values: dict[str, str] = {}
    n = card.first("N")
    if n is not None:
        parts = [*_structured(_decode_value(n)), *([[]] * 5)]
        families, givens, additional, prefixes, suffixes = parts[:5]
        # Structured components may hold several values separated by (unescaped) commas.
        values["family_name"] = " ".join(x for x in families if x)
        values["given_name"] = " ".join(x for x in [*givens, *additional] if x)
        values["honorific"] = " ".join(x for x in prefixes if x)
        values["post_nominals"] = " ".join(x for x in suffixes if x)
    fn_prop = card.first("FN")
    full_name = _text(_decode_value(fn_prop)) if fn_prop is not None else ""
    org = card.first("ORG")
    org_units = _split_components(_decode_value(org)) if org is not None else []
    organisation = org_units[0].strip() if org_units else ""
    show_as = card.first("X-ABSHOWAS")
    is_company = (show_as is not None and show_as.value.strip().upper() == "COMPANY") or (
        bool(full_name) and full_name == organisation
    )
    if is_company and not (values.get("given_name") or values.get("family_name")):
        return "a company card with no person's name, skipped"
    if full_name and not (values.get("given_name") or values.get("family_name")):
        honorific, given, family, post = split_full_name(full_name)
        values.update(given_name=given, family_name=family)
        values["honorific"] = values.get("honorific") or honorific
        values["post_nominals"] = values.get("post_nominals") or post
    if org is not None:
        units = [u.strip() for u in org_units if u.strip()]
        values["affiliation"] = ", ".join(units)
    title = card.first("TITLE") or card.first("ROLE")
    if title is not None:
        values["position"] = _text(_decode_value(title))
    values["email"] = _preferred(card, "EMAIL")
    values["phone"] = _preferred(card, "TEL").removeprefix("tel:")
    notes = [_text(_decode_value(p)) for p in card.all("NOTE")]
    values["notes"] = "\n".join(n for n in notes if n)
    if not (values.get("given_name") or values.get("family_name")):
        return "a card with no name (neither N nor FN), skipped"
    # Values may carry CRLF from QUOTED-PRINTABLE "=0D=0A"; the directory stores "\n".
    clean = {k: v.replace("\r\n", "\n").replace("\r", "\n") for k, v in values.items() if v}
    # Name order came later (issue s20, names), one rule over what the card says: the shipped
    # one, so that the readers are compared on what they read, FN's words included.
    given, family = clean.get("given_name", ""), clean.get("family_name", "")
    if _written_family_first(full_name, given, family):
        clean["name_order"] = FAMILY_FIRST
    return PersonRecord(**clean)


def read_vcards(data: bytes) -> ReadResult:
    """Every contact in a .vcf file; one message per contact that cannot be read."""
    text, encoding_note = decode_text(data)
    notes = [encoding_note] if encoding_note else []
    if "BEGIN:VCARD" not in text.upper():
        raise ValidationError("not a vCard file: no BEGIN:VCARD found")
    structure: list[str] = []  # cards without a BEGIN or an END, listed first
    problems: list[str] = []
    records: list[ReadRecord] = []
    skipped: list[str] = []
    versions: set[str] = set()
    for card in _cards(text, structure):
        versions.add(card.version or "?")
        try:
            result = _record(card)
        except _CharsetRefused as refused:
            problems.append(str(refused))
            continue
        if isinstance(result, str):
            # Address books hold cards that are not people (a company, a bare address): skip
            # them with a note rather than refuse the whole file.
            skipped.append(f"line {card.line}: {result}")
        else:
            records.append(ReadRecord(line=card.line, record=result))
    if versions - {"2.1", "3.0", "4.0"}:
        odd = ", ".join(sorted(versions - {"2.1", "3.0", "4.0"}))
        notes.append(f"vCard version {odd} read as 3.0")
    return ReadResult(
        records=tuple(records),
        problems=(*structure, *problems),
        notes=tuple(notes),
        skipped=tuple(skipped),
    )
