"""What every document module shares: the sheet, its stylesheet, paragraph making, warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.tables import CellStyle

from planner.errors import PlannerError
from planner.policy.sheet import Sheet

from . import fauxbold, fonts, rtl, scripts
from .paragraphs import BidiParagraph, ScriptParagraph, pieces
from .styles import Styles, stylesheet

# Compressed page streams are written as binary, not ASCII85 text: a quarter smaller and faster.
rl_config.useA85 = 0
# A table sets its cell style's font before drawing each cell, even one holding a Paragraph;
# ReportLab's default is Helvetica, which is not embedded. Every table starts in ours instead.
CellStyle.fontname = fonts.SANS

BOLD_FONTS = frozenset({fonts.SANS_BOLD, fonts.SERIF_BOLD, fonts.SANS_BOLD_ITALIC})
PAPER_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

# Widths of words in right-to-left paragraphs: (word, font, size, shaped, bold, urdu) -> points.
_WIDTHS: dict[tuple[str, str, float, bool, bool, bool], float] = {}

# Called with the number of pages laid out so far (for a progress bar).
Progress = Callable[[int], None]


def break_at_hyphens(text: str, font: str, size: float, width: float) -> str:
    """``text`` with each word wider than ``width`` (at ``size`` in ``font``) broken onto
    lines after its own hyphens, as few lines as fit: ReportLab breaks only at spaces, so
    "Wolkenstein-Trostburg-Rodenegg-Hohenlohe" on a badge was cut mid-word ("…-Trostb" /
    "urg-…") at the smallest size. A part still too wide is left whole (ReportLab cuts it)."""
    if "-" not in text or scripts.has_rtl(text):
        return text
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def wide(piece: str) -> bool:
        return bool(stringWidth(piece, font, size) > width)

    lines = []
    for line in text.split("\n"):
        words = []
        for word in line.split(" "):
            if "-" not in word.strip("-") or not wide(word):
                words.append(word)
                continue
            parts = [part + "-" for part in word.split("-")]
            parts[-1] = parts[-1][:-1]
            pieces = [parts[0]]
            for part in parts[1:]:
                if wide(pieces[-1] + part):
                    pieces.append(part)
                else:
                    pieces[-1] += part
            words.append("\n".join(pieces))
        lines.append(" ".join(words))
    return "\n".join(lines)


def page_size(sheet: Sheet, paper: str | None) -> tuple[float, float]:
    """The override ``paper`` if given, else the organisation's paper size (A4 when unset)."""
    chosen = (paper or sheet.organisation.paper_size or "a4").lower()
    if chosen not in PAPER_SIZES:
        raise PlannerError(f"unknown paper size {chosen!r}; use a4 or letter")
    return PAPER_SIZES[chosen]


