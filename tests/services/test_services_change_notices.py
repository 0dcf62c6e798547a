"""What a change notice says changed: the out-of-date bar's sentence and the update draft name
each fact by its own word (time, venue, room, title, agenda) and a change of cast by the
label of each role that changed (model/labels.py), never "speakers" for a rapporteur and
never a person's name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from export_reading import eml_text
from planner.model import (
    CAST_ROLES,
    AgendaItem,
    AgendaPerson,
    Event,
    Participation,
    Role,
    Room,
    Venue,
)
from planner.model.labels import ROLE_LABELS, ROLE_PLURALS
from planner.policy.fingerprints import ChangedFact, changed_facts, facts_phrase
from planner.services.dispatches import out_of_date
from planner.services.invitation_drafts import invitation_drafts, update_drafts
from planner.services.operations import Delete, Record, apply
from planner.store import Database

NOW = datetime(2013, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(any_db: Database) -> Database:
    """Every test here on SQLite and, with a test server, on PostgreSQL."""
    return any_db


def _invite_fatima(db: Database, event: int) -> None:
    """One invitation sent (to Fatima, a guest), as the event is now."""
    batch = invitation_drafts(db, event, now=NOW)
    assert len(batch.drafts) == 1 and batch.operation is not None
    apply(db, batch.operation)
    assert out_of_date(db, event).current


def _notices(db: Database, event: int) -> tuple[str, str]:
    """The bar's sentence and the update draft's text."""
    sentence = out_of_date(db, event).sentence()
    [draft] = update_drafts(db, event, now=NOW + timedelta(days=1)).drafts
    return sentence, eml_text(draft.content)


def _cast_row(db: Database, event: int, person_id: int) -> int:
    with db.session() as s:
        return s.scalars(
            select(Participation.id).where(
                Participation.event_id == event, Participation.person_id == person_id
            )
        ).one()


@pytest.mark.parametrize("role", CAST_ROLES, ids=lambda role: role.value)
def test_removing_someone_names_their_role(
    db: Database, seeded: dict[str, int], role: Role
) -> None:
    event = seeded["roundtable"]
    with db.session() as s:
        s.add(Participation(event_id=event, person_id=seeded["ayesha"], role=role, position=9))
    _invite_fatima(db, event)
    apply(db, Delete(Record.PARTICIPATION, _cast_row(db, event, seeded["ayesha"]), "Remove"))
    sentence, text = _notices(db, event)
    # The roundtable already has a chair and two speakers: one taken from two chairs, or from
    # three speakers, is a change of the group.
    several = role in (Role.CHAIR, Role.SPEAKER)
    word = (ROLE_PLURALS if several else ROLE_LABELS)[role].lower()
    verb = "have" if several else "has"
    assert sentence == f"1 invitation shows the old {word}."
    assert f"please note that the {word} of the roundtable" in text
    assert f"to which you were invited, {verb} changed" in " ".join(text.split())
    if role is not Role.SPEAKER:
        assert "speakers" not in sentence and "the speakers of" not in text
    assert "Siddiqa" not in sentence  # the bar names what, never whom


def test_adding_a_rapporteur_and_moving_the_event_are_named_together(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    _invite_fatima(db, event)
    with db.session() as s:
        s.add(Participation(event_id=event, person_id=seeded["ayesha"], role=Role.RAPPORTEUR))
        row = s.get(Event, event)
        assert row is not None
        row.starts_at += timedelta(hours=1)
        row.ends_at += timedelta(hours=1)
    sentence, text = _notices(db, event)
    assert sentence == "1 invitation shows the old time and rapporteur."
    assert "the time and rapporteur of the roundtable" in text
    assert "have changed" in " ".join(text.split())


def test_a_room_a_venue_and_the_agenda_are_each_named(db: Database, seeded: dict[str, int]) -> None:
    event = seeded["roundtable"]
    _invite_fatima(db, event)
    with db.session() as s:
        row = s.get(Event, event)
        assert row is not None
        room = Room(venue_id=row.venue_id, name="Main Hall")
        s.add(room)
        s.flush()
        row.room_id = room.id
    sentence, text = _notices(db, event)
    assert sentence == "1 invitation shows the old room."
    assert "the room of the roundtable" in text and "has changed" in text
    batch = update_drafts(db, event, now=NOW)
    assert batch.operation is not None
    apply(db, batch.operation)

    with db.session() as s:
        row = s.get(Event, event)
        assert row is not None
        other = Venue(name="Serena Hotel", city="Islamabad")
        s.add(other)
        s.flush()
        row.venue_id, row.room_id = other.id, None
    assert out_of_date(db, event).sentence() == "1 invitation shows the old venue."
    batch = update_drafts(db, event, now=NOW)
    assert batch.operation is not None
    apply(db, batch.operation)

    with db.session() as s:
        row = s.get(Event, event)
        assert row is not None
        item = AgendaItem(
            event_id=event,
            starts_at=row.starts_at,
            ends_at=row.starts_at + timedelta(minutes=30),
            title="Opening remarks",
        )
        s.add(item)
        s.flush()
        s.add(AgendaPerson(agenda_item_id=item.id, person_id=seeded["ayesha"], role=Role.HOST))
    sentence, text = _notices(db, event)
    assert sentence == "1 invitation shows the old agenda."
    assert "the agenda of the roundtable" in text
    batch = update_drafts(db, event, now=NOW)
    assert batch.operation is not None
    apply(db, batch.operation)

    # Moving the whole event moves its agenda with it: a change of time, not of the agenda.
    with db.session() as s:
        row = s.get(Event, event)
        assert row is not None
        for moved in (row, *row.agenda):
            moved.starts_at += timedelta(days=1)
            moved.ends_at += timedelta(days=1)
    assert out_of_date(db, event).sentence() == "1 invitation shows the old time."


def test_a_message_recorded_before_the_agenda_was_a_fact_is_not_stale_for_it() -> None:
    shown = {"time": "t", "place": "p", "title": "x", "cast": ["Chair: A"]}
    now = {**shown, "agenda": ["+0/+30 Opening: "], "venue": "V", "room": ""}
    assert changed_facts(shown, now) == ()
    # Nor is a change of place worded as more than the old record can tell.
    assert changed_facts(shown, {**now, "place": "q"}) == (ChangedFact("venue"),)


def test_the_cast_lines_name_every_role_that_changed_in_the_programme_order() -> None:
    shown = {"cast": ["Chair: A", "Speakers: B; C", "Rapporteur: D"]}
    now = {"cast": ["Chair: E", "Speaker: B", "Discussant: F"]}
    facts = changed_facts(shown, now)
    assert [f.word for f in facts] == ["chair", "speakers", "discussant", "rapporteur"]
    assert facts_phrase(facts) == ("chair, speakers, discussant and rapporteur", True)
    assert facts_phrase((ChangedFact("rapporteur"),)) == ("rapporteur", False)
    # A label this version does not know (a renamed one) still says the cast changed.
    assert changed_facts({"cast": ["Panellists: A"]}, {"cast": []}) == (ChangedFact("cast"),)


def test_every_role_label_reads_back_as_its_role() -> None:
    labels = [*ROLE_LABELS.values(), *ROLE_PLURALS.values()]
    assert len(set(labels)) == len(labels)
    assert all(":" not in label and ";" not in label for label in labels)
