"""Time zones: the one helper every room uses, and the one fallback zone.

An event is held (and printed) in its own zone, ``Event.time_zone``. A new event gets the
organisation's zone (``Organisation.time_zone``, set in the Organisation view), and an event
that has none (an old package) follows the organisation's. Only when there is no organisation
setting at all (a fresh database before anyone opened the Organisation view) does planner fall
back to :data:`FALLBACK_ZONE`: here, and nowhere else.

A top-level module, like errors.py, so that model, store, policy, scheduling, services, the
renderers and the window all use the same rules without importing one another.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from planner.errors import PlannerError

# The zone of a database with no organisation setting yet. Planner was written for a think
# tank in Islamabad; a fresh database keeps behaving as it always has.
FALLBACK_ZONE = "Asia/Karachi"


def zone(name: str) -> ZoneInfo:
    """The zone called ``name``; a PlannerError naming it when there is no such zone."""
    try:
        return ZoneInfo(name)
    # OSError: a name too long for a file name in the zone database.
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise PlannerError(unknown_zone(name)) from error


def zone_or_utc(name: str) -> ZoneInfo:
    """The zone called ``name``; UTC when the name is empty or unknown. For sentences and lists
    that must still be written when a zone name was mistyped (a finding about a clash, the
    events list), never for a printed document."""
    try:
        return zone(name) if name else ZoneInfo("UTC")
    except PlannerError:
        return ZoneInfo("UTC")


def unknown_zone(name: str) -> str:
    """The one message for a zone name that is not one."""
    return f"unknown time zone {name!r} (use an IANA name such as Europe/London)"


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone, sorted; the legacy aliases without a slash (``EST``) left out.
    (Read from tzdata once: it lists a directory tree.)"""
    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))


def is_zone(name: str) -> bool:
    """Whether ``name`` is a zone planner offers (see :func:`zone_names`)."""
    return name in _zone_set()


@cache
def _zone_set() -> frozenset[str]:
    return frozenset(zone_names())


def held_in(*names: str | None) -> str:
    """The first zone named: ``held_in(event.time_zone, organisation.time_zone)`` is the zone
    an event is held in; with none named, the fallback."""
    return next((name for name in names if name), FALLBACK_ZONE)
