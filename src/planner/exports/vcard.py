"""A small reader for vCard 2.1, 3.0 and 4.0 files (RFC 2425/2426/6350 and the 2.1 spec), as
Outlook, Apple Contacts and Google Contacts export them.

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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from planner.errors import ValidationError
from planner.folding import is_cjk
from planner.policy.names import FAMILY_FIRST

from .contacts import (
    PersonRecord,
    ReadRecord,
    ReadResult,
    decode_text,
    has_byte_order_mark,
    split_full_name,
)


@dataclass(slots=True)
class _Property:
    name: str
    params: dict[str, list[str]]
    value: str
    line: int


@dataclass(slots=True)
class _Card:
    line: int
    # Properties by name, each list in file order.
    properties: dict[str, list[_Property]] = field(default_factory=dict)


_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", re.DOTALL)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _logical_lines(text: str, quoted_printable: bool) -> Iterable[tuple[int, str]]:
    """Unfolded lines with the number of the physical line each starts on.

    Physical lines end at CR LF, CR or LF. The file is split into them with one call and the
    folds are undone in one pass over that list: a Python step per physical line is what made
    100,000 contacts slow (issue 13). ``quoted_printable``: the file names QUOTED-PRINTABLE
    somewhere, so a 2.1 soft line break may join lines; that rare case takes the line-by-line
    reader, which knows which line is in which encoding.
    """
    if quoted_printable:
        return _logical_lines_quoted_printable(text)
    lines = _physical_lines(text)
    if not any(fold in text for fold in _FOLDS):
        return enumerate(lines, 1)  # nothing folded: each physical line is a logical one
    numbers: list[int] = []
    logical: list[str] = []
    for number, raw in enumerate(lines, 1):
        if logical and raw[:1] in _FOLD_CHARS:
            logical[-1] += raw[1:]
        else:
            numbers.append(number)
            logical.append(raw)
    return zip(numbers, logical, strict=True)


# A line break followed by a space or tab: a folded line somewhere in the file. Searched for
# as plain strings: str's own search is many times faster than a character class.
_FOLDS = ("\n ", "\n\t", "\r ", "\r\t")
_FOLD_CHARS = frozenset({" ", "\t"})


def _physical_lines(text: str) -> list[str]:
    """``text`` split at CR LF, CR and LF: with str.split when the file uses one of them
    throughout (every exporter does), else with the regular expression."""
    if "\r" not in text:
        return text.split("\n")
    if "\n" not in text:
        return text.split("\r")
    if text.count("\r\n") == text.count("\r") == text.count("\n"):
        return text.split("\r\n")
    return _LINE_BREAK.split(text)


def _logical_lines_quoted_printable(text: str) -> Iterator[tuple[int, str]]:
    """:func:`_logical_lines` for a file with QUOTED-PRINTABLE values, one line at a time."""
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


def _known_codec(name: str) -> str | None:
    """Python's name for a CHARSET that is a text encoding Planner reads, else None."""
    try:
        codec = codecs.lookup(name.strip()).name
    except (LookupError, ValueError):
        return None
    return codec if codec in _CHARSETS else None


def _charset(prop: _Property) -> str:
    """The Python codec for the property's CHARSET (UTF-8 without one)."""
    given = (prop.params.get("CHARSET") or ["utf-8"])[0]
    name = _known_codec(given)
    if name is None:
        raise _CharsetRefused(
            f"line {prop.line}: {prop.name} has CHARSET={given!r}, not a text encoding "
            "Planner reads (use UTF-8, or a Windows, ISO 8859, Chinese, Japanese, Korean or "
            "KOI8 code page)"
        )
    return name


# The name a property's parameters give its CHARSET, in a raw (undecoded) line.
_RAW_CHARSET = re.compile(rb";[ \t]*CHARSET=\"?([^;:\"]+)", re.IGNORECASE)


