"""Venues, rooms, series and the organisation row through services: the lists the window
shows, and deletions whose inverse puts back every row and link with the same ids."""

from __future__ import annotations

from datetime import UTC, datetime, time

from planner.model import Event, Organisation, Room, Series, Venue
from planner.services import organisation, series, venues
from planner.services.operations import Record, apply
from planner.services.records import read_fields
from planner.store import Database

AT = datetime(2026, 5, 1, 10, tzinfo=UTC)


def _place(db: Database) -> tuple[int, int, int, int]:
    """A venue with two rooms, an event in the first room and a series defaulting to it."""
    with db.session() as s:
        venue = Venue(name="Islamabad Club", city="Islamabad", opens_at=time(9), closes_at=time(21))
        s.add(venue)
        s.flush()
        hall = Room(venue_id=venue.id, name="Main Hall", capacity=80)
        s.add_all([hall, Room(venue_id=venue.id, name="ہال ۲", capacity=None)])
        s.flush()
        one = Series(title="Gulf Security Dialogue", numbering="Session {n}")
        one.default_venue_id, one.default_room_id = venue.id, hall.id
        s.add(one)
        s.flush()
        event = Event(uid="e1@test", title="Roundtable", starts_at=AT, ends_at=AT)
        event.venue_id, event.room_id = venue.id, hall.id
        event.series_id, event.series_number = one.id, 3
        s.add(event)
        s.flush()
        return venue.id, hall.id, one.id, event.id


def _links(db: Database, event_id: int, series_id: int) -> tuple[object, ...]:
    with db.session() as s:
        event, one = s.get(Event, event_id), s.get(Series, series_id)
        assert event is not None and one is not None
        return (event.venue_id, event.room_id, one.default_venue_id, one.default_room_id)


def test_the_venue_list_counts_rooms_and_events(db: Database) -> None:
    venue_id, hall_id, _, _ = _place(db)
    (line,) = venues.list_venues(db)
    assert (line.id, line.name, line.city, line.rooms, line.events) == (
        venue_id,
        "Islamabad Club",
        "Islamabad",
        2,
        1,
    )
    assert [r.name for r in venues.venue_rooms(db, venue_id)] == ["Main Hall", "ہال ۲"]
    assert venues.venue_usage(db, venue_id) == venues.Usage("Islamabad Club", 1)
    assert venues.room_usage(db, hall_id) == venues.Usage("Main Hall", 1)
    assert venues.opening_hours(db, venue_id) == (time(9), time(21))
    assert venues.venue_usage(db, 999) is None


def test_deleting_a_venue_and_undoing_puts_back_rooms_and_links(db: Database) -> None:
    venue_id, hall_id, series_id, event_id = _place(db)
    before = _links(db, event_id, series_id)
    done = apply(db, venues.DeleteVenue(venue_id, "Delete venue"))
    assert venues.list_venues(db) == []
    assert _links(db, event_id, series_id) == (None, None, None, None)
    redo = apply(db, done.inverse)
    assert _links(db, event_id, series_id) == before
    assert hall_id in [r.id for r in venues.venue_rooms(db, venue_id)]
    apply(db, redo.inverse)  # and the redo deletes it again
    assert venues.list_venues(db) == []


def test_removing_a_room_and_undoing_puts_it_back_where_it_was_used(db: Database) -> None:
    venue_id, hall_id, series_id, event_id = _place(db)
    before = _links(db, event_id, series_id)
    done = apply(db, venues.DeleteRoom(hall_id, "Remove room"))
    assert _links(db, event_id, series_id) == (venue_id, None, venue_id, None)
    apply(db, done.inverse)
    assert _links(db, event_id, series_id) == before


def test_series_lists_number_their_events_and_deleting_keeps_the_events(db: Database) -> None:
    _, _, series_id, event_id = _place(db)
    (line,) = series.list_series(db)
    assert (line.title, line.events) == ("Gulf Security Dialogue", 1)
    (event,) = series.series_events(db, series_id)
    assert (event.id, event.number, event.title) == (event_id, "Session 3", "Roundtable")
    done = apply(db, series.DeleteSeries(series_id, "Delete series"))
    assert series.list_series(db) == []
    with db.session() as s:
        kept = s.get(Event, event_id)
        assert kept is not None and kept.series_id is None
    apply(db, done.inverse)
    assert [e.id for e in series.series_events(db, series_id)] == [event_id]


def test_the_organisation_row_is_made_once_and_read_by_record(db: Database) -> None:
    first = organisation.organisation_id(db)
    assert organisation.organisation_id(db) == first
    with db.session() as s:
        assert s.query(Organisation).count() == 1
    assert read_fields(db, Record.ORGANISATION, first, ["id"]) == {"id": first}
    assert read_fields(db, Record.ORGANISATION, first + 1, ["id"]) is None
    assert organisation.website_problem("javascript:alert(1)")
    assert organisation.website_problem("https://cpgs.org.pk") is None
