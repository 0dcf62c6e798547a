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
from .base import RenderContext
from .styles import HAIRLINE

LABEL = "Table tents"
SIDE = 18 * mm
# Nothing is printed this close to the fold: the crease would run through the letters, and a
# tent folded a little off centre would hide them.
FOLD_CLEAR = 10 * mm
# Scripts whose letters stand taller than the line (Nastaliq, some CJK faces) keep this much more.
TALL_LETTERS = 3 * mm
FOOT = 20 * mm  # the brand rule and the organisation's name sit below this line
GAP = 4 * mm  # between the name and the affiliation


def names_organisation(affiliation: str, ctx: RenderContext) -> bool:
    """Does the affiliation already name the organisation printing the tent?"""
    org = ctx.sheet.organisation
    folded = affiliation.casefold()
    return bool(org.name and org.name.casefold() in folded) or bool(
        org.short_name and folded == org.short_name.casefold()
    )


def _half(
    canvas: Canvas, ctx: RenderContext, person: PersonEntry, width: float, half: float
) -> None:
    """One face of the tent, drawn upright in the rectangle (0, 0)-(width, half).

    The lower edge stands on the table; the upper edge is the fold.
    """
    styles = ctx.styles
    inner = width - 2 * SIDE
    top_limit = half - FOLD_CLEAR - TALL_LETTERS
    name_style = ParagraphStyle("tent-name", parent=styles.name, alignment=TA_CENTER)
    detail_style = ParagraphStyle("tent-detail", parent=styles.detail, alignment=TA_CENTER)
    detail = None
    detail_height = 0.0
    if person.affiliation:
        detail = ctx.fit(
            person.affiliation, detail_style, inner, 14 * mm, ((16, 10, 1), (10, 8, 2))
        )
        _, detail_height = detail.wrap(inner, 14 * mm)
    gap = GAP if detail else 0.0
    room = top_limit - FOOT - detail_height - gap
    # As large as fits (60 pt down to 40 on one line), then smaller on two or three lines.
    name = ctx.fit(
        person.short_name or person.name,
        name_style,
        inner,
        room,
        ((60, 40, 1), (40, 24, 2), (24, 12, 3)),
    )
    _, name_height = name.wrap(inner, room)
    block = name_height + gap + detail_height
    # Centred a little above the middle of the face, but never nearer the fold than allowed.
    top = min(half / 2 + block / 2 + 6 * mm, top_limit)
    name.drawOn(canvas, SIDE, top - name_height)
    if detail is not None:
        detail.drawOn(canvas, SIDE, top - name_height - gap - detail_height)
    canvas.setStrokeColor(styles.brand)
    canvas.setLineWidth(1)
    canvas.line(width / 2 - 15 * mm, 16 * mm, width / 2 + 15 * mm, 16 * mm)
    if detail is not None and names_organisation(person.affiliation, ctx):
        return  # the organisation's name once per face: the affiliation already says it
    foot = ctx.fit(
        ctx.sheet.organisation.name,
        ParagraphStyle("tent-foot", parent=styles.note, alignment=TA_CENTER),
        inner,
        10,
        ((8, 6, 1),),
    )
    _, h = foot.wrap(inner, 10)
    foot.drawOn(canvas, SIDE, 11 * mm - h)


def render(ctx: RenderContext) -> bytes:
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
