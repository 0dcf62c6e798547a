"""Table models of the venues editor: the venues, and the rooms of one venue (editable).

An institute has tens of venues, so both models read their rows whole (one short session) and
reset after a change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from planner.services import venues
from planner.services.database import Database
from planner.services.venues import RoomLine, VenueLine
from planner.ui.widgets.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class VenueListModel(RowsTableModel[VenueLine]):
    COL_NAME, COL_CITY, COL_ROOMS, COL_EVENTS = range(4)
    HEADERS = ("Venue", "City", "Rooms", "Events")

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.reload()

    def reload(self) -> None:
        self.set_rows(venues.list_venues(self.db))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        if role == ID_ROLE:
            return line.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.name, line.city, line.rooms, line.events)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= self.COL_ROOMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def venue_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, venue_id: int) -> int | None:
        return next((i for i, line in enumerate(self._rows) if line.id == venue_id), None)


def room_problem(name: str, capacity: int | None, others: list[str]) -> str | None:
    """What is wrong with a room's name or capacity given the other rooms' names, or None."""
    if not name.strip():
        return "A room needs a name."
    if name.strip().casefold() in {o.strip().casefold() for o in others}:
        return f"This venue already has a room named “{name.strip()}”."
    if capacity is not None and capacity < 0:
        return "A capacity cannot be negative."
    return None


def parse_capacity(text: str) -> tuple[int | None, str | None]:
    """(capacity, problem) from what was typed: empty means unknown."""
    text = text.strip()
    if not text:
        return None, None
    try:
        value = int(text)
    except ValueError:
        return None, f"“{text}” is not a number of seats."
    if value < 0:
        return None, "A capacity cannot be negative."
    return value, None


class RoomsModel(RowsTableModel[RoomLine]):
    """The rooms of one venue; editing a cell asks ``writer`` to push an undoable change."""

    COL_NAME, COL_CAPACITY = range(2)
    HEADERS = ("Room", "Capacity")

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.venue_id: int | None = None
        # Called with (room id, field, value); returns a problem or None. Set by the view.
        self.writer: Callable[[int, str, object], None] | None = None
        # Told the outcome of every edit: the problem that refused it, or None.
        self.report: Callable[[str | None], None] | None = None
        self.last_problem: str | None = None

    def load(self, venue_id: int | None) -> None:
        self.venue_id = venue_id
        rows: list[RoomLine] = [] if venue_id is None else venues.venue_rooms(self.db, venue_id)
        self.set_rows(rows)

    def reload(self) -> None:
        self.load(self.venue_id)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        if role == ID_ROLE:
            return line.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == self.COL_NAME:
                return line.name
            return "" if line.capacity is None else str(line.capacity)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_CAPACITY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.writer is None:
            return False
        line = self._rows[index.row()]
        others = [r.name for r in self._rows if r.id != line.id]
        new: str | int | None
        if index.column() == self.COL_NAME:
            name = str(value).strip()
            problem = room_problem(name, line.capacity, others)
            field, new = "name", name
        else:
            capacity, problem = parse_capacity(str(value))
            field, new = "capacity", capacity
        self.last_problem = problem
        if self.report is not None:
            self.report(problem)
        if problem:
            return False
        self.writer(line.id, field, new)
        return True

    def room_id(self, row: int) -> int:
        return self._rows[row].id

    def names(self) -> list[str]:
        return [r.name for r in self._rows]

    def row_of(self, room_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == room_id), None)
