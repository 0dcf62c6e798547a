"""Parts that recur across documents (DOCUMENTS.md, "Parts that recur")."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
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

from . import templates
from .base import RenderContext
from .styles import HAIRLINE, TINT

DRAFT_TEXT = "DRAFT: DETAILS MAY CHANGE"
MIN_TIME_COLUMN: float = 26 * mm  # the timetable's time column: "1700–1710" and the TIME head
TIME_CELL_PADDING = 6  # points either side of each timetable cell


def title_block(ctx: RenderContext, *, with_venue: bool = True) -> list[Flowable]:
    """Series label, title, subtitle, the date line."""
    sheet = ctx.sheet
    styles = ctx.styles
    story: list[Flowable] = []
    kicker = sheet.series_label or sheet.format_label
    if ctx.draft:
        # Said in the text too, not only in the watermark: a photocopy may lose the tint.
        marking = styles.marking.textColor.hexval().replace("0x", "#")
        story.append(
            ctx.p(
                kicker.upper(),
                styles.kicker,
                prefix=f'<font color="{marking}">{DRAFT_TEXT}</font>' + (" · " if kicker else ""),
            )
        )
    elif kicker:
        story.append(ctx.p(kicker.upper(), styles.kicker))
    story.append(ctx.p(sheet.title, styles.title))
    if sheet.subtitle:
        story.append(ctx.p(sheet.subtitle, styles.subtitle))
    story.append(date_line(ctx))
    if with_venue and sheet.venue is not None and sheet.venue.address:
        story.append(ctx.p(sheet.venue.address, styles.venue_line))
    return story


def date_line(ctx: RenderContext) -> Paragraph:
    """ "Tuesday, 12 March 2013 · 1700 hours · Islamabad Club, Islamabad"."""
    sheet = ctx.sheet
    text = sheet.date_line
    if not text:
        venue = sheet.venue.text if sheet.venue else ""
        text = " · ".join(x for x in (sheet.when.date_text, sheet.when.start_time_text, venue) if x)
    return ctx.p(text, ctx.styles.date_line)


# Never ask for more than this share of a page to keep a heading with its first lines: a start
# that big moves to the next page whole anyway, and a taller request would leave a page empty.
MOST_KEPT = 0.4
# A paragraph of up to this many lines is never split (orphans and widows are not allowed), so
# it moves whole; a longer one may leave its first two lines at the foot of a page.
UNSPLIT_LINES = 3
# Paragraphs in these styles head what follows them (a section head, CHAIR, a person's name and
# affiliation): the room they need includes the start of the next piece.
HEADS = frozenset({"section", "subsection", "label", "name", "detail"})


def height(flowable: Flowable, width: float) -> float:
    """The height ``flowable`` takes laid out at ``width``, with the space around it."""
    if isinstance(flowable, KeepTogether):  # it measures itself only once on a page
        return sum(height(f, width) for f in flowable._content)
    _, h = flowable.wrap(width, 10**6)
    return float(h + flowable.getSpaceBefore() + flowable.getSpaceAfter())


def lead(flowables: Sequence[Flowable], width: float) -> float:
    """The room the start of ``flowables`` needs at the foot of a page to be worth starting there.

    Heads (see ``HEADS``) and the first piece after them: a short paragraph whole, the first
    two lines of a long one, a table's header and first rows, a kept group whole. A
    ``CondPageBreak`` already states what follows it needs.
    """
    need = 0.0
    for flowable in flowables:
        if isinstance(flowable, CondPageBreak):
            return need + float(flowable.height)
        if isinstance(flowable, Paragraph):
            whole = height(flowable, width)
            if flowable.style.name.split("-")[0] in HEADS:
                need += whole
                continue
            lines = len(getattr(flowable.blPara, "lines", ())) or 1
            if lines <= UNSPLIT_LINES:
                return need + whole
            return need + float(flowable.getSpaceBefore()) + whole * 2 / lines
        if isinstance(flowable, Table):
            if hasattr(flowable, "lead_height"):
                return need + float(flowable.lead_height)
            flowable.wrap(width, 10**6)
            # The header and two rows: one row alone at the foot of a page looks left behind.
            return need + float(sum(flowable._rowHeights[:3]))
        need += height(flowable, width)
        if not isinstance(flowable, Spacer):
            return need  # a kept group or a drawing: it moves whole
    return need


def keep_start(
    ctx: RenderContext, flowables: Sequence[Flowable], *, then: Sequence[Flowable] = ()
) -> Flowable:
    """A page break unless the start of ``flowables`` (see :func:`lead`) fits where it is.

    ``then``: what comes last, not to be left alone overleaf: when ``flowables`` cannot split,
    the room asked for covers them whole and the start of ``then``.
    """
    width, most = frame_size(ctx)
    need = lead(flowables, width)
    if then and need >= sum(height(f, width) for f in flowables) - 0.5:
        need += lead(then, width)
    return CondPageBreak(min(need, most * MOST_KEPT))


def section(
    ctx: RenderContext, title: str, body: Sequence[Flowable], *, whole: bool = False
) -> list[Flowable]:
    """A section head and its body; the head never stays behind at the foot of a page.

    The head asks for room for itself and the body's first unit (a cast group's label with its
    first person, a table's first row, the first lines of a paragraph), so neither the head nor
    a lone first line is left at the bottom while the rest starts overleaf. ``whole``: the
    section is kept on one page.
    """
    heading = ctx.p(title, ctx.styles.section)
    if whole:
        # A short closing section moves to the next page whole rather than leave a tail of a
        # line or two there (one taller than a page still splits).
        return [KeepTogether([heading, *body])]
    return [keep_start(ctx, [heading, *body]), heading, *body]


def frame_size(ctx: RenderContext) -> tuple[float, float]:
    """The width and height of a later page's frame: the most one page can hold."""
    width, height = ctx.pagesize
    return (
        width - 2 * templates.MARGIN,
        height - templates.MARGIN - templates.BOTTOM - templates.LATER_HEADER,
    )


