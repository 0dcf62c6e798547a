"""Calendar entries of an event over several days, and a title said once with its series.

A try-out's two-day conference (Thu 14 – Fri 15 Jan 2027, 09:00–18:00) came out as one 33-hour
VEVENT, shown in calendars as running through the night, with a description giving "0900 hours"
in no zone; a series session titled "Weekly Policy Seminar: Session 1" read "Weekly Policy
Seminar: Session 1 (Weekly Policy Seminar · Session 1)".
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, time
from email import message_from_bytes, policy
from zoneinfo import ZoneInfo

import icalendar
import pytest

from export_samples import SPEAKER, Audience, make_sheet
from planner.exports.eml import invitation_message, message_bytes
from planner.exports.ics import render_ics
from planner.model.enums import TimeStyle
from planner.policy.sheet import Sheet, WhenSheet
from planner.policy.timefmt import event_times

KARACHI = ZoneInfo("Asia/Karachi")
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=ZoneInfo("UTC"))


def _over(sheet: Sheet, start: datetime, end: datetime) -> Sheet:
    times = event_times(start, end, "Asia/Karachi", TimeStyle.HOURS)
    when = WhenSheet(
        starts_at=times.starts_at,
        ends_at=times.ends_at,
        time_zone="Asia/Karachi",
        date_text=times.date_text,
        start_time_text=times.start_time_text,
        end_time_text=times.end_time_text,
        time_range_text=times.time_range_text,
        long_text=times.long_text,
    )
    return dataclasses.replace(sheet, when=when)


def _only_event(data: bytes) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return event


@pytest.mark.parametrize("audience", list(Audience))
def test_a_two_day_conference_is_its_hours_on_each_day(audience: Audience) -> None:
    start = datetime(2027, 1, 14, 9, tzinfo=KARACHI)
    sheet = _over(make_sheet(audience), start, datetime(2027, 1, 15, 18, tzinfo=KARACHI))
    event = _only_event(render_ics([sheet], now=NOW))
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == datetime(2027, 1, 14, 18, tzinfo=KARACHI)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["DAILY"] and rule["COUNT"] == [2]
    assert event["UID"] == sheet.uid
    # The times name their zone, for a reader in London.
    description = str(event["DESCRIPTION"])
    assert "Thursday, 14 January – Friday, 15 January 2027" in description
    assert "0900–1800 hours (Asia/Karachi, UTC+05:00)" in description


def test_one_day_and_a_late_evening_stay_one_entry() -> None:
    sheet = make_sheet()
    event = _only_event(render_ics([sheet], now=NOW))
    assert "RRULE" not in event
    assert "1700–1900 hours (Asia/Karachi, UTC+05:00)" in str(event["DESCRIPTION"])
    late = _over(
        sheet,
        datetime(2027, 1, 14, 22, tzinfo=KARACHI),
        datetime(2027, 1, 15, 1, 30, tzinfo=KARACHI),
    )
    event = _only_event(render_ics([late], now=NOW))
    assert "RRULE" not in event
    assert event.decoded("DTEND").time() == time(1, 30)


SERIES_TITLES = [
    # (title, series label, what follows the title in brackets)
    ("Weekly Policy Seminar: Session 1", "Weekly Policy Seminar · Session 1", ""),
    ("Weekly Policy Seminar: Trade", "Weekly Policy Seminar · Session 4", "Session 4"),
    (
        "Pakistan – US Relations",
        "Pakistan Foreign Policy Review · Session 1",
        "Pakistan Foreign Policy Review · Session 1",
    ),
]


@pytest.mark.parametrize(("title", "label", "note"), SERIES_TITLES)
def test_the_series_is_said_once_in_the_calendar_and_the_invitation(
    title: str, label: str, note: str
) -> None:
    sheet = dataclasses.replace(make_sheet(Audience.ATTENDEES), title=title, series_label=label)
    wanted = f"{title} ({note})" if note else title
    assert str(_only_event(render_ics([sheet], now=NOW))["SUMMARY"]) == wanted
    raw = message_bytes(invitation_message(sheet, SPEAKER, [], now=NOW))
    message = message_from_bytes(raw, policy=policy.default)
    body = message.get_body(("plain",))
    assert body is not None
    text = " ".join(str(body.get_content()).split())
    assert f"“{title}”" + (f" ({note})" if note else "") + "." in text
    assert text.count("Weekly Policy Seminar") <= 1
