"""The services behind the window's shell and events page (Qt-free): the database handle
(address, letting go of the file, reopening it after a restore), the events page's reads
(series filter, past sessions, conflicted events), event packages planned and applied in two
steps, and the operations the New event dialog and File ▸ Delete push, round-tripped."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planner.errors import PlannerError
from planner.model import Event, Role, Series
from planner.services import safety
from planner.services.checks import conflicted_event_ids
from planner.services.database import address, let_go, reopen
from planner.services.event_packages import (
    apply_package,
    event_title,
    export_event_package,
    plan_package,
)
from planner.services.events import (
    CreateFromTemplate,
    DeleteEvent,
    DuplicateEvent,
    RestoreEvent,
    create_from_template,
    series_choices,
    series_sessions,
)
from planner.services.operations import apply
from planner.store import Database
from planner.store.database import WINDOW_BUSY_TIMEOUT_MS
from scheduling_builders import at, cast, event, person


def _titles(db: Database) -> list[str]:
    with db.session(write=False) as session:
        return list(session.scalars(select(Event.title).order_by(Event.id)))


def _event_count(db: Database) -> int:
    with db.session(write=False) as session:
        return int(session.scalar(select(func.count()).select_from(Event)) or 0)


@contextmanager
def _another_program_writing(path: Path) -> Iterator[None]:
    """Another program holds the write lock on ``path`` for the duration."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


# --- the database handle -------------------------------------------------------------------


def test_the_address_names_the_file(db: Database, db_path: Path) -> None:
    assert address(db).endswith(db_path.name)


def test_after_a_restore_the_reopened_handle_sees_the_restored_file(
    db: Database, db_path: Path
) -> None:
    """What File ▸ Restore does: let go of the file, restore a backup over it, reopen."""
    create_from_template(db, "roundtable", title="Kept", day=date(2026, 5, 4))
    backup = safety.back_up(db)
    create_from_template(db, "seminar", title="Entered after the backup", day=date(2026, 5, 5))
    let_go(db)
    safety.restore_backup(db_path, backup)
    reopened = reopen(db)
    try:
        assert _titles(reopened) == ["Kept"]
        assert reopened.busy_timeout_ms == WINDOW_BUSY_TIMEOUT_MS
        assert address(reopened) == address(db)
    finally:
        reopened.dispose()


def test_a_handle_let_go_of_opens_new_connections_when_used(db: Database) -> None:
    create_from_template(db, "roundtable", title="One", day=date(2026, 5, 4))
    let_go(db)
    assert _titles(db) == ["One"]


def test_reopening_a_file_that_is_no_database_is_one_clear_error(
    db: Database, db_path: Path
) -> None:
    """A restore that left something else at the path: the window shows this message."""
    let_go(db)
    for leftover in db_path.parent.glob(db_path.name + "*"):
        leftover.unlink()
    db_path.write_bytes(b"not a database " * 100)
    with pytest.raises(PlannerError, match="not a planner database"):
        reopen(db).dispose()


# --- the events page's reads ---------------------------------------------------------------


def test_series_choices_and_sessions_for_the_filter_and_the_new_event_dialog(
    db: Database,
) -> None:
    with db.session() as session:
        review = Series(title="Pakistan Foreign Policy Review")
        afghan = Series(title="Afghanistan Dialogue")
        session.add_all([review, afghan])
        session.flush()
        ids = (review.id, afghan.id)
    first = create_from_template(
        db, "roundtable", title="Review 1", day=date(2026, 3, 1), series_id=ids[0]
    )
    latest = create_from_template(
        db, "seminar", title="Dialogue 4", day=date(2026, 4, 1), series_id=ids[1]
    )
    create_from_template(db, "lecture", title="Alone", day=date(2026, 5, 1))

    assert [(c.id, c.label) for c in series_choices(db)] == [
        (ids[1], "Afghanistan Dialogue"),
        (ids[0], "Pakistan Foreign Policy Review"),
    ]
    sessions = series_sessions(db)
    assert [(s.id, s.title) for s in sessions] == [(latest, "Dialogue 4"), (first, "Review 1")]
    assert sessions[0].starts_at.astimezone(UTC).date() == date(2026, 4, 1)
    assert [s.id for s in series_sessions(db, limit=1)] == [latest]


def test_conflicted_event_ids_names_both_events_of_a_double_booking(db: Database) -> None:
    with db.session() as session:
        sehar = person(session, "Sehar", "Kamran", "Senator")
        gulf = event(session, "Gulf Security", at(2013, 3, 12, 16), at(2013, 3, 12, 18))
        salam = event(session, "SALAM Roundtable", at(2013, 3, 12, 17), at(2013, 3, 12, 19))
        later = event(session, "Later", at(2013, 3, 12, 19), at(2013, 3, 12, 21))
        cast(session, gulf, sehar, Role.CHAIR)
        cast(session, salam, sehar, Role.CHAIR)
        cast(session, later, sehar, Role.CHAIR)
        ids = (gulf.id, salam.id)
    assert conflicted_event_ids(db) == frozenset(ids)


