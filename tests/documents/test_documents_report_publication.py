"""The report's closing line on where it is published follows the rule and the audience.

An off-the-record event's report is never published: the organisers' copy must not say "This
report is published at http://..." even when an address was recorded (try-out 20). A draft that
names someone who has not consented says it may not go out as it stands.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update
from test_documents_cli import spec

from pdf_reading import pdf_text
from planner.errors import PolicyRefusal
from planner.model import AttributionRule, Event
from planner.policy.build import OFF_THE_RECORD_COPY
from planner.policy.sheet import Audience
from planner.services.rendering import render_document
from planner.store import Database
from strategies import write_event

URL = "http://cpakgulf.org/reports/gulf-security.pdf"
PUBLISHED = f"This report is published at {URL}"


def report_text(db: Database, rule: AttributionRule, audience: Audience, summary: str) -> str:
    """The report's text for ``audience``, or "refused" when the policy refuses it."""
    with db.session() as session:
        event_id = write_event(session, spec())
        session.execute(
            update(Event)
            .where(Event.id == event_id)
            .values(attribution=rule, report_url=URL, report_summary=summary)
        )
    try:
        return pdf_text(render_document(db, event_id, "report", audience=audience))
    except PolicyRefusal:
        return "refused"


@pytest.mark.parametrize("rule", list(AttributionRule))
# The report is rendered for these two (attendees read the public one).
@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.ORGANISERS])
def test_only_a_report_the_rule_lets_out_says_it_is_published(
    db: Database, rule: AttributionRule, audience: Audience
) -> None:
    text = report_text(db, rule, audience, "The discussion turned to energy security.")
    if rule == AttributionRule.OFF_THE_RECORD:
        if audience == Audience.ORGANISERS:
            assert OFF_THE_RECORD_COPY in text
            assert "published at" not in text
        else:
            assert text == "refused"
    else:
        assert PUBLISHED in text
        assert OFF_THE_RECORD_COPY not in text


@pytest.mark.parametrize(
    "rule", [AttributionRule.CHATHAM_HOUSE, AttributionRule.NOT_FOR_ATTRIBUTION]
)
def test_a_draft_naming_someone_unconsented_is_not_said_to_be_published(
    db: Database, rule: AttributionRule
) -> None:
    summary = "Prof. Marvin Weinbaum spoke on energy security."
    organisers = report_text(db, rule, Audience.ORGANISERS, summary)
    assert "published at" not in organisers
    assert "Not for publication as it stands." in organisers
    assert "has not consented to be named" in organisers
    assert report_text(db, rule, Audience.PUBLIC, summary) == "refused"