@dataclass
class RenderContext:
    sheet: Sheet
    pagesize: tuple[float, float]
    progress: Progress | None = None
    # Briefing notes and sign-in sheets are confidential whatever the sheet says.
    confidential: bool = False
    # Marked DRAFT on every page (a programme or briefing of an event still in draft).
    draft: bool = False
    coverage: scripts.Coverage = field(default_factory=scripts.Coverage)
    warnings: list[str] = field(default_factory=list)
    _shaped: dict[str, ParagraphStyle] = field(default_factory=dict)
    # Paragraphs drawn on every page (running head, footer), laid out once.
    laid_out: dict[tuple[str, str, float], tuple[Paragraph, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        fonts.ensure_base_fonts()
        self.confidential = self.confidential or self.sheet.confidential
        self.marking = self.sheet.marking or "CONFIDENTIAL"
        self.styles: Styles = stylesheet(self.sheet.organisation.brand_colour)

    def fit(
        self,
        text: str,
        style: ParagraphStyle,
        width: float,
        height: float,
        sizes: tuple[tuple[float, float, int], ...],
    ) -> Paragraph:
        """The largest paragraph of ``text`` that fits ``width`` x ``height``.

        ``sizes``: (largest, smallest, most lines) steps tried in order, one point apart; the
        smallest size of the last step is used when nothing fits (the text then wraps).
        """
        bold = style.fontName in (fonts.SANS_BOLD, fonts.SERIF_BOLD)
        if style.alignment == TA_LEFT and scripts.is_rtl_only(text):
            # A name wholly in Arabic script starts at the right, as its readers expect.
            style = ParagraphStyle(style.name + "-rtl", parent=style, alignment=TA_RIGHT)
        para: Paragraph | None = None
        for largest, smallest, lines in sizes:
            size = largest
            while size >= smallest:
                candidate = self._paragraph(
                    break_at_hyphens(text, style.fontName, size, width) if lines > 1 else text,
                    ParagraphStyle(
                        f"{style.name}-{size}",
                        parent=style,
                        fontSize=size,
                        leading=size * 1.18,
                        splitLongWords=0,
                    ),
                    bold=bold,
                )
                _, h = candidate.wrap(width, height)
                para = candidate
                if (
                    h <= height
                    and len(candidate.blPara.lines) <= lines
                    and candidate.minWidth() <= width
                ):
                    return candidate
                size -= 1
        assert para is not None
        smallest = sizes[-1][1]
        return self._paragraph(
            break_at_hyphens(text, style.fontName, smallest, width),
            ParagraphStyle(
                f"{style.name}-min", parent=style, fontSize=smallest, leading=smallest * 1.18
            ),
            bold=bold,
        )

    def text(self, text: str, *, bold: bool = False, size: float | None = None) -> str:
        """``text`` as paragraph markup: escaped, scripts in their fonts (sized for ``size``)."""
        return scripts.markup(text, self.coverage, bold=bold, size=size)

    def p(self, text: str, style: ParagraphStyle, *, prefix: str = "") -> Paragraph:
        """A paragraph of plain ``text`` (escaped here), after trusted markup ``prefix``."""
        bold = style.fontName in BOLD_FONTS
        return self._paragraph(text, style, bold=bold, prefix=prefix)

    def _paragraph(
        self, text: str, style: ParagraphStyle, *, bold: bool, prefix: str = ""
    ) -> Paragraph:
        """A paragraph of plain ``text`` in ``style`` (its size), bold if ``bold``."""
        size = style.fontSize
        if not scripts.has_rtl(text):
            return self.markup(prefix + self.text(text, bold=bold, size=size), style, plain=text)
        if scripts.needs_shaping(text):
            style = self._shaped_style(style, nastaliq=scripts.has_urdu(text))
        rtl_base = rtl.is_rtl_paragraph(text)
        # Each Urdu passage in Nastaliq on every line it wraps to, not only the lines with ے;
        # an Arabic name beside it stays in Naskh.
        urdu = scripts.urdu_words(text)
        hard_lines = [line.split() for line in text.replace("\r\n", "\n").split("\n")]

        made: dict[tuple[str, ...], str] = {}

        def lay_out(width: float) -> str:
            """The paragraph's lines for ``width`` (0: unbroken), each in display order."""
            lines: list[str] = []
            x, pair = self._word_widths(["x", "x x"], style, bold, frozenset())
            space = pair - 2 * x
            for words in hard_lines:
                if width <= 0 or len(words) < 2:
                    lines.append(" ".join(words))
                    continue
                widths = self._word_widths(words, style, bold, urdu)
                lines.extend(rtl.break_lines(words, widths, space, width))
            key = tuple(lines)
            if key not in made:
                made[key] = prefix + "<br/>".join(
                    scripts.markup(
                        line, self.coverage, bold=bold, size=size, rtl=rtl_base, urdu_words=urdu
                    )
                    for line in lines
                )
            return made[key]

        return BidiParagraph(None, style, lay_out=lay_out, rtl=rtl_base)

    def _word_widths(
        self, words: list[str], style: ParagraphStyle, bold: bool, urdu: frozenset[str]
    ) -> list[float]:
        """How wide each of ``words`` is set in ``style`` (shaped, in its script's font; in
        Nastaliq when it is one of the ``urdu`` words, see ``scripts.urdu_words``).

        Measured by ReportLab itself, all new words of a call in one paragraph (a word a
        line), and kept for the process: the same names and words recur in every render.
        """
        font = (style.fontName, float(style.fontSize), bool(style.shaping), bold)

        def key(word: str) -> tuple[str, str, float, bool, bool, bool]:
            return (word, *font, scripts.is_urdu(word, urdu))

        widths: dict[str, float] = {}
        new: list[str] = []
        for w in dict.fromkeys(words):
            width = _WIDTHS.get(key(w))
            if width is None:
                new.append(w)
            else:
                widths[w] = width
        if new:
            markup = "<br/>".join(
                scripts.markup(w, bold=bold, size=style.fontSize, urdu=scripts.is_urdu(w, urdu))
                for w in new
            )
            # A line's width as ReportLab reports it includes the style's indents; the widths
            # are kept by font, so they are measured without any. (They were not: after a
            # numbered paragraph, indented 20 pt, a space measured -17 pt wide, every later
            # Urdu paragraph in that font was laid out too tight, and ReportLab re-broke its
            # lines out of reading order.)
            bare = ParagraphStyle(
                f"{style.name}-measure",
                parent=style,
                leftIndent=0,
                rightIndent=0,
                firstLineIndent=0,
            )
            para = Paragraph(markup, bare)
            para.wrap(1e6, 1e9)
            measured = para.getActualLineWidths0()
            if len(measured) != len(new):  # cannot happen: each word is one line
                raise PlannerError("right-to-left layout: word measurement failed")
            # Bounded, for a window that renders for days; this call's own answer is in
            # ``widths``, so a clear here cannot lose a word it asked for.
            if len(_WIDTHS) > 50_000:
                _WIDTHS.clear()
            for w, m in zip(new, measured, strict=True):
                widths[w] = _WIDTHS[key(w)] = float(m)
        return [widths[w] for w in words]

    def markup(self, markup: str, style: ParagraphStyle, *, plain: str = "") -> Paragraph:
        """A paragraph of ready markup; ``plain`` is the unescaped text it came from, if any."""
        source = plain or markup
        if not scripts.is_plain(source) and scripts.needs_shaping(source):
            style = self._shaped_style(style, nastaliq=scripts.has_urdu(source))
            return ScriptParagraph(markup, style)
        if style.fontName in BOLD_FONTS and fauxbold.needs_faux_bold(markup):
            # Chinese beside a bold Latin name: its font has one weight, so it is emboldened.
            return fauxbold.BoldParagraph(markup, style)
        return Paragraph(markup, style)

    def _shaped_style(self, style: ParagraphStyle, *, nastaliq: bool) -> ParagraphStyle:
        # HarfBuzz shaping is slow; only paragraphs with Arabic-script text turn it on.
        key = f"{style.name}-{nastaliq}"
        shaped = self._shaped.get(key)
        if shaped is None:
            # Leading per script: each line is as tall as its fonts' ascent and descent (Noto
            # Nastaliq Urdu's are 1.9 and 0.6 em: its letters climb), never less than the
            # style's; ScriptParagraph puts the first line below the top by its ascent too.
            shaped = self._shaped[key] = ParagraphStyle(
                f"{style.name}-shaped{'-nastaliq' if nastaliq else ''}",
                parent=style,
                shaping=1,
                autoLeading="max",
            )
        return shaped

    def paragraphs(self, text: str, style: ParagraphStyle) -> list[Paragraph]:
        """Text with blank lines between paragraphs as one Paragraph each."""
        blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
        out: list[Paragraph] = []
        for block in blocks:
            parts = pieces(block)
            if len(parts) == 1:
                out.extend(self.p(part, style) for part in parts if part)
                continue
            # A long paragraph in pieces (laid out in linear time): no space between them, so
            # they read as one paragraph, only the breaks falling at sentence ends.
            first = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0)
            middle = ParagraphStyle(f"{style.name}-middle", parent=first, spaceBefore=0)
            last = ParagraphStyle(f"{style.name}-last", parent=style, spaceBefore=0)
            for index, part in enumerate(parts):
                chosen = first if index == 0 else last if index == len(parts) - 1 else middle
                out.append(self.p(part, chosen))
        return out

    def all_warnings(self) -> list[str]:
        return self.warnings + self.coverage.warnings()
