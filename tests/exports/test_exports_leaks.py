"""No export for the public or the attendees contains a name the rule forbids.

The policy's leak test checks the sheets; this one checks what the export renderers make of
them, read back the way a recipient would read them (parsed .ics values, the decoded email,
the HTML page's text and attributes, the Markdown), with the same random events and the same
independent list of forbidden strings (``tests/strategies.py``).

Every export, for every rule and audience: the calendar of each method (PUBLISH for anyone;
the shared REQUEST and CANCEL, and each invitee's own copy, read by that invitee), the email
drafts of each kind (each invitation and its attached calendar, read by its addressee; the
confidential briefing, to the chair and speakers only and never from another sheet; the
report, Bcc aside), the participants CSV (refused for any sheet but the organisers'), the web
announcement in HTML and Markdown, and the event package (no one the event does not link,
and, imported into an empty database, outputs that leak nothing either).
"""

from __future__ import annotations

import email
import email.policy
import json
import re
from collections.abc import Callable
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import icalendar
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from eml_readback import parse
from export_reading import eml_text, html_text, ics_text
from export_samples import ADDRESSEE
from planner.errors import PlannerError, PolicyRefusal
from planner.exports.announcement import render_announcement_html, render_announcement_markdown
from planner.exports.eml import (
    Attachment,
    briefing_message,
    cancellation_message,
    invitation_message,
    message_bytes,
    reminder_message,
    report_message,
    update_message,
)
from planner.exports.ics import Method, render_ics
from planner.exports.people_csv import render_participants_csv
from planner.model import (
    CAST_ROLES,
    AttributionRule,
    Event,
    EventStatus,
    Organisation,
    Participation,
    Person,
    Role,
)
from planner.model.labels import ROLE_LABELS, ROLE_PLURALS
from planner.policy import Audience, Sheet, build_sheet, sheet_to_dict
from planner.services.exports import (
    Draft,
    announcement_bytes,
    email_drafts,
    ics_bytes,
    ics_copies,
)
from planner.services.invitation_drafts import (
    cancellation_drafts,
    invitation_drafts,
    reminder_drafts,
    update_drafts,
)
from planner.services.invitations import Recipients
from planner.services.operations import apply
from planner.store import Database
from planner.store.package import export_package, import_package
from strategies import (
    _fold,
    _identifying,
    declined,
    event_specs,
    forbidden_strings,
    leaked,
    linked,
    listed_on_invitations,
    rule_changes,
    write_event,
)


def public_outputs(sheet: Sheet) -> dict[str, str]:
    outputs = {
        "announcement.html": html_text(render_announcement_html(sheet)),
        "announcement.md": render_announcement_markdown(sheet).decode("utf-8"),
        "publish.ics": ics_text(render_ics([sheet], Method.PUBLISH)),
    }
    if sheet.report is not None:
        # The attached PDF is the documents' leak test's concern; here, the message itself.
        pdf = Attachment(f"Report - {sheet.title}.pdf", b"%PDF-1.4", "application", "pdf")
        outputs["report.eml"] = eml_text(message_bytes(report_message(sheet, [], [pdf])))
    return outputs


def attendee_outputs(sheet: Sheet) -> dict[str, str]:
    programme = Attachment(
        f"Programme - {sheet.short_title or sheet.title}.pdf", b"", "application", "pdf"
    )
    invitation = invitation_message(sheet, ADDRESSEE, [programme])
    calendar = Attachment("event.ics", render_ics([sheet], Method.PUBLISH), "text", "calendar")
    reminder = reminder_message(sheet, ADDRESSEE, [programme, calendar], sent_on="1 March 2013")
    update = update_message(sheet, ADDRESSEE, [programme, calendar], changes=["time", "venue"])
    cancellation = cancellation_message(sheet, ADDRESSEE, [])
    return {
        "invitation.eml": eml_text(message_bytes(invitation)),
        "reminder.eml": eml_text(message_bytes(reminder)),
        "update.eml": eml_text(message_bytes(update)),
        "cancellation.eml": eml_text(message_bytes(cancellation)),
        "attendees.ics": ics_text(render_ics([sheet], Method.PUBLISH)),
    }


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=event_specs())
def test_no_export_shows_a_forbidden_name(leak_db: Database, spec: dict[str, Any]) -> None:
    with leak_db.session() as session:
        event_id = write_event(session, spec)
        public = build_sheet(session, event_id, Audience.PUBLIC)
        attendees = build_sheet(session, event_id, Audience.ATTENDEES)
    for audience, outputs in (
        (Audience.PUBLIC, public_outputs(public)),
        (Audience.ATTENDEES, attendee_outputs(attendees)),
    ):
        forbidden = forbidden_strings(spec, audience)
        for name, text in outputs.items():
            assert leaked(text, forbidden) == [], (audience, name)
    # Every message to an invitee is written from the attendees' sheet, never the organisers'.
    with leak_db.session() as session:
        organisers = build_sheet(session, event_id, Audience.ORGANISERS)
    for write in (invitation_message, reminder_message, update_message, cancellation_message):
        with pytest.raises(PlannerError, match="attendees' sheet"):
            write(organisers, ADDRESSEE, [])


