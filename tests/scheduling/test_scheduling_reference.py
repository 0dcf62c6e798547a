"""The SQL conflict rules against a plain Python reference on random small schedules.

The reference compares every pair of events in Python (what the SQL must not do at scale, but
can be trusted at this size); both must find the same conflicts, and the one-event check must
agree with the whole-database check for every event.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from itertools import combinations

from sqlalchemy import delete

from planner.days import held_days
from planner.model import (
    AgendaItem,
    AgendaPerson,
    Event,
    EventStatus,
    Invitation,
    InvitationStatus,
    Participation,
    Person,
    Role,
    Room,
    Venue,
)
from planner.scheduling.conflicts import all_conflicts, conflicted_event_ids, event_conflicts
from planner.store import Database

BUFFER = timedelta(minutes=30)
# Kept free around a session at one venue (the rule's own constant would make the test agree
# with itself; this is the documented figure).
MARGIN = timedelta(minutes=15)
SESSION_ROLES = {Role.SPEAKER, Role.KEYNOTE, Role.DISCUSSANT}
DAY = datetime(2026, 5, 4, 6, tzinfo=UTC)

Key = tuple[str, frozenset[int], tuple[int, ...]]
HOURS = [(time(8), time(20)), (time(6), time(12)), (time(18), time(2)), (time(7), time(7))]


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _keeps_hours(start: datetime, end: datetime, opens: time, closes: time) -> bool:
    """The opening-hours rule written out plainly: every opening period from the day before the
    start to the day after the end; the event fits in one, or (held over several days) starts
    inside one and ends inside another."""
    if opens == closes:
        return True
    periods = []
    day = start.date() - timedelta(days=1)
    while day <= end.date() + timedelta(days=1):
        finish_day = day + timedelta(days=1) if closes <= opens else day
        periods.append(
            (datetime.combine(day, opens, UTC), datetime.combine(finish_day, closes, UTC))
        )
        day += timedelta(days=1)
    if any(a <= start and end <= b for a, b in periods):
        return True
    starts_inside = any(a <= start < b for a, b in periods)
    ends_inside = any(a < end <= b for a, b in periods)
    return len(held_days(start, end)) > 1 and starts_inside and ends_inside


def _random_schedule(db: Database, rng: random.Random) -> None:
    with db.session() as s:
        for table in (AgendaPerson, AgendaItem, Invitation, Participation, Event, Room, Venue):
            s.execute(delete(table))
        s.execute(delete(Person))
        venues = [Venue(name=f"V{i}") for i in range(3)]
        s.add_all(venues)
        s.flush()
        rooms = [
            Room(venue=v, name=f"R{i}", capacity=rng.choice([None, 2, 3]))
            for v in venues
            for i in range(2)
        ]
        people = [Person(given_name=f"P{i}", family_name="X") for i in range(6)]
        s.add_all([*rooms, *people])
        s.flush()
        for n in range(10):
            # Times on a 15-minute grid over two days, so ties and touching ends happen.
            starts = DAY + timedelta(minutes=15 * rng.randrange(0, 4 * 30))
            ends = starts + timedelta(minutes=15 * rng.randrange(1, 12))
            place = rng.random()
            room = rng.choice(rooms) if place < 0.6 else None
            venue = room.venue if room else (rng.choice(venues) if place < 0.85 else None)
            status = rng.choice([EventStatus.PLANNED] * 5 + [EventStatus.CANCELLED])
            e = Event(
                uid=f"ref-{n}", title=f"E{n}", starts_at=starts, ends_at=ends,
                venue=venue, room=room, status=status, time_zone="UTC",
            )  # fmt: skip
            s.add(e)
            s.flush()
            for p in rng.sample(people, rng.randrange(0, 3)):
                s.add(
                    Participation(
                        event=e,
                        person=p,
                        role=rng.choice([Role.CHAIR, Role.PARTICIPANT, Role.SPEAKER, Role.KEYNOTE]),
                    )
                )
            for p in rng.sample(people, rng.randrange(0, 3)):
                status_ = rng.choice([InvitationStatus.ACCEPTED, InvitationStatus.INVITED])
                s.add(Invitation(event=e, person=p, status=status_))
            for k in range(rng.randrange(0, 4)):
                item_start = starts + timedelta(minutes=15 * rng.randrange(-1, 5))
                it = AgendaItem(
                    event=e, title=f"I{n}.{k}", starts_at=item_start,
                    ends_at=item_start + timedelta(minutes=15 * rng.randrange(1, 4)),
                )  # fmt: skip
                s.add(it)
                s.flush()
                for p in rng.sample(people[:3], rng.randrange(0, 3)):
                    s.add(AgendaPerson(agenda_item=it, person=p, role=Role.SPEAKER))
        # Opening hours (day, evening past midnight, round the clock) and some events stretched
        # over two or three days, from a generator of their own so the draws above stay as they
        # were.
        extra = random.Random(rng.random())
        for v in venues:
            if extra.random() < 0.8:
                v.opens_at, v.closes_at = extra.choice(HOURS)
        for e in s.query(Event).all():
            if extra.random() < 0.3:
                e.ends_at = e.ends_at + timedelta(days=extra.randrange(1, 3))


# (starts_at, ends_at, is an agenda item): one stretch of time a person is taken by an event.
Stretch = tuple[datetime, datetime, bool]


def _busy(e: Event, person_id: int) -> list[Stretch]:
    """When ``person_id`` is taken by ``e``: the agenda items they are named in, and the whole
    event for an accepted invitation, a role that covers the event, or a speaker's role with
    no agenda item of theirs."""
    items = [
        (it.starts_at, it.ends_at, True)
        for it in e.agenda
        if any(ap.person_id == person_id for ap in it.people)
    ]
    roles = {p.role for p in e.participations if p.person_id == person_id}
    guest = any(
        i.person_id == person_id and i.status == InvitationStatus.ACCEPTED for i in e.invitations
    )
    whole = guest or bool(roles - SESSION_ROLES) or (bool(roles) and not items)
    return [(e.starts_at, e.ends_at, False)] * whole + items


def _person_clash(a: Event, b: Event, person_id: int, seen: set[str]) -> str | None:
    """The code for one person in two events, compared stretch by stretch; ``seen`` collects
    which way of deciding was needed (so the test can tell the random data reached it)."""
    codes = set()
    two_venues = a.venue_id and b.venue_id and a.venue_id != b.venue_id
    for a_start, a_end, a_item in _busy(a, person_id):
        for b_start, b_end, b_item in _busy(b, person_id):
            gap = max(b_start - a_end, a_start - b_end)
            if a_start < b_end and b_start < a_end:
                codes.add("person_double_booked")
            elif two_venues and gap < BUFFER:
                codes.add("person_travel_buffer")
            elif not two_venues and (a_item or b_item) and gap < MARGIN:
                codes.add("person_double_booked (near miss)")
    if "person_double_booked" in codes:
        return "person_double_booked"
    if a.starts_at < b.ends_at and b.starts_at < a.ends_at:
        seen.add("overlapping events, separate sessions")
    if "person_travel_buffer" in codes:
        return "person_travel_buffer"
    if codes:
        seen.add("near miss")
        return "person_double_booked"
    return None


def _reference(db: Database, seen: set[str]) -> set[Key]:
    found: set[Key] = set()
    with db.session() as s:
        events = [e for e in s.query(Event).all() if e.status == EventStatus.PLANNED]
        members: dict[int, set[int]] = {}
        for e in events:
            ids = {p.person_id for p in e.participations}
            ids |= {i.person_id for i in e.invitations if i.status == InvitationStatus.ACCEPTED}
            ids |= {ap.person_id for it in e.agenda for ap in it.people}
            members[e.id] = ids
        for a, b in combinations(events, 2):
            pair = frozenset({a.id, b.id})
            overlap = a.starts_at < b.ends_at and b.starts_at < a.ends_at
            for p in members[a.id] & members[b.id]:
                code = _person_clash(a, b, p, seen)
                if code is not None:
                    found.add((code, pair, (p,)))
            if overlap and a.venue_id is not None and a.venue_id == b.venue_id:
                if a.room_id is not None and a.room_id == b.room_id:
                    found.add(("room_double_booked", pair, ()))
                elif a.room_id is None or b.room_id is None:
                    found.add(("venue_double_booked", pair, ()))
        for e in events:
            one = frozenset({e.id})
            for it in e.agenda:
                if it.starts_at < e.starts_at or it.ends_at > e.ends_at:
                    found.add(("agenda_outside_event", one, ()))
            for i1, i2 in combinations(e.agenda, 2):
                if i1.starts_at < i2.ends_at and i2.starts_at < i1.ends_at:
                    found.add(("agenda_items_overlap", one, ()))
                    for p in {x.person_id for x in i1.people} & {x.person_id for x in i2.people}:
                        found.add(("person_in_overlapping_items", one, (p,)))
            place = e.venue
            if place is not None and place.opens_at is not None and place.closes_at is not None:
                start, end = (_utc(t) for t in (e.starts_at, e.ends_at))
                if not _keeps_hours(start, end, place.opens_at, place.closes_at):
                    found.add(("outside_opening_hours", one, ()))
            capacity = e.room.capacity if e.room is not None else None
            if capacity is not None and len(members[e.id]) > capacity:
                found.add(("over_capacity", one, ()))
    return found


def _keys(findings: list) -> set[Key]:  # type: ignore[type-arg]
    return {
        (f.code, frozenset(f.event_ids), f.person_ids if "person" in f.code else ())
        for f in findings
    }


def test_sql_rules_agree_with_the_python_reference(db: Database) -> None:
    seen_codes: set[str] = set()
    seen_person_rules: set[str] = set()
    for seed in range(25):
        rng = random.Random(seed)
        _random_schedule(db, rng)
        expected = _reference(db, seen_person_rules)
        seen_codes |= {code for code, _, _ in expected}
        with db.session() as s:
            found = all_conflicts(s)
            assert _keys(found) == expected, seed
            # Each conflict once (agenda overlaps come once per pair of items).
            assert len(found) == len(
                {(f.code, f.event_ids, f.agenda_item_ids, f.person_ids) for f in found}
            )
            assert conflicted_event_ids(s) == {i for _, ids, _ in expected for i in ids}
            # A window keeps the conflicts whose events all meet it.
            start = DAY + timedelta(hours=rng.randrange(0, 36))
            end = start + timedelta(hours=rng.randrange(1, 24))
            spans = {e.id: (e.starts_at, e.ends_at) for e in s.query(Event).all()}
            inside = {i for i, (a, b) in spans.items() if b > start and a < end}
            in_window = {k for k in expected if k[1] <= inside}
            assert _keys(all_conflicts(s, start=start, end=end)) == in_window, seed
            only_start = {k for k in expected if all(spans[i][1] > start for i in k[1])}
            assert _keys(all_conflicts(s, start=start)) == only_start, seed
            for event_id in {i for _, ids, _ in expected for i in ids}:
                alone = event_conflicts(s, event_id)
                assert all(f.event_ids[0] == event_id for f in alone)
                involving = {k for k in expected if event_id in k[1]}
                assert _keys(alone) == involving, (seed, event_id)
    # A person in two overlapping events whose own sessions do not clash, and a session too
    # close to another engagement, both came up.
    assert seen_person_rules == {"overlapping events, separate sessions", "near miss"}
    # The random schedules exercised every rule the reference knows.
    assert seen_codes == {
        "person_double_booked",
        "person_travel_buffer",
        "room_double_booked",
        "venue_double_booked",
        "agenda_outside_event",
        "agenda_items_overlap",
        "person_in_overlapping_items",
        "over_capacity",
        "outside_opening_hours",
    }
