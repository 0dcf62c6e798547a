"""The two ways a program learns that another one committed: a connection of its own each.

- SQLite: ``PRAGMA data_version`` on a connection changes when any *other* connection has
  committed to the file since it was last asked; asking costs microseconds and no disk read
  beyond the WAL index. It cannot say what changed, nor whose commit it was.
- PostgreSQL: a connection that ``LISTEN``s on :data:`~planner.store.live.CHANNEL` receives
  the notices every committing write of ours sends (see :mod:`planner.store.live`).

Both take their connection from the handle's engine (so they connect exactly as the handle
does: same file, server, role and TLS settings) and detach it from the pool: it is this
watcher's alone. A lost connection raises :class:`WatchLost` with the driver's one line.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import suppress
from typing import Any

from sqlalchemy import Engine

from planner.errors import PlannerError

from .live import CHANNEL


class WatchLost(PlannerError):
    """The watching connection failed (the server went away, the file was replaced)."""


def _first_line(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _own_connection(engine: Engine) -> Any:
    try:
        raw = engine.raw_connection()
    except Exception as error:  # the driver's or SQLAlchemy's: both mean "not reachable"
        raise WatchLost(_first_line(getattr(error, "orig", None) or error)) from None
    connection = raw.driver_connection
    raw.detach()  # never returned to the pool: it lives as long as the watcher
    return connection


class DataVersionPoll:
    """SQLite: ``changed()`` is true when another connection committed since the last ask."""

    def __init__(self, engine: Engine) -> None:
        self._conn: sqlite3.Connection = _own_connection(engine)
        # The committing thread (``absorb``) and the watcher's thread share the connection.
        self._lock = threading.Lock()
        self._seen = self._version()

    def _version(self) -> int:
        try:
            row = self._conn.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error as error:
            raise WatchLost(_first_line(error)) from None
        return int(row[0])

    def changed(self) -> bool:
        with self._lock:
            version = self._version()
            changed, self._seen = version != self._seen, version
            return changed

    def absorb(self) -> None:
        """A commit of our own just ended: take the file as it is now as seen. (A commit of
        another program in the microseconds between ours and this ask is taken as seen too;
        the next change brings it.)"""
        with self._lock:
            self._seen = self._version()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class NotifyListener:
    """PostgreSQL: a connection LISTENing on the change channel."""

    def __init__(self, engine: Engine) -> None:
        import psycopg

        self._errors: tuple[type[BaseException], ...] = (psycopg.Error,)
        self._conn: Any = _own_connection(engine)
        try:
            self._conn.rollback()  # the pool's ping may have begun a transaction
            self._conn.autocommit = True
            self._conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as error:
            self.close()
            raise WatchLost(_first_line(error)) from None

    def wait(self, timeout: float) -> list[str]:
        """The payloads of the notices that arrive within ``timeout`` seconds (returns at the
        first one, with any others already there)."""
        try:
            payloads = [n.payload for n in self._conn.notifies(timeout=timeout, stop_after=1)]
            if payloads:
                payloads += [n.payload for n in self._conn.notifies(timeout=0.01)]
        except self._errors as error:
            raise WatchLost(_first_line(error)) from None
        return payloads

    def close(self) -> None:
        with suppress(*self._errors):  # already gone
            self._conn.close()
