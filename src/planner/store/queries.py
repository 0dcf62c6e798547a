"""Read-only lookups the command line (and anyone else) lists things with."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.model import Event


def all_events(session: Session) -> list[Event]:
    """Every event, earliest first."""
    return list(session.scalars(select(Event).order_by(Event.starts_at, Event.id)))


def all_event_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Event.id).order_by(Event.starts_at, Event.id)))
