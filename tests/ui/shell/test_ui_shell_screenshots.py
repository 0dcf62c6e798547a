"""The File menu open, the Connect dialog and the guide window, on the demo data; optionally
saved: ``PLANNER_SCREENSHOTS=docs/screenshots uv run pytest -n 0
tests/ui/shell/test_ui_shell_screenshots.py`` refreshes ``ui-file-menu.png``, ``ui-connect.png``
and ``ui-guide.png`` (look at them before committing)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.shell.connect_dialog import ConnectDialog
from planner.ui.shell.help_window import HelpWindow
from planner.ui.shell.main_window import MainWindow


def _save(image: QImage, name: str) -> QImage:
    assert not image.isNull()
    target = os.environ.get("PLANNER_SCREENSHOTS")
    if target:
        image.save(str(Path(target) / f"ui-{name}.png"))
    return image


def _grab(widget: QWidget, name: str) -> QImage:
    return _save(widget.grab().toImage(), name)


def _colours(image: QImage, step: int = 5) -> int:
    return len(
        {
            image.pixel(x, y)
            for y in range(0, image.height(), step)
            for x in range(0, image.width(), step)
        }
    )


def _pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()


@pytest.fixture
def window(qtbot: QtBot, db: Database, open_window: Callable[..., MainWindow]) -> MainWindow:
    load_demo(db)
    main = open_window((1100, 700))
    qtbot.waitExposed(main)
    _pump(0.3)
    return main


def test_the_file_menu_open(window: MainWindow) -> None:
    bar = window.menuBar()
    file_action = window.file_menu.menuAction()
    below = bar.actionGeometry(file_action).bottomLeft()
    window.file_menu.popup(bar.mapToGlobal(below))
    _pump(0.3)
    # The menu is a popup of its own: painted onto the window's picture where it opened.
    image = window.grab().toImage()
    menu = window.file_menu.grab().toImage()
    corner = window.mapFromGlobal(window.file_menu.pos())
    painter = QPainter(image)
    painter.drawImage(QPoint(max(corner.x(), 0), max(corner.y(), 0)), menu)
    painter.end()
    window.file_menu.hide()
    _save(image, "file-menu")
    assert menu.height() > 250 and _colours(menu) > 10


def test_the_connect_dialog(qtbot: QtBot, window: MainWindow) -> None:
    dialog = ConnectDialog(window)
    qtbot.addWidget(dialog)
    dialog.host.setText("db.example.org")
    dialog.database.setText("planner")
    dialog.user.setText("sana")
    dialog.password.setText("correct horse")
    dialog.remember.setChecked(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = _grab(dialog, "connect")
    assert image.width() >= 400 and _colours(image) > 10


def test_the_guide_window(qtbot: QtBot) -> None:
    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.resize(1100, 720)
    guide.show()
    qtbot.waitExposed(guide)
    titles = [guide.contents.item(row).text() for row in range(guide.contents.count())]
    guide.contents.setCurrentRow(titles.index("The desktop application"))
    _pump(0.3)
    image = _grab(guide, "guide")
    assert _colours(image) > 20
