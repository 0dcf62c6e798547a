"""The People view counts the matches of a search in a worker: on PostgreSQL a one- or two-letter
word reads every matching row (0.1-0.9 s at 100,000 people), and typing must not wait for it."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from planner.errors import PlannerError
from planner.services import people as svc
from planner.store import Database
from planner.ui.context import AppContext
from planner.ui.people import model as people_model
from planner.ui.people.view import PeopleView
from planner.ui.worker import wait_for_all

NAMES = ("Khattak", "Khan", "Kamran", "Weinbaum", "Owais")


class SlowCount:
    """``count_people`` that waits until released, noting the thread and the search."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls: list[tuple[str, bool]] = []  # (search, on the GUI thread)
        self.real: Callable[[Database, str], int] = svc.count_people

    def __call__(self, db: Database, text: str = "") -> int:
        self.calls.append((text, threading.current_thread() is threading.main_thread()))
        # Bounded: were the count on the GUI thread, the test must fail, not hang.
        self.release.wait(timeout=3)
        return self.real(db, text)


@pytest.fixture
def view(qtbot: QtBot, qapp: object, any_db: Database) -> PeopleView:
    for name in NAMES:
        svc.create_person(any_db, {"given_name": "Dr", "family_name": name})
    shown = PeopleView(AppContext(any_db, QUndoStack()))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: "5 people in the directory" in shown.count_label.text())
    return shown


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> SlowCount:
    counter = SlowCount()
    monkeypatch.setattr(people_model, "count_people", counter)
    return counter


def test_a_slow_count_does_not_hold_up_the_search(
    qtbot: QtBot, view: PeopleView, slow: SlowCount
) -> None:
    view.search.setText("k")
    view.apply_search()
    # The rows are there while the count is still running, and it runs off the GUI thread.
    assert view.model.rowCount() == 3
    qtbot.waitUntil(lambda: bool(slow.calls))
    assert slow.calls == [("k", False)]
    qtbot.waitUntil(lambda: "Counting the people who match “k”…" in view.count_label.text())
    slow.release.set()
    qtbot.waitUntil(lambda: view.count_label.text() == "3 people match “k”")
    assert view.model.known_count == 3


def test_a_count_for_an_older_search_is_never_shown(
    qtbot: QtBot, view: PeopleView, slow: SlowCount
) -> None:
    figures: list[int] = []
    view.model.count_changed.connect(figures.append)
    view.search.setText("k")
    view.apply_search()
    qtbot.waitUntil(lambda: bool(slow.calls))
    view.search.setText("kha")  # typed on while "k" is being counted
    view.apply_search()
    assert view.model.rowCount() == 2
    slow.release.set()
    qtbot.waitUntil(lambda: view.count_label.text() == "2 people match “kha”")
    assert wait_for_all(5000)
    qtbot.wait(50)  # any figure still queued for the GUI thread arrives now
    assert figures == [2] and view.count_label.text() == "2 people match “kha”"


def test_a_failed_count_leaves_the_rows(
    qtbot: QtBot, view: PeopleView, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_db: Database, _text: str = "") -> int:
        raise PlannerError("the server went away")

    monkeypatch.setattr(people_model, "count_people", broken)
    view.search.setText("owais")
    view.apply_search()
    assert view.model.rowCount() == 1
    assert wait_for_all(5000)
    qtbot.waitUntil(
        lambda: view.count_label.text() == "Could not count the matches: the server went away"
    )
    assert view.model.known_count is None
