"""Agenda: the timetable. Items are added, removed, reordered by drag and drop (or buttons);
each keeps its length and starts when the one before ends; each may override the event's rule
and has its own people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QSettings,
    Qt,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model import AgendaKind, AttributionRule, Role, TimeStyle
from planner.model.labels import AGENDA_KIND_LABELS, ROLE_LABELS, RULE_LABELS
from planner.services.agenda import (
    AddAgendaItem,
    AgendaItemRow,
    RemoveAgendaItem,
    ReorderAgenda,
    SetItemMinutes,
    item_has_person,
)
from planner.services.operations import Delete, Insert, Record
from planner.services.organisation import time_style
from planner.services.snapshot import EventSnapshot
from planner.ui.commands import push, push_field
from planner.ui.editor.base import EditorHost, Section
from planner.ui.widgets.clock import clock_range
from planner.ui.widgets.model_index import Index
from planner.ui.widgets.picker import PersonSearchEdit
from planner.ui.widgets.rows_model import RowsTableModel
from planner.ui.widgets.style import (
    Tone,
    error_label,
    rule_colour,
    set_tone,
    show_error,
    text_alignment,
)

ROW_MIME = "application/x-planner-agenda-row"

EVENT_RULE = "(event's rule)"


class AgendaTableModel(RowsTableModel[AgendaItemRow]):
    """The timetable. Edits and drops are handed to callbacks, which push undoable commands."""

    TIME, MINUTES, TITLE, KIND, RULE, PEOPLE = range(6)
    HEADERS = ("Time", "Min", "Title", "Kind", "Rule", "People")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.on_edit: Callable[[int, int, Any], None] | None = None  # item id, column, value
        self.on_reorder: Callable[[list[int]], None] | None = None  # item ids in new order
        self.time_style = TimeStyle.HOURS  # the organisation's (set before each fill)

    def item(self, row: int) -> AgendaItemRow:
        return self._rows[row]

    def ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled
        if index.column() in (self.MINUTES, self.TITLE, self.KIND, self.RULE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TIME:
                return clock_range(item.starts_at, item.ends_at, self.time_style)
            if column == self.MINUTES:
                return item.minutes
            if column == self.TITLE:
                return item.title
            if column == self.KIND:
                return AGENDA_KIND_LABELS[item.kind]
            if column == self.RULE:
                return RULE_LABELS[item.attribution] if item.attribution else EVENT_RULE
            if column == self.PEOPLE:
                return "; ".join(p.name for p in item.people)
        if role == Qt.ItemDataRole.EditRole:
            if column == self.MINUTES:
                return item.minutes
            if column == self.TITLE:
                return item.title
            if column == self.KIND:
                return item.kind.value
            if column == self.RULE:
                return item.attribution.value if item.attribution else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.TITLE:
            return text_alignment(item.title)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.RULE and item.attribution:
            return QBrush(rule_colour(item.attribution))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.on_edit is None:
            return False
        self.on_edit(self._rows[index.row()].id, index.column(), value)
        return True

    # --- drag and drop (moves rows within the table) -----------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(ROW_MIME, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(ROW_MIME) or self.on_reorder is None:
            return False
        moved = [int(r) for r in bytes(data.data(ROW_MIME).data()).decode().split(",") if r]
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        self.on_reorder(self.moved_order(moved, row))
        # False: the view must not delete the source rows; the reorder command reloads instead.
        return False

    def moved_order(self, moved: list[int], to_row: int) -> list[int]:
        ids = self.ids()
        taken = [ids[r] for r in moved]
        before = sum(1 for r in moved if r < to_row)
        rest = [i for i in ids if i not in taken]
        at = max(0, min(len(rest), to_row - before))
        return rest[:at] + taken + rest[at:]


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor over fixed (value, label) pairs."""

    def __init__(self, choices: list[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self.choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i: self._chosen(combo))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        # Saved at once, and the editor closed at once: the save reloads the table, and an
        # editor left open then belonged to rows that were gone ("QAbstractItemView::
        # commitData called with an editor that does not belong to this view" on leaving).
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class AgendaSection(Section):
    title = "Agenda"

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.model = AgendaTableModel(self)
        self.model.on_edit = self._edited
        self.model.on_reorder = self.reorder
        self.table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName("Agenda")
        self.table.setObjectName("agendaTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropOverwriteMode(False)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setItemDelegateForColumn(
            AgendaTableModel.KIND,
            ChoiceDelegate([(k.value, label) for k, label in AGENDA_KIND_LABELS.items()], self),
        )
        self.table.setItemDelegateForColumn(
            AgendaTableModel.RULE,
            ChoiceDelegate(
                [("", EVENT_RULE), *[(r.value, RULE_LABELS[r]) for r in AttributionRule]], self
            ),
        )
        header = self.table.horizontalHeader()
        # Title and people share what the short columns leave.
        fit = QHeaderView.ResizeMode.ResizeToContents
        for column in (
            AgendaTableModel.TIME,
            AgendaTableModel.MINUTES,
            AgendaTableModel.KIND,
            AgendaTableModel.RULE,
        ):
            header.setSectionResizeMode(column, fit)
        header.setSectionResizeMode(AgendaTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AgendaTableModel.PEOPLE, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(fit)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_people())

        buttons = QHBoxLayout()
        for text, slot in (
            ("Add item", self._add),
            ("Remove", self._remove),
            ("Move up", lambda: self._move(-1)),
            ("Move down", lambda: self._move(1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        # Wraps rather than widening the editor (a long "runs past the end" squeezed the list).
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        buttons.addWidget(self.summary, 1)

        # The selected item's people.
        self.people_title = QLabel("People in this item")
        self.people_list = QListWidget()
        self.people_list.setAccessibleName("People of the chosen item")
        self.people_role = QComboBox()
        self.people_role.setAccessibleName("Role in the chosen item")
        for role in (Role.SPEAKER, Role.KEYNOTE, Role.CHAIR, Role.MODERATOR, Role.DISCUSSANT):
            self.people_role.addItem(ROLE_LABELS[role], role.value)
        self.people_picker = PersonSearchEdit(self.ctx.db)
        self.people_picker.setAccessibleName("Find a person for the chosen item")
        self.people_picker.picked.connect(lambda pid, _n: self.add_item_person(pid))
        self.people_error = error_label()
        remove_person = QPushButton("Remove person")
        remove_person.clicked.connect(self._remove_item_person)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.people_title)
        side_layout.addWidget(self.people_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.people_role)
        row.addWidget(self.people_picker, 1)
        side_layout.addLayout(row)
        side_layout.addWidget(self.people_error)
        side_layout.addWidget(remove_person)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("agendaSplitter")
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)
        self.splitter.addWidget(top)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._after_fill = ""

    def fingerprint(self, snapshot: EventSnapshot) -> object:
        return (snapshot.agenda, snapshot.starts_at, snapshot.ends_at)

    def fill(self, snapshot: EventSnapshot) -> None:
        current = self.table.currentIndex().row()
        self.model.time_style = time_style(self.ctx.db)
        self.model.set_rows(snapshot.agenda)
        if self.model.rowCount():
            self.table.selectRow(min(max(current, 0), self.model.rowCount() - 1))
        self._finish_add()
        total = sum(item.minutes for item in snapshot.agenda)
        length = int((snapshot.ends_at - snapshot.starts_at).total_seconds() // 60)
        text = f"{len(snapshot.agenda)} items, {total} of {length} minutes"
        if total > length:
            text += f" — runs {total - length} min past the end"
        self.summary.setText(text)
        set_tone(self.summary, Tone.ERROR if total > length else Tone.MUTED)
        self._show_people()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("editor/agendaSplitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("editor/agendaSplitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    # --- edits -------------------------------------------------------------------------------

    def _edited(self, item_id: int, column: int, value: Any) -> None:
        if column == AgendaTableModel.MINUTES:
            try:
                minutes = int(value)
            except (TypeError, ValueError):
                return
            if minutes <= 0:
                self.ctx.show_status("An agenda item needs at least one minute.")
                return
            if self.host.event_id is not None:
                self.push_operation(SetItemMinutes(self.host.event_id, item_id, minutes))
        elif column == AgendaTableModel.TITLE:
            text = str(value).strip()
            if not text:
                self.ctx.show_status("An agenda item needs a title; the old one is kept.")
                return
            push_field(
                self.ctx, Record.AGENDA_ITEM, item_id, "title", text, "Edit item", self.on_changed()
            )
        elif column == AgendaTableModel.KIND:
            push_field(
                self.ctx,
                Record.AGENDA_ITEM,
                item_id,
                "kind",
                AgendaKind(value),
                "Change kind",
                self.on_changed(),
                mergeable=False,
            )
        elif column == AgendaTableModel.RULE:
            rule = AttributionRule(value) if value else None
            push_field(
                self.ctx,
                Record.AGENDA_ITEM,
                item_id,
                "attribution",
                rule,
                "Change item rule",
                self.on_changed(),
                mergeable=False,
            )

    def reorder(self, order: list[int]) -> None:
        event_id = self.host.event_id
        if event_id is None or order == self.model.ids():
            return
        self.push_operation(ReorderAgenda(event_id, tuple(order)))

    def add_item(self, title: str, minutes: int = 15, kind: AgendaKind = AgendaKind.OTHER) -> None:
        event_id = self.host.event_id
        if event_id is None:
            return
        # The reload that follows selects the new item (and opens its title for typing).
        self._after_fill = "select_last"
        self.push_operation(
            AddAgendaItem(event_id, title, minutes, kind, f"Add agenda item “{title}”")
        )

    def _add(self) -> None:
        self.add_item("New item")
        self._after_fill = "edit_last"

    def _finish_add(self) -> None:
        action, self._after_fill = self._after_fill, ""
        if not action or not self.model.rowCount():
            return
        index = self.model.index(self.model.rowCount() - 1, AgendaTableModel.TITLE)
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        if action == "edit_last":
            self.table.edit(index)

    def _selected(self) -> AgendaItemRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.item(index.row())

    def _remove(self) -> None:
        item = self._selected()
        event_id = self.host.event_id
        if item is None or event_id is None:
            return
        self.push_operation(RemoveAgendaItem(event_id, item.id, f"Remove “{item.title}”"))

    def _move(self, step: int) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        ids = self.model.ids()
        row, to = index.row(), index.row() + step
        if not 0 <= to < len(ids):
            return
        ids[row], ids[to] = ids[to], ids[row]
        self.reorder(ids)
        self.table.selectRow(to)

    # --- people of an item -------------------------------------------------------------------

    def _show_people(self) -> None:
        item = self._selected()
        self.people_list.clear()
        show_error(self.people_error, None)
        enabled = item is not None
        self.people_picker.setEnabled(enabled)
        self.people_role.setEnabled(enabled)
        if item is None:
            self.people_title.setText("People in this item (choose an item above)")
            return
        self.people_title.setText(f"People in “{item.title}”")
        for person in item.people:
            entry = QListWidgetItem(f"{ROLE_LABELS[person.role]}: {person.name}")
            entry.setData(Qt.ItemDataRole.UserRole, person.id)
            self.people_list.addItem(entry)

    def add_item_person(self, person_id: int, role: Role | None = None) -> bool:
        item = self._selected()
        if item is None:
            return False
        role = role or Role(self.people_role.currentData())
        if item_has_person(self.ctx.db, item.id, person_id, role):
            show_error(self.people_error, f"Already {ROLE_LABELS[role].lower()} of this item.")
            return False
        show_error(self.people_error, None)
        values = {
            "agenda_item_id": item.id,
            "person_id": person_id,
            "role": role,
            "position": len(item.people),
        }
        event_id = self.host.event_id
        insert = Insert(Record.AGENDA_PERSON, values, "Add person to item", event_id)
        push(self.ctx, insert, self.on_changed())
        return True

    def _remove_item_person(self) -> None:
        entry = self.people_list.currentItem()
        if entry is None:
            return
        person_row = int(entry.data(Qt.ItemDataRole.UserRole))
        text = "Remove person from item"
        delete = Delete(Record.AGENDA_PERSON, person_row, text, self.host.event_id)
        push(self.ctx, delete, self.on_changed())
