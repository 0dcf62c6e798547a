"""The event's contact (free text, "Dr Ayesha Siddiqa, +92 300 000 0303") and the person it
names: a warning once that person is no longer part of the event, and never a deleted person
printed (deleting them empties the contact; undo puts it back)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from export_reading import eml_text
from planner.model import Change, Event, Invitation, Participation, Person, Role
from planner.policy.sheet import Audience
from planner.services.checks import event_findings_of
from planner.services.dispatches import out_of_date
from planner.services.event_contact import (
    CONTACT_NOT_LINKED,
    events_whose_contact_names,
    people_named_in,
)
from planner.services.invitation_drafts import invitation_drafts
from planner.services.invitations import Recipients
from planner.services.operations import Delete, Record, apply
from planner.services.people_edits import DeletePeople
from planner.services.sheets import build
from planner.store import Database


@pytest.fixture
def db(any_db: Database) -> Database:
    """Every test here on SQLite and, with a test server, on PostgreSQL."""
    return any_db


def _set_contact(db: Database, event: int, text: str) -> None:
    """As typed days ago (a Core write: no history row for the test's own typing to merge
    with, as keystrokes within minutes are)."""
    with db.session() as s:
        s.execute(update(Event).where(Event.id == event).values(contact=text))


def _contact(db: Database, event: int) -> str:
    with db.session() as s:
        return s.scalar(select(Event.contact).where(Event.id == event)) or ""


def _warnings(db: Database, event: int) -> list[str]:
    return [f.message for f in event_findings_of(db, event) if f.code == CONTACT_NOT_LINKED]


def test_a_contact_who_left_the_event_is_warned_of(db: Database, seeded: dict[str, int]) -> None:
    event = seeded["roundtable"]
    _set_contact(db, event, "Dr Ayesha Siddiqa, +92 300 000 0303")
    assert _warnings(db, event) == []  # she accepted her invitation
    with db.session() as s:
        invitation = s.scalars(
            select(Invitation.id).where(
                Invitation.event_id == event, Invitation.person_id == seeded["ayesha"]
            )
        ).one()
    apply(db, Delete(Record.INVITATION, invitation, "Remove invitation"))
    [warning] = _warnings(db, event)
    assert warning.startswith("The contact names Dr Ayesha Siddiqa, who is no longer part")
    # Back as the organiser on the day: nothing to warn of.
    with db.session() as s:
        s.add(Participation(event_id=event, person_id=seeded["ayesha"], role=Role.ORGANISER))
    assert _warnings(db, event) == []


def test_a_speaker_named_as_contact_and_taken_off_the_programme(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    _set_contact(db, event, "Brig Dr M. Khan (0300 1234567)")
    assert _warnings(db, event) == []
    with db.session() as s:
        row = s.scalars(
            select(Participation.id).where(
                Participation.event_id == event, Participation.person_id == seeded["khan"]
            )
        ).one()
    apply(db, Delete(Record.PARTICIPATION, row, "Remove"))
    assert len(_warnings(db, event)) == 1


@pytest.mark.parametrize(
    "contact",
    [
        "Events office, +92 51 000 0200",  # names no one
        "Mr Khan's office",  # a family name many share: not who
        "Siddiqa Road reception",
        "SOAS front desk",  # an affiliation
    ],
)
def test_a_contact_naming_no_one_in_particular_raises_nothing(
    db: Database, seeded: dict[str, int], contact: str
) -> None:
    event = seeded["roundtable"]
    _set_contact(db, event, contact)
    with db.session() as s:
        assert people_named_in(s, contact) == []
    assert _warnings(db, event) == []


def test_names_in_urdu_and_chinese_are_found(db: Database, seeded: dict[str, int]) -> None:
    with db.session() as s:
        s.add(Person(given_name="伟", family_name="王", email="wang@example.org"))
    with db.session() as s:
        assert [p.email for p in people_named_in(s, "فاطمہ علی، 0300 000 0000")] == [
            "fatima@example.org"
        ]
        assert [p.email for p in people_named_in(s, "联系人：王伟 13800000000")] == [
            "wang@example.org"
        ]


def test_deleting_the_contact_from_the_directory_empties_it_until_undone(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    contact = "Dr Ayesha Siddiqa, +92 300 000 0303"
    _set_contact(db, event, contact)
    _set_contact(db, seeded["cancelled"], "Events office, +92 51 000 0200")
    assert events_whose_contact_names(db, [seeded["ayesha"]]) == [
        "Pakistan – Russia Relations: Challenges and Prospects"
    ]
    applied = apply(db, DeletePeople((seeded["ayesha"],), "Delete Siddiqa"))
    assert _contact(db, event) == ""
    assert _contact(db, seeded["cancelled"]) == "Events office, +92 51 000 0200"
    # No document or draft prints her any more, for any audience.
    for audience in Audience:
        assert build(db, event, audience).contact == ""
    batch = invitation_drafts(db, event, Recipients.EVERYONE)
    assert all("Siddiqa" not in eml_text(d.content) for d in batch.drafts)
    with db.session() as s:
        emptied = s.execute(
            select(Change.old_value, Change.new_value).where(
                Change.event_id == event, Change.field == "contact"
            )
        ).all()
    assert emptied == [(contact, "")]  # the event's history says so
    apply(db, applied.inverse)
    assert _contact(db, event) == contact
    assert _warnings(db, event) == []  # back with her accepted invitation


def test_the_out_of_date_bar_says_the_contact_left_before_updates_are_written(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    _set_contact(db, event, "Brig Dr M. Khan (0300 1234567)")
    batch = invitation_drafts(db, event, Recipients.NEW)
    assert batch.operation is not None
    apply(db, batch.operation)
    assert out_of_date(db, event).contact_gone == ()  # nothing stale: nothing asked
    with db.session() as s:
        row = s.scalars(
            select(Participation.id).where(
                Participation.event_id == event, Participation.person_id == seeded["khan"]
            )
        ).one()
    apply(db, Delete(Record.PARTICIPATION, row, "Remove"))
    sentence = out_of_date(db, event).sentence()
    assert sentence == (
        "1 invitation shows the old speakers. The contact still names Brig Dr M. Khan, who no "
        "longer takes part: change it (Details) before writing updates."
    )


def test_deleting_a_duplicate_leaves_the_contact_of_the_one_who_stays(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    with db.session() as s:
        twin = Person(honorific="Dr", given_name="Ayesha", family_name="Siddiqa", email="a2@x.org")
        s.add(twin)
        s.flush()
        twin_id = twin.id
    _set_contact(db, event, "Dr Ayesha Siddiqa, +92 300 000 0303")
    assert events_whose_contact_names(db, [twin_id]) == []
    apply(db, DeletePeople((twin_id,), "Delete the duplicate"))
    assert _contact(db, event) == "Dr Ayesha Siddiqa, +92 300 000 0303"
    # With the duplicate gone, deleting the one who stayed would empty it.
    assert events_whose_contact_names(db, [seeded["ayesha"]]) != []
