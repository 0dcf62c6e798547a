"""Undo: one ``QUndoCommand`` wrapping a service operation and its inverse.

Every edit in the GUI is an operation (``planner.services.operations``) pushed on the shared
``QUndoStack`` inside an :class:`OperationCommand`. ``redo()`` applies the operation in one
transaction and keeps the inverse it returns; ``undo()`` applies the inverse and keeps *its*
inverse (which redoes the edit). There is no Save button that can be forgotten, and undo after
a view was rebuilt still works (operations hold ids, not rows).

Field edits merge while the user keeps typing in one field (``SetField.merged``), so Ctrl+Z
undoes the word, not the letter. See docs/ARCHITECTURE.md, "Edits and undo".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from planner.errors import StaleEdit
from planner.services.operations import (
    Applied,
    Changes,
    Database,
    Operation,
    Record,
    SetField,
    apply,
    field_problem,
    needs_write,
)
from planner.ui.conflict import Conflict
from planner.ui.context import AppContext

log = logging.getLogger(__name__)

# Ids for QUndoCommand.id(): commands with the same id may merge. Only field edits merge.
SET_FIELD_COMMAND_ID = 1001

OnChanged = Callable[[], None]


def _noop() -> None:
    return None


class OperationCommand(QUndoCommand):
    """An operation on the undo stack.

    A write that fails (a rule the database enforces, a read-only or full disk, a locked file)
    makes the command obsolete, so the stack never holds a step that did not happen; a storage
    failure is handed to ``ctx.save_failed`` as a pending edit (the window asks whether to try
    again, keep it in an event package or discard it), any other failure is one status line.
    Nothing retries on its own.
    """

    def __init__(
        self,
        ctx: AppContext,
        operation: Operation,
        on_changed: OnChanged | None = None,
        *,
        text: str | None = None,
        overwrite: bool = False,
    ) -> None:
        super().__init__(operation.text if text is None else text)
        # "Keep mine" after a conflict: written over the current version, recorded as such.
        self.overwrite = overwrite
        self.ctx = ctx
        self.operation = operation  # what redo applies
        self.inverse: Operation | None = None  # what undo applies (known once redo ran)
        self.on_changed: OnChanged = on_changed or _noop
        self.changes: Changes | None = None  # what the last redo or undo changed
        self.applied: Operation | None = None  # what the last redo or undo applied
        self.failure: Exception | None = None  # why the last write failed (None: it worked)
        self._event_id = operation.event_id

    @property
    def created_id(self) -> int | None:
        """The id of the row the operation created (an Insert), once it ran."""
        return self.changes.created_id if self.changes is not None else None

    def event_id(self) -> int | None:
        """The event this edit belongs to, when it is one event's (for keeping it)."""
        return self._event_id

    def redo(self) -> None:
        applied = self._guarded(self.operation, "")
        if applied is not None:
            self.inverse = applied.inverse
            self.on_changed()

    def undo(self) -> None:
        if self.inverse is None:  # never applied: nothing to take back
            return
        applied = self._guarded(self.inverse, "Undo: ")
        if applied is not None:
            self.operation = applied.inverse
            self.on_changed()

    def _guarded(self, operation: Operation, prefix: str) -> Applied | None:
        reason = self.ctx.read_only_reason
        if reason is not None:
            # Its controls are locked, but a shortcut or a dialog may still ask: say why not.
            self.setObsolete(True)
            self.ctx.show_status(reason)
            return None
        try:
            applied = apply(
                self.ctx.db, operation, seen=self.ctx.versions, overwrite=self.overwrite
            )
        except StaleEdit as error:
            # Someone else changed the record since the window read it: nothing was written;
            # the user chooses (reload, or keep mine). Not a storage failure: no package.
            self.failure = error
            self.setObsolete(True)
            text = f"{prefix}{self.text()}"
            log.info("%s refused: %s", text, error)
            if self.ctx.edit_conflict is not None:
                self.ctx.edit_conflict(Conflict(text, operation, error, self._event_id))
            else:
                self.ctx.show_status(f"{text} not saved: {error.headline}.")
            return None
        except Exception as error:
            self.failure = error
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
                self.ctx.save_failed(PendingEdit(text, operation, self._event_id, cause, detail))
            else:  # the database refused this edit (a rule it enforces): trying again won't do
                self.ctx.show_status(f"{text} could not be saved: {detail}")
            return None
        self.changes, self.applied, self.failure = applied.changes, operation, None
        self.overwrite = False  # only the write the user chose: undo and redo check again
        for record, row_id, version in applied.changes.versions:
            self.ctx.saw(record, row_id, version)  # the next edit of these rows builds on it
        if self._event_id is None:
            self._event_id = applied.inverse.event_id
        return applied

    def id(self) -> int:
        mergeable = isinstance(self.operation, SetField) and self.operation.mergeable
        return SET_FIELD_COMMAND_ID if mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # QUndoStack offers even a command whose write failed (obsolete) for merging: taking
        # its value would make this step claim a write that never happened.
        if not isinstance(other, OperationCommand) or other.isObsolete():
            return False
        if not isinstance(self.operation, SetField):
            return False
        merged = self.operation.merged(other.operation)
        if merged is None:
            return False
        self.operation = merged
        return True