def notice_box(ctx: RenderContext, notice: Notice, width: float) -> Flowable:
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
    ctx: RenderContext,
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


def person_lines(ctx: RenderContext, person: PersonEntry, *, bio: str = "") -> list[Flowable]:
    """Full style on one line; position, affiliation on the next; then the biography."""
    styles = ctx.styles
    story: list[Flowable] = [ctx.p(person.name, styles.name)]
    detail = ", ".join(x for x in (person.position, person.affiliation) if x)
    if detail:
        story.append(ctx.p(detail, styles.detail))
    if bio:
        story.extend(ctx.paragraphs(bio, styles.bio))
    return story


def cast_block(
    ctx: RenderContext,
    groups: Iterable[CastGroup],
    *,
    long_bios: bool,
    withheld: str = "",
    after: Sequence[Flowable] = (),
) -> list[Flowable]:
    """Each role as a muted label (CHAIR, SPEAKERS), then its people; ``withheld``, the people
    the audience may not learn about, as one line at the end ("4 speakers, names withheld
    under the rule"), never a list of placeholders.

    A person's name, position and the start of the biography stay together, a label stays with
    its first person, and the last person is never left alone at the top of a page. ``after``
    (a closing note) is kept with the last person, so it never ends the document alone.
    """
    units: list[list[Flowable]] = []
    for group in groups:
        shown = [person for person in group.people if not person.withheld]
        for index, person in enumerate(shown):
            bio = (person.long_bio or person.short_bio) if long_bios else person.short_bio
            unit = person_lines(ctx, person, bio=bio)
            if index == 0:
                unit.insert(0, ctx.p(group.label.upper(), ctx.styles.label))
            units.append(unit)
    if withheld:
        units.append([ctx.p(withheld, ctx.styles.withheld)])
    if units and after:
        units[-1].extend(after)
        width, most = frame_size(ctx)
        if sum(height(f, width) for f in units[-1]) <= most * MOST_KEPT:
            units[-1] = [KeepTogether(units[-1])]
    story: list[Flowable] = []
    for index, unit in enumerate(units):
        last = units[-1] if index == len(units) - 2 else []
        story.append(keep_start(ctx, unit, then=last))
        story.extend(unit)
    return story


def _people_markup(ctx: RenderContext, people: tuple[PersonEntry, ...]) -> list[Flowable]:
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


# A table split over two pages carries at least this many rows overleaf: one row alone at the
# top of the last page (the closing discussion) looks left behind.
LEAST_ROWS_OVERLEAF = 2
# A table shorter than this is never split into a few rows here and a few there: it moves to
# the next page whole (well under a page of any paper size, so it always fits there).
SHORT_TABLE = 400.0