def _decode_by_charset(data: bytes) -> tuple[str, str]:
    """A file that is not UTF-8 and names CHARSETs: each line decoded by its property's own
    CHARSET, as vCard 2.1 means it (Outlook writes ``N;CHARSET=windows-1256:`` and the name in
    that code page's bytes), so an Arabic name is not read as Windows-1252 letters. Lines of
    a property without one are read as Windows-1252 (else Latin-1), and that is noted; folded
    lines take their property's CHARSET. A CHARSET that is no text encoding is left for
    :func:`_charset` to report."""
    lines: list[str] = []
    guessed = False
    codec: str | None = None  # the CHARSET of the property being read
    for raw in data.splitlines(keepends=True):  # at CR LF, CR and LF, as the reader splits
        if raw[:1] not in (b" ", b"\t"):  # a new property (or a line of no property)
            head = raw.split(b":", 1)[0]
            found = _RAW_CHARSET.search(head)
            codec = None
            if found is not None and b"QUOTED-PRINTABLE" not in head.upper():
                codec = _known_codec(found.group(1).decode("ascii", errors="replace"))
        if raw.isascii():
            lines.append(raw.decode("ascii"))
            continue
        if codec is not None:
            try:
                lines.append(raw.decode(codec))
                continue
            except UnicodeDecodeError:
                pass
        guessed = True
        try:
            lines.append(raw.decode("cp1252"))
        except UnicodeDecodeError:
            lines.append(raw.decode("latin-1"))
    note = "not UTF-8: read as Windows-1252 where no CHARSET is given; check accented names"
    return "".join(lines), note if guessed else ""


def _decode_value(prop: _Property) -> str:
    params = prop.params
    if "ENCODING" not in params and "CHARSET" not in params:
        return prop.value  # nearly every value: no parameters, or only a TYPE
    encodings = {e.upper() for e in params.get("ENCODING", [])}
    charset = _charset(prop) if "CHARSET" in params else "utf-8"
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
    if "\\" not in value and "\x00" not in value:  # most values: only split and trim
        return [[item.strip() for item in component.split(",")] for component in value.split(";")]
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


_BOUNDARIES = frozenset({"BEGIN", "END"})
_NO_PARAMS: dict[str, list[str]] = {}  # shared by every property without parameters: read only


_BOUNDARY_LINES = frozenset({"BEGIN:VCARD", "END:VCARD"})  # as nearly every exporter writes them


def _boundary(logical: str) -> str:
    """``BEGIN:VCARD`` or ``END:VCARD`` when the line is one (any case, spaces around), or ""."""
    stripped = logical.strip()
    # Only a line of BEGIN:VCARD's or END:VCARD's length can be either.
    upper = stripped.upper() if len(stripped) <= 11 else ""
    return upper if upper in _BOUNDARY_LINES else ""


def _cards(text: str, problems: list[str], quoted_printable: bool) -> Iterator[_Card]:
    """Each card as soon as its END:VCARD is read (a large file is never held as cards);
    a card without its BEGIN or END is a message in ``problems``.

    Once per line: one regular expression, and nothing more for a property the directory does
    not keep. Parameters are split once per distinct text (``TYPE=work`` on every EMAIL).
    """
    card: _Card | None = None
    properties: dict[str, list[_Property]] | None = None  # the card's, while one is open
    match_property = _PROPERTY.match
    params_of: dict[str, dict[str, list[str]]] = {"": _NO_PARAMS}
    for line, logical in _logical_lines(text, quoted_printable):
        match = match_property(logical)
        if match is not None:
            name, params, value = match.groups()
            name = name.upper()
            if name in _READ:
                if properties is None:
                    continue  # text between cards: some exporters write a header
                split = params_of.get(params)
                if split is None:
                    split = params_of[params] = _split_params(params)
                prop = _Property(name, split, value, line)
                same = properties.get(name)
                if same is None:
                    properties[name] = [prop]
                else:
                    same.append(prop)
                continue
            if name not in _BOUNDARIES:
                continue  # KIND, ADR, PHOTO...: nothing the directory keeps
        # A line that is no property may still be BEGIN:VCARD with a space before it.
        boundary = logical if logical in _BOUNDARY_LINES else _boundary(logical)
        if boundary == "BEGIN:VCARD":
            if card is not None:
                problems.append(f"line {card.line}: a contact without END:VCARD")
            card = _Card(line=line)
            properties = card.properties
        elif boundary == "END:VCARD":
            if card is None:
                problems.append(f"line {line}: END:VCARD without BEGIN:VCARD")
            else:
                yield card
            card = properties = None
        # Else blank lines, a 2.1 BASE64 photo's lines, a property called BEGIN: nothing to read.
    if card is not None:
        problems.append(f"line {card.line}: a contact without END:VCARD (the file is cut short?)")


