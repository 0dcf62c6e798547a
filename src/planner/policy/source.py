"""What a sheet is built from: one event and its people as plain records, read in one way.

The policy never sees an ORM object. :func:`read_event` and :func:`read_organisation` run the
same SQL, name every column they read (columns other versions add are never selected) and turn
the rows into the same frozen records whichever driver answered them:

- ``planner.policy.build.build_sheet(session, ...)`` asks a SQLAlchemy session (SQLite or
  PostgreSQL; the session flushes pending changes first, so the GUI's edits are seen);
- ``planner render`` on a SQLite file asks the standard library's ``sqlite3``
  (:mod:`planner.store.quick_read`), so the command imports neither SQLAlchemy nor its ORM
  (about 0.45 s of CPU; see docs/guide/documents.md).

Drivers hand back different Python types for the same column (SQLite: text for a timestamp,
0/1 for a boolean, text for JSON; psycopg: datetime, bool, a parsed list), so every value goes
through one converter per column type below; a test builds every sheet both ways and compares.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from planner.errors import PlannerError, not_found
from planner.model.enums import (
    AgendaKind,
    AttributionRule,
    EventAudience,
    EventFormat,
    EventStatus,
    InvitationStatus,
    PaperSize,
    Role,
    TimeStyle,
)

# Runs one SQL statement with named parameters (``:event_id``) and returns its rows.
Rows = Callable[[str, Mapping[str, object]], Sequence[Sequence[Any]]]


@dataclass(frozen=True, slots=True)
class SourcePerson:
    id: int
    honorific: str
    given_name: str
    family_name: str
    post_nominals: str
    position: str
    affiliation: str
    email: str
    phone: str
    short_style: str
    salutation: str
    short_bio: str
    long_bio: str
    name_order: str = ""  # model.enums.NameOrder's value (revision 0010)


@dataclass(frozen=True, slots=True)
class SourceOrganisation:
    name: str
    short_name: str
    address: str
    website: str
    email: str
    phone: str
    logo_path: str
    brand_colour: str
    paper_size: PaperSize | None
    time_zone: str
    time_style: TimeStyle
    name_cast_publicly_under_chatham_house: bool
    language: str


@dataclass(frozen=True, slots=True)
class SourceSeries:
    title: str
    numbering: str


@dataclass(frozen=True, slots=True)
class SourceVenue:
    id: int
    name: str
    city: str
    address: str
    contact: str


@dataclass(frozen=True, slots=True)
class SourceRoom:
    venue_id: int
    name: str
    capacity: int | None


@dataclass(frozen=True, slots=True)
class SourceAgendaPerson:
    person_id: int
    person: SourcePerson
    role: Role


@dataclass(frozen=True, slots=True)
class SourceAgendaItem:
    id: int
    starts_at: datetime
    ends_at: datetime
    title: str
    kind: AgendaKind
    description: str
    attribution: AttributionRule | None  # None: the event's rule
    people: tuple[SourceAgendaPerson, ...]


@dataclass(frozen=True, slots=True)
class SourceParticipation:
    id: int
    person_id: int
    person: SourcePerson
    role: Role
    position: int


@dataclass(frozen=True, slots=True)
class SourceInvitation:
    person_id: int
    person: SourcePerson
    status: InvitationStatus
    attended: bool | None


@dataclass(frozen=True, slots=True)
class SourceConsent:
    person_id: int
    person: SourcePerson
    may_be_named: bool
    description: str


@dataclass(frozen=True, slots=True)
class SourceEvent:
    """One event with everything a sheet, a report check or a review reads of it."""

    id: int
    uid: str
    title: str
    short_title: str
    subtitle: str
    format: EventFormat
    status: EventStatus
    sequence: int
    series_number: int | None
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    attribution: AttributionRule
    audience: EventAudience
    name_cast_publicly: bool | None
    concept_note: str
    background: str
    key_issues: list[str]
    report_summary: str
    report_discussion: str
    report_recommendations: list[str]
    report_url: str
    contact: str
    series: SourceSeries | None
    venue: SourceVenue | None
    room: SourceRoom | None
    agenda: tuple[SourceAgendaItem, ...]  # by position, then id
    participations: tuple[SourceParticipation, ...]  # by role, position, id
    invitations: tuple[SourceInvitation, ...]  # by id
    consents: tuple[SourceConsent, ...]  # by id


# --- one converter per column type -------------------------------------------------------

E = TypeVar("E", bound=StrEnum)


def _enum(kind: type[E], value: object, where: str) -> E:
    try:
        return kind(str(value))
    except ValueError:
        raise PlannerError(f"{where}: {value!r} is not a known value") from None


def _optional_enum(kind: type[E], value: object, where: str) -> E | None:
    return None if value is None else _enum(kind, value, where)


def _utc(value: object, where: str) -> datetime:
    """A stored timestamp (naive UTC; SQLite hands it over as text) as an aware datetime."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise PlannerError(f"{where}: {value!r} is not a date and time") from None
    if not isinstance(value, datetime):
        raise PlannerError(f"{where}: {value!r} is not a date and time")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _flag(value: object) -> bool | None:
    return None if value is None else bool(value)


