"""Pick one person from the directory: search as you type, Enter or double-click to choose.

Used where a field holds a person (a series' default chair); it reuses the directory's SQL-backed
table model, so it stays fast at 100,000 people.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.ui.context import AppContext
from planner.ui.people.model import COL_AFFILIATION, COL_NAME, COL_POSITION, PeopleTableModel


class PickPersonDialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.search = QLineEdit()
        self.search.setAccessibleName("Search people")
        self.search.setPlaceholderText("Search name, affiliation or email")
        self.model = PeopleTableModel(ctx.db, self)
        self.table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName("Matching people")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # The position too: many people have one and no affiliation ("Former Ambassador").
        shown = (COL_NAME, COL_POSITION, COL_AFFILIATION)
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column not in shown)
        self.table.horizontalHeader().resizeSection(COL_NAME, 250)
        self.table.horizontalHeader().resizeSection(COL_POSITION, 220)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(150)
        timer.timeout.connect(lambda: self.model.set_filter(self.search.text()))
        self.search.textChanged.connect(lambda _t: timer.start())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return self.model.person_id(rows[0].row())
        return self.model.person_id(0) if self.model.rowCount() == 1 else None
