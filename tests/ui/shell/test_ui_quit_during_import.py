"""Closing the window while a people import runs asks first, and on yes stops the import (its
one transaction rolls back) and says that nothing was imported.

The try-out that found it: closing the window during a 60,000-row import closed silently.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from planner.services import people as svc
from planner.store import Database
from planner.ui import worker
from planner.ui.people import import_dialog
from planner.ui.people.view import PeopleView
from planner.ui.shell.main_window import MainWindow

Answer = QMessageBox.StandardButton


@pytest.fixture
def pool(synchronous: None) -> Iterator[None]:
    """The real thread pool: the import must still be running when the window is closed."""
    worker.set_synchronous(False)
    yield
    worker.wait_for_all(20000)


def _hold_import(monkeypatch: pytest.MonkeyPatch, *, after_last_report: bool) -> threading.Event:
    """The real importer, held until the window cancels it: at its first progress report (the
    import is then mid-way, its rows written in its open transaction, nothing committed; the
    cancel stops it there), or just after its last one (past where it can stop: it writes its
    rows and commits). Returns what is set when the import is being held."""
    holding, stopping = threading.Event(), threading.Event()
    real_importer_for = import_dialog.importer_for

    def importer_for(path: Path) -> Callable[..., Any]:
        real = real_importer_for(path)

        def importer(db: Database, path: Path, *, progress: Callable[[int, int], None]) -> Any:
            def hold(done: int, total: int) -> None:
                if after_last_report:
                    progress(done, total)
                    if done != total:
                        return
                holding.set()
                stopping.wait(20)
                if not after_last_report:
                    progress(done, total)  # raises: the import was cancelled

            return real(db, path, progress=hold)

        return importer

    real_cancel = import_dialog.PeopleImport.cancel

    def cancel(self: import_dialog.PeopleImport) -> None:
        real_cancel(self)
        stopping.set()

    monkeypatch.setattr(import_dialog, "importer_for", importer_for)
    monkeypatch.setattr(import_dialog.PeopleImport, "cancel", cancel)
    return holding


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    return _hold_import(monkeypatch, after_last_report=False)


def _people_file(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    rows = ["Given name,Family name,Affiliation,Email"]
    rows += [f"Person{i},Family{i},Institute,p{i}@example.org" for i in range(1000)]
    rows += ["فاطمہ,علی,جامعہ پنجاب,fatima@example.org", "伟,王,北京大学,wang@example.org"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_quitting_mid_import_asks_and_on_yes_says_nothing_was_imported(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    db: Database,
    pool: None,
    held: threading.Event,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window()
    before = svc.count_people(db)
    view = window.section("People")
    assert isinstance(view, PeopleView)
    monkeypatch.setattr(import_dialog, "show_result", lambda *_a: None)
    view.import_people(_people_file(tmp_path))
    assert held.wait(20)
    assert view.running_import() is not None

    asked: list[str] = []
    told: list[str] = []
    answers = [Answer.No, Answer.Yes]

    def question(_parent: object, _title: str, text: str, *_a: object) -> Answer:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))

    # No: the window stays open and the import goes on.
    assert not window.close()
    assert window.isVisible() and view.running_import() is not None
    assert "An import is running (people.csv): stop it and quit?" in asked[0]
    assert told == []

    # Yes: stopped, rolled back, and said so.
    assert window.close()
    assert len(asked) == 2
    assert told == ["The import was stopped: nothing was imported."]
    assert view.running_import() is None
    assert svc.count_people(db) == before


def test_quitting_without_an_import_asks_nothing(
    open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    window.section("People")
    asked: list[object] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a) or Answer.No)
    assert window.close()
    assert asked == []


def test_an_import_past_its_last_report_when_stopped_says_it_finished(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    db: Database,
    pool: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The stop comes while the rows are written (after the last progress report, where the
    import can no longer stop): the import commits, and the window must say so. It said
    "nothing was imported" while 100,000 people had been added (new-user try-out)."""
    holding = _hold_import(monkeypatch, after_last_report=True)
    monkeypatch.setattr(import_dialog, "show_result", lambda *_a: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: Answer.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window = open_window()
    before = svc.count_people(db)
    view = window.section("People")
    assert isinstance(view, PeopleView)
    view.import_people(_people_file(tmp_path))
    assert holding.wait(20)
    assert window.close()
    assert svc.count_people(db) == before + 1002
    [text] = told
    assert text.startswith("The import finished before it could be stopped: people.csv: 1002")
