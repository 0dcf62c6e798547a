"""A write the database refuses: one dialog naming the cause (try again, keep the edits in an
event package, discard), no retry loop, and quitting with refused edits asks.

Running as root bypasses file permissions, so the failure is injected in SQLite itself:
``PRAGMA query_only`` makes every write fail with "attempt to write a readonly database" (what a
read-only file gives), ``PRAGMA max_page_count`` makes a growing write fail with "database or
disk is full". Both are switched per transaction, so a test can "fix the disk" and try again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from planner.model import Event
from planner.services.operations import Batch, Record, SetField
from planner.services.rescue import is_storage_failure, rescue_package, write_failure_cause
from planner.store import Database
from planner.store.package import import_package
from planner.ui import worker
from planner.ui.commands import OperationCommand, push_field
from planner.ui.context import AppContext
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.save_guard import SaveFailedDialog

TITLE = "Water security in the Indus basin"
URDU = "سندھ طاس میں پانی کا تحفظ"


class Faults:
    """Switches the database's writes off (read-only) or its room to grow (disk full)."""

    def __init__(self, db: Database) -> None:
        self.read_only = False
        self.disk_full = False
        self.writes = 0  # write statements attempted
        event.listen(db.engine, "begin", self._begin)
        event.listen(db.engine, "before_cursor_execute", self._count)

    def _begin(self, conn: Any) -> None:
        conn.exec_driver_sql(f"PRAGMA query_only={int(self.read_only)}")
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count={pages if self.disk_full else 1073741823}")

    def _count(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")):
            self.writes += 1


@pytest.fixture
def faults(db: Database) -> Faults:
    return Faults(db)


@pytest.fixture
def event_id(db: Database) -> int:
    with db.session() as session:
        row = Event(
            uid="indus@test",
            title=TITLE,
            starts_at=datetime(2026, 6, 1, 9, tzinfo=UTC),
            ends_at=datetime(2026, 6, 1, 11, tzinfo=UTC),
            report_summary="The panel met.",
        )
        session.add(row)
        session.flush()
        return row.id


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path, event_id: int) -> Iterator[MainWindow]:
    worker.set_synchronous(True)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(AppContext(db=db, undo_stack=QUndoStack()), settings)
    # Closed by qtbot without the quit question (that has its own test).
    qtbot.addWidget(main, before_close_func=lambda w: w.save_guard.pending.clear())
    main.show()
    main.start()
    main.open_event(event_id)
    yield main
    worker.set_synchronous(False)


def _stored(db: Database, event_id: int) -> Event:
    with db.session() as session:
        row = session.get(Event, event_id)
        assert row is not None
        return row


