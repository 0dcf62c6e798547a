"""Starting the application (shell first, then the database), the demo offer's loading, undo
from inside a text field, and printing the previewed PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from pdf_reading import pages
from planner.app import start_gui
from planner.model import Event
from planner.services.demo import database_is_empty
from planner.store import Database
from planner.ui import worker
from planner.ui.context import AppContext
from planner.ui.shell.demo import load_demo_into
from planner.ui.shell.main_window import MainWindow


def test_start_gui_paints_the_shell_then_fills_the_list(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> None:
    seed = Database.open(f"sqlite:///{db_path}")
    from planner.store.demo import load_demo

    load_demo(seed)
    seed.dispose()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    _app, window = start_gui(str(db_path), settings=settings)
    qtbot.addWidget(window)
    assert window.isVisible() and window.is_attached
    with qtbot.waitSignal(window.events.loaded, timeout=10000):
        pass
    assert window.events.model.rowCount() == 4
    window.close()
    window.ctx.db.dispose()


def test_empty_database_gets_the_demo_when_asked(
    db: Database, open_window: Callable[..., MainWindow]
) -> None:
    assert database_is_empty(db)
    window = open_window()
    assert window.events.model.rowCount() == 0
    load_demo_into(window)
    assert not database_is_empty(db)
    assert window.events.model.rowCount() == 4
    assert "demo" in window.statusBar().currentMessage().lower()


def test_ctrl_z_in_a_text_field_undoes_through_the_stack(
    qtbot: QtBot, db: Database, open_window: Callable[..., MainWindow]
) -> None:
    from datetime import date

    from planner.ui.events.new_event_dialog import new_event_from_template

    window = open_window()
    event_id = new_event_from_template(window.ctx, "roundtable", "Gulf", date(2030, 1, 8))
    window.open_event(event_id)
    report = window.editor.report
    window.editor.show_section("Report")
    report.summary.setFocus()
    qtbot.keyClicks(report.summary, "Drones")
    QApplication.processEvents()

    def summary() -> str:
        with db.session() as session:
            event = session.get(Event, event_id)
            assert event is not None
            return event.report_summary

    assert summary() == "Drones"
    qtbot.keyClick(report.summary, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert summary() == ""
    assert report.summary.toPlainText() == ""


def test_printing_the_previewed_pdf(
    db: Database, tmp_path: Path, open_window: Callable[..., MainWindow]
) -> None:
    from planner.store.demo import load_demo

    load_demo(db)
    window = open_window()
    with db.session() as session:
        event_id = session.scalar(select(func.min(Event.id)))
    assert event_id is not None
    window.open_event(event_id)
    documents = window.editor.documents
    window.print_programme()  # renders; the print dialog is skipped when not interactive
    assert documents.current is not None
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    documents.print_to(printer)
    assert len(pages(out)) == documents.pdf_document.pageCount() >= 1
    # Saving writes the same bytes the preview shows.
    saved = documents.save_as(tmp_path / "programme.pdf")
    assert saved is not None and saved.read_bytes() == documents.current.pdf


def test_rendering_runs_in_the_background_and_can_be_cancelled(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from planner.ui.editor import documents as editor_documents
    from planner.ui.events.new_event_dialog import new_event_from_template
    from planner.ui.worker import TaskControl

    pages: list[int] = []

    def slow_render(
        _db: Database,
        _event_id: int,
        _kind: str,
        _audience: str | None = None,
        control: TaskControl | None = None,
    ) -> tuple[bytes, tuple[str, ...]]:
        assert control is not None
        for page in range(1, 1000):
            time.sleep(0.005)  # a long document, page by page
            pages.append(page)
            control.progress(page, 999, f"{page} pages rendered")
        raise AssertionError("not cancelled")

    monkeypatch.setattr(editor_documents, "render_pdf", slow_render)
    window = MainWindow(
        AppContext(db=db, undo_stack=QUndoStack()),
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    window.show()
    worker.set_synchronous(True)
    from datetime import date

    event_id = new_event_from_template(window.ctx, "lecture", "Long", date(2030, 1, 8))
    window.open_event(event_id)
    worker.set_synchronous(False)
    documents = window.editor.documents
    window.editor.show_section("Documents")
    documents.render_selected()
    assert documents.progress_box.isVisible()
    qtbot.waitUntil(lambda: documents.progress.value() >= 3, timeout=5000)
    assert documents.cancel_button.isEnabled()
    documents.cancel_button.click()
    qtbot.waitUntil(lambda: not documents.progress_box.isVisible(), timeout=5000)
    assert "cancelled" in documents.message.text()
    assert documents.current is None
    assert len(pages) < 999
    assert worker.wait_for_all(5000)
