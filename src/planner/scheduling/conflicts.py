"""Conflicts between events, and within one event, as findings a person can act on.

Public API (the GUI, ``planner conflicts`` and ``planner check`` call these):

- ``all_conflicts(session, start=None, end=None)``: every conflict, each pair once;
- ``event_conflicts(session, event_id)``: the conflicts that involve one event, it first;
- ``conflicted_event_ids(session)``: the ids of events with any conflict (for warning icons),
  without writing a sentence for each.

The rules, their codes and severities:

- ``person_double_booked`` (error): someone in the cast (chair, speaker ...) of two events whose
  times overlap, a speaker's time being their own agenda items (``conflict_queries``, "people");
  a *warning* when, in either event, they are only a participant, observer, organiser or
  accepted guest, or when a session only comes within 15 minutes of the other (a near miss).
- ``person_travel_buffer`` (warning): less than the organisation's travel buffer (default 30
  minutes) between one person's events (or sessions) at different venues.
- ``room_double_booked`` (error): one room, two events at once.
- ``venue_double_booked`` (warning): one venue, two events at once, and either has no room set.
- ``person_in_overlapping_items`` (error): someone named in two agenda items of one event that
  overlap.
- ``agenda_outside_event`` (error): an agenda item starting before or ending after its event.
- ``agenda_items_overlap`` (warning): two agenda items of one event at once (parallel sessions
  may be meant).
- ``over_capacity`` (error): more people coming (accepted invitations, the cast, everyone named
  in the agenda, each once) than the room seats.
- ``outside_opening_hours`` (warning): the event is not inside the venue's opening hours (local
  time of the event).

Cancelled and postponed events conflict with nothing. Times are half-open: an event ending at
17:00 and one starting at 17:00 do not overlap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.errors import PlannerError, not_found
from planner.findings import Finding, Severity
from planner.model import (
    CAST_ROLES,
    AgendaItem,
    AgendaPerson,
    Event,
    Invitation,
    InvitationStatus,
    Organisation,
    Participation,
    Person,
    Role,
    Room,
    Venue,
)
from planner.zones import zone_or_utc

from . import conflict_queries as q
from .sql import Window
from .wording import (
    GUEST_LABEL,
    ROLE_LABELS,
    minutes_text,
    moment_text,
    person_name,
    quoted,
    span_text,
    time_text,
)

DEFAULT_TRAVEL_BUFFER_MINUTES = 30
_SESSION_MARGIN_MINUTES = int(q.SESSION_MARGIN.total_seconds() // 60)
# SQLite allows a limited number of bound parameters; larger id lists are asked in chunks.
_CHUNK = 500

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

# How a sentence puts someone in an event: "chair of", "a speaker at".
_ROLE_PHRASES: dict[str, tuple[str, str]] = {
    Role.CHAIR: ("chair", "of"),
    Role.CO_CHAIR: ("co-chair", "of"),
    Role.MODERATOR: ("moderator", "of"),
    Role.KEYNOTE: ("keynote speaker", "at"),
    Role.SPEAKER: ("a speaker", "at"),
    Role.DISCUSSANT: ("a discussant", "at"),
    Role.RAPPORTEUR: ("rapporteur", "at"),
    Role.GUEST_OF_HONOUR: ("guest of honour", "at"),
    Role.HOST: ("host", "of"),
    Role.PARTICIPANT: ("a participant", "at"),
    Role.OBSERVER: ("an observer", "at"),
    Role.ORGANISER: ("an organiser", "of"),
    GUEST_LABEL: (GUEST_LABEL, "at"),
}
# The role a sentence names when someone has several in one event: the programme's order.
_ROLE_RANK: dict[str, int] = {
    role: rank
    for rank, role in enumerate(
        [*CAST_ROLES, Role.PARTICIPANT, Role.OBSERVER, Role.ORGANISER, GUEST_LABEL]
    )
}
_CAST = frozenset(str(role) for role in CAST_ROLES)
_ROLE_LABELS_BY_VALUE = {str(role): label for role, label in ROLE_LABELS.items()}


def travel_buffer_minutes(session: Session) -> int:
    value = session.scalar(select(Organisation.travel_buffer_minutes).limit(1))
    return DEFAULT_TRAVEL_BUFFER_MINUTES if value is None else max(0, int(value))


def _require_aware(name: str, value: datetime | None) -> None:
    if value is not None and value.tzinfo is None:
        raise PlannerError(f"{name} {value:%Y-%m-%d %H:%M} has no time zone")


def all_conflicts(
    session: Session, *, start: datetime | None = None, end: datetime | None = None
) -> list[Finding]:
    """Every conflict among the events that meet ``[start, end)`` (all events by default)."""
    _require_aware("start", start)
    _require_aware("end", end)
    buffer = travel_buffer_minutes(session)
    hits = q.all_hits(session, Window(start, end), buffer)
    return _describe(session, hits, buffer, ordered_by_start=True)


def event_conflicts(session: Session, event_id: int) -> list[Finding]:
    """The conflicts involving one event; in each finding this event's id comes first."""
    target = q.load_target(session, event_id)
    if target is None:
        raise not_found("event", event_id)
    if not target.active:
        return []
    buffer = travel_buffer_minutes(session)
    hits = q.event_hits(session, target, buffer)
    return _describe(session, hits, buffer, ordered_by_start=False)


