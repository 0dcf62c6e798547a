"""An event held over several days shows all of them in the window: the events list, the
editor's heading and the month view (a try-out's two-day conference lost its Friday)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from sqlalchemy import select, update

from planner.model import Event, Organisation, TimeStyle
from planner.services.organisation import organisation_id
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.events.model import EventsTableModel
from planner.ui.shell.main_window import MainWindow
from planner.ui.widgets.clock import event_span_text
from ui_pictures import save_picture

KARACHI = ZoneInfo("Asia/Karachi")
THURSDAY = datetime(2027, 1, 14, 9, 0, tzinfo=KARACHI)
FRIDAY_EVENING = datetime(2027, 1, 15, 18, 0, tzinfo=KARACHI)


def test_the_span_of_an_event_over_two_days_names_both() -> None:
    assert (
        event_span_text(THURSDAY, FRIDAY_EVENING, TimeStyle.HOURS)
        == "Thu 14 – Fri 15 Jan 2027, 09:00–18:00"
    )
    assert (
        event_span_text(THURSDAY, FRIDAY_EVENING, TimeStyle.TWELVE_HOUR)
        == "Thu 14 – Fri 15 Jan 2027, 9:00 am–6:00 pm"
    )
    one_day = datetime(2027, 1, 14, 17, 0, tzinfo=KARACHI)
    assert event_span_text(THURSDAY, one_day, TimeStyle.HOURS) == "Thu 14 Jan 2027, 09:00–17:00"
    # An evening that runs past midnight is still one day's event.
    late = datetime(2027, 1, 14, 22, 0, tzinfo=KARACHI)
    after = datetime(2027, 1, 15, 1, 30, tzinfo=KARACHI)
    assert event_span_text(late, after, TimeStyle.HOURS) == "Thu 14 Jan 2027, 22:00–01:30"


def _conference(db: Database) -> int:
    load_demo(db)
    with db.session() as session:
        event_id = session.scalars(
            select(Event.id).where(Event.title.startswith("Pakistan – US"))
        ).one()
        session.execute(
            update(Event)
            .where(Event.id == event_id)
            .values(starts_at=THURSDAY, ends_at=FRIDAY_EVENING, time_zone="Asia/Karachi")
        )
    return int(event_id)


def test_the_window_shows_every_day_of_a_conference(
    db: Database, open_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    event_id = _conference(db)
    with db.session() as session:
        session.execute(
            update(Organisation)
            .where(Organisation.id == organisation_id(db))
            .values(time_style=TimeStyle.HOURS)
        )
    window = open_window((1320, 840))
    model = window.events.model
    row = model.row_of(event_id)
    listed = model.data(model.index(row, EventsTableModel.DATE), Qt.ItemDataRole.DisplayRole)
    assert listed == "Thu 14 – Fri 15 Jan 2027"
    # Shown whole, not "Thu 14 – Fri 15 …".
    table = window.events.table
    shown = table.columnWidth(EventsTableModel.DATE)
    assert shown > table.fontMetrics().horizontalAdvance(listed) + 8
    window.open_event(event_id)
    assert "Thu 14 – Fri 15 Jan 2027, 09:00–18:00" in window.editor.subheading.text()
    events = window.events
    events.month_button.click()
    window.open_event(event_id)
    assert (events.calendar.yearShown(), events.calendar.monthShown()) == (2027, 1)
    calendar = events.calendar
    for day in (14, 15):
        assert [row.id for row in calendar.events_on(date(2027, 1, day))] == [event_id]
    assert calendar.events_on(date(2027, 1, 16)) == []
    # Choosing the Friday lists the conference below the month.
    calendar.setSelectedDate(QDate(2027, 1, 15))
    calendar.clicked.emit(QDate(2027, 1, 15))
    shown = [events.day_model.row_at(r).id for r in range(events.day_model.rowCount())]
    assert shown == [event_id]
    save_picture(window, tmp_path, "month-conference")
