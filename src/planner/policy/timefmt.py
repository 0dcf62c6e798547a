"""Dates and times written the organisation's way, in the event's zone.

``Tuesday, 12 March 2013``; ``1700 hours`` or ``5:00 pm``; ranges ``1700–1900 hours`` and
``5:00–7:00 pm``; agenda rows ``1700–1710``. English names are spelled out here rather than
taken from the system locale, so a programme prints the same on every laptop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.days import held_days, over_days
from planner.errors import PlannerError
from planner.model.enums import TimeStyle
from planner.zones import zone

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DASH = "\u2013"  # en dash, as printed ranges use


def local(moment: datetime, time_zone: str) -> datetime:
    """``moment`` (aware) in ``time_zone``."""
    if moment.tzinfo is None:
        raise PlannerError("a time without a zone cannot be printed; say which zone it is in")
    return moment.astimezone(zone(time_zone))


def date_text(moment: date, *, weekday: bool = True) -> str:
    """``Tuesday, 12 March 2013`` (of a date, or of a datetime's day)"""
    day = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    return f"{DAYS[moment.weekday()]}, {day}" if weekday else day


def _clock(moment: datetime, style: TimeStyle) -> tuple[str, str]:
    """The time without its suffix, and the suffix: ("1700", "hours") or ("5:00", "pm")."""
    if style == TimeStyle.HOURS:
        return f"{moment.hour:02d}{moment.minute:02d}", "hours"
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}", "am" if moment.hour < 12 else "pm"


def time_text(moment: datetime, style: TimeStyle) -> str:
    """``1700 hours`` or ``5:00 pm``"""
    clock, suffix = _clock(moment, style)
    return f"{clock} {suffix}"


def time_range_text(start: datetime, end: datetime, style: TimeStyle) -> str:
    """``1700–1900 hours`` / ``5:00–7:00 pm`` / ``11:00 am–1:00 pm``.

    An evening that ends after midnight says so: ``2200–0100 hours (next day)``. An event held
    over several days (planner.days) gives its hours, ``0900–1800 hours``: its date says which
    days, and it is read as held from its start time to its end time each day.
    """
    (start_clock, start_suffix), (end_clock, end_suffix) = _clock(start, style), _clock(end, style)
    if start_suffix == end_suffix:
        text = f"{start_clock}{DASH}{end_clock} {end_suffix}"
    else:
        text = f"{start_clock} {start_suffix}{DASH}{end_clock} {end_suffix}"
    if end.date() > start.date() and not over_days(start, end):
        text += " (next day)"
    return text


def agenda_time_text(start: datetime, end: datetime, style: TimeStyle) -> str:
    """The narrow timetable column: ``1700–1710`` or ``5:00–5:10 pm``."""
    if style == TimeStyle.HOURS:
        return f"{_clock(start, style)[0]}{DASH}{_clock(end, style)[0]}"
    return time_range_text(start, end, style).replace(" (next day)", "")


def event_date_text(start: datetime, end: datetime) -> str:
    """The date line's date: one day, or ``Tuesday, 12 March – Thursday, 14 March 2013``.

    An evening that runs past midnight is still dated the day it begins (planner.days).
    """
    days = held_days(start, end)
    first, last = days[0], days[-1]
    if first == last:
        return date_text(start)
    if first.year == last.year:
        return f"{date_text(first)[: -len(str(first.year)) - 1]} {DASH} {date_text(last)}"
    return f"{date_text(first)} {DASH} {date_text(last)}"


def long_text(start: datetime, style: TimeStyle, end: datetime | None = None) -> str:
    """``Tuesday, 12 March 2013 at 1700 hours``; over several days the span and the hours,
    ``Thursday, 14 January – Friday, 15 January 2027, 0900–1800 hours``."""
    if end is not None and over_days(start, end):
        return f"{event_date_text(start, end)}, {time_range_text(start, end, style)}"
    return f"{date_text(start)} at {time_text(start, style)}"


@dataclass(frozen=True, slots=True)
class EventTimes:
    starts_at: datetime
    ends_at: datetime
    date_text: str
    start_time_text: str
    end_time_text: str
    time_range_text: str
    long_text: str


def event_times(
    starts_at: datetime, ends_at: datetime, time_zone: str, style: TimeStyle
) -> EventTimes:
    """Everything a sheet prints about when an event is, in the event's zone."""
    start, end = local(starts_at, time_zone), local(ends_at, time_zone)
    return EventTimes(
        starts_at=start,
        ends_at=end,
        date_text=event_date_text(start, end),
        start_time_text=time_text(start, style),
        end_time_text=time_text(end, style),
        time_range_text=time_range_text(start, end, style),
        long_text=long_text(start, style, end),
    )
