"""Keyboard-only use of the window (a new user's try-out): Tab leaves tables, Ctrl+N lands in
the new event's title, Ctrl+PageDown steps the editor's tabs (the sections only from the
sidebar), and focus comes back where it was when a dialog closes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Event, Series
from planner.store import Database
from planner.ui.people.pick_dialog import PickPersonDialog
from planner.ui.series.plan_dialog import PlanSessionsDialog
from planner.ui.shell.main_window import MainWindow

OTHER_SECTIONS = ("People", "Venues", "Series", "Organisation")


def first_event(db: Database) -> int:
    with db.session() as session:
        event_id = session.scalar(select(Event.id).order_by(Event.id).limit(1))
    assert event_id is not None
    return int(event_id)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def active(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)


def put_focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def back_in(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    """After a dialog: the window's focus is ``widget`` when it is active again (offscreen,
    nothing activates it, as the desktop does once a dialog closes)."""
    qtbot.waitUntil(lambda: window.focusWidget() is widget)
    active(qtbot, window)
    qtbot.waitUntil(widget.hasFocus)


def ctrl(qtbot: QtBot, key: Qt.Key) -> None:
    qtbot.keyClick(focused(), key, Qt.KeyboardModifier.ControlModifier)


def tables_taking_tab(root: QWidget) -> list[str]:
    return [
        view.accessibleName() or view.objectName() or type(view.parent()).__name__
        for view in root.findChildren(QAbstractItemView)
        if view.tabKeyNavigation()
    ]


def test_tab_walks_from_the_events_list_into_the_editor(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    # The try-out: 400 presses of Tab moved cell by cell through the list, each one choosing
    # another event and reloading the editor.
    window = demo_window
    window.open_event(first_event(db))
    active(qtbot, window)
    table = window.events.table
    put_focus(qtbot, table)
    chosen = window.editor.event_id
    for _ in range(10):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        if window.editor.isAncestorOf(focused()):
            break
    assert window.editor.isAncestorOf(focused()), focused()
    assert window.editor.event_id == chosen  # Tab chose no other event on its way


def test_no_table_in_the_window_keeps_tab(
    qtbot: QtBot, demo_window: MainWindow, db: Database, tmp_path: Path
) -> None:
    window = demo_window
    window.open_event(first_event(db))
    for label in OTHER_SECTIONS:
        window.section(label)
    assert tables_taking_tab(window) == []
    with db.session() as session:
        series_id = session.scalar(select(Series.id).limit(1))
    assert series_id is not None
    dialogs: list[QDialog] = [
        PickPersonDialog(window.ctx, "Replace the chair", window),
        PlanSessionsDialog(window.ctx, series_id, parent=window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert tables_taking_tab(dialog) == [], type(dialog).__name__


def test_arrows_still_move_between_rows(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    window = demo_window
    window.open_event(first_event(db))
    active(qtbot, window)
    table: QTableView = window.events.table
    table.selectRow(0)
    put_focus(qtbot, table)
    first = window.editor.event_id
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    qtbot.waitUntil(lambda: window.editor.event_id != first)


def test_a_new_event_opens_with_the_keyboard_in_its_title(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    active(qtbot, window)
    put_focus(qtbot, window.sidebar)  # where the keyboard was in the try-out

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, fill_in)
            return
        dialog.title.setText("Water and the Indus Treaty")  # type: ignore[attr-defined]
        dialog.create_event()  # type: ignore[attr-defined]

    QTimer.singleShot(0, fill_in)
    ctrl(qtbot, Qt.Key.Key_N)
    title = window.editor.details.title_edit
    back_in(qtbot, window, title)
    assert title.text() == "Water and the Indus Treaty"
    assert window.editor.tabs.currentWidget() is window.editor.details
    # ... and Ctrl+PageDown then shows the editor's next tab, not the Organisation section.
    ctrl(qtbot, Qt.Key.Key_PageDown)
    assert window.editor.tabs.currentIndex() == 1
    assert window.sidebar.currentRow() == 0


def test_ctrl_page_down_steps_the_editor_tabs_from_the_events_list(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    window = demo_window
    window.open_event(first_event(db))
    active(qtbot, window)
    window.editor.tabs.setCurrentIndex(0)
    put_focus(qtbot, window.events.table)
    chosen = window.editor.event_id
    ctrl(qtbot, Qt.Key.Key_PageDown)
    assert window.editor.tabs.currentIndex() == 1
    ctrl(qtbot, Qt.Key.Key_PageUp)
    ctrl(qtbot, Qt.Key.Key_PageUp)
    assert window.editor.tabs.currentIndex() == window.editor.tabs.count() - 1
    assert window.editor.event_id == chosen  # the list did not page to another event
    assert window.sidebar.currentRow() == 0


def test_ctrl_page_down_steps_the_editor_tabs_from_every_field_of_the_editor(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    window = demo_window
    window.open_event(first_event(db))
    active(qtbot, window)
    tabs = window.editor.tabs
    missed: list[str] = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        section = tabs.widget(index)
        for widget in section.findChildren(QWidget):
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
                continue
            if not widget.isEnabled():
                continue
            tabs.setCurrentIndex(index)
            put_focus(qtbot, widget)
            ctrl(qtbot, Qt.Key.Key_PageDown)
            if tabs.currentIndex() != (index + 1) % tabs.count():
                missed.append(f"{tabs.tabText(index)}: {widget.accessibleName() or widget}")
    assert missed == []


def test_ctrl_page_down_in_the_sidebar_steps_one_section(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    active(qtbot, window)
    window.sidebar.setCurrentRow(0)
    put_focus(qtbot, window.sidebar)
    ctrl(qtbot, Qt.Key.Key_PageDown)
    assert window.sidebar.currentRow() == 1  # People, not the last section
    ctrl(qtbot, Qt.Key.Key_PageUp)
    ctrl(qtbot, Qt.Key.Key_PageUp)
    assert window.sidebar.currentRow() == window.sidebar.count() - 1


def close_the_dialog_when_it_shows(qtbot: QtBot) -> list[str]:
    """Rejects the next modal dialog as soon as it is up; the list records its title."""
    seen: list[str] = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close)
            return
        seen.append(dialog.windowTitle())
        assert isinstance(dialog, QDialog)
        dialog.reject()

    QTimer.singleShot(0, close)
    return seen


@pytest.mark.parametrize(
    ("action", "where"),
    [
        ("new_action", "cast picker"),
        ("new_action", "events list"),
        ("shortcuts", "cast picker"),
        ("delete", "title"),
    ],
)
def test_focus_comes_back_where_it_was_when_a_dialog_closes(
    qtbot: QtBot,
    demo_window: MainWindow,
    db: Database,
    action: str,
    where: str,
) -> None:
    window = demo_window
    window.open_event(first_event(db))
    active(qtbot, window)
    targets: dict[str, Callable[[], QWidget]] = {
        "cast picker": lambda: window.editor.cast.picker,
        "events list": lambda: window.events.table,
        "title": lambda: window.editor.details.title_edit,
    }
    widget = targets[where]()
    section = widget.parentWidget()
    while section is not None and section not in window.editor.sections:
        section = section.parentWidget()
    if section is not None:
        window.editor.tabs.setCurrentWidget(section)
    put_focus(qtbot, widget)
    seen = close_the_dialog_when_it_shows(qtbot)
    triggers: dict[str, Callable[[], object]] = {
        "new_action": window.new_action.trigger,
        "shortcuts": window.show_shortcuts,
        "delete": window.delete_event,
    }
    triggers[action]()
    assert seen
    back_in(qtbot, window, widget)


def test_tab_in_a_cell_being_edited_still_moves_to_the_next_cell(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    # A table passes Tab on, but not while a cell is being edited: Tab commits the cell and
    # edits the next one, as before.
    window = demo_window
    window.open_event(first_event(db))
    active(qtbot, window)
    agenda = window.editor.show_section("Agenda")
    table: QTableView = agenda.table  # type: ignore[attr-defined]
    model = table.model()
    column = next(
        c
        for c in range(model.columnCount())
        if model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable
    )
    table.setCurrentIndex(model.index(0, column))
    put_focus(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.EditingState)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert table.currentIndex() != model.index(0, column)
    assert table.isAncestorOf(focused()) or focused() is table
