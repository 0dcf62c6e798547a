"""Reading a SQLite database file with the standard library's ``sqlite3`` alone.

``planner render`` reads one event and writes a PDF. Through ``Database.open`` it would import
SQLAlchemy (about 0.25 s of CPU) and its ORM (0.2 s more), more than the whole rendering of a
17-page programme, so on a SQLite file that needs nothing done to it the command reads the
rows with ``sqlite3`` instead, through the same SQL and the same record-building code as every
other reader (:mod:`planner.policy.source`).

"Needs nothing done" is what ``Database.open`` would find: a plain file URL, an existing file
that is ours (our application id) at the current schema. Anything else (a new or empty file, an
older schema to migrate, a file without our id, a server, an in-memory or URI database) returns
None, and the caller opens it with ``Database.open`` as before, which migrates, claims or
refuses it with its usual messages. What opening does besides is done here too: the day's
automatic backup. Not done: fitting the people search index to this SQLite's tokenizer, which
matters only to writes of people (the next ``Database.open`` does it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planner.errors import PlannerError

from .backup import daily_backup_of
from .health import APPLICATION_ID, read_only
from .revisions import HEAD_REVISION
from .schema_state import inspect_sqlite_file

PLAIN_SQLITE = "sqlite:///"
# A URL with these is read by SQLAlchemy's rules (query options, URI filenames, %-escapes).
_NOT_PLAIN = ("?", "%", "#")

SqlRows = Callable[[str, Mapping[str, object]], Sequence[Sequence[Any]]]


def plain_sqlite_path(url: str) -> Path | None:
    """The file a plain ``sqlite:///PATH`` URL names (what ``planner.config.database_url``
    makes of a path); None for every other URL."""
    if not url.startswith(PLAIN_SQLITE):
        return None
    database = url[len(PLAIN_SQLITE) :]
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    if any(mark in database for mark in _NOT_PLAIN):
        return None
    return Path(database).expanduser().resolve()


def ready_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it can be read as it is (see the module docstring),
    after the day's backup; None when ``Database.open`` must open it. A foreign or damaged
    file is refused here as ``Database.open`` would refuse it."""
    path = plain_sqlite_path(url)
    if path is None or not path.is_file():
        return None
    state = inspect_sqlite_file(path)
    if state.revision != HEAD_REVISION or state.application_id != APPLICATION_ID:
        return None
    daily_backup_of(path)
    return path


@contextmanager
def reading(path: Path) -> Iterator[SqlRows]:
    """Statements run on ``path`` read-only, all in one read transaction (one snapshot, as a
    session's reads are); damage raises DamagedDatabaseError, other failures one line."""
    try:
        with read_only(path) as conn:
            conn.isolation_level = None  # our BEGIN, not the driver's
            conn.execute("BEGIN")

            def rows(sql: str, params: Mapping[str, object]) -> Sequence[Sequence[Any]]:
                return conn.execute(sql, dict(params)).fetchall()

            yield rows
    except sqlite3.OperationalError as error:
        raise PlannerError(f"{path}: cannot read the database ({error})") from None
