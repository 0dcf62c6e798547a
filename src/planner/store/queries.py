"""Read-only lookups the command line (and anyone else) lists things with."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.model import Event, Person


def all_events(session: Session) -> list[Event]:
    """Every event, earliest first."""
    return list(session.scalars(select(Event).order_by(Event.starts_at, Event.id)))


def all_event_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Event.id).order_by(Event.starts_at, Event.id)))


def find_people(session: Session, text: str = "") -> list[Person]:
    """People whose name, email, position or affiliation contains ``text`` (any case, any
    script: compared in Python, since SQLite's lower() only folds ASCII)."""
    people = list(session.scalars(select(Person).order_by(Person.id)))
    needle = " ".join(text.casefold().split())
    if not needle:
        return people
    return [person for person in people if needle in _haystack(person)]


def _haystack(person: Person) -> str:
    fields = (
        person.honorific,
        person.given_name,
        person.family_name,
        person.post_nominals,
        person.email,
        person.position,
        person.affiliation,
        person.short_style,
    )
    return " ".join(" ".join(fields).casefold().split())