def _json(value: object) -> Any:
    """A JSON column: SQLite hands over its text, psycopg the parsed value."""
    return json.loads(value) if isinstance(value, str | bytes) else value


# --- the statements ----------------------------------------------------------------------

PERSON_COLUMNS = (
    "id, honorific, given_name, family_name, post_nominals, position, affiliation, email, "
    "phone, short_style, salutation, short_bio, long_bio, name_order"
)
_PEOPLE = f"""
SELECT {PERSON_COLUMNS} FROM person WHERE id IN (
    SELECT person_id FROM participation WHERE event_id = :event_id
    UNION SELECT ap.person_id FROM agenda_person ap
        JOIN agenda_item ai ON ai.id = ap.agenda_item_id WHERE ai.event_id = :event_id
    UNION SELECT person_id FROM invitation WHERE event_id = :event_id
    UNION SELECT person_id FROM consent WHERE event_id = :event_id
)"""
_EVENT_COLUMNS = (
    "id", "uid", "title", "short_title", "subtitle", "format", "status", "sequence",
    "series_number", "starts_at", "ends_at", "time_zone", "attribution", "audience",
    "name_cast_publicly", "concept_note", "background", "key_issues", "report_summary",
    "report_discussion", "report_recommendations", "report_url", "contact", "series_id",
    "venue_id", "room_id",
)  # fmt: skip
_EVENT = f"SELECT {', '.join(_EVENT_COLUMNS)} FROM event WHERE id = :event_id"
_SERIES = "SELECT title, numbering FROM series WHERE id = :id"
_VENUE = "SELECT id, name, city, address, contact FROM venue WHERE id = :id"
_ROOM = "SELECT venue_id, name, capacity FROM room WHERE id = :id"
_AGENDA = """
SELECT id, starts_at, ends_at, title, kind, description, attribution
FROM agenda_item WHERE event_id = :event_id ORDER BY position, id"""
_AGENDA_PEOPLE = """
SELECT ap.agenda_item_id, ap.person_id, ap.role
FROM agenda_person ap JOIN agenda_item ai ON ai.id = ap.agenda_item_id
WHERE ai.event_id = :event_id ORDER BY ap.position, ap.id"""
_PARTICIPATIONS = """
SELECT id, person_id, role, position FROM participation
WHERE event_id = :event_id ORDER BY role, position, id"""
_INVITATIONS = """
SELECT person_id, status, attended FROM invitation WHERE event_id = :event_id ORDER BY id"""
_CONSENTS = """
SELECT person_id, may_be_named, description FROM consent WHERE event_id = :event_id ORDER BY id"""
_ORGANISATION_COLUMNS = (
    "name", "short_name", "address", "website", "email", "phone", "logo_path", "brand_colour",
    "paper_size", "time_zone", "time_style", "name_cast_publicly_under_chatham_house",
    "language",
)  # fmt: skip
_ORGANISATION = f"SELECT {', '.join(_ORGANISATION_COLUMNS)} FROM organisation ORDER BY id LIMIT 1"


def read_organisation(rows: Rows) -> SourceOrganisation | None:
    """The organisation (the first row; None in a database that has none yet)."""
    found = rows(_ORGANISATION, {})
    if not found:
        return None
    org: dict[str, Any] = dict(zip(_ORGANISATION_COLUMNS, found[0], strict=True))
    # The text columns as they are; the others converted.
    org["paper_size"] = _optional_enum(PaperSize, org["paper_size"], "organisation paper size")
    org["time_style"] = _enum(TimeStyle, org["time_style"], "organisation time style")
    names = "name_cast_publicly_under_chatham_house"
    org[names] = bool(org[names])
    return SourceOrganisation(**org)


