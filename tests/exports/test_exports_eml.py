"""Email drafts: parsed back with email.parser and policy.default."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest

from eml_readback import parse
from export_samples import (
    CHAIR,
    SPEAKER,
    URDU_GUEST,
    Audience,
    make_sheet,
    person,
    seed_database,
)
from planner.errors import PlannerError, PolicyRefusal
from planner.exports.eml import (
    Attachment,
    attachment_filename,
    briefing_message,
    draft_filename,
    invitation_message,
    message_bytes,
    report_message,
)
from planner.services.exports import write_email_drafts
from planner.store import Database

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
PDF = Attachment("Programme – Pakistan.pdf", b"%PDF-1.4 test", "application", "pdf")


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    text: str = part.get_content()
    return text


def test_invitation_is_a_personal_draft_with_date_venue_notice_and_attachments() -> None:
    sheet = make_sheet(Audience.ATTENDEES)
    ics = Attachment("event.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text", "calendar")
    message = parse(message_bytes(invitation_message(sheet, SPEAKER, [PDF, ics], now=NOW)))
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "owais@example.org"
    assert message["To"].addresses[0].display_name == SPEAKER.name
    assert message["From"].addresses[0].addr_spec == "events@cpakgulf.org"
    assert "Pakistan – Russia Relations" in message["Subject"]
    text = body(message)
    assert text.startswith("Dear General Owais,")
    for needed in ("Tuesday, 12 March 2013", "1700–1900 hours", "Islamabad Club", "neither the"):
        assert needed in text
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == ["Programme – Pakistan.pdf", "event.ics"]
    [pdf, _] = message.iter_attachments()
    assert pdf.get_content() == b"%PDF-1.4 test"


def test_non_ascii_names_and_subjects_are_encoded_and_decode_back() -> None:
    title = "روس اور پاکستان – Россия и Пакистан – 俄罗斯"
    sheet = make_sheet(Audience.ATTENDEES, title=title)
    raw = message_bytes(invitation_message(sheet, URDU_GUEST, [PDF], now=NOW))
    raw.decode("ascii")  # every header and body line is 7-bit on the wire
    message = parse(raw)
    assert title in message["Subject"]
    assert message["To"].addresses[0].display_name == URDU_GUEST.name
    assert body(message).startswith(URDU_GUEST.salutation)


def test_a_non_ascii_attachment_name_is_one_rfc2231_name() -> None:
    sheet = make_sheet(Audience.ATTENDEES)
    name = "برنامہ – Programme of the seminar on Pakistan and Russia.pdf"
    attachment = Attachment(name, b"%PDF", "application", "pdf")
    raw = message_bytes(invitation_message(sheet, SPEAKER, [attachment], now=NOW))
    # One name, not an ASCII filename beside a different filename* (ripmime joins the two).
    assert b"filename=" not in raw
    assert b"filename*0*=utf-8''" in raw
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    [part] = parse(raw).iter_attachments()
    assert part.get_filename() == name
    assert part.get_param("name") == name


@pytest.mark.parametrize(
    "name",
    [
        "Mallory\r\nBcc: everyone@evil.test",
        "Mallory\nX-Injected: yes",
        "Khan, Ali <ali@evil.test>, bob@evil.test",
        '"Quoted" \\ Name',
        "A" * 10_000,
        "<script>alert(1)</script>",
    ],
)
def test_a_hostile_name_cannot_add_a_header_or_a_recipient(name: str) -> None:
    invitee = person(name, email="victim@example.org", salutation=f"Dear {name}")
    sheet = make_sheet(Audience.ATTENDEES)
    raw = message_bytes(invitation_message(sheet, invitee, [PDF], now=NOW))
    message = parse(raw)
    assert [a.addr_spec for a in message["To"].addresses] == ["victim@example.org"]
    assert message["Bcc"] is None
    assert message["X-Injected"] is None
    assert b"\r\nBcc:" not in raw
    assert b"\r\nX-Injected" not in raw


def test_a_hostile_address_is_left_out_not_written() -> None:
    invitee = person("Mallory", email="a@b.test\r\nBcc: all@evil.test")
    message = parse(
        message_bytes(invitation_message(make_sheet(Audience.ATTENDEES), invitee, [], now=NOW))
    )
    assert message["To"] is None
    assert message["Bcc"] is None


def test_briefing_goes_to_chair_and_speakers_marked_confidential() -> None:
    sheet = make_sheet(Audience.ORGANISERS)
    message = parse(message_bytes(briefing_message(sheet, [PDF], now=NOW)))
    recipients = {a.addr_spec for a in message["To"].addresses}
    assert recipients == {"khattak@example.org", "owais@example.org"}
    assert message["Subject"].startswith("CONFIDENTIAL")
    assert message["Sensitivity"] == "Company-Confidential"
    text = body(message)
    assert "CONFIDENTIAL" in text
    assert "Dear Ambassador Khattak and General Owais," in text


def test_briefing_is_only_built_from_the_organisers_sheet() -> None:
    with pytest.raises(PlannerError):
        briefing_message(make_sheet(Audience.ATTENDEES), [])


def test_report_goes_to_the_organiser_with_the_list_in_bcc() -> None:
    distribution = [CHAIR, SPEAKER, CHAIR]
    message = parse(message_bytes(report_message(make_sheet(), distribution, [PDF], now=NOW)))
    assert [a.addr_spec for a in message["To"].addresses] == ["events@cpakgulf.org"]
    assert [a.addr_spec for a in message["Bcc"].addresses] == [
        "khattak@example.org",
        "owais@example.org",
    ]
    assert "Pak-Russia-Report.pdf" in body(message)


def test_report_is_refused_when_the_policy_refuses_it() -> None:
    sheet = make_sheet(report=False, report_refusal="held off the record")
    with pytest.raises(PolicyRefusal, match="off the record"):
        report_message(sheet, [], [])
    with pytest.raises(PlannerError, match="no report"):
        report_message(make_sheet(report=False), [], [])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("owais, syed", "invitation-007-owais-syed.eml"),
        ("../../etc/passwd", "invitation-007-etc-passwd.eml"),
        ("con", "invitation-007.eml"),
        ("علی", "invitation-007.eml"),
    ],
)
def test_draft_file_names_are_safe(name: str, expected: str) -> None:
    entry = person(name)
    assert draft_filename("invitation", 7, entry) == expected


@pytest.mark.parametrize(
    ("name", "address", "expected"),
    [
        ("عائشہ صدیقہ", "ayesha.siddiqa@example.org", "invitation-009-ayesha-siddiqa.eml"),
        ("王晓明", "wang@example.cn", "invitation-009-wang.eml"),
        ("王晓明", "", "invitation-009.eml"),
        ("Owais", "other@example.org", "invitation-009-owais.eml"),  # the name comes first
    ],
)
def test_a_name_without_latin_letters_is_named_by_its_email(
    name: str, address: str, expected: str
) -> None:
    entry = person(name, email=address)
    assert draft_filename("invitation", 9, entry) == expected


# --- through the policy and the database ---------------------------------------------------


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    return seed_database(db)


def test_invitation_drafts_one_per_invitee_with_programme_and_ics(
    db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    paths = write_email_drafts(db, ids["roundtable"], "invitation", tmp_path / "out")
    messages = [parse(p.read_bytes()) for p in paths]
    recipients = [m["To"].addresses[0].addr_spec for m in messages]
    assert sorted(recipients) == sorted(
        [
            "khattak@example.org",
            "owais@example.org",
            "khan@example.org",
            "ayesha@example.org",
            "fatima@example.org",
        ]
    )
    owais = messages[recipients.index("owais@example.org")]
    assert body(owais).startswith("Dear General Owais,")
    attachments = list(owais.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf", "text/calendar"]
    assert attachments[0].get_content().startswith(b"%PDF")
    calendar = icalendar.Calendar.from_ical(attachments[1].get_content())
    [event] = calendar.walk("VEVENT")
    # The invitation's calendar entry names its own invitee only.
    assert [str(a) for a in [event["ATTENDEE"]]] == ["mailto:owais@example.org"]
    assert event["UID"] == "pak-russia@cpakgulf.org"
    for message in messages:
        assert "Siddiqa" not in body(message) or "Siddiqa" in str(message["To"])


def test_briefing_and_report_drafts_from_the_database(
    db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    [briefing] = write_email_drafts(db, ids["roundtable"], "briefing", tmp_path)
    message = parse(briefing.read_bytes())
    assert {a.addr_spec for a in message["To"].addresses} == {
        "khattak@example.org",
        "owais@example.org",
        "khan@example.org",
    }
    [pdf] = message.iter_attachments()
    assert pdf.get_content().startswith(b"%PDF")
    [report] = write_email_drafts(db, ids["roundtable"], "report", tmp_path)
    message = parse(report.read_bytes())
    bcc = {a.addr_spec for a in message["Bcc"].addresses}
    assert "declined@example.org" not in bcc
    assert "ayesha@example.org" in bcc
    assert message["To"].addresses[0].addr_spec == "events@cpakgulf.org"


def test_report_draft_of_an_off_the_record_event_is_refused(
    db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    with pytest.raises(PolicyRefusal):
        write_email_drafts(db, ids["off_record"], "report", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_report_without_text_sends_its_link() -> None:
    message = parse(message_bytes(report_message(make_sheet(), [CHAIR], [], now=NOW)))
    assert list(message.iter_attachments()) == []
    assert "is available at https://cpakgulf.org/Pak-Russia-Report.pdf" in body(message)
    with pytest.raises(PlannerError, match="no text and no address"):
        report_message(make_sheet(report_url=""), [CHAIR], [], now=NOW)


def test_no_invitations_to_a_cancelled_event(
    db: Database, ids: dict[str, int], tmp_path: Path
) -> None:
    with pytest.raises(PlannerError, match="cancelled"):
        write_email_drafts(db, ids["cancelled"], "invitation", tmp_path)


CLAIM = "attributes nothing to anyone who has not agreed to be named"


def test_the_report_email_says_the_attached_text_was_checked_and_the_page_was_not() -> None:
    text = body(parse(message_bytes(report_message(make_sheet(), [CHAIR], [PDF], now=NOW))))
    assert "The attached report was checked when this email was written: it " + CLAIM in text
    url = "https://cpakgulf.org/Pak-Russia-Report.pdf"
    assert f"also available at {url}; that page was not checked, only the attached text" in text


def test_a_report_sent_only_as_a_link_claims_no_check() -> None:
    # The program checked the report's text; with no text, nothing it sends was checked.
    text = body(parse(message_bytes(report_message(make_sheet(), [CHAIR], [], now=NOW))))
    assert CLAIM not in text
    assert "is available at https://cpakgulf.org/Pak-Russia-Report.pdf" in text
    assert "The page at the address above was not checked" in text
    assert "Chatham House Rule" in text


def test_an_attached_report_without_a_link_mentions_no_page() -> None:
    sheet = make_sheet(report_url="")
    text = body(parse(message_bytes(report_message(sheet, [CHAIR], [PDF], now=NOW))))
    assert CLAIM in text
    assert "page" not in text


def _calendar(method: str) -> bytes:
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:{method}\r\nEND:VCALENDAR\r\n".encode()


def test_a_calendar_part_is_utf8_and_carries_its_own_method() -> None:
    sheet = make_sheet(Audience.ATTENDEES)
    ics = Attachment("event.ics", _calendar("REQUEST"), "text", "calendar")
    raw = message_bytes(invitation_message(sheet, SPEAKER, [ics], now=NOW))
    [part] = parse(raw).iter_attachments()
    assert part.get_content_type() == "text/calendar"
    assert part["Content-Type"].params["charset"] == "utf-8"
    assert part["Content-Type"].params["method"] == "REQUEST"


def test_a_method_parameter_that_contradicts_the_calendar_is_refused() -> None:
    sheet = make_sheet(Audience.ATTENDEES)
    ics = Attachment("e.ics", _calendar("PUBLISH"), "text", "calendar", (("method", "REQUEST"),))
    with pytest.raises(PlannerError, match="method=REQUEST"):
        invitation_message(sheet, SPEAKER, [ics], now=NOW)


def test_every_draft_has_its_own_message_id_on_the_organisations_domain() -> None:
    sheet = make_sheet(Audience.ATTENDEES)
    ids = {
        str(parse(message_bytes(invitation_message(sheet, SPEAKER, [], now=NOW)))["Message-ID"])
        for _ in range(3)
    }
    assert len(ids) == 3
    assert all(i.startswith("<") and i.endswith("@cpakgulf.org>") for i in ids)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Programme - Security: Scenario.pdf", "Programme - Security- Scenario.pdf"),
        ("برنامہ – روس/پاکستان.pdf", "برنامہ – روس-پاکستان.pdf"),
        ("Report\r\n.pdf", "Report .pdf"),
        ("...", "attachment"),
    ],
)  # fmt: skip
def test_attachment_names_are_kept_as_read_but_safe_to_save(name: str, expected: str) -> None:
    assert attachment_filename(name) == expected


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Centre for Pakistan and Gulf Studies", "the Centre for Pakistan and Gulf Studies"),
        ("Institute of Strategic Studies", "the Institute of Strategic Studies"),
        ("Chatham House", "Chatham House"),
        ("CPGS", "CPGS"),
        ("", "the organisers"),
    ],
)
def test_the_organisation_is_named_as_a_sentence_names_it(name: str, written: str) -> None:
    from planner.exports.eml import organisation_in_sentence

    assert organisation_in_sentence(name) == written
