"""Times in the window follow the organisation's setting: 24-hour (the default, "1700 hours"
on paper) or 12-hour ("5:00 pm"), in the events list, the month's day list, the editor's
heading, its agenda and its date fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select, update

from planner.model import Event, Organisation, TimeStyle
from planner.services.organisation import organisation_id
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.editor.agenda import AgendaTableModel
from planner.ui.events.model import EventsTableModel
from planner.ui.shell.main_window import MainWindow
from planner.ui.widgets.clock import clock, clock_range


def test_clock_texts() -> None:
    five_pm, seven_pm = datetime(2030, 1, 8, 17, 0), datetime(2030, 1, 8, 19, 5)
    eleven = datetime(2030, 1, 8, 11, 0)
    assert clock(five_pm, TimeStyle.HOURS) == "17:00"
    assert clock(five_pm, TimeStyle.TWELVE_HOUR) == "5:00 pm"
    assert clock(datetime(2030, 1, 8, 0, 30), TimeStyle.TWELVE_HOUR) == "12:30 am"
    assert clock_range(five_pm, seven_pm, TimeStyle.HOURS) == "17:00–19:05"
    assert clock_range(five_pm, seven_pm, TimeStyle.TWELVE_HOUR) == "5:00–7:05 pm"
    assert clock_range(eleven, five_pm, TimeStyle.TWELVE_HOUR) == "11:00 am–5:00 pm"


@pytest.mark.parametrize(
    ("style", "wanted", "unwanted"),
    [(TimeStyle.TWELVE_HOUR, " pm", "15:00"), (TimeStyle.HOURS, "15:00", " pm")],
)
def test_the_window_writes_times_in_the_organisations_style(
    db: Database,
    open_window: Callable[..., MainWindow],
    style: TimeStyle,
    wanted: str,
    unwanted: str,
) -> None:
    load_demo(db)
    organisation = organisation_id(db)
    with db.session() as session:
        session.execute(
            update(Organisation).where(Organisation.id == organisation).values(time_style=style)
        )
        event_id = session.scalars(
            select(Event.id).where(Event.title.startswith("Pakistan – US"))
        ).one()
    window = open_window()
    model = window.events.model
    row = model.row_of(event_id)
    listed = model.data(model.index(row, EventsTableModel.TIME), Qt.ItemDataRole.DisplayRole)
    assert wanted in listed and unwanted not in listed
    window.open_event(event_id)
    editor = window.editor
    assert wanted in editor.subheading.text() and unwanted not in editor.subheading.text()
    agenda = editor.agenda.model
    first = agenda.data(agenda.index(0, AgendaTableModel.TIME), Qt.ItemDataRole.DisplayRole)
    assert (" pm" in first or " am" in first) is (style == TimeStyle.TWELVE_HOUR)
    shown = editor.details.starts.text()
    assert (" PM" in shown.upper()) is (style == TimeStyle.TWELVE_HOUR), shown
    # The month's day list uses the same model as the list.
    assert window.events.day_model.time_style == style


def test_the_time_column_fits_12_hour_ranges(
    db: Database, open_window: Callable[..., MainWindow]
) -> None:
    """ "11:00 am–1:00 pm" was cut to "11:00 am–1…" in the list's 84-pixel column."""
    load_demo(db)
    with db.session() as session:
        session.execute(update(Organisation).values(time_style=TimeStyle.TWELVE_HOUR))
    window = open_window()
    table, model = window.events.table, window.events.model
    texts = [
        model.data(model.index(row, EventsTableModel.TIME), Qt.ItemDataRole.DisplayRole)
        for row in range(model.rowCount())
    ]
    assert "11:00 am–1:00 pm" in texts  # the SALAM roundtable
    metrics = table.fontMetrics()
    widest = max(metrics.horizontalAdvance(text) for text in texts)
    assert table.columnWidth(EventsTableModel.TIME) > widest
