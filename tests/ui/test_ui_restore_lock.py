"""Restore and the window's single-instance lock: ``planner restore`` is refused while a window
holds the file; the window's own restore works under its lock and keeps it (a second window
and a command-line restore are still refused afterwards); and while a restore holds the file,
no window can open it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from planner.store import Database
from planner.store.backup import backup_path, list_backups
from planner.store.demo import load_demo
from planner.store.instance_lock import holder, lock_path
from planner.ui import worker
from planner.ui.context import AppContext
from planner.ui.shell.health import BackupsDialog
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.single_instance import SingleInstance

# What another process's `planner restore` holds while it copies (the lock, for a few seconds).
RESTORE_HOLDING = """
import sys, time
from pathlib import Path
from planner.store.instance_lock import held
with held(Path(sys.argv[1])):
    print("holding", flush=True)
    time.sleep(30)
"""


def _cli_restore(database: Path, backup: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner.cli.main", "--db", str(database), "restore", str(backup)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _events(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM event").fetchone()[0])


@pytest.fixture
def demo(db_path: Path) -> Path:
    db = Database.open(f"sqlite:///{db_path}")
    load_demo(db)
    db.dispose()
    return db_path


@pytest.fixture
def instance(qtbot: QtBot, demo: Path) -> Iterator[SingleInstance]:
    held = SingleInstance(demo)
    assert held.acquire()
    yield held
    held.release()


def test_the_window_s_own_restore_keeps_its_lock_and_others_stay_refused(
    qtbot: QtBot,
    demo: Path,
    tmp_path: Path,
    instance: SingleInstance,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup = backup_path(demo)  # the demo's automatic backup: 4 events
    refused = _cli_restore(demo, backup)
    assert refused.returncode == 1
    assert f"a planner window (process {os.getpid()}) has it open" in refused.stderr

    worker.set_synchronous(True)
    db = Database.open(f"sqlite:///{demo}")
    window = MainWindow(
        AppContext(db=db, undo_stack=QUndoStack()),
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    window.show()
    window.start()
    window.open_event(1)
    window.delete_event(confirm=False)
    assert _events(demo) == 3

    def exec_box(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "Restore").click()
        return 0

    def exec_dialog(dialog: QDialog) -> int:
        assert isinstance(dialog, BackupsDialog)
        dialog.table.selectRow(next(i for i, b in enumerate(dialog.backups) if b.path == backup))
        dialog.restore_chosen()
        return int(dialog.result())

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(BackupsDialog, "exec", exec_dialog)
    try:
        window.restore_from_backup()
        assert _events(demo) == 4, "the window restored its own file"
        assert window.events.model.rowCount() == 4, "and opened it again"
        found = holder(demo)
        assert found is not None and found.pid == os.getpid(), "the window still holds it"
        assert not SingleInstance(demo).acquire(), "a second window is still refused"
        again = _cli_restore(demo, backup)
        assert again.returncode == 1 and "has it open" in again.stderr
    finally:
        window.close()
        window.ctx.db.dispose()
        worker.set_synchronous(False)
    instance.release()
    assert _cli_restore(demo, backup).returncode == 0, "free once the window has closed"
    assert sum(b.kind == "before-restore" for b in list_backups(demo)) == 2


def test_no_window_opens_the_file_while_a_restore_holds_it(qtbot: QtBot, demo: Path) -> None:
    restoring = subprocess.Popen(
        [sys.executable, "-c", RESTORE_HOLDING, str(demo)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert restoring.stdout is not None and restoring.stdout.readline() == "holding\n"
        window = SingleInstance(demo)
        assert not window.acquire(), "Qt does not take a live restore's lock for stale"
        assert lock_path(demo).exists()
    finally:
        restoring.kill()
        restoring.wait()
    deadline = time.monotonic() + 10
    window = SingleInstance(demo)
    while not window.acquire():  # the killed restore's lock is stale: taken over
        assert time.monotonic() < deadline
        time.sleep(0.05)
    window.release()
