"""The Invitations section driven as an organiser drives it: choose recipients, write the
drafts (marked sent, not an undo step), Mark Sent and Record Reply for a selection, reminders;
after an edit the out-of-date bar (Invitations and Documents) offers the update, the
cancellation and a fresh programme, and is gone once they are done. The header, Invitations
and Checks agree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from eml_readback import check_draft
from export_reading import eml_text
from export_samples import seed_database
from planner.model import Event, Invitation, InvitationStatus, Participation, Person
from planner.services.events import create_from_template
from planner.services.invitations import Recipients
from planner.services.operations import Batch, Delete, Record, SetField
from planner.store import Database
from planner.ui.commands import push
from planner.ui.editor.invitations import InvitationsSection
from planner.ui.shell.main_window import MainWindow


@pytest.fixture
def window(open_window: Callable[..., MainWindow]) -> MainWindow:
    return open_window((1320, 840))


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    ids = seed_database(db)
    with db.session() as s:
        for person in s.scalars(select(Person)):
            ids[person.email.split("@")[0]] = person.id
    return ids


def _open(window: MainWindow, event_id: int) -> InvitationsSection:
    window.open_event(event_id)
    section = window.editor.invitations
    section.interactive = False
    window.editor.show_section("Invitations")
    return section


def _plain(label: QLabel) -> str:
    """A label's text with its non-breaking spaces (which keep the parts of a counts line
    whole) as plain ones."""
    return label.text().replace("\u00a0", " ")


def _reload(window: MainWindow) -> None:
    window.editor.refresh()


def _sent_at(db: Database, person_id: int, event_id: int = 1) -> datetime | None:
    with db.session() as s:
        return s.scalar(
            select(Invitation.sent_at).where(
                Invitation.person_id == person_id, Invitation.event_id == event_id
            )
        )


def _calendar(path: Path) -> tuple[str, icalendar.Event]:
    message = check_draft(path.read_bytes())
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    content = part.get_content()
    calendar = icalendar.Calendar.from_ical(
        content.encode() if isinstance(content, str) else content
    )
    [event] = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


def test_drafts_go_to_the_recipients_chosen_and_are_marked_sent(
    window: MainWindow, db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    section = _open(window, people["roundtable"])
    assert section.choice() is Recipients.NEW
    section.write_invitations(tmp_path / "new")
    # Not the cast, not Siddiqa (accepted), not the one who declined: Fatima only.
    [path] = section.last_paths
    message = check_draft(path.read_bytes())
    assert message["X-Unsent"] == "1"
    assert "On behalf of the Centre for Pakistan and Gulf Studies" in eml_text(path.read_bytes())
    assert _sent_at(db, people["fatima"]) is not None
    assert "1 invitation draft written" in section.message.text()
    _reload(window)
    sent_column = section.model.index(
        [r.person_id for r in section.model.rows()].index(people["fatima"]),
        section.model.SENT,
    )
    assert sent_column.data() != "not yet"
    # Recorded as sent, not an undo step: the draft is in the folder whatever Ctrl+Z does.
    assert window.ctx.undo_stack.count() == 0
    window.ctx.undo_stack.undo()
    assert _sent_at(db, people["fatima"]) is not None

    section.set_choice(Recipients.CAST)
    section.write_invitations(tmp_path / "cast")
    assert len(section.last_paths) == 3
    _reload(window)
    section.set_choice(Recipients.CHOSEN)
    section.select_people({people["ayesha"]})
    section.write_invitations(tmp_path / "chosen")
    [chosen] = section.last_paths
    assert "ayesha@example.org" in str(check_draft(chosen.read_bytes())["To"])


def test_mark_sent_record_reply_and_remind_a_selection(
    window: MainWindow, db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    section = _open(window, people["roundtable"])
    section.select_people({people["fatima"], people["ayesha"]})
    section.mark_sent()
    _reload(window)
    assert _sent_at(db, people["fatima"]) is not None
    assert _sent_at(db, people["ayesha"]) is not None
    # Only Fatima has not answered: the reminder goes to her, worded as a reminder.
    section.table.clearSelection()
    section.send_reminders(tmp_path / "remind")
    [reminder] = section.last_paths
    assert str(check_draft(reminder.read_bytes())["Subject"]).startswith("Reminder:")
    section.select_people({people["fatima"]})
    section.record_reply(InvitationStatus.TENTATIVE, "arriving after the break")
    _reload(window)
    with db.session() as s:
        row = s.scalars(
            select(Invitation).where(
                Invitation.person_id == people["fatima"],
                Invitation.event_id == people["roundtable"],
            )
        ).one()
        assert row.status is InvitationStatus.TENTATIVE
        assert row.reply_note == "arriving after the break"
        assert row.replied_at is not None
    notes = [section.model.index(r, section.model.NOTE).data() for r in range(3)]
    assert "arriving after the break" in notes
    # One count, three places.
    line = "3 invited · 1 accepted · 1 declined · 1 tentative · 0 no reply"
    assert line in _plain(section.counts)
    assert line in _plain(window.editor.counts_label)
    window.editor.checks.run_checks()
    assert line in _plain(window.editor.checks.summary)
    section.table.clearSelection()
    section.send_reminders(tmp_path / "nobody")
    assert section.message.text().startswith("Nobody to remind")


def test_a_new_time_shows_the_bar_until_the_update_and_a_fresh_programme_are_out(
    window: MainWindow, db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    event_id = people["roundtable"]
    section = _open(window, event_id)
    section.write_invitations(tmp_path / "first")
    [first] = section.last_paths
    _method, sent = _calendar(first)
    documents = window.editor.documents
    documents.render_kind("programme")
    assert documents.save_as(tmp_path / "programme.pdf") is not None
    _reload(window)
    assert section.bar.isHidden()
    with db.session() as s:
        event = s.get(Event, event_id)
        assert event is not None
        starts, ends = event.starts_at + timedelta(hours=1), event.ends_at + timedelta(hours=1)
    move = Batch(
        "Move",
        (
            SetField(Record.EVENT, event_id, "starts_at", starts, "Move"),
            SetField(Record.EVENT, event_id, "ends_at", ends, "Move"),
        ),
        event_id,
    )
    push(window.ctx, move, window.editor.changed)
    _reload(window)
    text = "1 invitation and the saved programme show the old time."
    assert not section.bar.isHidden() and section.bar.text.text() == text
    assert documents.bar.text.text() == text
    updates = section.bar.findChild(object, "invitationsOutOfDateUpdates")
    cancellations = section.bar.findChild(object, "invitationsOutOfDateCancellations")
    assert updates.isVisibleTo(section.bar) and not cancellations.isVisibleTo(section.bar)
    section.write_updates(tmp_path / "updates")
    [update] = section.last_paths
    method, entry = _calendar(update)
    assert method == "REQUEST" and entry["UID"] == sent["UID"]
    assert int(entry["SEQUENCE"]) > int(sent["SEQUENCE"])
    _reload(window)
    assert section.bar.text.text() == "The saved programme shows the old time."
    window.editor._fresh_copy()
    assert documents.current is not None and documents.current.kind == "programme"
    documents.save_as(tmp_path / "fresh.pdf")
    assert section.bar.isHidden() and documents.bar.isHidden()


def _take_off_the_programme(window: MainWindow, db: Database, event_id: int, person: int) -> None:
    """``person``'s role at the event removed, as the Cast section removes it."""
    with db.session() as s:
        row = s.scalars(
            select(Participation.id).where(
                Participation.event_id == event_id, Participation.person_id == person
            )
        ).one()
    push(window.ctx, Delete(Record.PARTICIPATION, row, "Remove"), window.editor.changed)


