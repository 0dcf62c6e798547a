"""The window's health check, Back Up Now, Restore from Backup and the offer of the latest good
backup when the file is damaged (at start-up, after the check, or met later)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from planner import app as planner_app
from planner.errors import DamagedDatabaseError
from planner.store import Database
from planner.store.backup import backup_path, list_backups
from planner.store.demo import load_demo
from planner.ui import worker
from planner.ui.context import AppContext
from planner.ui.shell.crash import CrashReporter
from planner.ui.shell.health import BackupsDialog
from planner.ui.shell.main_window import MainWindow


class Answers:
    """Stands in for the person at the screen: every message box is recorded and answered
    with the first of its buttons whose text is in ``choose``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *choose: str) -> None:
        self.choose = choose
        self.seen: list[str] = []
        self.warnings: list[str] = []
        answers = self

        def exec_box(box: QMessageBox) -> int:
            answers.seen.append(box.text())
            for button in box.buttons():
                if button.text() in answers.choose:
                    button.click()
                    return 0
            raise AssertionError(f"no answer among {[b.text() for b in box.buttons()]}")

        def warning(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
            answers.warnings.append(text)
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, "exec", exec_box)
        monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
        monkeypatch.setattr(QMessageBox, "critical", staticmethod(warning))


@pytest.fixture
def synchronous() -> Iterator[None]:
    worker.set_synchronous(True)
    yield
    worker.set_synchronous(False)


@pytest.fixture
def demo(db_path: Path) -> Path:
    db = Database.open(f"sqlite:///{db_path}")
    load_demo(db)
    db.dispose()
    return db_path


def _damage(path: Path) -> bytes:
    """Zero every page past the first (the header and the schema stay): quick_check fails."""
    data = path.read_bytes()
    damaged = data[:4096] + bytes(len(data) - 4096)
    path.write_bytes(damaged)
    return damaged


