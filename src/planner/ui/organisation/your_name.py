"""“Your name”: who the history and the conflict messages name for edits made here.

Kept in the program's settings (``planner.config.save_user_name``), not in the database: each
organiser sets their own on their own computer. Blank falls back to PLANNER_USER, else the
login name, which the field shows as its placeholder.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from planner.config import (
    USER_NAME_MAX,
    current_user,
    default_user,
    save_user_name,
    settings_user_name,
)
from planner.errors import PlannerError
from planner.ui.context import AppContext
from planner.ui.widgets.style import Tone, set_tone


class YourNameBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("You", parent)
        self.ctx = ctx
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edit = QLineEdit()
        self.edit.setObjectName("yourNameEdit")
        self.edit.setMaxLength(USER_NAME_MAX)
        self.edit.editingFinished.connect(self.save)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        set_tone(self.hint, Tone.MUTED)
        form.addRow("Your name:", self.edit)
        form.addRow("", self.hint)
        self.refresh()

    def refresh(self) -> None:
        self.edit.setPlaceholderText(default_user())
        try:
            self.edit.setText(settings_user_name() or "")
        except PlannerError as error:  # a hand-edited settings file: say so, keep going
            self.hint.setText(str(error))
            return
        self._say()

    def _say(self) -> None:
        self.hint.setText(
            f"Your changes are recorded as “{current_user()}” in each event's history and named "
            "in other organisers' conflict messages. Kept on this computer only."
        )

    def save(self) -> None:
        try:
            if self.edit.text().strip() != (settings_user_name() or ""):
                save_user_name(self.edit.text())
                self.ctx.show_status(f"Your changes are now recorded as “{current_user()}”.")
        except PlannerError as error:
            self.hint.setText(str(error))
            return
        self._say()
