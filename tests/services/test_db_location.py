"""The database in a synced folder or on a network file system: warned once per file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from planner.app import warn_if_shared_folder
from planner.services import db_location
from planner.services.db_location import linux_file_system, shared_folder_warning, synced_folder
from planner.store import Database
from planner.ui.context import AppContext
from planner.ui.shell.main_window import MainWindow

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/home /home/team nfs4 rw,vers=4.2 0 0
//nas/shared\\040files /mnt/shared\\040files cifs rw 0 0
me@host:/data /home/me/remote fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/home/amna/Dropbox/planner.sqlite3", "Dropbox"),
        ("/Users/amna/Dropbox (Personal)/Planner/planner.sqlite3", "Dropbox"),
        ("C:/Users/amna/OneDrive - Example Institute/planner.sqlite3", "OneDrive"),
        (
            "/Users/amna/Library/CloudStorage/GoogleDrive-amna@example.org/My Drive/p.db",
            "Google Drive",
        ),
        ("/Users/amna/Library/Mobile Documents/com~apple~CloudDocs/p.db", "iCloud Drive"),
        ("/home/amna/Documents/planner.sqlite3", None),
        ("/home/amna/dropboxes/planner.sqlite3", None),
        ("/Users/amna/Library/CloudStorage/OneDrive-Personal/p.db", "OneDrive"),
    ],
)
def test_synced_folders_are_found_by_name(path: str, service: str | None) -> None:
    assert synced_folder(Path(path)) == service


def test_network_file_systems_are_found_in_proc_mounts() -> None:
    assert linux_file_system(Path("/home/team/planner.sqlite3"), MOUNTS) == "nfs4"
    assert linux_file_system(Path("/mnt/shared files/p.db"), MOUNTS) == "cifs"
    assert linux_file_system(Path("/home/me/remote/p.db"), MOUNTS) == "fuse.sshfs"
    assert linux_file_system(Path("/home/teammate/p.db"), MOUNTS) == "ext4"


def test_a_local_file_gets_no_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_location, "network_file_system", lambda _path: None)
    assert shared_folder_warning(tmp_path / "planner.sqlite3") is None
    monkeypatch.setattr(db_location, "network_file_system", lambda _path: "nfs4")
    message = shared_folder_warning(tmp_path / "planner.sqlite3")
    assert message is not None and "network file system (nfs4)" in message


def test_the_window_warns_once_per_file(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "Dropbox" / "planner.sqlite3"
    database.parent.mkdir()
    db = Database.open(f"sqlite:///{database}")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(db=db, undo_stack=QUndoStack()), settings)
    qtbot.addWidget(window)
    assert warn_if_shared_folder(window, database) is True
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "sharedFolderWarning"]
    assert len(boxes) == 1 and isinstance(boxes[0], QMessageBox)
    assert "Dropbox folder" in boxes[0].text() and "database server" in boxes[0].text()
    boxes[0].close()
    assert warn_if_shared_folder(window, database) is False  # once per file
    other = tmp_path / "Dropbox" / "other.sqlite3"
    assert warn_if_shared_folder(window, other) is True
    db.dispose()
