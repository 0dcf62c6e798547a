"""Times as the window shows them, in the organisation's style (Organisation > Times): 24-hour
"17:00" for "1700 hours", or 12-hour "5:00 pm". The printed documents use policy.timefmt; the
window writes the 24-hour style with a colon, as clocks on screen do."""

from __future__ import annotations

from datetime import datetime

from planner.days import day_span_text
from planner.model.enums import TimeStyle

DASH = "–"


def _parts(moment: datetime, style: TimeStyle) -> tuple[str, str]:
    if style == TimeStyle.TWELVE_HOUR:
        hour = moment.hour % 12 or 12
        return f"{hour}:{moment.minute:02d}", "am" if moment.hour < 12 else "pm"
    return f"{moment.hour:02d}:{moment.minute:02d}", ""


def clock(moment: datetime, style: TimeStyle) -> str:
    """``17:00`` or ``5:00 pm``."""
    text, suffix = _parts(moment, style)
    return f"{text} {suffix}".strip()


def clock_range(start: datetime, end: datetime, style: TimeStyle) -> str:
    """``15:00–17:00``, ``3:00–5:00 pm`` or ``11:00 am–1:00 pm``."""
    (first, first_suffix), (last, last_suffix) = _parts(start, style), _parts(end, style)
    if first_suffix == last_suffix:
        return f"{first}{DASH}{last} {last_suffix}".strip()
    return f"{first} {first_suffix}{DASH}{last} {last_suffix}"


def event_span_text(start: datetime, end: datetime, style: TimeStyle) -> str:
    """When an event is, on screen: ``Tue 12 Mar 2013, 17:00–19:00``, or over several days
    ``Thu 14 – Fri 15 Jan 2027, 09:00–18:00`` (held 09:00–18:00 on each day). ``start`` and
    ``end`` are local, in the event's zone."""
    return f"{day_span_text(start, end)}, {clock_range(start, end, style)}"


def qt_time_format(style: TimeStyle) -> str:
    """The display format of a QTimeEdit or QDateTimeEdit's time in ``style``."""
    return "h:mm ap" if style == TimeStyle.TWELVE_HOUR else "HH:mm"
