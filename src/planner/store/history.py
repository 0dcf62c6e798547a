"""The one place that records who changed what (``model.history.Change``).

Two session listeners, registered once for every session (like store.events):

- ``before_flush`` stamps ``changed_by`` / ``changed_at`` on every versioned row the flush will
  insert or change (the conflict message names them);
- ``after_flush`` diffs the ORM attribute history of the rows the flush inserted, changed and
  deleted, and writes one ``change`` row per field changed (per row made or deleted) in the
  same transaction. An edit path cannot forget it: anything the ORM writes is recorded.

Core bulk paths (people imports of 100,000 rows) are not seen by the ORM; they call
:func:`record_summary` with one row for the whole import instead of one per person.

Typing into a field flushes once per keystroke; the keystrokes of one person into one text
field within :data:`MERGE_WINDOW` become one history row ("title: Gulf -> Gulf Security"), so
the history reads as edits, not letters. Other fields (a rule, a status, a time) are never
folded: each change is a decision of its own.

``session.info[KIND_KEY] = ChangeKind.OVERWRITE`` marks the changes of a "Keep mine" in the
conflict dialog.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import Connection, String, event, insert, inspect, select, update
from sqlalchemy import Enum as SqlEnum
from sqlalchemy import delete as sql_delete
from sqlalchemy.orm import Session

from planner.config import current_user
from planner.model import (
    AgendaItem,
    AgendaPerson,
    Base,
    ChangeKind,
    Consent,
    Event,
    Invitation,
    Organisation,
    Participation,
    Person,
    Room,
    Series,
    Venue,
    Versioned,
    utcnow,
)

KIND_KEY = "planner.history.kind"
_WHO_KEY = "planner.history.who"
MERGE_WINDOW = timedelta(minutes=5)

# Bookkeeping the database keeps itself: not an edit anybody made.
# ``search_text`` is derived from the person's fields (store.people_index), not an edit.
SKIPPED_FIELDS = frozenset(
    {"id", "version", "changed_at", "changed_by", "updated_at", "sequence", "search_text"}
)

CHANGE_TABLE = Base.metadata.tables["change"]


def value_text(value: object) -> str | None:
    """A column value as the history stores it: text, datetimes as ISO 8601 in UTC."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _person(person_id: int | None, session: Session) -> str:
    person = session.get(Person, person_id) if person_id is not None else None
    if person is None:
        return f"person {person_id}"
    return " ".join(p for p in (person.given_name, person.family_name) if p) or person.email


def describe(row: Base, session: Session) -> str:
    """What ``row`` is, in words an organiser reads in the history."""
    if isinstance(row, Event):
        return f"event “{row.title}”"
    if isinstance(row, AgendaItem):
        return f"agenda item “{row.title}”"
    if isinstance(row, AgendaPerson):
        item = session.get(AgendaItem, row.agenda_item_id)
        where = f" in “{item.title}”" if item is not None else ""
        return f"{value_text(row.role)} {_person(row.person_id, session)}{where}"
    if isinstance(row, Participation):
        return f"{value_text(row.role)} {_person(row.person_id, session)}"
    if isinstance(row, Invitation):
        return f"invitation of {_person(row.person_id, session)}"
    if isinstance(row, Consent):
        return f"consent of {_person(row.person_id, session)}"
    if isinstance(row, Person):
        return f"person {_person(row.id, session)}"
    if isinstance(row, Venue):
        return f"venue {row.name}"
    if isinstance(row, Room):
        return f"room {row.name}"
    if isinstance(row, Series):
        return f"series “{row.title}”"
    if isinstance(row, Organisation):
        return "the organisation"
    return str(row.__tablename__)


def event_of(row: Base, session: Session) -> int | None:
    """The event ``row`` belongs to (None: a person, a venue, the organisation...)."""
    if isinstance(row, Event):
        return row.id
    if isinstance(row, AgendaPerson):
        item = session.get(AgendaItem, row.agenda_item_id)
        return item.event_id if item is not None else None
    event_id = getattr(row, "event_id", None)
    return event_id if isinstance(event_id, int) else None


def _who(session: Session) -> str:
    who = session.info.get(_WHO_KEY)
    if isinstance(who, str):
        return who
    who = current_user()
    session.info[_WHO_KEY] = who  # once per session: it reads the settings
    return who


@event.listens_for(Session, "before_flush")
def _stamp(session: Session, _context: object, _instances: object) -> None:
    if not (session.new or session.dirty):
        return
    # A row put back by an undo (its values taken before it was deleted) keeps its own stamp.
    stamped = [row for row in session.new if isinstance(row, Versioned) and row.changed_at is None]
    stamped += [
        row
        for row in session.dirty
        if isinstance(row, Versioned) and session.is_modified(row, include_collections=False)
    ]
    if not stamped:
        return
    who, now = _who(session), utcnow()
    for row in stamped:
        row.changed_by = who
        row.changed_at = now


