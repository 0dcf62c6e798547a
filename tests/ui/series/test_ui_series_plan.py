"""The Series view's session workflows, driven offscreen with pytest-qt: Plan Sessions… (preview
with clashes, refusals, unticking, create, undo), Renumber Sessions…, Move Session…, Cancel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Event, EventStatus, Organisation, Participation, Role, Series
from planner.services.series_pattern import Repeat
from planner.store import Database
from planner.ui import worker
from planner.ui.context import AppContext
from planner.ui.series.plan_dialog import PlanSessionsDialog
from planner.ui.series.plan_model import COL_CLASHES, COL_CREATE, COL_NUMBER
from planner.ui.series.session_dialogs import MoveSessionDialog, RenumberDialog
from planner.ui.series.view import SeriesView
from scheduling_builders import at, event, person, room, venue

# Previews run on the worker pool; here at once, in the test's thread.
pytestmark = pytest.mark.usefixtures("synchronous")


@pytest.fixture
def ctx(qapp: QApplication, db: Database) -> AppContext:
    """A series meeting in the Small room of the Islamabad Club, chaired by Senator Kamran;
    the Small room is taken on Tue 10 Feb 2026 at 17:00 and the chair is busy on Tue 10 Mar."""
    with db.session() as s:
        s.add(Organisation(name="CPGS", time_zone="Asia/Karachi"))
        hall = venue(s, "Islamabad Club")
        small = room(s, hall, "Small room", 30)
        other = room(s, hall, "Library", 12)
        chair = person(s, "Sehar", "Kamran", honorific="Senator")
        s.add(
            Series(
                title="Pakistan Foreign Policy Review",
                numbering="Seminar No. {n}",
                default_venue_id=hall.id,
                default_room_id=small.id,
                default_chair_id=chair.id,
                default_time_zone="Asia/Karachi",
            )
        )
        booked = event(s, "Budget briefing", at(2026, 2, 10, 17), at(2026, 2, 10, 19))
        booked.venue_id, booked.room_id = hall.id, small.id
        chaired = event(s, "Gulf Security", at(2026, 3, 10, 17), at(2026, 3, 10, 18))
        chaired.venue_id, chaired.room_id = hall.id, other.id
        s.add(Participation(event=chaired, person_id=chair.id, role=Role.CHAIR, position=0))
    return AppContext(db, QUndoStack())


def series_id(ctx: AppContext) -> int:
    with ctx.db.session(write=False) as s:
        found = s.scalar(select(Series.id))
        assert found is not None
        return found


def sessions(ctx: AppContext) -> list[tuple[int | None, str, EventStatus]]:
    with ctx.db.session(write=False) as s:
        rows = s.execute(
            select(Event.series_number, Event.title, Event.status)
            .where(Event.series_id.is_not(None))
            .order_by(Event.starts_at)
        ).all()
    return [(n, t, st) for n, t, st in rows]


def second_tuesdays(dialog: PlanSessionsDialog, count: int = 4) -> None:
    dialog.set_repeat(Repeat.MONTHLY)
    dialog.week.setCurrentIndex(dialog.week.findData(2))
    dialog.weekday.setCurrentIndex(1)  # Tuesday
    dialog.start.setDate(dialog.start.date().fromString("2026-01-01", "yyyy-MM-dd"))
    dialog.count.setValue(count)
    dialog.at.setTime(dialog.at.time().fromString("17:00", "HH:mm"))
    dialog.refresh_preview()


def cells(dialog: PlanSessionsDialog, column: int) -> list[str]:
    model = dialog.model
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def in_modal(qtbot: QtBot, act: Callable[[PlanSessionsDialog], None]) -> None:
    """Run ``act`` on the dialog the next click opens (exec() blocks until it closes)."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PlanSessionsDialog):
            QTimer.singleShot(20, step)
            return
        act(dialog)

    QTimer.singleShot(0, step)


