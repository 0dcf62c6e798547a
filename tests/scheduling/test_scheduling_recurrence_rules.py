"""Any rule the series planner accepts gives at most one session a day, at the time asked for,
in order, and no more than the limit; any rule more often than daily is refused (hypothesis)."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import ValidationError
from planner.scheduling.recurrence import MAX_OCCURRENCES, parse_rule

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
START = datetime(2026, 1, 1, 17, 0)


@st.composite
def rule_parts(draw: st.DrawFn, frequencies: tuple[str, ...]) -> str:
    parts = [f"FREQ={draw(st.sampled_from(frequencies))}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 4))}")
    if draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True))
        parts.append("BYDAY=" + ",".join(days))
    if draw(st.booleans()):
        parts.append(f"BYMONTHDAY={draw(st.integers(1, 28))}")
    if draw(st.booleans()):
        parts.append(f"BYHOUR={draw(st.integers(0, 23))}")
    draw(st.randoms()).shuffle(parts)
    return ";".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=rule_parts(("HOURLY", "MINUTELY", "SECONDLY")), count=st.integers(1, 50))
def test_more_often_than_daily_is_always_refused(rule: str, count: int) -> None:
    with pytest.raises(ValidationError, match=r"repeats FREQ=|sets the time of day"):
        parse_rule(rule, start=START, count=count)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=rule_parts(("DAILY", "WEEKLY", "MONTHLY", "YEARLY")), count=st.integers(1, 60))
def test_accepted_rules_give_one_session_a_day_at_the_time_asked(rule: str, count: int) -> None:
    try:
        moments = list(parse_rule(rule, start=START, count=count))
    except ValidationError as error:
        # The only refusal left for these: the time of day set in the rule.
        assert "BYHOUR" in rule and "sets the time of day" in str(error)
        return
    assert "BYHOUR" not in rule
    assert len(moments) <= min(count, MAX_OCCURRENCES)
    assert moments == sorted(moments)
    days: list[date] = [m.date() for m in moments]
    assert len(days) == len(set(days))  # one session a day at most
    assert all(m.time() == time(17, 0) and m >= START for m in moments)
