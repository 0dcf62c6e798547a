"""“Your name” in the Organisation view: saved in the settings, used by the history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from planner.config import current_user, settings_user_name
from planner.store import Database
from planner.ui.context import AppContext
from planner.ui.organisation.view import OrganisationView


def test_your_name_is_saved_and_names_the_changes(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_USER", "omar.k")
    view = OrganisationView(AppContext(db, QUndoStack()))
    qtbot.addWidget(view)
    box = view.your_name
    assert box.edit.text() == "" and box.edit.placeholderText() == "omar.k"
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "Sana Rahman")
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert settings_user_name() == "Sana Rahman"
    assert current_user() == "Sana Rahman"
    assert "“Sana Rahman”" in box.hint.text()
    # Cleared: back to PLANNER_USER.
    box.edit.selectAll()
    qtbot.keyClick(box.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert settings_user_name() is None
    assert current_user() == "omar.k"
