"""Contacts as plain values: what a CSV or vCard file holds about a person, read or written.

The people directory is not an event, so it has no sheet; :class:`PersonRecord` plays that
part for the directory exports and imports: plain strings, no database row.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, fields

from planner.errors import PolicyRefusal
from planner.policy.names import FAMILY_FIRST, GIVEN_FIRST, fold, is_cjk
from planner.policy.sheet import Audience, Sheet

# The column headers of the contact files (CSV, workbook) and what import messages call a
# column; forms use model.labels.PERSON_FIELD_LABELS, which spell some out in full.
CONTACT_COLUMNS: dict[str, str] = {
    "honorific": "Honorific",
    "given_name": "Given name",
    "family_name": "Family name",
    "post_nominals": "Post-nominals",
    "position": "Position",
    "affiliation": "Affiliation",
    "email": "Email",
    "phone": "Phone",
    "short_style": "Short style",
    "salutation": "Salutation",
    "short_bio": "Short bio",
    "long_bio": "Long bio",
    "notes": "Notes",
    "name_order": "Name order",
}


@dataclass(frozen=True, slots=True)
class PersonRecord:
    honorific: str = ""
    given_name: str = ""
    family_name: str = ""
    post_nominals: str = ""
    position: str = ""
    affiliation: str = ""
    email: str = ""
    phone: str = ""
    short_style: str = ""
    salutation: str = ""
    short_bio: str = ""
    long_bio: str = ""
    notes: str = ""
    name_order: str = ""  # model.enums.NameOrder's value: "", "family first", "given first"

    def values(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# The person fields a contact file may carry (PersonRecord's), in the order the CSV export
# writes them: the person's own fields (model.PERSON_FIELDS, which a renderer may not import;
# a test keeps the two the same).
PERSON_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(PersonRecord))


def people_table(records: Iterable[PersonRecord]) -> list[list[str]]:
    """The directory as rows of text, header first: what the CSV and the workbook hold."""
    header = [CONTACT_COLUMNS[f] for f in PERSON_FIELDS]
    return [header, *([getattr(r, f) for f in PERSON_FIELDS] for r in records)]


PARTICIPANT_HEADER = (
    "Name",
    "Sort name",
    "Role",
    "Status",
    "Attended",
    "Position",
    "Affiliation",
    "Email",
    "Phone",
)


def participant_table(sheet: Sheet) -> list[list[str]]:
    """An event's participant list as rows of text, header first, from the organisers' sheet
    (and only from it: the list is not circulated, DOMAIN.md)."""
    if sheet.audience is not Audience.ORGANISERS or sheet.participants is None:
        raise PolicyRefusal(
            f"{sheet.title}: the participant list is for the organisers only "
            f"(this sheet is for the {sheet.audience.value} audience)"
        )
    rows: list[list[str]] = [list(PARTICIPANT_HEADER)]
    for entry in sheet.participants:
        person = entry.person
        attended = "" if entry.attended is None else ("yes" if entry.attended else "no")
        rows.append(
            [
                person.name,
                person.sort_key,
                "; ".join(entry.roles),
                entry.status_label,
                attended,
                person.position,
                person.affiliation,
                person.email,
                person.phone,
            ]
        )
    return rows


def one_name_as_family(given: str, family: str) -> tuple[str, str]:
    """(given, family) with a single name kept as the family name: lists sort by it and the
    person page requires it ("Suharto", or a first-name column filled alone)."""
    if family.strip() or not given.strip():
        return given, family
    return "", given


@dataclass(frozen=True, slots=True)
class ReadRecord:
    """A person read from a file, with the line it starts on (for messages)."""

    line: int
    record: PersonRecord


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What a contact file held: the people, one message per bad row, and notes (the encoding
    guessed, columns ignored)."""

    records: tuple[ReadRecord, ...]
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    # Entries that are not people (a company card): left out, with a note each.
    skipped: tuple[str, ...] = ()


# Honorifics and ranks as the seed writes them; a leading run of these is the honorific.
_HONORIFIC_WORDS = (
    "Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Hon Hon. "
    "Rev Rev. Amb Amb. Ambassador Senator Sen. Justice Gen Gen. General Lt Lt. Lt.Gen. Maj "
    "Maj. Major Brig Brig. Brigadier Col Col. Colonel Capt Capt. Captain Adm Adm. Admiral "
    "Vice Rear Air Marshal Cdre Cdre. Commodore Engr Engr. (R) (Retd) (Retd.) Retd Retd. H.E. HE"
)
_HONORIFICS = {h.casefold() for h in _HONORIFIC_WORDS.split()}
# Post-nominal tokens: all capitals (HI, TI, OBE, PhD) or in parentheses ((M), (TI)).
_POST_NOMINAL = re.compile(r"^(\(?[A-Z]{1,5}\)?,?|\([A-Za-z]{1,5}\),?|Ph\.?D\.?,?|Jr\.?|Sr\.?)$")


