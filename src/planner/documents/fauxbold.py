"""Bold for text in a script whose bundled font has a single weight (CJK: Droid Sans Fallback).

Beside a bold Latin name, Chinese in the font's one regular weight looks faint. As many tools
do, such runs are drawn "faux bold": filled and then stroked with a thin outline in the text's
colour (PDF text render mode 2). Only what is drawn inside :func:`bold_text` is affected, so a
regular affiliation under a bold name stays regular; :class:`BoldParagraph` draws a bold
paragraph that way (``RenderContext.markup`` picks it when a bold paragraph has such a run).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph

from . import fonts

# Fonts that have no bold face of their own.
SINGLE_WEIGHT = frozenset({fonts.CJK})
# The outline's width as a share of the font size: close to DejaVu Sans Bold's extra weight.
STROKE = 0.04
FILL_THEN_STROKE = 2
FILL = 0


class _BoldText(PDFTextObject):  # type: ignore[misc]
    """A text object that strokes runs set in a single-weight font."""

    def _embolden(self, font_name: str, size: float) -> None:
        if font_name in SINGLE_WEIGHT:
            self.setTextRenderMode(FILL_THEN_STROKE)
            self._code.append(f"{fp_str(size * STROKE)} w")
        else:
            self.setTextRenderMode(FILL)

    def _setFont(self, psfontname: str, size: float) -> None:
        super()._setFont(psfontname, size)
        self._embolden(psfontname, size)

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        super().setFont(psfontname, size, leading)
        self._embolden(psfontname, size)


@contextmanager
def bold_text(canvas: Canvas, colour: Color) -> Iterator[None]:
    """Within the block, text drawn on ``canvas`` in a single-weight font is set faux bold.

    The graphics state is saved and restored around it, so the render mode and the outline's
    width end with the block.
    """
    canvas.saveState()
    canvas.setStrokeColor(colour)

    def begin_text(x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:
        return _BoldText(canvas, x, y, direction=direction)

    canvas.beginText = begin_text
    try:
        yield
    finally:
        del canvas.beginText  # the class's own method again
        canvas.restoreState()


def needs_faux_bold(markup: str) -> bool:
    """Does paragraph ``markup`` set a run in a font that has no bold face?"""
    return any(f'name="{font}"' in markup for font in SINGLE_WEIGHT)


class BoldParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph in a bold style whose single-weight runs are drawn faux bold."""

    def draw(self) -> None:
        with bold_text(self.canv, self.style.textColor):
            super().draw()
