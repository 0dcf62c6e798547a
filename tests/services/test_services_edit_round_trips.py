"""Every edit the event editor makes, as an operation: undo puts back exactly what was there,
redo exactly what the edit made, and any sequence of edits undone in reverse order leaves the
event as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from planner.model import AgendaKind, Event, Person, Role, Room, Series, Venue
from planner.services.agenda import AddAgendaItem, RemoveAgendaItem, ReorderAgenda, SetItemMinutes
from planner.services.cast import (
    AddNewPerson,
    AddToCast,
    RemoveFromCast,
    ReplaceInCast,
    SetConsent,
    reorder_cast,
)
from planner.services.events import ChangeSeries, MoveEvent, create_from_template
from planner.services.invitations import mark_sent
from planner.services.operations import (
    Batch,
    Delete,
    Insert,
    Operation,
    Record,
    SetField,
    apply,
)
from planner.services.snapshot import EventSnapshot, event_snapshot
from planner.store import Database

State = tuple[EventSnapshot, int]


def _state(db: Database, event_id: int) -> State:
    with db.session() as session:
        people = int(session.scalar(select(func.count()).select_from(Person)) or 0)
    return event_snapshot(db, event_id), people


@dataclass(frozen=True)
class Fixture:
    people: list[int]
    series_id: int
    venue_id: int


def _setup(db: Database) -> tuple[int, Fixture]:
    """A roundtable in a room, with a chair in the cast and the agenda, two speakers, one
    invitation; a series and a venue it is not linked to."""
    with db.session() as session:
        series = Series(title="Pakistan Foreign Policy Review")
        venue = Venue(name="Marriott")
        other = Venue(name="Serena")
        session.add_all([series, venue, other])
        session.flush()
        room = Room(venue_id=venue.id, name="Hall A", capacity=40)
        session.add(room)
        session.flush()
        links = (series.id, other.id, venue.id, room.id)
        people = [
            Person(given_name="Sehar", family_name="Kamran"),
            Person(given_name="Khalid", family_name="Khattak"),
            Person(given_name="Wang", family_name="Lei"),
            Person(given_name="محمد", family_name="خان"),
        ]
        session.add_all(people)
        session.flush()
        ids = [p.id for p in people]
    event_id = create_from_template(db, "roundtable", title="Gulf", day=date(2030, 3, 12))
    apply(db, SetField(Record.EVENT, event_id, "venue_id", links[2], "Venue"))
    apply(db, SetField(Record.EVENT, event_id, "room_id", links[3], "Room"))
    snapshot = event_snapshot(db, event_id)
    first_item = snapshot.agenda[0].id
    for operation in (
        AddToCast(event_id, ids[0], Role.CHAIR, "Add chair"),
        AddToCast(event_id, ids[1], Role.SPEAKER, "Add speaker"),
        AddToCast(event_id, ids[2], Role.SPEAKER, "Add speaker"),
        Insert(
            Record.AGENDA_PERSON,
            {"agenda_item_id": first_item, "person_id": ids[0], "role": Role.CHAIR},
            "Add person to item",
        ),
        Insert(Record.INVITATION, {"event_id": event_id, "person_id": ids[3]}, "Invite"),
    ):
        apply(db, operation)
    return event_id, Fixture(ids, links[0], links[1])


# Each edit, built from the event as it stands (ids, the agenda, the cast).
Edit = Callable[[EventSnapshot, Fixture], Operation]

EDITS: dict[str, Edit] = {
    "title": lambda s, f: SetField(Record.EVENT, s.id, "title", "Water", "Edit title"),
    "key issues": lambda s, f: SetField(
        Record.EVENT, s.id, "key_issues", ["Indus", "Gulf"], "Edit key issues"
    ),
    "venue": lambda s, f: Batch(
        "Change venue",
        (
            SetField(Record.EVENT, s.id, "venue_id", f.venue_id, "Change venue"),
            SetField(Record.EVENT, s.id, "room_id", None, "Change venue"),
        ),
        s.id,
    ),
    "move": lambda s, f: MoveEvent(
        s.id, s.starts_at + timedelta(days=1), s.ends_at + timedelta(days=1, hours=1), "Asia/Dubai"
    ),
    "series": lambda s, f: ChangeSeries(s.id, f.series_id),
    "reorder agenda": lambda s, f: ReorderAgenda(
        s.id, tuple(reversed([item.id for item in s.agenda]))
    ),
    "minutes": lambda s, f: SetItemMinutes(s.id, s.agenda[0].id, 45),
    "add item": lambda s, f: AddAgendaItem(s.id, "Tea", 15, AgendaKind.BREAK),
    "remove item": lambda s, f: RemoveAgendaItem(s.id, s.agenda[0].id),
    "item title": lambda s, f: SetField(
        Record.AGENDA_ITEM, s.agenda[-1].id, "title", "Close", "Edit item"
    ),
    "replace chair": lambda s, f: ReplaceInCast(s.cast[0].participation_id, f.people[3], "Replace"),
    "remove chair": lambda s, f: RemoveFromCast(s.cast[0].participation_id, "Remove", s.id),
    "add new person": lambda s, f: AddNewPerson(
        s.id, {"given_name": "Li", "family_name": "Na"}, Role.MODERATOR
    ),
    "reorder cast": lambda s, f: reorder_cast(
        {m.participation_id: len(s.cast) - i for i, m in enumerate(s.cast)}, event_id=s.id
    ),
    "consent": lambda s, f: SetConsent(s.id, f.people[0], (True, "Former Ambassador")),
    "mark sent": lambda s, f: mark_sent(
        [i.id for i in s.invitations], datetime(2030, 3, 1, tzinfo=UTC), "Mark sent", s.id
    ),
    "remove invitation": lambda s, f: Delete(Record.INVITATION, s.invitations[0].id, "Remove"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_undo_and_redo_put_back_exactly(db: Database, name: str) -> None:
    event_id, fixture = _setup(db)
    before = _state(db, event_id)
    done = apply(db, EDITS[name](before[0], fixture))
    after = _state(db, event_id)
    assert after != before, f"{name} changed nothing"
    undone = apply(db, done.inverse)
    assert _state(db, event_id) == before
    apply(db, undone.inverse)
    assert _state(db, event_id) == after


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(names=st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=6))
def test_any_sequence_undone_in_reverse_leaves_the_event_as_it_was(
    db: Database, names: list[str]
) -> None:
    with db.session() as session:  # each example starts from an empty database
        for model in (Event, Person, Series, Venue):
            for row in session.scalars(select(model)):
                session.delete(row)
    event_id, fixture = _setup(db)
    states = [_state(db, event_id)]
    inverses: list[Operation] = []
    for name in names:
        snapshot = states[-1][0]
        try:
            operation = EDITS[name](snapshot, fixture)
        except IndexError:  # nothing left to edit that way (the agenda or cast is empty)
            continue
        try:
            done = apply(db, operation)
        except Exception:  # refused (a person who already has the role): nothing changed
            assert _state(db, event_id) == states[-1]
            continue
        inverses.append(done.inverse)
        states.append(_state(db, event_id))
    for inverse, expected in zip(reversed(inverses), reversed(states[:-1]), strict=True):
        apply(db, inverse)
        assert _state(db, event_id) == expected
