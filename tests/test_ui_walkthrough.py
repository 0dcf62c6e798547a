"""Regressions found using the main window as a programme officer would, on the demo data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Event, Participation, Series
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui import worker
from planner.ui.context import AppContext
from planner.ui.main_window import MainWindow
from planner.ui.people_view import PeopleView
from planner.ui.series_view import SeriesView


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    load_demo(db)
    worker.set_synchronous(True)
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    main = MainWindow(ctx, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1320, 840)
    main.show()
    main.start()
    yield main
    worker.set_synchronous(False)


def _event_id(db: Database, title_start: str) -> int:
    with db.session() as session:
        return int(
            session.scalars(select(Event.id).where(Event.title.startswith(title_start))).one()
        )


def test_double_click_in_a_persons_history_opens_the_event(
    window: MainWindow, db: Database
) -> None:
    with db.session() as session:
        person_id, event_id = session.execute(
            select(Participation.person_id, Participation.event_id).limit(1)
        ).one()
    people = window.section("People")
    assert isinstance(people, PeopleView)
    people.page.load(person_id)
    model = people.page.history_model
    row = next(r for r in range(model.rowCount()) if model.event_id(r) == event_id)
    people.page.history_view.doubleClicked.emit(model.index(row, 0))
    assert window.sidebar.currentRow() == 0
    assert window.editor.event_id == event_id


def test_double_click_in_a_series_opens_the_event(window: MainWindow, db: Database) -> None:
    with db.session() as session:
        series_id, event_id = session.execute(
            select(Series.id, Event.id).join(Event, Event.series_id == Series.id).limit(1)
        ).one()
    series = window.section("Series")
    assert isinstance(series, SeriesView)
    series.select_series(series_id)
    model = series.events_model
    row = next(r for r in range(model.rowCount()) if model.row_id(r) == event_id)
    series.events_table.doubleClicked.emit(model.index(row, 0))
    assert window.sidebar.currentRow() == 0
    assert window.editor.event_id == event_id


def test_event_titles_have_room_and_a_full_tooltip(window: MainWindow, db: Database) -> None:
    from planner.ui.events_model import EventsTableModel

    table = window.events.table
    model = window.events.model
    assert table.columnWidth(EventsTableModel.TITLE) >= 200
    assert table.columnWidth(EventsTableModel.TITLE) > table.columnWidth(EventsTableModel.DATE)
    row = model.row_of(_event_id(db, "Pakistan – Russia"))
    index = model.index(row, EventsTableModel.TITLE)
    title = "Pakistan – Russia Relations: Challenges and Prospects"
    assert title in model.data(index, Qt.ItemDataRole.ToolTipRole)
    # A conflict adds its warning to the tooltip; the title stays.
    model.set_conflicts({model.row_at(row).id})
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert title in tip and "conflict" in tip
