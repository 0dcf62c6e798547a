"""Merge duplicates: one column per person, one row per field, a radio button per value.

The user picks which record survives (its id stays, so links to it stay) and, field by field,
which value to keep. The merge re-points participations, agenda roles, invitations, consents,
dispatches (what was sent to them) and series chairs to the survivor in one transaction and is
undoable (``MergePeople`` in services/people_edits.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.model.labels import PERSON_FIELD_LABELS
from planner.services.people import (
    PERSON_FIELDS,
    MergePlan,
    PersonDetails,
    default_survivor,
    get_people,
    merge_values,
    role_history,
    validate_person,
)
from planner.services.people_edits import MergePeople
from planner.ui.commands import push
from planner.ui.context import AppContext
from planner.ui.widgets.style import Tone, set_tone

ELIDE_AT = 40


def _short(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= ELIDE_AT else one_line[: ELIDE_AT - 1] + "…"


class MergeDialog(QDialog):
    """Choose a survivor and the values to keep; Merge pushes an undoable command."""

    merged = Signal(int)  # the survivor's id

    def __init__(
        self,
        ctx: AppContext,
        person_ids: list[int],
        parent: QWidget | None = None,
        on_changed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.on_changed = on_changed
        self.setWindowTitle("Merge duplicates")
        self.records: list[PersonDetails] = get_people(ctx.db, person_ids)
        survivor = default_survivor(self.records)
        defaults = merge_values(self.records, survivor)

        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setHorizontalSpacing(16)
        grid.addWidget(QLabel("<b>Keep record</b>"), 0, 0)
        self.survivor_group = QButtonGroup(self)
        for column, record in enumerate(self.records, start=1):
            history = role_history(ctx.db, record.id)
            name = " ".join(
                record[f] for f in ("honorific", "given_name", "family_name") if record[f]
            )
            button = QRadioButton(f"{_short(name)}\n#{record.id}: {history.summary()}")
            button.setToolTip("The record that stays; the others are deleted after the merge.")
            self.survivor_group.addButton(button, record.id)
            grid.addWidget(button, 0, column)
            if record.id == survivor:
                button.setChecked(True)

        self.field_groups: dict[str, QButtonGroup] = {}
        for row, name in enumerate(PERSON_FIELDS, start=1):
            grid.addWidget(QLabel(PERSON_FIELD_LABELS[name] + ":"), row, 0)
            group = QButtonGroup(self)
            group.setExclusive(True)
            seen: set[str] = set()
            for column, record in enumerate(self.records, start=1):
                value = record[name]
                if value in seen:  # the same value twice is one choice
                    continue
                seen.add(value)
                button = QRadioButton(_short(value) if value else "(empty)")
                button.setToolTip(value)
                button.setProperty("value", value)
                group.addButton(button, column)
                grid.addWidget(button, row, column)
                if value == defaults[name] and group.checkedButton() is None:
                    button.setChecked(True)
            self.field_groups[name] = group

        grid.setColumnStretch(len(self.records) + 1, 1)  # spare width to the right, not between
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_box)

        intro = QLabel(
            "Choose the record to keep and, for each field, the value to keep. Roles, agenda "
            "parts, invitations, consents and what was sent to the others move to the kept "
            "record (where both had the same role at one event, it is kept once). Edit > Undo "
            "reverses the merge."
        )
        intro.setWordWrap(True)
        self.problem_label = QLabel()
        set_tone(self.problem_label, Tone.ERROR)
        self.problem_label.setWordWrap(True)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        merge_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        merge_button.setText(f"Merge {len(self.records)} people")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        # Wide enough for every column (plus the scroll area's frame and scroll bar).
        needed = max(grid_box.sizeHint().width(), grid_box.minimumSizeHint().width())
        self.resize(min(max(needed + 90, 600), 1300), 640)

    def chosen_values(self) -> dict[str, str]:
        values = {}
        for name, group in self.field_groups.items():
            button = group.checkedButton()
            values[name] = str(button.property("value")) if button is not None else ""
        return values

    def survivor_id(self) -> int:
        return int(self.survivor_group.checkedId())

    def plan(self) -> MergePlan:
        survivor = self.survivor_id()
        others = tuple(r.id for r in self.records if r.id != survivor)
        return MergePlan(survivor, others, self.chosen_values())

    def choose(self, name: str, value: str) -> None:
        """Pick ``value`` for field ``name`` (tests and keyboard users)."""
        for button in self.field_groups[name].buttons():
            if button.property("value") == value:
                button.setChecked(True)
                return
        raise KeyError(f"{name} has no choice {value!r}")

    def accept(self) -> None:
        plan = self.plan()
        problems = validate_person(plan.values)
        if problems:
            self.problem_label.setText("\n".join(problems))
            return
        name = plan.values.get("family_name", "")
        command = push(
            self.ctx,
            MergePeople(plan, f"Merge {len(self.records)} people into {name}"),
            self.on_changed,
        )
        if command.failure is None:  # else the save-failure dialog has said why
            self.ctx.show_status(f"Merged {len(self.records)} people into {name}.")
        super().accept()
        self.merged.emit(plan.survivor)
