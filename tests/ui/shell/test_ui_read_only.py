"""A window on a database it may only read (a read-only file; a server role with read rights
only): everything is shown, a bar says why, every editing control is locked, finding, preview
and export still work, and no edit reaches the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QPushButton, QToolBar, QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Event
from planner.store import Database
from planner.store.demo import load_demo
from planner.store.live import FILE_READ_ONLY, FOLDER_READ_ONLY, SERVER_READ_ONLY
from planner.ui.context import AppContext
from planner.ui.shell.main_window import MainWindow
from postgres import read_only_role


def _open_window(qtbot: QtBot, db: Database, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(AppContext(db=db, undo_stack=QUndoStack()), settings)
    qtbot.addWidget(main)
    main.show()
    main.start()
    main.editor.documents.interactive = False
    return main


@pytest.fixture
def read_only_file(db_path: Path) -> Iterator[Database]:
    setup = Database.open(f"sqlite:///{db_path}")
    load_demo(setup)
    setup.dispose()
    db = Database.open(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    yield db
    db.dispose()


def _titles(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Event.title).order_by(Event.id)))


def _bar_text(window: MainWindow) -> str:
    bar = window.findChild(QToolBar, "readOnlyBar")
    assert bar is not None and bar.isVisible()
    label = bar.findChild(QLabel, "readOnlyReason")
    assert label is not None
    return label.text()


def _check_locked(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    stored = _titles(db)
    assert window.events.model.rowCount() == len(stored) > 0  # everything is shown
    event_id = window.events.model.row_at(0).id
    window.open_event(event_id)
    details = window.editor.details
    assert details.title_edit.text() == window.editor.snapshot.title  # type: ignore[union-attr]

    # Editing controls are locked, also the ones built when first shown.
    assert details.title_edit.isReadOnly() and details.starts.isReadOnly()
    assert not details.format.isEnabled()
    details.title_edit.setFocus()
    qtbot.keyClicks(details.title_edit, "X")
    assert details.title_edit.text() == window.editor.snapshot.title  # type: ignore[union-attr]
    agenda = window.editor.show_section("Agenda")
    buttons = [b for b in agenda.findChildren(QPushButton) if b.isVisibleTo(agenda)]
    assert buttons and not any(b.isEnabled() for b in buttons)
    assert not window.new_action.isEnabled()

    # A control a view enables again (a row chosen) stays locked.
    buttons[0].setEnabled(True)
    assert not buttons[0].isEnabled()

    # Finding, filtering, preview and export work.
    assert not window.events.search.isReadOnly()
    qtbot.keyClicks(window.events.search, "zzz-nothing")
    assert window.events.model.rowCount() == 0
    window.events.search.clear()
    documents = window.editor.show_section("Documents")
    assert documents.render_button.isEnabled()  # type: ignore[attr-defined]
    people = window.section("People")
    assert not people.search.isReadOnly()  # type: ignore[attr-defined]
    toolbar = {
        b.defaultAction().text(): b.isEnabled()
        for b in people.findChildren(QToolButton)
        if b.defaultAction() is not None
    }
    assert toolbar["Export people…"] and not toolbar["Add person"]

    # An edit asked for anyway (a shortcut, a dialog) is refused with the reason, not tried.
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    details.push_event_field("title", "Changed anyway", "Edit title")
    assert window.undo_stack.count() == 0
    assert _titles(db) == stored
    assert messages and messages[-1] == window.ctx.read_only_reason


def test_a_read_only_file(
    qtbot: QtBot, read_only_file: Database, tmp_path: Path, synchronous: None
) -> None:
    window = _open_window(qtbot, read_only_file, tmp_path)
    assert _bar_text(window) == FILE_READ_ONLY
    _check_locked(qtbot, window, read_only_file)


def test_a_writable_file_in_a_read_only_folder_opens_read_only(
    qtbot: QtBot,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    synchronous: None,
) -> None:
    # Opened as the window opens any file; the folder refuses writes (staged through os.access:
    # root, who may run the tests, writes to a chmod 555 folder anyway).
    import os

    setup = Database.open(f"sqlite:///{db_path}")
    load_demo(setup)
    setup.dispose()
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == db_path.parent and mode & os.W_OK:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    db = Database.open(f"sqlite:///{db_path}")
    try:
        window = _open_window(qtbot, db, tmp_path)
        assert _bar_text(window) == FOLDER_READ_ONLY
        _check_locked(qtbot, window, db)
    finally:
        db.dispose()


def test_a_writable_database_has_no_bar_and_nothing_locked(
    qtbot: QtBot, db: Database, tmp_path: Path, synchronous: None
) -> None:
    load_demo(db)
    window = _open_window(qtbot, db, tmp_path)
    assert window.findChild(QToolBar, "readOnlyBar") is None
    window.open_event(window.events.model.row_at(0).id)
    assert not window.editor.details.title_edit.isReadOnly()
    assert window.new_action.isEnabled()


@pytest.fixture
def reader_db(postgres_url: str) -> Iterator[Database]:
    """The demo on the server, opened by a role that may only read it. (Requested before
    qtbot, so the role outlives the window's last timers.)"""
    setup = Database.open(postgres_url)
    load_demo(setup)
    setup.dispose()
    reader_url, drop_role = read_only_role(postgres_url)
    db = Database.open(reader_url)
    yield db
    db.dispose()
    drop_role()


def test_a_role_with_read_rights_only(
    reader_db: Database, qtbot: QtBot, tmp_path: Path, synchronous: None
) -> None:
    window = _open_window(qtbot, reader_db, tmp_path)
    assert _bar_text(window) == SERVER_READ_ONLY
    _check_locked(qtbot, window, reader_db)


def test_an_empty_read_only_database_is_not_offered_the_demo(
    qtbot: QtBot, db_path: Path, tmp_path: Path, synchronous: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from planner.ui.shell.demo import offer_demo

    Database.open(f"sqlite:///{db_path}").dispose()  # created, migrated, empty
    db = Database.open(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: asked.append("asked"))
    try:
        window = _open_window(qtbot, db, tmp_path)
        offer_demo(window)  # loading it could only fail
        assert asked == []
    finally:
        db.dispose()