def test_the_events_page_reads_while_another_program_writes(tmp_path: Path) -> None:
    """The list, its filter, the conflict marks, the New event dialog and exporting a package
    only read: another program's long write must not make them wait or fail."""
    path = tmp_path / "planner.sqlite3"
    seed = Database.open(f"sqlite:///{path}")
    with seed.session() as session:
        session.add(Series(title="Review"))
    seed.dispose()
    patient = Database.open(f"sqlite:///{path}", busy_timeout_ms=100)
    event_id = create_from_template(patient, "roundtable", title="Gulf", day=date(2026, 5, 4))
    try:
        with _another_program_writing(path):
            assert [c.label for c in series_choices(patient)] == ["Review"]
            assert series_sessions(patient) == []
            assert conflicted_event_ids(patient) == frozenset()
            assert event_title(patient, event_id) == "Gulf"
            written = export_event_package(patient, event_id, tmp_path / "gulf.json")
            assert plan_package(patient, written).events[0].existing_id == event_id
    finally:
        patient.dispose()


# --- event packages ------------------------------------------------------------------------


def test_a_package_is_planned_without_writing_then_applied_whole(
    db: Database, tmp_path: Path
) -> None:
    source = Database.open(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    try:
        event_id = create_from_template(
            source, "roundtable", title="Gulf Security", day=date(2026, 5, 4)
        )
        assert event_title(source, event_id) == "Gulf Security"
        assert event_title(source, event_id + 1) is None
        path = export_event_package(source, event_id, tmp_path / "gulf.json")
    finally:
        source.dispose()
    assert path.exists()

    plan = plan_package(db, path)
    assert [(m.label, m.is_new) for m in plan.events] == [("Gulf Security", True)]
    assert _event_count(db) == 0  # the preview wrote nothing

    summary = apply_package(db, plan)
    assert summary.events_created == 1 and _titles(db) == ["Gulf Security"]
    again = plan_package(db, path)
    assert [(m.existing_id, m.matched_by) for m in again.events] == [(summary.event_ids[0], "uid")]


def test_a_broken_package_is_refused_before_anything_is_planned(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "planner.event-package", "version": 1, "events": [{}]}')
    with pytest.raises(PlannerError):
        plan_package(db, path)
    assert _event_count(db) == 0


def test_exporting_an_event_that_is_gone_is_refused(db: Database, tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match="no event with id 7"):
        export_event_package(db, 7, tmp_path / "none.json")
    assert not (tmp_path / "none.json").exists()


# --- the operations the shell pushes, round-tripped ----------------------------------------


def _uid_and_agenda(db: Database, event_id: int) -> tuple[str, list[int]]:
    with db.session(write=False) as session:
        row = session.get(Event, event_id)
        assert row is not None
        return row.uid, [item.id for item in row.agenda]


def test_new_event_undone_and_redone_is_the_same_event(db: Database) -> None:
    created = apply(
        db, CreateFromTemplate("roundtable", "Gulf", date(2026, 5, 4), time(17), text="New")
    )
    event_id = created.inverse.event_id
    assert isinstance(created.inverse, DeleteEvent) and event_id is not None
    before = _uid_and_agenda(db, event_id)

    undone = apply(db, created.inverse)
    assert isinstance(undone.inverse, RestoreEvent) and _event_count(db) == 0
    redone = apply(db, undone.inverse)
    assert _uid_and_agenda(db, event_id) == before  # same id, calendar UID and agenda ids
    apply(db, redone.inverse)
    assert _event_count(db) == 0


def test_next_session_undone_and_redone_is_the_same_event(db: Database) -> None:
    with db.session() as session:
        series = Series(title="Review")
        session.add(series)
        session.flush()
        series_id = series.id
    source = create_from_template(
        db, "roundtable", title="Review", day=date(2026, 3, 1), series_id=series_id
    )
    created = apply(db, DuplicateEvent(source, date(2026, 3, 8)))
    event_id = created.inverse.event_id
    assert event_id is not None and event_id != source
    before = _uid_and_agenda(db, event_id)
    with db.session(write=False) as session:
        row = session.get(Event, event_id)
        assert row is not None and row.series_id == series_id
        assert row.starts_at.astimezone(UTC).date() == date(2026, 3, 8)

    undone = apply(db, created.inverse)
    assert _titles(db) == ["Review"]
    apply(db, undone.inverse)
    assert _uid_and_agenda(db, event_id) == before


def test_delete_event_round_trips_twice(db: Database) -> None:
    event_id = create_from_template(db, "seminar", title="Seminar", day=date(2026, 6, 1))
    before = _uid_and_agenda(db, event_id)
    deleted = apply(db, DeleteEvent(event_id, "Delete “Seminar”"))
    assert _event_count(db) == 0 and deleted.changes.event_ids == {event_id}
    restored = apply(db, deleted.inverse)
    assert _uid_and_agenda(db, event_id) == before
    apply(db, restored.inverse)
    assert _event_count(db) == 0
