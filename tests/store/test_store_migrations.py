"""Alembic migrations: upgrade, downgrade, batch rebuilds keeping child rows, backups, refusals."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, insert, inspect, select, text

from planner.errors import PlannerError
from planner.model import (
    AgendaItem,
    AgendaPerson,
    Base,
    Consent,
    Event,
    Invitation,
    Participation,
    Person,
    Role,
)
from planner.store import Database, revisions
from planner.store import migrations as migrations_module
from planner.store.backup import migration_backups
from planner.store.health import check_file
from planner.store.migrations import current_revision, downgrade_database, upgrade_database
from planner.store.people_index import include_name
from planner.store.revisions import UNVERSIONED

START = datetime(2013, 3, 12, 12, 0, tzinfo=UTC)


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _fill(db: Database) -> int:
    """One event with a child row of every kind; returns the event id.

    Every row goes in through Core with the columns revision 0001 has: the ORM would name
    every column of today's model (event.name_cast_publicly came with 0005, the versions and
    who changed each row with 0009, invitation.replied_at and reply_note with 0008)."""

    def add(model: type[Base], **values: object) -> int:
        table = Base.metadata.tables[model.__tablename__]
        return int(s.execute(insert(table).values(**values)).inserted_primary_key[0])

    with db.session() as s:
        chair = add(Person, honorific="Senator", given_name="Sehar", family_name="Kamran")
        speaker = add(Person, given_name="Marvin G.", family_name="Weinbaum")
        event_id = add(
            Event,
            uid="e1@test",
            title="Gulf Security",
            starts_at=START,
            ends_at=START + timedelta(hours=2),
        )
        item = add(
            AgendaItem,
            event_id=event_id,
            title="Talk",
            starts_at=START,
            ends_at=START + timedelta(hours=1),
        )
        add(AgendaPerson, agenda_item_id=item, person_id=speaker, role=Role.SPEAKER.value)
        add(Participation, event_id=event_id, person_id=chair, role=Role.CHAIR.value)
        add(Participation, event_id=event_id, person_id=speaker, role=Role.SPEAKER.value)
        # Plain SQL: Core would add the model's Python-side defaults of the newer columns.
        s.execute(
            text("INSERT INTO invitation (event_id, person_id, status) VALUES (:e, :p, 'invited')"),
            {"e": event_id, "p": speaker},
        )
        add(Consent, event_id=event_id, person_id=speaker, may_be_named=True)
        return event_id


def _child_counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (AgendaItem, AgendaPerson, Participation, Invitation, Consent)
        }


def test_upgrade_from_empty_reaches_head_and_matches_model(db_path: Path) -> None:
    db = Database.open(_url(db_path))
    try:
        assert current_revision(db.engine) == revisions.head_revision()
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= set(Base.metadata.tables)
            # The shipped revisions build exactly what the model declares, besides the
            # SQLite-only directory indexes of revision 0003 (which the filter names).
            filtered = MigrationContext.configure(conn, opts={"include_name": include_name})
            assert compare_metadata(filtered, Base.metadata) == []
            extras = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            assert {diff[1].name for diff in extras} == {
                "person_fts",
                "person_fts_config",
                "person_fts_data",
                "person_fts_docsize",
                "person_fts_idx",
                "ix_person_name_nocase",
            }
    finally:
        db.dispose()


def test_each_back_end_migrates_from_empty_to_exactly_the_model(any_url: str) -> None:
    db = Database.open(any_url)
    try:
        assert current_revision(db.engine) == revisions.head_revision()
        with db.engine.connect() as conn:
            # Besides the objects of one back end only (people_index.include_name).
            filtered = MigrationContext.configure(conn, opts={"include_name": include_name})
            assert compare_metadata(filtered, Base.metadata) == []
    finally:
        db.dispose()


def test_each_back_end_migrates_from_the_oldest_revision_keeping_the_rows(any_url: str) -> None:
    db = Database.open(any_url)
    try:
        downgrade_database(db.engine, "0001")
        assert current_revision(db.engine) == "0001"
        _fill(db)
        before = _child_counts(db)
        assert upgrade_database(db.engine) is False  # not new: it held rows
        assert current_revision(db.engine) == revisions.head_revision()
        assert _child_counts(db) == before
        assert min(before.values()) >= 1, "a row of every kind went through"
    finally:
        db.dispose()


def test_downgrade_to_base_and_upgrade_again(db_path: Path) -> None:
    db = Database.open(_url(db_path))
    try:
        downgrade_database(db.engine, "base")
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        assert current_revision(db.engine) is None
        upgrade_database(db.engine)
        assert current_revision(db.engine) == revisions.head_revision()
        assert _child_counts(db)["participation"] == 0
        _fill(db)  # the schema works again
    finally:
        db.dispose()


def test_batch_rebuild_of_event_keeps_child_rows(db_path: Path) -> None:
    db = Database.open(_url(db_path))
    try:
        downgrade_database(db.engine, "0001")
        _fill(db)
        before = _child_counts(db)
        assert all(before.values())
        upgrade_database(db.engine)  # 0002 rebuilds the event table
        assert current_revision(db.engine) == revisions.head_revision()
        assert _child_counts(db) == before
        with db.engine.connect() as conn:
            sql = conn.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'event'"))
            assert "ck_event_ends_after_starts" in str(sql)
            # Foreign keys are back on for the connection the migration used.
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_batch_rebuild_with_foreign_keys_on_would_lose_children(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shows why the guard exists: without it the same migration deletes the children."""
    db = Database.open(_url(db_path))
    try:
        downgrade_database(db.engine, "0001")
        _fill(db)

        @contextlib.contextmanager
        def keep_foreign_keys_on(_conn: object) -> Iterator[None]:
            yield

        monkeypatch.setattr(migrations_module, "_foreign_keys_off", keep_foreign_keys_on)
        upgrade_database(db.engine)
        assert _child_counts(db)["agenda_item"] == 0
    finally:
        db.dispose()