def push(
    ctx: AppContext,
    operation: Operation,
    on_changed: OnChanged | None = None,
    *,
    text: str | None = None,
    overwrite: bool = False,
) -> OperationCommand:
    """Push ``operation`` as one undo step (it is applied now); returns the command, whose
    ``created_id`` names the row an Insert made (None when the write failed). ``overwrite``:
    "Keep mine" after a conflict (see OperationCommand)."""
    command = OperationCommand(ctx, operation, on_changed, text=text, overwrite=overwrite)
    ctx.undo_stack.push(command)
    return command


def push_field(
    ctx: AppContext,
    record: Record,
    row_id: int,
    field: str,
    new: Any,
    text: str,
    on_changed: OnChanged | None = None,
    *,
    mergeable: bool = True,
    merge_key: object = None,
) -> bool:
    """Push a ``SetField`` unless the row is gone or already holds ``new``."""
    problem = field_problem(record, field, new)
    if problem:  # the entry point's check: the field's name and limit, and nothing pushed
        ctx.show_status(f"{problem} Not saved.")
        return False
    edit = SetField(record, row_id, field, new, text, mergeable=mergeable, merge_key=merge_key)
    if not needs_write(ctx.db, edit):
        return False
    push(ctx, edit, on_changed)
    return True


def record_done(db: Database, operation: Operation) -> Applied | str:
    """Apply ``operation`` as the record of something done outside the database, not as an
    undo step: writing email drafts (their dispatches, sending times and calendar SEQUENCE).
    The files stay in the folder whatever the stack does, so the record of them must too; an
    undo step would let the first Ctrl+Z after writing them say they were never written (and
    take the SEQUENCE the drafts carry back below theirs). It is written over whatever was
    read (nothing to keep of an older version). Mark Sent and Record Reply stay undoable
    edits (``push``).

    Called in the worker that wrote the files, right after them: a window closed before the
    worker reported back once kept the drafts and lost the record that they were sent. The
    result (what was applied, or why it failed) goes to :func:`show_recorded` on the GUI
    thread."""
    try:
        return apply(db, operation)
    except Exception as error:
        from planner.services.rescue import failure_detail

        detail = failure_detail(error)
        log.warning("%s could not be recorded: %s", operation.text, detail)
        return detail


def show_recorded(
    ctx: AppContext,
    operation: Operation,
    result: Applied | str,
    on_changed: OnChanged | None = None,
) -> bool:
    """What :func:`record_done` did, told to the window: it builds on the versions written, or
    the status bar says why nothing was recorded. False when nothing was."""
    if isinstance(result, str):
        ctx.show_status(f"{operation.text}: written, but not recorded as sent: {result}")
        return False
    for record, row_id, version in result.changes.versions:
        ctx.saw(record, row_id, version)
    if on_changed is not None:
        on_changed()
    return True
