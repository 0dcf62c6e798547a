"""A tab bar with half the style's space beside each title, the titles whole.

The editor's nine sections fit beside the events list or the month view in a 1100-pixel window
without scroll arrows. Narrowing ``tabSizeHint`` alone is not enough: the style lays a title out
inside its tab less the full horizontal space (half each side), so a narrowed tab clips its
title at both ends ("gend" for "Agenda"). The bar therefore paints each title in a rectangle a
quarter of the space wider each side: exactly the title's room again.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QStyle,
    QStyleOptionTab,
    QStyleOptionTabBarBase,
    QStylePainter,
    QTabBar,
)


class CompactTabBar(QTabBar):
    def _space(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, self)

    def tabSizeHint(self, index: int) -> QSize:
        size = super().tabSizeHint(index)
        return QSize(size.width() - self._space() // 2, size.height())

    def minimumTabSizeHint(self, index: int) -> QSize:
        return self.tabSizeHint(index)

    def label_option(self, index: int) -> QStyleOptionTab:
        """The option the title of tab ``index`` is painted with (its rectangle widened)."""
        option = QStyleOptionTab()
        self.initStyleOption(option, index)
        quarter = self._space() // 4
        option.rect = option.rect.adjusted(-quarter, 0, quarter, 0)
        return option

    def title_rect(self, index: int) -> QRect:
        """Where the style puts the title of tab ``index`` when the bar paints it."""
        return self.style().subElementRect(
            QStyle.SubElement.SE_TabBarTabText, self.label_option(index), self
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        # As QTabBar paints (the base line of a document-mode bar, then the tabs with the
        # current one last, on top), but each title in its widened rectangle.
        painter = QStylePainter(self)
        if self.drawBase():
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameTabBarBase, self._base_option())
        current = self.currentIndex()
        order = [index for index in range(self.count()) if index != current]
        if current >= 0:
            order.append(current)
        for index in order:
            shape = QStyleOptionTab()
            self.initStyleOption(shape, index)
            if not event.rect().intersects(shape.rect):
                continue
            painter.drawControl(QStyle.ControlElement.CE_TabBarTabShape, shape)
            painter.drawControl(QStyle.ControlElement.CE_TabBarTabLabel, self.label_option(index))

    def _base_option(self) -> QStyleOptionTabBarBase:
        option = QStyleOptionTabBarBase()
        option.initFrom(self)
        option.shape = self.shape()
        option.documentMode = self.documentMode()
        # The base line under tabs on top (the only shape the editor uses).
        overlap = self.style().pixelMetric(QStyle.PixelMetric.PM_TabBarBaseOverlap, None, self)
        option.rect = QRect(0, self.height() - overlap, self.width(), overlap)
        tabs = QRect()
        for index in range(self.count()):
            tabs = tabs.united(self.tabRect(index))
        option.tabBarRect = tabs
        option.selectedTabRect = self.tabRect(self.currentIndex())
        return option
