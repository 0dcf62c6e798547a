"""The directory's table model: SQL does the filtering and sorting, rows arrive a page at a time.

``PeopleTableModel`` never holds the whole directory. ``set_filter`` and ``sort`` reset it to
the first page of ``services.people.search_people`` (a sort's page is queried in a worker);
the view asks for more with ``canFetchMore``/``fetchMore`` as the user scrolls. At 100,000
people a keystroke costs one SQL query of ~30 ms (see docs/guide/directory.md), where a
QSortFilterProxyModel over Python rows costs about a second.

The number of matches is a second query that reads every matching row: for a word of one or
two letters on PostgreSQL (which the trigram index cannot serve) it takes 0.1-0.9 s at 100,000
people. ``request_count`` runs it in a worker (``ui.worker``), so typing never waits for it.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from planner.services.database import Database
from planner.services.people import (
    DEFAULT_PAGE,
    PersonRow,
    SortKey,
    count_people,
    person_row,
    search_people,
)
from planner.ui.widgets.style import text_alignment
from planner.ui.worker import TaskControl, TaskHandle, run_controlled_task

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

# Column constants (tests and the view use these, never bare numbers).
COL_NAME, COL_POSITION, COL_AFFILIATION, COL_EMAIL, COL_PHONE = range(5)
HEADERS = ("Name", "Position", "Affiliation", "Email", "Phone")
# Which SQL order a click on each header asks for (Name sorts by family name, not honorific).
SORT_KEYS: dict[int, SortKey] = {
    COL_NAME: SortKey.FAMILY_NAME,
    COL_POSITION: SortKey.POSITION,
    COL_AFFILIATION: SortKey.AFFILIATION,
    COL_EMAIL: SortKey.EMAIL,
}

PERSON_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class PeopleTableModel(QAbstractTableModel):
    """People matching a search, sorted in SQL, fetched lazily a page at a time."""

    # The number of matches of the current filter, when ``request_count``'s worker has it.
    count_changed = Signal(int)
    # ... or why it could not be counted (the rows are there all the same).
    count_failed = Signal(str)

    def __init__(
        self, db: Database, parent: QObject | None = None, *, page_size: int = DEFAULT_PAGE
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.page_size = page_size
        self._text = ""
        self._sort = SortKey.FAMILY_NAME
        self._descending = False
        self._rows: list[PersonRow] = []
        self._exhausted = False
        self._count: int | None = None
        self._counting: TaskHandle[int] | None = None
        self._ordering: TaskHandle[list[PersonRow]] | None = None

    # --- what the view asks -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text_of(row, index.column())
        if role == PERSON_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # A right-to-left name reads from the right edge of its cell.
            return text_alignment(self._text_of(row, index.column()))
        return None

    @staticmethod
    def _text_of(row: PersonRow, column: int) -> str:
        if column == COL_NAME:
            return row.display_name
        return str(
            {
                COL_POSITION: row.position,
                COL_AFFILIATION: row.affiliation,
                COL_EMAIL: row.email,
                COL_PHONE: row.phone,
            }[column]
        )

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # Not while a new order is on its way: a page of it would follow rows of the old one.
        return not parent.isValid() and not self._exhausted and self._ordering is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._ordering is not None:
            return
        page = self._query(len(self._rows))
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:  # phone: no useful order; keep the current one
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._reorder()

    # --- what the directory view asks ---------------------------------------------------------

    @property
    def filter_text(self) -> str:
        return self._text

    @property
    def sort_key(self) -> SortKey:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, text: str) -> None:
        """Show the people matching ``text`` (words, each in a name, affiliation or email)."""
        if text.strip() == self._text.strip() and self._rows:
            self._text = text
            return
        self._text = text
        self.reload()

    def reload(self) -> None:
        """Re-run the query from the first page (after a search, a sort or an edit)."""
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self._count = None
        if self._counting is not None:
            # A count for the old filter: not started yet, it never runs; running, its
            # figure is dropped (the worker drops a cancelled task's result).
            self._counting.cancel()
            self._counting = None
        self._forget_ordering()
        self._rows = self._query(0)
        self.endResetModel()

    @property
    def ordering(self) -> bool:
        """Whether the rows of a new sort order are still on their way from the worker."""
        return self._ordering is not None

    def _forget_ordering(self) -> None:
        if self._ordering is not None:
            self._ordering.cancel()  # its rows, if they come, are dropped
            self._ordering = None

    def _reorder(self) -> None:
        """The first page in the new order, queried in a worker: a column without an index
        (position, affiliation) takes 0.1-0.6 s at 100,000 people. The rows shown stay until
        it is in; the number of matches does not change, so it is kept."""
        self._forget_ordering()
        db, text, key, descending, size = (
            self.db,
            self._text,
            self._sort,
            self._descending,
            self.page_size,
        )
        handle: TaskHandle[list[PersonRow]] | None = None
        finished = False

        def current() -> bool:
            # (Synchronous, in tests, the callbacks run before there is a handle.)
            return handle is None or self._ordering is handle

        def work(control: TaskControl) -> list[PersonRow]:
            control.check()  # sorted again, or searched, while this waited for a thread
            return search_people(db, text, sort=key, descending=descending, offset=0, limit=size)

        def ordered(page: list[PersonRow]) -> None:
            nonlocal finished
            finished = True
            if current():
                self._ordering = None
                self.beginResetModel()
                self._rows = page
                self._exhausted = len(page) < size
                self.endResetModel()

        def failed(message: str) -> None:
            nonlocal finished
            finished = True
            log.warning("sorting people failed: %s", message)
            if current():
                self._ordering = None

        handle = run_controlled_task(work, on_done=ordered, on_error=failed, owner=self)
        if not finished:
            self._ordering = handle

    @property
    def known_count(self) -> int | None:
        """The number of matches of the current filter, if counted already."""
        return self._count

    def request_count(self) -> None:
        """Count the matches in a worker and emit ``count_changed`` with the figure (at once
        when it is known). The view calls this after each reset; the GUI thread only starts
        the task."""
        if self._count is not None:
            self.count_changed.emit(self._count)
            return
        if self._counting is not None:
            return  # already on its way
        db, text = self.db, self._text
        handle: TaskHandle[int] | None = None
        finished = False

        def current() -> bool:
            # A figure the worker sent just before a reset arrives after it: not this filter's.
            # (Synchronous, in tests, the callbacks run before there is a handle.)
            return handle is None or self._counting is handle

        def work(control: TaskControl) -> int:
            control.check()  # the filter changed while this waited for a thread
            return count_people(db, text)

        def counted(total: int) -> None:
            nonlocal finished
            finished = True
            if current():
                self._counting = None
                self._count = total
                self.count_changed.emit(total)

        def failed(message: str) -> None:
            nonlocal finished
            finished = True
            log.warning("counting people failed: %s", message)
            if current():
                self._counting = None
                self.count_failed.emit(message)

        handle = run_controlled_task(work, on_done=counted, on_error=failed, owner=self)
        if not finished:
            self._counting = handle

    def count(self) -> int:
        """How many people match the filter, counted on the calling thread (scripts and tests;
        the view uses ``request_count``). Cached until the next reset."""
        if self._count is None:
            self._count = count_people(self.db, self._text)
        return self._count

    def person_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, person_id: int) -> int | None:
        """The row showing ``person_id`` among the rows fetched so far."""
        for i, row in enumerate(self._rows):
            if row.id == person_id:
                return i
        return None

    def refresh_person(self, person_id: int) -> None:
        """Re-read one person's row after an edit (cheaper than a reset, keeps the selection)."""
        row = self.row_of(person_id)
        if row is None:
            return
        fresh = person_row(self.db, person_id)
        if fresh is None:
            self.reload()
            return
        self._rows[row] = fresh
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def _query(self, offset: int) -> list[PersonRow]:
        page = search_people(
            self.db,
            self._text,
            sort=self._sort,
            descending=self._descending,
            offset=offset,
            limit=self.page_size,
        )
        if len(page) < self.page_size:
            self._exhausted = True
        return page