def conflicted_event_ids(
    session: Session, *, start: datetime | None = None, end: datetime | None = None
) -> set[int]:
    """Ids of the events involved in any conflict: the same rules, no sentences written."""
    _require_aware("start", start)
    _require_aware("end", end)
    hits = q.all_hits(session, Window(start, end), travel_buffer_minutes(session))
    return {event_id for hit in hits for event_id in hit.event_ids}


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first; the order within a severity is kept."""
    return sorted(findings, key=lambda finding: SEVERITY_ORDER.get(finding.severity, 9))


# --- turning hits into sentences ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _EventInfo:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    venue_id: int | None
    room_id: int | None


@dataclass(frozen=True, slots=True)
class _ItemInfo:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for i in range(0, len(ordered), _CHUNK):
        yield ordered[i : i + _CHUNK]


class _Lookup:
    """Everything the sentences name, loaded in a few queries for all hits at once."""

    def __init__(self, session: Session, hits: Sequence[q.Hit], buffer_minutes: int) -> None:
        self.buffer_minutes = buffer_minutes
        event_ids = {i for hit in hits for i in hit.event_ids}
        person_ids = {i for hit in hits for i in hit.person_ids}
        item_ids = {i for hit in hits for i in hit.agenda_item_ids}
        item_ids |= {i for hit in hits for i in hit.sessions if i}
        self.events: dict[int, _EventInfo] = {}
        for chunk in _chunks(event_ids):
            for erow in session.execute(
                select(
                    Event.id,
                    Event.title,
                    Event.starts_at,
                    Event.ends_at,
                    Event.time_zone,
                    Event.venue_id,
                    Event.room_id,
                ).where(Event.id.in_(chunk))
            ):
                self.events[erow[0]] = _EventInfo(*erow)
        self.people: dict[int, str] = {}
        for chunk in _chunks(person_ids):
            for pid, honorific, given, family in session.execute(
                select(Person.id, Person.honorific, Person.given_name, Person.family_name).where(
                    Person.id.in_(chunk)
                )
            ):
                self.people[pid] = person_name(honorific, given, family)
        self.items: dict[int, _ItemInfo] = {}
        for chunk in _chunks(item_ids):
            for row in session.execute(
                select(
                    AgendaItem.id, AgendaItem.title, AgendaItem.starts_at, AgendaItem.ends_at
                ).where(AgendaItem.id.in_(chunk))
            ):
                self.items[row[0]] = _ItemInfo(*row)
        room_ids = {hit.room_id for hit in hits if hit.room_id is not None}
        room_ids |= {e.room_id for e in self.events.values() if e.room_id is not None}
        self.rooms: dict[int, tuple[str, int | None, int]] = {}
        for chunk in _chunks(room_ids):
            for rid, name, capacity, venue_id in session.execute(
                select(Room.id, Room.name, Room.capacity, Room.venue_id).where(Room.id.in_(chunk))
            ):
                self.rooms[rid] = (name, capacity, venue_id)
        venue_ids = {hit.venue_id for hit in hits if hit.venue_id is not None}
        venue_ids |= {e.venue_id for e in self.events.values() if e.venue_id is not None}
        venue_ids |= {venue for _, _, venue in self.rooms.values()}
        self.venues: dict[int, tuple[str, object, object]] = {}
        for chunk in _chunks(venue_ids):
            for vid, name, opens, closes in session.execute(
                select(Venue.id, Venue.name, Venue.opens_at, Venue.closes_at).where(
                    Venue.id.in_(chunk)
                )
            ):
                self.venues[vid] = (name, opens, closes)
        self.roles = self._event_roles(
            session,
            {
                (p, e)
                for hit in hits
                if hit.code in _PAIR_CODES
                for p in hit.person_ids
                for e in hit.event_ids
            },
        )
        self.item_roles = self._item_roles(
            session,
            {
                (p, i)
                for hit in hits
                if hit.code == q.PERSON_IN_OVERLAPPING_ITEMS
                for p in hit.person_ids
                for i in hit.agenda_item_ids
            }
            | {(p, i) for hit in hits for p in hit.person_ids for i in hit.sessions if i},
        )

    @staticmethod
    def _event_roles(
        session: Session, wanted: set[tuple[int, int]]
    ) -> dict[tuple[int, int], set[str]]:
        roles: dict[tuple[int, int], set[str]] = defaultdict(set)
        if not wanted:
            return roles
        people = {p for p, _ in wanted}
        for chunk in _chunks(people):
            # Only the roles of the whole event: a time that came from an agenda item is named
            # by the person's role in that item (``best_role``).
            for pid, eid, role in session.execute(
                select(Participation.person_id, Participation.event_id, Participation.role).where(
                    Participation.person_id.in_(chunk)
                )
            ):
                if (pid, eid) in wanted:
                    roles[(pid, eid)].add(str(role))
            for pid, eid in session.execute(
                select(Invitation.person_id, Invitation.event_id).where(
                    Invitation.person_id.in_(chunk),
                    Invitation.status == InvitationStatus.ACCEPTED,
                )
            ):
                if (pid, eid) in wanted:
                    roles[(pid, eid)].add(GUEST_LABEL)
        return roles

    @staticmethod
    def _item_roles(
        session: Session, wanted: set[tuple[int, int]]
    ) -> dict[tuple[int, int], set[str]]:
        roles: dict[tuple[int, int], set[str]] = defaultdict(set)
        for chunk in _chunks(i for _, i in wanted):
            for pid, iid, role in session.execute(
                select(
                    AgendaPerson.person_id, AgendaPerson.agenda_item_id, AgendaPerson.role
                ).where(AgendaPerson.agenda_item_id.in_(chunk))
            ):
                if (pid, iid) in wanted:
                    roles[(pid, iid)].add(str(role))
        return roles

    def best_role(self, person_id: int, event_id: int, item_id: int | None = None) -> str:
        """The role a sentence names: the person's in the agenda item when their time came
        from one, else their first role in the whole event (or guest)."""
        roles = None if item_id is None else self.item_roles.get((person_id, item_id))
        roles = roles or self.roles.get((person_id, event_id)) or {GUEST_LABEL}
        return min(roles, key=lambda role: _ROLE_RANK.get(role, len(_ROLE_RANK)))

    def place(self, event: _EventInfo) -> str:
        """``Main Hall, Islamabad Club`` or ``Islamabad Club``."""
        venue = self.venues[event.venue_id][0] if event.venue_id in self.venues else ""
        room = self.rooms[event.room_id][0] if event.room_id in self.rooms else ""
        return ", ".join(part for part in (room, venue) if part) or "no venue"


_PAIR_CODES = frozenset({q.PERSON_DOUBLE_BOOKED, q.PERSON_TRAVEL_BUFFER})


def _describe(
    session: Session, hits: Sequence[q.Hit], buffer_minutes: int, *, ordered_by_start: bool
) -> list[Finding]:
    if not hits:
        return []
    look = _Lookup(session, hits, buffer_minutes)
    findings: list[tuple[datetime, Finding]] = []
    for hit in hits:
        events = [look.events[i] for i in hit.event_ids if i in look.events]
        if len(events) != len(hit.event_ids):
            continue  # deleted meanwhile
        if ordered_by_start and len(events) == 2:
            events.sort(key=lambda e: (e.starts_at, e.id))
        finding = _WRITERS[hit.code](hit, events, look)
        findings.append((events[0].starts_at, finding))
    findings.sort(key=lambda pair: (SEVERITY_ORDER[pair[1].severity], pair[0], pair[1].code))
    return [finding for _, finding in findings]


class _Timed(Protocol):
    @property
    def starts_at(self) -> datetime: ...
    @property
    def ends_at(self) -> datetime: ...
    @property
    def time_zone(self) -> str: ...


def _overlap_text(a: _Timed, b: _Timed) -> str:
    start = max(a.starts_at, b.starts_at)
    end = min(a.ends_at, b.ends_at)
    text = span_text(start, end, a.time_zone)
    if zone_or_utc(a.time_zone) != zone_or_utc(b.time_zone):
        text += f" ({a.time_zone or 'UTC'} time)"
    return text


@dataclass(frozen=True, slots=True)
class _Stretch:
    """A person's busy time in one event, as the person rules compared it: the whole event, or
    one agenda item they are named in (``item``), with the role they have there."""

    event: _EventInfo
    item: _ItemInfo | None
    role: str

    @property
    def starts_at(self) -> datetime:
        return self.event.starts_at if self.item is None else self.item.starts_at

    @property
    def ends_at(self) -> datetime:
        return self.event.ends_at if self.item is None else self.item.ends_at

    @property
    def time_zone(self) -> str:
        return self.event.time_zone

    def part(self, *, times: bool) -> str:
        """``a speaker at 'A' in 'Panel 2' (Fri 15 Jan 2027 12:30–13:30)``, ``chair of 'B'``;
        ``times`` adds the times to the whole event too."""
        text = _as_role(self.role, self.event)
        if self.item is not None:
            text += f" in {quoted(self.item.title)}"
        if times or self.item is not None:
            text += f" ({span_text(self.starts_at, self.ends_at, self.time_zone)})"
        return text


def _stretches(hit: q.Hit, events: list[_EventInfo], look: _Lookup) -> list[_Stretch]:
    """The hit's busy stretches in the order of ``events`` (which may be sorted by start)."""
    person = hit.person_ids[0]
    sessions = dict(zip(hit.event_ids, hit.sessions, strict=True))
    stretches = []
    for event in events:
        item_id = sessions.get(event.id)
        item = look.items.get(item_id) if item_id is not None else None
        stretches.append(_Stretch(event, item, look.best_role(person, event.id, item_id)))
    return stretches


