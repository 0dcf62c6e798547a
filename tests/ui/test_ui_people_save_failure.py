"""Deleting and merging people go through the same save-failure handling as every other edit:
a write the database refuses leaves the people as they were and no undo step, is handed to the
window (``ctx.save_failed``: try again, keep in a package, discard) instead of escaping as an
exception, and trying again once the disk is fixed does it, undoably."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from planner.services import people as svc
from planner.services.rescue import PendingEdit
from planner.store import Database
from planner.ui.commands import OperationCommand
from planner.ui.context import AppContext
from planner.ui.people.merge_dialog import MergeDialog
from planner.ui.people.model import COL_NAME
from planner.ui.people.view import PeopleView


class ReadOnly:
    """Makes every transaction read-only while ``on`` (what a read-only file gives; running
    as root bypasses file permissions, so it is done in SQLite)."""

    def __init__(self, db: Database) -> None:
        self.on = False
        event.listen(db.engine, "begin", self._begin)

    def _begin(self, conn: Any) -> None:
        conn.exec_driver_sql(f"PRAGMA query_only={int(self.on)}")


Setup = tuple[PeopleView, AppContext, list[PendingEdit], list[str]]


@pytest.fixture
def setup(qtbot: QtBot, db: Database) -> Setup:
    pending: list[PendingEdit] = []
    said: list[str] = []
    ctx = AppContext(db, QUndoStack(), show_status=said.append, save_failed=pending.append)
    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.show()
    return view, ctx, pending, said


def _select(view: PeopleView, ids: list[int]) -> None:
    view.refresh()
    selection = view.table.selectionModel()
    selection.clearSelection()
    for pid in ids:
        row = view.model.row_of(pid)
        assert row is not None
        selection.select(
            view.model.index(row, COL_NAME),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def _try_again(ctx: AppContext, edit: PendingEdit) -> None:
    """What the save-failure dialog's "Try again" pushes."""
    ctx.undo_stack.push(OperationCommand(ctx, edit.operation))


def test_a_refused_delete_is_handed_to_the_window_and_deletes_nothing(
    db: Database, setup: Setup
) -> None:
    view, ctx, pending, said = setup
    owais = svc.create_person(db, {"given_name": "Syed Muhammad", "family_name": "Owais"})
    faults = ReadOnly(db)
    _select(view, [owais])
    faults.on = True
    view.delete_selected()  # no exception escapes into Qt
    # The undo entry names the person in full: the directory may hold several Owais.
    assert [edit.text for edit in pending] == ["Delete Syed Muhammad Owais"]
    assert "read-only" in pending[0].cause or "readonly" in pending[0].detail
    assert svc.person_row(db, owais) is not None, "nothing deleted"
    assert ctx.undo_stack.count() == 0, "no undo step for a delete that did not happen"
    assert not any(message.startswith("Deleted") for message in said)

    faults.on = False
    _try_again(ctx, pending[0])
    assert svc.person_row(db, owais) is None
    ctx.undo_stack.undo()
    assert svc.get_person(db, owais)["given_name"] == "Syed Muhammad"


def test_a_refused_merge_is_handed_to_the_window_and_merges_nothing(
    qtbot: QtBot,
    db: Database,
    setup: Setup,
) -> None:
    view, ctx, pending, said = setup
    keep = svc.create_person(db, {"given_name": "Khalid", "family_name": "Khattak"})
    dup = svc.create_person(db, {"given_name": "K.", "family_name": "Khattak"})
    faults = ReadOnly(db)
    _select(view, [keep, dup])
    dialog = MergeDialog(ctx, view.selected_ids(), view, on_changed=view.refresh)
    qtbot.addWidget(dialog)
    faults.on = True
    dialog.accept()
    assert [edit.text for edit in pending] == ["Merge 2 people into Khattak"]
    assert svc.person_row(db, dup) is not None and svc.person_row(db, keep) is not None
    assert ctx.undo_stack.count() == 0
    assert not any(message.startswith("Merged") for message in said)

    faults.on = False
    _try_again(ctx, pending[0])
    assert svc.person_row(db, dup) is None
    ctx.undo_stack.undo()
    assert svc.get_person(db, dup)["given_name"] == "K."
