"""Hostile data in the directory goes through every export and comes out as data."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from eml_readback import parse
from planner.model import (
    AttributionRule,
    Consent,
    Event,
    EventStatus,
    Invitation,
    Organisation,
    Participation,
    Person,
    Role,
    Venue,
)
from planner.services.exports import (
    announcement_bytes,
    email_drafts,
    ics_bytes,
    write_participants_csv,
    write_people_csv,
)
from planner.store import Database

HOSTILE_NAMES = [
    ("Mallory\r\nBcc: all@evil.test", "Newline"),
    ('"Quoted", Name', "Comma, Jr."),
    ('=HYPERLINK("http://evil.test","x")', "@SUM(1)"),
    ("<script>alert(1)</script>", "<b>Bold</b> & Co"),
    ("Ω" * 10_000, "Long"),
    ("فاطمہ", "علی"),
    ("Анна", "Петрова"),
    ("伟", "王"),
    ("Ελένη", "Παππά"),
    ("ศรี", "สุข"),
]


@pytest.fixture
def event_id(db: Database) -> int:
    start = datetime(2025, 3, 12, 17, 0, tzinfo=ZoneInfo("Asia/Karachi"))
    with db.session() as s:
        s.add(Organisation(name='CPGS "<Centre>"\r\nX-Header: 1', email="events@cpakgulf.org"))
        venue = Venue(name="Club <Main>, Hall\r\nTwo", city="Islamabad")
        s.add(venue)
        s.flush()
        event = Event(
            uid="hostile@planner.test",
            title='=cmd|"/C calc"!A0 <script>x</script>\r\nSubject: spoof',
            status=EventStatus.CONFIRMED,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            venue_id=venue.id,
            attribution=AttributionRule.ON_THE_RECORD,
            concept_note="<img src=x onerror=alert(1)> [x](javascript:alert(1)) " + "ش" * 10_000,
            report_summary="A summary.",
            report_url="javascript:alert(1)",
        )
        s.add(event)
        s.flush()
        for number, (given, family) in enumerate(HOSTILE_NAMES):
            person = Person(given_name=given, family_name=family, email=f"p{number}@example.org")
            s.add(person)
            s.flush()
            if number < 3:
                s.add(Participation(event_id=event.id, person_id=person.id, role=Role.SPEAKER,
                                    position=number))  # fmt: skip
            else:
                s.add(Invitation(event_id=event.id, person_id=person.id))
            # Consent puts every hostile name on the invitation's list of attendees.
            s.add(Consent(event_id=event.id, person_id=person.id, may_be_named=True))
        return event.id


def test_calendar_stays_one_event_with_its_own_properties(db: Database, event_id: int) -> None:
    for method in ("publish", "request"):
        data = ics_bytes(db, event_id=event_id, method=method)
        assert b"\r\nSubject: spoof" not in data
        calendar = icalendar.Calendar.from_ical(data)
        [event] = calendar.walk("VEVENT")
        assert "Subject: spoof" in str(event["SUMMARY"])  # kept as text, on one line
        if method == "request":
            addresses = sorted(str(a) for a in event["ATTENDEE"])
            assert addresses == sorted(f"mailto:p{n}@example.org" for n in range(10))


def test_drafts_have_exactly_their_headers_and_recipients(db: Database, event_id: int) -> None:
    drafts = email_drafts(db, event_id, "invitation")
    assert len(drafts) == 10
    for draft in drafts:
        raw = draft.content
        message = parse(raw)
        assert len(message["To"].addresses) == 1
        assert message["Bcc"] is None
        assert message["X-Header"] is None
        assert b"\r\nBcc:" not in raw and b"\r\nX-Header" not in raw
        assert message["Subject"].count("Subject") <= 1
        assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    [briefing] = email_drafts(db, event_id, "briefing")
    assert {a.addr_spec for a in parse(briefing.content)["To"].addresses} == {
        "p0@example.org",
        "p1@example.org",
        "p2@example.org",
    }


def test_csv_cells_are_neutralised(db: Database, event_id: int, tmp_path: Path) -> None:
    write_people_csv(db, tmp_path / "people.csv")
    write_participants_csv(db, event_id, tmp_path / "participants.csv")
    for name in ("people.csv", "participants.csv"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        width = len(rows[0])
        assert all(len(row) == width for row in rows)
        for row in rows:
            for cell in row:
                # Only a sign followed by a plain number (a phone) may start like a formula.
                if cell.startswith(("+", "-")):
                    assert re.fullmatch(r"[+-][0-9][0-9 .()]*", cell), cell
                else:
                    assert not cell.startswith(("=", "@", "\t", "\r")), cell


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs.extend(v or "" for k, v in attrs if k == "href")


def test_announcement_holds_no_markup_from_the_data(db: Database, event_id: int) -> None:
    page = _Tags()
    page.feed(announcement_bytes(db, event_id).decode("utf-8"))
    assert not {"script", "img", "b"} & set(page.tags)
    assert page.hrefs == []  # the javascript: report address is not linked
    markdown = announcement_bytes(db, event_id, "markdown").decode("utf-8")
    assert "<script>" not in markdown and "<img" not in markdown
    assert "](javascript:" not in markdown
