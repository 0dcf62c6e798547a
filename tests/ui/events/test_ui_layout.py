"""Room where it is needed, in a window of ordinary size (1100 x 700): the month view leaves
the editor all its tabs, and the People list shows whole email addresses."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Event
from planner.services.people import search_people
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.people.model import COL_EMAIL
from planner.ui.people.view import PeopleView
from planner.ui.shell.main_window import MainWindow

SIZE = (1100, 700)


def test_the_month_view_does_not_squeeze_the_editors_tabs(
    qtbot: QtBot, db: Database, open_window: Callable[..., MainWindow]
) -> None:
    load_demo(db)
    window = open_window(SIZE)
    qtbot.waitExposed(window)
    with db.session() as session:
        event = session.scalars(select(Event).order_by(Event.id).limit(1)).one()
        event_id, day = event.id, event.starts_at.date()
    window.open_event(event_id)
    window.events.show_month_of(day)
    QApplication.processEvents()
    assert window.events.calendar.isVisible()
    assert window.width() == SIZE[0]  # the month grid did not push the window wider
    bar = window.editor.tabs.tabBar()
    assert bar.width() >= bar.sizeHint().width()  # every tab shown, no scroll arrows
    last = bar.tabRect(bar.count() - 1)
    assert last.right() <= bar.width()


def test_the_people_list_shows_whole_email_addresses(
    qtbot: QtBot, db: Database, open_window: Callable[..., MainWindow]
) -> None:
    load_demo(db)
    window = open_window(SIZE)
    qtbot.waitExposed(window)
    people = window.section("People")
    assert isinstance(people, PeopleView)
    QApplication.processEvents()
    table = people.table
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(COL_EMAIL)
    width = header.sectionSize(COL_EMAIL)
    assert left >= 0 and left + width <= table.viewport().width()
    metrics = table.fontMetrics()
    longest = max(metrics.horizontalAdvance(row.email) for row in search_people(db, "", limit=100))
    assert width >= longest + 8  # the cell's margins
