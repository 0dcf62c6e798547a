"""What an invitation states besides time, place, title and cast: the attribution rule (the
event's and any part's own), the room and the agenda of the attached programme. A change to any
of them makes what was sent out of date, and the bar and the update say what changed.

The try-out that found it: an event changed from on the record to off the record after 11
invitations had gone out, and nothing proposed an update; the guests kept an email saying
"on the record".
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from export_reading import eml_text
from export_samples import seed_database
from planner.model import (
    AgendaItem,
    AttributionRule,
    Dispatch,
    DispatchKind,
    Event,
    Person,
    Room,
)
from planner.policy.fingerprints import FACETS, facets_fingerprint, message_facets
from planner.policy.sheet import Audience
from planner.services.dispatches import out_of_date
from planner.services.invitation_drafts import invitation_drafts, update_drafts
from planner.services.invitations import Recipients
from planner.services.operations import Record, SetField, apply
from planner.services.sheets import build
from planner.store import Database

NOW = datetime(2013, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(any_db: Database) -> Database:
    """Every test here on SQLite and, with a test server, on PostgreSQL."""
    return any_db


def _sent(db: Database) -> int:
    """The roundtable (Chatham House Rule) with an invitation sent to everyone not declined."""
    ids = seed_database(db)
    event = ids["roundtable"]
    batch = invitation_drafts(db, event, Recipients.EVERYONE, now=NOW)
    assert batch.operation is not None and batch.drafts
    apply(db, batch.operation)
    assert out_of_date(db, event).current
    return event


def _set(db: Database, event: int, field: str, value: object) -> None:
    apply(db, SetField(Record.EVENT, event, field, value, "Edit"))


def test_a_new_rule_makes_every_invitation_out_of_date_and_the_update_says_it(
    db: Database,
) -> None:
    event = _sent(db)
    _set(db, event, "attribution", AttributionRule.OFF_THE_RECORD)
    stale = out_of_date(db, event)
    assert stale.messages and all(m.changed == ("rule",) for m in stale.messages)
    n = len(stale.messages)
    assert stale.sentence() == (
        f"{n} invitations show the old attribution rule: the event is now off the record."
    )
    updates = update_drafts(db, event, now=NOW + timedelta(days=1))
    assert len(updates.drafts) == n
    text = eml_text(updates.drafts[0].content)
    assert "the attribution rule of the roundtable" in text
    assert "The roundtable is now off the record." in " ".join(text.split())
    assert updates.operation is not None
    apply(db, updates.operation)
    assert out_of_date(db, event).current


def test_back_on_the_record_says_so_although_on_the_record_has_no_notice(db: Database) -> None:
    event = _sent(db)
    _set(db, event, "attribution", AttributionRule.ON_THE_RECORD)
    assert "the event is now on the record." in out_of_date(db, event).sentence()
    text = " ".join(eml_text(update_drafts(db, event, now=NOW).drafts[0].content).split())
    assert "The roundtable is now on the record." in text


def test_a_part_held_under_its_own_rule_a_new_room_and_a_new_agenda_are_changes(
    db: Database,
) -> None:
    event = _sent(db)
    with db.session() as s:
        row = s.get(Event, event)
        assert row is not None and row.venue_id is not None
        starts, venue = row.starts_at, row.venue_id
        s.add(
            AgendaItem(
                event_id=event,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=30),
                title="Opening remarks",
            )
        )
        room = Room(venue_id=venue, name="Jinnah Hall", capacity=40)
        s.add(room)
        s.flush()
        item_id, room_id = (
            s.scalars(select(AgendaItem.id).where(AgendaItem.event_id == event)).one(),
            room.id,
        )
    assert {m.changed for m in out_of_date(db, event).messages} == {("agenda",)}
    apply(db, update_drafts(db, event, now=NOW).operation)  # type: ignore[arg-type]

    apply(db, SetField(Record.AGENDA_ITEM, item_id, "attribution", "off_the_record", "Rule"))
    assert {m.changed for m in out_of_date(db, event).messages} == {("rule",)}
    apply(db, update_drafts(db, event, now=NOW).operation)  # type: ignore[arg-type]

    _set(db, event, "room_id", room_id)
    assert {m.changed for m in out_of_date(db, event).messages} == {("place",)}
    # A new room in the same venue is called the room (the venue is named when it changes).
    assert "the room of the roundtable" in eml_text(update_drafts(db, event).drafts[0].content)


def test_messages_recorded_before_the_rule_was_compared_are_judged_on_what_they_recorded(
    db: Database,
) -> None:
    """A dispatch written by the previous version (time, place, title, cast) does not turn out of
    date on upgrade; it does when one of the facts it recorded changes."""
    ids = seed_database(db)
    event = ids["roundtable"]
    old = {k: v for k, v in message_facets(build(db, event, Audience.ATTENDEES)).items()}
    old = {k: old[k] for k in ("time", "place", "title", "cast")}
    assert set(FACETS) > set(old)
    with db.session() as s:
        person = s.scalars(select(Person.id).where(Person.email == "fatima@example.org")).one()
        s.add(
            Dispatch(
                event_id=event,
                person_id=person,
                kind=DispatchKind.INVITATION,
                audience="attendees",
                how="drafted",
                fingerprint=facets_fingerprint(old),
                shown=old,
                at=NOW,
            )
        )
    assert out_of_date(db, event).current
    _set(db, event, "title", "Pakistan and Russia")
    [message] = out_of_date(db, event).messages
    assert message.changed == ("title",)