def test_a_removed_speaker_is_offered_a_cancellation(
    window: MainWindow, db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    event_id = people["roundtable"]
    section = _open(window, event_id)
    section.set_choice(Recipients.CAST)
    section.write_invitations(tmp_path / "cast")
    _take_off_the_programme(window, db, event_id, people["khan"])
    _reload(window)
    assert "Brig Dr M. Khan has an invitation but no longer takes part" in section.bar.text.text()
    section.write_cancellations(tmp_path / "cancel")
    [cancel] = section.last_paths
    method, entry = _calendar(cancel)
    assert method == "CANCEL"
    assert str(entry["ATTENDEE"]) == "mailto:khan@example.org"
    section.write_updates(tmp_path / "updates")  # the others' cast changed
    assert len(section.last_paths) == 2
    _reload(window)
    assert section.bar.isHidden()


def test_a_chair_replaced_the_night_before_is_offered_an_invitation(
    window: MainWindow, db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    """The chair cancels after the invitations went out; another takes the chair. The bar
    says who is due what, and one click writes the new chair's invitation, to her alone."""
    from planner.model import Role
    from planner.services.cast import AddToCast

    event_id = people["roundtable"]
    section = _open(window, event_id)
    section.set_choice(Recipients.CAST)
    section.write_invitations(tmp_path / "cast")
    _take_off_the_programme(window, db, event_id, people["khattak"])
    add = AddToCast(event_id, people["fatima"], Role.CHAIR, "Add chair")
    push(window.ctx, add, window.editor.changed)
    _reload(window)
    text = section.bar.text.text()
    assert "has an invitation but no longer takes part: send a cancellation" in text
    assert "is in the cast but has not been written to: write an invitation" in text
    new_cast = section.bar.findChild(object, "invitationsOutOfDateNewCast")
    assert new_cast is not None and new_cast.isVisibleTo(section.bar)
    documents_offer = window.editor.documents.bar.findChild(object, "documentsOutOfDateNewCast")
    assert documents_offer is not None and documents_offer.isVisibleTo(window.editor.documents.bar)
    new_cast.click()
    [draft] = section.last_paths
    assert "fatima@example.org" in str(check_draft(draft.read_bytes())["To"])
    _reload(window)
    assert "written to" not in section.bar.text.text()
    assert not new_cast.isVisibleTo(section.bar)
    # The Invitations section's own choice finds nobody left.
    section.set_choice(Recipients.NEW_CAST)
    section.write_invitations(tmp_path / "again")
    assert section.last_paths == []
    assert "everyone chosen was sent an invitation" in section.message.text()


def test_email_invitations_in_documents_leads_to_the_choice_of_whom(
    window: MainWindow, db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    """It once wrote to every invitee and the whole cast at a click, the night before too."""
    section = _open(window, people["roundtable"])
    window.editor.show_section("Documents")
    window.editor.documents.mail_buttons["invitation"].click()
    assert window.editor.tabs.currentWidget() is section
    assert "Choose whom the invitations are for" in section.message.text()
    assert _sent_at(db, people["fatima"]) is None
    with db.session() as s:
        from planner.model import Dispatch

        assert s.scalars(select(Dispatch)).first() is None


def test_the_header_never_says_no_problems_while_the_cast_is_incomplete(
    window: MainWindow, db: Database
) -> None:
    day = (datetime.now(UTC) + timedelta(days=30)).date()
    event_id = create_from_template(db, "seminar", title="A seminar", day=day)
    window.open_event(event_id)
    editor = window.editor
    editor.checks.run_checks()
    needed = editor.cast.missing.text()
    assert needed.startswith("Still needed:")
    assert needed in editor.counts_label.text()
    assert "no problems found" not in editor.checks_label.text()
    messages = [f.message for f in editor.checks.findings]
    assert any(m.startswith(needed) for m in messages)


def test_drafts_to_the_cast_are_counted_alike_in_the_header_invitations_and_checks(
    window: MainWindow, db: Database, people: dict[str, int], tmp_path: Path
) -> None:
    section = _open(window, people["roundtable"])
    section.set_choice(Recipients.EVERYONE)
    section.write_invitations(tmp_path / "everyone")
    # Two invitees who have not declined and the chair and two speakers; the one who declined
    # was invited before and still counts.
    assert len(section.last_paths) == 5
    _reload(window)
    editor = window.editor
    editor.checks.run_checks()
    line = "6 invited (3 guests, 3 of the cast) · 1 accepted · 1 declined · 0 tentative"
    assert line in _plain(editor.counts_label)
    assert line in _plain(section.counts)
    assert line in _plain(editor.checks.summary)
    assert "3 of the cast were sent an invitation" in _plain(section.counts)
    # The header wraps between the parts of the line, never inside one.
    assert "1\u00a0accepted" in editor.counts_label.text()
    # Writing drafts is no undo step (the files cannot be unwritten): Undo leaves the count.
    window.ctx.undo_stack.undo()
    _reload(window)
    editor.checks.run_checks()
    for label in (editor.counts_label, section.counts, editor.checks.summary):
        assert line in _plain(label)


def test_sent_and_reply_times_are_in_the_organisations_zone_and_say_so(
    window: MainWindow, db: Database, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the history shows times: not the zone of whichever computer opened the file (they
    were once in the computer's, unlabelled, beside a history in the organisation's)."""
    import time

    from planner.model import Organisation

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        event_id = people["roundtable"]
        when = datetime(2026, 12, 3, 6, 30, tzinfo=UTC)  # 11:30 in Karachi, 01:30 in New York
        with db.session() as s:
            organisation = s.scalars(select(Organisation)).one()
            organisation.time_zone = "Asia/Karachi"
            invitation = s.scalars(
                select(Invitation).where(
                    Invitation.event_id == event_id, Invitation.person_id == people["fatima"]
                )
            ).one()
            invitation.sent_at = when
            invitation.replied_at = when
        section = _open(window, event_id)
        model = section.model
        row = [r.person_id for r in model.rows()].index(people["fatima"])
        assert model.index(row, model.SENT).data() == "03 Dec 2026 11:30"
        tip = model.headerData(model.SENT, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert "Asia/Karachi" in tip
        note_tip = model.index(row, model.NOTE).data(Qt.ItemDataRole.ToolTipRole)
        assert note_tip == "Reply recorded 03 Dec 2026 11:30 (Asia/Karachi time)"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_each_batch_of_drafts_has_a_folder_of_its_own(
    window: MainWindow, db: Database, people: dict[str, int]
) -> None:
    """The folder the window opens holds that batch alone: with one folder for every batch,
    the invitation to a chair who had cancelled lay beside the new chair's."""
    from planner.model import Role
    from planner.services.cast import AddToCast

    event_id = people["roundtable"]
    section = _open(window, event_id)
    section.set_choice(Recipients.CAST)
    section.write_invitations()
    first = {path.parent for path in section.last_paths}
    assert len(section.last_paths) == 3 and len(first) == 1
    _take_off_the_programme(window, db, event_id, people["khattak"])
    push(
        window.ctx, AddToCast(event_id, people["fatima"], Role.CHAIR, "Add"), window.editor.changed
    )
    _reload(window)
    section.write_to_new_cast()
    [draft] = section.last_paths
    assert draft.parent not in first
    assert list(draft.parent.iterdir()) == [draft]
    assert "fatima" in draft.name and str(draft.parent) in section.message.text()


def test_drafts_are_recorded_as_sent_even_when_the_window_closes_first(
    window: MainWindow, db: Database, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record is written in the worker with the files: closed before the worker reported
    back, the window once kept the 11 update drafts and lost the record that they were sent."""
    from planner.model import Dispatch
    from planner.ui.editor import invitations

    def closed_before_done(work: Callable[[], Any], **_callbacks: Any) -> None:
        work()  # the result never reaches the section

    section = _open(window, people["roundtable"])
    monkeypatch.setattr(invitations, "run_task", closed_before_done)
    section.write_invitations()
    with db.session() as s:
        assert [d.person_id for d in s.scalars(select(Dispatch))] == [people["fatima"]]
    assert _sent_at(db, people["fatima"]) is not None


def test_a_second_click_while_drafts_are_written_writes_nothing_more(
    window: MainWindow, db: Database, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.ui.editor import invitations

    started: list[Callable[[], Any]] = []
    section = _open(window, people["roundtable"])
    monkeypatch.setattr(invitations, "run_task", lambda work, **_c: started.append(work))
    section.write_invitations()
    section.write_invitations()  # the worker has not reported back yet
    assert len(started) == 1
    assert "Still writing the last drafts" in section.message.text()
    monkeypatch.undo()
    section.writing = False  # (the worker's report, which the stand-in never sent)
    section.set_choice(Recipients.CAST)
    section.write_invitations()
    assert len(section.last_paths) == 3


def test_drafts_written_before_the_organisation_is_set_up_say_so(
    window: MainWindow, db: Database, people: dict[str, int]
) -> None:
    from planner.model import Organisation

    with db.session() as s:
        s.scalars(select(Organisation)).one().email = ""
    section = _open(window, people["roundtable"])
    section.write_invitations()
    assert len(section.last_paths) == 1
    assert (
        "The organisation's email address is not set (Organisation section): these drafts "
        "have no From line." in section.message.text()
    )