# --- whole cards at a time -------------------------------------------------------------------
# The line reader above takes a Python step per line; at 100,000 contacts (a million lines) that
# was most of an import's time (issue 13). A file that every exporter's plain output is (no
# QUOTED-PRINTABLE, no CHARSET, BEGIN:VCARD and END:VCARD written exactly so) is read a card at a
# time instead: its boundaries found by one search over the whole text, each card's folds undone
# and its kept properties found by one search over the card. Anything else takes the line reader;
# tests/exports/test_exports_vcard_equivalence.py checks that both read every file alike.

# The exact boundary lines, kept by re.split as "BEGIN" and "END" between the text around them.
_EXACT_BOUNDARY = re.compile(r"^(BEGIN|END):VCARD$", re.MULTILINE)
# Only the properties the directory keeps (_READ), each on a line of its own: a card's text
# starts with the line break after BEGIN:VCARD, so each property is a line break and a line.
# ASCII: the line reader upper-cases names of ASCII letters only, so no other letter may match
# one of these case-insensitively.
_KEPT_PROPERTY = re.compile(
    r"\n(?:[A-Za-z0-9-]+\.)?(VERSION|N|FN|ORG|X-ABSHOWAS|TITLE|ROLE|EMAIL|TEL|NOTE)"
    r"((?:;[^:\n]*)?):([^\n]*)",
    re.IGNORECASE | re.ASCII,
)
# A line break and the space or tab of a folded line: removed in one left-to-right pass, which
# joins lines exactly as the line reader does (a blank line still ends a property).
_FOLD = re.compile(r"\n[ \t]")
_FOLDED_BOUNDARIES = ("BEGIN:VCARD\n ", "BEGIN:VCARD\n\t", "END:VCARD\n ", "END:VCARD\n\t")


def _plain_pieces(text: str, upper: str) -> list[str] | None:
    """``text`` split at its BEGIN:VCARD and END:VCARD lines (every line break made LF), when
    those are all the boundaries the line reader would see; else None. The list alternates
    text and boundary: [text, "BEGIN", text, "END", text, ...].

    ``upper`` is ``text.upper()``. Each boundary the line reader accepts ("begin:vcard", one
    with spaces around) holds "BEGIN:VCARD" or "END:VCARD" once upper-cased: if the upper-cased
    text holds exactly as many as there are exact lines, the exact lines are all of them. A
    boundary line followed by a folded line is no boundary there; the line reader takes those.
    """
    if "\r" in text:  # CR LF, CR or LF: each one line break, as the line reader splits them
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(folded in text for folded in _FOLDED_BOUNDARIES):
        return None
    pieces = _EXACT_BOUNDARY.split(text)
    # The text pieces are empty or start or end with a line break: never "BEGIN" themselves.
    begins = pieces.count("BEGIN")
    if begins != upper.count("BEGIN:VCARD") or (len(pieces) // 2) - begins != upper.count(
        "END:VCARD"
    ):
        return None
    return pieces