def test_migration_fixes_events_that_end_before_they_start(db_path: Path) -> None:
    db = Database.open(_url(db_path))
    try:
        downgrade_database(db.engine, "0001")
        event_id = _fill(db)
        with db.engine.begin() as conn:
            conn.execute(
                text("UPDATE event SET ends_at = '2013-03-12 10:00:00.000000' WHERE id = :id"),
                {"id": event_id},
            )
        upgrade_database(db.engine)
        with db.session() as s:
            event = s.get_one(Event, event_id)
            assert event.ends_at == event.starts_at
    finally:
        db.dispose()


def test_events_from_before_0005_follow_the_organisation(db_path: Path) -> None:
    """0005 adds event.name_cast_publicly as NULL: an existing event's naming does not change."""
    db = Database.open(_url(db_path))
    try:
        downgrade_database(db.engine, "0004")
        with db.engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("event")}
        assert "name_cast_publicly" not in columns
        event_id = _fill(db)
        upgrade_database(db.engine)
        with db.session() as s:
            assert s.get_one(Event, event_id).name_cast_publicly is None
    finally:
        db.dispose()


def test_backup_taken_before_migration_is_a_readable_copy(db_path: Path) -> None:
    db = Database.open(_url(db_path))
    downgrade_database(db.engine, "0001")
    _fill(db)
    db.dispose()
    assert migration_backups(db_path) == []

    Database.open(_url(db_path)).dispose()

    backups = migration_backups(db_path)
    assert len(backups) == 1
    assert "-from-0001" in backups[0].name
    with contextlib.closing(sqlite3.connect(backups[0])) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT title FROM event").fetchall() == [("Gulf Security",)]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_no_backup_when_nothing_to_migrate(db_path: Path) -> None:
    Database.open(_url(db_path)).dispose()  # a new file: nothing to back up
    Database.open(_url(db_path)).dispose()  # already current
    assert migration_backups(db_path) == []


def test_only_the_newest_backups_are_kept(db_path: Path) -> None:
    for _ in range(7):
        db = Database.open(_url(db_path))
        downgrade_database(db.engine, "0001")
        db.dispose()
        Database.open(_url(db_path)).dispose()
    assert len(migration_backups(db_path)) == 5


def _refused(path: Path) -> str:
    before = path.read_bytes()
    siblings = set(path.parent.iterdir())
    with pytest.raises(PlannerError) as caught:
        Database.open(_url(path))
    assert path.read_bytes() == before, "a refused database must not be modified"
    assert set(path.parent.iterdir()) == siblings, "no journal, WAL or backup left behind"
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return message


def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Agenda for Tuesday\n" * 50, encoding="utf-8")
    assert "not an SQLite file" in _refused(path)


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
        conn.commit()
    message = _refused(path)
    assert "not a planner database" in message and "invoices" in message


