"""The editor's compact tab bar: narrower tabs than the style's, every title whole."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QTabBar
from pytestqt.qtbot import QtBot

from planner.ui.widgets.compact_tabs import CompactTabBar

TITLES = [
    "Details",
    "Agenda",
    "People",
    "Invitations",
    "Briefing",
    "Report",
    "Documents",
    "Checks",
    "History",
]


def _bar(qtbot: QtBot, bar: QTabBar) -> QTabBar:
    qtbot.addWidget(bar)
    bar.setDocumentMode(True)
    for title in TITLES:
        bar.addTab(title)
    palette = bar.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#FF0000"))  # the titles' ink
    bar.setPalette(palette)
    bar.resize(bar.sizeHint())
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def _ink_width(image: QImage, left: int, right: int) -> int:
    """How wide the red (title) pixels between ``left`` and ``right`` spread."""
    columns = [
        x
        for x in range(max(left, 0), min(right, image.width()))
        for y in range(image.height())
        if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 110 and c.blue() < 110
    ]
    return max(columns) - min(columns) + 1 if columns else 0


def test_the_tabs_are_narrower_than_the_styles(qtbot: QtBot) -> None:
    compact = _bar(qtbot, CompactTabBar())
    plain = _bar(qtbot, QTabBar())
    assert compact.sizeHint().width() < plain.sizeHint().width()


def test_every_title_is_painted_whole(qtbot: QtBot) -> None:
    compact = _bar(qtbot, CompactTabBar())
    plain = _bar(qtbot, QTabBar())
    assert isinstance(compact, CompactTabBar)
    shown, whole = compact.grab().toImage(), plain.grab().toImage()
    for index, title in enumerate(TITLES):
        advance = compact.fontMetrics().horizontalAdvance(title)
        assert compact.title_rect(index).width() >= advance, title
        rect, reference = compact.tabRect(index), plain.tabRect(index)
        painted = _ink_width(shown, rect.left(), rect.right() + 1)
        expected = _ink_width(whole, reference.left(), reference.right() + 1)
        assert expected > 0 and painted >= expected - 1, title
