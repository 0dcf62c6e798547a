"""The bundled fonts, registered with ReportLab once and only when a document needs them.

Parsing a TrueType file costs time (the CJK fallback is 4 MB), so each face is registered on
first use: the Latin families when the first document is rendered, Arabic, Urdu and CJK faces
only when some text on the sheet is in those scripts (see :mod:`planner.documents.scripts`);
and a face parsed once is read back from the user cache folder after that
(:mod:`planner.documents.fontcache`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from planner.config import fonts_dir
from planner.errors import PlannerError

# Names the PDF and the stylesheet use for each face.
SANS = "PlannerSans"
SANS_BOLD = "PlannerSans-Bold"
SANS_ITALIC = "PlannerSans-Oblique"
SANS_BOLD_ITALIC = "PlannerSans-BoldOblique"
SERIF = "PlannerSerif"
SERIF_BOLD = "PlannerSerif-Bold"
SERIF_ITALIC = "PlannerSerif-Italic"
NASKH = "NotoNaskhArabic"
NASKH_BOLD = "NotoNaskhArabic-Bold"
NASTALIQ = "NotoNastaliqUrdu"
CJK = "DroidSansFallback"


@dataclass(frozen=True, slots=True)
class Face:
    name: str
    file: str
    # Arabic-script faces are shaped with HarfBuzz; the others need no shaping.
    shaped: bool = False


FACES: dict[str, Face] = {
    face.name: face
    for face in (
        Face(SANS, "DejaVuSans.ttf"),
        Face(SANS_BOLD, "DejaVuSans-Bold.ttf"),
        Face(SANS_ITALIC, "DejaVuSans-Oblique.ttf"),
        Face(SANS_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf"),
        Face(SERIF, "DejaVuSerif.ttf"),
        Face(SERIF_BOLD, "DejaVuSerif-Bold.ttf"),
        Face(SERIF_ITALIC, "DejaVuSerif-Italic.ttf"),
        Face(NASKH, "NotoNaskhArabic-Regular.ttf", shaped=True),
        Face(NASKH_BOLD, "NotoNaskhArabic-Bold.ttf", shaped=True),
        Face(NASTALIQ, "NotoNastaliqUrdu-Regular.ttf", shaped=True),
        Face(CJK, "DroidSansFallbackFull.ttf"),
    )
}

# Families: <b> and <i> inside a Paragraph pick the right face.
FAMILIES: dict[str, tuple[str, str, str, str]] = {
    SANS: (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC),
    SERIF: (SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD),
    NASKH: (NASKH, NASKH_BOLD, NASKH, NASKH_BOLD),
    NASTALIQ: (NASTALIQ, NASTALIQ, NASTALIQ, NASTALIQ),
    CJK: (CJK, CJK, CJK, CJK),
}

_lock = threading.Lock()
_registered: set[str] = set()


def font_path(name: str) -> Path:
    path = fonts_dir() / FACES[name].file
    if not path.is_file():
        raise PlannerError(f"bundled font missing: {path} (reinstall Planner)")
    return path


def ensure_family(family: str) -> None:
    """Register ``family`` (its four faces) with ReportLab unless that has happened already.

    Thread-safe: the GUI renders from a worker thread while the CLI renders on the main one.
    """
    if family in _registered:
        return
    with _lock:
        if family in _registered:
            return
        from reportlab.pdfbase import pdfmetrics

        from . import fontcache, tounicode

        # Shaped words then copy out of the PDF as their letters, not glyph codes.
        tounicode.install()
        regular, bold, italic, bold_italic = FAMILIES[family]
        for name in dict.fromkeys((regular, bold, italic, bold_italic)):
            # Every face may be shaped: a paragraph turns shaping on only when it holds
            # Arabic-script text, and then its Latin words are shaped too.
            pdfmetrics.registerFont(fontcache.load_font(name, font_path(name)))
        pdfmetrics.registerFontFamily(
            family, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic
        )
        _registered.add(family)


def ensure_base_fonts() -> None:
    """The Latin family every document uses (the serif is registered when the report asks)."""
    ensure_family(SANS)


def covers(name: str, char: str) -> bool:
    """Whether the registered face ``name`` has a glyph for ``char``."""
    from reportlab.pdfbase import pdfmetrics

    family = next(f for f, faces in FAMILIES.items() if name in faces)
    ensure_family(family)
    font = pdfmetrics.getFont(name)
    return ord(char) in font.face.charToGlyph
