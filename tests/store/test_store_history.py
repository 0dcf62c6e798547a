"""The history (store.history): every kind of edit recorded, in the edit's own transaction."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from planner.model import AgendaKind, Change, ChangeKind, Event, Person, Role
from planner.services.agenda import AddAgendaItem, SetItemMinutes
from planner.services.cast import AddToCast, RemoveFromCast
from planner.services.operations import Delete, Record, SetField, apply
from planner.services.people_import import import_people_csv
from planner.store import Database
from strategies import event_specs, write_event

STARTS = datetime(2026, 3, 10, 9, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_USER", "Sana")


def _event(db: Database) -> int:
    with db.session() as session:
        event = Event(
            uid="h@planner",
            title="Gulf Security",
            starts_at=STARTS,
            ends_at=STARTS + timedelta(hours=3),
            time_zone="Asia/Karachi",
        )
        session.add(event)
        session.flush()
        return event.id


def _person(db: Database, given: str, family: str) -> int:
    with db.session() as session:
        person = Person(given_name=given, family_name=family)
        session.add(person)
        session.flush()
        return person.id


def _changes(db: Database) -> list[Change]:
    with db.session(write=False) as session:
        return list(session.scalars(select(Change).order_by(Change.id)))


def test_an_edit_records_field_old_new_who_and_event(any_db: Database) -> None:
    event_id = _event(any_db)
    before = len(_changes(any_db))
    apply(any_db, SetField(Record.EVENT, event_id, "title", "Gulf Futures", "Edit title"))
    (change,) = _changes(any_db)[before:]
    assert (change.kind, change.who, change.event_id, change.table_name) == (
        ChangeKind.EDIT,
        "Sana",
        event_id,
        "event",
    )
    assert (change.field, change.old_value, change.new_value) == (
        "title",
        "Gulf Security",
        "Gulf Futures",
    )
    assert abs(change.at - datetime.now(UTC)) < timedelta(minutes=1)
    with any_db.session(write=False) as session:
        event = session.get(Event, event_id)
        assert event is not None
        assert (event.changed_by, event.version) == ("Sana", 2)


def test_typing_into_one_field_is_one_history_row(any_db: Database) -> None:
    event_id = _event(any_db)
    before = len(_changes(any_db))
    for typed in ("G", "Gu", "Gul"):
        apply(any_db, SetField(Record.EVENT, event_id, "notes", typed, "Edit notes"))
    (change,) = _changes(any_db)[before:]
    assert (change.old_value, change.new_value) == ("", "Gul")
    # Typed back to what it was: no change left to show.
    apply(any_db, SetField(Record.EVENT, event_id, "notes", "", "Edit notes"))
    assert _changes(any_db)[before:] == []


def test_a_rule_changed_and_changed_back_keeps_both_changes(any_db: Database) -> None:
    """Only typed text folds: the event was on the record for a while, and documents may have
    been printed meanwhile (a new-user try-out lost both rows: changed back within 5 minutes,
    the folded row was deleted as "no change")."""
    from planner.model import AttributionRule
    from planner.services.history import event_history

    event_id = _event(any_db)
    before = len(_changes(any_db))
    for rule in (AttributionRule.ON_THE_RECORD, AttributionRule.CHATHAM_HOUSE):
        apply(any_db, SetField(Record.EVENT, event_id, "attribution", rule, "Edit rule"))
    assert [(c.old_value, c.new_value) for c in _changes(any_db)[before:]] == [
        ("chatham_house", "on_the_record"),
        ("on_the_record", "chatham_house"),
    ]
    # Newest first, by time: the notes row that folded later keystrokes comes first.
    apply(any_db, SetField(Record.EVENT, event_id, "notes", "a", "Edit notes"))
    with any_db.session() as session:
        first = session.scalars(select(Change).where(Change.field == "attribution")).first()
        assert first is not None
        first.at = first.at + timedelta(hours=1)  # as if it had folded a later change
    fields = [entry.field for entry in event_history(any_db, event_id).entries]
    assert fields[:3] == ["attribution", "notes", "attribution"]


def test_another_person_typing_is_a_row_of_their_own(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    event_id = _event(any_db)
    before = len(_changes(any_db))
    apply(any_db, SetField(Record.EVENT, event_id, "notes", "a", "Edit notes"))
    monkeypatch.setenv("PLANNER_USER", "Omar")
    apply(any_db, SetField(Record.EVENT, event_id, "notes", "ab", "Edit notes"))
    assert [(c.who, c.new_value) for c in _changes(any_db)[before:]] == [
        ("Sana", "a"),
        ("Omar", "ab"),
    ]


def test_agenda_and_cast_changes_are_recorded(any_db: Database) -> None:
    event_id = _event(any_db)
    speaker = _person(any_db, "عائشہ", "رحمان")
    before = len(_changes(any_db))
    item = apply(any_db, AddAgendaItem(event_id, "Opening", 30, AgendaKind.OTHER))
    assert item.changes.created_id is not None
    apply(any_db, SetItemMinutes(event_id, item.changes.created_id, 45))
    part = apply(any_db, AddToCast(event_id, speaker, Role.SPEAKER, "Add speaker"))
    assert isinstance(part.inverse, Delete)
    apply(any_db, RemoveFromCast(part.inverse.row_id, "Remove from cast"))
    rows = [(c.kind, c.label, c.field, c.event_id) for c in _changes(any_db)[before:]]
    assert rows == [
        (ChangeKind.CREATE, "agenda item “Opening”", "", event_id),
        (ChangeKind.EDIT, "agenda item “Opening”", "ends_at", event_id),
        (ChangeKind.CREATE, "speaker عائشہ رحمان", "", event_id),
        (ChangeKind.DELETE, "speaker عائشہ رحمان", "", event_id),
    ]
    moved = _changes(any_db)[before + 1]
    assert moved.old_value is not None and moved.new_value is not None
    assert datetime.fromisoformat(moved.new_value) - datetime.fromisoformat(
        moved.old_value
    ) == timedelta(minutes=15)


def test_a_person_edit_has_no_event(any_db: Database) -> None:
    person = _person(any_db, "伟", "王")
    before = len(_changes(any_db))
    apply(any_db, SetField(Record.PERSON, person, "position", "Director", "Edit position"))
    (change,) = _changes(any_db)[before:]
    assert (change.event_id, change.label, change.field) == (None, "person 伟 王", "position")


def test_a_bulk_import_is_one_summary_row_and_raises_versions(
    any_db: Database, tmp_path: Path
) -> None:
    csv = tmp_path / "people.csv"
    rows = [f"Given{i},Family{i},p{i}@example.org," for i in range(200)]
    csv.write_text("given_name,family_name,email,position\n" + "\n".join(rows) + "\n")
    before = len(_changes(any_db))
    import_people_csv(any_db, csv)
    (summary,) = _changes(any_db)[before:]
    assert (summary.kind, summary.table_name, summary.who) == (ChangeKind.IMPORT, "person", "Sana")
    assert "200 people added" in summary.label
    # The same people again, now with a position: completed in a Core UPDATE that raises
    # their version (a window holding one of them then refuses its stale edit).
    rows = [f"Given{i},Family{i},p{i}@example.org,Fellow" for i in range(200)]
    csv.write_text("given_name,family_name,email,position\n" + "\n".join(rows) + "\n")
    import_people_csv(any_db, csv)
    with any_db.session(write=False) as session:
        versions = set(session.scalars(select(Person.version)))
        stamped = session.scalar(select(func.count()).where(Person.changed_by == "Sana"))
        assert session.scalar(select(func.count()).select_from(Change)) == before + 2
    assert versions == {2}
    assert stamped == 200


def _edited_event(db: Database) -> int:
    event_id = _event(db)
    apply(db, SetField(Record.EVENT, event_id, "title", "Gulf Futures", "Edit title"))
    apply(db, SetField(Record.EVENT, event_id, "notes", "draft-only note", "Edit notes"))
    apply(db, SetField(Record.EVENT, event_id, "notes", "", "Edit notes"))
    return event_id


def test_db_copy_keeps_the_history(any_db: Database, tmp_path: Path) -> None:
    from planner.store.transfer import copy_database

    _edited_event(any_db)
    copy_database(any_db, f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    copy = Database.open(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:

        def rows(db: Database) -> list[tuple[object, ...]]:
            return [
                (c.id, c.at, c.who, c.event_id, c.kind, c.label, c.field, c.old_value, c.new_value)
                for c in _changes(db)
            ]

        assert rows(copy) == rows(any_db) != []
        with copy.session(write=False) as session:
            assert session.scalar(select(Event.version)) == 4  # made, then three edits
    finally:
        copy.dispose()


def test_a_package_carries_no_history(db: Database) -> None:
    """An event package is the event as it is, not its past: no history rows, no versions,
    not who changed it, not a value it held before."""
    from planner.store.package import dumps_package, export_package

    event_id = _edited_event(db)
    assert any(c.old_value == "Gulf Security" for c in _changes(db))
    with db.session(write=False) as session:
        data = export_package(session, [event_id])
    text = dumps_package(data)
    for absent in ("Gulf Security", "draft-only note", "Sana", "changed_by", "changed_at"):
        assert absent not in text
    assert not {"history", "changes", "change"} & set(data)
    assert "version" not in data["events"][0]  # the package's own "version" is its format's
    assert "Gulf Futures" in text


def test_deleting_a_person_through_core_shows_in_the_events_history(any_db: Database) -> None:
    """People are deleted with Core statements (services.people): recorded explicitly, in the
    person's history and in that of each event they had a role in."""
    from planner.services.history import event_history
    from planner.services.people_edits import DeletePeople

    event_id = _event(any_db)
    speaker = _person(any_db, "Tariq", "Hameed")
    apply(any_db, AddToCast(event_id, speaker, Role.SPEAKER, "Add speaker"))
    done = apply(any_db, DeletePeople((speaker,), "Delete person"))
    summaries = [entry.summary for entry in event_history(any_db, event_id).entries]
    assert summaries[:2] == ["Removed speaker Tariq Hameed", "Added speaker Tariq Hameed"]
    apply(any_db, done.inverse)  # undo puts them back, and says so
    assert event_history(any_db, event_id).entries[0].summary == (
        "Added speaker Tariq Hameed (put back)"
    )
    assert [(c.kind, c.label) for c in _changes(any_db) if c.table_name == "person"][-2:] == [
        (ChangeKind.DELETE, "person Tariq Hameed"),
        (ChangeKind.CREATE, "person Tariq Hameed (put back)"),
    ]


