"""The Series editor: title, numbering, the defaults new sessions start from, and its events.

Left, the series; right, the series' fields (every change an undoable command) and the list of
its events by number. Defaults that name a venue, room or chair are chosen from the venues and
the directory; the time zone from the searchable list of zones.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model.enums import AttributionRule, EventFormat, EventStatus
from planner.model.labels import (
    DEFAULT_NUMBERING,
    FORMAT_CHOICE_LABELS,
    RULE_LABELS,
    STATUS_LABELS,
)
from planner.services import series as series_service
from planner.services import venues as venue_service
from planner.services.database import Database
from planner.services.operations import Record
from planner.services.people import person_row
from planner.services.records import read_fields
from planner.services.series import DeleteSeries
from planner.ui.commands import push
from planner.ui.context import AppContext
from planner.ui.people.pick_dialog import PickPersonDialog
from planner.ui.series.plan_dialog import PlanSessionsDialog
from planner.ui.series.session_dialogs import MoveSessionDialog, RenumberDialog, confirm_cancel
from planner.ui.venues.binding import RowBinder
from planner.ui.widgets.list_detail import ListDetailView
from planner.ui.widgets.rows_model import RowsTableModel
from planner.ui.widgets.style import text_alignment

Index = QModelIndex | QPersistentModelIndex


def numbering_problem(value: object) -> str | None:
    text = str(value)
    if not text.strip():
        return "A numbering pattern is needed, e.g. “Session {n}”."
    if "{n}" not in text:
        return "The pattern must contain {n} where the session number goes."
    try:
        text.format(n=1)
    except (KeyError, IndexError, ValueError):
        return "Only {n} may appear in braces."
    return None


class _ListModel(RowsTableModel[tuple[Any, ...]]):
    """Rows of plain values with fixed headers (a few dozen rows: read whole, reset)."""

    def __init__(self, headers: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.HEADERS = headers  # the first value of each row is its id, not shown

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column() + 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_id(self, row: int) -> int:
        return int(self._rows[row][0])

    def row_of(self, row_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r[0] == row_id), None)


CANCELLED = STATUS_LABELS[EventStatus.CANCELLED]


class _EventsModel(_ListModel):
    """The series' events: cancelled ones stay in the list, struck through."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid():
            values = self._rows[index.row()]
            if role == Qt.ItemDataRole.FontRole and values[-1] == CANCELLED:
                font = QFont()
                font.setStrikeOut(index.column() != len(self.HEADERS) - 1)
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
                return text_alignment(str(values[3]))
        return super().data(index, role)

    def is_cancelled(self, row: int) -> bool:
        return bool(self._rows[row][-1] == CANCELLED)


def series_rows(db: Database) -> list[tuple[Any, ...]]:
    """The series list's rows: (id, title, short title, number of events)."""
    return [(r.id, r.title, r.short_title, r.events) for r in series_service.list_series(db)]


def series_event_rows(db: Database, series_id: int | None) -> list[tuple[Any, ...]]:
    """The rows of the series' events: (id, number, local start, title, status)."""
    if series_id is None:
        return []
    return [
        (e.id, e.number, e.starts, e.title, e.status)
        for e in series_service.series_events(db, series_id)
    ]


