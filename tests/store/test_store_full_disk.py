"""A healthy database on a full disk: said as a full disk (free some space), never as an
unreadable or damaged file, and ``planner db check`` does not count it as a problem of the file.

The disk is full in simulation: SQLite's own errors (SQLITE_FULL, or the SQLITE_IOERR_SHMSIZE
"disk I/O error" it gives when it cannot grow a WAL database's -shm file to read it) and
ENOSPC, with the free space ``shutil.disk_usage`` reports."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path
from typing import NamedTuple

import pytest

from planner.cli.main import main
from planner.errors import PlannerError
from planner.store import Database, health
from planner.store.demo import load_demo
from planner.store.schema_state import inspect_sqlite_file


class Usage(NamedTuple):
    total: int
    used: int
    free: int


def _sqlite_error(name: str, message: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorname = name  # what the driver sets on the errors it raises
    return error


@pytest.fixture
def demo_file(db_path: Path) -> Path:
    setup = Database.open(f"sqlite:///{db_path}")
    load_demo(setup)
    setup.dispose()
    return db_path


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SQLite open fails as on a full disk, and the disk reports no free space."""

    def refuse(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise _sqlite_error("SQLITE_IOERR_SHMSIZE", "disk I/O error")

    monkeypatch.setattr(health.sqlite3, "connect", refuse)
    monkeypatch.setattr(health.shutil, "disk_usage", lambda path: Usage(10**9, 10**9, 0))


@pytest.mark.parametrize(
    "error",
    [
        _sqlite_error("SQLITE_FULL", "database or disk is full"),
        OSError(errno.ENOSPC, "No space left on device"),
        _sqlite_error("SQLITE_IOERR_SHMSIZE", "disk I/O error"),
    ],
)
def test_full_disk_errors_are_recognised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    monkeypatch.setattr(health.shutil, "disk_usage", lambda path: Usage(10**9, 10**9, 4096))
    assert health.out_of_space(error, tmp_path / "planner.sqlite3")


def test_an_io_error_with_room_on_the_disk_is_not_a_full_disk(tmp_path: Path) -> None:
    assert shutil.disk_usage(tmp_path).free > health.FULL_BELOW_BYTES
    io_error = _sqlite_error("SQLITE_IOERR_READ", "disk I/O error")
    assert not health.out_of_space(io_error, tmp_path / "planner.sqlite3")
    corrupt = _sqlite_error("SQLITE_CORRUPT", "database disk image is malformed")
    assert not health.out_of_space(corrupt, tmp_path / "planner.sqlite3")


@pytest.mark.usefixtures("full_disk")
def test_opening_on_a_full_disk_says_the_disk_is_full(demo_file: Path) -> None:
    with pytest.raises(PlannerError) as raised:
        inspect_sqlite_file(demo_file)
    assert str(raised.value) == f"{demo_file}: the disk is full: free some space and open it again"


@pytest.mark.usefixtures("full_disk")
def test_the_command_line_on_a_full_disk(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_file), "events"]) == 1
    err = capsys.readouterr().err
    assert err == f"planner: {demo_file}: the disk is full: free some space and open it again\n"
    assert main(["--db", str(demo_file), "db", "check"]) == 1
    out, err = capsys.readouterr()
    assert out == ""  # no "1 problem": the file is not at fault
    assert err == f"planner: {demo_file}: the disk is full: free some space and check it again\n"
    for words in ("not a readable", "cannot read it", "restore", "damaged"):
        assert words not in err


def test_a_migration_stopped_by_a_full_disk_says_so(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from planner.store import database

    def full(engine: object) -> bool:
        raise OperationalError(
            "PRAGMA", {}, _sqlite_error("SQLITE_FULL", "database or disk is full")
        )

    monkeypatch.setattr("planner.store.migrations.upgrade_database", full)
    with pytest.raises(PlannerError) as raised:
        database.Database.open(f"sqlite:///{demo_file}")
    assert str(raised.value) == f"{demo_file}: the disk is full: free some space and open it again"
