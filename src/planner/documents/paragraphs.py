"""Paragraphs for scripts ReportLab's Paragraph does not place well on its own.

:class:`ScriptParagraph`: ReportLab puts a paragraph's first baseline one font size below its
top, whatever the font; Noto Nastaliq Urdu's letters climb to 1.9 em above the baseline, so an
Urdu line overran the row rule above it in the timetable, and left a gap as tall below itself.
The line's own ascent (from the font, per script) is used instead.

:class:`BidiParagraph`: right-to-left text broken into lines before it is reordered (see
:mod:`planner.documents.rtl`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

OVERSHOOT = 0.04  # em beyond the font's ascent


class ScriptParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph whose first line sits its font's ascent below the top, not its size.

    Used with ``autoLeading="max"``, where each later line is already placed by the ascent and
    descent of its fonts, and the height counted by ReportLab is that of the lines' boxes.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # ReportLab breaks the lines again on every wrap, and a frame wraps a paragraph two or
        # three times at one width (to place it, then to split it): with shaped text, two
        # thirds of the line breaking in an Urdu report was done again for the same width.
        # The lines depend only on the width, the frags and the style (not the height); a
        # split that finds no room deletes them (``blPara``), and they are broken again.
        known = getattr(self, "_wrapped", None)
        if (
            known is not None
            and known[0] == availWidth
            and known[1] is self.frags
            and known[2] is self.style
        ):
            self.blPara = known[3]
            self.width, self.height = known[4]
            return known[4]  # type: ignore[no-any-return]
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._remember_wrap(availWidth, size)
        return size

    def _remember_wrap(self, width: float, size: tuple[float, float]) -> None:
        self._wrapped = (width, self.frags, self.style, self.blPara, size)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) == 2 and isinstance(parts[0], ScriptParagraph):
            # ReportLab gives the part that stays on this page the lines it has just broken
            # (and draws those), yet the frame wraps it again at the same width first.
            first = parts[0]
            first._remember_wrap(availWidth, (first.width, first.height))
        return parts

    def top_room(self) -> float:
        """How far the first line's letters reach above where ReportLab puts its top."""
        lines = getattr(self, "blPara", None)
        if lines is None or lines.kind != 1 or not lines.lines:
            return 0.0
        first = lines.lines[0]
        # A few Nastaliq letters (the stroke of گ) climb a little past the font's own ascent.
        reach = float(first.ascent) + OVERSHOOT * float(first.fontSize)
        return max(0.0, reach - float(first.fontSize))

    def draw(self) -> None:
        room = self.top_room()
        if not room:
            super().draw()
            return
        # drawPara puts the first baseline at height - fontSize: lower it by ``room``.
        height = float(getattr(self, "height"))  # noqa: B009 (set by wrap, untyped)
        self.height = height - room
        try:
            super().draw()
        finally:
            self.height = height


class BidiParagraph(ScriptParagraph):
    """A paragraph with right-to-left text, broken into lines before it is reordered.

    ``lay_out(width)`` returns the paragraph's markup for that width: its lines, each in
    display order, joined by ``<br/>``. It is called again whenever the paragraph is wrapped
    at a new width. The pieces :meth:`split` makes across pages keep their lines as they are.
    """

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        bulletText: Any = None,
        frags: Any = None,
        *args: Any,
        lay_out: Callable[[float], str] | None = None,
        rtl: bool = False,
        **kwargs: Any,
    ) -> None:
        # A passage that starts right to left and wraps is aligned right, as its readers
        # expect (ragged on the left); a one-line name keeps its column's alignment.
        self._passage_style = (
            ParagraphStyle(style.name + "-rtl", parent=style, alignment=TA_RIGHT)
            if rtl and style.alignment == TA_LEFT
            else style
        )
        self._line_style = style
        self._lay_out = lay_out
        self._laid_for: float | None = None
        if lay_out is not None and frags is None:
            text = ""  # laid out by wrap(), once the width is known
        self._markup = text
        super().__init__(text, style, bulletText, frags, *args, **kwargs)

    def minWidth(self) -> float:
        if self._lay_out is not None and self._laid_for is None:
            # Asked before any wrap (a table sizing its columns): one line per hard line.
            self._markup = self._lay_out(0.0)
            self._setup(self._markup, self.style, self.bulletText, None, cleanBlockQuotedText)
        return float(super().minWidth())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._lay_out is not None and availWidth != self._laid_for:
            style = self._line_style
            inner = availWidth - style.leftIndent - style.rightIndent
            # The lines are measured word by word; should ReportLab still find one too long
            # (the space between words in another font), lay out again a little narrower.
            for attempt in range(4):
                markup = self._lay_out(inner * (1 - 0.03 * attempt))
                if markup != self._markup:  # a name that fits on one line is parsed once
                    self._setup(markup, style, self.bulletText, None, cleanBlockQuotedText)
                    self._markup = markup
                size = super().wrap(availWidth, availHeight)
                if len(self.blPara.lines) <= markup.count("<br/>") + 1:
                    break
            # Alignment is read when the paragraph is drawn, not when it is wrapped (so the
            # lines just broken still hold for the new style).
            self.style = self._passage_style if len(self.blPara.lines) > 1 else style
            self._remember_wrap(availWidth, size)
            self._laid_for = availWidth
            return size
        return super().wrap(availWidth, availHeight)


# ReportLab breaks a paragraph into lines all at once, and breaks what is left of it again on
# every page it continues onto: a 200,000-character paragraph took seconds, a megabyte minutes.
# Long paragraphs are laid out as pieces of at most this many characters, so the cost is linear.
PIECE = 1_500
# A Latin or Arabic full stop ends a sentence before a space ("3.5" does not); a Chinese or
# Urdu one ends it wherever it is (Chinese puts no space after it).
_SENTENCE_END = re.compile(r"[.!?؟][\"'”’)\]]*\s+|[。！？۔][\"'”’)\]]*\s*")


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters, each ending a sentence if it can.

    A piece ends at the last sentence end in the second half of its window, else at the last
    space there, else (a single word that long) exactly ``size`` characters in.
    """
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = 0
        for match in _SENTENCE_END.finditer(window, size // 2):
            cut = match.end()
        if not cut:
            space = max(window.rfind(" "), window.rfind("\n"))
            cut = space + 1 if space >= size // 2 else size
        out.append(text[start : start + cut].strip())
        start += cut
    out.append(text[start:].strip())
    return [piece for piece in out if piece]
