"""The person picker: a mouse pick leaves the field empty for the next search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.widgets.picker import PersonSearchEdit


def test_a_mouse_pick_leaves_no_text_behind(qtbot: QtBot, db: Database) -> None:
    load_demo(db)
    edit = PersonSearchEdit(db)
    qtbot.addWidget(edit)
    picked: list[str] = []
    edit.picked.connect(lambda _id, name: picked.append(name))
    edit.show()
    edit.activateWindow()
    qtbot.waitActive(edit)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)  # as when the user types in it
    qtbot.keyClicks(edit, "Kh")
    popup = edit.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    rect = popup.visualRect(popup.model().index(0, 0))
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picked
    qtbot.waitUntil(lambda: edit.text() == "")
