"""History: who changed what in this event, newest first, read only (as ``planner history``).

Read off the GUI thread after a burst of edits (the editor reloads after every keystroke; the
history is read once the typing pauses), and at once when another event is opened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model.labels import CHANGE_KIND_LABELS
from planner.services.history import EventHistory, HistoryEntry, event_history
from planner.services.snapshot import EventSnapshot
from planner.ui.editor.base import EditorHost, Section
from planner.ui.widgets.bidi import isolate_quoted
from planner.ui.widgets.model_index import Index
from planner.ui.widgets.rows_model import RowsTableModel
from planner.ui.widgets.style import Tone, set_tone
from planner.ui.worker import run_task

REFRESH_MS = 400  # after the last edit of a burst


class HistoryTableModel(RowsTableModel[HistoryEntry]):
    HEADERS = ("When", "Who", "What")
    WHEN, WHO, WHAT = range(3)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return f"{entry.at:%Y-%m-%d %H:%M}"
            if column == self.WHO:
                return entry.who
            return isolate_quoted(entry.summary)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.WHAT:
            kind = CHANGE_KIND_LABELS[entry.kind]
            if entry.field:  # the whole values, which the line may cut
                return (
                    f"{kind}: {entry.field}\n{entry.old or '(empty)'}\n→\n{entry.new or '(empty)'}"
                )
            return f"{kind}: {entry.summary}"
        return None


class HistorySection(Section):
    title = "History"

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        set_tone(self.summary, Tone.MUTED)
        self.model = HistoryTableModel(self)
        self.table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HistoryTableModel.WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryTableModel.WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._generation = 0
        self._shown_event: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.load)

    def fill(self, snapshot: EventSnapshot) -> None:
        if snapshot.id != self._shown_event:
            self._shown_event = snapshot.id
            self.model.set_rows([])
            self.load()
        else:
            self._timer.start()

    def load(self) -> None:
        event_id = self.host.event_id
        if event_id is None:
            return
        self._generation += 1
        generation = self._generation
        db = self.ctx.db
        run_task(
            lambda: event_history(db, event_id),
            on_done=lambda found: self._show(generation, found),
            on_error=lambda message: self.summary.setText(
                f"The history could not be read: {message}"
            ),
            owner=self,
        )

    def _show(self, generation: int, found: EventHistory) -> None:
        if generation != self._generation:
            return
        self.model.set_rows(found.entries)
        count = len(found.entries)
        if count:
            self.summary.setText(
                f"{count} change{'s' if count != 1 else ''}, newest first; times in "
                f"{found.zone}. Who is the name set under Organisation ▸ Your name."
            )
        else:
            self.summary.setText("No changes recorded yet.")
