"""Table tents: A4 landscape folded along the long side, the short style on both halves.

The upper half is rotated 180 degrees so the name reads from both sides of the table.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from planner.errors import PlannerError
from planner.policy.sheet import PersonEntry

from . import templates
from .base import Context
from .styles import HAIRLINE

LABEL = "Table tents"
SIDE = 18 * mm


def _half(canvas: Canvas, ctx: Context, person: PersonEntry, width: float, half: float) -> None:
    """One face of the tent, drawn upright in the rectangle (0, 0)-(width, half)."""
    styles = ctx.styles
    inner = width - 2 * SIDE
    name_style = ParagraphStyle("tent-name", parent=styles.name, alignment=TA_CENTER)
    detail_style = ParagraphStyle("tent-detail", parent=styles.detail, alignment=TA_CENTER)
    name = ctx.fit(
        person.short_name or person.name, name_style, inner, 50 * mm, ((60, 40, 1), (40, 24, 2))
    )
    _, name_height = name.wrap(inner, 50 * mm)
    detail = None
    detail_height = 0.0
    if person.affiliation:
        detail = ctx.fit(
            person.affiliation, detail_style, inner, 14 * mm, ((16, 10, 1), (10, 9, 2))
        )
        _, detail_height = detail.wrap(inner, 14 * mm)
    gap = 4 * mm if detail else 0
    block = name_height + gap + detail_height
    # Centred a little above the middle of the face: the lower edge sits on the table.
    top = half / 2 + block / 2 + 6 * mm
    name.drawOn(canvas, SIDE, top - name_height)
    if detail is not None:
        detail.drawOn(canvas, SIDE, top - name_height - gap - detail_height)
    canvas.setStrokeColor(styles.brand)
    canvas.setLineWidth(1)
    canvas.line(width / 2 - 15 * mm, 16 * mm, width / 2 + 15 * mm, 16 * mm)
    foot = ctx.fit(
        ctx.sheet.organisation.name,
        ParagraphStyle("tent-foot", parent=styles.note, alignment=TA_CENTER),
        inner,
        10,
        ((8, 6, 1),),
    )
    _, h = foot.wrap(inner, 10)
    foot.drawOn(canvas, SIDE, 11 * mm - h)


def render(ctx: Context) -> bytes:
    people = ctx.sheet.present
    if not people:
        raise PlannerError(
            f"event {ctx.sheet.event_id} has nobody to print a table tent for yet: add the chair "
            "and speakers or accept invitations first"
        )
    ctx.pagesize = landscape(ctx.pagesize)
    buffer, canvas = templates.open_canvas(ctx, LABEL)
    width, height = ctx.pagesize
    half = height / 2
    for number, person in enumerate(people, start=1):
        _half(canvas, ctx, person, width, half)
        canvas.saveState()
        canvas.translate(width, height)
        canvas.rotate(180)
        _half(canvas, ctx, person, width, half)
        canvas.restoreState()
        canvas.saveState()
        canvas.setStrokeColor(HAIRLINE)
        canvas.setLineWidth(0.4)
        canvas.setDash(3, 3)
        canvas.line(0, half, width, half)
        canvas.restoreState()
        canvas.showPage()
        if ctx.progress is not None:
            ctx.progress(number)
    canvas.save()
    return buffer.getvalue()
