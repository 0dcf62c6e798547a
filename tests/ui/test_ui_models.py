"""The events, agenda and cast table models, tested without any widget."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.model import AgendaKind, AttributionRule, EventStatus
from planner.services.agenda import AgendaItemRow
from planner.services.events import (
    EventFilter,
    EventScope,
    create_from_template,
    list_events,
)
from planner.store import Database
from planner.ui.editor.agenda import ROW_MIME, AgendaTableModel
from planner.ui.events.model import EVENT_ID_ROLE, EventsTableModel


def _events(db: Database) -> list[int]:
    return [
        create_from_template(db, "roundtable", title="B roundtable", day=date(2026, 5, 4)),
        create_from_template(db, "lecture", title="A lecture", day=date(2026, 5, 2)),
        create_from_template(db, "seminar", title="C seminar", day=date(2020, 1, 9)),
    ]


def test_events_model_rows_badges_conflicts_and_sorting(qtbot: QtBot, db: Database) -> None:
    roundtable, lecture, seminar = _events(db)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    rows = list_events(db, EventFilter(scope=EventScope.UPCOMING), now=now)
    past = list_events(db, EventFilter(scope=EventScope.PAST), now=now)
    chr_only = list_events(db, EventFilter(rule=AttributionRule.CHATHAM_HOUSE))
    found = list_events(db, EventFilter(text="lect"))
    assert [r.id for r in rows] == [lecture, roundtable]  # soonest first
    assert [r.id for r in past] == [seminar]
    assert [r.id for r in chr_only] == [roundtable, seminar]  # the seminar: the default rule
    assert [r.id for r in found] == [lecture]

    model = EventsTableModel()
    model.set_rows(rows)
    assert model.rowCount() == 2 and model.columnCount() == len(EventsTableModel.HEADERS)
    title = model.index(1, EventsTableModel.TITLE)
    assert model.data(title) == "B roundtable"
    assert model.data(title, EVENT_ID_ROLE) == roundtable
    assert model.data(model.index(1, EventsTableModel.RULE)) == "CHR"
    assert model.data(model.index(0, EventsTableModel.RULE)) == "ON"
    assert model.data(model.index(1, EventsTableModel.TIME)) == "17:00–19:00"  # local time
    # No conflict: no icon; after the check says so, a warning icon and a tooltip.
    assert model.data(title, Qt.ItemDataRole.DecorationRole).isNull()
    changed: list[int] = []
    model.dataChanged.connect(lambda *_: changed.append(1))
    model.set_conflicts({roundtable})
    assert changed
    assert not model.data(title, Qt.ItemDataRole.DecorationRole).isNull()
    assert "conflict" in model.data(title, Qt.ItemDataRole.ToolTipRole)
    # Sorting is done by the model itself, on typed keys (dates as dates, not text).
    model.sort(EventsTableModel.TITLE, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(i).title for i in range(2)] == ["A lecture", "B roundtable"]
    model.sort(EventsTableModel.DATE, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).id == roundtable
    model.set_rows(rows)  # a reload keeps the chosen sort
    assert model.row_at(0).id == roundtable


def test_cancelled_events_are_struck_through(qtbot: QtBot, db: Database) -> None:
    from planner.model import Event

    roundtable, _lecture, _seminar = _events(db)
    with db.session() as session:
        event = session.get(Event, roundtable)
        assert event is not None
        event.status = EventStatus.CANCELLED
    rows = list_events(db)
    model = EventsTableModel()
    model.set_rows(rows)
    row = model.row_of(roundtable)
    assert model.data(
        model.index(row, EventsTableModel.TITLE), Qt.ItemDataRole.FontRole
    ).strikeOut()


def _agenda_rows(n: int) -> list[AgendaItemRow]:
    start = datetime(2026, 5, 4, 17, tzinfo=UTC)
    return [
        AgendaItemRow(
            id=10 + i,
            position=i,
            starts_at=start + timedelta(minutes=15 * i),
            ends_at=start + timedelta(minutes=15 * (i + 1)),
            title=f"Item {i}",
            kind=AgendaKind.OTHER,
            description="",
            attribution=AttributionRule.OFF_THE_RECORD if i == 2 else None,
            people=(),
        )
        for i in range(n)
    ]


def test_agenda_model_edits_and_drops_go_to_callbacks(qtbot: QtBot) -> None:
    model = AgendaTableModel()
    model.set_rows(_agenda_rows(4))
    edits: list[tuple[int, int, object]] = []
    orders: list[list[int]] = []
    model.on_edit = lambda item, column, value: edits.append((item, column, value))
    model.on_reorder = orders.append
    assert model.data(model.index(0, AgendaTableModel.TIME)) == "17:00–17:15"
    assert model.data(model.index(0, AgendaTableModel.MINUTES)) == 15
    assert model.data(model.index(0, AgendaTableModel.RULE)) == "(event's rule)"
    assert model.data(model.index(2, AgendaTableModel.RULE)) == "Off the record"
    assert model.flags(model.index(0, AgendaTableModel.TITLE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, AgendaTableModel.TIME)) & Qt.ItemFlag.ItemIsEditable

    assert model.setData(model.index(1, AgendaTableModel.MINUTES), 30)
    assert edits == [(11, AgendaTableModel.MINUTES, 30)]

    # Moving rows: the new order of ids, whichever way they go.
    assert model.moved_order([3], 0) == [13, 10, 11, 12]
    assert model.moved_order([0], 4) == [11, 12, 13, 10]
    assert model.moved_order([0], 2) == [11, 10, 12, 13]
    assert model.moved_order([1, 2], 4) == [10, 13, 11, 12]
    mime = model.mimeData([model.index(3, 0), model.index(3, 1)])
    assert mime.hasFormat(ROW_MIME)
    # Dropped "on" row 1 (parent valid, row -1): inserted before it.
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.index(1, 0))
    assert orders == [[10, 13, 11, 12]]
