"""``planner sheet`` and ``planner check``: what an audience gets, and what blocks publication.

``planner sheet EVENT_ID --audience public|attendees|organisers [--json]`` prints the sheet every
document and export for that audience is rendered from, so anyone can see exactly what will
leave the building.

``planner check EVENT_ID`` prints the event's conflicts and readiness (from scheduling) and the
attribution review: the report's mentions with line:column, text withheld from public and
attendee documents, people described neutrally. Exit status 0 when nothing blocks a public
report and no finding is an error; 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, TextIO

from planner.findings import Finding, Severity

from .registry import Context, Registry, event_id_type

# The policy package (and with it SQLAlchemy and the model) is imported inside the handlers,
# so that ``planner --help`` and other commands do not pay for it.
if TYPE_CHECKING:
    from planner.policy import AttributionReview, PersonEntry, Sheet

# Audience's values (planner.policy.sheet.Audience), written out so that registering the
# command needs no import of the policy package; a test checks they agree.
AUDIENCES = ("public", "attendees", "organisers")

# Scheduling's one-line summary of the report's mentions; ``planner check`` prints the detail.
SUMMARY_CODES = frozenset({"report_unresolved_mentions"})


def register(registry: Registry) -> None:
    """Add ``planner sheet`` and ``planner check``."""
    sheet = registry.command(
        "sheet",
        _sheet,
        help="print what an audience may see of an event (the sheet documents render)",
    )
    sheet.add_argument("event_id", metavar="EVENT_ID", type=event_id_type)
    sheet.add_argument(
        "--audience",
        choices=AUDIENCES,
        default="public",
        help="who will read it (default: public)",
    )
    sheet.add_argument("--json", action="store_true", help="print the sheet as JSON")
    check = registry.command(
        "check",
        _check,
        help="readiness, conflicts and attribution findings of an event "
        "(exit 1 if a public report is blocked or a finding is an error)",
    )
    check.add_argument("event_id", metavar="EVENT_ID", type=event_id_type)
    check.add_argument(
        "--json",
        action="store_true",
        help="print the findings and the report's mentions (with offsets) as JSON",
    )


# --- planner sheet ---------------------------------------------------------------------------


def _sheet(args: argparse.Namespace, ctx: Context) -> int:
    from planner.policy import Audience, build_sheet, sheet_to_dict

    with ctx.db.session(write=False) as session:
        sheet = build_sheet(session, args.event_id, Audience(args.audience))
    if args.json:
        print(json.dumps(sheet_to_dict(sheet), ensure_ascii=False, indent=2), file=ctx.out)
    else:
        write_sheet(sheet, ctx.out)
    return 0


def _person_line(person: PersonEntry) -> str:
    details = ", ".join(part for part in (person.position, person.affiliation) if part)
    return f"{person.name} \u2014 {details}" if details else person.name


def write_sheet(sheet: Sheet, out: TextIO) -> None:
    """The sheet as a person reads it (``planner sheet`` without ``--json``)."""

    def line(text: str = "") -> None:
        print(text, file=out)

    def section(title: str) -> None:
        line()
        line(title.upper())

    def block(text: str) -> None:
        for paragraph in text.strip().splitlines():
            line(f"  {paragraph}" if paragraph.strip() else "")

    line(f"{sheet.title}  [{sheet.audience.value} sheet, event {sheet.event_id}]")
    if sheet.marking:
        line(sheet.marking)
    if sheet.subtitle:
        line(sheet.subtitle)
    if sheet.series_label:
        line(sheet.series_label)
    line(f"{sheet.format_label} \u00b7 {sheet.status_label} \u00b7 {sheet.rule_label}")
    line(sheet.date_line)
    line(f"{sheet.when.time_range_text} ({sheet.when.time_zone})")
    for notice in sheet.notices:
        scope = f" \u2014 {notice.scope}" if notice.scope else ""
        section(f"{notice.title}{scope}")
        block(notice.text)
    if sheet.cast:
        section("Cast")
        for group in sheet.cast:
            for person in group.people:
                line(f"  {person.role_label or group.label}: {_person_line(person)}")
    if sheet.agenda:
        section("Agenda")
        for row in sheet.agenda:
            rule = f"  [{row.rule_label}]" if row.overrides_event_rule else ""
            line(f"  {row.time_text:<16}{row.title}{rule}")
            for person in row.people:
                line(f"  {'':<16}  {person.role_label}: {person.name}")
    for title, text in (("Concept note", sheet.concept_note), ("Background", sheet.background)):
        if text.strip():
            section(title)
            block(text)
    if sheet.key_issues:
        section("Key issues")
        for number, issue in enumerate(sheet.key_issues, start=1):
            line(f"  {number}. {issue}")
    if sheet.contact:
        section("Contact")
        block(sheet.contact)
    section("Report")
    if sheet.report is not None:
        if sheet.report.summary:
            block(sheet.report.summary)
        if sheet.report.discussion:
            block(sheet.report.discussion)
        for number, recommendation in enumerate(sheet.report.recommendations, start=1):
            line(f"  {number}. {recommendation}")
        if sheet.report.url:
            line(f"  {sheet.report.url}")
    elif sheet.report_refusal:
        line(f"  Refused: {sheet.report_refusal}")
    else:
        line("  (none written)")
    for finding in sheet.report_findings:
        line(f"  ! {finding}")
    if sheet.participants is not None:
        section(f"Participants ({len(sheet.participants)})")
        for entry in sheet.participants:
            roles = ", ".join(entry.roles)
            status = entry.status_label + (f"; {roles}" if roles else "")
            line(f"  {_person_line(entry.person)}  [{status}]")
    if sheet.present:
        section(f"Present: badges and table tents ({len(sheet.present)})")
        for person in sheet.present:
            line(f"  {person.short_name}")


# --- planner check ---------------------------------------------------------------------------


def _check(args: argparse.Namespace, ctx: Context) -> int:
    from planner.model import TimeStyle
    from planner.model.labels import RULE_LABELS
    from planner.policy.build import load_event, load_organisation
    from planner.policy.review import review_event
    from planner.policy.timefmt import event_times
    from planner.scheduling.check import event_findings
    from planner.services.checks import cast_findings
    from planner.services.event_contact import contact_findings_in
    from planner.zones import held_in

    with ctx.db.session(write=False) as session:
        event = load_event(session, args.event_id)
        organisation = load_organisation(session)
        review = review_event(event, organisation)
        # The review has checked the report; readiness reuses that check (one scan).
        scheduling = event_findings(session, args.event_id, report=review.report)
        scheduling += contact_findings_in(session, args.event_id)
        style = organisation.time_style if organisation is not None else TimeStyle.HOURS
        zone = held_in(event.time_zone, organisation.time_zone if organisation else None)
        when = event_times(event.starts_at, event.ends_at, zone, style).long_text
        heading = f"{event.title} (event {event.id})"
        rule = RULE_LABELS[event.attribution]
    scheduling += cast_findings(ctx.db, args.event_id)
    out = ctx.out
    shown = [f for f in scheduling if f.code not in SUMMARY_CODES]
    errors = sum(1 for f in shown if f.severity == Severity.ERROR)
    status = 1 if review.blocks_public_report or errors else 0
    if getattr(args, "json", False):
        _write_json(args.event_id, status, shown, review, out)
        return status
    print(heading, file=out)
    print(f"{when} \u00b7 {rule}", file=out)
    print(file=out)
    print("READINESS AND CONFLICTS", file=out)
    for finding in shown:
        print(f"  {finding.severity.value:<8} {finding.message}", file=out)
    if not shown:
        print("  nothing to report", file=out)
    print(file=out)
    print("ATTRIBUTION", file=out)
    _write_review(review, out)
    blocked = review.blocks_public_report
    print(file=out)
    if status:
        reasons = []
        if blocked:
            reasons.append("a public report is blocked")
        if errors:
            reasons.append(f"{errors} error{'s' if errors != 1 else ''}")
        print(f"Not ready: {' and '.join(reasons)}.", file=out)
    else:
        print("Ready: nothing blocks a public report.", file=out)
    return status


def _finding_dict(finding: Finding) -> dict[str, object]:
    return {
        "severity": finding.severity.value,
        "code": finding.code,
        "message": finding.message,
        "event_ids": list(finding.event_ids),
        "agenda_item_ids": list(finding.agenda_item_ids),
        "person_ids": list(finding.person_ids),
    }


def _write_json(
    event_id: int,
    status: int,
    scheduling: list[Finding],
    review: AttributionReview,
    out: TextIO,
) -> None:
    import dataclasses

    data = {
        "event_id": event_id,
        "ready": status == 0,
        "public_report_blocked": review.blocks_public_report,
        "report_refusal": review.report.refusal,
        "findings": [_finding_dict(f) for f in [*scheduling, *review.findings(event_id)]],
        "mentions": [dataclasses.asdict(m) for m in review.report.mentions],
        "withheld": [
            {"audience": w.audience.value, **dataclasses.asdict(w.mention)} for w in review.withheld
        ],
        "described": [dataclasses.asdict(d) for d in review.described],
    }
    print(json.dumps(data, ensure_ascii=False, indent=2), file=out)


def _write_review(review: AttributionReview, out: TextIO) -> None:
    report = review.report
    if not report.has_report and review.report_url:
        print(f"  Report: only a link to a published file ({review.report_url}).", file=out)
    elif not report.has_report:
        print("  Report: none written yet.", file=out)
    elif not report.may_publish:
        print(f"  Report: {report.refusal}", file=out)
    elif report.unresolved:
        print(f"  Report: public report refused. {report.refusal}", file=out)
    else:
        print("  Report: may be published.", file=out)
    for mention in report.mentions:
        state = "consented" if mention.allowed else "BLOCKS"
        print(
            f"    {mention.where():<22} {state:<9} \u201c{mention.text}\u201d: "
            f"{mention.why} of {mention.person_name}",
            file=out,
        )
    if review.withheld:
        print("  Withheld from documents (rewrite the text, or record consent):", file=out)
        for item in review.withheld:
            mention = item.mention
            print(
                f"    {mention.where():<22} {item.audience.value:<9} \u201c{mention.text}\u201d: "
                f"{mention.why} of {mention.person_name}",
                file=out,
            )
    if review.described:
        print("  Described neutrally in public documents (write a description):", file=out)
        for described in review.described:
            print(f"    {described.person_name} \u2192 \u201c{described.text}\u201d", file=out)
