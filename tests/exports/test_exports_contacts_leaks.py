"""No contact export (vCard, .xlsx, CSV) of an event holds a name its audience may not have.

Random events under every rule (``tests/strategies.py``); for each audience, the exports made
from that audience's sheet are read back the way a recipient would (the vCard file unfolded and
unescaped, and what our own importer reads from it) and checked against the independent list of
forbidden strings. The participant workbook and CSV exist for the organisers only: for any other
audience's sheet they are refused, so there is nothing to leak.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from planner.errors import PolicyRefusal
from planner.exports.people_csv import render_participants_csv
from planner.exports.people_xlsx import render_participants_xlsx
from planner.exports.vcard import read_vcards
from planner.exports.vcard_writer import render_sheet_vcards
from planner.policy import Audience, Sheet, build_sheet
from planner.store import Database
from strategies import event_specs, forbidden_strings, leaked, write_event


def vcard_text(data: bytes) -> str:
    """Everything a contacts program shows of a .vcf: unfolded, unescaped, and as read."""
    unfolded = data.decode("utf-8").replace("\r\n ", "")
    unescaped = (
        unfolded.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
    )
    read = read_vcards(data) if data else None
    values = [v for r in read.records for v in r.record.values().values()] if read else []
    return "\n".join([unescaped, *values])


def contact_outputs(sheet: Sheet) -> dict[str, str]:
    outputs = {
        f"participants-{version}.vcf": vcard_text(render_sheet_vcards(sheet, version))
        for version in ("4.0", "3.0")
    }
    if sheet.audience is not Audience.ORGANISERS:
        # The list is not circulated: no workbook or CSV is made from this sheet at all.
        for render in (render_participants_xlsx, render_participants_csv):
            with pytest.raises(PolicyRefusal):
                render(sheet)
    else:
        render_participants_xlsx(sheet)
    return outputs


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=event_specs())
def test_no_contact_export_holds_a_forbidden_name(leak_db: Database, spec: dict[str, Any]) -> None:
    with leak_db.session() as session:
        event_id = write_event(session, spec)
        sheets = [build_sheet(session, event_id, audience) for audience in Audience]
    for audience, sheet in zip(Audience, sheets, strict=True):
        forbidden = forbidden_strings(spec, audience)
        for name, text in contact_outputs(sheet).items():
            assert leaked(text, forbidden) == [], (spec["event"]["rule"], audience, name)
