"""The property the product stands on: no sheet shows a name its audience may not see.

Random events (rules, overrides, consents, cast, invitees, names in five scripts, free texts
that mention people in tricky forms) are built into a database, every audience's sheet is
serialised, and no forbidden name, family name or affiliation may appear in it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings

from planner.policy import Audience, build_sheet, sheet_to_dict
from planner.store import Database
from strategies import (
    event_specs,
    forbidden_strings,
    leaked,
    report_forbidden_strings,
    write_event,
)


def strings_of(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_of(item)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=event_specs())
def test_no_sheet_shows_a_forbidden_name(leak_db: Database, spec: dict[str, Any]) -> None:
    with leak_db.session() as session:
        event_id = write_event(session, spec)
        for audience in Audience:
            sheet = build_sheet(session, event_id, audience)
            data = sheet_to_dict(sheet)
            json.dumps(data, ensure_ascii=False)  # serialisable, as `planner sheet --json`
            text = "\n".join(strings_of(data))
            assert leaked(text, forbidden_strings(spec, audience)) == [], audience
            if audience != Audience.ORGANISERS and sheet.report is not None:
                report = sheet.report
                report_text = "\n".join(
                    [report.summary, report.discussion, *report.recommendations]
                    + [f"{n.title} {n.scope} {n.text}" for n in report.notices]
                )
                assert leaked(report_text, report_forbidden_strings(spec)) == []
                assert spec["event"]["rule"] != "off_the_record"


WITHHELD_LINE = re.compile(
    r"^(?:[A-Z][a-z -]*|\d+ [a-z -]+)(?:(?:, | and )(?:[a-z -]+|\d+ [a-z -]+))*, "
    r"names? withheld under the rule$"
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=event_specs())
def test_withheld_people_are_counted_and_carry_nothing(
    leak_db: Database, spec: dict[str, Any]
) -> None:
    """Placeholders hold no identifying field; the lines that count them say how many, in
    words fixed by the policy, never who."""
    with leak_db.session() as session:
        event_id = write_event(session, spec)
        for audience in Audience:
            sheet = build_sheet(session, event_id, audience)
            everyone = [p for g in sheet.cast for p in g.people] + [
                p for row in sheet.agenda for p in row.people
            ]
            for person in everyone:
                if person.withheld:
                    assert person.described
                    assert person.name in ("a speaker", "a participant")
                    identifying = (person.short_name, person.position, person.affiliation)
                    assert identifying == ("", "", "")
            if audience is Audience.ORGANISERS:
                assert not any(p.withheld for p in everyone)
            for group in sheet.cast:
                assert group.withheld == sum(1 for p in group.people if p.withheld)
            total = sum(group.withheld for group in sheet.cast)
            assert bool(sheet.cast_withheld) == bool(total)
            lines = [sheet.cast_withheld, *(row.withheld for row in sheet.agenda)]
            counted = [row for row in sheet.agenda if any(p.withheld for p in row.people)]
            assert sum(bool(row.withheld) for row in sheet.agenda) == len(counted)
            for line in filter(None, lines):
                assert WITHHELD_LINE.match(line), line
                assert leaked(line, forbidden_strings(spec, audience)) == []
            if total:
                roles = sheet.cast_withheld.rsplit(", name", 1)[0]
                numbers = [int(n) for n in re.findall(r"\d+", roles)]
                singles = len(re.findall(r"(?:^|, | and )[A-Za-z]", roles))
                assert sum(numbers) + singles == total