class KeptTable(Table):  # type: ignore[misc]
    """A table whose page split leaves no lone row overleaf (it moves another row with it)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        pieces: list[Flowable] = super().split(availWidth, availHeight)
        if len(pieces) != 2:
            return pieces
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        kept = len(pieces[0]._cellvalues) - head
        overleaf = len(pieces[1]._cellvalues) - head
        if overleaf >= LEAST_ROWS_OVERLEAF:
            return pieces
        if kept <= LEAST_ROWS_OVERLEAF:
            # Too few rows to split at all: move whole, unless it is too tall for that.
            return [] if sum(self._rowHeights) <= SHORT_TABLE else pieces
        # Offer just the room of the rows that stay, so the split comes a row earlier.
        stay = sum(self._rowHeights[: head + kept - (LEAST_ROWS_OVERLEAF - overleaf)])
        return list(super().split(availWidth, min(availHeight, stay + 0.01)))


def time_column_width(ctx: RenderContext, rows: Sequence[AgendaRow], width: float) -> float:
    """The timetable's time column: as wide as the widest time printed, measured in its font.

    ``1700–1710`` fits the usual 26 mm, but ``11:15 am–12:15 pm`` does not and would wrap
    its am/pm onto a second line. A range over several days (it names both dates) may wrap:
    the column never takes more than a third of the page.
    """
    style = ctx.styles.time
    widest = max(
        (float(stringWidth(row.time_text, style.fontName, style.fontSize)) for row in rows),
        default=0.0,
    )
    # The cell's left and right padding (the table's 6 pt each), and a point of slack for
    # rounding, so the paragraph does not break a line that fits exactly.
    needed = widest + 2 * TIME_CELL_PADDING + 1
    return min(max(MIN_TIME_COLUMN, needed), width / 3)


def timetable(ctx: RenderContext, rows: tuple[AgendaRow, ...], width: float) -> Flowable:
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
            cell.extend(_people_markup(ctx, tuple(p for p in row.people if not p.withheld)))
            if row.withheld:
                cell.append(ctx.p(row.withheld, styles.cell_muted))
            if row.rule_sentence:
                cell.append(ctx.p(row.rule_sentence, styles.cell_muted))
        data.append([ctx.p(row.time_text, styles.time), cell])
    time_width = time_column_width(ctx, rows, width)
    # Rows move to the next page whole; only a row that could outgrow a page (a very long
    # description, a crowd of people) may split inside itself.
    huge = any(len(row.description) > 1500 or len(row.people) > 12 for row in rows)
    table = KeptTable(
        data,
        colWidths=[time_width, width - time_width],
        repeatRows=1,
        splitInRow=1 if huge else 0,
    )
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), styles.brand),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), TIME_CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), TIME_CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ("TOPPADDING", (0, 1), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, HAIRLINE),
    ]
    table.setStyle(TableStyle(commands))
    # What the table needs to start on a page, measured on its first rows alone: wrapping the
    # whole of a 40-row timetable only to learn that would lay it out twice.
    probe = Table(data[:3], colWidths=[time_width, width - time_width])
    probe.setStyle(TableStyle(commands))
    probe.wrap(width, 10**6)
    table.lead_height = float(sum(probe._rowHeights))
    return table


def timetables(ctx: RenderContext, rows: tuple[AgendaRow, ...], width: float) -> list[Flowable]:
    """The timetable; for an event held over several days one per day, each under its day's
    heading ("Friday, 15 January 2027"), which never stays behind at the foot of a page."""
    starts = [n for n, row in enumerate(rows) if row.day_heading]
    if not starts:
        return [timetable(ctx, rows, width)]
    if starts[0] != 0:  # rows before the first heading (never made so by the policy)
        starts.insert(0, 0)
    flow: list[Flowable] = []
    for first, after in zip(starts, [*starts[1:], len(rows)], strict=True):
        day = rows[first:after]
        table = timetable(ctx, day, width)
        if day[0].day_heading:
            heading = ctx.p(day[0].day_heading, ctx.styles.subsection)
            flow.extend([keep_start(ctx, [heading, table]), heading])
        flow.append(table)
    return flow


def numbered(
    ctx: RenderContext, items: Iterable[str], *, style: ParagraphStyle | None = None
) -> list[Flowable]:
    chosen = style or ctx.styles.numbered
    story: list[Flowable] = []
    for number, item in enumerate(items, start=1):
        # Through ctx.p, so a long right-to-left item wraps line by line in reading order.
        story.append(ctx.p(item, chosen, prefix=f"<bullet>{number}.</bullet>"))
    return story


def keep(flowables: list[Flowable]) -> Flowable:
    return KeepTogether(flowables)
