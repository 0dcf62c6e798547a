"""The Invitations section on the demo data after an edit made sent invitations and a saved
programme out of date: the bar, the offers, the table with Urdu, Arabic and Cyrillic names; in
the light palette and a dark one, pictured into the test's folder (the guide's screenshots come
from docs/screenshots/make_screenshots.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Event
from planner.services.events import MoveEvent
from planner.services.invitations import Recipients
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.commands import push
from planner.ui.shell.main_window import MainWindow
from ui_pictures import distinct_colours, save_picture


def save(widget: QWidget, folder: Path, name: str) -> QImage:
    image = save_picture(widget, folder, name)
    assert distinct_colours(image) > 20, name
    return image


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#353535",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3d6fa5",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Mid: "#5a5a5a",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    if request.param == "dark":
        app.setPalette(dark_palette())
    yield str(request.param)
    app.setPalette(before)


def test_screenshot_of_the_invitations_section_with_the_out_of_date_bar(
    qtbot: QtBot,
    db: Database,
    open_window: Callable[..., MainWindow],
    tmp_path: Path,
    theme: str,
) -> None:
    load_demo(db)
    with db.session() as s:
        event_id = s.scalars(
            select(Event.id).where(Event.title.startswith("Pakistan – Russia"))
        ).one()
    window = open_window((1320, 840))
    qtbot.waitExposed(window)
    window.open_event(event_id)
    editor = window.editor
    section = editor.invitations
    section.interactive = False
    section.set_choice(Recipients.INVITEES)
    section.write_invitations(tmp_path / "drafts")
    assert len(section.last_paths) == 5  # every invitee but the one who declined
    editor.documents.render_kind("programme")
    editor.documents.save_as(tmp_path / "programme.pdf")
    with db.session() as s:
        event = s.get(Event, event_id)
        assert event is not None
        starts, ends = event.starts_at + timedelta(hours=1), event.ends_at + timedelta(hours=1)
        zone = event.time_zone
    # As the window moves it: the agenda moves with the event, so only the time changed.
    push(window.ctx, MoveEvent(event_id, starts, ends, zone), editor.changed)
    editor.refresh()
    editor.show_section("Invitations")
    section.set_choice(Recipients.NEW)
    section.message.setText("")
    assert section.bar.text.text() == "5 invitations and the saved programme show the old time."
    qtbot.wait(300)  # the events list refreshes after the edit
    save(window, tmp_path, f"invitations-out-of-date-{theme}")
    editor.show_section("Documents")
    qtbot.wait(50)
    assert not editor.documents.bar.isHidden()
    save(window, tmp_path, f"documents-out-of-date-{theme}")
