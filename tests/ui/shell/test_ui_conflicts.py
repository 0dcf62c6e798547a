"""The conflict dialog: an edit of an event someone else changed since the window read it.

Two handles on one database: the window's, and Sana's (another window, or ``planner import`` on
the same file). Each test runs on SQLite and, with PLANNER_TEST_POSTGRES_URL, on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Change, ChangeKind, Event
from planner.services.operations import Record, SetField, apply
from planner.store import Database
from planner.ui.context import AppContext
from planner.ui.shell.conflict_guard import ConflictDialog
from planner.ui.shell.main_window import MainWindow
from planner.ui.widgets.bidi import FSI, PDI


@pytest.fixture
def mine(any_db: Database) -> Database:
    return any_db


@pytest.fixture
def theirs(any_url: str, any_db: Database) -> Iterator[Database]:
    other = Database.open(any_url)
    yield other
    other.dispose()


@pytest.fixture
def event_id(mine: Database) -> int:
    with mine.session() as session:
        row = Event(
            uid="conflict@planner",
            title="Gulf Security",
            starts_at=datetime(2026, 6, 1, 9, tzinfo=UTC),
            ends_at=datetime(2026, 6, 1, 11, tzinfo=UTC),
        )
        session.add(row)
        session.flush()
        return row.id


@pytest.fixture
def window(
    qtbot: QtBot,
    mine: Database,
    window_settings: QSettings,
    synchronous: None,
    event_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
    monkeypatch.setenv("PLANNER_USER", "Omar")
    main = MainWindow(AppContext(db=mine, undo_stack=QUndoStack()), window_settings)
    qtbot.addWidget(main)
    main.show()
    main.start()
    main.open_event(event_id)
    return main


def _sana_renames(theirs: Database, event_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_USER", "Sana")
    apply(theirs, SetField(Record.EVENT, event_id, "title", "Gulf Security 2026", "Edit title"))
    monkeypatch.setenv("PLANNER_USER", "Omar")


def _dialog(window: MainWindow) -> ConflictDialog:
    found = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, ConflictDialog) and w.isVisible() and w.parent() is window
    ]
    assert len(found) == 1
    return found[0]


def _type_notes(qtbot: QtBot, window: MainWindow, text: str) -> None:
    details = window.editor.show_section("Details")
    notes = details.short_title  # type: ignore[attr-defined]
    notes.setFocus()
    qtbot.keyClicks(notes, text)


def _stored(db: Database, event_id: int) -> Event:
    with db.session(write=False) as session:
        row = session.get(Event, event_id)
        assert row is not None
        return row


def test_own_typing_is_never_a_conflict(qtbot: QtBot, window: MainWindow, mine: Database) -> None:
    """Each keystroke builds on the version the one before wrote (the editor reloads later)."""
    event_id = window.editor.event_id
    assert event_id is not None
    _type_notes(qtbot, window, "GS-26")
    qtbot.wait(50)
    assert _stored(mine, event_id).short_title == "GS-26"
    assert window.conflict_guard.pending == []


def test_reload_shows_theirs_and_keeps_my_input_to_copy(
    qtbot: QtBot,
    window: MainWindow,
    mine: Database,
    theirs: Database,
    event_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _sana_renames(theirs, event_id, monkeypatch)
    _type_notes(qtbot, window, "GS")
    qtbot.waitUntil(lambda: window.conflict_guard.dialog is not None)
    dialog = _dialog(window)
    headline = dialog.headline.text().replace(FSI, "").replace(PDI, "")  # bidi isolates
    assert headline.startswith("Changed by Sana at ")
    assert headline.endswith(" since you opened it.")
    assert dialog.mine.toPlainText() == "GS"  # both keystrokes, the last value
    assert dialog.mine.isReadOnly()
    assert _stored(mine, event_id).short_title == ""  # nothing of mine written
    qtbot.mouseClick(dialog.reload_button, qtbot_button())
    heading = window.editor.heading.text()
    assert heading == "Gulf Security 2026"
    details = window.editor.show_section("Details")
    assert details.title_edit.text() == "Gulf Security 2026"  # type: ignore[attr-defined]
    assert dialog.isVisible() and dialog.mine.toPlainText() == "GS"  # still there to copy
    assert dialog.close_button.isVisible() and not dialog.keep_button.isVisible()
    # The window now builds on Sana's version: the next edit goes through.
    _type_notes(qtbot, window, "X")
    assert _stored(mine, event_id).short_title.endswith("X")
    assert window.conflict_guard.pending == []


def test_keep_mine_overwrites_and_the_history_says_so(
    qtbot: QtBot,
    window: MainWindow,
    mine: Database,
    theirs: Database,
    event_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _sana_renames(theirs, event_id, monkeypatch)
    _type_notes(qtbot, window, "GS")
    qtbot.waitUntil(lambda: window.conflict_guard.dialog is not None)
    dialog = _dialog(window)
    qtbot.mouseClick(dialog.keep_button, qtbot_button())
    stored = _stored(mine, event_id)
    assert (stored.short_title, stored.title, stored.changed_by) == (
        "GS",
        "Gulf Security 2026",
        "Omar",
    )
    assert window.conflict_guard.dialog is None
    with mine.session(write=False) as session:
        last = session.scalars(select(Change).order_by(Change.id.desc())).first()
        assert last is not None
        assert (last.kind, last.who, last.field, last.new_value) == (
            ChangeKind.OVERWRITE,
            "Omar",
            "short_title",
            "GS",
        )
    # One undo step takes it back.
    window.undo_stack.undo()
    assert _stored(mine, event_id).short_title == ""


def qtbot_button() -> object:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_venue_form_conflict_reloads_the_form(
    qtbot: QtBot,
    window: MainWindow,
    mine: Database,
    theirs: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The venue, series and organisation forms (RowBinder) build on the version they read."""
    from PySide6.QtWidgets import QLineEdit

    from planner.model import Venue

    with mine.session() as session:
        venue = Venue(name="Islamabad Club", city="Islamabad")
        session.add(venue)
        session.flush()
        venue_id = venue.id
    window.sidebar.setCurrentRow(2)  # Venues
    view = window.stack.currentWidget()
    view.select_venue(venue_id)  # type: ignore[attr-defined]
    monkeypatch.setenv("PLANNER_USER", "Sana")
    apply(theirs, SetField(Record.VENUE, venue_id, "name", "Islamabad Club (Main Hall)", "Edit"))
    monkeypatch.setenv("PLANNER_USER", "Omar")
    city = view.findChild(QLineEdit, "venue_city")
    city.setFocus()
    qtbot.keyClicks(city, " Capital")
    qtbot.waitUntil(lambda: window.conflict_guard.dialog is not None)
    dialog = _dialog(window)
    assert dialog.mine.toPlainText() == "Islamabad Capital"
    qtbot.mouseClick(dialog.reload_button, qtbot_button())
    name = view.findChild(QLineEdit, "venue_name")
    assert name.text() == "Islamabad Club (Main Hall)"
    assert city.text() == "Islamabad"
    with mine.session(write=False) as session:
        stored = session.get(Venue, venue_id)
        assert stored is not None and stored.city == "Islamabad"


def test_a_cli_import_of_the_open_event_asks_before_the_window_writes_over_it(
    qtbot: QtBot,
    window: MainWindow,
    mine: Database,
    theirs: Database,
    event_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``planner import event.json`` (another handle on the same file) updates the event the
    window shows; the window's next edit of it asks instead of overwriting the import."""
    from planner.store.package import export_package, import_package

    with theirs.session(write=False) as session:
        data = export_package(session, [event_id])
    data["events"][0]["short_title"] = "Imported"
    monkeypatch.setenv("PLANNER_USER", "planner import")
    import_package(theirs, data)
    monkeypatch.setenv("PLANNER_USER", "Omar")
    _type_notes(qtbot, window, "Mine")
    qtbot.waitUntil(lambda: window.conflict_guard.dialog is not None)
    dialog = _dialog(window)
    assert "planner import" in dialog.headline.text()
    assert _stored(mine, event_id).short_title == "Imported"
    qtbot.mouseClick(dialog.keep_button, qtbot_button())
    assert _stored(mine, event_id).short_title == "Mine"
