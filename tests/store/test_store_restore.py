"""``planner restore`` and ``planner backup --list``: a stale WAL is never applied, the replaced
file is kept, a bad backup is refused, and nothing happens under an open window."""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.store import Database
from planner.store.backup import backup_path, backups_folder, latest_good_backup, list_backups
from planner.store.demo import load_demo
from planner.store.instance_lock import lock_path
from planner.store.restore import restore

# A child that adds 200 copies of event 1 and dies without a checkpoint: its WAL stays behind,
# as after a crash or with a window still open.
STALE_WAL_CHILD = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA wal_autocheckpoint=0")
columns = [row[1] for row in conn.execute("PRAGMA table_info(event)") if row[1] != "id"]
chosen = ", ".join("uid || '-' || ?" if c == "uid" else c for c in columns)
for n in range(200):
    conn.execute(f"INSERT INTO event ({', '.join(columns)}) SELECT {chosen} FROM event "
                 "WHERE id = 1", (n,))
conn.commit()
os._exit(0)
"""


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _events(path: Path) -> int:
    db = Database.open(_url(path))
    try:
        with db.engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM event").scalar_one())
    finally:
        db.dispose()


@pytest.fixture
def demo(db_path: Path) -> Path:
    db = Database.open(_url(db_path))
    load_demo(db)
    db.dispose()
    return db_path


def _leave_a_stale_wal(path: Path) -> None:
    subprocess.run([sys.executable, "-c", STALE_WAL_CHILD, str(path)], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0


def test_restore_never_applies_the_stale_wal(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_path(demo)
    _leave_a_stale_wal(demo)

    assert main(["--db", str(demo), "restore", str(backup)]) == 0

    out = capsys.readouterr().out
    assert out.startswith(f"restored {demo} from {backup} (4 events)")
    assert _events(demo) == 4, "204 would mean the old WAL was applied to the restored file"
    assert main(["--db", str(demo), "db", "check", "--full"]) == 0
    # The replaced file, its WAL folded in, is kept as a backup.
    (kept,) = [b for b in list_backups(demo) if b.kind == "before-restore"]
    assert f"the replaced file is kept as {kept.path}" in out
    assert kept.events == 204


def test_restore_by_name_from_the_list(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = backup_path(demo)
    assert main(["--db", str(demo), "restore", backup.name]) == 0
    assert "(4 events)" in capsys.readouterr().out


def test_a_damaged_database_is_restored_and_its_bytes_kept(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_path(demo)
    damaged = demo.read_bytes()[:4096] + bytes(len(demo.read_bytes()) - 4096)
    demo.write_bytes(damaged)
    assert main(["--db", str(demo), "events"]) == 1
    assert "restore a backup with `planner restore`" in capsys.readouterr().err
    good = latest_good_backup(demo)
    assert good is not None and good.path == backup

    assert main(["--db", str(demo), "restore", str(good.path)]) == 0

    assert _events(demo) == 4
    (kept,) = [b for b in list_backups(demo) if b.kind == "before-restore"]
    assert kept.path.read_bytes() == damaged and kept.events is None


def test_backup_list_shows_time_kind_events_and_size(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Database.open(_url(demo)).dispose()  # the day's automatic backup
    assert main(["--db", str(demo), "backup"]) == 0
    capsys.readouterr()
    assert main(["--db", str(demo), "backup", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["TAKEN", "(UTC)", "KIND", "EVENTS", "SIZE", "FILE"]
    rows = [line.split() for line in lines[1:]]
    assert [row[2] for row in rows] == ["manual", "daily"]
    assert {row[3] for row in rows} == {"4"}
    assert all(row[5] == "KB" and row[6].startswith(str(backups_folder(demo))) for row in rows)


def test_backup_list_with_no_backups_says_where_they_would_be(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "backup", "--list"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == f"no backups yet in {backups_folder(db_path)}\n"
    assert not db_path.exists(), "listing backups does not create the database"


def _hold_like_a_window(database: Path, pid: int, host: str) -> None:
    # QLockFile's format: process id, application name, host name.
    lock_path(database).write_text(f"{pid}\nplanner\n{host}\n", encoding="utf-8")


def test_restore_is_refused_while_a_window_holds_the_database(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_path(demo)
    before = demo.read_bytes()
    window = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _hold_like_a_window(demo, window.pid, socket.gethostname())
        assert main(["--db", str(demo), "restore", str(backup)]) == 1
        err = capsys.readouterr().err
        assert f"a planner window (process {window.pid}) has it open" in err
        assert demo.read_bytes() == before
    finally:
        window.kill()
        window.wait()
    # A window killed with SIGKILL leaves a stale lock, which holds nothing.
    assert main(["--db", str(demo), "restore", str(backup)]) == 0


def test_the_window_restores_under_its_own_lock_through_the_service(demo: Path) -> None:
    """What the window does: check in a worker, find the latest good backup, let go of the
    file (keeping its own lock), restore, open again."""
    from planner.services import safety

    db = Database.open(_url(demo))
    assert safety.database_file(db) == demo
    assert safety.check(db).ok
    made = safety.back_up(db)
    assert safety.list_backups(demo)[0].path == made
    db.dispose()
    _hold_like_a_window(demo, os.getpid(), socket.gethostname())
    good = safety.latest_good_backup(demo)
    assert good is not None and good.path == made
    report = safety.restore_backup(demo, good.path)
    assert report.events == 4 and report.kept is not None
    assert _events(demo) == 4


def _sqlite_with(path: Path, *statements: str) -> Path:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_text("not a database " * 300), "not a planner database (not an SQLite"),
        (lambda p: p.write_bytes(b""), "it is empty (0 bytes)"),
        (
            lambda p: _sqlite_with(p, "CREATE TABLE invoices (id INTEGER)"),
            "not restored: not a planner database",
        ),
        (
            lambda p: _sqlite_with(p, "PRAGMA application_id = 1196444487", "CREATE TABLE t (x)"),
            "application id 'GPKG'",
        ),
        (lambda p: None, "no such backup file"),
    ],
)
def test_a_backup_that_must_not_become_the_database_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, expected: str
) -> None:
    candidate = tmp_path / "candidate.sqlite3"
    make(candidate)  # type: ignore[operator]
    before = demo.read_bytes()
    assert main(["--db", str(demo), "restore", str(candidate)]) == 1
    err = capsys.readouterr().err
    assert expected in err and len(err.splitlines()) == 1
    assert demo.read_bytes() == before
    assert [b for b in list_backups(demo) if b.kind == "before-restore"] == []


def test_a_damaged_or_newer_backup_is_refused(demo: Path, tmp_path: Path) -> None:
    from planner.errors import PlannerError

    damaged = backup_path(demo, tmp_path / "damaged.sqlite3")
    data = damaged.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    with pytest.raises(PlannerError, match="not restored: the backup is damaged"):
        restore(demo, damaged)
    newer = _sqlite_with(
        backup_path(demo, tmp_path / "newer.sqlite3"),
        "UPDATE alembic_version SET version_num = '9999_future'",
    )
    with pytest.raises(PlannerError, match="made by a newer version of planner"):
        restore(demo, newer)
    with pytest.raises(PlannerError, match="that is the database itself"):
        restore(demo, demo)


def test_an_older_backup_is_restored_and_migrated_when_opened(demo: Path) -> None:
    from planner.store.migrations import current_revision, downgrade_database
    from planner.store.revisions import HEAD_REVISION

    db = Database.open(_url(demo))
    downgrade_database(db.engine, "0003")
    db.dispose()
    old = backup_path(demo)
    Database.open(_url(demo)).dispose()  # migrated to the head again
    restore(demo, old)
    db = Database.open(_url(demo))
    try:
        assert current_revision(db.engine) == HEAD_REVISION
    finally:
        db.dispose()
    assert _events(demo) == 4


def test_restore_into_a_folder_that_does_not_exist_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_path(demo)
    typo = tmp_path / "no such folder" / "planner.sqlite3"
    assert main(["--db", str(typo), "restore", str(backup)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not typo.parent.exists()


def test_restore_says_which_events_are_lost_changed_or_back(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime, timedelta

    from planner.model import Event, Role
    from planner.services.cast import AddToCast
    from planner.services.operations import apply
    from planner.services.people import create_person
    from planner.store.restore import differences

    backup = backup_path(demo)
    db = Database.open(_url(demo))
    try:
        with db.session() as session:
            events = session.query(Event).order_by(Event.id).all()
            renamed, deleted, recast = events[0], events[1], events[2]
            renamed.title = "Gulf Futures (renamed)"
            deleted_title, recast_id, recast_title = deleted.title, recast.id, recast.title
            session.delete(deleted)
            starts = datetime(2031, 1, 14, 4, 0, tzinfo=UTC)
            session.add(
                Event(
                    uid="made-after@planner",
                    title="عشائیہ: made after the backup",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    time_zone="Asia/Karachi",
                )
            )
        # A speaker added leaves the event's own row as it was: the history tells.
        speaker = create_person(db, {"given_name": "Wei", "family_name": "王"})
        apply(db, AddToCast(recast_id, speaker, Role.SPEAKER, "Add speaker"))
    finally:
        db.dispose()

    found = differences(demo, backup)
    assert found.missing == ("عشائیہ: made after the backup",)
    assert set(found.changed) == {"Gulf Futures (renamed)", recast_title}
    assert found.returning == (deleted_title,)

    assert main(["--db", str(demo), "restore", str(backup)]) == 0
    said = capsys.readouterr().out
    assert "1 event made since the backup, no longer shown: “عشائیہ: made after the backup”" in (
        said
    )
    assert "2 events changed since the backup, back as they were then: " in said
    assert f"1 event deleted since the backup, shown again: “{deleted_title}”" in said
    assert "the replaced file is kept as" in said


def test_restoring_an_identical_backup_names_no_event(demo: Path) -> None:
    from planner.store.restore import differences

    backup = backup_path(demo)
    assert differences(demo, backup).lines() == []
    assert restore(demo, backup).differences.lines() == []


def test_one_changed_event_is_said_in_the_singular() -> None:
    from planner.store.restore import Differences

    assert Differences(changed=("Gulf Security",)).lines() == [
        "1 event changed since the backup, back as it was then: “Gulf Security”"
    ]


def test_restoring_another_databases_backup_says_whose_it_is(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It restored, and then spoke of "4 events deleted since the backup" in a file that
    never had them."""
    backup = backup_path(demo)
    other = tmp_path / "other2.sqlite3"
    Database.open(_url(other)).dispose()
    assert main(["--db", str(other), "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"note: {backup.name} is a backup of another database ({demo.name}), not of other2.sqlite3"
    )
    assert _events(other) == 4
    # Its own backups, and a copy kept anywhere else, say nothing of the kind.
    own = backup_path(other)
    assert main(["--db", str(other), "restore", str(own)]) == 0
    assert "another database" not in capsys.readouterr().out
    elsewhere = tmp_path / "copy.sqlite3"
    elsewhere.write_bytes(backup.read_bytes())
    assert main(["--db", str(other), "restore", str(elsewhere)]) == 0
    assert "another database" not in capsys.readouterr().out
