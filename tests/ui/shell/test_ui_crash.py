"""Unexpected errors: one dialog with "Copy details", the traceback in the rotating log file,
repeats counted (not stacked, not logged again), and no database password anywhere."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.logs import scrub, start_file_log
from planner.ui.shell.crash import CrashDialog, CrashReporter

SECRET = "s3cr@t-pw"
URL = f"postgresql+psycopg://planner:{SECRET}@db.example.org:5432/planner"


class Broken(QWidget):
    """A widget whose every repaint fails, as a bug in a paint event would."""

    def paintEvent(self, event: QPaintEvent) -> None:
        raise RuntimeError(f"could not reach {URL}")


@pytest.fixture
def reporter(qtbot: QtBot, tmp_path: Path) -> Iterator[CrashReporter]:
    path = start_file_log(tmp_path / "log" / "planner.log")
    window = QWidget()
    qtbot.addWidget(window)
    crashes = CrashReporter(window, path)
    crashes.install()
    yield crashes
    crashes.uninstall()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path):
            root.removeHandler(handler)
            handler.close()


def _dialogs() -> list[CrashDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()
    ]


@pytest.mark.qt_no_exception_capture
def test_a_failing_paint_event_shows_one_dialog_and_counts_the_rest(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    broken = Broken()
    qtbot.addWidget(broken)
    broken.show()
    for _ in range(5):
        broken.update()  # every repaint fails again
        qtbot.wait(30)
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    QApplication.processEvents()
    assert len(_dialogs()) == 1
    dialog = reporter.dialog
    assert dialog is not None
    assert reporter.more >= 4
    assert "more unexpected errors" in dialog.repeats.text()
    assert dialog.summary.text().startswith("RuntimeError: could not reach postgresql")
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "paintEvent" in copied and "Traceback" in copied
    # The password is nowhere: not shown, not copied, not in the log file.
    logged = reporter.log_path.read_text(encoding="utf-8")
    for text in (dialog.summary.text(), copied, logged):
        assert SECRET not in text and "planner:***@db.example.org" in text
    assert logged.count("Traceback") == 1  # the repeats are counted, not logged again
    dialog.accept()
    broken.hide()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_thread_reaches_the_dialog(qtbot: QtBot, reporter: CrashReporter) -> None:
    def fail() -> None:
        raise ValueError("worker went wrong")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialog is not None
    assert "ValueError: worker went wrong" in reporter.dialog.summary.text()
    reporter.dialog.accept()


def test_scrub_hides_url_and_keyword_passwords() -> None:
    assert scrub(f"failed: {URL}") == (
        "failed: postgresql+psycopg://planner:***@db.example.org:5432/planner"
    )
    assert scrub("host=db password=hunter2 user=me") == "host=db password=*** user=me"
    assert scrub("sqlite:////home/me/planner.sqlite3") == "sqlite:////home/me/planner.sqlite3"
