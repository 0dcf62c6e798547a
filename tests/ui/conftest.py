"""Fixtures the window tests share: workers run at once, a settings file of the test's own,
and the main window opened on the test's database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from planner.store import Database
from planner.store.demo import load_demo
from planner.ui import worker
from planner.ui.context import AppContext
from planner.ui.shell.main_window import MainWindow


@pytest.fixture
def synchronous() -> Iterator[None]:
    """Background tasks run at once on the calling thread, so a test sees their results
    without waiting for the event loop."""
    worker.set_synchronous(True)
    yield
    worker.set_synchronous(False)


@pytest.fixture
def window_settings(tmp_path: Path) -> QSettings:
    """The window's settings in a file of the test's own (never the user's)."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def open_window(
    qtbot: QtBot, db: Database, window_settings: QSettings, synchronous: None
) -> Callable[..., MainWindow]:
    """Opens the main window on ``db`` (shown and started, closed after the test); its
    document preview never opens a viewer or a print dialog."""

    def open_(size: tuple[int, int] | None = None) -> MainWindow:
        main = MainWindow(AppContext(db=db, undo_stack=QUndoStack()), window_settings)
        qtbot.addWidget(main)
        if size is not None:
            main.resize(*size)
        main.show()
        main.start()
        main.editor.documents.interactive = False
        return main

    return open_


@pytest.fixture
def demo_window(db: Database, open_window: Callable[..., MainWindow]) -> MainWindow:
    """The main window on the demo data, at the size of the README's screenshots."""
    load_demo(db)
    return open_window((1320, 840))
