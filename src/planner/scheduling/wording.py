"""How findings name people, roles, events and times in their sentences.

Findings are read by organisers on screen and in a terminal, so they use the plain person style
("Senator Sehar Kamran", without post-nominals) and local wall-clock times in the event's zone
("Tue 12 Mar 2013 17:00–18:00").
"""

from __future__ import annotations

from datetime import datetime, timedelta

from planner.model import Role, labels
from planner.policy.names import Name, sentence_style
from planner.zones import zone_or_utc

# Roles in the middle of a finding's sentence ("keynote speaker"): the labels, in lower case.
ROLE_LABELS: dict[Role, str] = {role: label.lower() for role, label in labels.ROLE_LABELS.items()}

# What an accepted invitation makes someone, in the same sentences as the roles.
GUEST_LABEL = "a guest"


def person_name(honorific: str, given_name: str, family_name: str) -> str:
    """``Senator Sehar Kamran``, ``王伟``: the policy's sentence style (no post-nominals)."""
    return sentence_style(Name(honorific, given_name, family_name)) or "(unnamed person)"


def quoted(title: str) -> str:
    return f"'{title}'"


def day_text(moment: datetime) -> str:
    """``Tue 12 Mar 2013`` (no leading zero on the day, locale-independent)."""
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def time_text(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def span_text(starts_at: datetime, ends_at: datetime, zone_name: str) -> str:
    """``Tue 12 Mar 2013 17:00–18:00``, or both days when the span crosses midnight."""
    where = zone_or_utc(zone_name)
    start = starts_at.astimezone(where)
    end = ends_at.astimezone(where)
    # An end at midnight sharp belongs to the day it closes, not the next one.
    end_day = (end - timedelta(microseconds=1)).date() if end > start else end.date()
    if end_day == start.date():
        return f"{day_text(start)} {time_text(start)}–{time_text(end)}"
    return f"{day_text(start)} {time_text(start)} – {day_text(end)} {time_text(end)}"


def moment_text(moment: datetime, zone_name: str) -> str:
    local = moment.astimezone(zone_or_utc(zone_name))
    return f"{day_text(local)} {time_text(local)}"


def minutes_text(minutes: int) -> str:
    if minutes == 1:
        return "1 minute"
    if minutes < 120 or minutes % 60:
        return f"{minutes} minutes"
    return f"{minutes // 60} hours"


def count_text(count: int, singular: str, plural: str | None = None) -> str:
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count} {word}"