def _in_both(role_a: str, a: _EventInfo, role_b: str, b: _EventInfo) -> str:
    """``chair of both 'A' and 'B'`` or ``chair of 'A' and a speaker at 'B'``."""
    if role_a == role_b:
        label, prep = _ROLE_PHRASES.get(role_a, (role_a, "at"))
        return f"{label} {prep} both {quoted(a.title)} and {quoted(b.title)}"
    return f"{_as_role(role_a, a)} and {_as_role(role_b, b)}"


def _person_double_booked(hit: q.Hit, events: list[_EventInfo], look: _Lookup) -> Finding:
    a, b = _stretches(hit, events, look)
    person = hit.person_ids[0]
    name = look.people.get(person, f"Person {person}")
    if hit.near_miss:
        # Only the margin around a session is broken: a warning, with both times to judge by.
        first, second = sorted((a, b), key=lambda s: (s.starts_at, s.event.id))
        gap = f"{minutes_text(hit.count)} between them" if hit.count else "no time between them"
        message = (
            f"{name} is {first.part(times=True)} and {second.part(times=True)}: {gap}, less "
            f"than the {minutes_text(_SESSION_MARGIN_MINUTES)} kept free around a session, "
            "which may run over."
        )
        severity = Severity.WARNING
    else:
        if a.item is None and b.item is None:
            both = _in_both(a.role, a.event, b.role, b.event)
        else:
            both = f"{a.part(times=False)} and {b.part(times=False)}"
        message = f"{name} is {both}, which overlap on {_overlap_text(a, b)}."
        both_cast = a.role in _CAST and b.role in _CAST
        severity = Severity.ERROR if both_cast else Severity.WARNING
    return Finding(
        severity,
        hit.code,
        message,
        (a.event.id, b.event.id),
        tuple(s.item.id for s in (a, b) if s.item is not None),
        hit.person_ids,
    )


