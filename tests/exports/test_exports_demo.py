"""Every export of every demo event parses back with a real parser and holds what it must."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from eml_readback import parse
from planner.errors import PolicyRefusal
from planner.model import Event, Series
from planner.policy import Audience
from planner.services.exports import (
    announcement_bytes,
    build,
    email_drafts,
    ics_bytes,
    write_participants_csv,
    write_people_csv,
)
from planner.store import Database


def _event_ids() -> list[int]:
    # The demo holds the seed's four events; their ids are 1..4 in a fresh database.
    return [1, 2, 3, 4]


def test_the_demo_has_the_events_this_file_walks(read_only_demo: Database) -> None:
    with read_only_demo.session() as s:
        assert sorted(s.scalars(select(Event.id))) == _event_ids()


@pytest.mark.parametrize("event_id", _event_ids())
def test_calendar(read_only_demo: Database, event_id: int) -> None:
    public = build(read_only_demo, event_id, Audience.PUBLIC)
    for method in ("publish", "request"):
        calendar = icalendar.Calendar.from_ical(
            ics_bytes(read_only_demo, event_id=event_id, method=method)
        )
        [event] = calendar.walk("VEVENT")
        assert event["UID"] == public.uid
        assert event.decoded("SEQUENCE") == public.sequence
        assert event.decoded("DTSTART") == public.when.starts_at
        assert event.decoded("DTEND") == public.when.ends_at
        assert str(event["SUMMARY"]).startswith(public.title)
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == public.when.time_zone
        if method == "request":
            # The shared copy names only whom the policy lists on every invitation.
            listed = build(read_only_demo, event_id, Audience.ATTENDEES).invitation_list
            attendees = event.get("ATTENDEE", [])
            attendees = attendees if isinstance(attendees, list) else [attendees]
            assert {str(a) for a in attendees} == {f"mailto:{e.person.email}" for e in listed}
        else:
            assert "ATTENDEE" not in event


def test_series_calendar(read_only_demo: Database) -> None:
    with read_only_demo.session() as s:
        series_id = s.scalars(select(Series.id)).one()
        count = len(list(s.scalars(select(Event.id).where(Event.series_id == series_id))))
    calendar = icalendar.Calendar.from_ical(ics_bytes(read_only_demo, series_id=series_id))
    assert len(calendar.walk("VEVENT")) == count == 2


@pytest.mark.parametrize("event_id", _event_ids())
def test_email_drafts(read_only_demo: Database, event_id: int) -> None:
    attendees = build(read_only_demo, event_id, Audience.ATTENDEES)
    invitations = email_drafts(read_only_demo, event_id, "invitation")
    assert invitations
    for draft in invitations:
        message = parse(draft.content)
        assert message["X-Unsent"] == "1"
        body = message.get_body(("plain",))
        assert body is not None
        text = body.get_content()
        assert text.startswith("Dear ")
        assert attendees.when.date_text in text
        kinds = [part.get_content_type() for part in message.iter_attachments()]
        assert kinds == ["application/pdf", "text/calendar"]
    [briefing] = email_drafts(read_only_demo, event_id, "briefing")
    message = parse(briefing.content)
    assert message["Subject"].startswith("CONFIDENTIAL")
    public = build(read_only_demo, event_id, Audience.PUBLIC)
    if public.report is None:
        if public.report_refusal:
            with pytest.raises(PolicyRefusal):
                email_drafts(read_only_demo, event_id, "report")
        return
    [report] = email_drafts(read_only_demo, event_id, "report")
    message = parse(report.content)
    assert message["To"].addresses[0].addr_spec == public.organisation.email
    assert message["Bcc"] is not None
    attachments = list(message.iter_attachments())
    if public.report.summary or public.report.discussion or public.report.recommendations:
        [pdf] = attachments
        assert pdf.get_content().startswith(b"%PDF")
    else:
        assert attachments == []
        body = message.get_body(("plain",))
        assert body is not None
        assert public.report.url in body.get_content()


@pytest.mark.parametrize("event_id", _event_ids())
def test_participants_csv(read_only_demo: Database, event_id: int, tmp_path: Path) -> None:
    organisers = build(read_only_demo, event_id, Audience.ORGANISERS)
    path = tmp_path / "p.csv"
    write_participants_csv(read_only_demo, event_id, path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert len(rows) - 1 == len(organisers.participants or ())
    assert {r[0] for r in rows[1:]} == {e.person.name for e in organisers.participants or ()}


def test_people_csv(read_only_demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    assert write_people_csv(read_only_demo, path, bom=True) == 15
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == 16
    assert all(len(r) == len(rows[0]) for r in rows)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"meta", "br"}:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("event_id", _event_ids())
def test_announcement(read_only_demo: Database, event_id: int) -> None:
    public = build(read_only_demo, event_id, Audience.PUBLIC)
    page = _Page()
    page.feed(announcement_bytes(read_only_demo, event_id).decode("utf-8"))
    page.close()
    assert page.open == []
    text = " ".join(page.text)
    assert public.title in text
    for group in public.cast:
        for person in group.people:
            if not person.withheld:
                assert person.name in text
    # Those the public may not learn about are counted in one line, not listed as blanks.
    if public.cast_withheld:
        assert f"{public.cast_withheld}." in text
    if public.report is not None and public.report.url:
        assert "Download the report (PDF)" in text
    if public.rule == "chatham_house":
        assert "held under the Chatham House Rule" in text
    if public.rule == "not_for_attribution":
        assert "held on a not-for-attribution basis" in text
    markdown = announcement_bytes(read_only_demo, event_id, "markdown").decode("utf-8")
    assert markdown.count("\n# ") + markdown.startswith("# ") >= 1
