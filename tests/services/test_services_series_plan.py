"""Planning a series' sessions as the window does: preview with clashes, create and its
inverse, renumber and its inverse, move and cancel one session (services/series_plan.py)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from planner.errors import ValidationError
from planner.findings import Severity
from planner.model import (
    AgendaItem,
    Event,
    EventStatus,
    Organisation,
    Participation,
    Role,
    Series,
)
from planner.services.operations import apply
from planner.services.series import series_events as list_series_events
from planner.services.series_plan import (
    PlanRequest,
    RenumberSessions,
    Repeat,
    cancel_session,
    move_clashes,
    move_session,
    preview_sessions,
    renumber_preview,
    rule_for,
)
from planner.store import Database
from scheduling_builders import at, event, person, room, venue


@pytest.fixture
def series_id(any_db: Database) -> int:
    """A series meeting in the Small room of the Islamabad Club, chaired by Senator Kamran;
    the same room is taken on Tue 10 Feb 2026 17:00-19:00 by another event, and the chair
    is chairing something else on Tue 10 Mar 2026 (all in Asia/Karachi)."""
    with any_db.session() as s:
        s.add(Organisation(name="CPGS", time_zone="Asia/Karachi"))
        hall = venue(s, "Islamabad Club")
        small = room(s, hall, "Small room", 30)
        other = room(s, hall, "Library", 12)
        chair = person(s, "Sehar", "Kamran", honorific="Senator")
        series = Series(
            title="Pakistan Foreign Policy Review",
            numbering="Seminar No. {n}",
            default_venue_id=hall.id,
            default_room_id=small.id,
            default_chair_id=chair.id,
        )
        s.add(series)
        booked = event(s, "Budget briefing", at(2026, 2, 10, 17), at(2026, 2, 10, 19))
        booked.venue_id, booked.room_id = hall.id, small.id
        chaired = event(s, "Gulf Security", at(2026, 3, 10, 17), at(2026, 3, 10, 18))
        chaired.venue_id, chaired.room_id = hall.id, other.id
        s.add(Participation(event=chaired, person_id=chair.id, role=Role.CHAIR, position=0))
        s.flush()
        return series.id


def request(series_id: int, **fields: object) -> PlanRequest:
    values: dict[str, object] = {
        "rule": rule_for(Repeat.MONTHLY, weekday=1, nth=2),
        "start": date(2026, 1, 1),
        "count": 4,
        "at": time(17, 0),
    }
    values.update(fields)
    return PlanRequest(series_id, **values)  # type: ignore[arg-type]


def series_events(db: Database, series_id: int) -> list[Event]:
    with db.session(write=False) as s:
        return list(
            s.scalars(
                select(Event).where(Event.series_id == series_id).order_by(Event.starts_at)
            ).all()
        )


def test_rules_from_the_dialogs_choices() -> None:
    assert rule_for(Repeat.MONTHLY, weekday=1, nth=2) == "FREQ=MONTHLY;BYDAY=2TU"
    assert rule_for(Repeat.MONTHLY, weekday=3, nth=-1) == "FREQ=MONTHLY;BYDAY=-1TH"
    assert rule_for(Repeat.WEEKLY, weekday=2) == "FREQ=WEEKLY;BYDAY=WE"
    assert rule_for(Repeat.FORTNIGHTLY, weekday=2) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"
    assert rule_for(Repeat.CUSTOM, weekday=0, custom="FREQ=DAILY") == "FREQ=DAILY"
    assert rule_for(Repeat.DATES, weekday=0) is None
    with pytest.raises(ValidationError, match="week of the month"):
        rule_for(Repeat.MONTHLY, weekday=1, nth=5)


def test_preview_marks_the_room_and_the_chair_and_writes_nothing(
    any_db: Database, series_id: int
) -> None:
    preview = preview_sessions(any_db, request(series_id))
    assert [p.day for p in preview.sessions] == [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
        date(2026, 4, 14),
    ]
    jan, feb, mar, apr = preview.sessions
    assert jan.when == "Tue 13 Jan 2026 17:00–19:00"
    assert jan.clashes == () and jan.severity is None
    assert feb.severity is Severity.ERROR and feb.blocked
    assert any("Small room" in c and "Budget briefing" in c for c in feb.clashes)
    assert mar.severity is Severity.ERROR
    assert any("Senator Sehar Kamran" in c and "Gulf Security" in c for c in mar.clashes)
    assert apr.clashes == ()
    assert preview.first_number == 1
    assert preview.label(3) == "Seminar No. 3"
    assert series_events(any_db, series_id) == []  # a preview keeps nothing


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=HOURLY", "repeats FREQ=HOURLY"),
        ("FREQ=MINUTELY", "repeats FREQ=MINUTELY"),
        ("FREQ=SECONDLY", "repeats FREQ=SECONDLY"),
    ],
)
def test_too_frequent_rules_are_refused(
    any_db: Database, series_id: int, rule: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        preview_sessions(any_db, request(series_id, rule=rule))


def test_too_many_or_endless_are_refused(any_db: Database, series_id: int) -> None:
    with pytest.raises(ValidationError, match="more than 200 sessions"):
        preview_sessions(any_db, request(series_id, rule="FREQ=DAILY", count=201))
    with pytest.raises(ValidationError, match="never ends"):
        preview_sessions(any_db, request(series_id, count=None))
    with pytest.raises(ValidationError, match="not both"):
        preview_sessions(any_db, request(series_id, until=date(2026, 6, 1)))
    preview = preview_sessions(any_db, request(series_id))
    with pytest.raises(ValidationError, match="no date is ticked"):
        preview.create([])


def test_create_the_ticked_dates_then_undo_and_redo(any_db: Database, series_id: int) -> None:
    preview = preview_sessions(any_db, request(series_id))
    applied = apply(any_db, preview.create([0, 3], "Plan 2 sessions"))
    created = series_events(any_db, series_id)
    assert [(e.starts_at.month, e.series_number, e.title) for e in created] == [
        (1, 1, "Pakistan Foreign Policy Review: Seminar No. 1"),
        (4, 2, "Pakistan Foreign Policy Review: Seminar No. 2"),
    ]
    assert {e.status for e in created} == {EventStatus.DRAFT}
    ids = [e.id for e in created]
    with any_db.session(write=False) as s:
        chairs = s.scalars(
            select(Participation.event_id).where(Participation.role == Role.CHAIR)
        ).all()
    assert set(ids) <= set(chairs)

    redo = apply(any_db, applied.inverse).inverse  # undo
    assert series_events(any_db, series_id) == []
    apply(any_db, redo)  # redo: the same events, same ids
    assert [e.id for e in series_events(any_db, series_id)] == ids


def test_a_list_of_dates_in_another_room(any_db: Database, series_id: int) -> None:
    with any_db.session(write=False) as s:
        library = s.scalar(select(Event.room_id).where(Event.title == "Gulf Security"))
    preview = preview_sessions(
        any_db,
        PlanRequest(
            series_id,
            dates=(date(2026, 3, 10), date(2026, 2, 10)),
            at=time(17, 30),
            duration_minutes=30,
            use_series_room=False,
            room_id=library,
        ),
    )
    feb, mar = preview.sessions
    assert feb.when == "Tue 10 Feb 2026 17:30–18:00"
    assert feb.clashes == ()  # the Library is free while the Small room is taken
    assert any("Library" in c for c in mar.clashes)
    apply(any_db, preview.create([0]))
    (made,) = series_events(any_db, series_id)
    assert made.room_id == library


def plan_four(db: Database, series_id: int) -> list[int]:
    apply(db, preview_sessions(db, request(series_id)).create(range(4)))
    return [e.id for e in series_events(db, series_id)]


def test_cancel_keeps_the_session_and_the_numbers(any_db: Database, series_id: int) -> None:
    ids = plan_four(any_db, series_id)
    applied = apply(any_db, cancel_session(any_db, ids[1]))
    events = series_events(any_db, series_id)
    assert [e.id for e in events] == ids
    assert [e.status for e in events][1] is EventStatus.CANCELLED
    assert [e.series_number for e in events] == [1, 2, 3, 4]
    with pytest.raises(ValidationError, match="already cancelled"):
        cancel_session(any_db, ids[1])
    apply(any_db, applied.inverse)
    assert series_events(any_db, series_id)[1].status is EventStatus.DRAFT


def test_renumber_by_date_skipping_cancelled_and_undo(any_db: Database, series_id: int) -> None:
    ids = plan_four(any_db, series_id)
    with any_db.session() as s:
        # The organiser gave the third session a title of its own.
        s.get(Event, ids[2]).title = "Pakistan and Iran"  # type: ignore[union-attr]
    apply(any_db, cancel_session(any_db, ids[1]))
    before = [(e.series_number, e.title, e.short_title) for e in series_events(any_db, series_id)]

    lines = renumber_preview(any_db, series_id)
    assert [(line.old_label, line.new_label) for line in lines] == [
        ("Seminar No. 1", "Seminar No. 1"),
        ("Seminar No. 2", ""),
        ("Seminar No. 3", "Seminar No. 2"),
        ("Seminar No. 4", "Seminar No. 3"),
    ]
    assert [line.changed for line in lines] == [False, True, True, True]
    assert lines[2].new_title is None  # its own title stays
    assert lines[3].new_title == "Pakistan Foreign Policy Review: Seminar No. 3"

    applied = apply(any_db, RenumberSessions(series_id))
    after = series_events(any_db, series_id)
    assert [e.series_number for e in after] == [1, None, 2, 3]
    assert [e.title for e in after][2:] == [
        "Pakistan and Iran",
        "Pakistan Foreign Policy Review: Seminar No. 3",
    ]
    assert after[3].short_title == "Seminar No. 3"
    assert all(not line.changed for line in renumber_preview(any_db, series_id))
    # The series' list: by number, the unnumbered (cancelled) session last on either back end.
    listed = [(line.number, line.status) for line in list_series_events(any_db, series_id)]
    assert listed == [
        ("Seminar No. 1", "Draft"),
        ("Seminar No. 2", "Draft"),
        ("Seminar No. 3", "Draft"),
        ("", "Cancelled"),
    ]

    apply(any_db, applied.inverse)
    assert [
        (e.series_number, e.title, e.short_title) for e in series_events(any_db, series_id)
    ] == before


def test_renumber_after_the_series_was_renamed_keeps_titles_and_numbers_together(
    any_db: Database, series_id: int
) -> None:
    """Planned as one series, renamed, a session cancelled: "Old name: Seminar No. 3" once
    stayed on session 2, and the cancelled "Seminar No. 2" kept a title a live one took."""
    from planner.model import Series

    ids = plan_four(any_db, series_id)
    with any_db.session() as s:
        s.get(Series, series_id).title = "London Policy Seminars"  # type: ignore[union-attr]
    apply(any_db, cancel_session(any_db, ids[1]))
    apply(any_db, RenumberSessions(series_id))
    old = "Pakistan Foreign Policy Review: Seminar No. {}"
    assert [
        (e.series_number, e.title, e.short_title) for e in series_events(any_db, series_id)
    ] == [
        (1, old.format(1), "Seminar No. 1"),
        (None, old.format(2) + " (cancelled)", "Seminar No. 2 (cancelled)"),
        (2, old.format(2), "Seminar No. 2"),
        (3, old.format(3), "Seminar No. 3"),
    ]


def test_move_one_session_checks_clashes_and_undoes(any_db: Database, series_id: int) -> None:
    ids = plan_four(any_db, series_id)
    with any_db.session() as s:
        s.add(
            AgendaItem(
                event_id=ids[0],
                title="Welcome",
                starts_at=at(2026, 1, 13, 17),
                ends_at=at(2026, 1, 13, 17, 15),
                position=0,
            )
        )
    onto_budget = datetime(2026, 2, 10, 17, 30)
    clashes = move_clashes(any_db, ids[0], onto_budget)
    assert any("Budget briefing" in c for c in clashes)
    assert series_events(any_db, series_id)[0].starts_at == at(2026, 1, 13, 17)  # kept nothing
    assert move_clashes(any_db, ids[0], datetime(2026, 1, 20, 17, 0)) == []

    applied = apply(any_db, move_session(any_db, ids[0], datetime(2026, 1, 20, 18, 0)))
    with any_db.session(write=False) as s:
        moved = s.get(Event, ids[0])
        assert moved is not None
        assert (moved.starts_at, moved.ends_at) == (at(2026, 1, 20, 18), at(2026, 1, 20, 20))
        assert moved.series_number == 1  # moving renumbers nothing
        (item,) = moved.agenda
        assert item.starts_at == at(2026, 1, 20, 18)  # the agenda moved with it
    apply(any_db, applied.inverse)
    assert series_events(any_db, series_id)[0].starts_at == at(2026, 1, 13, 17)
