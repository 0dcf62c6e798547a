"""The lines of an event's history (services/history.py): inside one event's history the
event's own changes say what changed, not the event's title; other rows say which row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from planner.model import AgendaKind, Change, Event, Role
from planner.services.agenda import AddAgendaItem
from planner.services.cast import AddToCast
from planner.services.events import MoveEvent
from planner.services.history import event_history, summary
from planner.services.operations import Record, SetField, apply
from planner.services.people import create_person
from planner.store import Database

STARTS = datetime(2030, 3, 12, 12, 0, tzinfo=UTC)  # 17:00 in Islamabad


@pytest.fixture(autouse=True)
def _who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_USER", "Sana")


def _gulf_security(uid: str, **more: object) -> Event:
    return Event(
        uid=uid,
        title="Gulf Security",
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=2),
        time_zone="Asia/Karachi",
        **more,
    )


def test_one_events_history_says_what_changed_without_its_title(any_db: Database) -> None:
    with any_db.session() as session:
        event = _gulf_security("history-lines@planner")
        session.add(event)
        session.flush()
        event_id = event.id
    apply(any_db, SetField(Record.EVENT, event_id, "title", "Gulf Futures", "Edit title"))
    later = STARTS + timedelta(hours=1)
    apply(any_db, MoveEvent(event_id, later, later + timedelta(hours=2), "Asia/Karachi", "Move"))
    apply(any_db, AddAgendaItem(event_id, "Opening", 30, AgendaKind.OTHER))
    speaker = create_person(any_db, {"given_name": "سحر", "family_name": "کامران"})
    apply(any_db, AddToCast(event_id, speaker, Role.SPEAKER, "Add speaker"))

    lines = [entry.summary for entry in reversed(event_history(any_db, event_id).entries)]
    assert lines == [
        "Created the event",
        "Title: Gulf Security -> Gulf Futures",
        "Starts: 2030-03-12 17:00 -> 2030-03-12 18:00",
        "Ends: 2030-03-12 19:00 -> 2030-03-12 20:00",
        "Added agenda item “Opening”",
        "Added speaker سحر کامران",
    ]
    assert not any("Gulf Futures”" in line or "event “" in line for line in lines)

    # A list of several events' changes (no one event listed) names the event on each line.
    with any_db.session(write=False) as session:
        renamed = session.scalars(select(Change).where(Change.field == "title")).one()
        assert summary(renamed, "Asia/Karachi") == (
            "event “Gulf Futures”: title Gulf Security -> Gulf Futures"
        )
        assert summary(renamed, "Asia/Karachi", event_id + 1) == (
            "event “Gulf Futures”: title Gulf Security -> Gulf Futures"
        )


def test_a_change_of_venue_room_or_series_names_them_not_their_ids(any_db: Database) -> None:
    from planner.model import Room, Series, Venue

    with any_db.session() as session:
        serena, marriott = Venue(name="Serena Hotel"), Venue(name="مریٹ ہوٹل")
        session.add_all([serena, marriott])
        session.flush()
        hall = Room(venue_id=marriott.id, name="Hall B")
        gone = Room(venue_id=marriott.id, name="Annexe")
        series = Series(title="Gulf Roundtables")
        session.add_all([hall, gone, series])
        event = _gulf_security("history-venues@planner", venue_id=serena.id)
        session.add(event)
        session.flush()
        ids = event.id, marriott.id, hall.id, gone.id, series.id
    event_id, marriott_id, hall_id, gone_id, series_id = ids
    apply(any_db, SetField(Record.EVENT, event_id, "venue_id", marriott_id, "Venue"))
    apply(any_db, SetField(Record.EVENT, event_id, "room_id", gone_id, "Room"))
    apply(any_db, SetField(Record.EVENT, event_id, "series_id", series_id, "Series"))
    apply(any_db, SetField(Record.EVENT, event_id, "room_id", hall_id, "Room"))
    with any_db.session() as session:
        session.delete(session.get(Room, gone_id))

    lines = [entry.summary for entry in reversed(event_history(any_db, event_id).entries)]
    assert lines[1:] == [
        "Venue: Serena Hotel -> مریٹ ہوٹل",
        f"Room: (none) -> #{gone_id} (deleted)",
        "Series: (none) -> Gulf Roundtables",
        f"Room: #{gone_id} (deleted) -> Hall B",
    ]
