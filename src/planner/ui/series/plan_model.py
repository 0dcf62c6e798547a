"""The Plan Sessions preview as a table: one row a date, ticked to be created, its clashes marked.

Numbers follow the ticks: unticking a date moves the later ones up, because the sessions are
numbered on after the series' last session in the order they are created.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from planner.findings import Severity
from planner.services.series_plan import PlannedSession, PlanPreview
from planner.ui.widgets.model_index import Index
from planner.ui.widgets.rows_model import RowsTableModel
from planner.ui.widgets.style import error_icon, info_icon, warning_icon

COL_CREATE, COL_NUMBER, COL_WHEN, COL_CLASHES = range(4)

_ICONS = {Severity.ERROR: error_icon, Severity.WARNING: warning_icon, Severity.INFO: info_icon}
_WORDS = {Severity.ERROR: "Clash", Severity.WARNING: "Warning", Severity.INFO: "Note"}


def clash_summary(session: PlannedSession) -> str:
    """``Clash: Small room is booked …`` (and how many more), or ``Free``."""
    if not session.clashes or session.severity is None:
        return "Free"
    more = len(session.clashes) - 1
    tail = f" (+{more} more)" if more else ""
    return f"{_WORDS[session.severity]}: {session.clashes[0]}{tail}"


class PlanPreviewModel(RowsTableModel[PlannedSession]):
    HEADERS = ("Create", "Session", "Date and time", "Clashes")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preview: PlanPreview | None = None
        self._ticked: list[bool] = []

    def set_preview(self, preview: PlanPreview | None) -> None:
        self.preview = preview
        self._ticked = [True] * (len(preview.sessions) if preview else 0)
        self.set_rows(preview.sessions if preview else ())

    def ticked(self) -> list[int]:
        return [row for row, on in enumerate(self._ticked) if on]

    def set_ticked(self, row: int, on: bool) -> None:
        if self._ticked[row] == on:
            return
        self._ticked[row] = on
        # The numbers of this row and every later one change.
        self.dataChanged.emit(self.index(row, 0), self.index(self.rowCount() - 1, COL_NUMBER))

    def number_of(self, row: int) -> int | None:
        """The number the session of ``row`` will get (None: unticked)."""
        if self.preview is None or not self._ticked[row]:
            return None
        return self.preview.first_number + sum(self._ticked[:row])

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == COL_CREATE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.preview is None:
            return None
        row, column = index.row(), index.column()
        session = self._rows[row]
        if column == COL_CREATE:
            if role == Qt.ItemDataRole.CheckStateRole:
                on = self._ticked[row]
                return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "create" if self._ticked[row] else "leave out"
            return None
        if role == Qt.ItemDataRole.ForegroundRole and not self._ticked[row]:
            # A date left out reads as disabled (the palette's colour, light or dark).
            palette = QApplication.palette()
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NUMBER:
                number = self.number_of(row)
                return self.preview.label(number) if number is not None else "(left out)"
            if column == COL_WHEN:
                return f"{session.when} ({session.note})" if session.note else session.when
            if column == COL_CLASHES:
                return clash_summary(session)
        decorated = column == COL_CLASHES and session.severity is not None
        if role == Qt.ItemDataRole.DecorationRole and decorated and session.severity:
            return _ICONS[session.severity]()
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_CLASHES and session.clashes:
            return "\n".join(session.clashes)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != COL_CREATE or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.set_ticked(index.row(), checked)
        return True
