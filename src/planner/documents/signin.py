"""The sign-in sheet: everyone expected, by family name, with a column to sign in."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, TableStyle

from planner.errors import PlannerError

from . import parts, templates
from .base import RenderContext
from .styles import HAIRLINE

LABEL = "Sign-in sheet"
ROW = 9 * mm  # enough room for a signature
WALK_INS = 6  # blank rows for people who come uninvited
CONFIDENTIAL_NOTE = "This list is confidential: it stays with the organisers and is not circulated."


def story(ctx: RenderContext) -> list[Flowable]:
    sheet = ctx.sheet
    styles = ctx.styles
    people = sorted(sheet.present, key=lambda p: p.sort_key)
    if not people:
        raise PlannerError(
            f"event {sheet.event_id} has nobody expected yet: accept invitations or add the "
            "chair and speakers before printing a sign-in sheet"
        )
    width = ctx.pagesize[0] - 2 * templates.MARGIN
    # The page head already says SIGN-IN SHEET: the title block names the event, once.
    flow: list[Flowable] = [
        ctx.p(sheet.title, styles.title),
        parts.date_line(ctx),
        # Above the list, not after it: a closing line could end up alone on a last page.
        ctx.p(CONFIDENTIAL_NOTE, styles.note),
    ]
    # Whoever signs in reads the event's rule first (nothing for an event on the record); the
    # parts held under other rules are announced in the room, not at the door.
    event_rule = tuple(notice for notice in sheet.notices if not notice.scope)
    flow.extend(parts.notices(ctx, width, chosen=event_rule))
    flow.append(Spacer(1, 10))
    head = [
        ctx.p(x, styles.table_head) for x in ("", "NAME", "POSITION AND AFFILIATION", "SIGNATURE")
    ]
    data: list[list[object]] = [head]
    for number, person in enumerate(people, start=1):
        detail = ", ".join(x for x in (person.position, person.affiliation) if x)
        data.append(
            [
                ctx.p(str(number), styles.cell_muted),
                ctx.p(person.name, styles.cell),
                ctx.p(detail, styles.cell_muted),
                Spacer(1, ROW - 10),
            ]
        )
    rest = width - 9 * mm
    widths = [9 * mm, rest * 0.33, rest * 0.37, rest * 0.30]
    table = parts.KeptTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), styles.brand),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, HAIRLINE),
                ("LINEBEFORE", (3, 1), (3, -1), 0.4, HAIRLINE),
            ]
        )
    )
    flow.append(table)
    flow.append(WalkIns(widths, signature_at=sum(widths[:3])))
    return flow


class WalkIns(Flowable):  # type: ignore[misc]
    """Blank rows for people who come uninvited, ruled like the list above them.

    As many as fit under the list, at most ``WALK_INS``: they fill the last page and never
    start a page of their own (a second page holding one blank line).
    """

    def __init__(self, widths: list[float], *, signature_at: float) -> None:
        super().__init__()
        self.width = sum(widths)
        self.signature_at = signature_at
        self.rows = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.rows = max(0, min(WALK_INS, int(availHeight // ROW)))
        return self.width, self.rows * ROW

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # never carried over: what does not fit is left out

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(HAIRLINE)
        canvas.setLineWidth(0.4)
        for row in range(self.rows):
            canvas.line(0, row * ROW, self.width, row * ROW)
        if self.rows:
            canvas.line(self.signature_at, 0, self.signature_at, self.rows * ROW)


def render(ctx: RenderContext) -> bytes:
    return templates.build(ctx, story(ctx), LABEL)
