"""Binds form widgets to the columns of one database row; every change is an undoable command.

The venues, series and organisation editors are forms over one row each. ``RowBinder`` builds
each field's widget with an error label under it, loads the row, and pushes a
``SetField`` operation (see ``ui/commands.py``) when the user changes a value. A value that fails
its check is shown with the message next to the field and not written until it is fixed.
Undo and redo re-load the widgets, so the form always shows what is in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.services.operations import Record, field_problem
from planner.services.records import read_fields
from planner.ui.commands import push_field
from planner.ui.context import AppContext
from planner.ui.widgets.style import Tone, follow_direction, set_tone
from planner.ui.widgets.undo_keys import route_undo_to_stack, visit_of
from planner.ui.widgets.zones import zone_combo
from planner.zones import is_zone

COMBO_WIDTH = 380
SPIN_WIDTH = 140
Check = Callable[[Any], str | None]


@dataclass
class _Field:
    name: str
    label: str
    widget: QWidget
    read: Callable[[], Any]
    write: Callable[[Any], None]
    check: Check | None
    error: QLabel


def error_label() -> QLabel:
    label = QLabel()
    set_tone(label, Tone.ERROR)
    label.setWordWrap(True)
    label.hide()
    return label


def with_error(widget: QWidget, error: QLabel) -> QWidget:
    """The widget with its error label under it (one form cell)."""
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return cell


def show_problem(
    label: QLabel, problem: str | None, suffix: str = " Not saved until fixed."
) -> None:
    if problem:
        label.setText(problem + suffix)
        label.show()
    else:
        label.clear()
        label.hide()


class RowBinder(QObject):
    """The fields of one row of ``record``; ``load(row_id)`` shows a row (None: none)."""

    def __init__(
        self,
        ctx: AppContext,
        record: Record,
        noun: str,
        on_changed: Callable[[int], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self.noun = noun
        self.on_changed = on_changed
        self.row_id: int | None = None
        self.fields: dict[str, _Field] = {}
        self._loading = False
        self._pushing = False

    # --- building ------------------------------------------------------------------------------

    def _add(self, form: QFormLayout, field: _Field) -> None:
        # The row's label is the buddy of the cell (field and error line), not of the field.
        field.widget.setAccessibleName(field.label or field.name.replace("_", " ").capitalize())
        form.addRow(field.label + ":" if field.label else "", with_error(field.widget, field.error))
        self.fields[field.name] = field

    def add_line(
        self,
        form: QFormLayout,
        label: str,
        name: str,
        *,
        check: Check | None = None,
        placeholder: str = "",
    ) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"{self.noun}_{name}")
        route_undo_to_stack(edit)
        edit.setPlaceholderText(placeholder)

        def write(value: Any) -> None:
            edit.setText(str(value or ""))
            follow_direction(edit, edit.text())

        field = _Field(name, label, edit, edit.text, write, check, error_label())
        edit.textEdited.connect(lambda _text: self._edited(field))
        self._add(form, field)
        return edit

    def add_text(
        self, form: QFormLayout, label: str, name: str, *, height: int = 70
    ) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(f"{self.noun}_{name}")
        route_undo_to_stack(edit)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)

        def write(value: Any) -> None:
            if edit.toPlainText() != str(value or ""):
                edit.setPlainText(str(value or ""))

        field = _Field(name, label, edit, edit.toPlainText, write, None, error_label())
        edit.textChanged.connect(lambda: self._edited(field))
        self._add(form, field)
        return edit

    def add_combo(
        self,
        form: QFormLayout,
        label: str,
        name: str,
        choices: Sequence[tuple[str, Any]],
        *,
        convert: Callable[[Any], Any] | None = None,
    ) -> QComboBox:
        """A choice among ``(text, value)`` pairs; the value is what the column stores.

        ``convert`` turns the item's data back into the column's type (a StrEnum member: Qt
        hands back a plain str); the "none" item's data is None and stays None.
        """
        combo = QComboBox()
        combo.setObjectName(f"{self.noun}_{name}")
        combo.setMaximumWidth(COMBO_WIDTH)  # a short choice in a field across the window looks lost
        self.set_choices(combo, choices)

        def write(value: Any) -> None:
            if isinstance(value, Enum):  # items hold the stored string, not the member
                value = value.value
            index = combo.findData(value) if value is not None else -1
            combo.setCurrentIndex(index if index >= 0 else 0)

        def read() -> Any:
            value = combo.currentData()
            return convert(value) if convert is not None and value is not None else value

        field = _Field(name, label, combo, read, write, None, error_label())
        combo.currentIndexChanged.connect(lambda _i: self._edited(field))
        self._add(form, field)
        return combo

    @staticmethod
    def set_choices(combo: QComboBox, choices: Sequence[tuple[str, Any]]) -> None:
        blocked = combo.blockSignals(True)
        current = combo.currentData()
        combo.clear()
        for text, value in choices:
            combo.addItem(text, value)
        index = combo.findData(current) if current is not None else -1
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(blocked)

    def add_spin(
        self,
        form: QFormLayout,
        label: str,
        name: str,
        *,
        minimum: int = 0,
        maximum: int = 100_000,
        suffix: str = "",
    ) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(f"{self.noun}_{name}")
        spin.setRange(minimum, maximum)
        spin.setMaximumWidth(SPIN_WIDTH)
        spin.setSuffix(suffix)
        spin.setKeyboardTracking(False)  # one command when the user is done, not per digit

        def write(value: Any) -> None:
            spin.setValue(int(value or 0))

        field = _Field(name, label, spin, spin.value, write, None, error_label())
        spin.valueChanged.connect(lambda _v: self._edited(field))
        self._add(form, field)
        return spin

    def add_check(self, form: QFormLayout, text: str, name: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setObjectName(f"{self.noun}_{name}")

        def write(value: Any) -> None:
            box.setChecked(bool(value))

        field = _Field(name, "", box, box.isChecked, write, None, error_label())
        box.toggled.connect(lambda _v: self._edited(field))
        self._add(form, field)
        return box

    def add_custom(
        self,
        form: QFormLayout | None,
        label: str,
        name: str,
        widget: QWidget,
        read: Callable[[], Any],
        write: Callable[[Any], None],
        *,
        check: Check | None = None,
    ) -> Callable[[], None]:
        """Bind any widget; returns the function its change signal must call."""
        field = _Field(name, label, widget, read, write, check, error_label())
        if form is not None:
            self._add(form, field)
        else:
            self.fields[name] = field
        return lambda: self._edited(field)

    def add_zone(
        self, form: QFormLayout, label: str, name: str, *, allow_empty: str | None = None
    ) -> QComboBox:
        """A searchable time-zone combo bound to ``name``; ``allow_empty`` labels the "no
        zone" entry (the field then stores "" for it)."""
        combo = zone_combo(allow_empty=allow_empty)
        combo.setMaximumWidth(COMBO_WIDTH)

        def write(value: Any) -> None:
            combo.setCurrentIndex(max(combo.findData(value or ""), 0))

        def check(value: Any) -> str | None:
            if (allow_empty is not None and value == "") or is_zone(str(value)):
                return None
            return "Not a known time zone."

        changed = self.add_custom(
            form, label, name, combo, lambda: combo.currentData() or "", write, check=check
        )
        combo.currentIndexChanged.connect(lambda _i: changed())
        return combo

    # --- loading and saving ------------------------------------------------------------------

    def load(self, row_id: int | None) -> bool:
        """Show row ``row_id``; False (and the fields disabled) if there is no such row."""
        values: dict[str, Any] | None = None
        if row_id is not None:
            values = read_fields(self.ctx.db, self.record, row_id, [*self.fields, "version"])
        self.row_id = row_id if values is not None else None
        if row_id is not None and values is not None:
            # What the user now sees: their edits of the row build on this version.
            self.ctx.saw(self.record, row_id, int(values["version"]))
        self._loading = True
        try:
            for field in self.fields.values():
                field.widget.setEnabled(values is not None)
                field.write(values[field.name] if values is not None else None)
                show_problem(field.error, None)
        finally:
            self._loading = False
        return values is not None

    def reload(self) -> None:
        self.load(self.row_id)

    @property
    def loading(self) -> bool:
        """True while ``load`` writes the widgets (their change signals are not the user's)."""
        return self._loading

    def _edited(self, field: _Field) -> None:
        if self._loading or self.row_id is None:
            return
        value = field.read()
        if isinstance(field.widget, QLineEdit):
            follow_direction(field.widget, str(value))
        # The field's own check, then its length: the same maximum as every import.
        problem = (field.check(value) if field.check else None) or field_problem(
            self.record, field.name, value
        )
        show_problem(field.error, problem)
        if problem:
            return
        self.save(field.name, value, f"Edit {self.noun} {field.label.lower() or field.name}")

    def save(self, name: str, value: Any, text: str) -> None:
        """Push one undoable field change for the row shown."""
        if self.row_id is None:
            return
        row_id = self.row_id

        def changed() -> None:
            if not self._pushing and row_id == self.row_id:
                self.reload()
            if self.on_changed is not None:
                self.on_changed(row_id)

        self._pushing = True
        try:
            # One undo step per visit to the field (see undo_keys.visit_of).
            visit = visit_of(self.fields[name].widget) if name in self.fields else 0
            push_field(self.ctx, self.record, row_id, name, value, text, changed, merge_key=visit)
        finally:
            self._pushing = False

    def problem_of(self, name: str) -> str:
        """The message shown next to field ``name`` ("" when none)."""
        label = self.fields[name].error
        return label.text() if not label.isHidden() else ""
