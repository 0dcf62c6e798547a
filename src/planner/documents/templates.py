"""Named page templates (DOCUMENTS.md, "Page").

``first``: the logo and the organisation's name, a thin rule in the brand colour.
``later``: a small running head with the event's short title.
Both: a footer with the organisation's address or website at the left, "Page x of y" at the
right and, on confidential documents, CONFIDENTIAL centred (and at the top of page 1).
"""

from __future__ import annotations

import io
import logging
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from . import fonts
from .base import RenderContext
from .styles import HAIRLINE, MUTED

log = logging.getLogger(__name__)

MARGIN = 20 * mm
BOTTOM = 24 * mm  # a little more at the bottom, for the footer
FIRST_HEADER = 24 * mm  # logo band and brand rule on page 1
LATER_HEADER = 9 * mm  # running head on later pages
LOGO_HEIGHT = 14 * mm
FOOTER_BASELINE = 12 * mm
DRAFT = "DRAFT"
DRAFT_INK = HexColor("#f2e1e1")  # a pale tint of the marking colour: text stays readable over it


def _draft_watermark(canvas: Canvas, ctx: RenderContext) -> None:
    """DRAFT across the page, under the text (page templates draw before the frame's content)."""
    if not ctx.draft:
        return
    width, height = ctx.pagesize
    canvas.saveState()
    canvas.setFillColor(DRAFT_INK)
    canvas.setFont(fonts.SANS_BOLD, 120)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(55)
    canvas.drawCentredString(0, -42, DRAFT)
    canvas.restoreState()


def metadata(ctx: RenderContext, document: str) -> dict[str, Any]:
    sheet = ctx.sheet
    title = f"{document}: {sheet.title}" if sheet.title else document
    return {
        "title": title,
        "author": sheet.organisation.name,
        "subject": " · ".join(x for x in (sheet.subtitle, sheet.date_line) if x) or title,
        "creator": "Planner",
        "lang": sheet.organisation.language or "en",
        # CreationDate is the real time; with SOURCE_DATE_EPOCH set, ReportLab's TimeStamp uses
        # that instead (and the document ID follows from it), so builds stay reproducible.
        "invariant": 0,
    }


