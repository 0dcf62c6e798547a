"""Data safety for the window: check the file, list and make backups, restore one.

Qt-free and plain, so the window calls them in a worker (``check`` reads every page) the same
way the CLI calls the store. A damaged file raises :class:`planner.errors.DamagedDatabaseError`
(its ``path`` says which file) wherever it is met; the window then offers
:func:`latest_good_backup`.
"""

from __future__ import annotations

from pathlib import Path

from planner.errors import PlannerError
from planner.store import Database
from planner.store.backup import BackupInfo, backup_path, sqlite_file_path
from planner.store.backup import latest_good_backup as _latest_good_backup
from planner.store.backup import list_backups as _list_backups
from planner.store.health import CheckReport, check_file
from planner.store.restore import Differences, RestoreReport, differences, restore

__all__ = [
    "BackupInfo",
    "CheckReport",
    "Differences",
    "RestoreReport",
    "back_up",
    "check",
    "database_file",
    "latest_good_backup",
    "list_backups",
    "restore_backup",
    "restore_differences",
]


def database_file(db: Database) -> Path | None:
    """The SQLite file behind ``db``; None for a server or an in-memory database."""
    return sqlite_file_path(db.engine)


def _file(db: Database) -> Path:
    path = database_file(db)
    if path is None:
        raise PlannerError(f"{db.url}: backups and checks work on SQLite database files")
    return path


def check(db: Database, *, full: bool = False) -> CheckReport:
    """``quick_check`` (``integrity_check`` when ``full``) and ``foreign_key_check`` of the
    whole file; slow on a large file: run it off the GUI thread."""
    return check_file(_file(db), full=full)


def back_up(db: Database) -> Path:
    """A manual backup in the database's backups folder (refused if the file is damaged)."""
    return backup_path(_file(db))


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of the database file at ``database``, newest first. Takes a path, not a
    Database: it is needed most when the file is too damaged to open."""
    return _list_backups(database)


def latest_good_backup(database: Path) -> BackupInfo | None:
    """The newest backup that passes ``quick_check``, or None."""
    return _latest_good_backup(database)


def restore_backup(database: Path, backup: Path) -> RestoreReport:
    """Replace the database file with ``backup`` (see :mod:`planner.store.restore`). The
    window first disposes of its Database; it may keep holding its own lock file (this
    process's lock does not count), and opens the database again afterwards."""
    return restore(database, backup)


def restore_differences(database: Path, backup: Path) -> Differences:
    """What restoring ``backup`` would change, by event title, to ask before restoring."""
    return differences(database, backup)