def _plain_cards(pieces: list[str], problems: list[str]) -> Iterator[_Card]:
    """:func:`_cards` for a file :func:`_plain_pieces` accepted: the same cards, problems and
    line numbers. The properties carry line 0: only a CHARSET message names a property's line,
    and a file with a CHARSET takes the line reader."""
    card: _Card | None = None
    line = 1 + pieces[0].count("\n")  # the line of the boundary at hand
    params_of: dict[str, dict[str, list[str]]] = {"": _NO_PARAMS}
    for at in range(1, len(pieces), 2):
        lines = pieces[at + 1]  # what follows the boundary, from the line break after it
        if pieces[at] == "BEGIN":
            if card is not None:
                problems.append(f"line {card.line}: a contact without END:VCARD")
            card = _Card(line=line)
            line += lines.count("\n")
            body = lines
            continue
        if card is None:
            problems.append(f"line {line}: END:VCARD without BEGIN:VCARD")
            line += lines.count("\n")
            continue
        line += lines.count("\n")
        if "\n " in body or "\n\t" in body:
            body = _FOLD.sub("", body)
        properties = card.properties
        for name, params, value in _KEPT_PROPERTY.findall(body):
            name = name.upper()
            split = params_of.get(params)
            if split is None:
                split = params_of[params] = _split_params(params)
            same = properties.get(name)
            if same is None:
                properties[name] = [_Property(name, split, value, 0)]
            else:
                same.append(_Property(name, split, value, 0))
        yield card
        card = None
    if card is not None:
        problems.append(f"line {card.line}: a contact without END:VCARD (the file is cut short?)")


def _preferred(card: _Card, name: str) -> str:
    """The preferred EMAIL or TEL: TYPE=pref / PREF=1 first, then work, then the first."""
    found = card.properties.get(name)
    if found is None:
        return ""
    if len(found) == 1:
        return _text(_decode_value(found[0]))  # nearly every card: nothing to choose
    texts = [(p, text) for p in found if (text := _text(_decode_value(p)))]
    if len(texts) <= 1:
        return texts[0][1] if texts else ""

    def rank(item: tuple[_Property, str]) -> tuple[int, int]:
        prop = item[0]
        types = {t.upper() for t in prop.params.get("TYPE", [])}
        pref = prop.params.get("PREF", [])
        preferred = "PREF" in types or (bool(pref) and pref[0] == "1")
        return (0 if preferred else 1, 0 if "WORK" in types else 1)

    return min(texts, key=rank)[1]


def _first(properties: dict[str, list[_Property]], name: str) -> _Property | None:
    found = properties.get(name)
    return found[0] if found else None


def _joined(values: list[str]) -> str:
    return " ".join([x for x in values if x])


def _lines(value: str) -> str:
    """CRLF and CR (QUOTED-PRINTABLE "=0D=0A") as the directory stores them: "\\n"."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _name_parts(value: str) -> tuple[str, str, str, str]:
    """N's family name, given names (with additional ones), honorifics and post-nominals."""
    if "," in value or "\\" in value or "\x00" in value:
        parts = _structured(value)
        parts += [[]] * (5 - len(parts))
        # Structured components may hold several values separated by (unescaped) commas.
        return (
            _joined(parts[0]),
            _joined([*parts[1], *parts[2]]),
            _joined(parts[3]),
            _joined(parts[4]),
        )
    # Nearly every N: five plain components, nothing to split further or unescape.
    family, given, additional, prefix, suffix = [*value.split(";"), "", "", "", ""][:5]
    return (
        family.strip(),
        _joined([given.strip(), additional.strip()]),
        prefix.strip(),
        suffix.strip(),
    )


