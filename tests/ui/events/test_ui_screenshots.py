"""The main window's views on the demo data: each filled, nothing empty; pictured into the
test's folder (the README's screenshots come from docs/screenshots/make_screenshots.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.model import Event
from planner.services.events import EventScope
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.events.new_event_dialog import NewEventDialog
from planner.ui.shell.main_window import MainWindow
from ui_pictures import distinct_colours, save_picture

SIZE = (1320, 840)


def save(widget: QWidget, folder: Path, name: str) -> QImage:
    """The picture in the test's folder; each view shows more than a handful of colours."""
    image = save_picture(widget, folder, name)
    assert distinct_colours(image) > 10, name
    return image


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()


@pytest.fixture
def window(qtbot: QtBot, db: Database, open_window: Callable[..., MainWindow]) -> MainWindow:
    load_demo(db)
    main = open_window(SIZE)
    qtbot.waitExposed(main)
    return main


def _event_id(db: Database, title_start: str) -> int:
    from sqlalchemy import select

    with db.session() as session:
        return int(
            session.scalars(select(Event.id).where(Event.title.startswith(title_start))).one()
        )


def test_screenshots_of_the_events_views(window: MainWindow, db: Database, tmp_path: Path) -> None:
    window.events.set_scope(EventScope.ALL)
    assert window.events.model.rowCount() == 4
    us_relations = _event_id(db, "Pakistan – US")
    window.open_event(us_relations)
    QApplication.processEvents()
    assert distinct_colours(save(window, tmp_path, "events")) > 20

    editor = window.editor
    shots = {
        "Agenda": "editor-agenda",
        "People": "editor-people",
        "Invitations": "editor-invitations",
        "Briefing": "editor-briefing",
    }
    for section, name in shots.items():
        editor.show_section(section)
        QApplication.processEvents()
        save(window, tmp_path, name)
    assert editor.agenda.model.rowCount() > 0
    assert editor.cast.model.rowCount() > 0

    # A report draft that names a speaker under the Chatham House Rule: highlighted and listed.
    editor.show_section("Report")
    report = editor.report
    text = (
        "The panel agreed that drone strikes remain the main obstacle. Senator Kamran argued "
        "that a new beginning is possible; General Owais was less hopeful."
    )
    report.summary.setPlainText(text)
    pump(0.3)
    assert report.findings.count() >= 2
    assert any(not m.allowed for m in report.mentions())
    save(window, tmp_path, "editor-report")

    editor.show_section("Documents")
    editor.documents.render_selected()
    pump(1.5)  # QPdfView renders its pages in the background
    assert editor.documents.current is not None
    assert distinct_colours(save(window, tmp_path, "editor-documents")) > 20

    editor.show_section("Checks")
    QApplication.processEvents()
    save(window, tmp_path, "editor-checks")

    editor.show_section("Details")
    window.events.show_month_of(editor.snapshot.starts_at.date() if editor.snapshot else None)  # type: ignore[arg-type]
    QApplication.processEvents()
    assert window.events.calendar.events_on(editor.snapshot.starts_at.date())  # type: ignore[union-attr]
    save(window, tmp_path, "calendar")


def test_screenshot_of_the_new_event_dialog(window: MainWindow, tmp_path: Path) -> None:
    dialog = NewEventDialog(window.ctx, window)
    dialog.title.setText("Pakistan – China Relations: CPEC and Beyond")
    dialog.show()
    QApplication.processEvents()
    save(dialog, tmp_path, "new-event")
    dialog.close()
