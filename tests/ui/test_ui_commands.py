"""Undoable database commands, driven through a real QUndoStack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from planner.model import AgendaItem, Event
from planner.services.operations import Delete, Insert, Operation, Record, SetField
from planner.store import Database
from planner.ui.commands import OperationCommand, push, push_field
from planner.ui.context import AppContext


def _event(db: Database) -> int:
    with db.session() as s:
        event = Event(
            uid="e1@test",
            title="Old",
            starts_at=datetime(2026, 5, 1, 10, tzinfo=UTC),
            ends_at=datetime(2026, 5, 1, 12, tzinfo=UTC),
        )
        s.add(event)
        s.flush()
        return event.id


def _title(db: Database, event_id: int) -> str:
    with db.session() as s:
        event = s.get(Event, event_id)
        assert event is not None
        return event.title


def test_set_field_writes_undoes_and_merges_typing(qtbot: QtBot, db: Database) -> None:
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    event_id = _event(db)
    changes: list[int] = []
    for text in ("N", "Ne", "New"):
        push_field(
            ctx, Record.EVENT, event_id, "title", text, "Edit title", lambda: changes.append(1)
        )
    assert _title(db, event_id) == "New"
    assert ctx.undo_stack.count() == 1  # typing merged into one step
    ctx.undo_stack.undo()
    assert _title(db, event_id) == "Old"
    ctx.undo_stack.redo()
    assert _title(db, event_id) == "New"
    assert len(changes) == 5


def test_unmergeable_field_edits_stay_separate(qtbot: QtBot, db: Database) -> None:
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    event_id = _event(db)
    push(ctx, SetField(Record.EVENT, event_id, "title", "A", "t", mergeable=False))
    push(ctx, SetField(Record.EVENT, event_id, "title", "B", "t", mergeable=False))
    assert ctx.undo_stack.count() == 2
    ctx.undo_stack.undo()
    assert _title(db, event_id) == "A"


def test_insert_and_delete_keep_ids_across_undo(qtbot: QtBot, db: Database) -> None:
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    event_id = _event(db)
    at = datetime(2026, 5, 1, 10, tzinfo=UTC)
    values = {"event_id": event_id, "title": "Welcome", "starts_at": at, "ends_at": at}
    insert = push(ctx, Insert(Record.AGENDA_ITEM, values, "Add"))
    item_id = insert.created_id
    assert item_id is not None
    push(ctx, Delete(Record.AGENDA_ITEM, item_id, "Remove"))
    with db.session() as s:
        assert s.get(AgendaItem, item_id) is None
    ctx.undo_stack.undo()  # delete undone: same id back
    with db.session() as s:
        item = s.get(AgendaItem, item_id)
        assert item is not None and item.title == "Welcome"
    ctx.undo_stack.undo()  # insert undone
    with db.session() as s:
        assert s.get(AgendaItem, item_id) is None
    ctx.undo_stack.redo()
    ctx.undo_stack.redo()
    with db.session() as s:
        assert s.get(AgendaItem, item_id) is None
    ctx.undo_stack.undo()
    with db.session() as s:
        assert s.get(AgendaItem, item_id) is not None


def test_a_failed_write_is_reported_and_leaves_no_step(qtbot: QtBot, db: Database) -> None:
    messages: list[str] = []
    ctx = AppContext(db=db, undo_stack=QUndoStack(), show_status=messages.append)
    event_id = _event(db)

    @dataclass(frozen=True)
    class Fails(Operation):
        text: str
        event_id: int | None = None

        def apply_in(self, session: Session) -> Operation:
            raise ValueError("the room is locked")

    ctx.undo_stack.push(OperationCommand(ctx, Fails("Change room")))
    assert ctx.undo_stack.count() == 0
    assert messages == ["Change room could not be saved: the room is locked"]
    push_field(ctx, Record.EVENT, event_id, "title", "New", "Edit title")
    assert ctx.undo_stack.count() == 1


def test_each_visit_to_a_field_is_its_own_step(qtbot: QtBot, db: Database) -> None:
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    event_id = _event(db)
    for visit, words in enumerate((("W", "Wa"), ("Wat", "Wate"))):
        for text in words:
            push_field(ctx, Record.EVENT, event_id, "title", text, "Edit title", merge_key=visit)
    assert ctx.undo_stack.count() == 2
    command = ctx.undo_stack.command(1)
    assert isinstance(command, OperationCommand)
    assert command.text() == "Edit title"
    ctx.undo_stack.undo()
    assert _title(db, event_id) == "Wa"  # the second visit undone as one step
    ctx.undo_stack.undo()
    assert _title(db, event_id) == "Old"
    ctx.undo_stack.redo()
    ctx.undo_stack.redo()
    assert _title(db, event_id) == "Wate"
