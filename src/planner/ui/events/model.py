"""The events list as a table model: rows from ``services.events.list_events``, sorted here.

The model never queries: the view loads rows off the GUI thread and hands them over with
``set_rows`` (a full reset; there are hundreds of events, not millions). Conflicted event ids come
separately with ``set_conflicts`` because they are computed by a slower check.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QIcon

from planner.days import day_span_text
from planner.model import AttributionRule, EventStatus, TimeStyle
from planner.model.labels import FORMAT_CHOICE_LABELS, RULE_LABELS, STATUS_LABELS
from planner.services.events import EventRow
from planner.ui.widgets.clock import clock_range
from planner.ui.widgets.model_index import Index
from planner.ui.widgets.rows_model import RowsTableModel
from planner.ui.widgets.style import (
    muted_text_colour,
    on_colour,
    rule_colour,
    text_alignment,
    warning_icon,
)

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class EventsTableModel(RowsTableModel[EventRow]):
    DATE, TIME, TITLE, RULE, FORMAT, STATUS, SERIES, VENUE = range(8)
    HEADERS = ("Date", "Time", "Title", "Rule", "Format", "Status", "Series", "Venue")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._conflicts: frozenset[int] = frozenset()
        self.time_style = TimeStyle.HOURS
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- data in -----------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[EventRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort_column >= 0:
            self._sort_rows(self._sort_column, self._sort_order)
        self.endResetModel()

    def set_conflicts(self, event_ids: frozenset[int] | set[int]) -> None:
        self._conflicts = frozenset(event_ids)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.TITLE),
                self.index(len(self._rows) - 1, self.TITLE),
                [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole],
            )

    def row_at(self, row: int) -> EventRow:
        return self._rows[row]

    def row_of(self, event_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == event_id:
                return i
        return -1

    def has_conflict(self, event_id: int) -> bool:
        return event_id in self._conflicts

    def set_time_style(self, style: TimeStyle) -> None:
        """Write times as the organisation does (12- or 24-hour)."""
        if style != self.time_style:
            self.time_style = style
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, self.TIME), self.index(len(self._rows) - 1, self.TIME)
                )

    # --- Qt's interface ----------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == EVENT_ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.TITLE:
            return warning_icon() if row.id in self._conflicts else QIcon()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.RULE:
                return RULE_LABELS[row.attribution]
            if column == self.TITLE:
                # The full title (the column may cut it short), and the conflict, if any.
                tip = row.title + (f"\n{row.subtitle}" if row.subtitle else "")
                if row.id in self._conflicts:
                    tip += "\n\u26a0 A scheduling conflict: open the event to see which."
                return tip
        if role == Qt.ItemDataRole.BackgroundRole and column == self.RULE:
            return QBrush(rule_colour(row.attribution))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.RULE:
                return QBrush(on_colour())
            if row.status is EventStatus.CANCELLED:
                return QBrush(muted_text_colour())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.RULE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.TITLE:
            return text_alignment(row.title)
        if role == Qt.ItemDataRole.FontRole and row.status is EventStatus.CANCELLED:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def _display(self, row: EventRow, column: int) -> str:
        if column == self.DATE:
            # Every day of a conference, not only its first: "Thu 14 – Fri 15 Jan 2027".
            return day_span_text(row.starts_at, row.ends_at)
        if column == self.TIME:
            return clock_range(row.starts_at, row.ends_at, self.time_style)
        if column == self.TITLE:
            return row.title
        if column == self.RULE:
            return row.badge
        if column == self.FORMAT:
            return FORMAT_CHOICE_LABELS[row.format]
        if column == self.STATUS:
            return STATUS_LABELS[row.status]
        if column == self.SERIES:
            return row.series_label
        if column == self.VENUE:
            return row.place
        return ""

    def _sort_key(self, row: EventRow, column: int) -> Any:
        if column in (self.DATE, self.TIME):
            return row.starts_at
        if column == self.RULE:
            return list(AttributionRule).index(row.attribution)
        if column == self.STATUS:
            return list(EventStatus).index(row.status)
        if column == self.SERIES:
            return (row.series_title.casefold(), row.series_number or 0)
        return self._display(row, column).casefold()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._rows.sort(
            key=lambda r: self._sort_key(r, column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_column, self._sort_order = column, order
        self._sort_rows(column, order)
        self.layoutChanged.emit()
