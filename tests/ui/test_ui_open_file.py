"""``planner FILE`` in the window: a package opens the import preview, people the People import
(after a question), anything else a line in the status bar; and the window has its icon."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from package_samples import sample
from planner.app import application_icon, open_file
from planner.model import Event, Person
from planner.store import Database
from planner.ui import worker
from planner.ui.context import AppContext
from planner.ui.events.package_dialogs import ImportPreviewDialog
from planner.ui.people import import_dialog as people_import
from planner.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    worker.set_synchronous(True)
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    main = MainWindow(ctx, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.show()
    main.start()
    yield main
    worker.set_synchronous(False)


def _count(db: Database, table: type[Event] | type[Person]) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_a_package_opens_the_import_preview(
    window: MainWindow, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "gulf.json"
    package.write_text(json.dumps(sample()), encoding="utf-8")
    shown: list[ImportPreviewDialog] = []

    def accept(dialog: ImportPreviewDialog) -> int:
        shown.append(dialog)
        return 1

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    open_file(window, package)
    assert len(shown) == 1
    assert _count(db, Event) == 1
    # The imported event is open in the editor.
    assert window.editor.event_id is not None


def test_people_are_imported_after_a_yes(
    window: MainWindow, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "given_name,family_name,email\nAyesha,Siddiqa,ayesha@example.org\n", encoding="utf-8"
    )
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    open_file(window, people)
    assert asked and "people.csv" in asked[0]
    assert _count(db, Person) == 0  # No: nothing imported

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    results: list[tuple[bool, str]] = []
    monkeypatch.setattr(people_import, "show_result", lambda _p, ok, m: results.append((ok, m)))
    open_file(window, people)
    assert _count(db, Person) == 1
    assert results and results[0][0]


def test_another_file_is_named_in_the_status_bar(window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    open_file(window, other)
    assert "notes.txt" in window.statusBar().currentMessage()


def test_the_application_icon_has_every_size() -> None:
    sizes = {size.width() for size in application_icon().availableSizes()}
    assert sizes == {16, 32, 48, 64, 128, 256, 512}
