"""The conflict rules as SQL: each returns the raw hits (ids, a count), no sentences.

Every pairwise rule is a self-join on an equality key (the person, the venue, the event) plus an
interval condition, so the database walks an index per key instead of Python comparing every
event with every other. ``conflicts.py`` turns hits into findings; ``conflicted_event_ids`` only
needs the ids and skips that step.

There are two entry points: ``all_hits`` (every pair once, for the whole database or a window)
and ``event_hits`` (one event against the rest: its own times become constants, so each query
is a short index range).

Who counts as "in" an event for the person rules (``membership``): anyone with a participation
(every role: the cast, but also participants, observers and organisers), anyone named in one of
its agenda items, and anyone whose invitation is accepted. Invited, tentative and declined
people do not count: they have not said they will be there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal_column,
    null,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from planner.days import over_days
from planner.model import (
    AgendaItem,
    AgendaPerson,
    Event,
    EventStatus,
    Invitation,
    InvitationStatus,
    Participation,
    Role,
    Room,
    UTCDateTime,
    Venue,
)
from planner.zones import zone_or_utc

from .sql import (
    INACTIVE_STATUSES,
    Window,
    either_null,
    epoch_seconds,
    is_active,
    near,
    starts_within,
    window_filter,
)

PERSON_DOUBLE_BOOKED = "person_double_booked"
PERSON_TRAVEL_BUFFER = "person_travel_buffer"
ROOM_DOUBLE_BOOKED = "room_double_booked"
VENUE_DOUBLE_BOOKED = "venue_double_booked"
AGENDA_ITEMS_OVERLAP = "agenda_items_overlap"
AGENDA_OUTSIDE_EVENT = "agenda_outside_event"
PERSON_IN_OVERLAPPING_ITEMS = "person_in_overlapping_items"
OVER_CAPACITY = "over_capacity"
OUTSIDE_OPENING_HOURS = "outside_opening_hours"


@dataclass(frozen=True, slots=True)
class Hit:
    """One conflict as the database found it. ``event_ids``: the checked event first."""

    code: str
    event_ids: tuple[int, ...]
    agenda_item_ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()
    room_id: int | None = None
    venue_id: int | None = None
    count: int = 0  # people coming (capacity), or the minutes between events (travel)
    # Person rules: the agenda item each event's time came from (None: the whole event),
    # aligned with ``event_ids``; and whether only the margin around a session was broken.
    sessions: tuple[int | None, ...] = ()
    near_miss: bool = False


# A select of any number of columns (SQLAlchemy 2.1 types a select by its column types).
AnySelect = Select[*tuple[Any, ...]]

# "accepted" written into the SQL rather than bound as a parameter: SQLite can use a partial
# index (``... WHERE status = 'accepted'``) only when the query's condition is literally its own.
ACCEPTED: ColumnElement[str] = literal_column(f"'{InvitationStatus.ACCEPTED.value}'")

# --- who is in an event ------------------------------------------------------------------

_SOURCES = ("participation", "agenda", "invitation")


@dataclass(frozen=True, slots=True)
class _Source:
    """One way of being in an event: the row naming the person, the joins that lead from it to
    the event, and conditions (an invitation must be accepted)."""

    main: Any  # an aliased entity with a person_id
    person_id: Any
    event_id: Any
    joins: tuple[tuple[Any, Any], ...] = ()  # (entity, on clause), joined after ``main``
    conditions: tuple[ColumnElement[bool], ...] = ()
    item: Any = None  # the agenda source's item (its times are the person's busy time)
    role: Any = None  # the participation source's role

    @property
    def item_id(self) -> Any:
        return self.item.id if self.item is not None else cast(null(), Integer)

    @property
    def item_starts_at(self) -> Any:
        return self.item.starts_at if self.item is not None else cast(null(), UTCDateTime)

    @property
    def item_ends_at(self) -> Any:
        return self.item.ends_at if self.item is not None else cast(null(), UTCDateTime)

    def from_participation(self) -> ColumnElement[int]:
        """1 for the participation source, else 0: written as a constant, so pairing rows by
        person reads only the covering index (the role is asked later, of the few pairs that
        come near each other)."""
        return literal_column("1" if self.role is not None else "0")

    def start(self, query: AnySelect) -> AnySelect:
        """``query`` FROM this source."""
        query = query.select_from(self.main)
        for entity, on in self.joins:
            query = query.join(entity, on)
        return query

    def join_on_person(self, query: AnySelect, person_id: Any) -> AnySelect:
        """``query`` joined to this source's rows for the same person."""
        query = query.join(self.main, self.person_id == person_id)
        for entity, on in self.joins:
            query = query.join(entity, on)
        return query