def _record(card: _Card) -> PersonRecord | str:
    # Read in a fixed order (N, FN, ORG, TITLE, EMAIL, TEL, NOTE): a refused CHARSET is the
    # card's problem only if the card gets that far (a company card is skipped before TITLE).
    properties = card.properties
    family = given = honorific = post_nominals = ""
    n = _first(properties, "N")
    if n is not None:
        family, given, honorific, post_nominals = _name_parts(_decode_value(n))
    fn_prop = _first(properties, "FN")
    full_name = _text(_decode_value(fn_prop)) if fn_prop is not None else ""
    org = _first(properties, "ORG")
    org_units = _split_components(_decode_value(org)) if org is not None else []
    organisation = org_units[0].strip() if org_units else ""
    show_as = _first(properties, "X-ABSHOWAS")
    is_company = (show_as is not None and show_as.value.strip().upper() == "COMPANY") or (
        bool(full_name) and full_name == organisation
    )
    if is_company and not (given or family):
        return "a company card with no person's name, skipped"
    if full_name and not (given or family):
        honorific_in_name, given, family, post_in_name = split_full_name(full_name)
        honorific = honorific or honorific_in_name
        post_nominals = post_nominals or post_in_name
    affiliation = ", ".join([u.strip() for u in org_units if u.strip()])
    title = _first(properties, "TITLE") or _first(properties, "ROLE")
    position = _text(_decode_value(title)) if title is not None else ""
    email = _preferred(card, "EMAIL")
    phone = _preferred(card, "TEL").removeprefix("tel:")
    notes = "\n".join([t for p in properties.get("NOTE", ()) if (t := _text(_decode_value(p)))])
    if not (given or family):
        return "a card with no name (neither N nor FN), skipped"
    fields: tuple[str, ...] = (
        honorific,
        given,
        family,
        post_nominals,
        position,
        affiliation,
        email,
        phone,
        notes,
    )
    if "\r" in "".join(fields):
        fields = tuple(_lines(value) for value in fields)
    honorific, given, family, post_nominals, position, affiliation, email, phone, notes = fields
    return PersonRecord(
        honorific=honorific,
        given_name=given,
        family_name=family,
        post_nominals=post_nominals,
        position=position,
        affiliation=affiliation,
        email=email,
        phone=phone,
        notes=notes,
        name_order=FAMILY_FIRST if _written_family_first(full_name, given, family) else "",
    )


_WORD = re.compile(r"\w+")


def _words(text: str) -> str:
    """The words of ``text`` between single spaces, punctuation dropped ("Dr. Zhang Wei," is
    " Dr Zhang Wei "), so that names compare as whole words."""
    return " " + " ".join(_WORD.findall(text)) + " "


def _written_family_first(full_name: str, given: str, family: str) -> bool:
    """Whether the card's FN writes N's family name before its given name ("Zhang Wei" for
    N:Zhang;Wei): the person's name order is then family first. Names in Chinese, Japanese or
    Korean characters are family first anyway (policy.names); one name alone tells nothing.
    (Plain substring tests: a pattern compiled per card cost 5 s a 100,000-card import.)"""
    at_family, at_given = full_name.find(family.strip()), full_name.find(given.strip())
    if at_family < 0 or at_given < 0 or at_family > at_given:
        return False  # most cards: the given name first, or a name FN does not hold
    given, family = _words(given).strip(), _words(family).strip()
    if not (given and family) or given == family or (is_cjk(given) and is_cjk(family)):
        return False
    written = _words(full_name)
    return f" {family} {given} " in written and f" {given} {family} " not in written


def read_vcards(data: bytes) -> ReadResult:
    """Every contact in a .vcf file; one message per contact that cannot be read."""
    text, encoding_note = decode_text(data)
    if encoding_note and not has_byte_order_mark(data) and b"CHARSET=" in data.upper():
        # Not UTF-8, and the whole file was read in a guessed code page: its values name their
        # own (vCard 2.1), so each line is read again in its property's.
        text, encoding_note = _decode_by_charset(data)
    notes = [encoding_note] if encoding_note else []
    upper = text.upper()
    found, quoted_printable = "BEGIN:VCARD" in upper, "QUOTED-PRINTABLE" in upper
    if not found:
        raise ValidationError("not a vCard file: no BEGIN:VCARD found")
    plain = None if quoted_printable or "CHARSET" in upper else _plain_pieces(text, upper)
    del upper  # as large as the file: not held while the cards are read
    structure: list[str] = []  # cards without a BEGIN or an END, listed first
    problems: list[str] = []
    records: list[ReadRecord] = []
    skipped: list[str] = []
    versions: set[str] = set()
    cards = (
        _cards(text, structure, quoted_printable)
        if plain is None
        else _plain_cards(plain, structure)
    )
    del text, plain  # the cards hold what they need
    for card in cards:
        stated = card.properties.get("VERSION")  # the last VERSION line counts
        versions.add((stated[-1].value.strip() if stated else "") or "?")
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