# Chinese family names of two characters: an unspaced full name starting with one of these keeps
# both characters as the family name (欧阳修 is family 欧阳, given 修); any other family name is
# its first character (王晓明 is family 王, given 晓明).
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "司徒",
        "东方",
        "夏侯",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "百里",
        "呼延",
        "闻人",
        "澹台",
        "公冶",
        "太史",
        "申屠",
        "钟离",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "赫连",
        "万俟",
        "司空",
        "歐陽",
        "諸葛",
        "司馬",
        "夏侯",
        "長孫",
        "軒轅",
        "東方",
    ]
)


def split_cjk_name(text: str) -> tuple[str, str]:
    """``王晓明`` -> (family ``王``, given ``晓明``); ``欧阳修`` -> (``欧阳``, ``修``). A name of
    one character is a family name alone."""
    family_length = 2 if len(text) > 2 and text[:2] in COMPOUND_SURNAMES else 1
    return text[:family_length], text[family_length:]


def split_full_name(text: str, *, family_first: bool = False) -> tuple[str, str, str, str]:
    """``Lt. Gen. (R) Syed Muhammad Owais HI (M)`` -> (honorific, given, family, post-nominals).

    A best effort for files that only have one name column: a leading run of known honorifics,
    a trailing run of post-nominals, the last remaining word as the family name, or the first
    with ``family_first`` (``Dr. Li Wei`` of a file that says the name is written family name
    first). A name in Chinese, Japanese or Korean characters is written family name first: one
    word (``王晓明``) is split after its family name (:func:`split_cjk_name`). The organiser can
    correct the rest in the directory.
    """
    words = text.split()
    honorific: list[str] = []
    while len(words) > 1 and words[0].casefold() in _HONORIFICS:
        honorific.append(words.pop(0))
    post: list[str] = []
    while len(words) > 1 and _POST_NOMINAL.match(words[-1]):
        post.insert(0, words.pop())
    if not words:
        return " ".join(honorific), "", "", " ".join(post)
    if all(is_cjk(word) for word in words):
        if len(words) == 1:
            family, given = split_cjk_name(words[0])
            return " ".join(honorific), given, family, " ".join(post)
        family_first = True
    family = words.pop(0) if family_first else words.pop()
    return " ".join(honorific), " ".join(words), family, " ".join(post)


# ``Person.name_order`` as a contact file may write it (policy.names holds model.enums.NameOrder's
# values as text: a renderer may not import the model).
_NAME_ORDERS = {
    "": "",
    "auto": "",
    "automatic": "",
    "familyfirst": FAMILY_FIRST,
    "familynamefirst": FAMILY_FIRST,
    "surnamefirst": FAMILY_FIRST,
    "lastnamefirst": FAMILY_FIRST,
    "family": FAMILY_FIRST,
    "givenfirst": GIVEN_FIRST,
    "givennamefirst": GIVEN_FIRST,
    "firstnamefirst": GIVEN_FIRST,
    "given": GIVEN_FIRST,
}


def read_name_order(text: str) -> str | None:
    """A file's name order as ``Person.name_order`` holds it ("Family name first" ->
    "family first"), or None when it is none of them."""
    return _NAME_ORDERS.get(re.sub(r"[^a-z]+", "", text.casefold()))


def name_key(given: str, family: str) -> str:
    """How two spellings of one name compare: the policy's fold (case, diacritics and Arabic
    letter variants ignored, so "Müller" is "Muller"), spaces collapsed, dots gone.

    Honorifics and post-nominals are left out on purpose: "Dr Ayesha Siddiqa" and "Ayesha
    Siddiqa PhD" are one person.
    """
    text = fold(unicodedata.normalize("NFKC", f"{given} {family}")).replace(".", " ")
    return " ".join(text.split())


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", ""),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def has_byte_order_mark(data: bytes) -> bool:
    """Whether ``data`` starts with a UTF-8, UTF-16 or UTF-32 byte-order mark."""
    return data.startswith(tuple(bom for bom, _codec, _label in _BOMS))


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a file and a note on how it was read ("" for plain UTF-8).

    A byte-order mark decides; without one, UTF-8 if the bytes are valid UTF-8, else Windows-1252
    (what Excel and Outlook on Windows write), else Latin-1, which reads any byte.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            return text, (f"read as {label}" if label else "")
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not UTF-8: read as Windows-1252; check accented names"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8: read as Latin-1; check accented names"
