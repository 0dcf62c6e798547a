"""What a SQLite file holds before planner touches it: its schema revision, its tables and its
application id, read with the standard library's ``sqlite3`` alone.

Apart from :mod:`planner.store.migrations` (which imports SQLAlchemy and Alembic) so that a
command reading a file with ``sqlite3`` (:mod:`planner.store.quick_read`) can ask whether the
file is at the current schema without importing them.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from planner.errors import PlannerError

from .health import APPLICATION_ID, disk_full, foreign_file, out_of_space, read_only, sniff
from .revisions import VERSION_TABLE


@dataclass(frozen=True)
class SchemaState:
    """What an existing database holds before we touch it."""

    revision: str | None  # None: no alembic_version table (or an empty one)
    tables: frozenset[str]
    application_id: int | None = None  # SQLite's header field; None on other back ends

    @property
    def empty(self) -> bool:
        return not self.tables


def inspect_sqlite_file(path: Path) -> SchemaState:
    """Look at a SQLite file read-only: opening it through the engine would switch it to WAL."""
    sniff(path)
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(None, frozenset())
    try:
        with read_only(path) as conn:
            application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            if application_id not in (0, APPLICATION_ID):
                # Another program's file: not even its table names are our business.
                raise PlannerError(f"{path}: {foreign_file(application_id)}")
            names = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            revision = None
            if VERSION_TABLE in names:
                row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                revision = row[0] if row else None
    except sqlite3.Error as error:
        if out_of_space(error, path):
            raise PlannerError(disk_full(path)) from None
        if not os.access(path.parent, os.W_OK):
            # A WAL database needs its -shm file beside it even to be read; SQLite then says
            # "attempt to write a readonly database", which blames the wrong thing.
            raise PlannerError(
                f"{path}: cannot open it: its folder is read-only and SQLite must write its "
                "journal beside the database; copy the file to a folder you can write to"
            ) from None
        raise PlannerError(f"{path}: not a readable planner database ({error})") from None
    return SchemaState(revision, frozenset(n for n in names if n != VERSION_TABLE), application_id)
