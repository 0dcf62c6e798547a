"""The window Planner opens carries the application icon (task bar, window switcher)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from planner.app import start_gui


def test_the_main_window_has_the_application_icon(qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    _app, window = start_gui(str(tmp_path / "planner.db"), settings=settings)
    qtbot.addWidget(window)
    icon = window.windowIcon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= {16, 32, 48, 256}
    window.ctx.db.dispose()