def _source(kind: str) -> _Source:
    """A fresh (aliased) source, so a query can join two of the same kind."""
    if kind == "participation":
        part = aliased(Participation)
        return _Source(part, part.person_id, part.event_id, role=part.role)
    if kind == "agenda":
        person = aliased(AgendaPerson)
        item = aliased(AgendaItem)
        return _Source(
            person,
            person.person_id,
            item.event_id,
            joins=((item, item.id == person.agenda_item_id),),
            item=item,
        )
    invitation = aliased(Invitation)
    return _Source(
        invitation,
        invitation.person_id,
        invitation.event_id,
        conditions=(invitation.status == ACCEPTED,),
    )


# --- statements: built once per shape, then only their parameters change ------------------
#
# Building an SQLAlchemy statement (aliases above all) costs far more than running these
# small queries, so each is made once and cached; its inputs are bound parameters.

# Which events a statement looks at: ("event",) the one in :event_id, or
# ("window", has_start, has_end) every event that will happen and meets the window.
EventSpec = tuple[Any, ...]


def _event_conditions(event: Any, spec: EventSpec) -> list[ColumnElement[bool]]:
    if spec[0] == "event":
        return [event.id == bindparam("event_id")]
    return window_filter(event, (spec[1], spec[2]))


def _window_spec(window: Window) -> EventSpec:
    return ("window", *window.shape)


def _membership_selects(filter_by: str) -> list[AnySelect]:
    """(person_id, event_id) for each way of being in an event.

    ``filter_by``: "event" (:event_id), "events" (:event_ids, a list) or "" (everyone).
    """
    selects = []
    for kind in _SOURCES:
        src = _source(kind)
        query = src.start(
            select(src.person_id.label("person_id"), src.event_id.label("event_id"))
        ).where(*src.conditions)
        if filter_by == "event":
            query = query.where(src.event_id == bindparam("event_id"))
        elif filter_by == "events":
            query = query.where(src.event_id.in_(bindparam("event_ids", expanding=True)))
        selects.append(query)
    return selects


@cache
def _headcount_stmt() -> AnySelect:
    """People coming to each of :event_ids: accepted invitations, everyone with a role,
    everyone named in the agenda, each person once (UNION drops the repeats)."""
    coming = union(*_membership_selects("events")).subquery()
    return select(coming.c.event_id, func.count()).group_by(coming.c.event_id)


def _headcounts(session: Session, event_ids: Sequence[int]) -> dict[int, int]:
    rows = session.execute(_headcount_stmt(), {"event_ids": list(event_ids)})
    return {event_id: count for event_id, count in rows}


# --- the event a single check is about ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """One event and what its checks need to know, loaded in one query."""

    id: int
    status: EventStatus
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    venue_id: int | None
    room_id: int | None
    capacity: int | None
    opens_at: time | None
    closes_at: time | None
    has_agenda: bool

    @property
    def active(self) -> bool:
        return self.status not in INACTIVE_STATUSES


@cache
def _target_stmt() -> AnySelect:
    return (
        select(
            Event.id,
            Event.status,
            Event.starts_at,
            Event.ends_at,
            Event.time_zone,
            Event.venue_id,
            Event.room_id,
            Room.capacity,
            Venue.opens_at,
            Venue.closes_at,
            exists().where(AgendaItem.event_id == Event.id),
        )
        .outerjoin(Room, Room.id == Event.room_id)
        .outerjoin(Venue, Venue.id == Event.venue_id)
        .where(Event.id == bindparam("event_id"))
    )


def load_target(session: Session, event_id: int) -> Target | None:
    row = session.execute(_target_stmt(), {"event_id": event_id}).first()
    return None if row is None else Target(*row)