def test_plan_sessions_preview_untick_create_and_undo(qtbot: QtBot, ctx: AppContext) -> None:
    view = SeriesView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.plan_button.isEnabled()
    assert not view.session_buttons[view.move_action].isEnabled()  # no session chosen yet
    seen: dict[str, object] = {}

    def plan(dialog: PlanSessionsDialog) -> None:
        second_tuesdays(dialog)
        seen["when"] = cells(dialog, 2)
        seen["clashes"] = cells(dialog, COL_CLASHES)
        seen["icons"] = [
            dialog.model.index(r, COL_CLASHES).data(Qt.ItemDataRole.DecorationRole) is not None
            for r in range(4)
        ]
        # Leave out February, whose room is taken: March to April move up a number.
        dialog.table.setCurrentIndex(dialog.model.index(1, COL_CREATE))
        dialog.table.setFocus()
        qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
        seen["numbers"] = cells(dialog, COL_NUMBER)
        seen["summary"] = dialog.summary.text()
        seen["button"] = dialog.create_button.text()
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    in_modal(qtbot, plan)
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)

    assert seen["when"] == [
        "Tue 13 Jan 2026 17:00–19:00",
        "Tue 10 Feb 2026 17:00–19:00",
        "Tue 10 Mar 2026 17:00–19:00",
        "Tue 14 Apr 2026 17:00–19:00",
    ]
    jan, feb, mar, apr = seen["clashes"]  # type: ignore[misc]
    assert jan == "Free" and apr == "Free"
    assert feb.startswith("Clash: ") and "Small room" in feb and "Budget briefing" in feb
    assert mar.startswith("Clash: ") and "Senator Sehar Kamran" in mar
    assert seen["icons"] == [False, True, True, False]
    assert seen["numbers"] == ["Seminar No. 1", "(left out)", "Seminar No. 2", "Seminar No. 3"]
    assert "4 dates, 2 with clashes. 3 ticked" in str(seen["summary"])
    assert seen["button"] == "Create 3 Sessions"

    title = "Pakistan Foreign Policy Review: Seminar No. {}"
    created = [(n, title.format(n), EventStatus.DRAFT) for n in (1, 2, 3)]
    assert sessions(ctx) == created
    assert view.events_model.rowCount() == 3  # the list shows them at once
    assert ctx.undo_stack.undoText() == "Plan 3 sessions of Pakistan Foreign Policy Review"

    ctx.undo_stack.undo()  # one step takes all three back
    assert sessions(ctx) == []
    assert view.events_model.rowCount() == 0
    ctx.undo_stack.redo()
    assert sessions(ctx) == created
    assert view.events_model.rowCount() == 3


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=HOURLY", "repeats FREQ=HOURLY: a seminar series meets daily at most"),
        ("FREQ=MINUTELY;COUNT=3", "repeats FREQ=MINUTELY"),
        ("FREQ=SECONDLY", "repeats FREQ=SECONDLY"),
        ("FREQ=DAILY;BYHOUR=9,10", "sets the time of day (BYHOUR)"),
        ("FREQ=MONTHLY;BYDAY=XX", "Cannot read the recurrence rule"),
    ],
)
def test_plan_sessions_refuses_rules_by_name(
    qtbot: QtBot, ctx: AppContext, rule: str, message: str
) -> None:
    dialog = PlanSessionsDialog(ctx, series_id(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_repeat(Repeat.CUSTOM)
    assert dialog.rule.isVisible() and not dialog.week.isVisible()
    dialog.rule.setText(rule)
    dialog.refresh_preview()
    assert dialog.problem.isVisible()
    assert message in dialog.problem.text()
    assert dialog.model.rowCount() == 0
    assert not dialog.create_button.isEnabled()
    dialog.create_sessions()  # nothing to create: nothing written
    assert sessions(ctx) == []


def test_too_many_sessions_are_refused(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = PlanSessionsDialog(ctx, series_id(ctx))
    qtbot.addWidget(dialog)
    assert dialog.count.maximum() == 200
    dialog.set_repeat(Repeat.CUSTOM)
    dialog.rule.setText("FREQ=DAILY")
    dialog.by_until.setChecked(True)
    dialog.until.setDate(dialog.start.date().addYears(2))
    dialog.refresh_preview()
    assert "more than 200 sessions" in dialog.problem.text()


def test_a_typed_and_picked_list_of_dates_in_another_room(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = PlanSessionsDialog(ctx, series_id(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_repeat(Repeat.DATES)
    assert dialog.dates.isVisible() and not dialog.start.isVisible()
    dialog.dates.setText("2026-03-10, 2026-02-30")
    dialog.refresh_preview()
    assert "Dates: '2026-02-30' is not a day" in dialog.problem.text()
    dialog.dates.setText("2026-03-10")
    dialog.pick_date.setDate(dialog.pick_date.date().fromString("2026-02-10", "yyyy-MM-dd"))
    dialog.add_picked_date()
    assert dialog.dates.text() == "2026-03-10, 2026-02-10"
    dialog.room.setCurrentIndex(dialog.room.findText("Islamabad Club — Library"))
    dialog.at.setTime(dialog.at.time().fromString("17:30", "HH:mm"))
    dialog.duration.setValue(30)
    dialog.refresh_preview()
    assert not dialog.problem.isVisible()
    assert cells(dialog, 2) == ["Tue 10 Feb 2026 17:30–18:00", "Tue 10 Mar 2026 17:30–18:00"]
    feb, mar = cells(dialog, COL_CLASHES)
    assert feb == "Free"  # the Library is free while the Small room is taken
    assert mar.startswith("Clash: Senator Sehar Kamran is chair of both") and "(+1 more)" in mar
    every = dialog.model.index(1, COL_CLASHES).data(Qt.ItemDataRole.ToolTipRole)
    assert "Library" in every  # the tooltip, and the details under the list, say all
    dialog.table.setCurrentIndex(dialog.model.index(1, COL_CREATE))
    assert "Library" in dialog.details.text()
    dialog.create_sessions()
    assert dialog.result() == PlanSessionsDialog.DialogCode.Accepted
    assert [n for n, _t, _s in sessions(ctx)] == [1, 2]


def plan_four(qtbot: QtBot, ctx: AppContext) -> SeriesView:
    dialog = PlanSessionsDialog(ctx, series_id(ctx))
    qtbot.addWidget(dialog)
    second_tuesdays(dialog)
    dialog.create_sessions()
    view = SeriesView(ctx)
    qtbot.addWidget(view)
    view.show()
    return view


def test_cancel_one_session_keeps_it_listed_and_numbered(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = plan_four(qtbot, ctx)
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    view.events_table.selectRow(1)
    assert view.cancel_action.isEnabled()
    view.cancel_action.trigger()
    assert asked and asked[0].startswith("Cancel Seminar No. 2 (Tue 10 Feb 2026 17:00)?")
    assert [(n, st) for n, _t, st in sessions(ctx)] == [
        (1, EventStatus.DRAFT),
        (2, EventStatus.CANCELLED),
        (3, EventStatus.DRAFT),
        (4, EventStatus.DRAFT),
    ]
    model = view.events_model
    assert model.rowCount() == 4
    assert model.index(1, 3).data() == "Cancelled"
    assert model.index(1, 2).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert model.index(2, 0).data() == "Seminar No. 3"  # later sessions keep their numbers
    view.events_table.selectRow(1)
    assert not view.cancel_action.isEnabled()  # cancelled already
    ctx.undo_stack.undo()
    assert sessions(ctx)[1][2] is EventStatus.DRAFT
    assert view.events_model.index(1, 3).data() == "Draft"


def test_renumber_previews_then_numbers_by_date_and_undoes(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = plan_four(qtbot, ctx)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    view.select_event(view.events_model.row_id(1))
    view.cancel_session()
    before = sessions(ctx)
    dialog = RenumberDialog(ctx, series_id(ctx), "Pakistan Foreign Policy Review", view.refresh)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert [model.index(r, 2).data() for r in range(4)] == [
        f"Seminar No. {n}" for n in (1, 2, 3, 4)
    ]
    assert [model.index(r, 3).data() for r in range(4)] == [
        "Seminar No. 1",
        "(none: cancelled)",
        "Seminar No. 2",
        "Seminar No. 3",
    ]
    assert model.index(2, 3).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 3).data(Qt.ItemDataRole.FontRole) is None
    assert dialog.summary.text().startswith("3 of 4 sessions change number")
    title = "Pakistan Foreign Policy Review: Seminar No. {}"
    # The titles that change are shown as they will read.
    assert model.index(1, 1).data() == f"{title.format(2)} → {title.format(2)} (cancelled)"
    assert model.index(2, 1).data() == f"{title.format(3)} → {title.format(2)}"
    qtbot.mouseClick(dialog.renumber_button, Qt.MouseButton.LeftButton)
    assert [(n, t) for n, t, _s in sessions(ctx)] == [
        (1, title.format(1)),
        # A cancelled session loses its number, and its title says it was cancelled: the
        # live session now numbered 2 is the only "Seminar No. 2" (calendars showed two).
        (None, title.format(2) + " (cancelled)"),
        (2, title.format(2)),
        (3, title.format(3)),
    ]
    assert [view.events_model.index(r, 0).data() for r in range(4)] == [
        "Seminar No. 1",
        "Seminar No. 2",
        "Seminar No. 3",
        "",  # the cancelled one, last
    ]
    ctx.undo_stack.undo()
    assert sessions(ctx) == before
    again = RenumberDialog(ctx, series_id(ctx), "PFPR")
    qtbot.addWidget(again)
    ctx.undo_stack.redo()
    nothing = RenumberDialog(ctx, series_id(ctx), "PFPR")
    qtbot.addWidget(nothing)
    assert not nothing.renumber_button.isEnabled()
    assert "nothing to change" in nothing.summary.text()


def test_move_one_session_shows_clashes_first_and_undoes(qtbot: QtBot, ctx: AppContext) -> None:
    view = plan_four(qtbot, ctx)
    first = view.events_model.row_id(0)
    view.select_event(first)
    assert view.move_action.isEnabled()
    dialog = MoveSessionDialog(ctx, first, view.refresh)
    qtbot.addWidget(dialog)
    assert not dialog.move_button.isEnabled()  # not moved yet
    dialog.set_new_start(datetime(2026, 2, 10, 18, 0))
    assert "Budget briefing" in dialog.clashes.text()
    assert dialog.move_button.isEnabled()  # a clash is shown, not forbidden
    dialog.set_new_start(datetime(2026, 1, 20, 18, 0))
    assert dialog.clashes.text() == "No clashes at the new time."
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    with ctx.db.session(write=False) as s:
        moved = s.get(Event, first)
        assert moved is not None
        assert (moved.starts_at, moved.ends_at) == (at(2026, 1, 20, 18), at(2026, 1, 20, 20))
        assert moved.series_number == 1
    assert view.events_model.index(0, 1).data() == "2026-01-20 18:00"
    assert ctx.undo_stack.undoText() == "Move Seminar No. 1"
    ctx.undo_stack.undo()
    assert view.events_model.index(0, 1).data() == "2026-01-13 17:00"


def test_the_preview_runs_off_the_gui_thread_and_the_latest_wins(
    qtbot: QtBot, ctx: AppContext
) -> None:
    worker.set_synchronous(False)  # the real pool (the fixture sets it back)
    dialog = PlanSessionsDialog(ctx, series_id(ctx))
    qtbot.addWidget(dialog)
    second_tuesdays(dialog, count=3)
    dialog.count.setValue(5)
    dialog.refresh_preview()  # asked before the first answer came back
    assert not dialog.create_button.isEnabled()  # Create waits for the answer
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 5, timeout=10000)
    qtbot.wait(100)  # an out-of-date answer arriving late must not replace it
    assert dialog.model.rowCount() == 5
    assert worker.wait_for_all()
    assert dialog.create_button.text() == "Create 5 Sessions"
    assert dialog.create_button.isEnabled()


def test_plan_sessions_opens_on_the_series_pattern_time_and_room(
    qtbot: QtBot, ctx: AppContext
) -> None:
    """A series that meets on the second Tuesday at 18:30 in the Library is planned on, in
    the dialog's first look, as the second Tuesday at 18:30 in the Library."""
    first = PlanSessionsDialog(ctx, series_id(ctx))
    qtbot.addWidget(first)
    assert Repeat(first.repeat.currentData()) is Repeat.MONTHLY  # no sessions: as before
    assert first.room.currentData() == "series"
    second_tuesdays(first, count=3)
    first.start.setDate(first.start.date().fromString("2030-01-01", "yyyy-MM-dd"))
    first.at.setTime(first.at.time().fromString("18:30", "HH:mm"))
    first.room.setCurrentIndex(first.room.findText("Islamabad Club — Library"))
    first.refresh_preview()
    first.create_sessions()
    assert len(sessions(ctx)) == 3

    dialog = PlanSessionsDialog(ctx, series_id(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    assert Repeat(dialog.repeat.currentData()) is Repeat.MONTHLY
    assert (dialog.week.currentText(), dialog.weekday.currentText()) == ("second", "Tuesday")
    assert dialog.week.isVisible()
    assert dialog.start.date().toString("yyyy-MM-dd") == "2030-04-09"
    assert dialog.at.time().toString("HH:mm") == "18:30"
    assert dialog.room.currentText() == "Islamabad Club — Library"
    assert cells(dialog, 2)[:2] == ["Tue 9 Apr 2030 18:30–20:30", "Tue 14 May 2030 18:30–20:30"]


def test_plan_sessions_opens_weekly_after_weekly_sessions(qtbot: QtBot, ctx: AppContext) -> None:
    first = PlanSessionsDialog(ctx, series_id(ctx))
    qtbot.addWidget(first)
    first.set_repeat(Repeat.FORTNIGHTLY)
    first.weekday.setCurrentIndex(3)  # Thursday
    first.start.setDate(first.start.date().fromString("2030-01-01", "yyyy-MM-dd"))
    first.count.setValue(3)
    first.refresh_preview()
    first.create_sessions()
    dialog = PlanSessionsDialog(ctx, series_id(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    assert Repeat(dialog.repeat.currentData()) is Repeat.FORTNIGHTLY
    assert dialog.weekday.currentText() == "Thursday" and not dialog.week.isVisible()
    assert dialog.room.currentData() == "series"  # the last session met in the series' room
    # 3, 17 and 31 January: the fortnight goes on from the last.
    assert cells(dialog, 2)[0].startswith("Thu 14 Feb 2030")
