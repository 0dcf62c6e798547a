"""The File menu open, the Connect dialog and the guide window, on the demo data, pictured into
the test's folder (the guide's screenshots come from docs/screenshots/make_screenshots.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.shell.connect_dialog import ConnectDialog
from planner.ui.shell.help_window import HelpWindow
from planner.ui.shell.main_window import MainWindow
from ui_pictures import distinct_colours, save_picture


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


def test_the_file_menu_open(window: MainWindow, tmp_path: Path) -> None:
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
    save_picture(image, tmp_path, "file-menu")
    assert menu.height() > 250 and distinct_colours(menu, 5) > 10


def test_the_connect_dialog(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = ConnectDialog(window)
    qtbot.addWidget(dialog)
    dialog.host.setText("db.example.org")
    dialog.database.setText("planner")
    dialog.user.setText("sana")
    dialog.password.setText("correct horse")
    dialog.remember.setChecked(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = save_picture(dialog, tmp_path, "connect")
    assert image.width() >= 400 and distinct_colours(image, 5) > 10


def test_the_guide_window(qtbot: QtBot, tmp_path: Path) -> None:
    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.resize(1100, 720)
    guide.show()
    qtbot.waitExposed(guide)
    titles = [guide.contents.item(row).text() for row in range(guide.contents.count())]
    guide.contents.setCurrentRow(titles.index("The desktop application"))
    _pump(0.3)
    image = save_picture(guide, tmp_path, "guide")
    assert distinct_colours(image, 5) > 20
