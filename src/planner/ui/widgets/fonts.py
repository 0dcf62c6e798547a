"""The bundled fonts for scripts a desktop may lack (resources/fonts), loaded into Qt once.

The printed documents embed these fonts; the window needs them too, or an Urdu, Arabic or
Chinese name shows as boxes on a system without such fonts. Loading them costs about 10 ms,
so it happens after the window is first painted (MainWindow.start), not before.

The application font then lists them after the system's own family: Latin keeps the desktop's
font, and every Arabic, Urdu or CJK letter is taken from the bundled font (also where the
platform's own fallback would not look at application fonts).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from planner.config import fonts_dir

# The files the window needs (the DejaVu faces are the PDFs' Latin; the desktop has its own).
WINDOW_FONT_FILES: tuple[str, ...] = (
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoNastaliqUrdu-Regular.ttf",
    "DroidSansFallbackFull.ttf",
)
# Tried in this order for a letter the system family lacks. Naskh before Nastaliq: in lists
# and fields Nastaliq's tall letters are clipped; Naskh covers the Urdu letters too.
FALLBACK_FAMILIES: tuple[str, ...] = ("Noto Naskh Arabic", "Droid Sans Fallback")


@cache
def load_bundled_fonts() -> tuple[str, ...]:
    """Add the bundled fonts to Qt and make them the application font's fallbacks; the
    families added (a font that cannot be read is skipped: boxes beat no window)."""
    families: list[str] = []
    for name in WINDOW_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(fonts_dir() / name))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    app = QApplication.instance()
    if isinstance(app, QApplication):
        font = QFont(app.font())
        primary = font.families() or [font.family()]
        wanted = [family for family in FALLBACK_FAMILIES if family in families]
        font.setFamilies([*primary, *(f for f in wanted if f not in primary)])
        app.setFont(font)
    return tuple(dict.fromkeys(families))
