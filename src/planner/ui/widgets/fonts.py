"""The bundled fonts for scripts a desktop may lack (resources/fonts), loaded into Qt once.

The printed documents embed these fonts; the window needs them too, or an Urdu, Arabic or
Chinese name shows as boxes on a Linux desktop without such fonts. Loading them costs 10-15 ms,
so it happens once the events list is up (MainWindow._load_fonts), not before it.

Added application fonts take part in the platform's font fallback (fontconfig on Linux), so
the desktop's own font stays for Latin and a letter it lacks comes from a bundled font. The
application font itself is not changed: setting it after the views exist re-laid them out and
threw away column widths. (Windows and macOS ship fonts for all three scripts.)
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFontDatabase

from planner.config import fonts_dir

# The files the window needs (the DejaVu faces are the PDFs' Latin; the desktop has its own).
WINDOW_FONT_FILES: tuple[str, ...] = (
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoNastaliqUrdu-Regular.ttf",
    "DroidSansFallbackFull.ttf",
)


@cache
def load_bundled_fonts() -> tuple[str, ...]:
    """Add the bundled fonts to Qt; the families added (a font that cannot be read is
    skipped: boxes beat no window)."""
    families: list[str] = []
    for name in WINDOW_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(fonts_dir() / name))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(dict.fromkeys(families))
