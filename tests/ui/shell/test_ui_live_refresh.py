"""Live refresh: another program's commit shows in the open window within 5 seconds, on SQLite
(PRAGMA data_version) and PostgreSQL (LISTEN/NOTIFY); the window's own edits bring no second
refresh; a field being edited is not replaced under the cursor; a dropped server connection is
said once and the window keeps following."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from planner.model import Event, Person
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.context import AppContext
from planner.ui.shell.main_window import MainWindow


@pytest.fixture
def window_db(any_url: str) -> Iterator[Database]:
    db = Database.open(any_url)
    load_demo(db)
    yield db
    db.dispose()


@pytest.fixture
def elsewhere(any_url: str, window_db: Database) -> Iterator[Database]:
    """A second handle on the same database: another program, as far as the window knows."""
    other = Database.open(any_url)
    yield other
    other.dispose()


@pytest.fixture
def window(
    qtbot: QtBot, window_db: Database, tmp_path: Path, synchronous: None
) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(AppContext(db=window_db, undo_stack=QUndoStack()), settings)
    qtbot.addWidget(main)
    main.show()
    main.start()
    yield main
    main.close()


def _titles(window: MainWindow) -> list[str]:
    model = window.events.model
    return [model.row_at(row).title for row in range(model.rowCount())]


def _first_event(db: Database) -> int:
    with db.session() as session:
        found = session.scalar(select(Event.id).order_by(Event.id))
    assert found is not None
    return found


def _set(db: Database, event_id: int, **values: str) -> None:
    with db.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        for name, value in values.items():
            setattr(event, name, value)


def test_a_change_elsewhere_appears_in_the_list_and_editor(
    qtbot: QtBot, window: MainWindow, elsewhere: Database
) -> None:
    event_id = _first_event(elsewhere)
    window.open_event(event_id)
    _set(elsewhere, event_id, title="Gulf security after the ceasefire")
    qtbot.waitUntil(lambda: "Gulf security after the ceasefire" in _titles(window), timeout=5000)
    # Nobody was typing in the editor: it shows the change at once.
    qtbot.waitUntil(
        lambda: window.editor.details.title_edit.text() == "Gulf security after the ceasefire",
        timeout=5000,
    )
    assert window.editor.elsewhere_bar.isHidden()


def test_a_person_added_elsewhere_appears_in_people(
    qtbot: QtBot, window: MainWindow, elsewhere: Database
) -> None:
    people = window.section("People")
    model = people.model  # type: ignore[attr-defined]
    before = model.rowCount()
    with elsewhere.session() as session:
        session.add(Person(given_name="سارہ", family_name="خان"))
    qtbot.waitUntil(lambda: model.rowCount() == before + 1, timeout=5000)


def test_our_own_edit_brings_no_second_refresh(qtbot: QtBot, window: MainWindow) -> None:
    event_id = _first_event(window.ctx.db)
    window.open_event(event_id)
    live = window.live
    assert live is not None and live.running
    with qtbot.assertNotEmitted(live.changed, wait=2500):
        window.editor.details.title_edit.setText("Edited in this window")
        window.editor.details.title_edit.textEdited.emit("Edited in this window")
    assert window.ctx.undo_stack.count() == 1  # the edit was saved, through the undo stack


def test_a_field_being_edited_is_not_replaced(
    qtbot: QtBot, window: MainWindow, elsewhere: Database
) -> None:
    event_id = _first_event(elsewhere)
    window.open_event(event_id)
    window.activateWindow()
    title = window.editor.details.title_edit
    title.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title, timeout=2000)
    title.setText("Half-typed title")  # typed, not yet saved
    old_subtitle = window.editor.details.subtitle.text()
    _set(elsewhere, event_id, subtitle="A subtitle from elsewhere", title="Their title")

    bar = window.editor.elsewhere_bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert title.text() == "Half-typed title" and QApplication.focusWidget() is title
    assert window.editor.details.subtitle.text() == old_subtitle
    # The list is no editor: it shows the change.
    qtbot.waitUntil(lambda: "Their title" in _titles(window), timeout=5000)

    button = bar.findChild(QPushButton, "elsewhereReload")
    assert button is not None and button.isEnabled()
    button.click()
    assert window.editor.details.subtitle.text() == "A subtitle from elsewhere"
    assert title.text() == "Their title"
    assert bar.isHidden()


def test_the_window_survives_the_server_dropping_its_connection(
    qtbot: QtBot, window: MainWindow, elsewhere: Database
) -> None:
    if window.ctx.db.engine.dialect.name != "postgresql":
        pytest.skip("a SQLite file has no server connection to drop")
    messages: list[str] = []
    window.statusBar().messageChanged.connect(lambda message: messages.append(message))
    with elsewhere.session() as session:
        session.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
            )
        )
    qtbot.waitUntil(lambda: any("Live updates paused" in m for m in messages), timeout=5000)
    qtbot.waitUntil(lambda: any("Live updates are back" in m for m in messages), timeout=8000)
    assert sum("Live updates paused" in m for m in messages) == 1
    event_id = _first_event(elsewhere)
    _set(elsewhere, event_id, title="After the reconnection")
    qtbot.waitUntil(lambda: "After the reconnection" in _titles(window), timeout=5000)


def test_a_section_being_typed_in_waits_until_the_field_is_left(
    qtbot: QtBot, window: MainWindow, elsewhere: Database
) -> None:
    people = window.section("People")
    model = people.model  # type: ignore[attr-defined]
    before = model.rowCount()
    people.select_person(model.person_id(0))  # type: ignore[attr-defined]
    window.activateWindow()
    field = people.page.edits["position"]  # type: ignore[attr-defined]
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=2000)
    field.setText("Typing, not saved yet")
    with elsewhere.session() as session:
        session.add(Person(given_name="Li", family_name="Wei"))
    # The change has arrived (the events list follows it) but People waits for the field.
    qtbot.wait(2500)
    assert model.rowCount() == before
    assert field.text() == "Typing, not saved yet"
    people.search.setFocus()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: model.rowCount() == before + 1, timeout=5000)
