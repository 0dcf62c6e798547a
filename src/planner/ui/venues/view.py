"""The Venues editor: venues with address, city, contact, opening hours, and their rooms.

Left, the venues (filterable); right, the venue's fields and a table of its rooms (name and
capacity, edited in place). Every change is an undoable command; a duplicate room name or a
negative capacity is refused with the reason shown under the rooms.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QTime, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.model import Event, Room, Series, Venue
from planner.services.operations import Callback, Insert, Record
from planner.services.snapshots import row_values
from planner.ui.commands import OperationCommand, push, push_field
from planner.ui.context import AppContext
from planner.ui.venues.binding import RowBinder, error_label, show_problem
from planner.ui.venues.model import ID_ROLE, RoomsModel, VenueListModel
from planner.ui.widgets.list_detail import ListDetailView


def _venue_name_problem(value: object) -> str | None:
    return None if str(value).strip() else "A venue needs a name."


class VenuesView(ListDetailView):
    """Venues and their rooms (``focus_search`` for Ctrl+F, ``refresh`` after outside edits)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "venues", parent)
        self.model = VenueListModel(ctx.db, self)
        left = self.build_list(self.model, "venue", self.add_venue, self.delete_venue)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(VenueListModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (
            VenueListModel.COL_CITY,
            VenueListModel.COL_ROOMS,
            VenueListModel.COL_EVENTS,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        # --- the venue's fields
        self.binder = RowBinder(ctx, Venue, "venue", self._venue_changed, self)
        form_box = QGroupBox("Venue")
        form = QFormLayout(form_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = self.binder.add_line(form, "Name", "name", check=_venue_name_problem)
        self.binder.add_line(form, "City", "city")
        self.binder.add_text(form, "Address", "address", height=60)
        self.binder.add_line(form, "Contact", "contact", placeholder="name, phone, email")

        self.hours_check = QCheckBox("Limited opening hours")
        self.opens_edit = QTimeEdit()
        self.closes_edit = QTimeEdit()
        for edit in (self.opens_edit, self.closes_edit):
            edit.setDisplayFormat("HH:mm")
        self.hours_error = error_label()
        hours_row = QWidget()
        hours_layout = QHBoxLayout(hours_row)
        hours_layout.setContentsMargins(0, 0, 0, 0)
        hours_layout.addWidget(self.hours_check)
        hours_layout.addWidget(QLabel("from"))
        hours_layout.addWidget(self.opens_edit)
        hours_layout.addWidget(QLabel("to"))
        hours_layout.addWidget(self.closes_edit)
        hours_layout.addStretch(1)
        hours_cell = QWidget()
        hours_cell_layout = QVBoxLayout(hours_cell)
        hours_cell_layout.setContentsMargins(0, 0, 0, 0)
        hours_cell_layout.addWidget(hours_row)
        hours_cell_layout.addWidget(self.hours_error)
        form.addRow("Opening hours:", hours_cell)
        self.hours_check.toggled.connect(self._hours_edited)
        self.opens_edit.editingFinished.connect(self._hours_edited)
        self.closes_edit.editingFinished.connect(self._hours_edited)
        self.binder.add_text(form, "Notes", "notes", height=60)
        self._loading_hours = False

        # --- its rooms
        self.rooms = RoomsModel(ctx.db, self)
        self.rooms.writer = self._write_room
        self.rooms.report = lambda problem: show_problem(self.rooms_error, problem, " Not saved.")
        self.rooms_table = QTableView()
        self.rooms_table.setObjectName("rooms_table")
        self.rooms_table.setModel(self.rooms)
        self.rooms_table.verticalHeader().hide()
        self.rooms_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rooms_table.horizontalHeader().setSectionResizeMode(
            RoomsModel.COL_NAME, QHeaderView.ResizeMode.Stretch
        )
        self.rooms_table.setMinimumHeight(140)
        self.rooms_error = error_label()
        add_room = QPushButton("Add room")
        add_room.clicked.connect(self.add_room)
        self.remove_room_button = QPushButton("Remove room")
        self.remove_room_button.clicked.connect(self.remove_room)
        rooms_box = QGroupBox("Rooms")
        rooms_layout = QVBoxLayout(rooms_box)
        rooms_layout.addWidget(self.rooms_table)
        rooms_layout.addWidget(self.rooms_error)
        room_buttons = QHBoxLayout()
        room_buttons.addWidget(add_room)
        room_buttons.addWidget(self.remove_room_button)
        room_buttons.addStretch(1)
        rooms_layout.addLayout(room_buttons)
        self._room_buttons = (add_room, self.remove_room_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(form_box)
        right_layout.addWidget(rooms_box, 1)
        self.build_splitter(left, right)

        self._show(None)
        if self.model.rowCount():
            self.select_venue(self.model.venue_id(0))

    # --- public ------------------------------------------------------------------------------

    def refresh(self) -> None:
        shown = self.binder.row_id
        self.model.reload()
        self._filter(self.search.text())
        if shown is not None and self.model.row_of(shown) is not None:
            self.select_venue(shown)
        else:
            self._show(shown)

    def current_venue_id(self) -> int | None:
        return self.binder.row_id

    def select_venue(self, venue_id: int) -> None:
        row = self.model.row_of(venue_id)
        if row is None:
            self._show(venue_id)
            return
        self.select_row(row)

    def add_venue(self) -> None:
        self.add_row(
            Record.VENUE,
            {"name": "New venue"},
            "Add venue",
            self._structure_changed,
            self.select_venue,
            self.name_edit,
        )

    def delete_venue(self) -> None:
        venue_id = self.binder.row_id
        if venue_id is None:
            return
        with self.ctx.db.session() as session:
            venue = session.get(Venue, venue_id)
            name = venue.name if venue else ""
            used = session.scalar(
                select(func.count()).select_from(Event).where(Event.venue_id == venue_id)
            )
        if used:
            answer = QMessageBox.question(
                self,
                "Delete venue",
                f"{used} event(s) are held at {name}. Delete the venue and leave those events "
                "without one? (Edit > Undo brings it back, with its rooms.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.ctx.undo_stack.push(
            _DeleteVenueCommand(self.ctx, venue_id, name, self._structure_changed)
        )

    def add_room(self) -> None:
        venue_id = self.binder.row_id
        if venue_id is None:
            return
        names = {n.casefold() for n in self.rooms.names()}
        name, n = "New room", 1
        while name.casefold() in names:
            n += 1
            name = f"New room {n}"
        command = push(
            self.ctx,
            Insert(Record.ROOM, {"venue_id": venue_id, "name": name, "capacity": None}, "Add room"),
            self._rooms_changed,
        )
        if command.created_id is not None:
            row = self.rooms.row_of(command.created_id)
            if row is not None:
                index = self.rooms.index(row, RoomsModel.COL_NAME)
                self.rooms_table.setCurrentIndex(index)
                self.rooms_table.edit(index)

    def remove_room(self) -> None:
        index = self.rooms_table.currentIndex()
        if not index.isValid():
            return
        room_id = int(self.rooms.data(index, ID_ROLE))
        name = self.rooms.names()[index.row()]
        with self.ctx.db.session() as session:
            used = session.scalar(
                select(func.count()).select_from(Event).where(Event.room_id == room_id)
            )
        if used:
            answer = QMessageBox.question(
                self,
                "Remove room",
                f"{used} event(s) are held in {name}. Remove the room and leave those events "
                "without one? (Edit > Undo puts it back.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.ctx.undo_stack.push(_DeleteRoomCommand(self.ctx, room_id, name, self._rooms_changed))

    # --- internals -------------------------------------------------------------------------

    def _filter(self, text: str) -> None:
        self.filter_rows(
            (
                " ".join(str(self.model.data(self.model.index(row, c)) or "") for c in (0, 1))
                for row in range(self.model.rowCount())
            ),
            text,
        )

    def _on_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show(self.model.venue_id(rows[0].row()) if rows else None)

    def _show(self, venue_id: int | None) -> None:
        found = self.binder.load(venue_id)
        self.rooms.load(venue_id if found else None)
        self.delete_button.setEnabled(found)
        for button in self._room_buttons:
            button.setEnabled(found)
        self.rooms_table.setEnabled(found)
        show_problem(self.rooms_error, None)
        self._load_hours()

    def _load_hours(self) -> None:
        opens = closes = None
        if self.binder.row_id is not None:
            with self.ctx.db.session() as session:
                venue = session.get(Venue, self.binder.row_id)
                if venue is not None:
                    opens, closes = venue.opens_at, venue.closes_at
        self._loading_hours = True
        try:
            limited = opens is not None and closes is not None
            self.hours_check.setChecked(limited)
            self.opens_edit.setTime(_qtime(opens or time(9, 0)))
            self.closes_edit.setTime(_qtime(closes or time(21, 0)))
            self.opens_edit.setEnabled(limited)
            self.closes_edit.setEnabled(limited)
            self.hours_check.setEnabled(self.binder.row_id is not None)
            show_problem(self.hours_error, None)
        finally:
            self._loading_hours = False

    def _hours_edited(self) -> None:
        limited = self.hours_check.isChecked()
        self.opens_edit.setEnabled(limited)
        self.closes_edit.setEnabled(limited)
        if self._loading_hours or self.binder.row_id is None:
            return
        opens = _pytime(self.opens_edit.time()) if limited else None
        closes = _pytime(self.closes_edit.time()) if limited else None
        problem = None
        if opens is not None and closes is not None and closes <= opens:
            problem = "The venue must close after it opens."
        show_problem(self.hours_error, problem)
        if problem:
            return
        venue_id = self.binder.row_id
        self.ctx.undo_stack.beginMacro("Edit opening hours")
        try:
            for field, value in (("opens_at", opens), ("closes_at", closes)):
                push_field(
                    self.ctx,
                    Record.VENUE,
                    venue_id,
                    field,
                    value,
                    "Edit opening hours",
                    self._hours_undone,
                )
        finally:
            self.ctx.undo_stack.endMacro()

    def _hours_undone(self) -> None:
        # Deferred: reloading inside our own push would fight the edit in progress.
        QTimer.singleShot(0, self._load_hours)

    def _write_room(self, room_id: int, field: str, value: object) -> None:
        label = "Rename room" if field == "name" else "Edit room capacity"
        push_field(
            self.ctx,
            Record.ROOM,
            room_id,
            field,
            value,
            label,
            self._rooms_changed,
            mergeable=False,
        )

    def _rooms_changed(self) -> None:
        self.rooms.reload()
        self.model.reload()
        self._filter(self.search.text())
        self._reselect()

    def _venue_changed(self, _venue_id: int) -> None:
        self.model.reload()
        self._filter(self.search.text())
        self._reselect()

    def _structure_changed(self) -> None:
        self.model.reload()
        self._filter(self.search.text())
        shown = self.binder.row_id
        if shown is not None and self.model.row_of(shown) is not None:
            self._reselect()
        elif self.model.rowCount():
            self.select_venue(self.model.venue_id(0))
        else:
            self._show(None)

    def _reselect(self) -> None:
        shown = self.binder.row_id
        if shown is None:
            return
        row = self.model.row_of(shown)
        if row is None:
            return
        blocked = self.table.selectionModel().blockSignals(True)
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.selectionModel().blockSignals(blocked)
        self.table.viewport().update()

    def room_problem_text(self) -> str:
        return "" if self.rooms_error.isHidden() else self.rooms_error.text()


class _DeleteVenueCommand(OperationCommand):
    """Deletes a venue with its rooms; undo restores them and re-attaches events and series."""

    def __init__(
        self, ctx: AppContext, venue_id: int, name: str, on_changed: Callable[[], None]
    ) -> None:
        text = f"Delete venue {name}"
        super().__init__(ctx, Callback(text, self._delete, self._restore), on_changed)
        self.venue_id = venue_id
        self._venue: dict[str, Any] = {}
        self._rooms: list[dict[str, Any]] = []
        self._events: list[tuple[int, int | None]] = []
        self._series: list[tuple[int, int | None]] = []

    def _delete(self, session: Session) -> None:
        venue = session.get(Venue, self.venue_id)
        if venue is None:
            return
        self._venue = row_values(venue)
        self._rooms = [row_values(r) for r in venue.rooms]
        # The schema sets these to NULL on delete; remember them so undo can put them back.
        events = session.scalars(select(Event).where(Event.venue_id == self.venue_id)).all()
        self._events = [(e.id, e.room_id) for e in events]
        series = session.scalars(
            select(Series).where(Series.default_venue_id == self.venue_id)
        ).all()
        self._series = [(s.id, s.default_room_id) for s in series]
        for event in events:
            event.venue_id = None
            event.room_id = None
        for one in series:
            one.default_venue_id = None
            one.default_room_id = None
        session.delete(venue)

    def _restore(self, session: Session) -> None:
        if not self._venue:
            return
        session.add(Venue(**self._venue))
        session.flush()
        for room in self._rooms:
            session.add(Room(**room))
        session.flush()
        for event_id, room_id in self._events:
            event = session.get(Event, event_id)
            if event is not None:
                event.venue_id = self.venue_id
                event.room_id = room_id
        for series_id, room_id in self._series:
            one = session.get(Series, series_id)
            if one is not None:
                one.default_venue_id = self.venue_id
                one.default_room_id = room_id


class _DeleteRoomCommand(OperationCommand):
    """Removes a room; undo restores it and puts the events and series that used it back."""

    def __init__(
        self, ctx: AppContext, room_id: int, name: str, on_changed: Callable[[], None]
    ) -> None:
        text = f"Remove room {name}"
        super().__init__(ctx, Callback(text, self._delete, self._restore), on_changed)
        self.room_id = room_id
        self._room: dict[str, Any] = {}
        self._events: list[int] = []
        self._series: list[int] = []

    def _delete(self, session: Session) -> None:
        room = session.get(Room, self.room_id)
        if room is None:
            return
        self._room = row_values(room)
        events = session.scalars(select(Event).where(Event.room_id == self.room_id)).all()
        series = session.scalars(select(Series).where(Series.default_room_id == self.room_id)).all()
        self._events = [e.id for e in events]
        self._series = [s.id for s in series]
        for event in events:
            event.room_id = None
        for one in series:
            one.default_room_id = None
        session.delete(room)

    def _restore(self, session: Session) -> None:
        if not self._room:
            return
        session.add(Room(**self._room))
        session.flush()
        for event in session.scalars(select(Event).where(Event.id.in_(self._events))):
            event.room_id = self.room_id
        for one in session.scalars(select(Series).where(Series.id.in_(self._series))):
            one.default_room_id = self.room_id


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())