# --- people ------------------------------------------------------------------------------
#
# When is a person busy at an event? Someone whose part is tied to agenda items (named in an
# item: the speaker of a panel, its moderator) is busy during those items, not the whole event:
# a conference speaker on Thursday may chair a breakfast on Friday morning. Roles that cover the
# whole event (chair, co-chair, moderator, host, guest of honour, rapporteur, participant,
# observer, organiser) and accepted invitations keep the event's whole span. A participation as
# speaker, keynote speaker or discussant (SESSION_ROLES) is whole-span too when the person is
# named in none of the event's agenda items: nothing says which part they speak in.
#
# Agenda times are plans, and sessions run over: a session and another engagement at one
# venue (or with no venue known) closer than SESSION_MARGIN are a *near miss*, a warning. Between
# two venues the travel buffer is the margin, as for whole events.

SESSION_ROLES: frozenset[Role] = frozenset({Role.SPEAKER, Role.KEYNOTE, Role.DISCUSSANT})
SESSION_MARGIN = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Busy:
    """One stretch of time a person is taken by an event: its whole span (``item_id`` None) or
    one agenda item they are named in."""

    event_id: int
    item_id: int | None
    starts_at: datetime
    ends_at: datetime
    venue_id: int | None


def _named_in_agenda(person_id: Any, event_id: Any) -> ColumnElement[bool]:
    """The person is named in at least one agenda item of the event."""
    named = aliased(AgendaPerson)
    item = aliased(AgendaItem)
    return (
        exists()
        .where(named.person_id == person_id, item.id == named.agenda_item_id)
        .where(item.event_id == event_id)
    )


def _whole_span(person_id: Any, event_id: Any) -> ColumnElement[bool]:
    """The person's participations make them busy for the whole event: a role that covers
    it, or a speaker's role with no agenda item of theirs."""
    part = aliased(Participation)
    covering = exists().where(
        part.person_id == person_id,
        part.event_id == event_id,
        part.role.not_in(SESSION_ROLES),
    )
    return or_(covering, ~_named_in_agenda(person_id, event_id))


def _clash(a: Busy, b: Busy, buffer: timedelta) -> tuple[int, timedelta] | None:
    """How bad two busy stretches of different events are: (0, overlap) they overlap; (1, gap)
    less than the travel buffer between two venues; (2, gap) a session closer than the margin
    to something at the same (or an unknown) venue. None: no clash."""
    if a.starts_at < b.ends_at and b.starts_at < a.ends_at:
        return 0, min(a.ends_at, b.ends_at) - max(a.starts_at, b.starts_at)
    gap = b.starts_at - a.ends_at if a.ends_at <= b.starts_at else a.starts_at - b.ends_at
    if a.venue_id is not None and b.venue_id is not None and a.venue_id != b.venue_id:
        return (1, gap) if gap < buffer else None
    if (a.item_id is not None or b.item_id is not None) and gap < SESSION_MARGIN:
        return 2, gap
    return None


def _worst_clash(
    person_id: int, pairs: Iterator[tuple[Busy, Busy]], buffer: timedelta
) -> Hit | None:
    """The one finding for a person in two events: the worst of their busy stretches' clashes
    (an overlap before a travel gap before a near miss; then the most overlap, the least gap)."""
    worst: tuple[tuple[int, timedelta, datetime, datetime], Busy, Busy] | None = None
    for a, b in pairs:
        clash = _clash(a, b, buffer)
        if clash is None:
            continue
        rank, amount = clash
        key = (rank, -amount if rank == 0 else amount, a.starts_at, b.starts_at)
        if worst is None or key < worst[0]:
            worst = (key, a, b)
    if worst is None:
        return None
    (rank, amount, _, _), a, b = worst
    return Hit(
        PERSON_TRAVEL_BUFFER if rank == 1 else PERSON_DOUBLE_BOOKED,
        (a.event_id, b.event_id),
        person_ids=(person_id,),
        count=0 if rank == 0 else int(amount / timedelta(minutes=1)),
        sessions=(a.item_id, b.item_id),
        near_miss=rank == 2,
    )


def _gap_seconds(buffer: timedelta) -> int:
    """How far apart two busy stretches may be and still clash (the larger allowance)."""
    return int(max(buffer, SESSION_MARGIN).total_seconds())


