"""Undoable edits that write to the database.

Every edit in the GUI is one of these commands pushed on the shared ``QUndoStack``. A command
writes in ``redo()`` and ``undo()`` in its own short session, so there is no Save button that can
be forgotten, and undo after a restart of a view still works (the command holds ids, not rows).

- ``SetFieldCommand``: one column of one row; consecutive typing into the same field merges into
  one undo step (``mergeWith`` by row and field).
- ``InsertRowCommand``: creates a row from column values; undo deletes it, redo re-creates it
  with the same id so later commands that refer to the id stay valid.
- ``DeleteRowCommand``: the reverse, remembering the row's values (and optionally its children,
  via ``snapshot_children``) so undo restores it exactly.
- ``CallbackCommand``: for edits that span several rows (reordering an agenda), given two
  functions taking a session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from planner.model import Base, Event
from planner.services.field_limits import check_length, check_values
from planner.ui.shell.context import AppContext

log = logging.getLogger(__name__)

# Ids for QUndoCommand.id(): commands with the same id may merge. Only field edits merge.
SET_FIELD_COMMAND_ID = 1001

OnChanged = Callable[[], None]


def _noop() -> None:
    return None


def column_values(row: Base) -> dict[str, Any]:
    """The row's column values by attribute name (what a re-insert needs)."""
    mapper = sa_inspect(type(row))
    return {attr.key: getattr(row, attr.key) for attr in mapper.column_attrs}


class DatabaseCommand(QUndoCommand):
    """A command whose ``_redo_in``/``_undo_in`` write in one session. A write that fails (a
    rule the database enforces, a read-only or full disk, a locked file) makes the command
    obsolete, so the undo stack never holds a step that did not happen, and is handed to
    ``ctx.save_failed`` as a pending edit: the window asks whether to try again, keep it in an
    event package or discard it. Nothing retries on its own."""

    ctx: AppContext
    on_changed: OnChanged
    # Whether the last redo or undo failed (the caller then does not report it as done).
    failed = False

    def _redo_in(self, session: Session) -> None:
        raise NotImplementedError

    def _undo_in(self, session: Session) -> None:
        raise NotImplementedError

    def event_id(self) -> int | None:
        """The event this edit belongs to, when it is one event's (for keeping it)."""
        return None

    def redo(self) -> None:
        self._guarded(self._redo_in, self._undo_in, "")

    def undo(self) -> None:
        self._guarded(self._undo_in, self._redo_in, "Undo: ")

    def _guarded(
        self, step: Callable[[Session], None], inverse: Callable[[Session], None], prefix: str
    ) -> None:
        self.failed = False
        try:
            with self.ctx.db.session() as session:
                step(session)
        except Exception as error:
            self.failed = True
            from planner.services.rescue import (
                PendingEdit,
                failure_detail,
                is_storage_failure,
                write_failure_cause,
            )

            text = f"{prefix}{self.text()}"
            cause, detail = write_failure_cause(error), failure_detail(error)
            # One line: the window shows the cause; a traceback per keystroke helps nobody.
            log.warning("%s could not be saved: %s", text, detail)
            self.setObsolete(True)
            if is_storage_failure(error) and self.ctx.save_failed is not None:
                edit = PendingEdit(text, step, inverse, self.event_id(), cause, detail)
                self.ctx.save_failed(edit)
            else:  # the database refused this edit (a rule it enforces): trying again won't do
                self.ctx.show_status(f"{text} could not be saved: {detail}")
            return
        self.on_changed()


