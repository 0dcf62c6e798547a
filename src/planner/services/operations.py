"""Edits as operations: plain objects that change the database and say how to take it back.

Every edit the window makes is an :class:`Operation`. :func:`apply` opens ONE transaction
(``db.session()``: BEGIN IMMEDIATE on SQLite), lets the operation write, and returns
:class:`Applied`: what changed (:class:`Changes`) and the inverse operation, which undoes the edit
when applied in turn (and whose own inverse redoes it). The window keeps the pair in one
``QUndoCommand`` (``ui/commands.py``); it never holds a session, a query or an ORM class. This is
Anki's "operations over the collection returning OpChanges", cut to what Planner needs.

The window names a row by a :class:`Record` key and an id; the ORM classes stay in here.

- :class:`SetField`: one column of one row. Typing into one field merges into one undo step
  (:meth:`SetField.merged`, by row, field and ``merge_key``: a view changes the key when the user
  leaves the field, so each visit to a field is its own step).
- :class:`Insert` / :class:`Delete`: a row (a delete remembers the row and the children named,
  so its inverse puts them back with the same ids, and later edits holding the ids stay valid).
- :class:`Batch`: several operations as one edit (one transaction, one undo step).

Writes keep the store's guarantees: one transaction per edit, the length limits of
``model/limits.py`` and the link checks of ``planner/safety.py`` (a value they refuse is refused
with the field's name, and nothing of the edit is written).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from planner.errors import StaleEdit, ValidationError
from planner.model import (
    AgendaItem,
    AgendaPerson,
    Base,
    ChangeKind,
    Consent,
    Dispatch,
    Event,
    Invitation,
    Organisation,
    Participation,
    Person,
    Room,
    Series,
    Venue,
    Versioned,
)
from planner.safety import url_problem
from planner.services.field_limits import check_length
from planner.services.snapshots import row_values

# The handle the window holds (``ctx.db``), named here so the window can type it without
# importing the store.
from planner.store import Database as Database
from planner.store.history import KIND_KEY, describe
from planner.store.queries import office_zone
from planner.zones import zone_or_utc


class Record(Enum):
    """A kind of row, as the window names it (the ORM class stays in services)."""

    EVENT = "event"
    AGENDA_ITEM = "agenda_item"
    AGENDA_PERSON = "agenda_person"
    PARTICIPATION = "participation"
    INVITATION = "invitation"
    CONSENT = "consent"
    DISPATCH = "dispatch"
    PERSON = "person"
    VENUE = "venue"
    ROOM = "room"
    SERIES = "series"
    ORGANISATION = "organisation"


_CLASSES: dict[Record, type[Base]] = {
    Record.EVENT: Event,
    Record.AGENDA_ITEM: AgendaItem,
    Record.AGENDA_PERSON: AgendaPerson,
    Record.PARTICIPATION: Participation,
    Record.INVITATION: Invitation,
    Record.CONSENT: Consent,
    Record.DISPATCH: Dispatch,
    Record.PERSON: Person,
    Record.VENUE: Venue,
    Record.ROOM: Room,
    Record.SERIES: Series,
    Record.ORGANISATION: Organisation,
}
_RECORDS: dict[type[Base], Record] = {cls: record for record, cls in _CLASSES.items()}


def model_class(record: Record) -> type[Base]:
    """The ORM class of ``record`` (for services only)."""
    return _CLASSES[record]


def record_of(model: type[Base]) -> Record:
    return _RECORDS[model]


def events_touched(session: Session) -> set[int]:
    """The events whose rows ``session`` is about to insert, change or delete."""
    ids: set[int] = set()
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, Event):
            if row.id is not None:
                ids.add(row.id)
        elif isinstance(row, AgendaPerson):
            item = session.get(AgendaItem, row.agenda_item_id)
            if item is not None:
                ids.add(item.event_id)
        else:
            event_id = getattr(row, "event_id", None)
            if isinstance(event_id, int):
                ids.add(event_id)
    return ids


# Columns holding a link that reaches printed footers, signatures and the web announcement.
_URL_FIELDS: frozenset[tuple[type[Base], str]] = frozenset(
    {(Event, "report_url"), (Organisation, "website")}
)


def _check_value(model: type[Base], name: str, value: object) -> None:
    """Refuse a text longer than its column holds (model/limits.py) or a link planner/safety.py
    refuses, naming the field: the same guarantees as an import, whatever view made the edit."""
    if name not in model.__table__.c:  # not a column: the ORM refuses it by name itself
        return
    if (model, name) in _URL_FIELDS and isinstance(value, str):
        problem = url_problem(value)
        if problem:
            raise ValidationError(f"{name.replace('_', ' ')}: {problem}")
    problem = check_length(model, name, value)
    if problem:
        raise ValidationError(problem)


def field_problem(record: Record, field: str, value: object) -> str | None:
    """Why ``value`` may not be written to ``field`` of a ``record`` row (its length), or None:
    what a view shows under the field before it pushes the edit."""
    return check_length(model_class(record), field, value)


# The versions of rows as the window last saw them, by (record, id): what an edit is based on.
Versions = Mapping[tuple[Record, int], int]

_SEEN = "planner.operations.seen"  # session.info: the Versions the edit is based on
_CHECKED = "planner.operations.checked"  # session.info: rows already checked in this edit


@dataclass(frozen=True, slots=True)
class Changes:
    """What an applied operation changed (for the window to refresh only that)."""

    records: frozenset[Record] = frozenset()
    event_ids: frozenset[int] = frozenset()
    created_id: int | None = None  # the id of the row the operation made (an Insert)
    # The version each row written now has: the window's next edit of it is based on these.
    versions: tuple[tuple[Record, int, int], ...] = ()


def _when(session: Session, at: datetime | None) -> str:
    """When a row was changed, as the conflict message says it: in the organisation's zone,
    the time alone when it was today there."""
    if at is None:
        return ""
    zone = zone_or_utc(office_zone(session))
    local = at.astimezone(zone)
    if local.date() == datetime.now(zone).date():
        return f"{local:%H:%M}"
    return f"{local:%d %b %Y %H:%M}"


def stale_edit(session: Session, row: Base) -> StaleEdit:
    """The refusal of an edit of ``row`` based on an older version of it."""
    assert isinstance(row, Versioned)
    return StaleEdit(describe(row, session), row.changed_by, _when(session, row.changed_at))


def _check_seen(session: Session, record: Record, row: Base) -> None:
    """Refuse to change ``row`` when the window's edit is based on an older version of it.

    Checked once per row and edit: a batch that writes a row twice flushes between the two and
    raises the version itself. The UPDATE's own ``WHERE version = ?`` (version_id_col) still
    catches another writer between this read and the write (PostgreSQL's read committed)."""
    seen = session.info.get(_SEEN)
    if not seen or not isinstance(row, Versioned):
        return
    key = (record, int(row.id))  # type: ignore[attr-defined]  # every versioned table has id
    checked: set[tuple[Record, int]] = session.info.setdefault(_CHECKED, set())
    if key in checked:
        return
    checked.add(key)
    version = seen.get(key)
    if version is not None and version != row.version:
        raise stale_edit(session, row)


class Operation(ABC):
    """An edit: ``apply_in`` makes it in a session and returns the operation that takes it
    back. Subclasses are frozen dataclasses with at least ``text`` (what the Edit menu shows,
    "Edit title") and ``event_id`` (the event it belongs to, None if none: the save-failure
    rescue packs that event)."""

    text: str
    event_id: int | None

    @abstractmethod
    def apply_in(self, session: Session) -> Operation:
        """Make the change in ``session`` (no commit: the caller owns the transaction)."""

    def created_id(self, inverse: Operation) -> int | None:
        """The id of the row this operation created, given the inverse it returned (None: it
        creates none). The window selects the new row by it."""
        return None


@dataclass(frozen=True, slots=True)
class SetField(Operation):
    """Set column ``field`` of row ``row_id`` of ``record`` to ``value``."""

    record: Record
    row_id: int
    field: str
    value: Any
    text: str
    event_id: int | None = None
    mergeable: bool = True
    # Edits merge only while this stays the same (see the module).
    merge_key: object = None
    # False for a value the database held before (an inverse): putting back what was there must
    # not fail because it predates a limit.
    check: bool = True

    def __post_init__(self) -> None:
        if self.event_id is None and self.record is Record.EVENT:
            object.__setattr__(self, "event_id", self.row_id)

    def apply_in(self, session: Session) -> Operation:
        model = model_class(self.record)
        row = session.get(model, self.row_id)
        if row is None:  # deleted meanwhile (by another edit): nothing to change
            return self
        if self.check:
            _check_value(model, self.field, self.value)
        _check_seen(session, self.record, row)
        old = getattr(row, self.field)
        setattr(row, self.field, self.value)
        return replace(self, value=old, check=False)

    def merged(self, later: Operation) -> SetField | None:
        """This edit followed by ``later`` as one step, when both type into one field visit."""
        if not isinstance(later, SetField) or not (self.mergeable and later.mergeable):
            return None
        key = (self.record, self.row_id, self.field, self.merge_key)
        if key != (later.record, later.row_id, later.field, later.merge_key):
            return None
        return replace(self, value=later.value)


@dataclass(frozen=True)
class Insert(Operation):
    """Create a ``record`` row from ``values`` (with ``children`` rows after it). Without an
    ``id`` in ``values`` the database chooses it; the inverse :class:`Delete` remembers it, so
    undo + redo re-creates the row with the same id."""

    record: Record
    values: Mapping[str, Any]
    text: str
    event_id: int | None = None
    children: tuple[tuple[Record, Mapping[str, Any]], ...] = ()
    child_names: tuple[str, ...] = ()  # the relationships the children came from
    check: bool = True  # False: rows the database held before (see SetField.check)

    def __post_init__(self) -> None:
        if self.event_id is None:
            event_id = self.values.get("id" if self.record is Record.EVENT else "event_id")
            if isinstance(event_id, int):
                object.__setattr__(self, "event_id", event_id)

    def apply_in(self, session: Session) -> Operation:
        model = model_class(self.record)
        if self.check:
            for name, value in self.values.items():
                _check_value(model, name, value)
        row = model(**self.values)
        session.add(row)
        session.flush()
        for child_record, values in self.children:
            session.add(model_class(child_record)(**values))
        row_id = int(row.id)  # type: ignore[attr-defined]  # Base has no id; every table does
        event_id = row_id if self.record is Record.EVENT else self.event_id
        return Delete(self.record, row_id, self.text, event_id, self.child_names)

    def created_id(self, inverse: Operation) -> int | None:
        return inverse.row_id if isinstance(inverse, Delete) else None


@dataclass(frozen=True, slots=True)
class Delete(Operation):
    """Delete a row (and what cascades from it); the inverse puts back the row and the rows
    of the relationships named in ``children`` (an agenda item's people), keeping every id."""

    record: Record
    row_id: int
    text: str
    event_id: int | None = None
    children: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.event_id is None and self.record is Record.EVENT:
            object.__setattr__(self, "event_id", self.row_id)

    def apply_in(self, session: Session) -> Operation:
        row = session.get(model_class(self.record), self.row_id)
        if row is None:  # already gone: nothing to do, nothing to put back
            return Batch(self.text, (), self.event_id)
        _check_seen(session, self.record, row)
        values = row_values(row)
        kept = tuple(
            (record_of(type(child)), row_values(child))
            for name in self.children
            for child in getattr(row, name)
        )
        session.delete(row)
        event_id = self.event_id
        if event_id is None and isinstance(values.get("event_id"), int):
            event_id = values["event_id"]
        return Insert(self.record, values, self.text, event_id, kept, self.children, check=False)


@dataclass(frozen=True, slots=True)
class Batch(Operation):
    """Several operations as one edit: applied in order, undone in reverse."""

    text: str
    operations: tuple[Operation, ...]
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        inverses = [operation.apply_in(session) for operation in self.operations]
        session.flush()  # a later operation in the same edit may read what this one wrote
        return Batch(self.text, tuple(reversed(inverses)), self.event_id)


@dataclass(frozen=True, slots=True)
class Applied:
    """An operation that was applied: its inverse, and what it changed."""

    inverse: Operation
    changes: Changes = field(default_factory=Changes)


@dataclass(slots=True)
class _Touched:
    """What the flushes of one operation wrote (kept in ``session.info`` while it applies)."""

    records: set[Record] = field(default_factory=set)
    event_ids: set[int] = field(default_factory=set)
    rows: list[Base] = field(default_factory=list)  # inserted or changed: their new versions


_TOUCHED = "planner.operations.touched"


# One listener for every session, registered once: listening per edit costs SQLAlchemy a code
# generation each time (milliseconds per keystroke). Sessions not applying an operation pass.
@sa_event.listens_for(Session, "before_flush")
def _note_touched(session: Session, _context: object, _instances: object) -> None:
    touched = session.info.get(_TOUCHED)
    if not isinstance(touched, _Touched):
        return
    for row in (*session.new, *session.dirty, *session.deleted):
        record = _RECORDS.get(type(row))
        if record is not None:
            touched.records.add(record)
    touched.rows.extend(row for row in (*session.new, *session.dirty) if type(row) in _RECORDS)
    touched.event_ids.update(events_touched(session))


def _versions(session: Session, rows: list[Base]) -> tuple[tuple[Record, int, int], ...]:
    written: dict[tuple[Record, int], int] = {}
    for row in rows:
        if isinstance(row, Versioned) and row not in session.deleted:
            row_id = getattr(row, "id", None)
            if isinstance(row_id, int) and row.version is not None:
                written[(record_of(type(row)), row_id)] = row.version
    return tuple((record, row_id, version) for (record, row_id), version in written.items())


def apply_in(
    session: Session, operation: Operation, *, seen: Versions | None = None, overwrite: bool = False
) -> Applied:
    """Apply ``operation`` in a transaction the caller owns (the rescue's copy, a CLI command
    composing several edits in one transaction).

    ``seen``: the versions of the rows as the user last saw them; an edit of a row changed
    since is refused with :class:`StaleEdit`. ``overwrite``: the user chose to keep their edit
    over someone else's ("Keep mine"): no check, and the history records it as an overwrite.
    """
    touched = _Touched()
    session.info[_TOUCHED] = touched
    if seen and not overwrite:
        session.info[_SEEN] = seen
    if overwrite:
        session.info[KIND_KEY] = ChangeKind.OVERWRITE
    try:
        inverse = operation.apply_in(session)
        session.flush()
    except StaleDataError as error:
        raise _RacedWrite(_keys(touched.rows)) from error
    finally:
        for key in (_TOUCHED, _SEEN, _CHECKED, KIND_KEY):
            session.info.pop(key, None)
    if operation.event_id is not None:
        touched.event_ids.add(operation.event_id)
    created = operation.created_id(inverse)
    return Applied(
        inverse,
        Changes(
            frozenset(touched.records),
            frozenset(touched.event_ids),
            created,
            _versions(session, touched.rows),
        ),
    )


def apply(
    db: Database, operation: Operation, *, seen: Versions | None = None, overwrite: bool = False
) -> Applied:
    """Apply ``operation`` in one transaction of its own; raises what the write raised (the
    transaction is then rolled back: nothing of the edit is kept). A write based on stale data
    (``seen``, or another writer between this edit's read and its write) raises
    :class:`StaleEdit` naming who changed the record and when."""
    try:
        with db.session() as session:
            return apply_in(session, operation, seen=seen, overwrite=overwrite)
    except _RacedWrite as raced:
        raise _stale_after_race(db, operation, raced.rows) from None


class _RacedWrite(Exception):
    """An UPDATE or DELETE matched no row (StaleDataError): another writer committed a new
    version of one of ``rows`` between this edit's read and its write."""

    def __init__(self, rows: list[tuple[Record, int]]) -> None:
        super().__init__("stale data")
        self.rows = rows


def _keys(rows: list[Base]) -> list[tuple[Record, int]]:
    """The rows' keys, read from their identity: the failed flush left their attributes
    expired, and loading them would need the transaction it rolled back."""
    keys: list[tuple[Record, int]] = []
    for row in rows:
        identity = sa_inspect(row).identity
        if identity is not None and isinstance(identity[0], int):
            keys.append((record_of(type(row)), identity[0]))
    return keys


def _stale_after_race(
    db: Database, operation: Operation, rows: list[tuple[Record, int]]
) -> StaleEdit:
    """The refusal of an edit whose write matched no row: names whoever wrote it since."""
    with db.session(write=False) as session:
        for record, row_id in rows:
            row = session.get(model_class(record), row_id)
            if row is not None:
                return stale_edit(session, row)
    return StaleEdit(operation.text, "", "")


def needs_write(db: Database, edit: SetField) -> bool:
    """Whether ``edit`` would change anything (False: the row is gone or holds the value)."""
    with db.session(write=False) as session:
        row = session.get(model_class(edit.record), edit.row_id)
        return row is not None and getattr(row, edit.field) != edit.value
