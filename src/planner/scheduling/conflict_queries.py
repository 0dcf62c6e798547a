"""The conflict rules as SQL: each returns the raw hits (ids, a count), no sentences.

Every pairwise rule is a self-join on an equality key (the person, the room, the venue, the
event) plus an interval-overlap condition, so the database walks an index per key instead of
Python comparing every event with every other. ``conflicts.py`` turns hits into findings;
``conflicted_event_ids`` only needs the ids and skips that step.

Who counts as "in" an event for the person rules (``membership``): anyone with a participation
(every role: the cast, but also participants, observers and organisers), anyone named in one of
its agenda items, and anyone whose invitation is accepted. Invited, tentative and declined
people do not count: they have not said they will be there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Select,
    and_,
    func,
    literal_column,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from planner.model import (
    AgendaItem,
    AgendaPerson,
    Event,
    Invitation,
    InvitationStatus,
    Participation,
    Room,
    Venue,
)

from .sql import Scope, either_null, near, overlaps
from .wording import zone

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
    """One conflict as the database found it. ``event_ids``: the scoped event first."""

    code: str
    event_ids: tuple[int, ...]
    agenda_item_ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()
    room_id: int | None = None
    venue_id: int | None = None
    count: int = 0  # people coming (capacity), or the minutes between events (travel)


def _membership_selects(
    *,
    event_id: int | None = None,
    person_ids: Sequence[int] | None = None,
    exclude_event_id: int | None = None,
) -> list[Select[Any]]:
    """(person_id, event_id) for each way of being in an event, filtered the same way."""
    sources: list[tuple[Any, Any, Any]] = [
        (
            Participation.person_id,
            Participation.event_id,
            select(Participation.person_id, Participation.event_id),
        ),
        (
            AgendaPerson.person_id,
            AgendaItem.event_id,
            select(AgendaPerson.person_id, AgendaItem.event_id).join(
                AgendaItem, AgendaPerson.agenda_item_id == AgendaItem.id
            ),
        ),
        (
            Invitation.person_id,
            Invitation.event_id,
            select(Invitation.person_id, Invitation.event_id).where(
                Invitation.status == InvitationStatus.ACCEPTED
            ),
        ),
    ]
    selects = []
    for person_col, event_col, query in sources:
        if event_id is not None:
            query = query.where(event_col == event_id)
        if person_ids is not None:
            query = query.where(person_col.in_(person_ids))
        if exclude_event_id is not None:
            query = query.where(event_col != exclude_event_id)
        selects.append(
            query.with_only_columns(person_col.label("person_id"), event_col.label("event_id"))
        )
    return selects


def membership(**filters: Any) -> CompoundSelect[Any]:
    """Everyone in events, as (person_id, event_id) rows (duplicates kept)."""
    return union_all(*_membership_selects(**filters))


def person_hits(session: Session, scope: Scope, buffer_minutes: int) -> list[Hit]:
    """People in two overlapping events, or with too little time between two venues."""
    a = aliased(Event, name="a")
    b = aliased(Event, name="b")
    columns = (
        a.id,
        b.id,
        a.starts_at,
        a.ends_at,
        b.starts_at,
        b.ends_at,
        a.venue_id,
        b.venue_id,
    )
    if scope.event_id is None:
        members = membership().cte("membership")
        m1 = members.alias("m1")
        m2 = members.alias("m2")
        query = (
            select(m1.c.person_id, *columns)
            .select_from(m1)
            .join(m2, and_(m2.c.person_id == m1.c.person_id, m2.c.event_id > m1.c.event_id))
            .join(a, a.id == m1.c.event_id)
            .join(b, b.id == m2.c.event_id)
        )
    else:
        # One event: its people first (a handful), then their other events by index.
        people = sorted(set(session.scalars(membership(event_id=scope.event_id))))
        if not people:
            return []
        others = membership(person_ids=people, exclude_event_id=scope.event_id).subquery()
        query = (
            select(others.c.person_id, *columns)
            .select_from(others)
            .join(b, b.id == others.c.event_id)
            .join(a, a.id == scope.event_id)
        )
    query = query.where(*scope.pair_filter(a, b), near(a, b, buffer_minutes * 60)).distinct()
    hits = []
    for person_id, a_id, b_id, a_start, a_end, b_start, b_end, a_venue, b_venue in session.execute(
        query
    ):
        if a_start < b_end and b_start < a_end:
            hits.append(Hit(PERSON_DOUBLE_BOOKED, (a_id, b_id), person_ids=(person_id,)))
        elif a_venue is not None and b_venue is not None and a_venue != b_venue:
            gap = b_start - a_end if a_end <= b_start else a_start - b_end
            hits.append(
                Hit(
                    PERSON_TRAVEL_BUFFER,
                    (a_id, b_id),
                    person_ids=(person_id,),
                    count=int(gap / timedelta(minutes=1)),
                )
            )
    return hits


def room_hits(session: Session, scope: Scope) -> list[Hit]:
    """A room booked for two events at once."""
    a = aliased(Event, name="a")
    b = aliased(Event, name="b")
    query = (
        select(a.id, b.id, a.room_id)
        .join(b, b.room_id == a.room_id)
        .where(a.room_id.is_not(None), *scope.pair_filter(a, b), overlaps(a, b))
    )
    return [
        Hit(ROOM_DOUBLE_BOOKED, (a_id, b_id), room_id=room_id)
        for a_id, b_id, room_id in session.execute(query)
    ]


def venue_hits(session: Session, scope: Scope) -> list[Hit]:
    """Two events at one venue at once where either has no room: they may need the same space.

    Two events in two different rooms of a venue are fine; in the same room ``room_hits``
    reports them.
    """
    a = aliased(Event, name="a")
    b = aliased(Event, name="b")
    query = (
        select(a.id, b.id, a.venue_id)
        .join(b, b.venue_id == a.venue_id)
        .where(
            a.venue_id.is_not(None),
            either_null(a.room_id, b.room_id),
            *scope.pair_filter(a, b),
            overlaps(a, b),
        )
    )
    return [
        Hit(VENUE_DOUBLE_BOOKED, (a_id, b_id), venue_id=venue_id)
        for a_id, b_id, venue_id in session.execute(query)
    ]


def agenda_overlap_hits(session: Session, scope: Scope) -> list[Hit]:
    """Two agenda items of one event at the same time (parallel sessions, or a typo)."""
    i1 = aliased(AgendaItem, name="i1")
    i2 = aliased(AgendaItem, name="i2")
    query = (
        select(Event.id, i1.id, i2.id)
        .join(i1, i1.event_id == Event.id)
        .join(i2, and_(i2.event_id == Event.id, i2.id > i1.id))
        .where(*scope.single_filter(Event), overlaps(i1, i2))
    )
    return [
        Hit(AGENDA_ITEMS_OVERLAP, (event_id,), agenda_item_ids=(id1, id2))
        for event_id, id1, id2 in session.execute(query)
    ]


def agenda_outside_hits(session: Session, scope: Scope) -> list[Hit]:
    """Agenda items that start before the event or end after it."""
    query = (
        select(Event.id, AgendaItem.id)
        .join(AgendaItem, AgendaItem.event_id == Event.id)
        .where(
            *scope.single_filter(Event),
            (AgendaItem.starts_at < Event.starts_at) | (AgendaItem.ends_at > Event.ends_at),
        )
    )
    return [
        Hit(AGENDA_OUTSIDE_EVENT, (event_id,), agenda_item_ids=(item_id,))
        for event_id, item_id in session.execute(query)
    ]


def agenda_person_hits(session: Session, scope: Scope) -> list[Hit]:
    """Someone named in two agenda items of one event that overlap."""
    i1 = aliased(AgendaItem, name="i1")
    i2 = aliased(AgendaItem, name="i2")
    p1 = aliased(AgendaPerson, name="p1")
    p2 = aliased(AgendaPerson, name="p2")
    query = (
        select(Event.id, i1.id, i2.id, p1.person_id)
        .join(i1, i1.event_id == Event.id)
        .join(i2, and_(i2.event_id == Event.id, i2.id > i1.id))
        .join(p1, p1.agenda_item_id == i1.id)
        .join(p2, and_(p2.agenda_item_id == i2.id, p2.person_id == p1.person_id))
        .where(*scope.single_filter(Event), overlaps(i1, i2))
        .distinct()
    )
    return [
        Hit(
            PERSON_IN_OVERLAPPING_ITEMS,
            (event_id,),
            agenda_item_ids=(id1, id2),
            person_ids=(person_id,),
        )
        for event_id, id1, id2, person_id in session.execute(query)
    ]


def capacity_hits(session: Session, scope: Scope) -> list[Hit]:
    """More people coming than the room seats.

    Coming: accepted invitations, the cast and everyone else with a role, and people named in
    the agenda, each person once.
    """
    if scope.event_id is not None:
        coming: Any = union(*_membership_selects(event_id=scope.event_id)).subquery()
    else:
        coming = union(*_membership_selects()).subquery()
    headcount = func.count(literal_column("*"))
    query = (
        select(Event.id, Room.id, headcount)
        .join(Room, Room.id == Event.room_id)
        .join(coming, coming.c.event_id == Event.id)
        .where(Room.capacity.is_not(None), *scope.single_filter(Event))
        .group_by(Event.id, Room.id, Room.capacity)
        .having(headcount > Room.capacity)
    )
    return [
        Hit(OVER_CAPACITY, (event_id,), room_id=room_id, count=count)
        for event_id, room_id, count in session.execute(query)
    ]


def opening_hours_hits(session: Session, scope: Scope) -> list[Hit]:
    """Events (partly) outside their venue's opening hours, in the event's local time.

    The database cannot convert to local time, so SQL picks the events at venues with hours
    and each is checked once here (linear, no pairs).
    """
    query = (
        select(
            Event.id,
            Event.starts_at,
            Event.ends_at,
            Event.time_zone,
            Venue.id,
            Venue.opens_at,
            Venue.closes_at,
        )
        .join(Venue, Venue.id == Event.venue_id)
        .where(Venue.opens_at.is_not(None), Venue.closes_at.is_not(None))
        .where(*scope.single_filter(Event))
    )
    return [
        Hit(OUTSIDE_OPENING_HOURS, (event_id,), venue_id=venue_id)
        for event_id, starts_at, ends_at, zone_name, venue_id, opens, closes in session.execute(
            query
        )
        if opens is not None
        and closes is not None
        and not within_opening_hours(starts_at, ends_at, zone_name, opens, closes)
    ]


def within_opening_hours(
    starts_at: datetime, ends_at: datetime, zone_name: str, opens: time, closes: time
) -> bool:
    """Whether the event fits inside one opening period of the venue.

    Hours that close at or before they open run past midnight (18:00–02:00; 00:00 closing is
    midnight). Equal hours mean open round the clock.
    """
    if opens == closes:
        return True
    where = zone(zone_name)
    start = starts_at.astimezone(where).replace(tzinfo=None)
    end = ends_at.astimezone(where).replace(tzinfo=None)
    overnight = closes <= opens
    # The period the event starts in opened on its day, or the day before for overnight hours.
    for back in (0, 1) if overnight else (0,):
        day = start.date() - timedelta(days=back)
        period_start = datetime.combine(day, opens)
        period_end = datetime.combine(day + timedelta(days=1 if overnight else 0), closes)
        if period_start <= start and end <= period_end:
            return True
    return False


def all_hits(session: Session, scope: Scope, buffer_minutes: int) -> list[Hit]:
    return [
        *person_hits(session, scope, buffer_minutes),
        *room_hits(session, scope),
        *venue_hits(session, scope),
        *agenda_person_hits(session, scope),
        *agenda_outside_hits(session, scope),
        *agenda_overlap_hits(session, scope),
        *capacity_hits(session, scope),
        *opening_hours_hits(session, scope),
    ]