class SetFieldCommand(DatabaseCommand):
    """Set ``model_class.field`` of row ``row_id`` from ``old`` to ``new``.

    Typing into a line edit pushes one of these per change; consecutive changes of the same
    field of the same row merge into one step, so Ctrl+Z undoes the whole word, not a letter.
    """

    def __init__(
        self,
        ctx: AppContext,
        model_class: type[Base],
        row_id: int,
        field: str,
        old: Any,
        new: Any,
        text: str,
        on_changed: Callable[[], None] | None = None,
        *,
        mergeable: bool = True,
        merge_key: object = None,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.model_class = model_class
        self.row_id = row_id
        self.field = field
        self.old = old
        self.new = new
        self.on_changed: OnChanged = on_changed or _noop
        self.mergeable = mergeable
        # Edits merge only while this stays the same: a view changes it when the user leaves
        # the field, so the next visit to the field is its own undo step.
        self.merge_key = merge_key

    def _write(self, session: Session, value: Any) -> None:
        row = session.get(self.model_class, self.row_id)
        if row is None:  # deleted meanwhile (by another command); nothing to change
            return
        setattr(row, self.field, value)

    def _redo_in(self, session: Session) -> None:
        # The entry points show a too-long value under its field before pushing; this is the
        # check no caller can skip (refused: the status bar says why, nothing is saved). Undo
        # is not checked: it puts back what was stored, even a text from before the limits.
        check_values(self.model_class, {self.field: self.new})
        # The value now, not when redo is called again: a failed edit keeps what was typed.
        self._write(session, self.new)

    def _undo_in(self, session: Session) -> None:
        self._write(session, self.old)

    def event_id(self) -> int | None:
        if self.model_class is Event:
            return self.row_id
        return None

    def id(self) -> int:
        return SET_FIELD_COMMAND_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # QUndoStack offers even a command whose write failed (obsolete) for merging: taking
        # its value would make this step claim a write that never happened.
        if not isinstance(other, SetFieldCommand) or not other.mergeable or other.isObsolete():
            return False
        if (other.model_class, other.row_id, other.field, other.merge_key) != (
            self.model_class,
            self.row_id,
            self.field,
            self.merge_key,
        ):
            return False
        self.new = other.new
        return True


class InsertRowCommand(DatabaseCommand):
    """Create a ``model_class`` row from ``values``; undo deletes it.

    The first redo lets the database choose the id; later redos re-create the row with that same
    id so commands pushed after this one (which hold the id) keep working after undo + redo.
    """

    def __init__(
        self,
        ctx: AppContext,
        model_class: type[Base],
        values: dict[str, Any],
        text: str,
        on_changed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.model_class = model_class
        self.values = dict(values)
        self.on_changed: OnChanged = on_changed or _noop
        self.row_id: int | None = None

    def _redo_in(self, session: Session) -> None:
        check_values(self.model_class, self.values)
        values = dict(self.values)
        if self.row_id is not None:
            values["id"] = self.row_id
        row = self.model_class(**values)
        session.add(row)
        session.flush()
        self.row_id = int(row.id)  # type: ignore[attr-defined]

    def _undo_in(self, session: Session) -> None:
        if self.row_id is None:
            return
        row = session.get(self.model_class, self.row_id)
        if row is not None:
            session.delete(row)

    def event_id(self) -> int | None:
        event_id = self.values.get("event_id")
        return event_id if isinstance(event_id, int) else None


class DeleteRowCommand(DatabaseCommand):
    """Delete a row (and what cascades from it); undo puts back the row and ``children``.

    ``children`` names relationships whose rows are recorded and restored too (an agenda item's
    people, an event's agenda). Restoring keeps every id.
    """

    def __init__(
        self,
        ctx: AppContext,
        model_class: type[Base],
        row_id: int,
        text: str,
        on_changed: Callable[[], None] | None = None,
        *,
        children: Sequence[str] = (),
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.model_class = model_class
        self.row_id = row_id
        self.children = tuple(children)
        self.on_changed: OnChanged = on_changed or _noop
        self._saved: dict[str, Any] | None = None
        self._saved_children: list[tuple[type[Base], dict[str, Any]]] = []

    def _redo_in(self, session: Session) -> None:
        row = session.get(self.model_class, self.row_id)
        if row is None:
            return
        self._saved = column_values(row)
        self._saved_children = []
        for name in self.children:
            for child in getattr(row, name):
                self._saved_children.append((type(child), column_values(child)))
        session.delete(row)

    def _undo_in(self, session: Session) -> None:
        if self._saved is None:
            return
        session.add(self.model_class(**self._saved))
        session.flush()
        for child_class, values in self._saved_children:
            session.add(child_class(**values))

    def event_id(self) -> int | None:
        if self.model_class is Event:
            return self.row_id
        event_id = (self._saved or {}).get("event_id")
        return event_id if isinstance(event_id, int) else None


class CallbackCommand(DatabaseCommand):
    """An edit given as two functions of a session (for edits that touch several rows)."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        do: Callable[[Session], None],
        undo: Callable[[Session], None],
        on_changed: Callable[[], None] | None = None,
        *,
        event_id: int | None = None,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._do_in = do
        self._undo_fn = undo
        self.on_changed: OnChanged = on_changed or _noop
        self._event_id = event_id

    def _redo_in(self, session: Session) -> None:
        self._do_in(session)

    def _undo_in(self, session: Session) -> None:
        self._undo_fn(session)

    def event_id(self) -> int | None:
        return self._event_id


def push_field(
    ctx: AppContext,
    model_class: type[Base],
    row_id: int,
    field: str,
    new: Any,
    text: str,
    on_changed: Callable[[], None] | None = None,
    *,
    mergeable: bool = True,
    merge_key: object = None,
) -> bool:
    """Push a ``SetFieldCommand`` unless the value is unchanged; reads the old value itself.

    A value longer than the field holds is not pushed: the status bar says why (False)."""
    problem = check_length(model_class, field, new)
    if problem is not None:
        ctx.show_status(f"{problem} Not saved.")
        return False
    with ctx.db.session() as session:
        row = session.get(model_class, row_id)
        if row is None:
            return False
        old = getattr(row, field)
    if old == new:
        return False
    ctx.undo_stack.push(
        SetFieldCommand(
            ctx,
            model_class,
            row_id,
            field,
            old,
            new,
            text,
            on_changed,
            mergeable=mergeable,
            merge_key=merge_key,
        )
    )
    return True
