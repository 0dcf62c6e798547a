"""The main window's views on the demo data: each filled, nothing empty; optionally saved.

``PLANNER_SCREENSHOTS=docs/screenshots uv run pytest tests/ui/events/test_ui_screenshots.py``
refreshes the README's ``ui-*.png`` images (look at them before committing).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.model import Event
from planner.services.events import EventScope
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui import worker
from planner.ui.context import AppContext
from planner.ui.events.new_event_dialog import NewEventDialog
from planner.ui.shell.main_window import MainWindow

SIZE = (1320, 840)


def save(widget: QWidget, name: str) -> QImage:
    image = widget.grab().toImage()
    assert not image.isNull()
    target = os.environ.get("PLANNER_SCREENSHOTS")
    if target:
        image.save(str(Path(target) / f"ui-{name}.png"))
    return image


def distinct_colours(image: QImage, step: int = 7) -> int:
    """How many colours a coarse sample of the image has (an empty view has a handful)."""
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


def pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    load_demo(db)
    worker.set_synchronous(True)
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    main = MainWindow(ctx, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(*SIZE)
    main.show()
    qtbot.waitExposed(main)
    main.start()
    main.editor.documents.interactive = False
    yield main
    worker.set_synchronous(False)


def _event_id(db: Database, title_start: str) -> int:
    from sqlalchemy import select

    with db.session() as session:
        return int(
            session.scalars(select(Event.id).where(Event.title.startswith(title_start))).one()
        )


def test_screenshots_of_the_events_views(window: MainWindow, db: Database) -> None:
    window.events.set_scope(EventScope.ALL)
    assert window.events.model.rowCount() == 4
    us_relations = _event_id(db, "Pakistan – US")
    window.open_event(us_relations)
    QApplication.processEvents()
    assert distinct_colours(save(window, "events")) > 20

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
        save(window, name)
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
    save(window, "editor-report")

    editor.show_section("Documents")
    editor.documents.render_selected()
    pump(1.5)  # QPdfView renders its pages in the background
    assert editor.documents.current is not None
    assert distinct_colours(save(window, "editor-documents")) > 20

    editor.show_section("Checks")
    QApplication.processEvents()
    save(window, "editor-checks")

    editor.show_section("Details")
    window.events.show_month_of(editor.snapshot.starts_at.date() if editor.snapshot else None)  # type: ignore[arg-type]
    QApplication.processEvents()
    assert window.events.calendar.events_on(editor.snapshot.starts_at.date())  # type: ignore[union-attr]
    save(window, "calendar")


def test_screenshot_of_the_new_event_dialog(window: MainWindow) -> None:
    dialog = NewEventDialog(window.ctx, window)
    dialog.title.setText("Pakistan – China Relations: CPEC and Beyond")
    dialog.show()
    QApplication.processEvents()
    save(dialog, "new-event")
    dialog.close()
