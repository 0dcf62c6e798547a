"""Every input and button has a name a screen reader can say (its own accessibleName, its
text, or the label Qt links to it as buddy), in every view and the main dialogs; and the
editor can be worked by keyboard alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Event, Person
from planner.store import Database
from planner.ui.editor.cast import NewPersonDialog
from planner.ui.events.new_event_dialog import NewEventDialog
from planner.ui.people.pick_dialog import PickPersonDialog
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.new_database_dialog import NewDatabaseDialog

EDITOR_SECTIONS = (
    "Details",
    "Agenda",
    "People",
    "Invitations",
    "Briefing",
    "Report",
    "Documents",
    "Checks",
)
OTHER_VIEWS = ("People", "Venues", "Series", "Organisation")


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _is_inner_part(widget: QWidget) -> bool:
    """The line edit inside a spin box or an editable combo box: the box's name is its."""
    return isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)


def _has_name(widget: QWidget, buddies: set[QWidget]) -> bool:
    if isinstance(widget, QComboBox):
        # Qt falls back on a combo box's current choice ("Roundtable"), which does not say
        # what is being chosen: it needs a name of its own or a label.
        return bool(widget.accessibleName().strip()) or widget in buddies
    return bool(accessible_name(widget))


def unnamed(root: QWidget) -> list[str]:
    """The focusable, visible widgets under ``root`` that have no accessible name."""
    found = []
    window = root.window()
    buddies = {label.buddy() for label in window.findChildren(QLabel) if label.buddy()}
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            continue
        if _is_inner_part(widget) or _has_name(widget, buddies):
            continue
        parent = widget.parentWidget()
        found.append(
            f"{type(widget).__name__} {widget.objectName()!r} in "
            f"{type(parent).__name__ if parent else '-'}"
        )
    return found


def _first_event(db: Database) -> int:
    with db.session() as session:
        event_id = session.scalar(select(Event.id).order_by(Event.id).limit(1))
    assert event_id is not None
    return int(event_id)


def test_every_input_and_button_in_every_view_has_a_name(
    demo_window: MainWindow, db: Database
) -> None:
    window = demo_window
    problems: dict[str, list[str]] = {"Events": unnamed(window)}
    window.open_event(_first_event(db))
    for title in EDITOR_SECTIONS:
        window.editor.show_section(title)
        if title == "Documents":
            window.editor.documents.render_selected()  # the preview's toolbar too
        QApplication.processEvents()
        problems[f"editor: {title}"] = unnamed(window)
    for label in OTHER_VIEWS:
        view = window.section(label)
        QApplication.processEvents()
        select_first = getattr(view, "select_first", None)
        if callable(select_first):  # the detail form of the first row
            select_first()
            QApplication.processEvents()
        problems[label] = unnamed(window)
    with db.session() as session:
        person_id = session.scalar(select(Person.id).limit(1))
    people = window.section("People")
    people.page.load(person_id)  # type: ignore[attr-defined]
    QApplication.processEvents()
    problems["People: a person"] = unnamed(window)
    problems = {where: found for where, found in problems.items() if found}
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_the_main_dialogs_name_every_input(
    qtbot: QtBot, demo_window: MainWindow, db: Database, tmp_path: Path
) -> None:
    dialogs: list[QDialog] = [
        NewEventDialog(demo_window.ctx, demo_window),
        NewPersonDialog(demo_window),
        PickPersonDialog(demo_window.ctx, "Replace the chair", demo_window),
        NewDatabaseDialog(tmp_path / "events.sqlite3", demo_window),
    ]
    problems = {}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        found = unnamed(dialog)
        if found:
            problems[type(dialog).__name__] = found
        dialog.close()
    assert not problems, problems


def test_the_walker_finds_an_unnamed_input(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    layout.addWidget(QLineEdit())
    named = QLineEdit()
    named.setAccessibleName("Title")
    layout.addWidget(named)
    box.show()
    assert len(unnamed(box)) == 1


def test_tab_walks_the_details_in_reading_order(
    qtbot: QtBot, demo_window: MainWindow, db: Database, open_window: Callable[..., MainWindow]
) -> None:
    window = demo_window
    window.open_event(_first_event(db))
    details = window.editor.show_section("Details")
    window.activateWindow()
    qtbot.waitActive(window)
    details.title_edit.setFocus()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is details.title_edit)  # type: ignore[attr-defined]
    seen: list[str] = []
    for _ in range(12):
        focused = QApplication.focusWidget()
        # (On Linux Qt reports a combo box's choice as its name; its own name is the label.)
        seen.append(focused.accessibleName() or accessible_name(focused))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    # Title, short title and subtitle, then the event's kind and status, in the form's order.
    assert seen[:3] == ["Title", "Short title", "Subtitle"], seen
    assert "Format" in seen and "Status" in seen and "Starts" in seen, seen
    assert seen.index("Format") < seen.index("Status") < seen.index("Starts"), seen


def test_sections_and_editor_tabs_are_reached_by_keyboard(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    window = demo_window
    window.open_event(_first_event(db))
    window.activateWindow()
    qtbot.waitActive(window)
    tabs = window.editor.tabs
    tabs.setCurrentIndex(0)
    title = window.editor.details.title_edit
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    for index in range(1, tabs.count()):
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
        )
        assert tabs.currentIndex() == index
    # Ctrl+1 … Ctrl+5: the sidebar's sections (View menu).
    for row in range(window.sidebar.count()):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
        assert window.sidebar.currentRow() == row
    # The preview zooms with Ctrl+plus once a document is shown.
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    documents = window.editor.show_section("Documents")
    window.editor.documents.render_selected()
    preview = window.editor.documents.preview
    preview.set_zoom_text("100%")
    documents.choices.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(documents.choices, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert preview.zoom_text() == "125%"
