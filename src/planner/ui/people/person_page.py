"""One person: every field, the styled forms of the name live, and the roles across events.

Every keystroke is saved as an undoable ``SetField`` operation (consecutive typing in one field
merges into one undo step). A value that breaks a rule (an empty family name, a malformed email)
is shown with the problem next to the field and not written until it is fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.model.enums import NameOrder
from planner.model.labels import NAME_ORDER_LABELS, PERSON_FIELD_LABELS
from planner.services.name_styles import styled_forms
from planner.services.operations import Record
from planner.services.people import (
    PERSON_FIELDS,
    GuestEntry,
    RoleEntry,
    RoleHistory,
    email_shared_with,
    field_problem,
    get_person,
    role_history,
)
from planner.ui.commands import push_field
from planner.ui.context import AppContext
from planner.ui.widgets.rows_model import RowsTableModel
from planner.ui.widgets.style import Tone, follow_direction, is_rtl, set_tone
from planner.ui.widgets.undo_keys import route_undo_to_stack, visit_of
from planner.zones import zone_or_utc

Index = QModelIndex | QPersistentModelIndex

LONG_FIELDS = ("short_bio", "long_bio", "notes")
# The form's rows: the person's fields, the name order right under the names it orders.
FORM_FIELDS = tuple(
    field
    for name in PERSON_FIELDS
    if name != "name_order"
    for field in ((name, "name_order") if name == "family_name" else (name,))
)
Editor = QLineEdit | QPlainTextEdit | QComboBox
PLACEHOLDERS = {
    "honorific": "Lt. Gen. (R), Amb, Prof., Dr",
    "post_nominals": "HI (M), OBE",
    "short_style": "derived from the name when empty",
    "salutation": "derived from the name when empty",
    "email": "name@example.org",
}


class RoleHistoryModel(RowsTableModel[RoleEntry | GuestEntry]):
    """The events a person had a role in or was invited to, newest first."""

    HEADERS = ("Date", "Event", "Role")

    def __init__(self) -> None:
        super().__init__()

    def set_history(self, history: RoleHistory) -> None:
        self.set_rows(history.rows())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        entry = self._rows[index.row()]
        if index.column() == 0:
            return _local_date(entry)
        if index.column() == 1:
            return entry.event_title
        return entry.label

    def event_id(self, row: int) -> int:
        return self._rows[row].event_id


def _local_date(entry: RoleEntry | GuestEntry) -> str:
    when = entry.starts_at.astimezone(zone_or_utc(entry.time_zone))
    return when.strftime("%Y-%m-%d")


class PersonPage(QWidget):
    """Edits one person; ``load(person_id)`` switches to another, ``load(None)`` shows nothing."""

    # A field of this person was written (by this page, or by undo/redo): the directory row
    # needs refreshing.
    person_changed = Signal(int)
    # The user double-clicked an event in the history.
    event_activated = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: int | None = None
        self._loading = False
        self._pushing = False
        self.edits: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}

        self._title = QLabel()
        title_font = QFont(self._title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self._title.setFont(title_font)
        self._title.setWordWrap(True)

        form_box = QWidget()
        form = QFormLayout(form_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in FORM_FIELDS:
            edit: Editor
            if name == "name_order":
                combo = QComboBox()
                for order in NameOrder:
                    combo.addItem(NAME_ORDER_LABELS[order], order.value)
                combo.setToolTip(
                    "Family name first for a name written so in Latin letters too: "
                    "Wang Yi (family name Wang), Kim Jong-un, Orbán Viktor"
                )
                combo.activated.connect(lambda _i, n=name: self._on_edited(n))
                edit = combo
            elif name in LONG_FIELDS:
                plain = QPlainTextEdit()
                plain.setTabChangesFocus(True)
                plain.setFixedHeight(90 if name == "long_bio" else 60)
                plain.textChanged.connect(lambda n=name: self._on_edited(n))
                edit = plain
            else:
                line = QLineEdit()
                line.setPlaceholderText(PLACEHOLDERS.get(name, ""))
                line.textEdited.connect(lambda _t, n=name: self._on_edited(n))
                edit = line
            edit.setObjectName(f"person_{name}")
            # Its label is a row of the form around a cell (edit and error), not its buddy.
            edit.setAccessibleName(PERSON_FIELD_LABELS[name])
            route_undo_to_stack(edit)
            error = QLabel()
            set_tone(error, Tone.ERROR)
            error.setWordWrap(True)
            error.hide()
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(edit)
            cell_layout.addWidget(error)
            form.addRow(PERSON_FIELD_LABELS[name] + ":", cell)
            self.edits[name] = edit
            self.errors[name] = error

        styles = QGroupBox("Styled forms")
        styles_form = QFormLayout(styles)
        self.full_style_label = QLabel()
        self.short_style_label = QLabel()
        self.salutation_label = QLabel()
        for label in (self.full_style_label, self.short_style_label, self.salutation_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        styles_form.addRow("Programme and badges:", self.full_style_label)
        styles_form.addRow("Table tent:", self.short_style_label)
        styles_form.addRow("Letter:", self.salutation_label)

        history = QGroupBox("Roles at events")
        history_layout = QVBoxLayout(history)
        self.history_summary = QLabel()
        self.history_summary.setWordWrap(True)
        self.history_model = RoleHistoryModel()
        self.history_view = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.history_view.setTabKeyNavigation(False)
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().hide()
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.history_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.history_view.setMinimumHeight(90)
        self.history_view.setMaximumHeight(150)
        self.history_view.doubleClicked.connect(
            lambda index: self.event_activated.emit(self.history_model.event_id(index.row()))
        )
        history_layout.addWidget(self.history_summary)
        history_layout.addWidget(self.history_view)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self._title)
        content_layout.addWidget(styles)
        # The roles come before the fields: "chaired 2, spoke at 5" is what one looks up.
        content_layout.addWidget(history)
        content_layout.addWidget(form_box)
        content_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setAccessibleName("Person details")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        self._empty = QLabel("Select a person in the directory, or add one with Ctrl+Shift+N.")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        layout.addWidget(self._empty)
        self._scroll = scroll
        self.load(None)

    # --- loading ---------------------------------------------------------------------------

    def load(self, person_id: int | None) -> None:
        """Show ``person_id`` (or the empty hint when None or no longer there)."""
        values: dict[str, str] | None = None
        if person_id is not None:
            try:
                details = get_person(self.ctx.db, person_id)
            except PlannerError:
                values = None
            else:
                values = dict(details.values)
                # What the user now sees: their edits of the person build on this version.
                self.ctx.saw(Record.PERSON, person_id, details.version)
        self.person_id = person_id if values is not None else None
        self._scroll.setVisible(values is not None)
        self._empty.setVisible(values is None)
        if values is None:
            return
        self._loading = True
        try:
            for name, edit in self.edits.items():
                text = values[name]
                if _text_of(edit) != text:
                    _set_text(edit, text)
                follow_direction(edit, text)
                self._show_problem(name, field_problem(name, text))
            if not self.errors["email"].text():
                self._show_shared_email(values["email"])
        finally:
            self._loading = False
        self._update_styles()
        self._load_history()

    def reload(self) -> None:
        self.load(self.person_id)

    def _load_history(self) -> None:
        if self.person_id is None:
            return
        history = role_history(self.ctx.db, self.person_id)
        self.history_summary.setText(history.summary().capitalize())
        self.history_model.set_history(history)

    # --- editing ---------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        return {name: _text_of(edit) for name, edit in self.edits.items()}

    def _on_edited(self, name: str) -> None:
        if self._loading or self.person_id is None:
            return
        edit = self.edits[name]
        text = _text_of(edit)
        follow_direction(edit, text)
        problem = field_problem(name, text)
        self._show_problem(name, problem)
        self._update_styles()
        if problem is not None:
            return  # not written until fixed; the message says why
        if name == "email":
            self._show_shared_email(text)
        person_id = self.person_id
        self._pushing = True
        try:
            push_field(
                self.ctx,
                Record.PERSON,
                person_id,
                name,
                text.strip() if name == "email" else text,
                f"Edit {PERSON_FIELD_LABELS[name].lower()}",
                self._changed_callback(person_id),
                merge_key=visit_of(edit),  # one undo step per visit to the field
            )
        finally:
            self._pushing = False

    def _changed_callback(self, person_id: int) -> Callable[[], None]:
        def changed() -> None:
            # During our own push the widgets already show the value; after undo/redo reload.
            if not self._pushing and person_id == self.person_id:
                self.reload()
            self.person_changed.emit(person_id)

        return changed

    def _show_problem(self, name: str, problem: str | None) -> None:
        label = self.errors[name]
        set_tone(label, Tone.ERROR)
        if problem:
            label.setText(problem + " Not saved until fixed.")
            label.show()
        else:
            label.clear()
            label.hide()

    def _show_shared_email(self, email: str) -> None:
        """Warn (the edit is saved) when another person has this email address, naming them."""
        shared = email_shared_with(self.ctx.db, email, self.person_id)
        label = self.errors["email"]
        if shared:
            label.setText(shared + " Saved anyway: people may share an office address.")
            set_tone(label, Tone.WARNING)
            label.show()
        else:
            set_tone(label, Tone.ERROR)
            label.clear()
            label.hide()

    def _update_styles(self) -> None:
        full, short, salutation = styled_forms(self.values())
        for label, text in (
            (self.full_style_label, full),
            (self.short_style_label, short),
            (self.salutation_label, salutation),
        ):
            label.setText(text)
            label.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if is_rtl(text) else Qt.LayoutDirection.LeftToRight
            )
        self._title.setText(full or "(no name)")
        self._title.setAlignment(
            Qt.AlignmentFlag.AlignRight if is_rtl(full) else Qt.AlignmentFlag.AlignLeft
        )

    def focus_field(self, name: str, select_all: bool = True) -> None:
        edit = self.edits[name]
        edit.setFocus()
        if select_all and isinstance(edit, QLineEdit):
            edit.selectAll()


def _text_of(edit: Editor) -> str:
    if isinstance(edit, QComboBox):
        return str(edit.currentData() or "")
    return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()


def _set_text(edit: Editor, text: str) -> None:
    if isinstance(edit, QComboBox):
        # A value the list does not know (a newer planner's) shows as the automatic order.
        edit.setCurrentIndex(max(edit.findData(text), 0))
    elif isinstance(edit, QLineEdit):
        edit.setText(text)
    else:
        edit.setPlainText(text)
