"""A database this program may only read: detected once at open, every write refused with the
one sentence that says why, every read still working."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from planner.errors import PlannerError
from planner.model import Event, Person
from planner.store import Database
from planner.store.demo import load_demo
from planner.store.live import (
    FILE_READ_ONLY,
    FOLDER_READ_ONLY,
    SERVER_READ_ONLY,
    ReadOnlyDatabaseError,
)
from postgres import read_only_role


def _people(db: Database) -> int:
    with db.session() as session:  # a writing session, as the window opens for its reads
        return session.scalar(select(func.count()).select_from(Person)) or 0


def _refused_writes(db: Database, reason: str) -> None:
    with pytest.raises(ReadOnlyDatabaseError) as added, db.session() as session:
        session.add(Person(given_name="Sana", family_name="Malik"))
    assert str(added.value) == reason
    with pytest.raises(ReadOnlyDatabaseError), db.session() as session:
        event = session.scalars(select(Event)).first()
        assert event is not None
        event.title = "Changed"
    with pytest.raises(ReadOnlyDatabaseError), db.session() as session:
        session.execute(update(Event).values(subtitle="Bulk"))


@pytest.fixture
def demo_file(db_path: Path) -> Path:
    setup = Database.open(f"sqlite:///{db_path}")
    load_demo(setup)
    setup.dispose()
    return db_path


def test_a_sqlite_file_opened_read_only(demo_file: Path) -> None:
    db = Database.open(f"sqlite:///file:{demo_file}?mode=ro&uri=true")
    try:
        assert db.read_only and db.read_only_reason == FILE_READ_ONLY
        assert _people(db) == 15
        _refused_writes(db, FILE_READ_ONLY)
        assert _people(db) == 15
    finally:
        db.dispose()


def test_an_unwritable_file_is_opened_read_only(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod 444 does not stop root (the tests may run as root): the file's mode is what
    # os.access reports, so that is what the test controls.
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == demo_file and mode & os.W_OK:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    db = Database.open(f"sqlite:///{demo_file}")
    try:
        assert db.read_only_reason == FILE_READ_ONLY
        assert db.engine.url.query.get("mode") == "ro"
        assert _people(db) == 15
        _refused_writes(db, FILE_READ_ONLY)
    finally:
        db.dispose()


def test_an_unwritable_file_in_an_unwritable_folder_is_opened_immutable(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite cannot create a WAL file's -shm in a read-only folder: without immutable=1 it
    # would not open the file at all.
    real_access = os.access
    unwritable = {demo_file, demo_file.parent}

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) in unwritable and mode & os.W_OK:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    db = Database.open(f"sqlite:///{demo_file}")
    try:
        assert db.engine.url.query.get("immutable") == "1"
        assert db.read_only_reason == FILE_READ_ONLY
        assert _people(db) == 15
        _refused_writes(db, FILE_READ_ONLY)
    finally:
        db.dispose()


def _folder_read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``folder`` refuses writes, as os.access reports it (root writes to a chmod 555 folder)."""
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == folder and mode & os.W_OK:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


def test_a_writable_file_in_a_read_only_folder_is_opened_read_only(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read-write, SQLite would need its -shm (or journal) beside the file: it would not open.
    assert not list(demo_file.parent.glob(demo_file.name + "-*"))
    _folder_read_only(monkeypatch, demo_file.parent)
    db = Database.open(f"sqlite:///{demo_file}")
    try:
        assert db.engine.url.query.get("mode") == "ro"
        assert db.engine.url.query.get("immutable") == "1"
        assert db.read_only_reason == FOLDER_READ_ONLY
        assert _people(db) == 15
        _refused_writes(db, FOLDER_READ_ONLY)
    finally:
        db.dispose()
    assert not list(demo_file.parent.glob(demo_file.name + "-*"))  # nothing written beside it


def test_changes_still_in_a_wal_in_a_read_only_folder_are_not_silently_left_out(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Immutable, SQLite would read the main file alone, without the WAL's transactions.
    demo_file.with_name(demo_file.name + "-wal").write_bytes(b"\0" * 4096)
    _folder_read_only(monkeypatch, demo_file.parent)
    with pytest.raises(PlannerError) as refused:
        Database.open(f"sqlite:///{demo_file}")
    assert str(refused.value) == (
        f"{demo_file}: cannot open it: its folder is read-only and its last changes are still "
        f"in {demo_file.name}-wal beside it, which SQLite cannot read there; copy both files "
        "to a folder you can write to"
    )


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root writes to a chmod 444 file anyway (the test above covers the path)",
)
def test_a_chmod_444_file_is_opened_read_only(demo_file: Path) -> None:
    for leftover in demo_file.parent.glob(demo_file.name + "-*"):
        leftover.unlink()  # no -wal or -shm: what a copied or archived file looks like
    demo_file.chmod(0o444)
    try:
        db = Database.open(f"sqlite:///{demo_file}")
        try:
            assert db.read_only_reason == FILE_READ_ONLY
            assert _people(db) == 15
            _refused_writes(db, FILE_READ_ONLY)
        finally:
            db.dispose()
    finally:
        demo_file.chmod(0o644)


def test_a_writable_file_is_not_read_only(db: Database) -> None:
    assert not db.read_only and db.read_only_reason is None


def test_a_read_only_file_of_an_older_schema_says_it_cannot_be_updated(
    demo_file: Path,
) -> None:
    from planner.store.migrations import downgrade_database

    setup = Database.open(f"sqlite:///{demo_file}")
    downgrade_database(setup.engine, "0005")
    setup.dispose()
    with pytest.raises(PlannerError, match="older planner") as refused:
        Database.open(f"sqlite:///file:{demo_file}?mode=ro&uri=true")
    assert FILE_READ_ONLY in str(refused.value)


def test_a_role_with_read_rights_only(postgres_url: str) -> None:
    setup = Database.open(postgres_url)
    load_demo(setup)
    setup.dispose()
    reader_url, drop_role = read_only_role(postgres_url)
    try:
        db = Database.open(reader_url)
        try:
            assert db.read_only_reason == SERVER_READ_ONLY
            assert _people(db) == 15
            _refused_writes(db, SERVER_READ_ONLY)
        finally:
            db.dispose()
    finally:
        drop_role()


def test_a_role_that_may_write_is_not_read_only(postgres_url: str) -> None:
    db = Database.open(postgres_url)
    try:
        assert not db.read_only
    finally:
        db.dispose()
