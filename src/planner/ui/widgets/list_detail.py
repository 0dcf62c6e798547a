"""What the Venues and Series sections share: a filterable list with Add and Delete buttons on
the left, the chosen row's fields in a scrolled pane on the right, reread when shown again."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.services.operations import Insert, Record
from planner.ui.commands import push
from planner.ui.context import AppContext
from planner.ui.widgets.read_only import reading


class ListDetailView(QWidget):
    """A section with a list and a detail pane (``focus_search`` for Ctrl+F, ``refresh``
    after outside edits). Subclasses build the list with ``build_list``, the pane with
    ``build_splitter`` and implement ``refresh``, ``_filter`` and ``_on_selection``."""

    def __init__(self, ctx: AppContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._name = name
        self._shown_once = False
        self.setObjectName(f"{name.capitalize()}View")
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}_search")
        self.search.setPlaceholderText(f"Filter {name} (Ctrl+F)")
        self.search.setAccessibleName(f"Filter {name}")
        self.search.setClearButtonEnabled(True)
        reading(self.search)
        self.table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName(f"{name}_table")
        self.table.setAccessibleName(name.capitalize())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"{name}_splitter")

    def build_list(
        self,
        model: QAbstractItemModel,
        noun: str,
        add: Callable[[], None],
        delete: Callable[[], None],
    ) -> QWidget:
        """The left pane: the search field, the table of ``model`` (whole rows, one at a time,
        not edited in place) and the Add / Delete ``noun`` buttons (``self.delete_button``)."""
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.search.textChanged.connect(self._filter)
        add_button = QPushButton(f"Add {noun}")
        add_button.clicked.connect(add)
        self.delete_button = QPushButton(f"Delete {noun}")
        self.delete_button.clicked.connect(delete)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        return left

    def build_splitter(self, left: QWidget, right: QWidget) -> None:
        """The list left, ``right`` scrolled on the right (two fifths to three)."""
        scroll = QScrollArea()
        scroll.setAccessibleName(f"{self._name.capitalize()}: details")
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def showEvent(self, event: QShowEvent) -> None:
        # Coming back to this section: the event editor may have changed what it shows.
        if self._shown_once:
            self.refresh()
        self._shown_once = True
        super().showEvent(event)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        raise NotImplementedError

    def add_row(
        self,
        record: Record,
        values: dict[str, Any],
        text: str,
        changed: Callable[[], None],
        select: Callable[[int], None],
        name_edit: QLineEdit,
    ) -> None:
        """Add a ``record`` row (one undo step ``text``), show it and put the cursor in its
        name, selected, ready to be typed over."""
        command = push(self.ctx, Insert(record, values, text), changed)
        if command.created_id is not None:
            select(command.created_id)
            name_edit.setFocus()
            name_edit.selectAll()

    def select_row(self, row: int) -> None:
        """Select ``row`` of the list (shown even when the filter hid it) and scroll to it."""
        model = self.table.model()
        self.table.setRowHidden(row, False)
        self.table.selectionModel().select(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(model.index(row, 0))

    def filter_rows(self, haystacks: Iterable[str], text: str) -> None:
        """Hide the rows whose text (one string a row) lacks any word of ``text``."""
        words = text.casefold().split()
        for row, haystack in enumerate(haystacks):
            folded = haystack.casefold()
            self.table.setRowHidden(row, not all(w in folded for w in words))

    def _filter(self, text: str) -> None:
        raise NotImplementedError

    def _on_selection(self) -> None:
        raise NotImplementedError
