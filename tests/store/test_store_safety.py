"""Data safety in the store: our application id, writers that queue, reads that do not wait,
``db check``, and the automatic backups' rotation and settings."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planner.cli.main import main
from planner.config import BackupSettings, backup_settings, settings_path
from planner.errors import PlannerError
from planner.model import Person
from planner.store import Database
from planner.store.backup import (
    backups_folder,
    daily_backup,
    list_backups,
    migration_backups,
    prune_backups,
)
from planner.store.demo import load_demo
from planner.store.health import APPLICATION_ID, check_file


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _application_id(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA application_id").fetchone()[0])


# --- application id ----------------------------------------------------------------------------


def test_a_new_database_carries_our_application_id(db: Database, db_path: Path) -> None:
    assert _application_id(db_path) == APPLICATION_ID == int.from_bytes(b"PLNR", "big")


def test_an_older_planner_file_without_it_gets_it_when_opened(db_path: Path) -> None:
    Database.open(_url(db_path)).dispose()
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA application_id = 0")
        conn.commit()
    Database.open(_url(db_path)).dispose()
    assert _application_id(db_path) == APPLICATION_ID


def test_a_file_with_planner_tables_but_another_programs_id_is_refused_untouched(
    db_path: Path,
) -> None:
    """Even a copy of our schema is not ours when another program has claimed the file."""
    Database.open(_url(db_path)).dispose()
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA application_id = 1196444487")
        conn.commit()
    before = db_path.read_bytes()
    with pytest.raises(PlannerError, match="another program's SQLite file, application id 'GPKG'"):
        Database.open(_url(db_path))
    assert db_path.read_bytes() == before
    assert _application_id(db_path) == 1196444487


# --- writers queue, reads do not wait ------------------------------------------------------------


def _count(db: Database) -> int:
    with db.session(write=False) as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def test_a_writer_that_read_first_waits_instead_of_failing(db_path: Path) -> None:
    """The failure BEGIN IMMEDIATE prevents: A reads, B writes and commits, A writes. With a
    deferred BEGIN, A's snapshot is stale and SQLite refuses at once ("database is locked")."""
    first = Database.open(_url(db_path))
    second = Database.open(_url(db_path))  # its own connections, as another process has
    a_has_read = threading.Event()
    errors: list[BaseException] = []

    def writer_b() -> None:
        a_has_read.wait(5)
        try:
            with second.session() as session:
                session.add(Person(given_name="B", family_name="Writer"))
        except BaseException as error:  # pragma: no cover - the failure being tested
            errors.append(error)

    thread = threading.Thread(target=writer_b)
    thread.start()
    try:
        with first.session() as session:
            session.scalar(select(func.count()).select_from(Person))
            a_has_read.set()
            time.sleep(0.3)  # B tries to write now
            session.add(Person(given_name="A", family_name="Writer"))
        thread.join(10)
        assert errors == []
        assert _count(first) == 2
    finally:
        first.dispose()
        second.dispose()


def test_a_read_does_not_wait_for_a_writer(db_path: Path) -> None:
    writer = Database.open(_url(db_path))
    reader = Database.open(_url(db_path))
    try:
        with writer.session() as session:
            session.add(Person(given_name="Not", family_name="Committed"))
            session.flush()  # the write lock is held from BEGIN IMMEDIATE on
            started = time.perf_counter()
            assert _count(reader) == 0  # the last committed state, at once
            assert time.perf_counter() - started < 1.0
        assert _count(reader) == 1
    finally:
        writer.dispose()
        reader.dispose()


def test_a_session_opened_inside_a_writing_one_does_not_wait_for_itself(db: Database) -> None:
    """The inner session cannot take the write lock its own thread holds: BEGIN IMMEDIATE
    would wait out the whole busy timeout. It begins deferred and reads at once."""
    with db.session() as outer:
        outer.add(Person(given_name="Outer", family_name="Writer"))
        outer.flush()
        started = time.perf_counter()
        with db.session() as inner:  # not marked as a read, as in older code
            assert inner.scalar(select(func.count()).select_from(Person)) == 0
        assert time.perf_counter() - started < 2.0
    with db.session() as after:  # the lock is released: writing begins IMMEDIATE again
        after.add(Person(given_name="After", family_name="Writer"))
    assert _count(db) == 2


