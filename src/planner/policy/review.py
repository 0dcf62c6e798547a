"""What the organiser should look at before anything leaves: the attribution review.

``review_event(event, organisation)`` gathers, for ``planner check`` and the event editor:

- the report's mentions (blocking or covered by consent), and whether a public report is
  possible at all;
- text the public and attendee sheets withhold (``[withheld]`` in place of a hidden name in a
  title, concept note, biography...): better rewritten than printed with a gap;
- people the public sheet describes with a neutral "a speaker" / "a participant" because the
  organiser wrote no description for them.

Everything here names people: it is for organisers only.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.findings import Finding, Severity
from planner.safety import safe_url

from .build import SheetBuilder
from .checker import Mention, ReportCheck, check_findings, check_report_with
from .names import full_style
from .rules import EventPolicy
from .sheet import Audience
from .source import SourceEvent, SourceOrganisation


@dataclass(frozen=True, slots=True)
class Withheld:
    audience: Audience
    mention: Mention


@dataclass(frozen=True, slots=True)
class Described:
    person_id: int
    person_name: str
    text: str  # what the public sheet prints instead ("a speaker")


@dataclass(frozen=True, slots=True)
class AttributionReview:
    report: ReportCheck
    withheld: tuple[Withheld, ...]
    described: tuple[Described, ...]
    report_url: str = ""  # a report published elsewhere (its text is not here to check)

    @property
    def blocks_public_report(self) -> bool:
        return self.report.blocks_public_report

    def findings(self, event_id: int) -> list[Finding]:
        """The review as check findings (errors block a public report)."""
        findings = check_findings(self.report, event_id)
        findings.extend(
            Finding(
                Severity.WARNING,
                "text_withheld",
                f"{w.mention.describe()}; {w.audience.value} documents print [withheld] there",
                (event_id,),
                person_ids=(w.mention.person_id,),
            )
            for w in self.withheld
        )
        findings.extend(
            Finding(
                Severity.WARNING,
                "no_description",
                f"{d.person_name} may not be named publicly and has no description: public "
                f"documents call them \u201c{d.text}\u201d; write a description (or record "
                "consent).",
                (event_id,),
                person_ids=(d.person_id,),
            )
            for d in self.described
        )
        return findings


def review_event(event: SourceEvent, organisation: SourceOrganisation | None) -> AttributionReview:
    """The attribution review of a loaded event (see the module docstring)."""
    policy = EventPolicy(event, organisation)
    withheld: list[Withheld] = []
    seen: set[tuple[str, int, int, int]] = set()
    described: dict[int, Described] = {}
    for audience in (Audience.PUBLIC, Audience.ATTENDEES):
        builder = SheetBuilder(policy, audience)
        builder.build()
        for mention in builder.redactions:
            key = (mention.field, mention.start, mention.end, mention.person_id)
            if key not in seen:
                seen.add(key)
                withheld.append(Withheld(audience, mention))
        if audience == Audience.PUBLIC:
            for link, _where in builder.fallbacks:
                if link.person.id not in described:
                    text, _ = policy.description(link.person.id)
                    described[link.person.id] = Described(
                        link.person.id, full_style(link.person), text
                    )
    return AttributionReview(
        report=check_report_with(policy),
        withheld=tuple(withheld),
        described=tuple(described.values()),
        report_url=safe_url(event.report_url),
    )
