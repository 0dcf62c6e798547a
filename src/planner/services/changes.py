"""What other programs changed in the database, as notices: one path for both back ends.

``ChangeWatcher(db).wait(timeout)`` blocks for at most about ``timeout`` seconds and returns
the notices that arrived meanwhile: a :class:`ChangeNotice` (someone else committed; what,
when the back end can say), or a :class:`WatchLost` the first time the watching connection
fails. It is Qt-free and meant for a thread of its own (the window's ``ui.live``); the CLI and
tests can call it directly.

- SQLite: ``PRAGMA data_version`` asked every ``poll_interval`` seconds (1 s); a notice names
  no tables ("anything may have changed"). This handle's own commits are taken as seen the
  moment they end, so they bring no notice.
- PostgreSQL: the notices our writes send (LISTEN/NOTIFY), with the tables and event ids they
  changed; this handle's own are skipped by their origin.

A lost connection (server restarted, ``pg_terminate_backend``, network gone) is reported once;
the watcher then tries again after 1, 2, 4 ... up to 30 s, sleeping in between, and says
:class:`ChangeNotice` ``resumed`` when it is back (notices sent meanwhile were missed, so the
views reload everything).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass

from planner.store import Database
from planner.store.backup import sqlite_file_path
from planner.store.live import Changed
from planner.store.watch import DataVersionPoll, NotifyListener, WatchLost

BACKOFF_SECONDS = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)


@dataclass(frozen=True)
class ChangeNotice:
    """Someone else committed. ``tables``/``event_ids`` None: not known, anything may have."""

    tables: frozenset[str] | None = None
    event_ids: frozenset[int] | None = None
    resumed: bool = False  # the first notice after a lost connection came back

    def touches(self, tables: Iterable[str]) -> bool:
        return self.tables is None or not self.tables.isdisjoint(tables)

    def touches_event(self, event_id: int) -> bool:
        """Whether the rows of event ``event_id`` may have changed."""
        from planner.store.live import EVENT_TABLES

        if not self.touches(EVENT_TABLES):
            return False
        return self.event_ids is None or event_id in self.event_ids

    def merged(self, other: ChangeNotice) -> ChangeNotice:
        """Both notices as one (the window refreshes once for a burst)."""

        tables = None if self.tables is None or other.tables is None else self.tables | other.tables
        ids = (
            None
            if self.event_ids is None or other.event_ids is None
            else self.event_ids | other.event_ids
        )
        return ChangeNotice(tables, ids, self.resumed or other.resumed)


@dataclass(frozen=True)
class ConnectionLost:
    """The watching connection failed (said once until it is back)."""

    reason: str


Notice = ChangeNotice | ConnectionLost


class ChangeWatcher:
    """Notices of what others commit to ``db`` (see the module's description)."""

    def __init__(
        self,
        db: Database,
        *,
        poll_interval: float = 1.0,
        backoff: tuple[float, ...] = BACKOFF_SECONDS,
    ) -> None:
        self._db = db
        self._postgres = db.engine.dialect.name == "postgresql"
        self.poll_interval = poll_interval
        self._backoff = backoff
        self._closed = threading.Event()
        # Held while a wait runs: close() from another thread then leaves the connection to it.
        self._busy = threading.Lock()
        self._pending: list[Notice] = []
        self._poll: DataVersionPoll | None = None
        self._listener: NotifyListener | None = None
        self._failures = 0
        self._retry_at = 0.0
        self._lost_reported = False
        self._remove_listener = db.on_commit(self._own_commit)
        self._pending += self._connect()  # at once: changes from now on are seen

    @staticmethod
    def supported(db: Database) -> bool:
        """False where nobody else can write: an in-memory SQLite database."""
        if db.engine.dialect.name == "postgresql":
            return True
        return db.engine.dialect.name == "sqlite" and sqlite_file_path(db.engine) is not None

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def close(self) -> None:
        """Stop and let go of the connection; safe from any thread (a ``wait`` in progress
        returns within its timeout and lets go of it then)."""
        if not self._closed.is_set():
            self._closed.set()
            self._remove_listener()
        if self._busy.acquire(blocking=False):
            try:
                self._disconnect()
            finally:
                self._busy.release()

    def wait(self, timeout: float = 1.0) -> list[Notice]:
        """The notices of the next ``timeout`` seconds (at most about that long)."""
        with self._busy:
            try:
                pending, self._pending = self._pending, []
                return pending + self._wait(timeout)
            finally:
                if self.closed:
                    self._disconnect()

    def _wait(self, timeout: float) -> list[Notice]:
        if self.closed:
            return []
        if self._poll is None and self._listener is None:
            return self._reconnect(timeout)
        try:
            if self._listener is not None:
                return self._notices(self._listener.wait(timeout))
            assert self._poll is not None
            if self._closed.wait(min(timeout, self.poll_interval)):
                return []
            return [ChangeNotice()] if self._poll.changed() else []
        except WatchLost as lost:
            self._disconnect()
            return self._lost(str(lost))

    # --- connections -------------------------------------------------------------------------

    def _connect(self) -> list[Notice]:
        try:
            if self._postgres:
                self._listener = NotifyListener(self._db.engine)
            else:
                self._poll = DataVersionPoll(self._db.engine)
        except WatchLost as lost:
            return self._lost(str(lost))
        return []

    def _disconnect(self) -> None:
        for connection in (self._listener, self._poll):
            if connection is not None:
                connection.close()
        self._listener = self._poll = None

    def _lost(self, reason: str) -> list[Notice]:
        delay = self._backoff[min(self._failures, len(self._backoff) - 1)]
        self._failures += 1
        self._retry_at = time.monotonic() + delay
        if self._lost_reported:
            return []
        self._lost_reported = True
        return [ConnectionLost(reason)]

    def _reconnect(self, timeout: float) -> list[Notice]:
        # Sleep (not spin) until the next try is due, at most ``timeout``.
        remaining = self._retry_at - time.monotonic()
        if remaining > 0 and self._closed.wait(min(timeout, remaining)):
            return []
        if time.monotonic() < self._retry_at:
            return []
        failed = self._connect()
        if self._poll is None and self._listener is None:
            return failed  # and the next try is scheduled
        self._failures = 0
        was_lost, self._lost_reported = self._lost_reported, False
        # Whatever was sent while we were away is lost: everything may have changed.
        return [ChangeNotice(resumed=True)] if was_lost else []

    # --- notices -----------------------------------------------------------------------------

    def _notices(self, payloads: list[str]) -> list[Notice]:
        found: list[Notice] = []
        for payload in payloads:
            changed = Changed.from_payload(payload)
            if changed.origin == self._db.origin:
                continue  # our own write: the window already shows it
            tables = changed.tables or None  # a payload we cannot read: anything
            found.append(ChangeNotice(tables, changed.event_ids))
        return found

    def _own_commit(self, _changed: Changed) -> None:
        poll = self._poll
        if poll is not None:
            # A lost connection: the watcher's own wait meets it too, and reports it once.
            with suppress(WatchLost):
                poll.absorb()