def numbered_canvas(ctx: RenderContext) -> type[Canvas]:
    """A canvas that writes "Page x of y" once it knows y (pages are kept until save)."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Start in the bundled font so the PDF carries no unused, unembedded Helvetica.
            # BaseDocTemplate passes initialFontName=None explicitly: setdefault would keep it.
            if kwargs.get("initialFontName") is None:
                kwargs["initialFontName"] = fonts.SANS
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.setFont(fonts.SANS, 7.5)
                self.setFillColor(MUTED)
                self.drawRightString(width - MARGIN, FOOTER_BASELINE, f"Page {number} of {total}")
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def _draw_para(
    canvas: Canvas, ctx: RenderContext, text: str, style: Any, x: float, y_top: float, width: float
) -> float:
    """Draw ``text`` with its top at ``y_top``; return its height.

    Running heads and footers repeat on every page: each is laid out once per document.
    """
    key = (text, style.name, width)
    cached = ctx.laid_out.get(key)
    if cached is None:
        para = ctx.p(text, style)
        _, height = para.wrap(width, 1000)
        cached = ctx.laid_out[key] = (para, float(height))
    para, height = cached
    para.drawOn(canvas, x, y_top - height)
    return height


def _footer(canvas: Canvas, ctx: RenderContext) -> None:
    width, _ = ctx.pagesize
    org = ctx.sheet.organisation
    styles = ctx.styles
    canvas.setStrokeColor(HAIRLINE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, FOOTER_BASELINE + 9 * mm - 4, width - MARGIN, FOOTER_BASELINE + 9 * mm - 4)
    address = ", ".join(line.strip() for line in org.address.splitlines() if line.strip())
    left = "\n".join(x for x in (address, org.website) if x) or org.name
    # The left part gets a third of the line so it never runs under the centre marking.
    column = (width - 2 * MARGIN) * 0.4
    _draw_para(canvas, ctx, left, styles.footer_left, MARGIN, FOOTER_BASELINE + 7.5, column)
    if ctx.confidential:
        canvas.setFont(fonts.SANS_BOLD, 8)
        canvas.setFillColor(styles.marking.textColor)
        canvas.drawCentredString(width / 2, FOOTER_BASELINE, ctx.marking)


def _logo(canvas: Canvas, ctx: RenderContext, x: float, y: float) -> float:
    """Draw the logo with its bottom-left at (x, y); return the width used (0 when none)."""
    path = ctx.sheet.organisation.logo_path
    if not path:
        return 0.0
    try:
        image = ImageReader(path)
        iw, ih = image.getSize()
    except Exception as error:  # a missing or unreadable logo must not stop the printout
        message = f"logo {path!r} could not be read ({error}); printed without it"
        if message not in ctx.warnings:
            ctx.warnings.append(message)
            log.warning(message)
        return 0.0
    height = LOGO_HEIGHT
    width = min(height * iw / ih, 45 * mm)
    height = width * ih / iw
    canvas.drawImage(image, x, y, width, height, mask="auto")
    return float(width + 4 * mm)


def first_page(label: str) -> Any:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        ctx: RenderContext = doc.ctx
        width, height = ctx.pagesize
        styles = ctx.styles
        _draft_watermark(canvas, ctx)
        canvas.saveState()
        if ctx.confidential:
            canvas.setFont(fonts.SANS_BOLD, 9)
            canvas.setFillColor(styles.marking.textColor)
            canvas.drawCentredString(width / 2, height - 11 * mm, ctx.marking)
        top = height - MARGIN
        rule_y = top - FIRST_HEADER + 6 * mm
        band_bottom = rule_y + 3 * mm
        used = _logo(canvas, ctx, MARGIN, band_bottom)
        name_width = (width - 2 * MARGIN - used) * 0.65
        para = ctx.p(ctx.sheet.organisation.name, styles.org_name)
        _, h = para.wrap(name_width, 100)
        # Beside a logo the name is centred on it; without one it sits on the rule's line.
        lift = max(0.0, (LOGO_HEIGHT - h) / 2) if used else 0.0
        para.drawOn(canvas, MARGIN + used, band_bottom + lift)
        canvas.setFont(fonts.SANS_BOLD, 7.5)
        canvas.setFillColor(MUTED)
        heading = f"{label} · {DRAFT}" if ctx.draft else label
        canvas.drawRightString(width - MARGIN, band_bottom + 1.5, heading.upper())
        canvas.setStrokeColor(styles.brand)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN, rule_y, width - MARGIN, rule_y)
        _footer(canvas, ctx)
        canvas.restoreState()

    return draw


def later_page(label: str) -> Any:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        ctx: RenderContext = doc.ctx
        width, height = ctx.pagesize
        styles = ctx.styles
        _draft_watermark(canvas, ctx)
        canvas.saveState()
        top = height - MARGIN + 4 * mm
        column = (width - 2 * MARGIN) * 0.7
        _draw_para(canvas, ctx, ctx.sheet.short_title, styles.head_left, MARGIN, top, column)
        canvas.setFont(fonts.SANS, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(
            width - MARGIN, top - 8, f"{label} · {DRAFT}" if ctx.draft else label
        )
        canvas.setStrokeColor(styles.brand)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 12, width - MARGIN, top - 12)
        _footer(canvas, ctx)
        canvas.restoreState()

    return draw


class DocTemplate(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buffer: io.BytesIO, ctx: RenderContext, label: str, **kwargs: Any) -> None:
        super().__init__(buffer, pagesize=ctx.pagesize, **kwargs)
        self.ctx = ctx
        width, height = ctx.pagesize

        def frame(name: str, header: float) -> Frame:
            """The text area below a page's header and above its footer."""
            return Frame(
                MARGIN,
                BOTTOM,
                width - 2 * MARGIN,
                height - MARGIN - header - BOTTOM,
                id=name,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )

        first = frame("first", FIRST_HEADER)
        later = frame("later", LATER_HEADER)
        self.addPageTemplates(
            [
                PageTemplate(
                    id="first",
                    frames=[first],
                    onPage=first_page(label),
                    autoNextPageTemplate="later",
                ),
                PageTemplate(id="later", frames=[later], onPage=later_page(label)),
            ]
        )

    def afterPage(self) -> None:
        if self.ctx.progress is not None:
            self.ctx.progress(self.page)


def build(ctx: RenderContext, story: list[Flowable], label: str) -> bytes:
    """Lay out ``story`` on the named templates and return the PDF."""
    buffer = io.BytesIO()
    doc = DocTemplate(buffer, ctx, label, **metadata(ctx, label))
    doc.build(story, canvasmaker=numbered_canvas(ctx))
    return buffer.getvalue()


def open_canvas(ctx: RenderContext, label: str) -> tuple[io.BytesIO, Canvas]:
    """A bare canvas with the document's metadata, for sheets of badges and tents."""
    buffer = io.BytesIO()
    meta = metadata(ctx, label)
    canvas = Canvas(
        buffer,
        pagesize=ctx.pagesize,
        invariant=meta["invariant"],
        lang=meta["lang"],
        pageCompression=1,
        initialFontName=fonts.SANS,
    )
    canvas.setTitle(meta["title"])
    canvas.setAuthor(meta["author"])
    canvas.setSubject(meta["subject"])
    canvas.setCreator(meta["creator"])
    return buffer, canvas
