"""A series' own pattern read back from its sessions' days (services/series_pattern.py), and
the defaults Plan Sessions… takes from it and from the last session (plan_defaults)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from planner.model import Event, EventStatus, Organisation, Room, Series
from planner.services.series_pattern import (
    Repeat,
    SeriesPattern,
    is_last_of_month,
    series_pattern,
    week_of_month,
)
from planner.services.series_plan import plan_defaults
from planner.store import Database
from scheduling_builders import at, event, room, venue


def _days(*isos: str) -> list[date]:
    return [date.fromisoformat(iso) for iso in isos]


def _shape(pattern: SeriesPattern | None) -> tuple[Repeat, int, int] | None:
    return None if pattern is None else (pattern.repeat, pattern.weekday, pattern.nth)


def test_second_tuesday_monthly() -> None:
    days = _days("2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14")
    assert _shape(series_pattern(days)) == (Repeat.MONTHLY, 1, 2)


def test_a_summer_break_and_a_moved_session_keep_the_pattern() -> None:
    # First Thursdays, August left out, October's held on the Wednesday before.
    days = _days("2026-05-07", "2026-06-04", "2026-07-02", "2026-09-03", "2026-09-30", "2026-11-05")
    assert _shape(series_pattern(days)) == (Repeat.MONTHLY, 3, 1)


def test_a_moved_last_session_keeps_the_pattern() -> None:
    # Second Tuesdays, the latest held on the Wednesday after (a holiday).
    days = _days("2026-01-13", "2026-02-10", "2026-03-10", "2026-04-15")
    pattern = series_pattern(days)
    assert _shape(pattern) == (Repeat.MONTHLY, 1, 2)
    assert pattern is not None and pattern.first_on_or_after(date(2026, 4, 16)) == date(2026, 5, 12)
    fortnightly = series_pattern(_days("2026-03-05", "2026-03-19", "2026-04-02", "2026-04-17"))
    assert _shape(fortnightly) == (Repeat.FORTNIGHTLY, 3, 0)
    assert fortnightly is not None
    assert fortnightly.first_on_or_after(date(2026, 4, 18)) == date(2026, 4, 30)


def test_last_thursday_when_the_week_of_the_month_varies() -> None:
    # The 29th is a fifth Thursday, the 26th a fourth: "the last" fits both.
    days = _days("2026-01-29", "2026-02-26", "2026-03-26", "2026-04-30")
    assert _shape(series_pattern(days)) == (Repeat.MONTHLY, 3, -1)


def test_a_fourth_that_is_also_the_last_reads_as_the_fourth() -> None:
    days = _days("2026-01-22", "2026-02-26", "2026-03-26")
    assert _shape(series_pattern(days)) == (Repeat.MONTHLY, 3, 4)


def test_weekly_and_fortnightly_from_the_gaps() -> None:
    weekly = _days("2026-03-02", "2026-03-09", "2026-03-16", "2026-03-30")  # a week off
    assert _shape(series_pattern(weekly)) == (Repeat.WEEKLY, 0, 0)
    fortnightly = _days("2026-03-04", "2026-03-18", "2026-04-01", "2026-04-15")
    assert _shape(series_pattern(fortnightly)) == (Repeat.FORTNIGHTLY, 2, 0)
    assert _shape(series_pattern(_days("2026-03-04", "2026-03-11"))) == (Repeat.WEEKLY, 2, 0)
    assert _shape(series_pattern(_days("2026-03-04", "2026-03-18"))) == (
        Repeat.FORTNIGHTLY,
        2,
        0,
    )


def test_the_latest_run_decides_when_the_series_changed_its_day() -> None:
    # Two Thursdays in 2013, then the second Tuesdays of 2027.
    days = _days("2013-11-14", "2013-12-19", "2027-01-12", "2027-02-09", "2027-03-09")
    assert _shape(series_pattern(days)) == (Repeat.MONTHLY, 1, 2)
    # Weekly Mondays, then two Fridays a fortnight apart: the last two decide.
    changed = _days("2026-01-05", "2026-01-12", "2026-01-19", "2026-02-06", "2026-02-20")
    assert _shape(series_pattern(changed)) == (Repeat.FORTNIGHTLY, 4, 0)


@pytest.mark.parametrize(
    "days",
    [
        [],
        ["2026-03-10"],
        ["2026-03-10", "2026-03-31"],  # three weeks apart
        ["2026-03-10", "2026-03-12"],  # two weekdays
        ["2026-01-05", "2026-02-18", "2026-03-27", "2026-05-02"],  # no rule at all
    ],
)
def test_no_pattern_without_one(days: list[str]) -> None:
    assert series_pattern(_days(*days)) is None


def test_the_next_date_keeps_a_fortnights_phase() -> None:
    pattern = series_pattern(_days("2026-03-04", "2026-03-18"))
    assert pattern is not None
    assert pattern.first_on_or_after(date(2026, 3, 19)) == date(2026, 4, 1)
    assert pattern.first_on_or_after(date(2026, 4, 1)) == date(2026, 4, 1)
    assert pattern.first_on_or_after(date(2026, 6, 2)) == date(2026, 6, 10)
    monthly = series_pattern(_days("2026-01-29", "2026-02-26", "2026-03-26"))
    assert monthly is not None
    assert monthly.first_on_or_after(date(2026, 3, 27)) == date(2026, 4, 30)
    assert monthly.first_on_or_after(date(2026, 12, 1)) == date(2026, 12, 31)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.sampled_from([1, 2, 3, 4, -1]),
    st.integers(min_value=2, max_value=14),
)
def test_any_monthly_pattern_is_read_back(first: date, nth: int, count: int) -> None:
    """The sessions a monthly pattern gives read back as that pattern (a fourth that is also
    the last reads as either: both give those days)."""
    start = SeriesPattern(Repeat.MONTHLY, first.weekday(), nth, first)
    days = [start.first_on_or_after(first)]
    while len(days) < count:
        days.append(start.first_on_or_after(days[-1] + timedelta(days=1)))
    found = series_pattern(days)
    assert found is not None
    assert (found.repeat, found.weekday) == (Repeat.MONTHLY, first.weekday())
    if found.nth != nth:  # every day a fourth and the last: either reading gives them
        assert {found.nth, nth} <= {4, -1}
        assert all(week_of_month(d) == 4 and is_last_of_month(d) for d in days)
        return
    after = days[-1] + timedelta(days=1)
    assert found.first_on_or_after(after) == start.first_on_or_after(after)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.sampled_from([Repeat.WEEKLY, Repeat.FORTNIGHTLY]),
    st.integers(min_value=2, max_value=20),
)
def test_any_weekly_pattern_is_read_back(first: date, repeat: Repeat, count: int) -> None:
    step = 7 if repeat is Repeat.WEEKLY else 14
    days = [first + timedelta(days=step * k) for k in range(count)]
    assert _shape(series_pattern(days)) == (repeat, first.weekday(), 0)


# --- the dialog's defaults, from the database ---------------------------------------------


@pytest.fixture
def series_id(any_db: Database) -> int:
    """A series whose default room is the Small room; no sessions yet."""
    with any_db.session() as s:
        s.add(Organisation(name="CPGS", time_zone="Asia/Karachi"))
        hall = venue(s, "Islamabad Club")
        small = room(s, hall, "Small room", 30)
        room(s, hall, "Library", 12)
        series = Series(
            title="Pakistan Foreign Policy Review",
            default_venue_id=hall.id,
            default_room_id=small.id,
            default_time_zone="Asia/Karachi",
        )
        s.add(series)
        s.flush()
        return series.id


def _session(db: Database, series_id: int, day: str, hour: int, room_name: str | None) -> None:
    when = date.fromisoformat(day)
    with db.session() as s:
        series = s.get(Series, series_id)
        assert series is not None
        held = event(
            s,
            "Session",
            at(when.year, when.month, when.day, hour),
            at(when.year, when.month, when.day, hour + 2),
        )
        held.series_id = series_id
        held.venue_id = series.default_venue_id
        if room_name is not None:
            held.room_id = s.scalar(select(Room.id).where(Room.name == room_name))


def test_defaults_follow_the_series_pattern_and_its_last_session(
    any_db: Database, series_id: int
) -> None:
    _session(any_db, series_id, "2030-01-08", 16, "Small room")
    only_one = plan_defaults(any_db, series_id)
    assert only_one.pattern is None  # one session: no pattern yet
    assert only_one.start == date(2030, 1, 9)  # the day after it
    assert only_one.use_series_room
    _session(any_db, series_id, "2030-02-12", 16, "Small room")
    _session(any_db, series_id, "2030-03-12", 18, "Library")  # second Tuesdays
    defaults = plan_defaults(any_db, series_id)
    assert _shape(defaults.pattern) == (Repeat.MONTHLY, 1, 2)
    assert defaults.start == date(2030, 4, 9)  # April's second Tuesday
    assert (defaults.at.hour, defaults.at.minute) == (18, 0)
    assert not defaults.use_series_room
    with any_db.session(write=False) as s:
        assert defaults.room_id == s.scalar(select(Room.id).where(Room.name == "Library"))


def test_a_last_session_without_a_room_starts_without_one(any_db: Database, series_id: int) -> None:
    _session(any_db, series_id, "2030-01-08", 17, None)
    defaults = plan_defaults(any_db, series_id)
    assert (defaults.use_series_room, defaults.room_id) == (False, None)


def test_a_cancelled_session_still_marks_the_pattern(any_db: Database, series_id: int) -> None:
    for day in ("2030-01-03", "2030-01-17", "2030-01-31"):
        _session(any_db, series_id, day, 17, "Small room")
    with any_db.session() as s:
        first = s.scalars(select(Event).order_by(Event.starts_at)).first()
        assert first is not None
        first.status = EventStatus.CANCELLED
    defaults = plan_defaults(any_db, series_id)
    assert _shape(defaults.pattern) == (Repeat.FORTNIGHTLY, 3, 0)
    assert defaults.start == date(2030, 2, 14)
    assert defaults.use_series_room
