"""The one stylesheet every document uses (DOCUMENTS.md, "Type").

A small scale used consistently: title 21 pt, subtitle 13.5 pt, section heads 11.5 pt bold,
body 10 pt on 13.5 pt leading, notes 8 pt. The organisation's brand colour is used for rules,
section heads and the timetable's header row and nowhere else; text is near-black.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from . import fonts

INK = HexColor("#1c1c1c")  # body text: near-black
MUTED = HexColor("#5f6368")  # labels, positions, footers
HAIRLINE = HexColor("#c9c9c4")  # row rules, box borders
TINT = HexColor("#f3f2ee")  # the rule notice's background
MARKING = HexColor("#8e1b1b")  # CONFIDENTIAL: a marking, not branding
DEFAULT_BRAND = "#1f4e79"

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def brand_colour(value: str) -> Color:
    """The organisation's colour, or a quiet navy when it is unset or not ``#RRGGBB``."""
    return HexColor(value if _HEX.match(value or "") else DEFAULT_BRAND)


@dataclass(frozen=True)
class Styles:
    brand: Color
    title: ParagraphStyle
    subtitle: ParagraphStyle
    kicker: ParagraphStyle  # series label above the title
    date_line: ParagraphStyle
    venue_line: ParagraphStyle
    section: ParagraphStyle
    subsection: ParagraphStyle
    body: ParagraphStyle
    body_serif: ParagraphStyle
    note: ParagraphStyle
    label: ParagraphStyle  # CHAIR, SPEAKERS
    name: ParagraphStyle
    detail: ParagraphStyle  # position, affiliation
    bio: ParagraphStyle
    withheld: ParagraphStyle  # "4 speakers, names withheld under the rule"
    notice_title: ParagraphStyle
    notice_text: ParagraphStyle
    table_head: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_muted: ParagraphStyle
    cell_break: ParagraphStyle
    time: ParagraphStyle
    numbered: ParagraphStyle
    numbered_serif: ParagraphStyle
    head_left: ParagraphStyle
    head_right: ParagraphStyle
    org_name: ParagraphStyle
    footer_left: ParagraphStyle
    footer_right: ParagraphStyle
    marking: ParagraphStyle


def _style(name: str, **kwargs: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": fonts.SANS,
        "fontSize": 10,
        "leading": 13.5,
        "textColor": INK,
        "alignment": TA_LEFT,
        # Very long names and URLs split rather than run off the page.
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(kwargs)
    return ParagraphStyle(name, **base)


@lru_cache(maxsize=16)
def stylesheet(brand: str) -> Styles:
    """The stylesheet for an organisation whose brand colour is ``brand`` (``#RRGGBB``)."""
    colour = brand_colour(brand)
    return Styles(
        brand=colour,
        title=_style("title", fontName=fonts.SANS_BOLD, fontSize=21, leading=26, spaceAfter=4),
        subtitle=_style("subtitle", fontSize=13.5, leading=18, textColor=MUTED, spaceAfter=2),
        kicker=_style(
            "kicker",
            fontName=fonts.SANS_BOLD,
            fontSize=8,
            leading=11,
            textColor=MUTED,
            spaceAfter=5,
        ),
        date_line=_style("date_line", fontSize=10.5, leading=14, spaceBefore=8),
        venue_line=_style("venue_line", fontSize=9, leading=12, textColor=MUTED),
        section=_style(
            "section",
            fontName=fonts.SANS_BOLD,
            fontSize=11.5,
            leading=15,
            textColor=colour,
            spaceBefore=16,
            spaceAfter=6,
        ),
        subsection=_style(
            "subsection",
            fontName=fonts.SANS_BOLD,
            fontSize=10,
            leading=13.5,
            spaceBefore=8,
            spaceAfter=3,
        ),
        body=_style("body", spaceAfter=6),
        body_serif=_style(
            "body_serif", fontName=fonts.SERIF, fontSize=10.5, leading=14.5, spaceAfter=7
        ),
        note=_style("note", fontSize=8, leading=10.5, textColor=MUTED),
        label=_style(
            "label",
            fontName=fonts.SANS_BOLD,
            fontSize=7.5,
            leading=10,
            textColor=MUTED,
            spaceBefore=9,
            spaceAfter=2,
        ),
        name=_style(
            "name",
            fontName=fonts.SANS_BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=3,
        ),
        detail=_style("detail", fontSize=9, leading=12, textColor=MUTED),
        bio=_style("bio", fontSize=9.5, leading=13, spaceBefore=3, spaceAfter=5),
        withheld=_style(
            "withheld", fontSize=9.5, leading=13, textColor=MUTED, spaceBefore=8, spaceAfter=4
        ),
        notice_title=_style(
            "notice_title", fontName=fonts.SANS_BOLD, fontSize=9.5, leading=12.5, spaceAfter=3
        ),
        notice_text=_style("notice_text", fontSize=9, leading=12.5),
        table_head=_style(
            "table_head",
            fontName=fonts.SANS_BOLD,
            fontSize=8,
            leading=10,
            textColor=HexColor("#ffffff"),
        ),
        cell=_style("cell", fontSize=9.5, leading=12.5),
        cell_bold=_style("cell_bold", fontName=fonts.SANS_BOLD, fontSize=9.5, leading=12.5),
        cell_muted=_style("cell_muted", fontSize=8.5, leading=11.5, textColor=MUTED),
        cell_break=_style(
            "cell_break", fontName=fonts.SANS_ITALIC, fontSize=9.5, leading=12.5, textColor=MUTED
        ),
        time=_style("time", fontSize=9.5, leading=12.5, textColor=INK),
        numbered=_style(
            "numbered", leftIndent=20, bulletIndent=0, spaceAfter=5, bulletFontName=fonts.SANS_BOLD
        ),
        numbered_serif=_style(
            "numbered_serif",
            fontName=fonts.SERIF,
            fontSize=10.5,
            leading=14.5,
            leftIndent=22,
            bulletIndent=0,
            spaceAfter=6,
            bulletFontName=fonts.SERIF_BOLD,
        ),
        head_left=_style("head_left", fontSize=8, leading=10, textColor=MUTED),
        head_right=_style(
            "head_right", fontSize=8, leading=10, textColor=MUTED, alignment=TA_RIGHT
        ),
        org_name=_style("org_name", fontName=fonts.SANS_BOLD, fontSize=11.5, leading=14),
        footer_left=_style("footer_left", fontSize=7.5, leading=9.5, textColor=MUTED),
        footer_right=_style(
            "footer_right", fontSize=7.5, leading=9.5, textColor=MUTED, alignment=TA_RIGHT
        ),
        marking=_style(
            "marking",
            fontName=fonts.SANS_BOLD,
            fontSize=8,
            leading=10,
            textColor=MARKING,
            alignment=TA_CENTER,
        ),
    )
