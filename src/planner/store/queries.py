"""Read-only lookups the command line (and anyone else) lists things with."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.model import Event, Organisation
from planner.zones import held_in


def office_zone(session: Session) -> str:
    """The organisation's time zone (the fallback zone before anyone set it): the zone of the
    times a person did something, in the history, the Invitations list and edit conflicts."""
    return held_in(session.scalar(select(Organisation.time_zone).limit(1)))


def all_events(session: Session) -> list[Event]:
    """Every event, earliest first."""
    return list(session.scalars(select(Event).order_by(Event.starts_at, Event.id)))


def all_event_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Event.id).order_by(Event.starts_at, Event.id)))