def _person_pairs(spec: EventSpec) -> CompoundSelect[Any]:
    """(person_id, e1, i1, s1, f1, p1, e2, ...): one person in two different events, by every
    pair of sources; ``i`` the agenda item (None: the whole event) and ``s``, ``f`` its times,
    ``p`` 1 for a participation (whole-span only if its role covers the event or the person is
    named in none of its items).

    Joining each pair of sources directly (participation to participation ...) lets the index on
    ``(person_id, event_id)`` of each table drive the join (a UNION of the sources first would
    have to be materialised and indexed on every run). A pair from two different sources can
    come out either way round; the caller keeps one. With a bounded window, events outside it
    are dropped before pairing (a regular guest's past does not make pairs then).
    """
    bounded = spec[0] == "window" and (spec[1] or spec[2])
    in_window = select(Event.id).where(*_event_conditions(Event, spec)) if bounded else None
    selects = []
    for i, first in enumerate(_SOURCES):
        for second in _SOURCES[i:]:
            one, two = _source(first), _source(second)
            order = one.event_id < two.event_id if first == second else one.event_id != two.event_id
            query = one.start(
                select(
                    one.person_id.label("person_id"),
                    one.event_id.label("e1"),
                    one.item_id.label("i1"),
                    one.item_starts_at.label("s1"),
                    one.item_ends_at.label("f1"),
                    one.from_participation().label("p1"),
                    two.event_id.label("e2"),
                    two.item_id.label("i2"),
                    two.item_starts_at.label("s2"),
                    two.item_ends_at.label("f2"),
                    two.from_participation().label("p2"),
                )
            )
            query = two.join_on_person(query, one.person_id).where(
                *one.conditions, *two.conditions, order
            )
            if in_window is not None:
                query = query.where(one.event_id.in_(in_window), two.event_id.in_(in_window))
            selects.append(query)
    return union_all(*selects)


@cache
def _all_person_stmt(spec: EventSpec) -> AnySelect:
    """The person pairs are materialised first: the events are then looked up once per pair,
    rather than once per participation as a planner tends to do when it sees the whole join.
    The pairs that come near each other are materialised too, and only those few are asked
    whether a participation stands for the whole event (the planner would otherwise ask it of
    every pair, before the events are even joined)."""
    pairs = _person_pairs(spec).cte("person_pairs").prefix_with("MATERIALIZED")
    a = aliased(Event, name="a")
    b = aliased(Event, name="b")
    # A pair's busy stretch: its agenda item's times, else the event's.
    a_starts = func.coalesce(pairs.c.s1, a.starts_at, type_=UTCDateTime)
    a_ends = func.coalesce(pairs.c.f1, a.ends_at, type_=UTCDateTime)
    b_starts = func.coalesce(pairs.c.s2, b.starts_at, type_=UTCDateTime)
    b_ends = func.coalesce(pairs.c.f2, b.ends_at, type_=UTCDateTime)
    close = (
        select(
            pairs.c.person_id.label("person_id"),
            a.id.label("a_id"),
            pairs.c.i1.label("a_item"),
            a_starts.label("a_starts"),
            a_ends.label("a_ends"),
            a.venue_id.label("a_venue"),
            pairs.c.p1.label("p1"),
            b.id.label("b_id"),
            pairs.c.i2.label("b_item"),
            b_starts.label("b_starts"),
            b_ends.label("b_ends"),
            b.venue_id.label("b_venue"),
            pairs.c.p2.label("p2"),
        )
        .join(a, a.id == pairs.c.e1)
        .join(b, b.id == pairs.c.e2)
        .where(
            *_event_conditions(a, spec),
            *_event_conditions(b, spec),
            near((a_starts, a_ends), (b_starts, b_ends), bindparam("gap_seconds")),
        )
        .cte("close_pairs")
        .prefix_with("MATERIALIZED")
    )
    c = close.c
    return select(
        c.person_id,
        c.a_id,
        c.a_item,
        c.a_starts,
        c.a_ends,
        c.a_venue,
        c.b_id,
        c.b_item,
        c.b_starts,
        c.b_ends,
        c.b_venue,
    ).where(
        or_(c.p1 == 0, _whole_span(c.person_id, c.a_id)),
        or_(c.p2 == 0, _whole_span(c.person_id, c.b_id)),
    )


