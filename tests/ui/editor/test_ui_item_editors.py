"""A choice made in a table's combo box (agenda kind and rule, an invitation's reply) saves
and closes the editor at once: no "commitData called with an editor that does not belong to
this view" warning when the reloaded table is left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Event
from planner.store import Database
from planner.ui.editor.agenda import AgendaTableModel
from planner.ui.editor.invitations import InvitationsTableModel
from planner.ui.shell.main_window import MainWindow


def _choose_next(
    qtbot: QtBot, window: MainWindow, table: QTableView, row: int, column: int
) -> None:
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.edit(index)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex((combo.currentIndex() + 1) % combo.count())
    combo.activated.emit(combo.currentIndex())  # as a click on the item does
    # The save reloads the editor (soon); then the user moves on.
    qtbot.waitUntil(lambda: not window.editor._refresh_timer.isActive())
    QApplication.processEvents()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    table.setFocus()
    window.editor.details.title_edit.setFocus()
    QApplication.processEvents()


def test_choices_in_tables_leave_no_editor_behind(
    qtbot: QtBot, qtlog: object, demo_window: MainWindow, db: Database
) -> None:
    with db.session() as session:
        event_id = session.scalars(
            select(Event.id).where(Event.title.startswith("Pakistan – US"))
        ).one()
    window = demo_window
    window.open_event(event_id)
    window.activateWindow()
    qtbot.waitActive(window)
    window.editor.show_section("Agenda")
    agenda = window.editor.agenda
    before = agenda.model.item(1).kind
    for column in (AgendaTableModel.KIND, AgendaTableModel.RULE):
        _choose_next(qtbot, window, agenda.table, 1, column)
    assert agenda.model.item(1).kind != before  # the choice was saved
    window.editor.show_section("Invitations")
    invitations = window.editor.invitations
    if invitations.model.rowCount():
        _choose_next(qtbot, window, invitations.table, 0, InvitationsTableModel.STATUS)
    window.editor.details.title_edit.setFocus()
    QApplication.processEvents()
    messages = [record.message for record in qtlog.records]  # type: ignore[attr-defined]
    assert not [m for m in messages if "commitData" in m], messages