# --- every export, through the services, as each recipient reads it ---------------------------

ORGANISER_EMAIL = "events@ctps.example.org"
# Who receives the briefing note (DOMAIN.md: the chair and the speakers, the day before).
BRIEFING = {"chair", "co_chair", "moderator", "keynote", "speaker", "discussant"}


def _write(leak_db: Database, spec: dict[str, Any]) -> int:
    with leak_db.session() as session:
        event_id = write_event(session, spec)
        # Invitations come from the organisation's address: without one there is no REQUEST.
        organisation = session.scalars(select(Organisation)).one()
        organisation.email = ORGANISER_EMAIL
    return event_id


def _addresses(data: bytes) -> set[str]:
    addresses: set[str] = set()
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        attendees = event.get("ATTENDEE", [])
        for attendee in attendees if isinstance(attendees, list) else [attendees]:
            addresses.add(str(attendee).removeprefix("mailto:"))
    return addresses


def _listed(spec: dict[str, Any]) -> set[str]:
    """The addresses every invitation may name (strategies.listed_on_invitations)."""
    return {
        person["email"]
        for index, person in enumerate(spec["people"])
        if listed_on_invitations(spec, index)
    }


def _recipients(spec: dict[str, Any]) -> dict[str, int]:
    """Who is sent an invitation (everyone linked who did not decline), by address."""
    return {
        person["email"]: index
        for index, person in enumerate(spec["people"])
        if linked(spec, index) and not declined(spec, index)
    }


def for_recipient(spec: dict[str, Any], index: int) -> set[str]:
    """What the copy addressed to person ``index`` must not contain: what attendees may not
    read, but for the recipient's own name and address."""
    own = {_fold(s) for s in [*_identifying(spec["people"][index]), spec["people"][index]["email"]]}
    return {s for s in forbidden_strings(spec, Audience.ATTENDEES) if _fold(s) not in own}


def _attached_calendar(message: EmailMessage) -> bytes:
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    content = part.get_content()
    return content.encode("utf-8") if isinstance(content, str) else bytes(content)


