"""Venues and their rooms for the Venues editor: the lists it shows and its deletions.

A venue's and a room's single fields are edited as ``SetField`` operations and created as
``Insert`` (services/operations.py). Deleting one is an operation of its own: the schema sets
the events and series that used it to no venue or room, so the deletion remembers them and its
inverse puts the venue (with its rooms, keeping every id) and those links back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.model import Event, Room, Series, Venue
from planner.services.operations import Operation
from planner.services.snapshots import insert_rows, row_values, table_of
from planner.store import Database


@dataclass(frozen=True)
class VenueLine:
    """One line of the venues list."""

    id: int
    name: str
    city: str
    rooms: int
    events: int


@dataclass(frozen=True)
class RoomLine:
    """One room of a venue."""

    id: int
    name: str
    capacity: int | None


@dataclass(frozen=True)
class Usage:
    """What a venue or room is called and how many events are held there."""

    name: str
    events: int


def list_venues(db: Database) -> list[VenueLine]:
    """Every venue with its number of rooms and events, by name."""
    with db.session(write=False) as session:
        rooms = select(Room.venue_id, func.count().label("n")).group_by(Room.venue_id).subquery()
        events = select(Event.venue_id, func.count().label("n")).group_by(Event.venue_id).subquery()
        rows = session.execute(
            select(
                Venue.id,
                Venue.name,
                Venue.city,
                func.coalesce(rooms.c.n, 0),
                func.coalesce(events.c.n, 0),
            )
            .outerjoin(rooms, rooms.c.venue_id == Venue.id)
            .outerjoin(events, events.c.venue_id == Venue.id)
            .order_by(func.lower(Venue.name), Venue.id)
        ).all()
    return [VenueLine(int(a), b, c, int(d), int(e)) for a, b, c, d, e in rows]


def venue_rooms(db: Database, venue_id: int) -> list[RoomLine]:
    """The rooms of ``venue_id`` by name."""
    with db.session(write=False) as session:
        return [
            RoomLine(r.id, r.name, r.capacity)
            for r in session.scalars(
                select(Room).where(Room.venue_id == venue_id).order_by(Room.name, Room.id)
            )
        ]


def venue_usage(db: Database, venue_id: int) -> Usage | None:
    """The venue's name and the number of events held there; None if it is gone."""
    with db.session(write=False) as session:
        venue = session.get(Venue, venue_id)
        if venue is None:
            return None
        used = session.scalar(
            select(func.count()).select_from(Event).where(Event.venue_id == venue_id)
        )
        return Usage(venue.name, int(used or 0))


def room_usage(db: Database, room_id: int) -> Usage | None:
    """The room's name and the number of events held in it; None if it is gone."""
    with db.session(write=False) as session:
        room = session.get(Room, room_id)
        if room is None:
            return None
        used = session.scalar(
            select(func.count()).select_from(Event).where(Event.room_id == room_id)
        )
        return Usage(room.name, int(used or 0))


def opening_hours(db: Database, venue_id: int) -> tuple[time | None, time | None]:
    """When the venue opens and closes (None, None: no limit, or no such venue)."""
    with db.session(write=False) as session:
        venue = session.get(Venue, venue_id)
        return (venue.opens_at, venue.closes_at) if venue is not None else (None, None)


# --- deletions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeleteVenue(Operation):
    """Delete a venue with its rooms; the events and series held there keep no venue."""

    venue_id: int
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        venue = session.get(Venue, self.venue_id)
        if venue is None:  # already gone: nothing to do, nothing to put back
            return RestoreVenue(self.text, {}, ())
        kept_venue = row_values(venue)
        kept_rooms = tuple(row_values(r) for r in venue.rooms)
        # The schema sets these to NULL on delete; remember them so undo can put them back.
        events = session.scalars(select(Event).where(Event.venue_id == self.venue_id)).all()
        series = session.scalars(
            select(Series).where(Series.default_venue_id == self.venue_id)
        ).all()
        links = tuple((e.id, e.room_id) for e in events)
        series_links = tuple((s.id, s.default_room_id) for s in series)
        for event in events:
            event.venue_id = None
            event.room_id = None
        for one in series:
            one.default_venue_id = None
            one.default_room_id = None
        session.delete(venue)
        return RestoreVenue(self.text, kept_venue, kept_rooms, links, series_links)


@dataclass(frozen=True)
class RestoreVenue(Operation):
    """Put back a deleted venue, its rooms, and the events and series that used it."""

    text: str
    venue: dict[str, Any]
    rooms: tuple[dict[str, Any], ...]
    events: tuple[tuple[int, int | None], ...] = ()
    series: tuple[tuple[int, int | None], ...] = field(default=())
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        if not self.venue:
            return DeleteVenue(-1, self.text)
        venue_id = int(self.venue["id"])
        insert_rows(session, table_of(Venue), [self.venue])
        insert_rows(session, table_of(Room), self.rooms)
        for event_id, room_id in self.events:
            event = session.get(Event, event_id)
            if event is not None:
                event.venue_id = venue_id
                event.room_id = room_id
        for series_id, room_id in self.series:
            one = session.get(Series, series_id)
            if one is not None:
                one.default_venue_id = venue_id
                one.default_room_id = room_id
        return DeleteVenue(venue_id, self.text)


@dataclass(frozen=True)
class DeleteRoom(Operation):
    """Remove a room; the events and series that used it keep their venue but no room."""

    room_id: int
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        room = session.get(Room, self.room_id)
        if room is None:
            return RestoreRoom(self.text, {})
        kept = row_values(room)
        events = session.scalars(select(Event).where(Event.room_id == self.room_id)).all()
        series = session.scalars(select(Series).where(Series.default_room_id == self.room_id)).all()
        for event in events:
            event.room_id = None
        for one in series:
            one.default_room_id = None
        session.delete(room)
        return RestoreRoom(
            self.text, kept, tuple(e.id for e in events), tuple(s.id for s in series)
        )


@dataclass(frozen=True)
class RestoreRoom(Operation):
    """Put back a removed room and its place in the events and series that used it."""

    text: str
    room: dict[str, Any]
    events: tuple[int, ...] = ()
    series: tuple[int, ...] = ()
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        if not self.room:
            return DeleteRoom(-1, self.text)
        room_id = int(self.room["id"])
        insert_rows(session, table_of(Room), [self.room])
        for event in session.scalars(select(Event).where(Event.id.in_(self.events))):
            event.room_id = room_id
        for one in session.scalars(select(Series).where(Series.id.in_(self.series))):
            one.default_room_id = room_id
        return DeleteRoom(room_id, self.text)
