"""Name badges: 90 x 55 mm, 2 x 5 on A4 (2 x 4 on Letter) with cut marks, one per person present."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from planner.errors import PlannerError
from planner.policy.sheet import PersonEntry

from . import fonts, templates
from .base import RenderContext
from .styles import MUTED

LABEL = "Name badges"
WIDTH = 90 * mm
HEIGHT = 55 * mm
PAD = 5 * mm
MARK = 5 * mm  # cut mark length
MARK_GAP = 2 * mm  # between the grid and a cut mark


def grid(pagesize: tuple[float, float]) -> tuple[int, int]:
    """Columns and rows that fit with room for cut marks: 2 x 5 on A4, 2 x 4 on Letter."""
    width, height = pagesize
    margin = MARK + MARK_GAP + 2 * mm
    columns = int((width - 2 * margin) // WIDTH)
    rows = int((height - 2 * margin) // HEIGHT)
    return max(columns, 1), max(rows, 1)


def _cut_marks(canvas: Canvas, x0: float, y0: float, columns: int, rows: int) -> None:
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.3)
    x1 = x0 + columns * WIDTH
    y1 = y0 + rows * HEIGHT
    for i in range(columns + 1):
        x = x0 + i * WIDTH
        canvas.line(x, y1 + MARK_GAP, x, y1 + MARK_GAP + MARK)
        canvas.line(x, y0 - MARK_GAP, x, y0 - MARK_GAP - MARK)
    for j in range(rows + 1):
        y = y0 + j * HEIGHT
        canvas.line(x0 - MARK_GAP - MARK, y, x0 - MARK_GAP, y)
        canvas.line(x1 + MARK_GAP, y, x1 + MARK_GAP + MARK, y)


def _badge(canvas: Canvas, ctx: RenderContext, person: PersonEntry, x: float, y: float) -> None:
    styles = ctx.styles
    inner = WIDTH - 2 * PAD
    top = y + HEIGHT - PAD
    # The organisation and the event, small at the top, over a brand rule.
    head = ctx.fit(ctx.sheet.organisation.name.upper(), styles.kicker, inner, 10, ((7, 5, 1),))
    _, h = head.wrap(inner, 10)
    head.drawOn(canvas, x + PAD, top - h)
    event = ctx.fit(ctx.sheet.short_title, styles.note, inner, 10, ((7.5, 5.5, 1),))
    _, h2 = event.wrap(inner, 10)
    event.drawOn(canvas, x + PAD, top - h - h2)
    rule_y = top - h - h2 - 2 * mm
    canvas.setStrokeColor(styles.brand)
    canvas.setLineWidth(0.8)
    canvas.line(x + PAD, rule_y, x + WIDTH - PAD, rule_y)
    # The full style, as large as fits (16 pt down to 10), then the affiliation at 9 pt.
    bottom = y + PAD + (4 * mm if person.role_label and person.role else 0)
    affiliation = None
    affiliation_height = 0.0
    if person.affiliation:
        affiliation = ctx.fit(person.affiliation, styles.detail, inner, 24, ((9, 7, 2),))
        _, affiliation_height = affiliation.wrap(inner, 24)
    region_top = rule_y - 3 * mm
    gap = 1.5 * mm if affiliation is not None else 0.0
    room = region_top - bottom - affiliation_height - gap
    name = ctx.fit(person.name, styles.name, inner, room, ((16, 14, 1), (14, 10, 3)))
    _, name_height = name.wrap(inner, room)
    # The name and affiliation sit in the middle of the space under the rule, a little high.
    block = name_height + gap + affiliation_height
    name_top = region_top - max(0.0, (region_top - bottom - block) * 0.4)
    name.drawOn(canvas, x + PAD, name_top - name_height)
    if affiliation is not None:
        affiliation.drawOn(canvas, x + PAD, name_top - name_height - gap - affiliation_height)
    if person.role and person.role_label:
        canvas.setFont(fonts.SANS_BOLD, 6.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(x + PAD, y + PAD, person.role_label.upper())


def render(ctx: RenderContext) -> bytes:
    people = ctx.sheet.present
    if not people:
        raise PlannerError(
            f"event {ctx.sheet.event_id} has nobody to print a badge for yet: add the chair and "
            "speakers or accept invitations first"
        )
    buffer, canvas = templates.open_canvas(ctx, LABEL)
    width, height = ctx.pagesize
    columns, rows = grid(ctx.pagesize)
    per_page = columns * rows
    x0 = (width - columns * WIDTH) / 2
    y0 = (height - rows * HEIGHT) / 2
    for start in range(0, len(people), per_page):
        page = people[start : start + per_page]
        for index, person in enumerate(page):
            column, row = index % columns, index // columns
            x = x0 + column * WIDTH
            y = y0 + (rows - 1 - row) * HEIGHT
            _badge(canvas, ctx, person, x, y)
        used_rows = (len(page) + columns - 1) // columns
        _cut_marks(canvas, x0, y0 + (rows - used_rows) * HEIGHT, columns, used_rows)
        canvas.showPage()
        if ctx.progress is not None:
            ctx.progress(start // per_page + 1)
    canvas.save()
    return buffer.getvalue()