FAST = settings(
    max_examples=20,
    deadline=None,
    # Shrinking re-renders every export many times: report the example as found.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@FAST
@given(spec=event_specs())
def test_invitation_calendars_name_only_their_recipient_and_who_consented(
    leak_db: Database, spec: dict[str, Any]
) -> None:
    event_id = _write(leak_db, spec)
    listed = _listed(spec)
    recipients = _recipients(spec)
    for method in ("publish", "request", "cancel"):
        data = ics_bytes(leak_db, event_id=event_id, method=method)
        audience = Audience.PUBLIC if method == "publish" else Audience.ATTENDEES
        assert leaked(ics_text(data), forbidden_strings(spec, audience)) == [], method
        # The shared copy: the organiser, and whom every invitation may name.
        assert _addresses(data) == (set() if method == "publish" else listed), method
        if method == "publish" or not recipients:
            continue
        copies = ics_copies(leak_db, event_id, method)
        assert len(copies) == len(recipients)
        addressed: set[str] = set()
        for copy in copies:
            # Every copy names the shared list and, if not on it already, its own recipient.
            addresses = _addresses(copy.content)
            assert listed <= addresses
            own = addresses - listed
            assert len(own) <= 1, method
            addressed |= own
            forbidden = (
                for_recipient(spec, recipients[next(iter(own))])
                if own
                else forbidden_strings(spec, Audience.ATTENDEES)
            )
            assert leaked(ics_text(copy.content), forbidden) == [], method
        assert addressed == set(recipients) - listed


@settings(FAST, max_examples=10)  # renders the programme PDF for every invitation
@given(spec=event_specs())
def test_email_drafts_of_each_kind_name_no_one_their_readers_may_not_learn(
    leak_db: Database, spec: dict[str, Any]
) -> None:
    event_id = _write(leak_db, spec)
    listed = _listed(spec)
    recipients = _recipients(spec)
    # Invitations: one per invitee, its text and its calendar entry read by that invitee.
    if recipients:
        drafts = email_drafts(leak_db, event_id, "invitation")
        assert len(drafts) == len(recipients)
        for draft in drafts:
            message = parse(draft.content)
            [to] = message["To"].addresses
            index = recipients[to.addr_spec]
            forbidden = for_recipient(spec, index)
            assert leaked(eml_text(draft.content), forbidden) == []
            calendar = _attached_calendar(message)
            assert _addresses(calendar) == listed | {to.addr_spec}
            assert leaked(ics_text(calendar), forbidden) == []
    # The briefing: the organisers' sheet, to the chair and speakers only, marked confidential.
    try:
        [briefing] = email_drafts(leak_db, event_id, "briefing")
    except PlannerError as error:
        assert "no chair or speakers" in str(error)
    else:
        message = parse(briefing.content)
        speakers = {
            spec["people"][c["person"]]["email"] for c in spec["cast"] if c["role"] in BRIEFING
        }
        # Each of them in the header, and no one else. (Read from the raw header: a list
        # mixing an Urdu or Arabic name with others does not parse back whole yet, which is
        # the email headers' work, not the policy's.)
        assert {a.addr_spec for a in message["To"].addresses} <= speakers
        raw_to = str(message.get("To", ""))
        raw_header = briefing.content.split(b"\r\n\r\n", 1)[0].decode("ascii")
        assert all(address in raw_header for address in speakers), raw_to
        assert raw_header.count("@example.org") == len(speakers)
        assert message["Subject"].startswith("CONFIDENTIAL")
    for audience in (Audience.PUBLIC, Audience.ATTENDEES):
        with leak_db.session() as session:
            sheet = build_sheet(session, event_id, audience)
        with pytest.raises(PlannerError, match="organisers' sheet"):
            briefing_message(sheet, [])
    # The report: the public sheet; the distribution in Bcc is the organiser's to send.
    try:
        [report] = email_drafts(leak_db, event_id, "report")
    except PolicyRefusal:
        return
    except PlannerError as error:
        assert "no report" in str(error)
        return
    message = parse(report.content)
    del message["Bcc"]
    text = eml_text(message.as_bytes(policy=email.policy.SMTP))
    assert leaked(text, forbidden_strings(spec, Audience.PUBLIC)) == []


@FAST
@given(spec=event_specs())
def test_participant_lists_and_announcements_follow_their_audience(
    leak_db: Database, spec: dict[str, Any]
) -> None:
    event_id = _write(leak_db, spec)
    for audience in (Audience.PUBLIC, Audience.ATTENDEES):
        with leak_db.session() as session:
            sheet = build_sheet(session, event_id, audience)
        with pytest.raises(PolicyRefusal, match="organisers only"):
            render_participants_csv(sheet)
    forbidden = forbidden_strings(spec, Audience.PUBLIC)
    for fmt in ("html", "markdown"):
        data = announcement_bytes(leak_db, event_id, fmt)
        text = html_text(data) if fmt == "html" else data.decode("utf-8")
        assert leaked(text, forbidden) == [], fmt


@settings(FAST, max_examples=15)  # a fresh database per example for the import
@given(spec=event_specs())
def test_the_event_package_carries_its_people_rule_and_consent_and_nothing_else(
    leak_db: Database, empty_database: Callable[[], Database], spec: dict[str, Any]
) -> None:
    event_id = _write(leak_db, spec)
    with leak_db.session() as session:
        data = export_package(session, [event_id])
    # An organisers' transfer file: everyone linked to the event, and no one else.
    exported = {person["email"] for person in data["people"]}
    assert exported == {
        person["email"] for index, person in enumerate(spec["people"]) if linked(spec, index)
    }
    [event] = data["events"]
    assert event["attribution"] == spec["event"]["rule"]
    # Imported into an empty database, the event's outputs there leak nothing either.
    target = empty_database()
    try:
        import_package(target, data)
        with target.session() as session:
            [imported_id] = session.scalars(select(Event.id)).all()
            sheets = {a: build_sheet(session, imported_id, a) for a in Audience}
            imported = session.get(Event, imported_id)
            assert imported is not None
            assert imported.attribution.value == spec["event"]["rule"]
            consents = {(c.person.email, c.may_be_named) for c in imported.consents}
    finally:
        target.dispose()
    assert consents == {
        (spec["people"][c["person"]]["email"], c["may_be_named"])
        for c in spec["consents"]
        if linked(spec, c["person"])
    }
    for audience in (Audience.PUBLIC, Audience.ATTENDEES):
        text = json.dumps(sheet_to_dict(sheets[audience]), ensure_ascii=False)
        assert leaked(text, forbidden_strings(spec, audience)) == [], audience
    announcement = html_text(render_announcement_html(sheets[Audience.PUBLIC]))
    assert leaked(announcement, forbidden_strings(spec, Audience.PUBLIC)) == []


def _checked_for_recipients(
    spec: dict[str, Any], drafts: tuple[Draft, ...], listed: set[str], *, only_them: bool
) -> None:
    """Each draft read by its addressee leaks nothing; its calendar names the shared list and
    them (a cancellation for one person: only them)."""
    recipients = {p["email"]: i for i, p in enumerate(spec["people"])}
    for draft in drafts:
        message = parse(draft.content)
        [to] = message["To"].addresses
        forbidden = for_recipient(spec, recipients[to.addr_spec])
        assert leaked(eml_text(draft.content), forbidden) == [], draft.filename
        calendar = _attached_calendar(message)
        expected = {to.addr_spec} if only_them else listed | {to.addr_spec}
        assert _addresses(calendar) == expected, draft.filename
        assert leaked(ics_text(calendar), forbidden) == [], draft.filename


@settings(FAST, max_examples=10)  # renders the programme PDF for each batch
@given(spec=event_specs())
def test_reminders_updates_and_cancellations_name_no_one_their_readers_may_not_learn(
    leak_db: Database, spec: dict[str, Any]
) -> None:
    event_id = _write(leak_db, spec)
    listed = _listed(spec)
    if not _recipients(spec):
        return
    sent = invitation_drafts(leak_db, event_id, Recipients.EVERYONE)
    assert sent.operation is not None
    apply(leak_db, sent.operation)
    reminders = reminder_drafts(leak_db, event_id)
    _checked_for_recipients(spec, reminders.drafts, listed, only_them=False)
    # A new time: an update to everyone sent an invitation.
    with leak_db.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        event.starts_at += timedelta(hours=1)
        event.ends_at += timedelta(hours=1)
    updates = update_drafts(leak_db, event_id)
    assert len(updates.drafts) == len(sent.drafts)
    _checked_for_recipients(spec, updates.drafts, listed, only_them=False)
    # Cancelled: a cancellation to each of them, naming only its addressee.
    with leak_db.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        event.status = EventStatus.CANCELLED
    cancellations = cancellation_drafts(leak_db, event_id)
    assert len(cancellations.drafts) == len(sent.drafts)
    _checked_for_recipients(spec, cancellations.drafts, listed, only_them=True)


@settings(FAST, max_examples=10)  # renders the programme PDF for each batch
@given(change=rule_changes())
def test_updates_after_a_new_rule_follow_the_new_rule(
    leak_db: Database, change: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    """Invitations went out under one rule, then the event's rule changed: every invitation is
    out of date, and the updates name no one the new rule forbids (on the record to off the
    record: the cast the invitations named may no longer be named)."""
    before, after = change
    event_id = _write(leak_db, before)
    if not _recipients(before):
        return
    sent = invitation_drafts(leak_db, event_id, Recipients.EVERYONE)
    assert sent.operation is not None
    apply(leak_db, sent.operation)
    with leak_db.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        event.attribution = AttributionRule(after["event"]["rule"])
    updates = update_drafts(leak_db, event_id)
    if after["event"]["rule"] != before["event"]["rule"]:
        assert len(updates.drafts) == len(sent.drafts)
    _checked_for_recipients(after, updates.drafts, _listed(after), only_them=False)


# Words an update may use for what changed: facts and role labels, never a person.
CHANGE_WORDS = {
    "time",
    "venue",
    "room",
    "title",
    "cast",
    "attribution rule",
    "agenda",
    *(label.lower() for label in ROLE_LABELS.values()),
    *(label.lower() for label in ROLE_PLURALS.values()),
}


@settings(FAST, max_examples=10)  # renders the programme PDF for each batch
@given(spec=event_specs(), data=st.data())
def test_an_update_after_a_change_of_cast_names_roles_not_people(
    leak_db: Database, spec: dict[str, Any], data: st.DataObject
) -> None:
    event_id = _write(leak_db, spec)
    cast = [c for c in spec["cast"] if Role(c["role"]) in CAST_ROLES]
    if not _recipients(spec) or not cast:
        return
    sent = invitation_drafts(leak_db, event_id, Recipients.EVERYONE)
    assert sent.operation is not None
    apply(leak_db, sent.operation)
    gone = data.draw(st.sampled_from(cast))
    removed = spec["people"][gone["person"]]
    with leak_db.session() as session:
        session.execute(
            delete(Participation).where(
                Participation.event_id == event_id,
                Participation.role == Role(gone["role"]),
                Participation.person_id
                == select(Person.id).where(Person.email == removed["email"]).scalar_subquery(),
            )
        )
    # What the recipients may read now: the same rules, without the removed person's role.
    after = {**spec, "cast": [c for c in spec["cast"] if c is not gone]}
    recipients = _recipients(after)
    for draft in update_drafts(leak_db, event_id).drafts:
        text = " ".join(eml_text(draft.content).split())
        [to] = parse(draft.content)["To"].addresses
        forbidden = for_recipient(after, recipients[to.addr_spec])
        assert leaked(text, forbidden) == [], draft.filename
        said = re.search(r"please note that the (.+?) of ", text)
        assert said is not None, draft.filename
        words = re.split(r", | and ", said.group(1))
        assert set(words) <= CHANGE_WORDS, words
