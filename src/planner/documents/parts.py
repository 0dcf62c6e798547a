"""Parts that recur across documents (DOCUMENTS.md, "Parts that recur")."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from planner.policy.sheet import AgendaRow, CastGroup, Notice, PersonEntry

from .base import Context
from .styles import HAIRLINE, TINT


def title_block(ctx: Context, *, with_venue: bool = True) -> list[Flowable]:
    """Series label, title, subtitle, the date line."""
    sheet = ctx.sheet
    styles = ctx.styles
    story: list[Flowable] = []
    kicker = sheet.series_label or sheet.format_label
    if kicker:
        story.append(ctx.p(kicker.upper(), styles.kicker))
    story.append(ctx.p(sheet.title, styles.title))
    if sheet.subtitle:
        story.append(ctx.p(sheet.subtitle, styles.subtitle))
    story.append(date_line(ctx))
    if with_venue and sheet.venue is not None and sheet.venue.address:
        story.append(ctx.p(sheet.venue.address, styles.venue_line))
    return story


def date_line(ctx: Context) -> Paragraph:
    """ "Tuesday, 12 March 2013 · 1700 hours · Islamabad Club, Islamabad"."""
    sheet = ctx.sheet
    text = sheet.date_line
    if not text:
        venue = sheet.venue.text if sheet.venue else ""
        text = " · ".join(x for x in (sheet.when.date_text, sheet.when.start_time_text, venue) if x)
    return ctx.p(text, ctx.styles.date_line)


# Room a heading needs below it for a few lines of what it heads; with less, it starts the
# next page instead of being left alone at the bottom (keepWithNext would instead move whole
# tables and long paragraphs, leaving half-empty pages).
HEADING_ROOM = 80
PERSON_ROOM = 60


def section(ctx: Context, title: str) -> list[Flowable]:
    return [CondPageBreak(HEADING_ROOM), ctx.p(title, ctx.styles.section)]


def notice_box(ctx: Context, notice: Notice, width: float) -> Flowable:
    """A lightly tinted box with a thin border, headed by the rule's name."""
    styles = ctx.styles
    title = notice.title
    if notice.scope:
        title = f"{title} — {notice.scope}"
    cell = [ctx.p(title, styles.notice_title), ctx.p(notice.text, styles.notice_text)]
    table = Table([[cell]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("BOX", (0, 0), (-1, -1), 0.6, HAIRLINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def notices(
    ctx: Context,
    width: float,
    *,
    name_parts: bool = True,
    chosen: tuple[Notice, ...] | None = None,
) -> list[Flowable]:
    """The rule notices (``chosen``, else the sheet's); ``name_parts=False`` leaves out which
    agenda item a notice covers.

    An agenda item's title may name its speaker ("Keynote by ..."): a report must not tie a
    rule, and so what was said, to a part of the meeting that names someone.
    """
    story: list[Flowable] = []
    for notice in ctx.sheet.notices if chosen is None else chosen:
        if notice.scope and not name_parts:
            notice = dataclasses.replace(notice, scope="one part of the meeting")
        story.append(Spacer(1, 8))
        story.append(notice_box(ctx, notice, width))
    return story


def person_lines(ctx: Context, person: PersonEntry, *, bio: str = "") -> list[Flowable]:
    """Full style on one line; position, affiliation on the next; then the biography."""
    styles = ctx.styles
    story: list[Flowable] = [ctx.p(person.name, styles.name)]
    detail = ", ".join(x for x in (person.position, person.affiliation) if x)
    if detail:
        story.append(ctx.p(detail, styles.detail))
    if bio:
        story.extend(ctx.paragraphs(bio, styles.bio))
    return story


def cast_block(ctx: Context, groups: Iterable[CastGroup], *, long_bios: bool) -> list[Flowable]:
    """Each role as a muted label (CHAIR, SPEAKERS), then its people."""
    story: list[Flowable] = []
    for group in groups:
        if not group.people:
            continue
        story.append(CondPageBreak(PERSON_ROOM + 15))
        story.append(ctx.p(group.label.upper(), ctx.styles.label))
        for index, person in enumerate(group.people):
            if index:
                story.append(CondPageBreak(PERSON_ROOM))
            bio = (person.long_bio or person.short_bio) if long_bios else person.short_bio
            story.extend(person_lines(ctx, person, bio=bio))
    return story


def _people_markup(ctx: Context, people: tuple[PersonEntry, ...]) -> list[Flowable]:
    styles = ctx.styles
    result: list[Flowable] = []
    for person in people:
        label = person.role_label
        detail = ", ".join(x for x in (person.position, person.affiliation) if x)
        text = ctx.text(person.name, size=styles.cell.fontSize)
        if label:
            text += f' <font color="#5f6368">· {ctx.text(label, size=styles.cell.fontSize)}</font>'
        result.append(ctx.markup(text, styles.cell, plain=person.name + label))
        if detail and person.affiliation:
            result.append(ctx.p(detail, styles.cell_muted))
    return result


def timetable(ctx: Context, rows: tuple[AgendaRow, ...], width: float) -> Flowable:
    """Times in a narrow column, titles in bold, people under them; a subtle row rule."""
    styles = ctx.styles
    head = [ctx.p("TIME", styles.table_head), ctx.p("PROGRAMME", styles.table_head)]
    data: list[list[object]] = [head]
    breaks: list[int] = []
    for row in rows:
        cell: list[Flowable] = []
        if row.is_break:
            cell.append(ctx.p(row.title, styles.cell_break))
            breaks.append(len(data))
        else:
            cell.append(ctx.p(row.title, styles.cell_bold))
            if row.description:
                cell.append(ctx.p(row.description, styles.cell_muted))
            cell.extend(_people_markup(ctx, row.people))
            if row.overrides_event_rule and row.rule_label:
                cell.append(ctx.p(f"Held under the {row.rule_label}", styles.cell_muted))
        data.append([ctx.p(row.time_text, styles.time), cell])
    time_width = 26 * mm
    # Rows move to the next page whole; only a row that could outgrow a page (a very long
    # description, a crowd of people) may split inside itself.
    huge = any(len(row.description) > 1500 or len(row.people) > 12 for row in rows)
    table = Table(
        data,
        colWidths=[time_width, width - time_width],
        repeatRows=1,
        splitInRow=1 if huge else 0,
    )
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), styles.brand),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ("TOPPADDING", (0, 1), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, HAIRLINE),
    ]
    table.setStyle(TableStyle(commands))
    return table


def numbered(
    ctx: Context, items: Iterable[str], *, style: ParagraphStyle | None = None
) -> list[Flowable]:
    chosen = style or ctx.styles.numbered
    story: list[Flowable] = []
    for number, item in enumerate(items, start=1):
        # Through ctx.p, so a long right-to-left item wraps line by line in reading order.
        story.append(ctx.p(item, chosen, prefix=f"<bullet>{number}.</bullet>"))
    return story


def keep(flowables: list[Flowable]) -> Flowable:
    return KeepTogether(flowables)
