"""Events over several days: the days an event is held on, and how the window writes its span.

A top-level module, like zones.py, so that policy (the printed dates and the programme's day
headings), scheduling (opening hours), exports (one calendar entry per day) and the window (the
events list, the editor's header, the month view) share one reading of "which days":

* the days from the event's start to its end, in the event's own zone (callers pass local times);
* an end at midnight sharp closes the day before (09:00–24:00 is one day);
* an evening that runs past midnight but lasts less than a day (22:00–01:30) is held on the day
  it begins, as its printed date says.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

DASH = "\u2013"  # en dash
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def held_days(start: datetime, end: datetime) -> tuple[date, ...]:
    """The dates an event from ``start`` to ``end`` (both local, in the event's zone) is held on,
    first to last."""
    first = start.date()
    last = end.date()
    if end > start and end.time() == time(0):
        last -= timedelta(days=1)
    if last <= first or ((last - first).days == 1 and end - start < timedelta(days=1)):
        return (first,)
    return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))


def over_days(start: datetime, end: datetime) -> bool:
    """Whether the event is held on more than one day (a conference, not a late evening)."""
    return len(held_days(start, end)) > 1


def short_day_text(day: date) -> str:
    """``Thu 14 Jan 2027`` (no leading zero on the day, the same on every locale)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def day_span_text(start: datetime, end: datetime) -> str:
    """``Thu 14 Jan 2027``, or the first and last day: ``Thu 14 – Fri 15 Jan 2027``,
    ``Mon 30 Nov – Tue 1 Dec 2026``, ``Thu 31 Dec 2026 – Fri 1 Jan 2027``."""
    days = held_days(start, end)
    first, last = days[0], days[-1]
    if first == last:
        return short_day_text(first)
    head = f"{_WEEKDAYS[first.weekday()]} {first.day}"
    if first.year != last.year:
        head = short_day_text(first)
    elif first.month != last.month:
        head += f" {_MONTHS[first.month - 1]}"
    return f"{head} {DASH} {short_day_text(last)}"