class SeriesView(ListDetailView):
    """Series and their defaults (``focus_search`` for Ctrl+F, ``refresh`` after outside edits)."""

    event_activated = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "series", parent)
        self.model = _ListModel(("Series", "Short title", "Events"), self)
        left = self.build_list(self.model, "series", self.add_series, self.delete_series)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.binder = RowBinder(ctx, Record.SERIES, "series", self._series_changed, self)
        details = QGroupBox("Series")
        form = QFormLayout(details)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = self.binder.add_line(
            form, "Title", "title", check=lambda v: None if str(v).strip() else "A title is needed."
        )
        self.binder.add_line(form, "Short title", "short_title")
        self.binder.add_text(form, "Description", "description", height=70)
        self.numbering_edit = self.binder.add_line(
            form, "Numbering", "numbering", check=numbering_problem, placeholder=DEFAULT_NUMBERING
        )
        self.numbering_example = QLabel()
        self.numbering_edit.textChanged.connect(self._update_example)
        form.addRow("", self.numbering_example)

        defaults = QGroupBox("Defaults for new sessions")
        dform = QFormLayout(defaults)
        dform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.format_combo = self.binder.add_combo(
            dform,
            "Format",
            "default_format",
            [("(the organisation's default)", None)]
            + [(FORMAT_CHOICE_LABELS[f], f.value) for f in EventFormat],
            convert=EventFormat,
        )
        self.rule_combo = self.binder.add_combo(
            dform,
            "Attribution rule",
            "default_attribution",
            [("(the organisation's default)", None)]
            + [(RULE_LABELS[r], r.value) for r in AttributionRule],
            convert=AttributionRule,
        )
        self.venue_combo = self.binder.add_combo(
            dform, "Venue", "default_venue_id", [("(none)", None)]
        )
        self.room_combo = self.binder.add_combo(
            dform, "Room", "default_room_id", [("(none)", None)]
        )
        self.venue_combo.currentIndexChanged.connect(lambda _i: self._load_rooms())

        self.chair_label = QLabel()
        self.chair_label.setObjectName("series_chair")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_chair)
        clear = QPushButton("Clear")
        clear.clicked.connect(
            lambda: self.binder.save("default_chair_id", None, "Clear default chair")
        )
        chair_row = QWidget()
        chair_layout = QHBoxLayout(chair_row)
        chair_layout.setContentsMargins(0, 0, 0, 0)
        chair_layout.addWidget(self.chair_label, 1)
        chair_layout.addWidget(choose)
        chair_layout.addWidget(clear)
        self.binder.add_custom(
            dform, "Chair", "default_chair_id", chair_row, lambda: None, self._show_chair
        )
        self._chair_buttons = (choose, clear)

        self.zone_combo = self.binder.add_zone(
            dform, "Time zone", "default_time_zone", allow_empty="(the organisation's zone)"
        )
        self.zone_combo.setObjectName("series_default_time_zone")
        self.binder.add_spin(
            dform, "Duration", "default_duration_minutes", minimum=5, maximum=24 * 60, suffix=" min"
        )

        self.events_model = _EventsModel(("No.", "Date", "Title", "Status"), self)
        self.events_table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.events_table.setTabKeyNavigation(False)
        self.events_table.setObjectName("series_events")
        self.events_table.setModel(self.events_model)
        self.events_table.verticalHeader().hide()
        self.events_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        eh = self.events_table.horizontalHeader()
        eh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        eh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        eh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        eh.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.events_table.setMinimumHeight(150)
        self.events_table.doubleClicked.connect(
            lambda index: self.event_activated.emit(self.events_model.row_id(index.row()))
        )
        events_box = QGroupBox("Events in this series")
        events_layout = QVBoxLayout(events_box)
        events_layout.addWidget(self.events_table)
        events_layout.addLayout(self._build_session_actions())

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(details)
        right_layout.addWidget(defaults)
        right_layout.addWidget(events_box, 1)
        self.build_splitter(left, right)

        self.refresh()

    # --- public ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reread the series and the one shown, keeping it and its chosen session chosen
        (coming back from another section, after an edit, an undo or someone else's change)."""
        shown = self.binder.row_id
        chosen = self.current_event_id()
        self._load_venues()
        self.model.set_rows(series_rows(self.ctx.db))
        self._filter(self.search.text())
        if shown is not None and self.model.row_of(shown) is not None:
            self.select_series(shown)
            if chosen is not None:
                self.select_event(chosen)
        elif self.model.rowCount():
            self.select_series(self.model.row_id(0))
        else:
            self._show(None)

    def select_series(self, series_id: int) -> None:
        row = self.model.row_of(series_id)
        if row is None:
            self._show(series_id)
            return
        self.select_row(row)
        self._show(series_id)

    def add_series(self) -> None:
        self.add_row(
            Record.SERIES,
            {"title": "New series", "numbering": DEFAULT_NUMBERING},
            "Add series",
            self._structure_changed,
            self.select_series,
            self.title_edit,
        )

    def delete_series(self) -> None:
        series_id = self.binder.row_id
        if series_id is None:
            return
        usage = series_service.series_usage(self.ctx.db, series_id)
        if usage is None:
            return
        event_ids = usage.event_ids
        if event_ids:
            answer = QMessageBox.question(
                self,
                "Delete series",
                f"{len(event_ids)} event(s) belong to {usage.title}. Delete the series and "
                "keep those events on their own? (Edit > Undo brings it back.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return

        push(
            self.ctx,
            DeleteSeries(series_id, f"Delete series {usage.title}"),
            self._structure_changed,
        )

    def choose_chair(self) -> None:
        if self.binder.row_id is None:
            return
        picker = PickPersonDialog(self.ctx, "Default chair", self)
        if picker.exec() and (person_id := picker.chosen_id()) is not None:
            self.binder.save("default_chair_id", person_id, "Set default chair")

    def plan_sessions(self) -> PlanSessionsDialog | None:
        """Open Plan Sessions… for the series shown (returns the dialog after it closed)."""
        series_id = self.binder.row_id
        if series_id is None:
            return None
        dialog = PlanSessionsDialog(self.ctx, series_id, self._sessions_changed, self)
        dialog.exec()
        return dialog

    def renumber_sessions(self) -> None:
        series_id = self.binder.row_id
        if series_id is None:
            return
        title = self.title_edit.text() or "series"
        RenumberDialog(self.ctx, series_id, title, self._sessions_changed, self).exec()

    def move_session(self) -> None:
        event_id = self.current_event_id()
        if event_id is not None:
            MoveSessionDialog(self.ctx, event_id, self._sessions_changed, self).exec()

    def cancel_session(self) -> None:
        event_id = self.current_event_id()
        if event_id is not None:
            confirm_cancel(self.ctx, event_id, self._sessions_changed, self)

    def current_event_id(self) -> int | None:
        """The event chosen in the series' list of events (None: none is)."""
        index = self.events_table.currentIndex()
        rows = self.events_table.selectionModel().selectedRows()
        if rows:
            index = rows[0]
        if not index.isValid():
            return None
        return self.events_model.row_id(index.row())

    def select_event(self, event_id: int) -> None:
        row = self.events_model.row_of(event_id)
        if row is not None:
            self.events_table.selectRow(row)
            self.events_table.scrollTo(self.events_model.index(row, 0))

    # --- internals -------------------------------------------------------------------------

    def _build_session_actions(self) -> QHBoxLayout:
        """Plan, renumber, move and cancel: buttons under the list, and the same actions in
        its context menu (right click, or the Menu key)."""
        self.plan_action = QAction("&Plan Sessions…", self)
        self.plan_action.setToolTip("Plan the next sessions from a rule or a list of dates")
        self.plan_action.triggered.connect(self.plan_sessions)
        self.renumber_action = QAction("&Renumber Sessions…", self)
        self.renumber_action.setToolTip("Number the sessions 1, 2, … by date")
        self.renumber_action.triggered.connect(self.renumber_sessions)
        self.move_action = QAction("&Move Session…", self)
        self.move_action.setToolTip("Move the chosen session to another date or time")
        self.move_action.triggered.connect(self.move_session)
        self.cancel_action = QAction("&Cancel Session…", self)
        self.cancel_action.setToolTip("Mark the chosen session cancelled (it stays listed)")
        self.cancel_action.triggered.connect(self.cancel_session)
        self.session_actions = (
            self.plan_action,
            self.renumber_action,
            self.move_action,
            self.cancel_action,
        )
        row = QHBoxLayout()
        self.session_buttons: dict[QAction, QPushButton] = {}
        for action in self.session_actions:
            button = QPushButton(action.text())  # with its Alt+letter
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            self.session_buttons[action] = button
            row.addWidget(button)
        row.addStretch(1)
        self.plan_button = self.session_buttons[self.plan_action]
        self.events_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.events_table.customContextMenuRequested.connect(self._events_menu)
        self.events_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_session_actions()
        )
        self.events_model.modelReset.connect(self._update_session_actions)
        return row

    def _events_menu(self, position: Any) -> None:
        menu = QMenu(self)
        menu.addActions([self.move_action, self.cancel_action])
        menu.addSeparator()
        menu.addActions([self.plan_action, self.renumber_action])
        menu.popup(self.events_table.viewport().mapToGlobal(position))

    def _update_session_actions(self) -> None:
        found = self.binder.row_id is not None
        event_id = self.current_event_id()
        row = self.events_model.row_of(event_id) if event_id is not None else None
        chosen = row is not None
        self.plan_action.setEnabled(found)
        self.renumber_action.setEnabled(found and self.events_model.rowCount() > 0)
        self.move_action.setEnabled(chosen)
        self.cancel_action.setEnabled(chosen and not self.events_model.is_cancelled(row or 0))
        for action, button in self.session_buttons.items():
            button.setEnabled(action.isEnabled())

    def _filter(self, text: str) -> None:
        self.filter_rows((f"{values[1]} {values[2]}" for values in self.model.rows()), text)

    def _on_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._show(self.model.row_id(rows[0].row()))

    def _show(self, series_id: int | None) -> None:
        self._load_rooms_for(series_id)
        found = self.binder.load(series_id)
        self.delete_button.setEnabled(found)
        for button in self._chair_buttons:
            button.setEnabled(found)
        self.events_model.set_rows(series_event_rows(self.ctx.db, series_id if found else None))
        self._update_example()

    def _load_venues(self) -> None:
        venues = [(v.id, v.name, v.city) for v in venue_service.list_venues(self.ctx.db)]
        choices: list[tuple[str, Any]] = [("(none)", None)]
        choices += [(f"{name}, {city}" if city else name, vid) for vid, name, city in venues]
        RowBinder.set_choices(self.venue_combo, choices)

    def _load_rooms_for(self, series_id: int | None) -> None:
        venue_id = None
        if series_id is not None:
            values = read_fields(self.ctx.db, Record.SERIES, series_id, ["default_venue_id"])
            venue_id = values["default_venue_id"] if values else None
        self._set_room_choices(venue_id)

    def _load_rooms(self) -> None:
        before = self.room_combo.currentData()
        self._set_room_choices(self.venue_combo.currentData())
        # The user chose another venue: a default room of the old one no longer applies.
        if not self.binder.loading and before is not None and self.room_combo.findData(before) < 0:
            self.binder.save("default_room_id", None, "Edit series venue")

    def _set_room_choices(self, venue_id: int | None) -> None:
        choices: list[tuple[str, Any]] = [("(none)", None)]
        if venue_id is not None:
            choices += [
                (f"{r.name} ({r.capacity} seats)" if r.capacity is not None else r.name, r.id)
                for r in venue_service.venue_rooms(self.ctx.db, venue_id)
            ]
        RowBinder.set_choices(self.room_combo, choices)

    def _show_chair(self, person_id: Any) -> None:
        text = "(none)"
        if person_id is not None:
            row = person_row(self.ctx.db, int(person_id))
            if row is not None:
                text = row.display_name
        self.chair_label.setText(text)

    def _update_example(self) -> None:
        pattern = self.numbering_edit.text()
        example = "" if numbering_problem(pattern) else pattern.format(n=1)
        self.numbering_example.setText(f"The first session reads “{example}”." if example else "")

    def _series_changed(self, series_id: int) -> None:
        self.model.set_rows(series_rows(self.ctx.db))
        self._filter(self.search.text())
        row = self.model.row_of(series_id)
        if row is not None and series_id == self.binder.row_id:
            blocked = self.table.selectionModel().blockSignals(True)
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.selectionModel().blockSignals(blocked)
            self.events_model.set_rows(series_event_rows(self.ctx.db, series_id))
            self._show_chair(self._current_chair())

    def _current_chair(self) -> int | None:
        if self.binder.row_id is None:
            return None
        values = read_fields(self.ctx.db, Record.SERIES, self.binder.row_id, ["default_chair_id"])
        return values["default_chair_id"] if values else None

    def _structure_changed(self) -> None:
        self.refresh()

    def _sessions_changed(self) -> None:
        """After a session was planned, moved, cancelled or renumbered (or that was undone):
        reread, keeping the chosen session chosen."""
        self.refresh()