def _events(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM event").fetchone()[0])


def _window(qtbot: QtBot, path: Path, tmp_path: Path) -> MainWindow:
    db = Database.open(f"sqlite:///{path}")
    window = MainWindow(
        AppContext(db=db, undo_stack=QUndoStack()),
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


def test_the_check_warns_and_restores_the_latest_good_backup(
    qtbot: QtBot, demo: Path, tmp_path: Path, synchronous: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = backup_path(demo)
    window = _window(qtbot, demo, tmp_path)
    assert window.events.model.rowCount() == 4
    old_people = window.section("People")  # built on the old database: rebuilt on the new
    window.ctx.db.dispose()
    damaged = _damage(demo)
    answers = Answers(monkeypatch, "Restore the latest good backup…", "Restore")

    window.check_health()

    warning, offer = answers.seen
    assert f"The check of {demo} found problems" in warning
    # The offer names the newest backup by its time, kind and event count: the daily one
    # the window took on opening when it is the first open today, else the manual one.
    backups = [b for b in list_backups(demo) if b.kind != "before-restore"]
    assert good in [b.path for b in backups]
    newest = backups[0]  # list_backups lists the newest first
    assert f"{newest.taken:%d %b %Y %H:%M} UTC, {newest.kind}, 4 events" in offer
    assert _events(demo) == 4
    (kept,) = [b for b in list_backups(demo) if b.kind == "before-restore"]
    assert kept.path.read_bytes() == damaged
    # The window works on the restored file: a fresh context, list, and People section.
    assert window.is_attached and window.ctx.db.url.endswith(demo.name)
    assert window.events.model.rowCount() == 4
    people = window.section("People")
    assert people is not old_people and getattr(people, "ctx", None) is window.ctx
    assert "Restored from" in window.statusBar().currentMessage()
    window.close()
    window.ctx.db.dispose()


def test_continue_leaves_the_damaged_file_and_the_window_as_they_are(
    qtbot: QtBot, demo: Path, tmp_path: Path, synchronous: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup_path(demo)
    window = _window(qtbot, demo, tmp_path)
    events = window.events
    window.ctx.db.dispose()
    damaged = _damage(demo)
    answers = Answers(monkeypatch, "Continue")

    window.check_health()

    assert len(answers.seen) == 1
    assert demo.read_bytes() == damaged
    assert window.events is events
    assert "problems" in window.statusBar().currentMessage()
    window.close()
    window.ctx.db.dispose()


def test_a_healthy_file_passes_the_check_without_a_word(
    qtbot: QtBot, demo: Path, tmp_path: Path, synchronous: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo, tmp_path)
    answers = Answers(monkeypatch)
    window.check_health()
    assert answers.seen == [] and answers.warnings == []
    window.close()
    window.ctx.db.dispose()


def test_back_up_now_and_restore_a_chosen_backup(
    qtbot: QtBot, demo: Path, tmp_path: Path, synchronous: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, demo, tmp_path)
    window.back_up_now()
    (manual,) = [b for b in list_backups(demo) if b.kind == "manual"]
    assert manual.events == 4
    assert str(manual.path) in window.statusBar().currentMessage()
    # An edit after the backup: the restore takes it away again.
    window.open_event(1)
    window.delete_event(confirm=False)
    assert _events(demo) == 3
    assert window.undo_stack.count() == 1

    answers = Answers(monkeypatch, "Restore")
    listed: list[list[str]] = []

    def exec_dialog(dialog: QDialog) -> int:
        assert isinstance(dialog, BackupsDialog)
        table = dialog.table
        listed.extend(
            [table.item(row, col).text() for col in range(3)] for row in range(table.rowCount())
        )
        row = next(i for i, b in enumerate(dialog.backups) if b.path == manual.path)
        dialog.table.selectRow(row)
        dialog.restore_chosen()
        return int(dialog.result())

    monkeypatch.setattr(BackupsDialog, "exec", exec_dialog)
    window.restore_from_backup()

    assert [f"{manual.taken:%Y-%m-%d %H:%M:%S}", "manual", "4"] in listed
    assert "manual, 4 events" in answers.seen[0]
    assert _events(demo) == 4
    assert any(b.kind == "before-restore" and b.events == 3 for b in list_backups(demo))
    assert window.events.model.rowCount() == 4
    # The undo step named a row of the replaced file: it is gone with it.
    assert window.undo_stack.count() == 0
    window.close()
    window.ctx.db.dispose()


def test_cancelling_the_confirmation_restores_nothing(
    qtbot: QtBot, demo: Path, tmp_path: Path, synchronous: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup_path(demo)
    window = _window(qtbot, demo, tmp_path)
    db = window.ctx.db
    Answers(monkeypatch, "Cancel")

    def exec_dialog(dialog: QDialog) -> int:
        assert isinstance(dialog, BackupsDialog)
        dialog.restore_chosen()
        return 0

    monkeypatch.setattr(BackupsDialog, "exec", exec_dialog)
    window.restore_from_backup()
    assert window.ctx.db is db  # not let go of, not reopened
    assert not any(b.kind == "before-restore" for b in list_backups(demo))
    window.close()
    db.dispose()


def test_damage_met_later_offers_the_backup_not_a_crash_dialog(
    qtbot: QtBot, demo: Path, tmp_path: Path, synchronous: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup_path(demo)
    window = _window(qtbot, demo, tmp_path)
    crashes = CrashReporter(window, tmp_path / "planner.log")
    crashes.damaged.connect(window.restore_latest)
    window.ctx.db.dispose()
    _damage(demo)
    answers = Answers(monkeypatch, "Restore")

    error = DamagedDatabaseError(demo, "database disk image is malformed")
    crashes.handle(DamagedDatabaseError, error, None)
    QApplication.processEvents()

    assert crashes.dialog is None
    assert "is damaged: database disk image is malformed" in answers.seen[0]
    assert _events(demo) == 4 and window.events.model.rowCount() == 4
    window.close()
    window.ctx.db.dispose()


def test_starting_on_a_damaged_file_offers_the_latest_good_backup(
    qtbot: QtBot, demo: Path, synchronous: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup_path(demo)
    _damage(demo)
    answers = Answers(monkeypatch, "Restore")
    monkeypatch.setattr(planner_app, "interactive", lambda: True)
    windows: list[MainWindow] = []
    start_gui = planner_app.start_gui

    def started(db_option: str | None) -> Any:
        app, window = start_gui(db_option)
        windows.append(window)
        return app, window

    monkeypatch.setattr(planner_app, "start_gui", started)
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))

    assert planner_app.run_gui(str(demo)) == 0

    assert f"{demo}\nis damaged" in answers.seen[0] and "4 events" in answers.seen[0]
    assert _events(demo) == 4
    (window,) = windows
    qtbot.addWidget(window)
    window.close()


def test_starting_on_a_damaged_file_without_a_backup_says_so_and_exits_1(
    demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = _damage(demo)
    answers = Answers(monkeypatch)
    monkeypatch.setattr(planner_app, "interactive", lambda: True)

    assert planner_app.run_gui(str(demo)) == 1

    assert "There is no good backup" in answers.warnings[0]
    assert "the database file is damaged" in answers.warnings[1]
    assert "Traceback" not in capsys.readouterr().err
    assert demo.read_bytes() == damaged
