"""The Series view and Plan Sessions on the demo data, light and dark, pictured into the test's
folder (the guide's screenshots come from docs/screenshots/make_screenshots.py). The demo
series gets the Islamabad Club's Main Hall and the chair of 'Gulf Security' as its defaults,
so the plan's March date clashes twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtGui import QColor, QFontDatabase, QPalette, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Event, EventStatus, Participation, Role, Room, Series
from planner.services.series_pattern import Repeat
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.context import AppContext
from planner.ui.series.plan_dialog import PlanSessionsDialog
from planner.ui.series.plan_model import COL_CLASHES
from planner.ui.series.view import SeriesView
from ui_pictures import distinct_colours, save_picture

SIZE = (1280, 800)
KARACHI = ZoneInfo("Asia/Karachi")
# Series titles in the scripts the directory holds: the list must show them, not boxes.
OTHER_SERIES = ("پاکستان خارجہ پالیسی جائزہ", "منتدى أمن الخليج", "中巴经济走廊论坛")


def dark_palette() -> QPalette:
    """A plain dark palette (the colours the views take from the palette must stay legible)."""
    palette = QPalette()
    base, window, text = QColor("#1E1E1E"), QColor("#2B2B2B"), QColor("#E6E6E6")
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.ToolTipBase, base),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor("#8A8A8A")),
        (QPalette.ColorRole.Highlight, QColor("#2F65CA")),
        (QPalette.ColorRole.HighlightedText, QColor("#FFFFFF")),
        (QPalette.ColorRole.Link, QColor("#6FA8FF")),
    ):
        palette.setColor(role, colour)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#7A7A7A"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#7A7A7A"))
    return palette


# Previews run on the worker pool; here at once, in the test's thread.
pytestmark = pytest.mark.usefixtures("synchronous")


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = qapp.palette()
    if request.param == "dark":
        qapp.setPalette(dark_palette())
    yield "" if request.param == "light" else "-dark"
    qapp.setPalette(before)


FONTS = Path(__file__).resolve().parents[3] / "resources" / "fonts"


@pytest.fixture(scope="module", autouse=True)
def bundled_fonts(qapp: QApplication) -> None:
    """The bundled fonts in Qt, as the application loads them, so Urdu, Arabic and Chinese
    titles show as text (the machines running the tests may have no such fonts)."""
    for font in sorted(FONTS.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font))


@pytest.fixture
def demo(qapp: QApplication, db: Database) -> AppContext:
    load_demo(db)
    with db.session() as s:
        series = s.scalars(select(Series)).one()
        hall = s.scalars(select(Room).where(Room.name == "Main Hall")).one()
        gulf = s.scalars(select(Event).where(Event.title.startswith("Gulf Security"))).one()
        chair = s.scalars(
            select(Participation.person_id).where(
                Participation.event_id == gulf.id, Participation.role == Role.CHAIR
            )
        ).first()
        series.default_venue_id, series.default_room_id = hall.venue_id, hall.id
        series.default_chair_id = chair
        series.default_duration_minutes = 120
        # Something in the Main Hall, chaired by the same person, on the third date planned.
        s.add(
            Event(
                uid="screenshot-cpec@planner",
                title="CPEC Roundtable",
                starts_at=datetime(2014, 3, 11, 17, 30, tzinfo=KARACHI),
                ends_at=datetime(2014, 3, 11, 19, 0, tzinfo=KARACHI),
                time_zone="Asia/Karachi",
                status=EventStatus.PLANNED,
                venue_id=hall.venue_id,
                room_id=hall.id,
                key_issues=[],
                report_recommendations=[],
                participations=[Participation(person_id=chair, role=Role.CHAIR, position=0)],
            )
        )
        for title in OTHER_SERIES:
            s.add(Series(title=title, numbering="Session {n}"))
    return AppContext(db, QUndoStack())


def save(widget: QWidget, folder: Path, name: str) -> None:
    assert distinct_colours(save_picture(widget, folder, name)) > 10, name


def plan_dialog(qtbot: QtBot, ctx: AppContext, series_id: int) -> PlanSessionsDialog:
    dialog = PlanSessionsDialog(ctx, series_id)
    qtbot.addWidget(dialog)
    dialog.resize(900, 680)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_repeat(Repeat.MONTHLY)
    dialog.week.setCurrentIndex(dialog.week.findData(2))
    dialog.weekday.setCurrentIndex(1)  # Tuesday
    dialog.start.setDate(QDate(2014, 1, 1))
    dialog.count.setValue(6)
    dialog.at.setTime(QTime(17, 0))
    dialog.refresh_preview()
    return dialog


def test_plan_sessions_dialog_marks_the_clash(
    qtbot: QtBot, demo: AppContext, theme: str, tmp_path: Path
) -> None:
    with demo.db.session(write=False) as s:
        series_id = s.scalar(select(Series.id).where(Series.title.startswith("Pakistan")))
    assert series_id is not None
    dialog = plan_dialog(qtbot, demo, series_id)
    days = [s.day for s in dialog.model.preview.sessions]  # type: ignore[union-attr]
    assert days[2] == date(2014, 3, 11)
    march = dialog.model.index(2, COL_CLASHES).data()
    assert march.startswith("Clash: ") and "(+1 more)" in march
    dialog.set_ticked(2, False)
    dialog.table.setCurrentIndex(dialog.model.index(2, 0))
    qtbot.wait(50)  # the layout settles around the details
    assert "Main Hall" in dialog.details.text()
    save(dialog, tmp_path, f"series-plan{theme}")


def test_series_view_on_demo_data(
    qtbot: QtBot,
    demo: AppContext,
    theme: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    with demo.db.session(write=False) as s:
        series_id = s.scalar(select(Series.id).where(Series.title.startswith("Pakistan")))
    assert series_id is not None
    dialog = plan_dialog(qtbot, demo, series_id)
    dialog.set_ticked(2, False)
    dialog.create_sessions()
    view = SeriesView(demo)
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    view.select_series(series_id)
    assert view.events_model.rowCount() == 7
    titles = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert set(OTHER_SERIES) <= set(titles)
    view.select_event(view.events_model.row_id(4))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    view.cancel_session()  # Session 5: kept, struck through
    assert view.events_model.index(4, 3).data() == "Cancelled"
    view.select_event(view.events_model.row_id(3))
    qtbot.wait(50)
    save(view, tmp_path, f"series-sessions{theme}")


@pytest.mark.parametrize("title", OTHER_SERIES)
def test_series_in_other_scripts(
    qtbot: QtBot,
    demo: AppContext,
    title: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Plan, cancel and renumber a series titled in Urdu, Arabic or Chinese."""
    with demo.db.session(write=False) as s:
        series_id = s.scalar(select(Series.id).where(Series.title == title))
    assert series_id is not None
    dialog = plan_dialog(qtbot, demo, series_id)
    assert dialog.windowTitle() == f"Plan Sessions — {title}"
    dialog.create_sessions()
    view = SeriesView(demo)
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    view.select_series(series_id)
    assert view.events_model.index(0, 2).data() == f"{title}: Session 1"
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    view.select_event(view.events_model.row_id(1))
    view.cancel_session()
    qtbot.wait(50)
    save(view, tmp_path, f"series-{OTHER_SERIES.index(title)}")
