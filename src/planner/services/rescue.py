"""Edits the database refused, and how to keep them: an event package written from a copy.

When a write fails (a read-only file, a full disk, a lock held past the timeout, a server gone)
the window keeps the edit in memory as a :class:`PendingEdit`: the operation that makes the
change (``planner.services.operations``). :func:`rescue_package` copies the SQLite database into
memory, applies the pending edits to the copy and exports the events they touch as an event
package, so what is written is exactly "the events as they would be had the save worked". The
database itself is only read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool

from planner.errors import PlannerError
from planner.model import Event
from planner.services.operations import Operation, apply_in
from planner.store import Database
from planner.store.backup import sqlite_file_path
from planner.store.health import read_only_query
from planner.store.package import export_package

# What a failed write means to the user, by the words SQLite and the PostgreSQL driver use.
_CAUSES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("readonly database", "read-only", "read only", "permission denied"),
        "the database file cannot be written (it is read-only, or its folder is)",
    ),
    (
        ("disk is full", "no space left", "disk full", "quota"),
        "the disk holding the database is full",
    ),
    (
        ("database is locked", "database table is locked", "lock timeout"),
        "another program has held the database locked for longer than the wait allows",
    ),
    (
        (
            "server closed the connection",
            "connection refused",
            "could not connect",
            "terminating connection",
            "connection is closed",
            "connection timed out",
            "the connection is lost",
        ),
        "the database server cannot be reached",
    ),
    (("disk i/o error", "input/output error"), "the disk reported an input/output error"),
)


def _chain(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 6:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def is_storage_failure(error: BaseException) -> bool:
    """Whether ``error`` is the storage failing (the same edit may work later or elsewhere),
    not the database refusing the edit itself (a unique rule, a missing row)."""
    return any(
        isinstance(e, OperationalError | sqlite3.OperationalError | OSError) for e in _chain(error)
    )


def failure_detail(error: BaseException) -> str:
    """The first line of what the database said (URLs in it are shown without passwords)."""
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def write_failure_cause(error: BaseException) -> str:
    """The cause of a failed write in words a user can act on (else the database's line)."""
    text = " ".join(str(e) for e in _chain(error)).lower()
    for needles, cause in _CAUSES:
        if any(needle in text for needle in needles):
            return cause
    return failure_detail(error)


@dataclass(frozen=True, slots=True)
class PendingEdit:
    """An edit the database refused, still in memory."""

    text: str  # what the user did, as the Edit menu names it ("Edit report summary")
    operation: Operation  # makes the change (trying again applies it anew)
    event_id: int | None  # the event shown when the edit was made (None: not an event's)
    cause: str  # why it failed, from write_failure_cause
    detail: str = ""  # what the database said, from failure_detail


@dataclass(frozen=True, slots=True)
class Rescue:
    """An event package holding the pending edits, and what it holds."""

    data: dict[str, Any]
    titles: tuple[str, ...]  # the events in it, as they are titled with the edits applied


def _memory_copy(db: Database) -> Database:
    """A copy of the SQLite database ``db`` in memory (read through a read-only connection)."""
    path = sqlite_file_path(db.engine)
    if path is None:
        raise PlannerError(
            f"{db.url}: unsaved edits can be kept in an event package only from a SQLite "
            "database file; nothing was written"
        )
    target = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        uri = path.as_uri() + "?" + read_only_query(path)  # immutable in a read-only folder
        with closing(sqlite3.connect(uri, uri=True)) as source:
            source.backup(target)
    except sqlite3.Error as error:
        target.close()
        raise PlannerError(f"{path}: cannot read the database to copy it ({error})") from None
    engine = create_engine("sqlite://", creator=lambda: target, poolclass=StaticPool)

    def foreign_keys(connection: Any, _record: Any) -> None:
        # As in the real database: deleting an event deletes its agenda in the copy too.
        connection.execute("PRAGMA foreign_keys=ON")

    event.listen(engine, "connect", foreign_keys)
    return Database(engine)


def rescue_package(db: Database, edits: Sequence[PendingEdit]) -> Rescue:
    """The events the ``edits`` touch, with the edits applied, as an event package.

    Raises PlannerError when the database cannot be read, when the edits cannot be applied
    even to the copy, or when they touch no event (a person's or venue's edit: an event
    package cannot hold it)."""
    copy = _memory_copy(db)
    try:
        touched: set[int] = set()
        try:
            with copy.session() as session:
                # Before every flush (an edit may flush itself to learn a new row's id).
                for edit in edits:
                    touched.update(apply_in(session, edit.operation).changes.event_ids)
                    if edit.event_id is not None:
                        touched.add(edit.event_id)
        except PlannerError:
            raise
        except Exception as error:
            raise PlannerError(f"the unsaved edits cannot be applied: {error}") from None
        with copy.session() as session:
            existing = {
                event_id for event_id in touched if session.get(Event, event_id) is not None
            }
            if not existing:
                raise PlannerError(
                    "the unsaved edits change no event that still exists (an event package "
                    "holds events only); nothing was written"
                )
            data = export_package(session, sorted(existing))
        titles = tuple(str(item.get("title", "")) for item in data.get("events", []))
        return Rescue(data=data, titles=titles)
    finally:
        copy.dispose()
