"""Calendar exports: parsed back with the icalendar package."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from export_samples import (
    CHAIR,
    GUEST,
    ORGANISATION,
    SPEAKER,
    URDU_GUEST,
    Audience,
    make_sheet,
    person,
    seed_database,
)
from planner.errors import NotFoundError, PlannerError
from planner.exports.ics import Method, render_ics
from planner.policy.sheet import ParticipantEntry, PersonEntry
from planner.services.exports import ics_bytes, ics_copies, write_ics
from planner.store import Database

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _events(data: bytes) -> tuple[icalendar.Calendar, list[icalendar.Event]]:
    calendar = icalendar.Calendar.from_ical(data)
    return calendar, list(calendar.walk("VEVENT"))


def test_publish_has_aware_times_uid_sequence_and_a_timezone_for_the_needed_year() -> None:
    calendar, [event] = _events(render_ics([make_sheet()], now=NOW))
    assert calendar["METHOD"] == "PUBLISH"
    start = event.decoded("DTSTART")
    assert start == datetime(2013, 3, 12, 17, 0, tzinfo=ZoneInfo("Asia/Karachi"))
    assert start.utcoffset() is not None
    assert event["UID"] == "event-1@planner.test"
    assert event.decoded("SEQUENCE") == 2
    assert event["STATUS"] == "CONFIRMED"
    assert "Islamabad Club" in event["LOCATION"]
    assert "ATTENDEE" not in event
    assert str(event["ORGANIZER"]) == "mailto:events@cpakgulf.org"
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Karachi"
    # Only the year the event needs, not the zone's whole history.
    starts = [c.decoded("DTSTART") for c in zone.subcomponents]
    assert all(d.year == 2013 for d in starts)
    description = str(event["DESCRIPTION"])
    assert "Chatham House Rule" in description
    assert "Amb (R) Khalid Khattak" in description
    assert "Pak-Russia-Report.pdf" in description


def test_timezone_with_daylight_saving_covers_the_transitions_of_the_year() -> None:
    start = datetime(2024, 6, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    sheet = make_sheet(starts_at=start, time_zone="Europe/London")
    calendar, [event] = _events(render_ics([sheet], now=NOW))
    [zone] = calendar.walk("VTIMEZONE")
    kinds = {c.name for c in zone.subcomponents}
    assert kinds == {"STANDARD", "DAYLIGHT"}
    assert event.decoded("DTSTART").utcoffset().total_seconds() == 3600


def _entry(person: PersonEntry, status: str = "invited") -> ParticipantEntry:
    return ParticipantEntry(
        person=person, status=status, status_label=status.title(), attended=None, roles=()
    )


def test_request_names_the_organiser_and_the_sheets_invitation_list_with_roles() -> None:
    listed = (_entry(CHAIR, "cast"), _entry(SPEAKER, "cast"), _entry(GUEST), _entry(URDU_GUEST))
    data = render_ics(
        [make_sheet(Audience.ATTENDEES, invitation_list=listed)], Method.REQUEST, now=NOW
    )
    calendar, [event] = _events(data)
    assert calendar["METHOD"] == "REQUEST"
    attendees = event["ATTENDEE"]
    by_address = {str(a): a for a in attendees}
    assert set(by_address) == {
        "mailto:khattak@example.org",
        "mailto:owais@example.org",
        "mailto:ayesha@example.org",
        "mailto:fatima@example.org",
    }
    assert by_address["mailto:khattak@example.org"].params["ROLE"] == "CHAIR"
    assert by_address["mailto:fatima@example.org"].params["CN"] == "ڈاکٹر فاطمہ علی"
    assert by_address["mailto:ayesha@example.org"].params["PARTSTAT"] == "NEEDS-ACTION"


def test_a_moderator_is_a_required_participant_not_a_second_chair() -> None:
    moderator = dataclasses.replace(SPEAKER, role="moderator")
    listed = (_entry(CHAIR, "cast"), _entry(moderator, "cast"))
    sheet = make_sheet(Audience.ATTENDEES, invitation_list=listed)
    _, [event] = _events(render_ics([sheet], Method.REQUEST, now=NOW))
    roles = {str(a): a.params["ROLE"] for a in event["ATTENDEE"]}
    assert roles == {
        "mailto:khattak@example.org": "CHAIR",
        "mailto:owais@example.org": "REQ-PARTICIPANT",
    }


def test_request_with_an_empty_invitation_list_names_only_the_organiser() -> None:
    _, [event] = _events(render_ics([make_sheet(Audience.ATTENDEES)], Method.REQUEST, now=NOW))
    assert "ATTENDEE" not in event
    assert str(event["ORGANIZER"]) == "mailto:events@cpakgulf.org"


def test_a_recipients_copy_adds_that_recipient_once() -> None:
    sheet = make_sheet(Audience.ATTENDEES, invitation_list=(_entry(CHAIR, "cast"),))
    for recipient, expected in (
        (_entry(GUEST), {"mailto:khattak@example.org", "mailto:ayesha@example.org"}),
        (_entry(CHAIR, "cast"), {"mailto:khattak@example.org"}),  # listed already
    ):
        data = render_ics([sheet], Method.CANCEL, recipients={1: recipient}, now=NOW)
        _, [event] = _events(data)
        attendees = event["ATTENDEE"]
        addresses = [str(a) for a in (attendees if isinstance(attendees, list) else [attendees])]
        assert sorted(addresses) == sorted(expected)


def test_request_without_an_organisation_email_is_refused_clearly() -> None:
    sheet = make_sheet(organisation=dataclasses.replace(ORGANISATION, email=""))
    with pytest.raises(PlannerError, match="organisation's email"):
        render_ics([sheet], Method.REQUEST)


def test_cancelled_event_is_always_a_cancellation() -> None:
    calendar, [event] = _events(render_ics([make_sheet(status="cancelled")], now=NOW))
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event.decoded("SEQUENCE") == 2


def test_cancelling_an_event_still_planned_raises_the_sequence() -> None:
    calendar, [event] = _events(render_ics([make_sheet()], Method.CANCEL, now=NOW))
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event.decoded("SEQUENCE") == 3


def test_hostile_names_cannot_break_out_of_a_parameter_or_a_line() -> None:
    hostile = person(
        'Evil"\r\nATTENDEE:mailto:x@evil.test;X=1, Name',
        email="victim@example.org",
    )
    data = render_ics(
        [
            make_sheet(
                Audience.ATTENDEES,
                title="Title\r\nMETHOD:CANCEL",
                cast=(SPEAKER,),
                invitation_list=(_entry(SPEAKER, "cast"),),
            )
        ],
        Method.REQUEST,
        recipients={1: _entry(hostile)},
        now=NOW,
    )
    calendar, [event] = _events(data)
    assert calendar["METHOD"] == "REQUEST"
    addresses = [str(a) for a in event["ATTENDEE"]]
    assert "mailto:x@evil.test" not in addresses
    assert len(addresses) == 2
    assert b"\r\nMETHOD:CANCEL" not in data


def test_long_fields_fold_and_round_trip() -> None:
    note = "Ω" * 10_000
    data = render_ics([make_sheet(concept_note=note)], now=NOW)
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    _, [event] = _events(data)
    assert note in str(event["DESCRIPTION"])


# --- through the policy and the database ---------------------------------------------------


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    return seed_database(db)


def test_event_export_from_the_database(db: Database, ids: dict[str, int], tmp_path: Path) -> None:
    path = write_ics(db, tmp_path / "event.ics", event_id=ids["roundtable"])
    calendar, [event] = _events(path.read_bytes())
    assert calendar["METHOD"] == "PUBLISH"
    assert event["UID"] == "pak-russia@cpakgulf.org"
    assert event.decoded("SEQUENCE") == 3
    assert "ATTENDEE" not in event
    # The public description never names an invitee.
    assert "Siddiqa" not in str(event["DESCRIPTION"])


def _addresses(event: icalendar.Event) -> set[str]:
    attendees = event.get("ATTENDEE", [])
    return {str(a) for a in (attendees if isinstance(attendees, list) else [attendees])}


@pytest.mark.parametrize("method", ["request", "cancel"])
def test_a_chatham_house_invitation_names_no_invitee(
    db: Database, ids: dict[str, int], method: str
) -> None:
    data = ics_bytes(db, event_id=ids["roundtable"], method=method)
    _, [event] = _events(data)
    assert _addresses(event) == set()
    assert str(event["ORGANIZER"]) == "mailto:events@cpakgulf.org"
    for invitee in (b"ayesha@", b"khattak@", b"fatima@", b"Siddiqa"):
        assert invitee not in data


def test_on_the_record_an_invitation_lists_only_who_consented(
    db: Database, ids: dict[str, int]
) -> None:
    from planner.model import AttributionRule, Consent, Event, Person

    with db.session() as s:
        event = s.get(Event, ids["roundtable"])
        assert event is not None
        event.attribution = AttributionRule.ON_THE_RECORD
        by_email = {p.email: p for p in s.query(Person)}
        event.consents.append(Consent(person=by_email["khattak@example.org"], may_be_named=True))
        event.consents.append(Consent(person=by_email["ayesha@example.org"], may_be_named=False))
        # Consent from someone who then declined: a declined invitee is listed nowhere.
        event.consents.append(Consent(person=by_email["declined@example.org"], may_be_named=True))
    _, [event] = _events(ics_bytes(db, event_id=ids["roundtable"], method="request"))
    # Owais consented in the seed; Khan and Fatima were never asked, Siddiqa said no.
    assert _addresses(event) == {"mailto:khattak@example.org", "mailto:owais@example.org"}


def test_one_copy_per_invitee_names_that_invitee_and_no_other(
    db: Database, ids: dict[str, int]
) -> None:
    copies = ics_copies(db, ids["roundtable"], "request", now=NOW)
    # Everyone linked but the one who declined, each once, named after them.
    assert len(copies) == 5
    assert all(c.filename.startswith("invitation-") and c.filename.endswith(".ics") for c in copies)
    seen = set()
    for copy in copies:
        calendar, [event] = _events(copy.content)
        assert calendar["METHOD"] == "REQUEST"
        [address] = _addresses(event)
        seen.add(address)
    assert "mailto:declined@example.org" not in seen
    assert len(seen) == 5
    cancel = ics_copies(db, ids["roundtable"], "cancel", now=NOW)[0]
    assert cancel.filename.startswith("cancellation-")
    with pytest.raises(PlannerError, match="request or cancel"):
        ics_copies(db, ids["roundtable"], "publish")


def test_series_calendar_holds_every_session_with_the_cancelled_one_marked(
    db: Database, ids: dict[str, int]
) -> None:
    calendar, events = _events(ics_bytes(db, series_id=ids["series"]))
    assert calendar["METHOD"] == "PUBLISH"
    assert [e["UID"] for e in events] == ["pak-russia@cpakgulf.org", "pak-china@cpakgulf.org"]
    assert [e["STATUS"] for e in events] == ["CONFIRMED", "CANCELLED"]
    assert calendar["X-WR-CALNAME"] == "Pakistan Foreign Policy Review"


def test_cancelled_event_from_the_database(db: Database, ids: dict[str, int]) -> None:
    calendar, [event] = _events(ics_bytes(db, event_id=ids["cancelled"]))
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"


def test_unknown_ids_and_methods_are_clear_errors(db: Database, ids: dict[str, int]) -> None:
    with pytest.raises(NotFoundError):
        ics_bytes(db, event_id=999)
    with pytest.raises(NotFoundError):
        ics_bytes(db, series_id=999)
    with pytest.raises(PlannerError, match="unknown method"):
        ics_bytes(db, event_id=ids["roundtable"], method="reply")