def test_a_command_that_reads_does_not_wait_for_another_programs_write(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening (schema, search index, the day's backup) and listing only read: none of it
    queues behind a writer that holds the lock."""
    _demo_file(db_path)
    writer = Database.open(_url(db_path))
    try:
        with writer.session() as session:
            session.add(Person(given_name="Not", family_name="Committed"))
            session.flush()
            started = time.perf_counter()
            assert main(["--db", str(db_path), "people", "--json"]) == 0
            assert time.perf_counter() - started < 5.0
        assert len(json.loads(capsys.readouterr().out)) == 15
    finally:
        writer.dispose()


def test_a_writer_kept_waiting_past_the_timeout_says_so(db_path: Path) -> None:
    first = Database.open(_url(db_path))
    second = Database.open(_url(db_path), busy_timeout_ms=200)
    try:
        with first.session() as session:
            session.add(Person(given_name="First", family_name="Writer"))
            session.flush()
            with pytest.raises(PlannerError) as caught, second.session() as other:
                other.add(Person(given_name="Second", family_name="Writer"))
        assert "another program kept the database busy for 0.2 s; nothing was saved" in str(
            caught.value
        )
        assert _count(first) == 1
    finally:
        first.dispose()
        second.dispose()


def test_the_window_waits_ten_seconds_for_another_write_and_a_command_five_minutes(
    db_path: Path,
) -> None:
    from planner.app import open_database

    def busy_timeout(db: Database) -> int:
        with db.engine.connect() as conn:
            return int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one())

    command = Database.open(_url(db_path))
    window = open_database(str(db_path))
    try:
        assert busy_timeout(command) == 300_000
        assert busy_timeout(window) == 10_000 == window.busy_timeout_ms
    finally:
        command.dispose()
        window.dispose()


def _people_csv(path: Path, prefix: str, rows: int) -> Path:
    lines = ["First name,Last name,Email"]
    lines += [f"{prefix}{n},Family{n},{prefix.lower()}{n}@example.org" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_imports_started_together_both_succeed_and_the_counts_add_up(
    db_path: Path, tmp_path: Path
) -> None:
    """Two processes' imports, all or nothing each: the second waits for the first's lock."""
    import subprocess
    import sys

    Database.open(_url(db_path)).dispose()
    rows = 3000
    files = [_people_csv(tmp_path / f"{p}.csv", p, rows) for p in ("Alpha", "Beta")]
    command = [sys.executable, "-m", "planner.cli.main", "--db", str(db_path), "import"]
    running = [
        subprocess.Popen([*command, str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for f in files
    ]
    results = [process.communicate(timeout=300) for process in running]
    for process, (out, err) in zip(running, results, strict=True):
        assert process.returncode == 0, err.decode()
        assert f"{rows} created" in out.decode()
    db = Database.open(_url(db_path))
    try:
        assert _count(db) == 2 * rows
    finally:
        db.dispose()


# --- db check ----------------------------------------------------------------------------------


def test_db_check_passes_a_healthy_file_and_lists_broken_references(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database.open(_url(db_path))
    load_demo(db)
    db.dispose()
    assert main(["--db", str(db_path), "db", "check"]) == 0
    assert capsys.readouterr().out.startswith(f"{db_path}: ok (quick_check and foreign_key")
    assert main(["--db", str(db_path), "db", "check", "--full"]) == 0
    assert "integrity_check" in capsys.readouterr().out

    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DELETE FROM person WHERE id IN (SELECT person_id FROM participation)")
        conn.commit()
    assert main(["--db", str(db_path), "db", "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{db_path}: ") and "problem" in out[0]
    assert any(line.startswith("  participation: ") and "missing person" in line for line in out)


def test_db_check_on_a_missing_file_or_a_server_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "nothing.sqlite3"), "db", "check"]) == 1
    assert "no such database file" in capsys.readouterr().err
    assert main(["--db", "postgresql://u:secret@host/db", "db", "check"]) == 1
    err = capsys.readouterr().err
    assert "works on SQLite database files" in err and "secret" not in err


def test_integrity_check_finds_an_index_that_quick_check_does_not(db_path: Path) -> None:
    """--full is worth its time: a corrupt index entry passes quick_check."""
    db = Database.open(_url(db_path))
    load_demo(db)
    db.dispose()
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        # writable_schema lets an index and its table disagree, as a torn write can.
        conn.execute("CREATE INDEX ix_probe ON person (family_name)")
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = replace(sql, 'family_name', 'given_name') "
            "WHERE name = 'ix_probe'"
        )
        conn.commit()
    assert check_file(db_path).ok
    report = check_file(db_path, full=True)
    assert not report.ok and any("ix_probe" in problem for problem in report.problems)


# --- automatic backups -------------------------------------------------------------------------


def _demo_file(db_path: Path) -> Path:
    db = Database.open(_url(db_path))
    load_demo(db)
    db.dispose()
    return db_path


def test_one_daily_backup_a_day_taken_at_open_in_the_user_data_folder(
    db_path: Path, tmp_path: Path
) -> None:
    Database.open(_url(db_path)).dispose()  # a new file: nothing to back up
    assert list_backups(db_path) == []
    _demo_file(db_path)  # opened again: the day's backup (of the empty schema)
    Database.open(_url(db_path)).dispose()
    backups = list_backups(db_path)
    assert [b.kind for b in backups] == ["daily"]
    assert backups[0].path.parent == backups_folder(db_path)
    assert not backups[0].path.is_relative_to(db_path.parent), "not beside the database"
    assert check_file(backups[0].path).ok
    assert sorted(p.name for p in db_path.parent.iterdir() if "backup" in p.name) == []


def _fake(folder: Path, when: datetime, kind: str = "daily") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"planner-{when.strftime('%Y%m%dT%H%M%SZ')}-{kind}.sqlite3"
    path.write_bytes(b"")
    return path


def test_rotation_keeps_ten_daily_and_the_newest_of_eight_weeks(db_path: Path) -> None:
    folder = backups_folder(db_path)
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)  # a Monday
    made = [_fake(folder, start + timedelta(days=n)) for n in range(100)]
    manual = _fake(folder, start, "manual")
    prune_backups(db_path)
    left = sorted(folder.iterdir())
    assert manual in left, "manual backups are never rotated away"
    kept = [p for p in made if p in left]
    assert kept[-10:] == made[-10:]
    older = kept[:-10]
    # The newest backup of each of the eight newest weeks, less those among the ten dailies.
    weeks = {
        datetime.strptime(p.name.split("-")[1], "%Y%m%dT%H%M%SZ").isocalendar()[:2] for p in kept
    }
    assert len(weeks) == 8
    assert all(
        datetime.strptime(p.name.split("-")[1], "%Y%m%dT%H%M%SZ").weekday() == 6 for p in older
    ), "the newest of each week is a Sunday"
    kinds = {info.path: info.kind for info in list_backups(db_path)}
    assert {kinds[p] for p in older} == {"weekly"}
    assert {kinds[p] for p in made[-10:]} == {"daily"}


def test_the_numbers_kept_are_a_setting(db_path: Path) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"backups": {"keep_daily": 3, "keep_weekly": 0}}))
    assert backup_settings() == BackupSettings(keep_daily=3, keep_weekly=0)
    folder = backups_folder(db_path)
    made = [_fake(folder, datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=n)) for n in range(9)]
    prune_backups(db_path)
    assert sorted(folder.iterdir()) == made[-3:]


def test_the_backups_folder_is_a_setting(db_path: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "external drive"
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"backups": {"folder": str(elsewhere)}}))
    _demo_file(db_path)
    Database.open(_url(db_path)).dispose()
    assert [b.path.parent.parent for b in list_backups(db_path)] == [elsewhere]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "the settings are not JSON (line 1, column 2)"),
        ('{"backups": 3}', "backups: should be an object"),
        ('{"backups": {"keep_daily": "ten"}}', "backups.keep_daily: should be a whole number"),
        ('{"backups": {"keep_weekly": -1}}', "backups.keep_weekly: should be a whole number"),
        ('{"backups": {"keep_daily": true}}', "backups.keep_daily: should be a whole number"),
        ('{"backups": {"folder": ""}}', "backups.folder: should be a folder's path"),
    ],
)
def test_a_wrong_setting_is_one_line_naming_the_field(
    db_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    _demo_file(db_path)
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(text, encoding="utf-8")
    assert main(["--db", str(db_path), "events"]) == 1
    err = capsys.readouterr().err
    assert err == f"planner: {settings_path()}: {expected}" + err.split(expected, 1)[1]
    assert len(err.splitlines()) == 1


def test_no_daily_backup_when_both_numbers_are_zero(db_path: Path) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"backups": {"keep_daily": 0, "keep_weekly": 0}}')
    _demo_file(db_path)
    db = Database.open(_url(db_path))
    try:
        assert daily_backup(db.engine) is None
    finally:
        db.dispose()
    assert list_backups(db_path) == []


def test_an_unwritable_backups_folder_does_not_stop_the_database_opening(
    db_path: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"backups": {"folder": str(blocked)}}))
    _demo_file(db_path)
    db = Database.open(_url(db_path))  # logs "no daily backup" and opens
    try:
        assert _count(db) == 15
    finally:
        db.dispose()


def test_migration_backups_go_to_the_backups_folder_and_are_listed(db_path: Path) -> None:
    from planner.store.migrations import downgrade_database

    _demo_file(db_path)
    db = Database.open(_url(db_path))
    downgrade_database(db.engine, "0003")
    db.dispose()
    Database.open(_url(db_path)).dispose()
    (backup,) = migration_backups(db_path)
    assert backup.parent == backups_folder(db_path)
    (info,) = [b for b in list_backups(db_path) if b.kind == "migration"]
    assert info.from_revision == "0003" and info.events == 4


def test_a_read_only_file_can_still_be_read_in_a_writing_session(db_path: Path) -> None:
    # BEGIN IMMEDIATE on a read-only file fails at once; the window's reads (which do not say
    # write=False) must still see the data, and a write must still be refused.
    setup = Database.open(_url(db_path))
    with setup.session() as session:
        session.add(Person(given_name="Read", family_name="Only"))
    setup.dispose()
    read_only = Database.open(f"sqlite:///file:{db_path}?mode=ro&uri=true", migrate=False)
    try:
        with read_only.session() as session:  # a writing session, as the window opens
            assert session.scalar(select(func.count()).select_from(Person)) == 1
        with (
            pytest.raises(PlannerError, match="the file is read-only"),
            read_only.session() as session,
        ):
            session.add(Person(given_name="Second", family_name="Person"))
    finally:
        read_only.dispose()
