"""The events page's choices, read through services: the series filter (kept across a reload)
and the past sessions the New event dialog offers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from planner.model import Series
from planner.services.events import EventScope, create_from_template
from planner.store import Database
from planner.ui import worker
from planner.ui.context import AppContext
from planner.ui.events.new_event_dialog import NewEventDialog
from planner.ui.events.view import EventsView


@pytest.fixture
def ctx(db: Database) -> Iterator[AppContext]:
    worker.set_synchronous(True)
    yield AppContext(db=db, undo_stack=QUndoStack())
    worker.set_synchronous(False)


def _series(db: Database, *titles: str) -> list[int]:
    with db.session() as session:
        rows = [Series(title=title) for title in titles]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def _combo(combo: QComboBox) -> list[tuple[str, object]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_the_series_filter_lists_the_series_and_keeps_the_choice(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    review, dialogue = _series(db, "Pakistan Foreign Policy Review", "Afghanistan Dialogue")
    in_review = create_from_template(
        db, "roundtable", title="Review 1", day=date(2030, 3, 1), series_id=review
    )
    create_from_template(db, "lecture", title="Alone", day=date(2030, 3, 2))
    view = EventsView(ctx)
    qtbot.addWidget(view)
    view.reload_series()
    view.set_scope(EventScope.ALL)
    QApplication.processEvents()
    assert _combo(view.series) == [
        ("All series", None),
        ("Afghanistan Dialogue", dialogue),
        ("Pakistan Foreign Policy Review", review),
    ]
    assert view.model.rowCount() == 2

    view.series.setCurrentIndex(2)
    QApplication.processEvents()
    assert [view.model.row_at(r).id for r in range(view.model.rowCount())] == [in_review]
    (later,) = _series(db, "Urdu Readings: اردو")
    view.reload_series()
    QApplication.processEvents()
    assert view.series.currentData() == review  # a reload keeps what was chosen
    assert ("Urdu Readings: اردو", later) in _combo(view.series)


def test_the_new_event_dialog_offers_past_sessions_newest_first(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    empty = NewEventDialog(ctx)
    qtbot.addWidget(empty)
    assert not empty.duplicate_button.isEnabled()
    assert _combo(empty.past_event) == [("(no event belongs to a series yet)", None)]

    (review,) = _series(db, "Review")
    first = create_from_template(
        db, "roundtable", title="第一次会议", day=date(2030, 3, 1), series_id=review
    )
    second = create_from_template(
        db, "seminar", title="Second", day=date(2030, 4, 5), series_id=review
    )
    create_from_template(db, "lecture", title="Alone", day=date(2030, 5, 1))
    dialog = NewEventDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.duplicate_button.isEnabled()
    assert _combo(dialog.past_event) == [
        ("05 Apr 2030 — Second", second),
        ("01 Mar 2030 — 第一次会议", first),
    ]
    assert ("Review", review) in _combo(dialog.series)