def read_event(rows: Rows, event_id: int) -> SourceEvent:
    """Event ``event_id`` with its agenda, cast, invitations, consents and their people
    (NotFoundError for an unknown id)."""
    params = {"event_id": event_id}
    found = rows(_EVENT, params)
    if not found:
        raise not_found("event", event_id)
    event = dict(zip(_EVENT_COLUMNS, found[0], strict=True))
    where = f"event {event_id}"
    people = {row[0]: SourcePerson(*row) for row in rows(_PEOPLE, params)}
    by_item: dict[int, list[SourceAgendaPerson]] = {}
    for item_id, person_id, role in rows(_AGENDA_PEOPLE, params):
        by_item.setdefault(item_id, []).append(
            SourceAgendaPerson(person_id, people[person_id], _enum(Role, role, f"{where} role"))
        )
    agenda = tuple(
        SourceAgendaItem(
            id=item_id,
            starts_at=_utc(item_starts, f"{where} agenda start"),
            ends_at=_utc(item_ends, f"{where} agenda end"),
            title=item_title,
            kind=_enum(AgendaKind, kind, f"{where} agenda kind"),
            description=description,
            attribution=_optional_enum(AttributionRule, rule, f"{where} agenda attribution"),
            people=tuple(by_item.get(item_id, ())),
        )
        for item_id, item_starts, item_ends, item_title, kind, description, rule in rows(
            _AGENDA, params
        )
    )
    return SourceEvent(
        id=event["id"],
        uid=event["uid"],
        title=event["title"],
        short_title=event["short_title"],
        subtitle=event["subtitle"],
        format=_enum(EventFormat, event["format"], f"{where} format"),
        status=_enum(EventStatus, event["status"], f"{where} status"),
        sequence=event["sequence"],
        series_number=event["series_number"],
        starts_at=_utc(event["starts_at"], f"{where} start"),
        ends_at=_utc(event["ends_at"], f"{where} end"),
        time_zone=event["time_zone"],
        attribution=_enum(AttributionRule, event["attribution"], f"{where} attribution"),
        audience=_enum(EventAudience, event["audience"], f"{where} audience"),
        name_cast_publicly=_flag(event["name_cast_publicly"]),
        concept_note=event["concept_note"],
        background=event["background"],
        key_issues=_json(event["key_issues"]),
        report_summary=event["report_summary"],
        report_discussion=event["report_discussion"],
        report_recommendations=_json(event["report_recommendations"]),
        report_url=event["report_url"],
        contact=event["contact"],
        series=_one(rows, _SERIES, event["series_id"], SourceSeries),
        venue=_one(rows, _VENUE, event["venue_id"], SourceVenue),
        room=_one(rows, _ROOM, event["room_id"], SourceRoom),
        agenda=agenda,
        participations=tuple(
            SourceParticipation(
                pid, person_id, people[person_id], _enum(Role, role, f"{where} role"), position
            )
            for pid, person_id, role, position in rows(_PARTICIPATIONS, params)
        ),
        invitations=tuple(
            SourceInvitation(
                person_id,
                people[person_id],
                _enum(InvitationStatus, answer, f"{where} invitation status"),
                _flag(attended),
            )
            for person_id, answer, attended in rows(_INVITATIONS, params)
        ),
        consents=tuple(
            SourceConsent(person_id, people[person_id], bool(named), description)
            for person_id, named, description in rows(_CONSENTS, params)
        ),
    )


_PERSON = f"SELECT {PERSON_COLUMNS} FROM person WHERE id = :id"


def read_person(rows: Rows, person_id: int) -> SourcePerson | None:
    """One person (None for an unknown id): the addressee of a message who is no longer
    linked to the event."""
    return _one(rows, _PERSON, person_id, SourcePerson)


T = TypeVar("T")


def _one(rows: Rows, sql: str, key: object, make: Callable[..., T]) -> T | None:
    """The row ``key`` names (a series, venue or room), or None when there is no key or row."""
    if key is None:
        return None
    found = rows(sql, {"id": key})
    return make(*found[0]) if found else None
