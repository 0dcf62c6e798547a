"""services/snapshots: rows taken as plain values and put back exactly, ids included."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import true

from planner.model import AgendaItem, AgendaPerson, Event, Participation, Person, Role
from planner.services.cast import RemoveFromCast
from planner.services.events import DeleteEvent
from planner.services.operations import apply
from planner.services.snapshots import RowSnapshot, row_values, select_rows, table_of
from planner.store import Database

STARTS = datetime(2026, 3, 10, 12, tzinfo=UTC)
ENDS = datetime(2026, 3, 10, 14, tzinfo=UTC)
TABLES = (Event, AgendaItem, AgendaPerson, Participation, Person)


def _everything(db: Database) -> dict[str, tuple[dict[str, object], ...]]:
    with db.session(write=False) as session:
        return {
            model.__tablename__: select_rows(session, table_of(model), true()) for model in TABLES
        }


def _event(db: Database) -> tuple[int, int]:
    with db.session() as session:
        person = Person(given_name="伟", family_name="王")
        event = Event(uid="snap@planner", title="Snapshot", starts_at=STARTS, ends_at=ENDS)
        item = AgendaItem(event=event, title="Opening", starts_at=STARTS, ends_at=ENDS)
        session.add_all([person, event, item])
        session.flush()
        part = Participation(event=event, person=person, role=Role.CHAIR)
        session.add_all([part, AgendaPerson(agenda_item=item, person=person, role=Role.CHAIR)])
        session.flush()
        return event.id, part.id


def test_row_values_are_keyed_by_column_name(db: Database) -> None:
    event_id, _ = _event(db)
    with db.session(write=False) as session:
        event = session.get(Event, event_id)
        assert event is not None
        values = row_values(event)
        (row,) = select_rows(session, table_of(Event), table_of(Event).c.id == event_id)
    assert values == row


def test_a_deleted_event_comes_back_exactly(db: Database) -> None:
    event_id, _ = _event(db)
    before = _everything(db)
    done = apply(db, DeleteEvent(event_id, "Delete event"))
    assert _everything(db)["event"] == ()
    apply(db, done.inverse)
    assert _everything(db) == before


def test_a_cast_member_and_their_agenda_roles_come_back_exactly(db: Database) -> None:
    _, part_id = _event(db)
    before = _everything(db)
    done = apply(db, RemoveFromCast(part_id, "Remove from cast"))
    assert _everything(db)["agenda_person"] == ()
    apply(db, done.inverse)
    assert _everything(db) == before


def test_a_snapshot_puts_parents_back_before_children(db: Database) -> None:
    _event(db)
    before = _everything(db)
    with db.session() as session:
        snapshot = RowSnapshot()
        for model in (Person, Event, AgendaItem, AgendaPerson, Participation):
            snapshot = snapshot.add(table_of(model), select_rows(session, table_of(model), true()))
        for model in (Participation, AgendaPerson, AgendaItem, Event, Person):
            session.execute(table_of(model).delete())
    assert all(not rows for rows in _everything(db).values())
    with db.session() as session:
        snapshot.put_back(session)
    assert _everything(db) == before
    assert snapshot.of(table_of(Person))[0]["family_name"] == "王"
