"""People as vCards (.vcf): the directory, or an event's people from one audience's sheet.

vCard 4.0 (RFC 6350) for phones, Apple Contacts, Google Contacts and Thunderbird; 3.0 (RFC
2426) for Outlook, which does not read 4.0. Each card holds N (family; given; ; honorific;
post-nominals), FN (the full style), ORG, TITLE, EMAIL, TEL and, for the directory, NOTE: what
:func:`planner.exports.vcard.read_vcards` reads back, so an export imports into another
database as the same people. Text is escaped (``\\\\``, ``\\,``, ``\\;``, ``\\n``), lines end
in CRLF and are folded at 75 octets without splitting a UTF-8 sequence.

An event's people come from the sheet for the chosen audience and nothing else: the organisers'
sheet gives everyone linked to the event with their addresses; the attendees' and the public
sheet give only the people they name in the programme (no addresses, no one described as "a
former diplomat": a description is not a contact).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator

from planner.errors import PlannerError
from planner.policy.names import full_style
from planner.policy.sheet import Audience, PersonEntry, Sheet

from .contacts import PersonRecord, split_full_name

LINE_OCTETS = 75
CRLF = "\r\n"


class VCardVersion(enum.StrEnum):
    V4 = "4.0"
    V3 = "3.0"


def as_version(value: VCardVersion | str) -> VCardVersion:
    try:
        return VCardVersion(str(value))
    except ValueError:
        raise PlannerError(f"unknown vCard version {value!r}; use 4.0 or 3.0 (Outlook)") from None


def escape(value: str) -> str:
    """A text value as a vCard writes it: ``\\``, ``,``, ``;`` and line breaks escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    # Other control characters have no escape in a vCard and break some readers: dropped.
    value = "".join(ch for ch in value if ch in "\n\t" or ord(ch) >= 32)
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str) -> str:
    """``line`` folded at 75 octets (CRLF and a space), never inside a UTF-8 sequence."""
    if len(line) * 4 <= LINE_OCTETS or len(line.encode("utf-8")) <= LINE_OCTETS:
        return line + CRLF  # most lines: short enough as they are
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size = [], 0
            limit = LINE_OCTETS - 1  # a continuation line starts with its space
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces) + CRLF


class _Card:
    def __init__(self, version: VCardVersion) -> None:
        self.version = version
        self.lines = ["BEGIN:VCARD", f"VERSION:{version.value}"]

    def add(self, name: str, value: str, params: str = "") -> None:
        # Outlook reads a 3.0 card as Windows-1252 unless told: CHARSET=UTF-8 (as Outlook's
        # own 2.1 cards say) on any value that is not plain ASCII. 4.0 is UTF-8 by definition.
        if self.version is VCardVersion.V3 and not value.isascii():
            params += ";CHARSET=UTF-8"
        self.lines.append(f"{name}{params}:{value}")

    def text(self, name: str, value: str, params: str = "") -> None:
        if value.strip():
            self.add(name, escape(value.strip()), params)

    def render(self) -> str:
        return "".join(fold(line) for line in [*self.lines, "END:VCARD"])


def _card(
    version: VCardVersion,
    *,
    parts: tuple[str, str, str, str],
    full_name: str,
    affiliation: str,
    position: str,
    email: str,
    phone: str,
    notes: str = "",
) -> str:
    honorific, given, family, post = parts
    card = _Card(version)
    if version is VCardVersion.V4:
        card.add("KIND", "individual")
    card.add("N", ";".join(escape(p.strip()) for p in (family, given, "", honorific, post)))
    card.add("FN", escape(full_name))
    card.text("ORG", affiliation)
    card.text("TITLE", position)
    work = "work" if version is VCardVersion.V4 else "INTERNET,WORK"
    card.text("EMAIL", email, f";TYPE={work}")
    card.text(
        "TEL", phone, ";TYPE=work,voice" if version is VCardVersion.V4 else ";TYPE=WORK,VOICE"
    )
    card.text("NOTE", notes)
    return card.render()


def _document(cards: Iterable[str]) -> bytes:
    return "".join(cards).encode("utf-8")


def render_people_vcards(
    records: Iterable[PersonRecord], version: VCardVersion | str = VCardVersion.V4
) -> bytes:
    """The directory as one .vcf file, a card per person (the directory is the organisers'
    own data: addresses and notes included)."""
    chosen = as_version(version)
    return _document(
        _card(
            chosen,
            parts=(r.honorific, r.given_name, r.family_name, r.post_nominals),
            full_name=full_style(r),
            affiliation=r.affiliation,
            position=r.position,
            email=r.email,
            phone=r.phone,
            notes=r.notes,
        )
        for r in records
        if (r.given_name or r.family_name).strip()
    )


def sheet_people(sheet: Sheet) -> list[PersonEntry]:
    """The people a sheet lets its audience take away as contacts, once each.

    Organisers: everyone on the participant list. Attendees and the public: the people the
    programme names (cast, then agenda parts); described people are left out.
    """
    if sheet.audience is Audience.ORGANISERS:
        entries: Iterator[PersonEntry] = (p.person for p in sheet.participants or ())
    else:
        entries = (
            person
            for people in (
                *(group.people for group in sheet.cast),
                *(row.people for row in sheet.agenda),
            )
            for person in people
        )
    seen: set[tuple[str, ...]] = set()
    people: list[PersonEntry] = []
    for entry in entries:
        key = (entry.name, entry.sort_key, entry.email.casefold())
        if entry.described or not entry.name.strip() or key in seen:
            continue
        seen.add(key)
        people.append(entry)
    return people


def _parts(entry: PersonEntry) -> tuple[str, str, str, str]:
    if entry.given_name or entry.family_name:
        return entry.honorific, entry.given_name, entry.family_name, entry.post_nominals
    # A sheet made without the parts (a hand-made one): split the styled name.
    return split_full_name(entry.name)


def render_sheet_vcards(sheet: Sheet, version: VCardVersion | str = VCardVersion.V4) -> bytes:
    """The people of one event as this sheet's audience may have them (see :func:`sheet_people`)."""
    chosen = as_version(version)
    return _document(
        _card(
            chosen,
            parts=_parts(entry),
            full_name=entry.name,
            affiliation=entry.affiliation,
            position=entry.position,
            email=entry.email,
            phone=entry.phone,
        )
        for entry in sheet_people(sheet)
    )
