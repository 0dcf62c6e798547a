"""What a committing write tells other programs, and the read-only guard on our own writes.

Every write session of a :class:`~planner.store.database.Database` collects what it changed
(tables, and the events those rows belong to) while it flushes. At commit:

- on PostgreSQL it sends ``NOTIFY planner_changes, '<json>'`` inside its own transaction, so
  the notice is delivered exactly when (and only if) the change is committed. The payload names
  the tables and event ids changed and the writing handle (``origin``), so a window skips its
  own notices and refreshes only what the change touched;
- on both back ends the handle's commit listeners are told (in the committing thread), which
  lets a SQLite watcher take our own commit as seen (SQLite's ``PRAGMA data_version`` cannot
  say who committed).

A handle opened read-only refuses a write here, before the server or the file does, with the
one sentence that says why (:class:`ReadOnlyDatabaseError`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from planner.errors import PlannerError

# The one channel every planner program notifies and listens on.
CHANNEL = "planner_changes"
# PostgreSQL refuses payloads of 8000 bytes or more: past this the event ids are left out
# ("some events") and every open editor refreshes.
_PAYLOAD_LIMIT = 7000

_KEY = "planner_changed"
# On a connection: an ORM flush is running (its statements' events are known from the flush).
_FLUSHING = "planner_flushing"
# On a session: what its commit changed, from before the commit to after it.
_COMMITTING = "planner_committing"

SERVER_READ_ONLY = (
    "You can read this database but not change it: the server gives your role read rights only."
)
FILE_READ_ONLY = "You can read this database but not change it: the file is read-only."
FOLDER_READ_ONLY = (
    "You can read this database but not change it: its folder is read-only, and SQLite writes "
    "its journal beside the database."
)


class ReadOnlyDatabaseError(PlannerError):
    """A write on a database this program may only read."""


@dataclass(frozen=True)
class Changed:
    """What one committed transaction changed."""

    tables: frozenset[str]
    # The events whose rows changed; None when some row's event is not known (an agenda
    # item's person names its item, not the event): "any event may have changed".
    event_ids: frozenset[int] | None
    origin: str = ""

    def payload(self) -> str:
        ids = None if self.event_ids is None else sorted(self.event_ids)
        body = {"o": self.origin, "t": sorted(self.tables), "e": ids}
        encoded = json.dumps(body, separators=(",", ":"))
        if len(encoded.encode("utf-8")) > _PAYLOAD_LIMIT:
            encoded = json.dumps({**body, "e": None}, separators=(",", ":"))
        return encoded

    @classmethod
    def from_payload(cls, payload: str) -> Changed:
        """The notice another program sent; a payload we cannot read means "anything"."""
        try:
            body = json.loads(payload)
            tables = frozenset(str(name) for name in body["t"])
            ids = body["e"]
            event_ids = None if ids is None else frozenset(int(i) for i in ids)
            return cls(tables, event_ids, str(body.get("o", "")))
        except (ValueError, KeyError, TypeError):
            return cls(frozenset(), None)


@dataclass
class _Collected:
    tables: set[str] = field(default_factory=set)
    event_ids: set[int] = field(default_factory=set)
    unknown_event: bool = False

    def add(self, table: str, event_id: int | None, event_related: bool) -> None:
        self.tables.add(table)
        if event_id is not None:
            self.event_ids.add(event_id)
        elif event_related:
            self.unknown_event = True


# Tables whose rows belong to one event (their event is the row's ``event_id``, or for
# ``event`` itself its ``id``); a change to any other table names no event.
EVENT_TABLES = frozenset(
    {"event", "agenda_item", "agenda_person", "participation", "invitation", "consent"}
)


# The history (revision 0009): its rows go with the change they record, which is reported on
# its own; a notice naming "change" too would make every view refresh for nothing.
UNREPORTED_TABLES = frozenset({"change"})


def _collected(info: dict[Any, Any]) -> _Collected:
    found = info.get(_KEY)
    if found is None:
        found = info[_KEY] = _Collected()
    assert isinstance(found, _Collected)
    return found


def _model_tables() -> frozenset[str]:
    from planner.model import Base

    return frozenset(Base.metadata.tables)


def _event_of(table: str, obj: Any) -> int | None:
    if table == "event":
        return getattr(obj, "id", None)
    value = getattr(obj, "event_id", None)
    return value if isinstance(value, int) else None


class LiveHooks:
    """The hooks of one handle: collect changes, notify, refuse writes when read-only.

    Two levels: the sessions' flushes know which event each row belongs to; the engine sees
    every INSERT, UPDATE and DELETE, also those run on a session's connection directly (the
    people import's bulk statements), and refuses them all on a read-only handle.
    """

    def __init__(self, origin: str, postgres: bool) -> None:
        self.origin = origin
        self.postgres = postgres
        # Why this handle may not write (None: it may).
        self.read_only_reason: str | None = None
        self.listeners: list[Callable[[Changed], None]] = []
        self._tables = _model_tables()

    def install(self, engine: Engine, *sessions: sessionmaker[Session]) -> None:
        event.listen(engine, "before_execute", self._before_execute)
        event.listen(engine, "commit", self._connection_ended)
        event.listen(engine, "rollback", self._connection_ended)
        for maker in sessions:
            event.listen(maker, "before_flush", self._before_flush)
            event.listen(maker, "after_flush", self._after_flush)
            event.listen(maker, "before_commit", self._before_commit)
            event.listen(maker, "after_commit", self._after_commit)
            event.listen(maker, "after_rollback", self._forget)

    def _refuse(self) -> None:
        if self.read_only_reason is not None:
            raise ReadOnlyDatabaseError(self.read_only_reason)

    # --- engine level ------------------------------------------------------------------------

    def _before_execute(
        self, conn: Connection, statement: Any, _multi: Any, _params: Any, _options: Any
    ) -> None:
        if not getattr(statement, "is_dml", False):
            return
        table = getattr(getattr(statement, "table", None), "name", None)
        if table not in self._tables:
            return  # a temporary table of an import: not the database's data
        self._refuse()
        if table in UNREPORTED_TABLES:
            return
        # A statement outside a flush names its table but not which events it changed.
        unknown = table in EVENT_TABLES and not conn.info.get(_FLUSHING)
        _collected(conn.info).add(table, None, unknown)

    def _connection_ended(self, conn: Connection) -> None:
        conn.info.pop(_KEY, None)
        conn.info.pop(_FLUSHING, None)

    # --- session level -----------------------------------------------------------------------

    def _before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
            self._refuse()
            session.connection().info[_FLUSHING] = True

    def _after_flush(self, session: Session, _context: Any) -> None:
        session.connection().info.pop(_FLUSHING, None)
        # Still the state before the flush: what was new, changed and deleted.
        collected = _collected(session.info)
        for obj in (*session.new, *session.dirty, *session.deleted):
            if obj in session.dirty and not session.is_modified(obj):
                continue
            table = getattr(getattr(obj, "__table__", None), "name", None)
            if table is not None and table not in UNREPORTED_TABLES:
                collected.add(table, _event_of(table, obj), table in EVENT_TABLES)

    def _before_commit(self, session: Session) -> None:
        if not session.in_transaction():
            return  # nothing was even read
        # The commit's own flush comes after this hook: flush now so the notice names it.
        session.flush()
        changed = self._changed(session)
        if changed is None:
            return
        session.info[_COMMITTING] = changed
        if self.postgres:
            session.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": CHANNEL, "payload": changed.payload()},
            )

    def _after_commit(self, session: Session) -> None:
        changed = session.info.pop(_COMMITTING, None)
        self._forget(session)
        if isinstance(changed, Changed):
            for listener in list(self.listeners):
                listener(changed)

    def _changed(self, session: Session) -> Changed | None:
        """What the session's transaction changed: its flushes and its connection's own
        statements together."""
        found = _collected(session.info)
        direct = session.connection().info.get(_KEY)
        if isinstance(direct, _Collected):
            found.tables |= direct.tables
            found.unknown_event |= direct.unknown_event
        if not found.tables:
            return None
        ids = None if found.unknown_event else frozenset(found.event_ids)
        return Changed(frozenset(found.tables), ids, self.origin)

    def _forget(self, session: Session) -> None:
        session.info.pop(_KEY, None)
        session.info.pop(_COMMITTING, None)