def _dialogs(window: MainWindow) -> list[SaveFailedDialog]:
    """The window's visible save-failure dialogs (earlier tests' windows may linger)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, SaveFailedDialog) and w.isVisible() and w.parent() is window
    ]


def _type_in_summary(qtbot: QtBot, window: MainWindow, text: str) -> None:
    summary = window.editor.show_section("Report").summary  # type: ignore[attr-defined]
    summary.setFocus()
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    qtbot.keyClicks(summary, text)


def test_a_refused_write_asks_once_and_is_not_retried(
    qtbot: QtBot, window: MainWindow, db: Database, faults: Faults, event_id: int
) -> None:
    faults.read_only = True
    _type_in_summary(qtbot, window, " Ab")
    # The report checker re-colours the text every 120 ms; that once re-sent the failed write
    # about 7 times a second. Now a keystroke is one write, and nothing more follows.
    qtbot.wait(900)
    assert faults.writes == 3
    assert len(window.save_guard.pending) == 3
    assert len(_dialogs(window)) == 1  # one dialog for all three, not one each
    dialog = _dialogs(window)[0]
    assert "read-only" in dialog.text()
    assert "Edit report summary (3 changes)" in dialog.informativeText()
    assert _stored(db, event_id).report_summary == "The panel met."
    assert window.undo_stack.count() == 0  # no step that did not happen


def test_try_again_saves_once_the_cause_is_fixed(
    qtbot: QtBot, window: MainWindow, db: Database, faults: Faults, event_id: int
) -> None:
    faults.read_only = True
    _type_in_summary(qtbot, window, " Ab")
    qtbot.waitUntil(lambda: len(_dialogs(window)) == 1)
    faults.read_only = False
    _dialogs(window)[0].retry_button.click()
    qtbot.waitUntil(lambda: not window.save_guard.has_pending)
    assert _stored(db, event_id).report_summary == "The panel met. Ab"
    assert _dialogs(window) == []
    # The retried edits are one ordinary step: undo takes them back.
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert _stored(db, event_id).report_summary == "The panel met."


def test_trying_again_while_still_broken_asks_again_once(
    qtbot: QtBot, window: MainWindow, faults: Faults
) -> None:
    faults.read_only = True
    _type_in_summary(qtbot, window, "x")
    qtbot.waitUntil(lambda: len(_dialogs(window)) == 1)
    _dialogs(window)[0].retry_button.click()
    qtbot.waitUntil(lambda: len(_dialogs(window)) == 1)
    assert len(window.save_guard.pending) == 1


def test_save_to_a_package_keeps_the_edit_and_import_puts_it_back(
    qtbot: QtBot, window: MainWindow, db: Database, faults: Faults, event_id: int, tmp_path: Path
) -> None:
    faults.read_only = True
    title = window.editor.details.title_edit
    title.setFocus()
    title.selectAll()
    title.insert(URDU)  # as typed (QTest cannot type Urdu); insert() emits textEdited
    qtbot.waitUntil(lambda: len(_dialogs(window)) == 1)
    target = tmp_path / "elsewhere" / "kept.json"
    suggested: list[Path] = []
    window.save_guard.choose_path = lambda path: suggested.append(path) or target
    _dialogs(window)[0].package_button.click()
    qtbot.waitUntil(lambda: not window.save_guard.has_pending)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [e["title"] for e in data["events"]] == [URDU]
    assert suggested[0].name.endswith(".json") and "unsaved" in suggested[0].name
    assert _stored(db, event_id).title == TITLE  # the database was only read
    assert window.editor.details.title_edit.text() == TITLE  # the window shows what is stored
    assert "kept in" in window.statusBar().currentMessage()
    faults.read_only = False
    import_package(db, target)
    assert _stored(db, event_id).title == URDU


def test_discard_drops_the_edits_and_shows_what_is_stored(
    qtbot: QtBot, window: MainWindow, db: Database, faults: Faults, event_id: int
) -> None:
    faults.read_only = True
    _type_in_summary(qtbot, window, " lost")
    qtbot.waitUntil(lambda: len(_dialogs(window)) == 1)
    _dialogs(window)[0].discard_button.click()
    qtbot.waitUntil(lambda: not window.save_guard.has_pending)
    summary = window.editor.report.summary
    assert summary.toPlainText() == "The panel met."
    assert faults.writes == 5  # the five keystrokes, and nothing since


def _answer_quit_question(button_text: str, seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox) or box.objectName() != "quitWithUnsavedDialog":
        QTimer.singleShot(20, lambda: _answer_quit_question(button_text, seen))
        return
    seen.append(box.text() + "\n" + box.informativeText())
    for button in box.buttons():
        if button.text() == button_text:
            button.click()
            return
    raise AssertionError(f"no button {button_text!r}")


def test_quitting_with_refused_edits_asks(qtbot: QtBot, window: MainWindow, faults: Faults) -> None:
    faults.disk_full = True
    summary = window.editor.report.summary
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    summary.insertPlainText(" long report" * 2000)  # a paste: more than the room left
    qtbot.waitUntil(lambda: window.save_guard.has_pending)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_quit_question("Cancel", seen))
    assert window.close() is False  # stayed: the edits are still there
    assert window.isVisible() and window.save_guard.has_pending
    assert "disk holding the database is full" in seen[0]
    QTimer.singleShot(0, lambda: _answer_quit_question("Discard and quit", seen))
    assert window.close() is True
    assert not window.save_guard.has_pending


def test_quitting_without_refused_edits_does_not_ask(qtbot: QtBot, window: MainWindow) -> None:
    _type_in_summary(qtbot, window, " fine")
    assert window.close() is True


def test_a_rule_the_database_enforces_is_no_storage_failure(
    qtbot: QtBot, window: MainWindow, db: Database, event_id: int
) -> None:
    with db.session() as session:
        session.add(
            Event(
                uid="other@test",
                title="Other",
                starts_at=datetime(2026, 6, 2, 9, tzinfo=UTC),
                ends_at=datetime(2026, 6, 2, 11, tzinfo=UTC),
            )
        )
    # A uid that is taken: trying again cannot help, so a line in the status bar, no dialog.
    push_field(window.ctx, Record.EVENT, event_id, "uid", "other@test", "Change uid")
    QApplication.processEvents()
    assert not window.save_guard.has_pending and _dialogs(window) == []
    assert "could not be saved" in window.statusBar().currentMessage()


def test_a_failed_keystroke_does_not_merge_into_the_saved_step(
    qtbot: QtBot, db: Database, faults: Faults, event_id: int
) -> None:
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    refused: list[object] = []
    ctx.save_failed = refused.append
    push_field(ctx, Record.EVENT, event_id, "title", "Water", "Edit title")
    faults.read_only = True
    push_field(ctx, Record.EVENT, event_id, "title", "Waters", "Edit title")
    assert len(refused) == 1
    top = ctx.undo_stack.command(0)
    assert isinstance(top, OperationCommand) and isinstance(top.operation, SetField)
    assert top.operation.value == "Water"  # the step claims only what was written


def test_the_cause_is_named(db: Database, faults: Faults, event_id: int) -> None:
    faults.disk_full = True
    with pytest.raises(Exception) as full, db.session() as session:
        row = session.get(Event, event_id)
        assert row is not None
        row.report_discussion = "x" * 200_000
    assert is_storage_failure(full.value)
    assert write_failure_cause(full.value) == "the disk holding the database is full"
    faults.disk_full, faults.read_only = False, True
    with pytest.raises(Exception) as read_only, db.session() as session:
        row = session.get(Event, event_id)
        assert row is not None
        row.title = "y"
    assert "read-only" in write_failure_cause(read_only.value)
    assert "locked" in write_failure_cause(RuntimeError("database is locked"))
    assert "server" in write_failure_cause(RuntimeError("server closed the connection"))


def test_a_refused_write_logs_one_line(
    qtbot: QtBot, db: Database, faults: Faults, event_id: int, caplog: pytest.LogCaptureFixture
) -> None:
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    ctx.save_failed = lambda _edit: None
    faults.read_only = True
    with caplog.at_level(logging.WARNING):
        push_field(ctx, Record.EVENT, event_id, "title", "New", "Edit title")
    assert len(caplog.records) == 1
    assert caplog.records[0].exc_info is None  # no traceback per keystroke


def test_rescue_package_of_an_edit_that_touches_no_event(db: Database, faults: Faults) -> None:
    from planner.errors import PlannerError
    from planner.services.rescue import PendingEdit

    edit = PendingEdit("Edit a person", Batch("Edit a person", ()), None, "read-only")
    with pytest.raises(PlannerError, match="change no event"):
        rescue_package(db, [edit])


def test_a_refused_undo_is_obsolete_and_rescued_as_the_undo(
    qtbot: QtBot, db: Database, faults: Faults, event_id: int
) -> None:
    """Undo applies the inverse operation; when that write fails, the step is dropped and the
    pending edit carries the inverse, so a package holds the event as undone."""
    from planner.services.rescue import PendingEdit

    ctx = AppContext(db=db, undo_stack=QUndoStack())
    refused: list[PendingEdit] = []
    ctx.save_failed = refused.append
    push_field(ctx, Record.EVENT, event_id, "title", "Water", "Edit title")
    faults.read_only = True
    ctx.undo_stack.undo()
    assert [edit.text for edit in refused] == ["Undo: Edit title"]
    assert refused[0].event_id == event_id
    assert ctx.undo_stack.count() == 0  # the obsolete step is gone
    assert _stored(db, event_id).title == "Water"
    rescue = rescue_package(db, refused)
    assert rescue.titles == (TITLE,)  # the event as the undo would have left it
