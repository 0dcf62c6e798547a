"""Colours and icons shared by the views (one place, so the badges match everywhere)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QStyle, QWidget

from planner.model import AttributionRule
from planner.model.labels import RULE_BADGES, RULE_LABELS

_RULE_COLOURS: dict[AttributionRule, str] = {
    AttributionRule.ON_THE_RECORD: "#2E7D32",
    AttributionRule.CHATHAM_HOUSE: "#1F4E79",
    AttributionRule.NOT_FOR_ATTRIBUTION: "#8E5A00",
    AttributionRule.OFF_THE_RECORD: "#8B1A1A",
}

ERROR_COLOUR = "#B00020"


def rule_colour(rule: AttributionRule) -> QColor:
    return QColor(_RULE_COLOURS[rule])


def paint_badge(painter: QPainter, rect: QRect, rule: AttributionRule) -> None:
    """A rounded badge with the rule's short name (CHR, OTR ...) filling ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(rule_colour(rule))
    painter.drawRoundedRect(rect, 3, 3)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(8, rect.height() - 5))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, RULE_BADGES[rule])
    painter.restore()


class RuleBadge(QLabel):
    """The rule as a coloured label (the editor's header)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_rule(AttributionRule.CHATHAM_HOUSE)

    def set_rule(self, rule: AttributionRule) -> None:
        self.setText(f" {RULE_LABELS[rule]} ")
        self.setToolTip(f"Held under: {RULE_LABELS[rule]}")
        self.setStyleSheet(
            f"background:{_RULE_COLOURS[rule]}; color:white; border-radius:3px;"
            " padding:2px 6px; font-weight:bold;"
        )


@cache
def warning_icon() -> QIcon:
    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


@cache
def error_icon() -> QIcon:
    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)


@cache
def info_icon() -> QIcon:
    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)


def error_label(parent: QWidget | None = None) -> QLabel:
    """The small red line under a field that says what is wrong with it (hidden when fine)."""
    label = QLabel(parent)
    label.setStyleSheet(f"color:{ERROR_COLOUR};")
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str | None) -> None:
    if message:
        label.setText(message)
        label.show()
    else:
        label.clear()
        label.hide()


def is_rtl(text: str) -> bool:
    """Whether ``text`` starts (at its first strong character) in a right-to-left script."""
    import unicodedata

    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def follow_direction(edit: QWidget, text: str) -> None:
    """Lay a field out right to left while it holds right-to-left text (Arabic, Urdu, Hebrew)."""
    direction = Qt.LayoutDirection.RightToLeft if is_rtl(text) else Qt.LayoutDirection.LeftToRight
    if edit.layoutDirection() != direction:
        edit.setLayoutDirection(direction)


def text_alignment(text: str) -> int:
    """Cell alignment for ``text``: names in Arabic or Urdu sit at the right, as they read."""
    horizontal = Qt.AlignmentFlag.AlignRight if is_rtl(text) else Qt.AlignmentFlag.AlignLeft
    return int(horizontal | Qt.AlignmentFlag.AlignVCenter)


def style_notice_bar(frame: QFrame) -> None:
    """A bar across the top of a section that asks for attention ("3 invitations show the old
    time"): the palette's alternate base with a border in its mid tone, so a dark theme keeps
    it readable."""
    name = frame.objectName() or "noticeBar"
    frame.setObjectName(name)
    frame.setStyleSheet(
        f"QFrame#{name} {{ background: palette(alternate-base);"
        " border: 1px solid palette(mid); border-radius: 4px; }"
    )
