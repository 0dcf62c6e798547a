"""Which days an event is held on: one reading for the window, the documents, the calendar
file and the opening-hours check."""

from __future__ import annotations

from datetime import date, datetime

from planner.days import day_span_text, held_days, over_days


def test_a_conference_is_held_on_each_of_its_days() -> None:
    start, end = datetime(2027, 1, 14, 9), datetime(2027, 1, 16, 13)
    assert held_days(start, end) == (date(2027, 1, 14), date(2027, 1, 15), date(2027, 1, 16))
    assert over_days(start, end)
    assert day_span_text(start, end) == "Thu 14 – Sat 16 Jan 2027"


def test_an_evening_past_midnight_and_an_end_at_midnight_are_one_day() -> None:
    assert held_days(datetime(2027, 1, 14, 22), datetime(2027, 1, 15, 1, 30)) == (
        date(2027, 1, 14),
    )
    assert held_days(datetime(2027, 1, 14, 9), datetime(2027, 1, 15, 0, 0)) == (date(2027, 1, 14),)
    assert held_days(datetime(2027, 1, 14, 9), datetime(2027, 1, 16, 0, 0)) == (
        date(2027, 1, 14),
        date(2027, 1, 15),
    )
    assert not over_days(datetime(2027, 1, 14, 9), datetime(2027, 1, 14, 17))


def test_spans_across_months_and_years_name_both() -> None:
    assert day_span_text(datetime(2026, 11, 30, 9), datetime(2026, 12, 1, 18)) == (
        "Mon 30 Nov – Tue 1 Dec 2026"
    )
    assert day_span_text(datetime(2026, 12, 31, 9), datetime(2027, 1, 1, 18)) == (
        "Thu 31 Dec 2026 – Fri 1 Jan 2027"
    )
    assert day_span_text(datetime(2027, 1, 7, 9), datetime(2027, 1, 7, 18)) == "Thu 7 Jan 2027"
