"""The event editor's History section: the same list as ``planner history``, refreshed after
edits, read only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from planner.services.history import event_history
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.editor.history import HistorySection, HistoryTableModel
from planner.ui.shell.main_window import MainWindow
from planner.ui.widgets.bidi import FSI, PDI


def _whats(section: HistorySection) -> list[str]:
    model = section.model
    shown = [
        str(model.data(model.index(row, HistoryTableModel.WHAT))) for row in range(model.rowCount())
    ]
    return [text.replace(FSI, "").replace(PDI, "") for text in shown]  # the bidi isolates


def test_history_shows_the_event_changes_and_follows_edits(
    qtbot: QtBot,
    db: Database,
    open_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANNER_USER", "Sana")
    load_demo(db)
    window = open_window((1320, 840))
    window.open_event(1)
    section = window.editor.show_section("History")
    assert isinstance(section, HistorySection)
    expected = [entry.summary for entry in event_history(db, 1).entries]
    qtbot.waitUntil(lambda: _whats(section) == expected)
    assert section.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    details = window.editor.show_section("Details")
    short_title = details.short_title  # type: ignore[attr-defined]
    short_title.setFocus()
    short_title.end(False)
    qtbot.keyClicks(short_title, "GS")
    window.editor.show_section("History")
    # Inside the event's own History the line says what changed, not the event's title.
    newest = "Short title: Gulf Security -> Gulf SecurityGS"
    qtbot.waitUntil(lambda: _whats(section)[:1] == [newest], timeout=3000)
    assert len(_whats(section)) == len(expected) + 1  # two keystrokes, one change
    model = section.model
    assert model.data(model.index(0, HistoryTableModel.WHO)) == "Sana"
    assert "newest first" in section.summary.text()