def _as_role(role: str, event: _EventInfo) -> str:
    """``chair of 'A'``, ``a speaker at 'B'``."""
    label, prep = _ROLE_PHRASES.get(role, (role, "at"))
    return f"{label} {prep} {quoted(event.title)}"


def _person_travel_buffer(hit: q.Hit, events: list[_EventInfo], look: _Lookup) -> Finding:
    a, b = _stretches(hit, events, look)
    first, second = (a, b) if a.ends_at <= b.starts_at else (b, a)
    person = hit.person_ids[0]
    where = zone_or_utc(first.time_zone)
    same_day = first.ends_at.astimezone(where).date() == second.starts_at.astimezone(where).date()
    second_start = (
        time_text(second.starts_at.astimezone(where))
        if same_day
        else moment_text(second.starts_at, first.time_zone)
    )

    def part(stretch: _Stretch) -> str:
        session = f" in {quoted(stretch.item.title)}" if stretch.item is not None else ""
        return f"{_as_role(stretch.role, stretch.event)}{session}"

    return Finding(
        Severity.WARNING,
        hit.code,
        f"{look.people.get(person, f'Person {person}')} is "
        f"{part(first)} at {look.place(first.event)} until "
        f"{moment_text(first.ends_at, first.time_zone)} and "
        f"{part(second)} at {look.place(second.event)} from "
        f"{second_start}: {minutes_text(hit.count)} to get there, less than the "
        f"{minutes_text(look.buffer_minutes)} allowed between venues.",
        (a.event.id, b.event.id),
        tuple(s.item.id for s in (a, b) if s.item is not None),
        hit.person_ids,
    )


