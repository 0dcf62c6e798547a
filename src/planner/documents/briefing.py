"""The briefing note: for the organisers, the chair and the speakers, CONFIDENTIAL on every page."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from planner.policy.sheet import ParticipantEntry

from . import parts, templates
from .base import RenderContext
from .styles import HAIRLINE

LABEL = "Briefing note"

# What the rule means for the chair's opening remarks, by AttributionRule value.
OPENING_REMARKS = {
    "chatham_house": (
        "Open by announcing that the meeting is held under the Chatham House Rule and read the "
        "Rule aloud. Remind participants that they are free to use what they hear, but may not "
        "reveal the identity or the affiliation of any speaker or participant, and that the "
        "participant list is not circulated beyond those present. Ask that the meeting not be "
        "recorded and that posts on social media name no one."
    ),
    "not_for_attribution": (
        "Open by announcing that the discussion is not for attribution: what is said may be "
        "reported, but attributed only by description (\u201ca former diplomat\u201d), never "
        "by name or affiliation. Confirm with each speaker how they may be described."
    ),
    "off_the_record": (
        "Open by announcing that the meeting is off the record: nothing said may be reported "
        "or published, and any notes are for internal use only. Ask that the meeting not be "
        "recorded."
    ),
    "on_the_record": (
        "Open by announcing that the meeting is on the record: remarks may be reported and "
        "attributed by name. Mention any recording, broadcast or report that is planned."
    ),
}
OVERRIDE_REMARK = (
    "Part of the programme is held under a different rule (see the run of show): announce the "
    "change at the start of that part, and again when the event's own rule applies once more."
)
CONFIRMED = frozenset({"accepted", "cast"})


def _logistics(ctx: RenderContext, width: float) -> Flowable:
    sheet = ctx.sheet
    styles = ctx.styles
    when = sheet.when
    venue = sheet.venue
    rows: list[tuple[str, str]] = [
        ("Date", when.date_text),
        (
            "Time",
            f"{when.time_range_text} ({when.time_zone})"
            if when.time_zone
            else when.time_range_text,
        ),
        ("Format", sheet.format_label),
        ("Status", sheet.status_label),
    ]
    if venue is not None:
        rows.append(("Venue", ", ".join(x for x in (venue.name, venue.city) if x)))
        if venue.room:
            rows.append(("Room", venue.room))
        if venue.address:
            rows.append(("Address", venue.address))
        if venue.capacity is not None:
            rows.append(("Capacity", f"{venue.capacity} seats"))
        if venue.contact:
            rows.append(("Venue contact", venue.contact))
    else:
        rows.append(("Venue", "to be confirmed"))
    if sheet.contact:
        rows.append(("Contact", sheet.contact))
    confirmed = sum(1 for p in sheet.participants or () if p.status in CONFIRMED)
    if sheet.participants is not None:
        rows.append(("Confirmed", f"{confirmed} people, including the chair and speakers"))
    data = [
        [ctx.p(label.upper(), styles.label), ctx.p(value, styles.cell)]
        for label, value in rows
        if value
    ]
    table = Table(data, colWidths=[32 * mm, width - 32 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, HAIRLINE),
            ]
        )
    )
    return table


def participant_table(ctx: RenderContext, people: list[ParticipantEntry], width: float) -> Flowable:
    styles = ctx.styles
    head = [ctx.p(x, styles.table_head) for x in ("", "NAME", "POSITION AND AFFILIATION", "ROLE")]
    data: list[list[object]] = [head]
    for number, entry in enumerate(people, start=1):
        person = entry.person
        detail = ", ".join(x for x in (person.position, person.affiliation) if x)
        role = ", ".join(entry.roles) or "Participant"
        data.append(
            [
                ctx.p(str(number), styles.cell_muted),
                ctx.p(person.name, styles.cell),
                ctx.p(detail, styles.cell_muted),
                ctx.p(role, styles.cell_muted),
            ]
        )
    widths = [9 * mm, 0.36 * (width - 9 * mm), 0.44 * (width - 9 * mm), 0.2 * (width - 9 * mm)]
    table = parts.KeptTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), styles.brand),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, HAIRLINE),
            ]
        )
    )
    return table


def story(ctx: RenderContext) -> list[Flowable]:
    sheet = ctx.sheet
    styles = ctx.styles
    width = ctx.pagesize[0] - 2 * templates.MARGIN
    flow: list[Flowable] = parts.title_block(ctx)
    if sheet.concept_note:
        concept = ctx.paragraphs(sheet.concept_note, styles.body)
        flow.extend(parts.section(ctx, "Purpose and concept note", concept))
    if sheet.background:
        background = ctx.paragraphs(sheet.background, styles.body)
        flow.extend(parts.section(ctx, "Background", background))
    if sheet.key_issues:
        flow.extend(parts.section(ctx, "Key issues", parts.numbered(ctx, sheet.key_issues)))
    if sheet.agenda:
        run = parts.timetables(ctx, sheet.agenda, width)
        flow.extend(parts.section(ctx, "Run of show", run))
    if any(group.people for group in sheet.cast):
        cast = parts.cast_block(ctx, sheet.cast, long_bios=True, withheld=sheet.cast_withheld)
        flow.extend(parts.section(ctx, "Chair and speakers", cast))
    flow.extend(parts.section(ctx, "Logistics", [_logistics(ctx, width)]))
    if sheet.participants is not None:
        confirmed = sorted(
            (p for p in sheet.participants if p.status in CONFIRMED),
            key=lambda p: p.person.sort_key,
        )
        listed: list[Flowable] = (
            [participant_table(ctx, confirmed, width)]
            if confirmed
            else [ctx.p("No participant has confirmed yet.", styles.body)]
        )
        flow.extend(parts.section(ctx, "Confirmed participants", listed))
    closing: list[Flowable] = parts.notices(ctx, width)
    remarks = OPENING_REMARKS.get(sheet.rule)
    if remarks:
        remarks_part = [
            ctx.p("For the chair's opening remarks", styles.subsection),
            ctx.p(remarks, styles.body),
        ]
        closing += remarks_part
    if any(row.overrides_event_rule for row in sheet.agenda):
        closing.append(ctx.p(OVERRIDE_REMARK, styles.body))
    # The last section, short, is kept whole: the note never ends on a page holding the last
    # two lines of the chair's remarks.
    flow.extend(
        parts.section(ctx, "Attribution rule and the chair's opening remarks", closing, whole=True)
    )
    return flow


def render(ctx: RenderContext) -> bytes:
    ctx.draft = ctx.sheet.status == "draft"  # DRAFT on every page until the event is planned
    return templates.build(ctx, story(ctx), LABEL)
