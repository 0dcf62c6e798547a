"""Colours come from the palette or from the one style module, and a dark theme stays
readable: every tone keeps its contrast on the window's background in both themes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

import planner.ui
from planner.ui.widgets import style
from planner.ui.widgets.style import Tone, apply_theme, is_dark, set_tone, theme_choice

UI = Path(planner.ui.__file__).parent
STYLE_MODULE = UI / "widgets" / "style.py"
# A colour written into the code: #RRGGBB, a style sheet's color:/background:, a QColor made
# from a literal, or one of Qt's named colours (transparent is no colour).
COLOUR_LITERAL = re.compile(
    r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b|\bcolor\s*:|background\s*:|QColor\(\s*[\"'\d]"
    r"|Qt\.GlobalColor\.(?!transparent)\w+"
)


def test_no_colour_is_written_outside_the_style_module() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path == STYLE_MODULE:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if COLOUR_LITERAL.search(line):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_pattern_finds_what_it_should() -> None:
    for line in (
        'label.setStyleSheet("color:#555;")',
        "QColor('white')",
        'QColor("#B00020")',
        "Qt.GlobalColor.gray",
        'f"background: {x};"',
    ):
        assert COLOUR_LITERAL.search(line), line
    assert not COLOUR_LITERAL.search("pixmap.fill(Qt.GlobalColor.transparent)")


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[QApplication]:
    """Themes change the application's style and palette: put them back afterwards."""
    name, palette = qapp.style().name(), QPalette(qapp.palette())
    yield qapp
    qapp.setStyle(name)
    qapp.setPalette(palette)
    style._platform = None


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_tones_read_well_in_both_themes(restore_theme: QApplication, theme: str) -> None:
    assert apply_theme(restore_theme, theme) == theme
    palette = restore_theme.palette()
    assert is_dark() is (theme == "dark")
    for background in (palette.window().color(), palette.base().color()):
        assert contrast(palette.text().color(), background) >= 7
        for tone in (Tone.MUTED, Tone.ERROR, Tone.WARNING, Tone.SUCCESS):
            assert contrast(style.tone_colour(tone), background) >= 4.5, (theme, tone)
    # Names marked in the report keep their text readable on the marks.
    for mark in (Tone.BLOCKED, Tone.ALLOWED):
        assert contrast(palette.text().color(), style.tone_colour(mark)) >= 4.5, (theme, mark)
    # Placeholders are grey: they must not look like text already typed.
    placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
    assert contrast(placeholder, palette.base().color()) < contrast(
        palette.text().color(), palette.base().color()
    )
    # White on the rule badges and section icons, in both themes.
    for colour in (*style._RULE_COLOURS.values(), *style.SECTION_COLOURS.values()):
        assert contrast(QColor(colour), style.on_colour()) >= 4.5, colour


def test_toned_widgets_follow_a_theme_switch(qtbot: QtBot, restore_theme: QApplication) -> None:
    apply_theme(restore_theme, "light")
    label = QLabel("Not saved")
    qtbot.addWidget(label)
    set_tone(label, Tone.ERROR)
    light = label.palette().color(QPalette.ColorRole.WindowText)
    apply_theme(restore_theme, "dark")
    dark = label.palette().color(QPalette.ColorRole.WindowText)
    assert light != dark
    assert dark == style.tone_colour(Tone.ERROR)
    assert contrast(dark, restore_theme.palette().window().color()) >= 4.5


def test_the_theme_is_chosen_by_the_environment_then_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PLANNER_THEME", raising=False)
    assert theme_choice(None) == "system"
    assert theme_choice("dark") == "dark"
    assert theme_choice("purple") == "system"
    monkeypatch.setenv("PLANNER_THEME", "Light")
    assert theme_choice("dark") == "light"


def test_system_follows_the_desktop_and_comes_back_from_a_forced_theme(
    restore_theme: QApplication,
) -> None:
    platform_dark = is_dark(restore_theme.palette())
    apply_theme(restore_theme, "dark")
    assert is_dark()
    # Back to the desktop's scheme (light here, unless the desktop is dark).
    applied = apply_theme(restore_theme, "system")
    assert applied == ("dark" if platform_dark else "light") or applied == "dark"
    assert is_dark() is (applied == "dark")


def _indicator_edge(qtbot: QtBot) -> tuple[QColor, QColor]:
    """The darkest and lightest colour in the top-left of an unticked check box in a table."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = QStandardItemModel(1, 1)
    item = QStandardItem("")
    item.setCheckable(True)
    item.setCheckState(Qt.CheckState.Unchecked)
    model.setItem(0, 0, item)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(200, 80)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    base = view.palette().color(QPalette.ColorRole.Base)
    colours = [image.pixelColor(x, y) for y in range(0, 30) for x in range(0, 30)]
    return base, max(colours, key=lambda c: contrast(c, base))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_an_unticked_box_in_a_table_shows_in_both_themes(
    qtbot: QtBot, restore_theme: QApplication, theme: str
) -> None:
    """Fusion's edge on a dark base is the base's own colour: the box must still be seen."""
    apply_theme(restore_theme, theme)
    base, edge = _indicator_edge(qtbot)
    assert contrast(edge, base) >= 1.8, (theme, base.name(), edge.name())