def _room_double_booked(hit: q.Hit, events: list[_EventInfo], look: _Lookup) -> Finding:
    a, b = events
    return Finding(
        Severity.ERROR,
        hit.code,
        f"{look.place(a)} is booked for both {quoted(a.title)} and {quoted(b.title)}, "
        f"which overlap on {_overlap_text(a, b)}.",
        (a.id, b.id),
    )


def _venue_double_booked(hit: q.Hit, events: list[_EventInfo], look: _Lookup) -> Finding:
    a, b = events
    venue = look.venues[hit.venue_id][0] if hit.venue_id in look.venues else "the venue"
    roomless = [e for e in (a, b) if e.room_id is None]
    which = (
        "neither has a room set"
        if len(roomless) == 2
        else f"{quoted(roomless[0].title)} has no room set"
    )
    return Finding(
        Severity.WARNING,
        hit.code,
        f"{quoted(a.title)} and {quoted(b.title)} are both at {venue} on "
        f"{_overlap_text(a, b)} and {which}: choose rooms so they do not clash.",
        (a.id, b.id),
    )


def _item(look: _Lookup, item_id: int) -> _ItemInfo:
    return look.items[item_id]


def _agenda_person(hit: q.Hit, events: list[_EventInfo], look: _Lookup) -> Finding:
    (event,) = events
    person = hit.person_ids[0]
    one, two = (_item(look, i) for i in hit.agenda_item_ids)

    def role(item: _ItemInfo) -> str:
        roles = look.item_roles.get((person, item.id)) or {Role.SPEAKER.value}
        best = min(roles, key=lambda r: _ROLE_RANK.get(r, len(_ROLE_RANK)))
        return _ROLE_LABELS_BY_VALUE.get(best, best)

    start = max(one.starts_at, two.starts_at)
    end = min(one.ends_at, two.ends_at)
    return Finding(
        Severity.ERROR,
        hit.code,
        f"{look.people.get(person, f'Person {person}')} is in both {quoted(one.title)} "
        f"({role(one)}) and {quoted(two.title)} ({role(two)}) of {quoted(event.title)}, "
        f"which overlap on {span_text(start, end, event.time_zone)}.",
        (event.id,),
        hit.agenda_item_ids,
        hit.person_ids,
    )


