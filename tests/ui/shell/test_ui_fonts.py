"""The bundled fonts are loaded into Qt when the window starts, so Urdu, Arabic and Chinese
names show without missing-glyph boxes where the desktop has no such fonts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontDatabase, QFontMetrics

from planner.ui.shell.main_window import MainWindow

# Letters of each script; U+06D2 (Urdu yeh barree) and U+0679 (tteh) are Urdu-only.
URDU = "ٹےڈڑں"
ARABIC = "عربي"
CHINESE = "中文名字"


def test_the_bundled_families_are_in_qt(open_window: Callable[..., MainWindow]) -> None:
    open_window()
    families = set(QFontDatabase.families())
    assert {"Noto Naskh Arabic", "Noto Nastaliq Urdu", "Droid Sans Fallback"} <= families


def test_urdu_arabic_and_chinese_letters_have_glyphs_in_every_view(
    open_window: Callable[..., MainWindow],
) -> None:
    window = open_window()
    # The application font and the fonts of the views that show names.
    people = window.section("People")
    for widget in (window, window.events, window.editor, people):
        metrics = QFontMetrics(widget.font())
        for letter in URDU + ARABIC + CHINESE:
            assert metrics.inFontUcs4(ord(letter)), (type(widget).__name__, hex(ord(letter)))
