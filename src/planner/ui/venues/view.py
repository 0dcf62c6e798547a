"""The Venues editor: venues with address, city, contact, opening hours, and their rooms.

Left, the venues (filterable); right, the venue's fields and a table of its rooms (name and
capacity, edited in place). Every change is an undoable command; a duplicate room name or a
negative capacity is refused with the reason shown under the rooms.
"""

from __future__ import annotations

from datetime import time

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

from planner.model.enums import TimeStyle
from planner.services import venues
from planner.services.operations import Insert, Record
from planner.services.organisation import time_style
from planner.services.venues import DeleteRoom, DeleteVenue
from planner.ui.commands import push, push_field
from planner.ui.context import AppContext
from planner.ui.venues.binding import RowBinder, error_label, show_problem
from planner.ui.venues.model import ID_ROLE, RoomsModel, VenueListModel
from planner.ui.widgets.clock import qt_time_format
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
        self.binder = RowBinder(ctx, Record.VENUE, "venue", self._venue_changed, self)
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
        self.opens_edit.setAccessibleName("Opens at")
        self.closes_edit.setAccessibleName("Closes at")
        for edit in (self.opens_edit, self.closes_edit):
            edit.setDisplayFormat(qt_time_format(TimeStyle.HOURS))
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
        self.rooms.report = self._report_room_problem
        self.rooms_table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.rooms_table.setTabKeyNavigation(False)
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
        usage = venues.venue_usage(self.ctx.db, venue_id)
        if usage is None:
            return
        name, used = usage.name, usage.events
        if used:
            answer = QMessageBox.question(
                self,
                "Delete venue",
                f"{used} event(s) are held at {name}. Delete the venue and leave those events "
                "without one? (Edit > Undo brings it back, with its rooms.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        push(self.ctx, DeleteVenue(venue_id, f"Delete venue {name}"), self._structure_changed)

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
        usage = venues.room_usage(self.ctx.db, room_id)
        used = usage.events if usage is not None else 0
        if used:
            answer = QMessageBox.question(
                self,
                "Remove room",
                f"{used} event(s) are held in {name}. Remove the room and leave those events "
                "without one? (Edit > Undo puts it back.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        push(self.ctx, DeleteRoom(room_id, f"Remove room {name}"), self._rooms_changed)

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
        opens: time | None = None
        closes: time | None = None
        if self.binder.row_id is not None:
            opens, closes = venues.opening_hours(self.ctx.db, self.binder.row_id)
        # The hours as the rest of the window writes times ("10:00 pm" or "22:00"), read each
        # time a venue is shown: the setting may have changed in the Organisation view.
        time_format = qt_time_format(time_style(self.ctx.db))
        self._loading_hours = True
        try:
            for edit in (self.opens_edit, self.closes_edit):
                edit.setDisplayFormat(time_format)
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

    def _report_room_problem(self, problem: str | None) -> None:
        show_problem(self.rooms_error, problem, " Not saved.")

    def room_problem_text(self) -> str:
        return "" if self.rooms_error.isHidden() else self.rooms_error.text()


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())
