"""No printed document shows a name its audience may not see (random events, every document).

Extends the policy's sheet-level leak test to the PDFs: the text pypdf extracts from each
document, for each audience it may be rendered for, is checked against the same independently
written list of forbidden strings. The generated people have Latin, Urdu, Arabic, Chinese and
Cyrillic names; shaped Urdu (Nastaliq) and Arabic (Naskh) extract as the letters typed (see
``planner.documents.tounicode``), and :func:`test_the_pdf_check_finds_a_printed_name` shows the
check would catch a printed name in every one of those scripts.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

import sheet_samples as samples
from pdf_reading import pdf_text
from planner.documents import ALLOWED_AUDIENCES, DocumentKind, render
from planner.errors import PlannerError, PolicyRefusal
from planner.policy import Audience, build_sheet
from planner.store import Database
from strategies import (
    NAMES,
    event_specs,
    forbidden_strings,
    full_name,
    leaked,
    report_forbidden_strings,
    write_event,
)

PROGRAMME = DocumentKind.PROGRAMME


@settings(
    max_examples=12,
    deadline=None,
    # Shrinking a failing example re-renders every document many times: report it as found.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=event_specs())
def test_no_document_shows_a_forbidden_name(leak_db: Database, spec: dict[str, Any]) -> None:
    with leak_db.session() as session:
        event_id = write_event(session, spec)
        sheets = {a: build_sheet(session, event_id, a) for a in Audience}
    for kind in DocumentKind:
        for audience in ALLOWED_AUDIENCES[kind]:
            try:
                pdf = render(kind, sheets[audience])
            except PolicyRefusal:
                assert kind is DocumentKind.REPORT
                continue
            except PlannerError as error:
                # Nobody present: no badges, tents or sign-in sheet; no report written yet.
                assert "nobody" in str(error) or "no report" in str(error)
                continue
            text = pdf_text(pdf)
            assert leaked(text, forbidden_strings(spec, audience)) == [], (kind, audience)
            if kind is DocumentKind.REPORT and audience is Audience.PUBLIC:
                # The report attributes nothing, its title and subtitle included: under the
                # Chatham House Rule the programme names the cast, the report only those who
                # consented ("With Dr X" in the subtitle once printed them). Its date line and
                # venue name no one and are cleared by the check above.
                body = pdf_text(
                    render(kind, dataclasses.replace(sheets[audience], date_line="", venue=None))
                )
                assert leaked(body, report_forbidden_strings(spec)) == []
                assert spec["event"]["rule"] != "off_the_record"


@pytest.mark.parametrize("script", sorted(NAMES))
def test_the_pdf_check_finds_a_printed_name(script: str) -> None:
    """A test of the test: a name that *is* printed is found in the PDF's text, whatever its
    script, as a cast member's name, in a biography and inside an English sentence."""
    givens, families = NAMES[script]
    person = {"given_name": givens[0], "family_name": families[0]}
    name = full_name(person)
    other = full_name({"given_name": givens[1], "family_name": families[1]})
    sheet = samples.gulf_security()
    speakers = sheet.cast[-1]
    speaker = dataclasses.replace(
        speakers.people[0], name=name, short_bio=f"We heard from {other} on this."
    )
    sheet = dataclasses.replace(
        sheet,
        concept_note=f"We heard from {families[2]} on this.",
        cast=(*sheet.cast[:-1], dataclasses.replace(speakers, people=(speaker,))),
    )
    text = pdf_text(render(DocumentKind.PROGRAMME, sheet))
    forbidden = {name, families[0], other, families[2]}
    assert leaked(text, forbidden) == sorted(forbidden)
    # ... and the check does not just find anything: a name not printed is not found.
    assert leaked(text, {families[3]}) == []


@settings(
    max_examples=15,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=event_specs())
def test_programme_counts_withheld_people_instead_of_listing_blanks(
    leak_db: Database, spec: dict[str, Any]
) -> None:
    """Off the record (and wherever the public may not learn who takes part), the programme
    says how many people are withheld, once per list, and never prints "a speaker" lines."""
    with leak_db.session() as session:
        event_id = write_event(session, spec)
        sheets = {a: build_sheet(session, event_id, a) for a in ALLOWED_AUDIENCES[PROGRAMME]}
    for audience, sheet in sheets.items():
        text = pdf_text(render(PROGRAMME, sheet))
        assert "a speaker" not in text and "a participant" not in text, audience
        assert leaked(text, forbidden_strings(spec, audience)) == [], audience
        if sheet.cast_withheld and any(g.people for g in sheet.cast):
            assert sheet.cast_withheld in text
        for row in sheet.agenda:
            if row.withheld:
                assert row.withheld in text
