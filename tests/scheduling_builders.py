"""Builders the scheduling tests share: events, people, rooms made with the ORM directly
(helpers; holds no tests itself)."""

from __future__ import annotations

import itertools
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from planner.model import (
    AgendaItem,
    AgendaPerson,
    Event,
    EventFormat,
    EventStatus,
    Invitation,
    InvitationStatus,
    Participation,
    Person,
    Role,
    Room,
    Venue,
)

KARACHI = ZoneInfo("Asia/Karachi")
LONDON = ZoneInfo("Europe/London")
_uids = itertools.count(1)


def at(
    year: int, month: int, day: int, hour: int, minute: int = 0, tz: ZoneInfo = KARACHI
) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def person(s: Session, given: str, family: str, honorific: str = "", **fields: str) -> Person:
    p = Person(honorific=honorific, given_name=given, family_name=family, **fields)
    s.add(p)
    s.flush()
    return p


def venue(s: Session, name: str, opens: time | None = None, closes: time | None = None) -> Venue:
    v = Venue(name=name, city="Islamabad", opens_at=opens, closes_at=closes)
    s.add(v)
    s.flush()
    return v


def room(s: Session, v: Venue, name: str, capacity: int | None = None) -> Room:
    r = Room(venue=v, name=name, capacity=capacity)
    s.add(r)
    s.flush()
    return r


def event(
    s: Session,
    title: str,
    starts: datetime,
    ends: datetime,
    *,
    tz: str = "Asia/Karachi",
    venue: Venue | None = None,
    room: Room | None = None,
    status: EventStatus = EventStatus.PLANNED,
    format: EventFormat = EventFormat.ROUNDTABLE,
    **fields: object,
) -> Event:
    e = Event(
        uid=f"test-{next(_uids)}@planner",
        title=title,
        starts_at=starts,
        ends_at=ends,
        time_zone=tz,
        venue=venue,
        room=room,
        status=status,
        format=format,
        **fields,
    )
    s.add(e)
    s.flush()
    return e


def cast(s: Session, e: Event, p: Person, role: Role = Role.SPEAKER) -> Participation:
    part = Participation(event=e, person=p, role=role)
    s.add(part)
    s.flush()
    return part


def invite(
    s: Session,
    e: Event,
    p: Person,
    status: InvitationStatus = InvitationStatus.ACCEPTED,
    sent_at: datetime | None = None,
) -> Invitation:
    inv = Invitation(event=e, person=p, status=status, sent_at=sent_at)
    s.add(inv)
    s.flush()
    return inv


def item(
    s: Session,
    e: Event,
    title: str,
    starts: datetime,
    ends: datetime,
    people: tuple[tuple[Person, Role], ...] = (),
) -> AgendaItem:
    it = AgendaItem(event=e, title=title, starts_at=starts, ends_at=ends)
    s.add(it)
    s.flush()
    for position, (p, role) in enumerate(people):
        s.add(AgendaPerson(agenda_item=it, person=p, role=role, position=position))
    s.flush()
    return it
