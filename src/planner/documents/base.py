"""What every document module shares: the sheet, its stylesheet, paragraph making, warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from planner.errors import PlannerError
from planner.policy.sheet import Sheet

from . import fauxbold, fonts, scripts
from .styles import Styles, stylesheet

# Compressed page streams are written as binary, not ASCII85 text: a quarter smaller and faster.
rl_config.useA85 = 0

BOLD_FONTS = frozenset({fonts.SANS_BOLD, fonts.SERIF_BOLD, fonts.SANS_BOLD_ITALIC})
PAPER_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

# Called with the number of pages laid out so far (for a progress bar).
Progress = Callable[[int], None]


def page_size(sheet: Sheet, paper: str | None) -> tuple[float, float]:
    """The override ``paper`` if given, else the organisation's paper size (A4 when unset)."""
    chosen = (paper or sheet.organisation.paper_size or "a4").lower()
    if chosen not in PAPER_SIZES:
        raise PlannerError(f"unknown paper size {chosen!r}; use a4 or letter")
    return PAPER_SIZES[chosen]


@dataclass
class Context:
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
                candidate = self.markup(
                    self.text(text, bold=bold, size=size),
                    ParagraphStyle(
                        f"{style.name}-{size}",
                        parent=style,
                        fontSize=size,
                        leading=size * 1.18,
                        splitLongWords=0,
                    ),
                    plain=text,
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
        return self.markup(
            self.text(text, bold=bold, size=smallest),
            ParagraphStyle(
                f"{style.name}-min", parent=style, fontSize=smallest, leading=smallest * 1.18
            ),
            plain=text,
        )

    def text(self, text: str, *, bold: bool = False, size: float | None = None) -> str:
        """``text`` as paragraph markup: escaped, scripts in their fonts (sized for ``size``)."""
        return scripts.markup(text, self.coverage, bold=bold, size=size)

    def p(self, text: str, style: ParagraphStyle, *, prefix: str = "") -> Paragraph:
        """A paragraph of plain ``text`` (escaped here), after trusted markup ``prefix``."""
        markup = self.text(text, bold=style.fontName in BOLD_FONTS, size=style.fontSize)
        return self.markup(prefix + markup, style, plain=text)

    def markup(self, markup: str, style: ParagraphStyle, *, plain: str = "") -> Paragraph:
        """A paragraph of ready markup; ``plain`` is the unescaped text it came from, if any."""
        source = plain or markup
        if not scripts.is_plain(source) and scripts.needs_shaping(source):
            style = self._shaped_style(style, nastaliq=scripts.has_urdu(source))
        if style.fontName in BOLD_FONTS and fauxbold.needs_faux_bold(markup):
            # Chinese beside a bold Latin name: its font has one weight, so it is emboldened.
            return fauxbold.BoldParagraph(markup, style)
        return Paragraph(markup, style)

    def _shaped_style(self, style: ParagraphStyle, *, nastaliq: bool) -> ParagraphStyle:
        # HarfBuzz shaping is slow; only paragraphs with Arabic-script text turn it on.
        key = f"{style.name}-{nastaliq}"
        shaped = self._shaped.get(key)
        if shaped is None:
            # Tall lines grow (autoLeading); Nastaliq's stacked letters also reach above the
            # font's own ascent, so such a paragraph keeps a little more room above it.
            extra = style.fontSize * 0.35 if nastaliq else 0.0
            shaped = self._shaped[key] = ParagraphStyle(
                f"{style.name}-shaped",
                parent=style,
                shaping=1,
                autoLeading="max",
                spaceBefore=style.spaceBefore + extra,
            )
        return shaped

    def paragraphs(self, text: str, style: ParagraphStyle) -> list[Paragraph]:
        """Text with blank lines between paragraphs as one Paragraph each."""
        blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
        return [self.p(b, style) for b in blocks if b]

    def all_warnings(self) -> list[str]:
        return self.warnings + self.coverage.warnings()