def _column_changes(row: Base) -> Iterable[tuple[str, object, object]]:
    """(field, old, new) for each column of ``row`` this flush changed."""
    state = inspect(row)
    for attr in state.mapper.column_attrs:
        if attr.key in SKIPPED_FIELDS:
            continue
        history = state.attrs[attr.key].history
        if not history.added:
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0]
        if value_text(old) != value_text(new):
            yield attr.key, old, new


@event.listens_for(Session, "after_flush")
def _record(session: Session, _context: object) -> None:
    if not (session.new or session.dirty or session.deleted):
        return
    rows = [r for r in (*session.new, *session.dirty, *session.deleted) if _tracked(r)]
    if not rows:
        return
    who, now = _who(session), utcnow()
    connection = session.connection()
    kind = session.info.get(KIND_KEY, ChangeKind.EDIT)
    changes: list[dict[str, Any]] = []
    with session.no_autoflush:
        for row in session.new:
            if _tracked(row):
                changes.append(_change(row, session, who, now, ChangeKind.CREATE))
        for row in session.deleted:
            if _tracked(row):
                changes.append(_change(row, session, who, now, ChangeKind.DELETE))
        for row in session.dirty:
            if not _tracked(row) or row in session.new or row in session.deleted:
                continue
            changed = list(_column_changes(row))
            if not changed:
                continue
            base = _change(row, session, who, now, kind)
            for name, old, new in changed:
                change = base | {
                    "field": name,
                    "old_value": value_text(old),
                    "new_value": value_text(new),
                }
                if kind is ChangeKind.EDIT and _merged(connection, change):
                    continue
                changes.append(change)
    if changes:
        connection.execute(insert(CHANGE_TABLE), changes)


def _tracked(row: object) -> bool:
    return isinstance(row, Versioned) and isinstance(row, Base)


def _change(
    row: Base, session: Session, who: str, at: datetime, kind: ChangeKind
) -> dict[str, Any]:
    return {
        "at": at,
        "who": who,
        "event_id": event_of(row, session),
        "table_name": row.__tablename__,
        "record_id": getattr(row, "id", None),
        "label": describe(row, session),
        "field": "",
        "old_value": None,
        "new_value": None,
        "kind": kind.value,
    }


def _typed(table_name: str, field: str) -> bool:
    """Whether ``field`` is free text, typed a keystroke at a time. Only those are folded: a
    rule, a status, a time or a person chosen is one decision each, and the history must keep
    each (an event off the record for minutes, documents printed meanwhile, then back)."""
    table = Base.metadata.tables.get(table_name)
    column = table.c.get(field) if table is not None else None
    return (
        column is not None
        and isinstance(column.type, String)
        and not isinstance(column.type, SqlEnum)
    )


def _merged(connection: Connection, change: dict[str, Any]) -> bool:
    """Fold ``change`` into the record's last history row when that is the same person typing
    into the same field moments ago; True when folded (nothing more to write)."""
    if not _typed(change["table_name"], change["field"]):
        return False  # before the query: most changes of a save are not typed text
    table = CHANGE_TABLE
    last = connection.execute(
        select(table.c.id, table.c.at, table.c.who, table.c.field, table.c.kind, table.c.old_value)
        .where(table.c.table_name == change["table_name"], table.c.record_id == change["record_id"])
        .order_by(table.c.id.desc())
        .limit(1)
    ).first()
    if last is None or (last.field, last.who, last.kind) != (
        change["field"],
        change["who"],
        ChangeKind.EDIT.value,
    ):
        return False
    if change["at"] - last.at > MERGE_WINDOW:
        return False
    if last.old_value == change["new_value"]:  # typed back to what it was: no change at all
        connection.execute(sql_delete(table).where(table.c.id == last.id))
    else:
        connection.execute(
            update(table)
            .where(table.c.id == last.id)
            .values(new_value=change["new_value"], at=change["at"], label=change["label"])
        )
    return True


def record_summary(
    connection: Connection,
    label: str,
    *,
    who: str | None = None,
    table_name: str = "",
    event_id: int | None = None,
    kind: ChangeKind = ChangeKind.IMPORT,
) -> None:
    """One history row for a whole bulk write (an import), made outside the ORM."""
    connection.execute(
        insert(CHANGE_TABLE).values(
            at=utcnow(),
            who=current_user() if who is None else who,
            event_id=event_id,
            table_name=table_name,
            record_id=None,
            label=label,
            field="",
            old_value=None,
            new_value=None,
            kind=kind.value,
        )
    )


def record_changes(connection: Connection, changes: Iterable[Mapping[str, Any]]) -> None:
    """History rows for a write made outside the ORM (people deleted or merged through Core):
    each mapping names ``table_name``, ``label`` and ``kind`` and may name ``record_id``,
    ``event_id``, ``field``, ``old_value`` and ``new_value``; when and who are filled in."""
    who, now = current_user(), utcnow()
    rows = [
        {
            "at": now,
            "who": who,
            "event_id": None,
            "record_id": None,
            "field": "",
            "old_value": None,
            "new_value": None,
        }
        | dict(change)
        | {"kind": ChangeKind(change["kind"]).value}
        for change in changes
    ]
    if rows:
        connection.execute(insert(CHANGE_TABLE), rows)
