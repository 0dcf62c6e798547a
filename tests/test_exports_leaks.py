"""No export for the public or the attendees contains a name the rule forbids.

The policy's leak test checks the sheets; this one checks what the export renderers make of
them, read back the way a recipient would read them (parsed .ics values, the decoded email,
the HTML page's text and attributes, the Markdown), with the same random events and the same
independent list of forbidden strings (``tests/strategies.py``).
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage
from html.parser import HTMLParser
from typing import Any

import icalendar
import pytest
from hypothesis import HealthCheck, given, settings

from planner.exports.announcement import render_announcement_html, render_announcement_markdown
from planner.exports.eml import Attachment, invitation_message, message_bytes, report_message
from planner.exports.ics import Method, render_ics
from planner.policy import Audience, Sheet, build_sheet
from planner.store import Database
from strategies import event_specs, forbidden_strings, leak_database, leaked, write_event
from test_exports_support import person

# The invitation's addressee is the one person it names who is not on the sheet: a neutral one.
ADDRESSEE = person("Colleague", email="colleague@example.org", salutation="Dear Colleague")


@pytest.fixture(scope="module")
def leak_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from leak_database(tmp_path_factory, "export-leaks")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(value for _, value in attrs if value)


def html_text(data: bytes) -> str:
    parser = _Text()
    parser.feed(data.decode("utf-8"))
    parser.close()
    return "\n".join(parser.parts)


def ics_text(data: bytes) -> str:
    calendar = icalendar.Calendar.from_ical(data)
    values: list[str] = []
    for component in calendar.walk():
        for name, value in component.property_items(recursive=False):
            values.append(str(value))
            params = getattr(value, "params", {})
            values.extend(str(v) for v in params.values())
            del name
    return "\n".join(values)


def eml_text(data: bytes) -> str:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    parts = [str(value) for _, value in message.items()]
    # Attachment names are read as the recipient reads them (they hold the title).
    parts += [str(part.get_filename()) for part in message.iter_attachments()]
    body = message.get_body(("plain",))
    assert body is not None
    parts.append(body.get_content())
    return "\n".join(parts)


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
    return {
        "invitation.eml": eml_text(message_bytes(invitation)),
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