def _all_person_hits(session: Session, window: Window, buffer_minutes: int) -> list[Hit]:
    """Every person in two events whose busy times overlap or are too close."""
    buffer = timedelta(minutes=buffer_minutes)
    params = {**window.params(), "gap_seconds": _gap_seconds(buffer)}
    # (person, lower event id, higher event id) -> the busy stretches that came near each other
    close: dict[tuple[int, int, int], set[tuple[Busy, Busy]]] = {}
    for row in session.execute(_all_person_stmt(_window_spec(window)), params):
        left = Busy(row[1], row[2], row[3], row[4], row[5])
        right = Busy(row[6], row[7], row[8], row[9], row[10])
        if left.event_id > right.event_id:
            left, right = right, left
        close.setdefault((row[0], left.event_id, right.event_id), set()).add((left, right))
    hits: list[Hit] = []
    for (person_id, _, _), pairs in close.items():
        hit = _worst_clash(person_id, iter(pairs), buffer)
        if hit is not None:
            hits.append(hit)
    return hits


@cache
def _busy_stmt(of_target: bool) -> CompoundSelect[Any]:
    """(person_id, event_id, item_id, starts_at, ends_at, venue_id): busy stretches.

    ``of_target``: everyone's in :event_id. Else: those of :people in other events that will
    happen and come within [:lower, :upper).
    """
    selects = []
    for kind in _SOURCES:
        src = _source(kind)
        starts = src.item.starts_at if src.item is not None else Event.starts_at
        ends = src.item.ends_at if src.item is not None else Event.ends_at
        query = src.start(
            select(
                src.person_id.label("person_id"),
                Event.id.label("event_id"),
                src.item_id.label("item_id"),
                starts.label("starts_at"),
                ends.label("ends_at"),
                Event.venue_id.label("venue_id"),
            )
        ).join(Event, Event.id == src.event_id)
        query = query.where(*src.conditions)
        if src.role is not None:
            query = query.where(
                or_(src.role.not_in(SESSION_ROLES), ~_named_in_agenda(src.person_id, Event.id))
            )
        if of_target:
            query = query.where(Event.id == bindparam("event_id"))
        else:
            query = query.where(
                src.person_id.in_(bindparam("people", expanding=True)),
                Event.id != bindparam("event_id"),
                is_active(Event),
                starts < bindparam("upper", type_=UTCDateTime),
                ends > bindparam("lower", type_=UTCDateTime),
            )
        selects.append(query)
    return union(*selects)


def _busy_by_person(
    session: Session, of_target: bool, params: dict[str, Any]
) -> dict[int, list[Busy]]:
    busy: dict[int, list[Busy]] = {}
    for person_id, *rest in session.execute(_busy_stmt(of_target), params):
        busy.setdefault(person_id, []).append(Busy(*rest))
    return busy


def _event_person_hits(session: Session, target: Target, buffer_minutes: int) -> list[Hit]:
    """The target's people (a handful), their busy times in it, and their other events, by
    index on person_id."""
    mine = _busy_by_person(session, True, {"event_id": target.id})
    if not mine:
        return []
    buffer = timedelta(minutes=buffer_minutes)
    reach = timedelta(seconds=_gap_seconds(buffer))
    stretches = [b for spans in mine.values() for b in spans]
    params = {
        "people": sorted(mine),
        "event_id": target.id,
        "upper": max(b.ends_at for b in stretches) + reach,
        "lower": min(b.starts_at for b in stretches) - reach,
    }
    others: dict[tuple[int, int], list[Busy]] = {}
    for person_id, spans in _busy_by_person(session, False, params).items():
        for span in spans:
            others.setdefault((person_id, span.event_id), []).append(span)
    hits: list[Hit] = []
    for (person_id, _), theirs in sorted(others.items()):
        pairs = ((me, other) for me in mine[person_id] for other in theirs)
        hit = _worst_clash(person_id, pairs, buffer)
        if hit is not None:
            hits.append(hit)
    return hits


# --- rooms and venues --------------------------------------------------------------------


def _place_hit(a_id: int, b_id: int, venue_id: int, a_room: int | None, b_room: int | None) -> Hit:
    if a_room is not None and a_room == b_room:
        return Hit(ROOM_DOUBLE_BOOKED, (a_id, b_id), room_id=a_room, venue_id=venue_id)
    return Hit(VENUE_DOUBLE_BOOKED, (a_id, b_id), venue_id=venue_id)