def test_database_from_a_newer_planner_is_refused_untouched(db_path: Path) -> None:
    Database.open(_url(db_path)).dispose()
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # fold the WAL in so the bytes say it all
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()
    message = _refused(db_path)
    assert "newer version of planner" in message and "9999_future" in message


def test_database_made_before_alembic_is_refused_untouched(db_path: Path) -> None:
    """Planner's tables without a schema version (a development build's file from before
    migrations shipped) are refused with one line, not adopted."""
    downgraded = Database.open(_url(db_path))
    downgrade_database(downgraded.engine, "0001")
    downgraded.dispose()
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("DROP TABLE alembic_version")
        conn.execute("PRAGMA journal_mode=DELETE")  # fold the WAL in so the bytes say it all
        conn.commit()
    message = _refused(db_path)
    assert "before schema versions" in message and str(db_path) in message
    assert check_file(db_path).problems == [UNVERSIONED]


def test_in_memory_database_is_shared_by_sessions() -> None:
    db = Database.open("sqlite://")
    try:
        _fill(db)
        assert _child_counts(db)["participation"] == 2
        assert current_revision(db.engine) == revisions.head_revision()
    finally:
        db.dispose()


def test_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "still" / "planner.sqlite3"
    Database.open(_url(path)).dispose()
    assert path.is_file()


def test_head_constant_is_the_newest_shipped_revision() -> None:
    """upgrade_database skips importing Alembic when a file is at HEAD_REVISION."""
    assert revisions.head_revision() == revisions.HEAD_REVISION


def test_another_programs_alembic_database_is_not_called_a_newer_planner(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
        conn.commit()
    message = _refused(path)
    assert "not a planner database" in message and "newer" not in message


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PlannerError, match="is a folder"):
        Database.open(_url(tmp_path))


def test_a_locked_database_is_a_clear_error(db_path: Path) -> None:
    # A short wait of its own: patching SQLITE_BUSY_TIMEOUT_MS no longer reaches open()'s
    # default, and the test waited the whole 300 s.
    db = Database.open(_url(db_path), busy_timeout_ms=50)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        busy = r"kept the database busy for 0.05 s; nothing was saved"
        locked = pytest.raises(PlannerError, match=busy)
        with locked, db.session() as s:
            s.add(Person(family_name="Kamran"))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        db.dispose()


def test_postgresql_upgrade_downgrade_and_demo(postgres_url: str) -> None:
    """The same migrations on PostgreSQL (e.g. postgresql+psycopg://user@host/empty_db)."""
    from planner.store.demo import load_demo
    from planner.store.package import export_package
    from planner.store.queries import all_event_ids

    db = Database.open(postgres_url)
    try:
        assert current_revision(db.engine) == revisions.head_revision()
        load_demo(db)
        with db.session() as s:
            before = export_package(s, all_event_ids(s))
        downgrade_database(db.engine, "0001")
        upgrade_database(db.engine)
        with db.session() as s:
            assert export_package(s, all_event_ids(s)) == before
    finally:
        downgrade_database(db.engine, "base")
        db.dispose()


def test_a_migration_that_breaks_references_is_rolled_back(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database.open(_url(db_path))
    downgrade_database(db.engine, "0001")
    _fill(db)
    calls: list[int] = []

    def broken_after_migration(_conn: object) -> set[tuple[object, ...]]:
        calls.append(1)
        return set() if len(calls) == 1 else {("agenda_item", 1, "event", 0)}

    monkeypatch.setattr(migrations_module, "_broken_references", broken_after_migration)
    with pytest.raises(PlannerError, match=r"nothing changed.*1 broken references in agenda_item"):
        upgrade_database(db.engine)
    monkeypatch.undo()
    try:
        assert current_revision(db.engine) == "0001"
        with db.engine.connect() as conn:
            sql = conn.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'event'"))
            assert "ck_event_ends_after_starts" not in str(sql), "the rebuild was rolled back"
        assert _child_counts(db)["agenda_item"] == 1
    finally:
        db.dispose()


def test_references_broken_before_the_migration_do_not_block_it(db_path: Path) -> None:
    db = Database.open(_url(db_path))
    try:
        downgrade_database(db.engine, "0001")
        _fill(db)
        with db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            raw.execute(
                "INSERT INTO participation (event_id, person_id, role, position) "
                "VALUES (1, 999, 'speaker', 5)"
            )
            raw.execute("PRAGMA foreign_keys=ON")
        upgrade_database(db.engine)
        assert current_revision(db.engine) == revisions.head_revision()
    finally:
        db.dispose()
