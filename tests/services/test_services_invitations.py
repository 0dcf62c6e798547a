"""Invitations from draft to reply, and what is out of date: recipients, drafts that mark the
invitations sent, replies, reminders, and the fingerprints that say which sent invitations and
printed documents an edit made out of date (and the update, the cancellation that fix it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import func, select

from eml_readback import check_draft
from export_reading import eml_text
from planner.model import Dispatch, Event, Invitation, InvitationStatus, Participation, Role
from planner.services.dispatches import out_of_date
from planner.services.invitation_drafts import (
    DraftBatch,
    cancellation_drafts,
    invitation_drafts,
    reminder_drafts,
    update_drafts,
)
from planner.services.invitations import (
    Recipients,
    choose_recipients,
    invitation_counts,
    record_reply,
)
from planner.services.operations import Batch, Delete, Record, SetField, apply
from planner.services.rendering import record_output, render_event_document
from planner.store import Database

NOW = datetime(2013, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(any_db: Database) -> Database:
    """Every test here on SQLite and, with a test server, on PostgreSQL."""
    return any_db


def _send(db: Database, batch: DraftBatch) -> None:
    assert batch.operation is not None
    apply(db, batch.operation)


def _calendar(draft: bytes) -> icalendar.Event:
    message = check_draft(draft)
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    content = part.get_content()
    data = content.encode() if isinstance(content, str) else bytes(content)
    calendar = icalendar.Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    event.method = str(calendar["METHOD"])  # type: ignore[attr-defined]
    return event


def _move(db: Database, event_id: int, hours: int) -> None:
    with db.session() as s:
        event = s.get(Event, event_id)
        assert event is not None
        starts, ends = (
            event.starts_at + timedelta(hours=hours),
            event.ends_at + timedelta(hours=hours),
        )
    apply(
        db,
        Batch(
            "Move",
            (
                SetField(Record.EVENT, event_id, "starts_at", starts, "Move"),
                SetField(Record.EVENT, event_id, "ends_at", ends, "Move"),
            ),
            event_id,
        ),
    )


def test_recipients_by_default_leave_out_the_cast_and_who_answered(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    # Siddiqa accepted, "Ned" declined, the chair and speakers are the cast: only Fatima.
    assert choose_recipients(db, event) == [seeded["fatima"]]
    assert set(choose_recipients(db, event, Recipients.CAST)) == {
        seeded["khattak"],
        seeded["owais"],
        seeded["khan"],
    }
    assert set(choose_recipients(db, event, Recipients.INVITEES)) == {
        seeded["fatima"],
        seeded["ayesha"],
    }
    assert choose_recipients(db, event, Recipients.NO_REPLY) == []
    assert declined_never_chosen(db, event, seeded)


def declined_never_chosen(db: Database, event: int, seeded: dict[str, int]) -> bool:
    chosen = [seeded["declined"], seeded["owais"]]
    return choose_recipients(db, event, Recipients.CHOSEN, chosen) == [seeded["owais"]]


def test_writing_invitations_marks_them_sent_and_undo_takes_it_back(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    batch = invitation_drafts(db, event, now=NOW)
    [draft] = batch.drafts
    assert draft.filename.startswith("invitation-001")
    text = eml_text(draft.content)
    assert "On behalf of the Centre for Pakistan and Gulf Studies" in text
    assert check_draft(draft.content)["X-Unsent"] == "1"
    assert batch.operation is not None
    applied = apply(db, batch.operation)
    with db.session() as s:
        sent = s.scalar(select(Invitation.sent_at).where(Invitation.person_id == seeded["fatima"]))
        assert sent == NOW
        assert s.scalar(select(func.count()).select_from(Dispatch)) == 1
    assert choose_recipients(db, event) == []
    assert choose_recipients(db, event, Recipients.NO_REPLY) == [seeded["fatima"]]
    assert out_of_date(db, event).current
    apply(db, applied.inverse)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Dispatch)) == 0
    assert choose_recipients(db, event) == [seeded["fatima"]]


def test_a_new_time_makes_the_invitation_out_of_date_until_the_update_is_sent(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    first = invitation_drafts(db, event, now=NOW)
    sent_sequence = int(_calendar(first.drafts[0].content)["SEQUENCE"])
    uid = str(_calendar(first.drafts[0].content)["UID"])
    _send(db, first)
    _move(db, event, 1)
    stale = out_of_date(db, event)
    [message] = stale.messages
    assert message.person_id == seeded["fatima"] and message.changed == ("time",)
    assert stale.sentence() == "1 invitation shows the old time."
    update = update_drafts(db, event, now=NOW + timedelta(days=1))
    [draft] = update.drafts
    assert draft.filename.startswith("update-001")
    text = eml_text(draft.content)
    assert "please note that the time of the roundtable" in text
    entry = _calendar(draft.content)
    assert entry.method == "REQUEST"  # type: ignore[attr-defined]
    assert str(entry["UID"]) == uid
    assert int(entry["SEQUENCE"]) > sent_sequence
    _send(db, update)
    assert out_of_date(db, event).current
    with db.session() as s:
        stored = s.scalar(select(Event.sequence).where(Event.id == event))
    assert stored == int(entry["SEQUENCE"])


def test_a_new_speaker_raises_the_sequence_of_the_update(
    db: Database, seeded: dict[str, int]
) -> None:
    """A change to the cast does not raise the event's counter; the update must still go
    above the entry the invitee holds, or their calendar ignores it."""
    event = seeded["roundtable"]
    first = invitation_drafts(db, event, now=NOW)
    sent_sequence = int(_calendar(first.drafts[0].content)["SEQUENCE"])
    _send(db, first)
    with db.session() as s:
        s.add(Participation(event_id=event, person_id=seeded["ayesha"], role="speaker"))
    [message] = out_of_date(db, event).messages
    assert message.changed == ("cast",)
    update = update_drafts(db, event, now=NOW)
    assert int(_calendar(update.drafts[0].content)["SEQUENCE"]) == sent_sequence + 1
    assert "the speakers of the roundtable" in eml_text(update.drafts[0].content)


def test_a_removed_speaker_is_offered_a_cancellation_naming_only_them(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    _send(db, invitation_drafts(db, event, Recipients.CAST, now=NOW))
    with db.session() as s:
        khan = s.scalar(
            select(Participation.id).where(
                Participation.event_id == event, Participation.person_id == seeded["khan"]
            )
        )
    assert khan is not None
    apply(db, Delete(Record.PARTICIPATION, khan, "Remove"))
    stale = out_of_date(db, event)
    [withdrawn] = stale.withdrawn
    assert withdrawn.person_id == seeded["khan"]
    assert "no longer takes part: send a cancellation" in stale.sentence()
    # The others' invitations show a cast without him: an update for them.
    assert {m.person_id for m in stale.messages} == {seeded["khattak"], seeded["owais"]}
    batch = cancellation_drafts(db, event, now=NOW)
    [draft] = batch.drafts
    entry = _calendar(draft.content)
    assert entry.method == "CANCEL"  # type: ignore[attr-defined]
    attendees = entry.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert [str(a) for a in attendees] == ["mailto:khan@example.org"]
    assert "STATUS" not in entry  # uninvited, not a cancelled event (RFC 5546, 3.2.5)
    text = eml_text(draft.content)
    assert "is withdrawn" in text and "Owais" not in text
    _send(db, batch)
    assert out_of_date(db, event).withdrawn == ()


def test_a_printed_programme_goes_out_of_date_and_a_fresh_one_is_current(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    _send(db, invitation_drafts(db, event, now=NOW))
    record_output(db, render_event_document(db, event, "programme"), "printed")
    assert out_of_date(db, event).current
    apply(db, SetField(Record.EVENT, event, "title", "Pakistan and Russia", "Title"))
    stale = out_of_date(db, event)
    assert [d.label for d in stale.documents] == ["the printed programme"]
    assert stale.sentence() == "1 invitation and the printed programme show the old title."
    record_output(db, render_event_document(db, event, "programme"), "printed")
    assert out_of_date(db, event).documents == ()


def test_reminders_go_to_those_who_have_not_answered_in_their_own_words(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    assert reminder_drafts(db, event).drafts == ()  # nobody was sent one yet
    _send(db, invitation_drafts(db, event, Recipients.INVITEES, now=NOW))
    batch = reminder_drafts(db, event, now=NOW + timedelta(days=7))
    [draft] = batch.drafts  # Siddiqa accepted: only Fatima
    message = check_draft(draft.content)
    assert str(message["Subject"]).startswith("Reminder:")
    text = eml_text(draft.content)
    assert "may I remind you of our invitation" in text
    assert "sent on 1 March 2013" in text
    assert "I have the pleasure of inviting you" not in text


def test_replies_are_recorded_with_a_note_and_the_counts_agree(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    counts = invitation_counts(db, event)
    assert (counts.invited, counts.accepted, counts.declined, counts.no_reply) == (3, 1, 1, 1)
    with db.session() as s:
        fatima = s.scalar(select(Invitation.id).where(Invitation.person_id == seeded["fatima"]))
    assert fatima is not None
    applied = apply(db, record_reply([fatima], InvitationStatus.TENTATIVE, "may be late", NOW))
    with db.session() as s:
        row = s.get(Invitation, fatima)
        assert row is not None
        assert (row.status, row.reply_note, row.replied_at) == (
            InvitationStatus.TENTATIVE,
            "may be late",
            NOW,
        )
    counts = invitation_counts(db, event)
    assert (counts.tentative, counts.no_reply) == (1, 0)
    assert counts.line().startswith("3 invited · 1 accepted · 1 declined · 1 tentative · 0 no")
    apply(db, applied.inverse)
    assert invitation_counts(db, event).no_reply == 1


def test_deleting_an_event_and_undoing_it_keeps_what_was_sent(
    db: Database, seeded: dict[str, int]
) -> None:
    from planner.services.events import DeleteEvent

    event = seeded["roundtable"]
    _send(db, invitation_drafts(db, event, now=NOW))
    applied = apply(db, DeleteEvent(event, "Delete"))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Dispatch)) == 0
    apply(db, applied.inverse)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Dispatch)) == 1
    _move(db, event, 2)
    assert [m.changed for m in out_of_date(db, event).messages] == [("time",)]


def test_invitations_drafted_to_the_cast_are_counted_as_invitations(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    before = invitation_counts(db, event)
    assert (before.invited, before.cast, before.in_programme) == (3, 0, 0)
    batch = invitation_drafts(db, event, Recipients.EVERYONE, now=NOW)
    _send(db, batch)
    counts = invitation_counts(db, event)
    # The chair and both speakers now hold an invitation too; the one who declined was
    # invited earlier and sent nothing now.
    assert len(batch.drafts) == 5
    assert (counts.invited, counts.cast, counts.guests, counts.in_programme) == (6, 3, 3, 3)
    assert counts.line().startswith("6 invited (3 guests, 3 of the cast) · 1 accepted")
    # The answers count the invitation list; the cast's are not recorded, and the view says so.
    assert counts.accepted + counts.declined + counts.tentative + counts.no_reply == 3
    assert counts.programme_text().startswith("3 of the cast were sent an invitation")
    # A speaker taken off the programme no longer counts (a cancellation is due instead).
    with db.session() as s:
        khan = s.scalars(
            select(Participation.id).where(
                Participation.event_id == event, Participation.person_id == seeded["khan"]
            )
        ).one()
    apply(db, Delete(Record.PARTICIPATION, khan, "Remove"))
    assert invitation_counts(db, event).invited == 5
    assert [w.person_id for w in out_of_date(db, event).withdrawn] == [seeded["khan"]]


def test_a_cast_member_also_on_the_list_is_counted_once(
    db: Database, seeded: dict[str, int]
) -> None:
    event = seeded["roundtable"]
    with db.session() as s:
        s.add(Invitation(event_id=event, person_id=seeded["khattak"]))
    _send(db, invitation_drafts(db, event, Recipients.CAST, now=NOW))
    counts = invitation_counts(db, event)
    assert (counts.invited, counts.cast, counts.in_programme) == (6, 3, 2)
    assert counts.programme_text().startswith("2 of the cast were")


def _replace_chair(db: Database, event: int, old: int, new: int) -> None:
    """The chair cancels the night before; another takes the chair (two edits, as the window
    makes them)."""
    with db.session() as s:
        row = s.scalar(
            select(Participation.id).where(
                Participation.event_id == event, Participation.person_id == old
            )
        )
    assert row is not None
    apply(db, Delete(Record.PARTICIPATION, row, "Remove"))
    with db.session() as s:
        s.add(Participation(event_id=event, person_id=new, role=Role.CHAIR))


def test_a_chair_added_in_place_of_one_who_cancelled_is_due_an_invitation(
    db: Database, seeded: dict[str, int]
) -> None:
    event, old, new = seeded["roundtable"], seeded["khattak"], seeded["ayesha"]
    _send(db, invitation_drafts(db, event, Recipients.CAST, now=NOW))
    _send(db, invitation_drafts(db, event, now=NOW))  # and the guests
    assert out_of_date(db, event).current
    _replace_chair(db, event, old, new)
    stale = out_of_date(db, event)
    assert [w.person_id for w in stale.withdrawn] == [old]
    assert [u.person_id for u in stale.unwritten] == [new]
    assert stale.sentence().endswith(
        "Dr Ayesha Siddiqa is in the cast but has not been written to: write an invitation."
    )
    # "Not yet invited" stays the invitees' (the cast is not invited by default); the new
    # chair is found by "Cast not yet written to", and only she.
    assert choose_recipients(db, event, Recipients.NEW) == []
    assert choose_recipients(db, event, Recipients.NEW_CAST) == [new]
    batch = invitation_drafts(db, event, Recipients.NEW_CAST, now=NOW)
    [draft] = batch.drafts
    assert "ayesha@example.org" in str(check_draft(draft.content)["To"])
    _send(db, batch)
    after = out_of_date(db, event)
    assert after.unwritten == () and [w.person_id for w in after.withdrawn] == [old]
    assert choose_recipients(db, event, Recipients.NEW_CAST) == []
    # Sending the old chair's cancellation does not bring the nagging back for anyone.
    _send(db, cancellation_drafts(db, event, now=NOW))
    assert out_of_date(db, event).unwritten == ()


def test_a_cast_never_written_to_from_here_is_not_nagged_about(
    db: Database, seeded: dict[str, int]
) -> None:
    """Speakers asked by telephone: invitations to the guests say nothing of the cast, nor
    does a chair replaced among such a cast."""
    event = seeded["roundtable"]
    _send(db, invitation_drafts(db, event, now=NOW))  # the guests only (the default)
    assert out_of_date(db, event).unwritten == ()
    _replace_chair(db, event, seeded["khattak"], seeded["ayesha"])
    stale = out_of_date(db, event)
    assert stale.unwritten == () and stale.withdrawn == ()
    assert "written to" not in stale.sentence()
    assert choose_recipients(db, event, Recipients.NEW_CAST) == sorted(
        [seeded["ayesha"], seeded["owais"], seeded["khan"]]
    )


def test_a_batch_folder_is_new_and_names_its_database(db: Database, tmp_path: Path) -> None:
    from planner.services.drafts import outbox_folder

    now = datetime(2026, 12, 3, 17, 5, 9, tzinfo=UTC)
    folder = outbox_folder(db, 1, "invitation", now)
    assert folder.parent.name == "event-1" and folder.name.startswith("invitation-2026-12-0")
    folder.mkdir(parents=True)
    again = outbox_folder(db, 1, "invitation", now)
    assert again != folder and again.name == folder.name + "-2"
    other = Database.open(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        assert outbox_folder(other, 1, "invitation", now).parent.parent != folder.parent.parent
    finally:
        other.dispose()
