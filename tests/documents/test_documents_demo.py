"""Golden checks on the demo events: every document, built by the real policy from demo data."""

from __future__ import annotations

import pytest

from pdf_reading import fonts_used, pages, pdf_text
from planner.documents import DEFAULT_AUDIENCE, DocumentKind
from planner.errors import PlannerError, PolicyRefusal
from planner.services.rendering import render_document, render_event_document
from planner.store import Database

CHATHAM_2002 = (
    "When a meeting, or part thereof, is held under the Chatham House Rule, participants are "
    "free to use the information received, but neither the identity nor the affiliation of the "
    "speaker(s), nor that of any other participant, may be revealed."
)
GULF, SALAM, PAK_US, PAK_RUSSIA = 1, 2, 3, 4


def test_gulf_security_programme(read_only_demo: Database) -> None:
    text = pdf_text(render_document(read_only_demo, GULF, "programme"))
    for expected in (
        "Gulf Security: Emerging Scenario",
        "Tuesday, 12 March 2013 · 1700 hours · Main Hall, Islamabad Club, Islamabad",
        CHATHAM_2002,
        "CHAIR Senator Sehar Kamran (TI)",
        "MODERATOR Syed Muhammad Ali",
        "Prof. Marvin G. Weinbaum",
        "1700–1710",
    ):
        assert expected in text, expected
    # The invitees are for the organisers only.
    for invitee in ("Dr Farah Naz", "Cdre (R) Tariq Hameed", "المنصوري"):
        assert invitee not in text


def test_gulf_security_briefing(read_only_demo: Database) -> None:
    pdf = render_document(read_only_demo, GULF, "briefing")
    assert all("CONFIDENTIAL" in page for page in pages(pdf))
    text = pdf_text(pdf)
    for expected in (
        "Key issues",
        "Run of show",
        "Logistics",
        "Main Hall",
        "Confirmed participants",
        "Dr Farah Naz",
        "the Rule aloud",
    ):
        assert expected in text, expected


def test_gulf_security_report_is_refused_with_findings(read_only_demo: Database) -> None:
    with pytest.raises(PolicyRefusal) as refused:
        render_document(read_only_demo, GULF, "report")
    assert "not consented" in str(refused.value)
    assert len(refused.value.findings) >= 3


def test_not_for_attribution_report(read_only_demo: Database) -> None:
    text = pdf_text(render_document(read_only_demo, SALAM, "report"))
    assert "SALAM Roundtable" in text and "Not for attribution" in text


def test_badges_and_tents_for_names_in_urdu_and_cyrillic(read_only_demo: Database) -> None:
    salam = render_document(read_only_demo, SALAM, "badges")
    assert "NotoNastaliqUrdu-Regular" in fonts_used(salam)
    russia = render_document(read_only_demo, PAK_RUSSIA, "badges")
    assert "Алексей Морозов" in pdf_text(russia)


@pytest.mark.parametrize("event_id", [GULF, SALAM, PAK_US, PAK_RUSSIA])
def test_every_document_of_every_demo_event(read_only_demo: Database, event_id: int) -> None:
    for kind in DocumentKind:
        try:
            result = render_event_document(read_only_demo, event_id, kind)
        except PlannerError as error:
            # The Gulf Security report is refused; the Pakistan-Russia report is only a link.
            assert kind is DocumentKind.REPORT, (kind, error)
            continue
        assert result.warnings == (), (kind, result.warnings)
        assert (
            render_document(read_only_demo, event_id, kind, audience=DEFAULT_AUDIENCE[kind])
            == result.pdf
        )