def _agenda_outside(hit: q.Hit, events: list[_EventInfo], look: _Lookup) -> Finding:
    (event,) = events
    item = _item(look, hit.agenda_item_ids[0])
    return Finding(
        Severity.ERROR,
        hit.code,
        f"The agenda item {quoted(item.title)} "
        f"({span_text(item.starts_at, item.ends_at, event.time_zone)}) runs outside "
        f"{quoted(event.title)} ({span_text(event.starts_at, event.ends_at, event.time_zone)}).",
        (event.id,),
        hit.agenda_item_ids,
    )


def _agenda_overlap(hit: q.Hit, events: list[_EventInfo], look: _Lookup) -> Finding:
    (event,) = events
    one, two = (_item(look, i) for i in hit.agenda_item_ids)
    start = max(one.starts_at, two.starts_at)
    end = min(one.ends_at, two.ends_at)
    return Finding(
        Severity.WARNING,
        hit.code,
        f"The agenda items {quoted(one.title)} and {quoted(two.title)} of "
        f"{quoted(event.title)} overlap on {span_text(start, end, event.time_zone)}.",
        (event.id,),
        hit.agenda_item_ids,
    )


def _over_capacity(hit: q.Hit, events: list[_EventInfo], look: _Lookup) -> Finding:
    (event,) = events
    name, capacity, _ = look.rooms.get(hit.room_id or -1, ("the room", None, 0))
    return Finding(
        Severity.ERROR,
        hit.code,
        f"{hit.count} people are coming to {quoted(event.title)} (accepted invitations and "
        f"everyone with a role), but {name} seats {capacity}.",
        (event.id,),
    )


def _outside_hours(hit: q.Hit, events: list[_EventInfo], look: _Lookup) -> Finding:
    (event,) = events
    name, opens, closes = look.venues.get(hit.venue_id or -1, ("the venue", None, None))
    hours = f"{opens:%H:%M}–{closes:%H:%M}" if opens is not None and closes is not None else ""
    return Finding(
        Severity.WARNING,
        hit.code,
        f"{quoted(event.title)} ({span_text(event.starts_at, event.ends_at, event.time_zone)}) "
        f"is outside the opening hours of {name} ({hours}).",
        (event.id,),
    )


_WRITERS = {
    q.PERSON_DOUBLE_BOOKED: _person_double_booked,
    q.PERSON_TRAVEL_BUFFER: _person_travel_buffer,
    q.ROOM_DOUBLE_BOOKED: _room_double_booked,
    q.VENUE_DOUBLE_BOOKED: _venue_double_booked,
    q.PERSON_IN_OVERLAPPING_ITEMS: _agenda_person,
    q.AGENDA_OUTSIDE_EVENT: _agenda_outside,
    q.AGENDA_ITEMS_OVERLAP: _agenda_overlap,
    q.OVER_CAPACITY: _over_capacity,
    q.OUTSIDE_OPENING_HOURS: _outside_hours,
}
