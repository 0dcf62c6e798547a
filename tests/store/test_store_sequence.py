"""The iCalendar SEQUENCE goes up when time, place or status change, and only then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from planner.model import Event, EventStatus, Room, Venue
from planner.store import Database
from planner.store.package import export_package, import_package

START = datetime(2013, 3, 12, 12, tzinfo=UTC)


def _new_event(db: Database) -> int:
    with db.session() as s:
        club = Venue(name="Islamabad Club", rooms=[Room(name="Main Hall"), Room(name="Annexe")])
        event = Event(
            uid="seq@test", title="Gulf", starts_at=START, ends_at=START + timedelta(hours=2)
        )
        event.venue = club
        s.add(event)
        s.flush()
        return event.id


def _sequence(db: Database, event_id: int) -> int:
    with db.session() as s:
        return s.get_one(Event, event_id).sequence


def test_new_event_starts_at_zero(db: Database) -> None:
    assert _sequence(db, _new_event(db)) == 0


def test_each_kind_of_change_bumps_once(db: Database) -> None:
    event_id = _new_event(db)
    with db.session() as s:
        s.get_one(Event, event_id).starts_at = START - timedelta(hours=1)
    assert _sequence(db, event_id) == 1
    with db.session() as s:
        s.get_one(Event, event_id).ends_at = START + timedelta(hours=3)
    assert _sequence(db, event_id) == 2
    with db.session() as s:
        s.get_one(Event, event_id).status = EventStatus.POSTPONED
    assert _sequence(db, event_id) == 3
    with db.session() as s:
        event = s.get_one(Event, event_id)
        assert event.venue is not None
        event.room = event.venue.rooms[0]
    assert _sequence(db, event_id) == 4
    with db.session() as s:
        s.get_one(Event, event_id).venue = Venue(name="Serena Hotel")  # through the relationship
    assert _sequence(db, event_id) == 5


def test_several_changes_in_one_flush_bump_once(db: Database) -> None:
    event_id = _new_event(db)
    with db.session() as s:
        event = s.get_one(Event, event_id)
        event.starts_at += timedelta(days=1)
        event.ends_at += timedelta(days=1)
        event.status = EventStatus.CONFIRMED
    assert _sequence(db, event_id) == 1


def test_other_changes_and_same_values_do_not_bump(db: Database) -> None:
    event_id = _new_event(db)
    with db.session() as s:
        event = s.get_one(Event, event_id)
        event.title = "Gulf Security"
        event.concept_note = "Why now."
        event.starts_at = START.astimezone(UTC)  # the same moment
        event.status = EventStatus.DRAFT  # unchanged
        assert event.venue is not None
        event.venue = event.venue
    assert _sequence(db, event_id) == 0


def test_reimport_with_a_new_time_bumps_and_same_package_does_not(db: Database) -> None:
    event_id = _new_event(db)
    with db.session() as s:
        package = export_package(s, [event_id])
    import_package(db, package)
    assert _sequence(db, event_id) == 0
    package["events"][0]["starts_at"] = "2013-03-12T16:30:00"
    package["events"][0]["sequence"] = 0
    import_package(db, package)
    assert _sequence(db, event_id) == 1
    package["events"][0]["sequence"] = 7  # someone else's copy went further: keep the higher
    import_package(db, package)
    assert _sequence(db, event_id) == 7
