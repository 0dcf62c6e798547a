"""A list item delegate whose rows are as tall as their wrapped text.

Qt sizes a word-wrapped list row by laying its text out, but a text that mixes directions
("The contact names ڈاکٹر عائشہ رحمان, who …") comes back one line high, and the row is then
elided ("… change th…") instead of wrapped. This delegate measures the wrapped text with the
font's metrics at the width the view gives it; painting is Qt's own, which wraps once the row
is tall enough.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

# Room the style leaves around the text and beside the icon (Fusion: a few pixels each).
_PADDING = 12


class WrappingItemDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        view = option.widget
        if not isinstance(text, str) or not text or not isinstance(view, QAbstractItemView):
            return hint
        has_icon = index.data(Qt.ItemDataRole.DecorationRole) is not None
        icon = option.decorationSize.width() if has_icon else 0
        available = max(view.viewport().width() - icon - 2 * _PADDING, 40)
        wrap = int(Qt.TextFlag.TextWordWrap)
        rect = option.fontMetrics.boundingRect(QRect(0, 0, available, 1_000_000), wrap, text)
        margin = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin) + 4
        return QSize(hint.width(), max(hint.height(), rect.height() + margin))