def test_revision_0009_gives_existing_rows_version_one(any_db: Database) -> None:
    """Rows made before the versions get version 1 and nobody as their last writer; the
    downgrade takes the columns and the history away again (SQLite and PostgreSQL)."""
    from sqlalchemy import insert, inspect

    from planner.store.migrations import downgrade_database, upgrade_database

    downgrade_database(any_db.engine, "0008")
    with any_db.engine.connect() as conn:
        assert "change" not in inspect(conn).get_table_names()
        assert "version" not in {c["name"] for c in inspect(conn).get_columns("person")}
    with any_db.engine.begin() as conn:
        conn.execute(insert(Person.__table__).values(given_name="Sehar", family_name="Kamran"))
    upgrade_database(any_db.engine)
    with any_db.session(write=False) as session:
        person = session.scalars(select(Person)).one()
        assert (person.version, person.changed_by, person.changed_at) == (1, "", None)
    person_id = person.id
    apply(any_db, SetField(Record.PERSON, person_id, "position", "Senator", "Edit position"))
    with any_db.session(write=False) as session:
        person = session.scalars(select(Person)).one()
        assert (person.version, person.changed_by) == (2, "Sana")


def _keys(value: object) -> set[str]:
    """Every key of every object in a decoded package."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=event_specs(), secret=st.uuids())
def test_no_package_carries_the_history_of_any_event(
    leak_db: Database, spec: dict[str, Any], secret: uuid.UUID
) -> None:
    """Random events (every rule, cast, agenda, invitations): a value the event held before,
    who changed it, versions and the history itself stay out of its package."""
    from planner.store.package import dumps_package, export_package

    with leak_db.session() as session:
        event_id = write_event(session, spec)
    old, who = f"draft {secret}", f"editor-{secret.hex[:8]}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANNER_USER", who)
        apply(leak_db, SetField(Record.EVENT, event_id, "notes", old, "Edit notes"))
        apply(leak_db, SetField(Record.EVENT, event_id, "notes", f"now {secret}", "Edit notes"))
    with leak_db.session(write=False) as session:
        assert session.scalar(select(func.count()).where(Change.who == who)) >= 1
        data = export_package(session, [event_id])
    text = dumps_package(data)
    assert old not in text and who not in text and f"now {secret}" in text
    assert not {"changed_by", "changed_at", "history", "change"} & _keys(data)
    # The package's own "version" (its format's) is the only one.
    assert "version" not in _keys({k: v for k, v in data.items() if k != "version"})
