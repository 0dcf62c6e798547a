"""One window per database file: the second start brings the first forward and exits; a lock
left by a killed window is taken over; the CLI still reads while the window is open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, QSettings
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from planner.app import bring_forward, database_file
from planner.store import Database
from planner.store.instance_lock import holder, lock_path
from planner.ui.context import AppContext
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.single_instance import SingleInstance, server_name

PLANNER = [sys.executable, "-m", "planner.cli.main"]
OFFSCREEN = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture
def first(qtbot: QtBot, db: Database, db_path: Path) -> Iterator[SingleInstance]:
    instance = SingleInstance(db_path)
    assert instance.acquire()
    yield instance
    instance.release()


def test_a_second_window_on_the_file_is_refused_and_asks_the_first(
    qtbot: QtBot, first: SingleInstance, db_path: Path
) -> None:
    assert holder(db_path) is not None and holder(db_path).pid == os.getpid()  # type: ignore[union-attr]
    second = SingleInstance(db_path)
    assert not second.acquire()
    with qtbot.waitSignal(first.raise_requested, timeout=3000):
        assert second.notify_running()


def test_the_second_start_exits_at_once_and_says_so(
    qtbot: QtBot, first: SingleInstance, db_path: Path
) -> None:
    with qtbot.waitSignal(first.raise_requested, timeout=20000):
        result = subprocess.run(
            [*PLANNER, "--db", str(db_path)],
            env=OFFSCREEN,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 0
    assert "already open in another Planner window (brought it forward)" in result.stderr


def test_the_cli_reads_while_the_window_holds_the_file(
    first: SingleInstance, db_path: Path
) -> None:
    result = subprocess.run(
        [*PLANNER, "--db", str(db_path), "events"],
        env=OFFSCREEN,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_lock_left_by_a_killed_window_is_taken_over(qtbot: QtBot, db_path: Path) -> None:
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from planner.ui.shell.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        f"guard = SingleInstance(Path({str(db_path)!r}))\n"
        "assert guard.acquire()\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], env=OFFSCREEN, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "locked"
        assert not SingleInstance(db_path).acquire()  # alive: held
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    assert lock_path(db_path).exists()  # left behind by the killed window
    deadline = time.monotonic() + 5
    taken = SingleInstance(db_path)
    while not taken.acquire():  # the killed process may take a moment to be reaped
        assert time.monotonic() < deadline
        time.sleep(0.05)
    taken.release()


def test_the_server_name_is_short_and_the_same_for_every_spelling(tmp_path: Path) -> None:
    here = tmp_path / "a" / "planner.sqlite3"
    other = tmp_path / "a" / ".." / "a" / "planner.sqlite3"
    assert server_name(here) == server_name(other)
    assert len(server_name(here)) < 30
    assert database_file(str(here)) == here.resolve()
    assert database_file(f"sqlite:///file:{here}?mode=ro&uri=true") == here.resolve()
    assert database_file("sqlite://") is None
    assert database_file("postgresql://someone:secret@db.example.org/planner") is None


def test_bringing_the_window_forward_says_why(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(db=db, undo_stack=QUndoStack()), settings)
    qtbot.addWidget(window)
    window.showMinimized()
    bring_forward(window)
    assert not window.isMinimized()
    assert "started again on this database" in window.statusBar().currentMessage()


def test_the_lock_is_taken_before_sqlalchemy_is_imported(db_path: Path) -> None:
    # The second start must not pay for SQLAlchemy, nor the first one's paint wait for it.
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from planner.app import database_file\n"
        "from planner.ui.shell.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        f"guard = SingleInstance(database_file({str(db_path)!r}))\n"
        "assert guard.acquire()\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=OFFSCREEN, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_file_given_to_the_second_start_opens_in_the_first(
    qtbot: QtBot, first: SingleInstance, db_path: Path, tmp_path: Path
) -> None:
    # A double-click on a package while Planner has the database open: that window imports it.
    package = tmp_path / "odd\nname ٹ.json"
    package.write_text("{}", encoding="utf-8")
    second = SingleInstance(db_path)
    assert not second.acquire()
    with qtbot.waitSignal(first.open_requested, timeout=3000) as opened:
        assert second.notify_running(package)
    assert opened.args == [str(package.resolve())]


class _UncreatableLock:
    """A QLockFile whose file cannot be made (what Qt reports in a read-only folder; root,
    who may run the tests, can write to a chmod 555 folder, so it is staged)."""

    def tryLock(self, timeout: int) -> bool:
        return False

    def error(self) -> QLockFile.LockError:
        return QLockFile.LockError.PermissionError

    def unlock(self) -> None:
        pass


@pytest.mark.parametrize("folder_writable", [False, True])
def test_a_database_in_a_read_only_folder_opens_without_a_lock(
    qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch, folder_writable: bool
) -> None:
    # Its window is read-only (store.database opens the file with mode=ro), so nothing needs
    # the lock; refusing it said "already open in another Planner window" of a closed file.
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == db_path.parent and mode & os.W_OK:
            return folder_writable
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    instance = SingleInstance(db_path)
    instance.lock = _UncreatableLock()  # type: ignore[assignment]
    # In a writable folder a lock that cannot be made is not waved through.
    assert instance.acquire() is not folder_writable
    assert instance.server is None
    instance.release()