@cache
def _all_place_stmt(spec: EventSpec) -> AnySelect:
    """Same room, or the same venue and either has no room (they may need the same space).

    Two events in two different rooms of a venue are fine. The join is on the venue (indexed
    with the start time); an event's room is taken to be in its venue (readiness reports a room
    that is not).
    """
    a = aliased(Event, name="a")
    b = aliased(Event, name="b")
    return (
        select(a.id, b.id, a.venue_id, a.room_id, b.room_id)
        .join(b, and_(b.venue_id == a.venue_id, starts_within(a, b)))
        .where(
            a.venue_id.is_not(None),
            (a.room_id == b.room_id) | either_null(a.room_id, b.room_id),
            *_event_conditions(a, spec),
            *_event_conditions(b, spec),
        )
    )


def _all_place_hits(session: Session, window: Window) -> list[Hit]:
    return [
        _place_hit(a_id, b_id, venue_id, a_room, b_room)
        for a_id, b_id, venue_id, a_room, b_room in session.execute(
            _all_place_stmt(_window_spec(window)), window.params()
        )
        if venue_id is not None
    ]


@cache
def _event_place_stmt(has_room: bool) -> AnySelect:
    query: AnySelect = select(Event.id, Event.room_id).where(
        Event.venue_id == bindparam("venue_id"),
        Event.starts_at < bindparam("ends_at", type_=UTCDateTime),
        Event.ends_at > bindparam("starts_at", type_=UTCDateTime),
        Event.id != bindparam("event_id"),
        is_active(Event),
    )
    if has_room:
        query = query.where(Event.room_id.is_(None) | (Event.room_id == bindparam("room_id")))
    return query


def _event_place_hits(session: Session, target: Target) -> list[Hit]:
    if target.venue_id is None:
        return []
    params = {
        "venue_id": target.venue_id,
        "room_id": target.room_id,
        "starts_at": target.starts_at,
        "ends_at": target.ends_at,
        "event_id": target.id,
    }
    return [
        _place_hit(target.id, other_id, target.venue_id, target.room_id, other_room)
        for other_id, other_room in session.execute(
            _event_place_stmt(target.room_id is not None), params
        )
    ]


# --- agenda (within one event) -----------------------------------------------------------


@cache
def _agenda_overlap_stmt(spec: EventSpec) -> AnySelect:
    """Two agenda items of one event at the same time (parallel sessions, or a typo)."""
    i1 = aliased(AgendaItem, name="i1")
    i2 = aliased(AgendaItem, name="i2")
    return (
        select(Event.id, i1.id, i2.id)
        .join(i1, i1.event_id == Event.id)
        .join(i2, and_(i2.event_id == Event.id, i2.id != i1.id, starts_within(i1, i2)))
        .where(*_event_conditions(Event, spec))
    )


@cache
def _agenda_outside_stmt(spec: EventSpec) -> AnySelect:
    """Agenda items that start before the event or end after it."""
    return (
        select(Event.id, AgendaItem.id)
        .join(AgendaItem, AgendaItem.event_id == Event.id)
        .where(
            *_event_conditions(Event, spec),
            (AgendaItem.starts_at < Event.starts_at) | (AgendaItem.ends_at > Event.ends_at),
        )
    )


@cache
def _agenda_person_stmt(spec: EventSpec) -> AnySelect:
    """Someone named in two agenda items of one event that overlap.

    For one event: its items, then their people. For all events: people named twice first
    (pairs by person, a few), then whether the two items share an event and overlap, rather
    than every pair of items of every event.
    """
    i1 = aliased(AgendaItem, name="i1")
    i2 = aliased(AgendaItem, name="i2")
    p1 = aliased(AgendaPerson, name="p1")
    p2 = aliased(AgendaPerson, name="p2")
    if spec[0] == "event":
        query = (
            select(Event.id, i1.id, i2.id, p1.person_id)
            .join(i1, i1.event_id == Event.id)
            .join(i2, and_(i2.event_id == Event.id, i2.id != i1.id, starts_within(i1, i2)))
            .join(p1, p1.agenda_item_id == i1.id)
            .join(p2, and_(p2.agenda_item_id == i2.id, p2.person_id == p1.person_id))
        )
    else:
        query = (
            select(Event.id, i1.id, i2.id, p1.person_id)
            .select_from(p1)
            .join(
                p2,
                and_(p2.person_id == p1.person_id, p2.agenda_item_id != p1.agenda_item_id),
            )
            .join(i1, i1.id == p1.agenda_item_id)
            .join(
                i2,
                and_(i2.id == p2.agenda_item_id, i2.event_id == i1.event_id, starts_within(i1, i2)),
            )
            .join(Event, Event.id == i1.event_id)
        )
    return query.where(*_event_conditions(Event, spec)).distinct()


