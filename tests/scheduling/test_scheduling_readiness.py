"""Readiness rules, each with a case that fires and one that must not; and event_findings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from planner.errors import NotFoundError
from planner.findings import Finding, Severity
from planner.model import (
    AgendaKind,
    AttributionRule,
    Consent,
    Event,
    EventFormat,
    EventStatus,
    InvitationStatus,
    Organisation,
    Role,
)
from planner.scheduling.check import event_findings
from planner.scheduling.readiness import event_readiness
from planner.store import Database
from scheduling_builders import at, cast, event, invite, item, person, room, venue

BEFORE = datetime(2013, 3, 1, tzinfo=UTC)  # planning, eleven days ahead
AFTER = datetime(2013, 4, 1, tzinfo=UTC)  # the event is over


def ready_roundtable(s: Session, **fields: object) -> Event:
    """A roundtable with nothing missing: chair, speakers with biographies, venue and room,
    a confirmed rule (planned, not a draft), invitations sent."""
    club = venue(s, "Islamabad Club")
    hall = room(s, club, "Main Hall", capacity=40)
    e = event(
        s,
        "Gulf Security: Emerging Scenario",
        at(2013, 3, 12, 17),
        at(2013, 3, 12, 19),
        venue=club,
        room=hall,
        **fields,
    )
    cast(s, e, person(s, "Sehar", "Kamran", "Senator", short_bio="Senator."), Role.CHAIR)
    cast(s, e, person(s, "Marvin", "Weinbaum", "Prof.", long_bio="Scholar."), Role.SPEAKER)
    invite(s, e, person(s, "Guest", "One"), InvitationStatus.INVITED, sent_at=BEFORE)
    return e


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def readiness(db: Database, event_id: int, now: datetime = BEFORE) -> list[Finding]:
    with db.session() as s:
        return event_readiness(s, event_id, now=now)


def test_a_ready_roundtable_has_no_findings(db: Database) -> None:
    with db.session() as s:
        eid = ready_roundtable(s).id
    assert readiness(db, eid) == []


def test_roundtable_without_chair(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s)
        for part in list(e.participations):
            if part.role == Role.CHAIR:
                s.delete(part)
        eid = e.id
    (finding,) = readiness(db, eid)
    assert finding.code == "no_chair"
    assert finding.severity is Severity.ERROR
    assert finding.message == "The roundtable 'Gulf Security: Emerging Scenario' has no chair."


def test_a_chair_in_the_agenda_counts(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s)
        chair = next(p for p in e.participations if p.role == Role.CHAIR)
        chair_person = chair.person
        s.delete(chair)
        item(
            s,
            e,
            "Opening",
            at(2013, 3, 12, 17),
            at(2013, 3, 12, 17, 10),
            ((chair_person, Role.CHAIR),),
        )
        eid = e.id
    assert readiness(db, eid) == []


def test_seminar_without_speakers(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s, format=EventFormat.SEMINAR)
        for part in list(e.participations):
            if part.role == Role.SPEAKER:
                s.delete(part)
        eid = e.id
    assert codes(readiness(db, eid)) == ["no_speakers"]


def test_seminar_with_a_keynote_has_speakers(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s, format=EventFormat.SEMINAR)
        for part in e.participations:
            if part.role == Role.SPEAKER:
                part.role = Role.KEYNOTE
        eid = e.id
    assert readiness(db, eid) == []


def test_panel_without_moderator(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s, format=EventFormat.CONFERENCE)
        speaker = next(p.person for p in e.participations if p.role == Role.SPEAKER)
        panel = item(
            s,
            e,
            "Panel: Gulf",
            at(2013, 3, 12, 17),
            at(2013, 3, 12, 18),
            ((speaker, Role.SPEAKER),),
        )
        panel.kind = AgendaKind.PANEL
        eid, pid = e.id, panel.id
    (finding,) = readiness(db, eid)
    assert finding.code == "no_moderator"
    assert finding.severity is Severity.WARNING
    assert finding.agenda_item_ids == (pid,)


def test_panel_with_moderator_or_event_moderator(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s, format=EventFormat.CONFERENCE)
        moderator = person(s, "Khalid", "Khattak", "Amb (R)")
        panel = item(
            s, e, "Panel", at(2013, 3, 12, 17), at(2013, 3, 12, 18), ((moderator, Role.MODERATOR),)
        )
        panel.kind = AgendaKind.PANEL
        other = item(s, e, "Panel 2", at(2013, 3, 12, 18), at(2013, 3, 12, 19))
        other.kind = AgendaKind.PANEL
        eid = e.id
    # The second panel has no moderator of its own ...
    assert codes(readiness(db, eid)) == ["no_moderator"]
    with db.session() as s:
        # ... until the event names one.
        cast(s, s.get(Event, eid), person(s, "Asad", "Durrani"), Role.MODERATOR)  # type: ignore[arg-type]
    assert readiness(db, eid) == []


def test_conference_without_panels_needs_a_moderator(db: Database) -> None:
    with db.session() as s:
        eid = ready_roundtable(s, format=EventFormat.CONFERENCE).id
    assert codes(readiness(db, eid)) == ["no_moderator"]


def test_speaker_without_biography(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s)
        bare = person(s, "M.", "Khan", "Brig Dr")
        cast(s, e, bare, Role.DISCUSSANT)
        # A chair and a participant without one are not asked for it.
        cast(s, e, person(s, "No", "Bio"), Role.PARTICIPANT)
        eid, bid = e.id, bare.id
    (finding,) = readiness(db, eid)
    assert finding.code == "speaker_without_biography"
    assert finding.person_ids == (bid,)
    assert finding.message == (
        "Brig Dr M. Khan, who speaks at 'Gulf Security: Emerging Scenario', has no biography "
        "for the briefing note."
    )


def test_no_venue(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s)
        e.room = None
        e.venue = None
        eid = e.id
    assert codes(readiness(db, eid)) == ["no_venue"]


def test_no_room_only_when_the_venue_has_rooms(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s)
        e.room = None
        roomless = venue(s, "Serena Hotel")
        other = ready_roundtable(s)
        other.room = None
        other.venue = roomless
        eid, oid = e.id, other.id
    assert codes(readiness(db, eid)) == ["no_room"]
    assert readiness(db, oid) == []


def test_room_of_another_venue(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s)
        e.venue = venue(s, "Serena Hotel")
        eid = e.id
    assert codes(readiness(db, eid)) == ["room_not_in_venue"]


def test_draft_with_the_default_rule_is_unconfirmed(db: Database) -> None:
    with db.session() as s:
        s.add(Organisation(name="CPGS", default_attribution=AttributionRule.CHATHAM_HOUSE))
        draft = ready_roundtable(s, status=EventStatus.DRAFT)
        chosen = ready_roundtable(
            s, status=EventStatus.DRAFT, attribution=AttributionRule.ON_THE_RECORD
        )
        planned = ready_roundtable(s, status=EventStatus.PLANNED)
        ids = draft.id, chosen.id, planned.id
    (finding,) = readiness(db, ids[0])
    assert finding.code == "rule_unconfirmed"
    assert finding.severity is Severity.INFO
    assert "under the Chatham House Rule" in finding.message
    assert readiness(db, ids[1]) == []
    assert readiness(db, ids[2]) == []


def test_invitations_not_sent(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s)
        a = person(s, "Guest", "Two")
        b = person(s, "Guest", "Three")
        invite(s, e, a, InvitationStatus.INVITED)
        invite(s, e, b, InvitationStatus.INVITED)
        # Answered invitations were evidently received.
        invite(s, e, person(s, "Guest", "Four"), InvitationStatus.ACCEPTED)
        eid, ids = e.id, (a.id, b.id)
    (finding,) = readiness(db, eid)
    assert finding.code == "invitations_not_sent"
    assert finding.person_ids == ids
    assert finding.message == (
        "2 invitations to 'Gulf Security: Emerging Scenario' have not been sent."
    )


def test_report_missing_after_the_event(db: Database) -> None:
    with db.session() as s:
        held = ready_roundtable(s, status=EventStatus.HELD)
        ended = ready_roundtable(s, status=EventStatus.CONFIRMED)
        written = ready_roundtable(
            s, status=EventStatus.HELD, attribution=AttributionRule.ON_THE_RECORD
        )
        written.report_summary = "The roundtable discussed the Gulf."
        secret = ready_roundtable(
            s, status=EventStatus.HELD, attribution=AttributionRule.OFF_THE_RECORD
        )
        ids = held.id, ended.id, written.id, secret.id
    assert codes(readiness(db, ids[0], now=AFTER)) == ["report_missing"]
    (ended_finding,) = readiness(db, ids[1], now=AFTER)
    assert ended_finding.code == "report_missing"
    assert ended_finding.message == (
        "'Gulf Security: Emerging Scenario' ended on Tue 12 Mar 2013 and has no report yet "
        "(it is still marked confirmed: mark it held, cancelled or postponed)."
    )
    assert codes(readiness(db, ids[1], now=BEFORE)) == []  # not yet held
    assert readiness(db, ids[2], now=AFTER) == []
    assert readiness(db, ids[3], now=AFTER) == []  # off the record: no report to publish


def test_an_event_stricter_than_its_organisation_says_why(db: Database) -> None:
    """Imported from an institute that withholds its cast's names: the organiser reads why the
    public programme describes the chair instead of naming her."""
    with db.session() as s:
        strict = ready_roundtable(s, name_cast_publicly=False)
        plain = ready_roundtable(s)
        ids = strict.id, plain.id
    findings = readiness(db, ids[0])
    assert codes(findings) == ["cast_withheld_by_event"]
    assert findings[0].severity is Severity.INFO
    assert "keeps the stricter setting it was imported with" in findings[0].message
    assert readiness(db, ids[1]) == []


def test_an_unsafe_report_link_is_named_and_is_no_report(db: Database) -> None:
    """A javascript: link stored before links were checked: no document prints it (the
    policy drops it), so the organiser is told, and it does not count as a published report."""
    with db.session() as s:
        e = ready_roundtable(s, status=EventStatus.HELD, attribution=AttributionRule.ON_THE_RECORD)
        e.report_url = "javascript:alert(1)"
        eid = e.id
    findings = readiness(db, eid, now=AFTER)
    assert codes(findings) == ["report_link_unsafe", "report_missing"]
    assert findings[0].message == (
        "The report link of 'Gulf Security: Emerging Scenario' is left out of every document: "
        "only http://, https:// and mailto: links are allowed, not a javascript: link."
    )
    with db.session() as s:
        s.get_one(Event, eid).report_url = "https://cpgs.example.org/gulf.pdf"
    assert readiness(db, eid, now=AFTER) == []


def test_report_with_unresolved_mentions_under_chatham_house(db: Database) -> None:
    pytest.importorskip("planner.policy.checker")
    with db.session() as s:
        e = ready_roundtable(s, status=EventStatus.HELD)
        e.report_summary = "Senator Kamran opened the roundtable; Prof. Weinbaum spoke."
        eid = e.id
        weinbaum = next(p.person for p in e.participations if p.role == Role.SPEAKER)
        kamran = next(p.person for p in e.participations if p.role == Role.CHAIR)
        ids = kamran.id, weinbaum.id
    (finding,) = readiness(db, eid, now=AFTER)
    assert finding.code == "report_unresolved_mentions"
    assert finding.severity is Severity.ERROR
    assert finding.person_ids == tuple(sorted(ids))
    assert "names or identifies 2 people who have not consented" in finding.message
    with db.session() as s:
        for pid in ids:
            s.add(Consent(event_id=eid, person_id=pid, may_be_named=True))
    assert readiness(db, eid, now=AFTER) == []


def test_a_cancelled_event_has_nothing_to_get_ready(db: Database) -> None:
    with db.session() as s:
        e = event(
            s, "Called off", at(2013, 3, 12, 17), at(2013, 3, 12, 19), status=EventStatus.CANCELLED
        )
        eid = e.id
    assert readiness(db, eid) == []
    assert readiness(db, eid, now=AFTER) == []


def test_event_findings_joins_conflicts_and_readiness(db: Database) -> None:
    with db.session() as s:
        e = ready_roundtable(s)
        clash = event(
            s, "Clash", at(2013, 3, 12, 18), at(2013, 3, 12, 20), venue=e.venue, room=e.room
        )
        item(s, e, "Too late", at(2013, 3, 12, 18, 30), at(2013, 3, 12, 19, 30))
        invite(s, e, person(s, "Guest", "Two"), InvitationStatus.INVITED)
        eid, cid = e.id, clash.id
    with db.session() as s:
        findings = event_findings(s, eid, now=BEFORE)
        with pytest.raises(NotFoundError):
            event_findings(s, 12345)
    # Errors first, then warnings.
    assert set(codes(findings[:2])) == {"room_double_booked", "agenda_outside_event"}
    assert codes(findings[2:]) == ["invitations_not_sent"]
    room_clash = next(f for f in findings if f.code == "room_double_booked")
    assert room_clash.event_ids == (eid, cid)
