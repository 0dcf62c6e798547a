"""The Series menu: Plan Sessions…, Renumber Sessions…, Move Session… and Cancel Session… from
any section show the Series view and run its action there; a read-only database disables them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.context import AppContext
from planner.ui.series.plan_dialog import PlanSessionsDialog
from planner.ui.series.session_dialogs import MoveSessionDialog, RenumberDialog
from planner.ui.series.view import SeriesView
from planner.ui.shell.main_window import MainWindow

TITLES = ["&Plan Sessions…", "&Renumber Sessions…", "&Move Session…", "&Cancel Session…"]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The class of every session dialog opened (exec() records it and returns at once)."""
    seen: list[str] = []

    def record(dialog: QDialog) -> int:
        seen.append(type(dialog).__name__)
        return 0

    for cls in (PlanSessionsDialog, RenumberDialog, MoveSessionDialog):
        monkeypatch.setattr(cls, "exec", record)
    return seen


def test_the_series_menu_lists_the_session_actions(demo_window: MainWindow) -> None:
    titles = [action.text() for action in demo_window.series_menu.actions()]
    assert titles == TITLES
    assert demo_window.series_actions == demo_window.series_menu.actions()
    assert all(action.isEnabled() for action in demo_window.series_actions)


def test_each_entry_shows_the_series_section_and_runs_its_action(
    demo_window: MainWindow, opened: list[str], boxes: list[tuple[str, str]]
) -> None:
    window = demo_window
    assert window.sidebar.currentItem().text() == "Events"
    plan, renumber, move, cancel = window.series_actions
    plan.trigger()
    assert window.sidebar.currentItem().text() == "Series"
    view = window.stack.currentWidget()
    assert isinstance(view, SeriesView)
    assert opened == ["PlanSessionsDialog"]
    renumber.trigger()
    assert opened[-1] == "RenumberDialog"

    # No session chosen yet: nothing opens, the status bar says what is needed.
    view.events_table.clearSelection()
    view.events_table.setCurrentIndex(view.events_model.index(-1, -1))
    move.trigger()
    assert opened[-1] == "RenumberDialog"
    assert "Choose a session" in window.statusBar().currentMessage()

    # A session chosen: moved, then cancelled (after a Yes).
    view.select_event(view.events_model.row_id(0))
    move.trigger()
    assert opened[-1] == "MoveSessionDialog"
    cancel.trigger()
    assert boxes and "Cancel" in boxes[-1][0]
    assert view.events_model.is_cancelled(0)


@pytest.fixture
def read_only_file(db_path: Path) -> Iterator[Database]:
    setup = Database.open(f"sqlite:///{db_path}")
    load_demo(setup)
    setup.dispose()
    db = Database.open(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    yield db
    db.dispose()


def test_a_read_only_database_disables_the_series_menu(
    qtbot: QtBot, read_only_file: Database, tmp_path: Path, synchronous: None
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(db=read_only_file, undo_stack=QUndoStack()), settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert window.read_only_bar is not None
    assert not any(action.isEnabled() for action in window.series_actions)