def _agenda_hits(session: Session, spec: EventSpec, params: dict[str, Any]) -> Iterator[Hit]:
    for event_id, id1, id2, person_id in session.execute(_agenda_person_stmt(spec), params):
        yield Hit(
            PERSON_IN_OVERLAPPING_ITEMS,
            (event_id,),
            agenda_item_ids=(id1, id2),
            person_ids=(person_id,),
        )
    for event_id, item_id in session.execute(_agenda_outside_stmt(spec), params):
        yield Hit(AGENDA_OUTSIDE_EVENT, (event_id,), agenda_item_ids=(item_id,))
    for event_id, id1, id2 in session.execute(_agenda_overlap_stmt(spec), params):
        yield Hit(AGENDA_ITEMS_OVERLAP, (event_id,), agenda_item_ids=(id1, id2))


# --- capacity ----------------------------------------------------------------------------


def _count_of(model: Any, *conditions: ColumnElement[bool]) -> Any:
    return select(func.count()).select_from(model).where(*conditions).scalar_subquery()


@cache
def _capacity_candidates_stmt(spec: EventSpec) -> AnySelect:
    """Events whose rows (a person counted once per role or invitation) exceed the room: per
    event counts by index, cheap. Only these few are then counted exactly."""
    rows = (
        _count_of(Participation, Participation.event_id == Event.id)
        + _count_of(
            Invitation,
            Invitation.event_id == Event.id,
            Invitation.status == ACCEPTED,
        )
        + select(func.count())
        .select_from(AgendaPerson)
        .join(AgendaItem, AgendaItem.id == AgendaPerson.agenda_item_id)
        .where(AgendaItem.event_id == Event.id)
        .scalar_subquery()
    )
    return (
        select(Event.id, Room.id, Room.capacity)
        .join(Room, Room.id == Event.room_id)
        .where(Room.capacity.is_not(None), *_event_conditions(Event, spec), rows > Room.capacity)
    )


def _all_capacity_hits(session: Session, window: Window) -> list[Hit]:
    candidates = {
        event_id: (room_id, capacity)
        for event_id, room_id, capacity in session.execute(
            _capacity_candidates_stmt(_window_spec(window)), window.params()
        )
    }
    if not candidates:
        return []
    counts = _headcounts(session, sorted(candidates))
    return [
        Hit(OVER_CAPACITY, (event_id,), room_id=room_id, count=counts[event_id])
        for event_id, (room_id, capacity) in candidates.items()
        if capacity is not None and counts.get(event_id, 0) > capacity
    ]


def _event_capacity_hits(session: Session, target: Target) -> list[Hit]:
    if target.capacity is None:
        return []
    count = _headcounts(session, [target.id]).get(target.id, 0)
    if count <= target.capacity:
        return []
    return [Hit(OVER_CAPACITY, (target.id,), room_id=target.room_id, count=count)]


# --- opening hours -----------------------------------------------------------------------


def within_opening_hours(
    starts_at: datetime, ends_at: datetime, zone_name: str, opens: time, closes: time
) -> bool:
    """Whether the event keeps to the venue's opening hours, in the event's local time.

    Hours that close at or before they open run past midnight (18:00–02:00; a 00:00 closing is
    midnight). Equal hours mean open round the clock. An event held over several days
    (planner.days) is taken to use the venue while it is open: it must start inside an
    opening period and end inside a later one (docs/guide/scheduling.md).
    """
    where = zone_or_utc(zone_name)
    return _fits(starts_at.astimezone(where), ends_at.astimezone(where), opens, closes)


