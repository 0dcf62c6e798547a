"""A series' own pattern, read back from the days its sessions fell on.

Plan Sessions… starts from it: a series that met on the second Tuesday of each month goes on
meeting on the second Tuesday. Plain dates in, a :class:`SeriesPattern` (or None) out, so the
reading is tested without a database.

How the days are read: each candidate pattern anchored on the last session, or on the one
before (the last may be the one moved for a holiday): weekly and every two weeks on its
weekday, monthly on its weekday and week of the month ("the last" as well when it is the
month's last such weekday), lays its own dates from the first session to its anchor;
the candidate whose dates agree best with the sessions' days wins (the share of the days in
both, out of the days in either). It must agree on at least :data:`AGREEMENT` of them and on
two sessions or more, so one session moved for a holiday does not hide the pattern, a month
off in summer neither, but two sessions three weeks apart give none. When all the sessions
agree on none, the latest ones are read without the earliest, one less at a time: the pattern
is that of the longest latest run that has one (a series that changed its day keeps the new).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# How much the days and a pattern's dates must agree (see the module's notes).
AGREEMENT = 0.6


class Repeat(StrEnum):
    """How Plan Sessions… asks for the dates; a pattern is one of the first three."""

    MONTHLY = "monthly"  # the nth weekday of each month ("second Tuesday")
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    DATES = "dates"  # a list of days
    CUSTOM = "custom"  # an RFC 5545 rule typed in


@dataclass(frozen=True)
class SeriesPattern:
    """``weekday`` is 0 (Monday) to 6; ``nth`` (monthly only) 1 to 4, or -1 for the last such
    weekday of the month; ``last`` the session the pattern was read from (the last, or the
    one before when the last was moved), which weekly and fortnightly patterns count from."""

    repeat: Repeat
    weekday: int
    nth: int
    last: date

    def first_on_or_after(self, day: date) -> date:
        """The pattern's first date on or after ``day`` (a fortnight keeps its phase)."""
        return next(_days_after(self, day - timedelta(days=1)))


def week_of_month(day: date) -> int:
    """1 for the first such weekday of its month, ... 5 for a fifth."""
    return (day.day - 1) // 7 + 1


def is_last_of_month(day: date) -> bool:
    """Whether no later day of the month falls on the same weekday."""
    return (day + timedelta(days=7)).month != day.month


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The ``nth`` ``weekday`` of the month (-1: the last); None when the month has no fifth."""
    if nth == -1:
        following = date(year + month // 12, month % 12 + 1, 1)
        day = following - timedelta(days=1)
        return day - timedelta(days=(day.weekday() - weekday) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def _days_after(pattern: SeriesPattern, after: date) -> Iterator[date]:
    """The pattern's dates after ``after``, in order, without end."""
    if pattern.repeat is not Repeat.MONTHLY:
        step = 7 if pattern.repeat is Repeat.WEEKLY else 14
        # The first date after ``after`` that is a whole number of steps from the anchor.
        day = pattern.last + timedelta(days=step * ((after - pattern.last).days // step + 1))
        while True:
            yield day
            day += timedelta(days=step)
    year, month = after.year, after.month
    while True:
        found = _nth_weekday(year, month, pattern.weekday, pattern.nth)
        if found is not None and found > after:
            yield found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _laid_out(pattern: SeriesPattern, first: date) -> set[date]:
    """The pattern's dates from ``first`` to its anchor (the last session), both included."""
    if pattern.repeat is not Repeat.MONTHLY:
        step = 7 if pattern.repeat is Repeat.WEEKLY else 14
        span = (pattern.last - first).days // step
        return {pattern.last - timedelta(days=step * k) for k in range(span + 1)}
    found: set[date] = set()
    year, month = first.year, first.month
    while (year, month) <= (pattern.last.year, pattern.last.month):
        day = _nth_weekday(year, month, pattern.weekday, pattern.nth)
        if day is not None and first <= day <= pattern.last:
            found.add(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _candidates(last: date) -> list[SeriesPattern]:
    weekday = last.weekday()
    found = [
        SeriesPattern(Repeat.WEEKLY, weekday, 0, last),
        SeriesPattern(Repeat.FORTNIGHTLY, weekday, 0, last),
    ]
    nth = week_of_month(last)
    if nth <= 4:
        found.append(SeriesPattern(Repeat.MONTHLY, weekday, nth, last))
    if is_last_of_month(last):
        found.append(SeriesPattern(Repeat.MONTHLY, weekday, -1, last))
    return found


def _best_fit(held: set[date]) -> tuple[SeriesPattern | None, float]:
    """The candidate that agrees best with ``held`` (two days or more) and how well."""
    ordered = sorted(held)
    first = ordered[0]
    best: SeriesPattern | None = None
    best_score = 0.0
    # Anchored on the last session, or on the one before when the last was moved off it.
    candidates = [c for anchor in ordered[-1:-3:-1] for c in _candidates(anchor)]
    for candidate in candidates:
        laid = _laid_out(candidate, first)
        shared = len(laid & held)
        score = shared / len(laid | held)
        if shared >= 2 and score > best_score:
            best, best_score = candidate, score
    return best, best_score


def series_pattern(days: Iterable[date]) -> SeriesPattern | None:
    """The pattern the sessions' ``days`` follow, or None (fewer than two sessions, or no
    pattern agrees well enough; see the module's notes). Earlier candidates win ties: weekly
    before every two weeks before monthly, a numbered week before "the last".

    The longest run of latest sessions that has a pattern decides: a series that met on
    Thursdays years ago and on second Tuesdays since goes on on the second Tuesday."""
    ordered = sorted(set(days))
    for start in range(len(ordered) - 1):
        found, score = _best_fit(set(ordered[start:]))
        if found is not None and score >= AGREEMENT:
            return found
    return None