def _fits(start: datetime, end: datetime, opens: time, closes: time) -> bool:
    """``start`` and ``end`` are aware and in the venue's zone: aware datetimes that share one
    tzinfo compare by wall-clock time, which is what opening hours mean."""
    if opens == closes:
        return True
    overnight = closes <= opens
    if not overnight and start.date() == end.date():  # the common case, kept cheap
        return opens <= start.time() and end.time() <= closes
    if any(begin <= start and end <= finish for begin, finish in _periods(start, opens, closes)):
        return True
    # A conference: the first day from its start until closing, the days between in the
    # venue's hours, the last day from opening until its end.
    return (
        over_days(start, end)
        and any(begin <= start < finish for begin, finish in _periods(start, opens, closes))
        and any(begin < end <= finish for begin, finish in _periods(end, opens, closes))
    )


def _periods(moment: datetime, opens: time, closes: time) -> list[tuple[datetime, datetime]]:
    """The opening periods that may hold ``moment``: the one that opened on its day, and for
    hours past midnight the one that opened the day before."""
    where = moment.tzinfo
    overnight = closes <= opens
    periods = []
    for back in (1, 0) if overnight else (0,):
        day = moment.date() - timedelta(days=back)
        begin = datetime.combine(day, opens, tzinfo=where)
        finish = datetime.combine(day + timedelta(days=int(overnight)), closes, tzinfo=where)
        periods.append((begin, finish))
    return periods


@cache
def _hours_stmt(spec: EventSpec) -> AnySelect:
    """The database cannot convert to local time, so SQL picks the events at venues with hours
    and each is checked once in Python (linear, no pairs). Times come as epoch seconds: turning
    them into local datetimes directly is several times cheaper than parsing stored text."""
    return (
        select(
            Event.id,
            epoch_seconds(Event.starts_at),
            epoch_seconds(Event.ends_at),
            Event.time_zone,
            Venue.id,
            Venue.opens_at,
            Venue.closes_at,
        )
        .join(Venue, Venue.id == Event.venue_id)
        .where(
            Venue.opens_at.is_not(None),
            Venue.closes_at.is_not(None),
            *_event_conditions(Event, spec),
        )
    )


def _all_hours_hits(session: Session, window: Window) -> list[Hit]:
    hits = []
    zones: dict[str, tzinfo] = {}
    for event_id, starts, ends, zone_name, venue_id, opens, closes in session.execute(
        _hours_stmt(_window_spec(window)), window.params()
    ):
        if opens is None or closes is None:
            continue
        where = zones.get(zone_name) or zones.setdefault(zone_name, zone_or_utc(zone_name))
        start = datetime.fromtimestamp(starts, where)
        end = datetime.fromtimestamp(ends, where)
        if not _fits(start, end, opens, closes):
            hits.append(Hit(OUTSIDE_OPENING_HOURS, (event_id,), venue_id=venue_id))
    return hits


def _event_hours_hits(target: Target) -> list[Hit]:
    if target.opens_at is None or target.closes_at is None:
        return []
    if within_opening_hours(
        target.starts_at, target.ends_at, target.time_zone, target.opens_at, target.closes_at
    ):
        return []
    return [Hit(OUTSIDE_OPENING_HOURS, (target.id,), venue_id=target.venue_id)]


# --- entry points ------------------------------------------------------------------------


def all_hits(session: Session, window: Window, buffer_minutes: int) -> list[Hit]:
    """Every conflict among the events in ``window``, each pair once."""
    return [
        *_all_person_hits(session, window, buffer_minutes),
        *_all_place_hits(session, window),
        *_agenda_hits(session, _window_spec(window), window.params()),
        *_all_capacity_hits(session, window),
        *_all_hours_hits(session, window),
    ]


def event_hits(session: Session, target: Target, buffer_minutes: int) -> list[Hit]:
    """The conflicts of one event with the others, and within it; the target first in each."""
    if not target.active:
        return []
    hits = [
        *_event_person_hits(session, target, buffer_minutes),
        *_event_place_hits(session, target),
    ]
    if target.has_agenda:
        hits += _agenda_hits(session, ("event",), {"event_id": target.id})
    hits += _event_capacity_hits(session, target)
    hits += _event_hours_hits(target)
    return hits
