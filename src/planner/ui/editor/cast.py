"""People: the cast of the event (chair, moderator, speakers ...) picked from the directory or
created inline, in programme order, with each person's consent to be named and the description a
not-for-attribution report may use for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model import CAST_ROLES, AttributionRule, Role
from planner.model.labels import ROLE_LABELS
from planner.services.cast import (
    AddNewPerson,
    AddToCast,
    CastMember,
    RemoveFromCast,
    ReplaceInCast,
    SetConsent,
    problem_adding_role,
    reorder_cast,
)
from planner.services.invitations import still_needed
from planner.services.operations import Record, field_problem
from planner.services.snapshot import EventSnapshot
from planner.ui.commands import push
from planner.ui.editor.base import EditorHost, Section
from planner.ui.people.pick_dialog import PickPersonDialog
from planner.ui.widgets.model_index import Index
from planner.ui.widgets.picker import PersonSearchEdit
from planner.ui.widgets.rows_model import RowsTableModel
from planner.ui.widgets.style import Tone, error_label, set_tone, show_error, text_alignment


class CastTableModel(RowsTableModel[CastMember]):
    """The cast, with consent. Editing the last two columns calls ``on_consent``."""

    ROLE, NAME, AFFILIATION, NAMED, DESCRIPTION = range(5)
    HEADERS = ("Role", "Name", "Affiliation", "Named", "Described as")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._consent: dict[int, tuple[bool, str]] = {}
        self.on_consent: Callable[[int, bool, str], None] | None = None

    def set_snapshot(self, snapshot: EventSnapshot) -> None:
        self._consent = {c.person_id: (c.may_be_named, c.description) for c in snapshot.consents}
        self.set_rows(snapshot.cast)

    def member(self, row: int) -> CastMember:
        return self._rows[row]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() == self.NAMED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.DESCRIPTION:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        member = self._rows[index.row()]
        named, description = self._consent.get(member.person_id, (False, ""))
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.ROLE:
                return ROLE_LABELS[member.role]
            if column == self.NAME:
                return member.name
            if column == self.AFFILIATION:
                return member.affiliation
            if column == self.DESCRIPTION:
                return description
        if role == Qt.ItemDataRole.CheckStateRole and column == self.NAMED:
            return Qt.CheckState.Checked if named else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.NAME, self.AFFILIATION):
            return text_alignment(member.name if column == self.NAME else member.affiliation)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAMED:
            return "Consent, recorded for this event, to be named in documents the rule restricts"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DESCRIPTION:
            return "How a not-for-attribution report may describe this person"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.on_consent is None:
            return False
        member = self._rows[index.row()]
        named, description = self._consent.get(member.person_id, (False, ""))
        if index.column() == self.NAMED and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.on_consent(member.person_id, checked, description)
            return True
        if index.column() == self.DESCRIPTION and role == Qt.ItemDataRole.EditRole:
            self.on_consent(member.person_id, named, str(value).strip())
            return True
        return False


class NewPersonDialog(QDialog):
    """Create a person inline: the few fields a programme needs; the rest on the person page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New person")
        # Wide enough for a position or an affiliation as long as they come ("Associate
        # Professor of International Relations, Quaid-i-Azam University"); it was 230 px.
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLineEdit] = {}
        for name, label, example in (
            ("honorific", "Honorific or rank", "Dr, Amb (R), Lt. Gen. (R)"),
            ("given_name", "Given name", ""),
            ("family_name", "Family name", ""),
            ("post_nominals", "Post-nominals", "HI (M), OBE"),
            ("position", "Position", "Former Ambassador of Pakistan"),
            ("affiliation", "Affiliation", "Institute or ministry"),
            ("email", "Email", "name@example.org"),
        ):
            edit = QLineEdit()
            edit.setPlaceholderText(example)
            self.fields[name] = edit
            form.addRow(label, edit)
        # The readiness checks ask for a speaker's biography: it can be given here at once.
        self.bio = QPlainTextEdit()
        self.bio.setPlaceholderText("Two or three sentences for the programme (optional)")
        self.bio.setTabChangesFocus(True)
        self.bio.setFixedHeight(self.bio.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow("Short biography", self.bio)
        self.error = error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        return {**values, "short_bio": self.bio.toPlainText().strip()}

    def _check(self) -> None:
        values = self.values()
        if not (values["given_name"] or values["family_name"]):
            show_error(self.error, "Give at least a given or a family name.")
            return
        if values["email"] and "@" not in values["email"]:
            show_error(self.error, "That email address has no @.")
            return
        self.accept()


class CastSection(Section):
    title = "People"

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.role = QComboBox()
        self.role.setAccessibleName("Role to add as")
        self.role.setObjectName("castRole")
        for role in (*CAST_ROLES, Role.PARTICIPANT, Role.OBSERVER, Role.ORGANISER):
            self.role.addItem(ROLE_LABELS[role], role.value)
        self.set_role(Role.CHAIR)
        self._role_chosen_for: int | None = None
        self.picker = PersonSearchEdit(self.ctx.db)
        self.picker.setObjectName("castPicker")
        self.picker.setAccessibleName("Find a person to add to the cast")
        self.picker.picked.connect(lambda pid, _name: self.add_person(pid, self.chosen_role()))
        self.new_button = QPushButton("New person…")
        self.new_button.clicked.connect(self._new_person)
        top = QHBoxLayout()
        top.addWidget(QLabel("Add as"))
        top.addWidget(self.role)
        top.addWidget(self.picker, 1)
        top.addWidget(self.new_button)
        self.error = error_label()
        # The error names the role and the person tried: another role or another search
        # makes it stale ("already moderator" after switching to Speaker).
        self.role.currentIndexChanged.connect(lambda _i: show_error(self.error, None))
        self.picker.textEdited.connect(lambda _t: show_error(self.error, None))
        self.missing = QLabel()
        set_tone(self.missing, Tone.WARNING)
        self.missing.setWordWrap(True)

        self.model = CastTableModel(self)
        self.model.on_consent = self._set_consent
        self.table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName("castTable")
        self.table.setAccessibleName("Cast")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        fit = QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(CastTableModel.ROLE, fit)
        header.setSectionResizeMode(CastTableModel.NAMED, fit)
        header.setSectionResizeMode(CastTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CastTableModel.AFFILIATION, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(CastTableModel.DESCRIPTION, 130)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(fit)

        buttons = QHBoxLayout()
        for text, slot in (
            ("Move up", lambda: self._move(-1)),
            ("Move down", lambda: self._move(1)),
            ("Replace…", self._replace),
            ("Remove", self._remove),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.rule_hint = QLabel()
        self.rule_hint.setWordWrap(True)
        set_tone(self.rule_hint, Tone.MUTED)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.missing)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.rule_hint)

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())

    def set_role(self, role: Role) -> None:
        self.role.setCurrentIndex(self.role.findData(role.value))

    def focus_search(self) -> None:
        self.picker.setFocus()

    def fingerprint(self, snapshot: EventSnapshot) -> object:
        return (snapshot.cast, snapshot.consents, snapshot.attribution, snapshot.format)

    def fill(self, snapshot: EventSnapshot) -> None:
        # Keep the selected person selected through the reload (a move changes their row).
        chosen = self._selected()
        self.model.set_snapshot(snapshot)
        if chosen is not None:
            for row in range(self.model.rowCount()):
                if self.model.member(row).participation_id == chosen.participation_id:
                    self.table.selectRow(row)
        # What the header and the Checks section count too (nothing for a past event).
        missing = still_needed(self.ctx.db, snapshot.id)
        self.missing.setText(("Still needed: " + ", ".join(missing)) if missing else "")
        self.missing.setVisible(bool(missing))
        present = {m.role for m in snapshot.cast}
        if snapshot.id != self._role_chosen_for:
            show_error(self.error, None)  # it was about the event shown before
            # A newly shown event: offer the first role it still lacks (a roundtable: chair
            # first). Not on later reloads, which would undo the organiser's own choice.
            self._role_chosen_for = snapshot.id
            for role in (Role.CHAIR, Role.HOST, Role.MODERATOR, Role.KEYNOTE, Role.SPEAKER):
                lacking = any(ROLE_LABELS[role].lower() in text for text in missing)
                if lacking and (role not in present or role is Role.SPEAKER):
                    self.set_role(role)
                    break
        hints = {
            AttributionRule.CHATHAM_HOUSE: "Chatham House Rule: nobody is named in the report "
            "unless ticked “Named” (their consent).",
            AttributionRule.NOT_FOR_ATTRIBUTION: "Not for attribution: the report describes "
            "people only as written under “Described as”.",
            AttributionRule.OFF_THE_RECORD: "Off the record: no report can be published.",
            AttributionRule.ON_THE_RECORD: "On the record: everyone may be named.",
        }
        self.rule_hint.setText(hints[snapshot.attribution])

    # --- edits -------------------------------------------------------------------------------

    def add_person(self, person_id: int, role: Role) -> bool:
        event_id = self.host.event_id
        if event_id is None:
            return False
        problem = problem_adding_role(self.ctx.db, event_id, person_id, role)
        show_error(self.error, problem)
        if problem:
            return False
        add = AddToCast(event_id, person_id, role, f"Add {ROLE_LABELS[role].lower()}")
        push(self.ctx, add, self.on_changed())
        return True

    def _new_person(self) -> None:
        if self.host.event_id is None:
            return
        dialog = NewPersonDialog(self)
        if not dialog.exec():
            return
        self.create_and_add(dialog.values(), self.chosen_role())

    def create_and_add(self, values: dict[str, str], role: Role) -> None:
        """One undo step: create the person and give them ``role``."""
        event_id = self.host.event_id
        if event_id is None:
            return
        show_error(self.error, None)
        push(self.ctx, AddNewPerson(event_id, dict(values), role), self.on_changed())

    def _selected(self) -> CastMember | None:
        index = self.table.currentIndex()
        return self.model.member(index.row()) if index.isValid() else None

    def _remove(self) -> None:
        member = self._selected()
        if member is None:
            return
        text = f"Remove {member.name}"
        self.push_operation(RemoveFromCast(member.participation_id, text, self.host.event_id))

    def _replace(self) -> None:
        member = self._selected()
        if member is None:
            show_error(self.error, "Choose the person to replace in the table first.")
            return
        picker = PickPersonDialog(
            self.ctx, f"Replace {member.name} as {ROLE_LABELS[member.role].lower()}", self
        )
        if picker.exec() and (person_id := picker.chosen_id()) is not None:
            self.replace(member, person_id)

    def replace(self, member: CastMember, person_id: int) -> bool:
        """One undo step: ``person_id`` takes ``member``'s role here and in the agenda items
        where ``member`` appeared in it (a chair cancels, another chairs)."""
        if self.host.event_id is None:
            return False
        problem = problem_adding_role(self.ctx.db, self.host.event_id, person_id, member.role)
        show_error(self.error, problem)
        if problem:
            return False
        text = f"Replace {member.name}"
        self.push_operation(
            ReplaceInCast(member.participation_id, person_id, text, self.host.event_id)
        )
        return True

    def _move(self, step: int) -> None:
        member = self._selected()
        if member is None or self.snapshot is None:
            return
        same_role = [m for m in self.snapshot.cast if m.role == member.role]
        ids = [m.participation_id for m in same_role]
        at = ids.index(member.participation_id)
        to = at + step
        if not 0 <= to < len(ids):
            return
        ids[at], ids[to] = ids[to], ids[at]
        after = {pid: position for position, pid in enumerate(ids)}
        self.push_operation(reorder_cast(after, "Reorder people", self.host.event_id))

    def _set_consent(self, person_id: int, named: bool, description: str) -> None:
        event_id = self.host.event_id
        if event_id is None or self.snapshot is None:
            return
        problem = field_problem(Record.CONSENT, "description", description)
        if problem:  # the cell still shows what is stored; the status bar says why
            self.ctx.show_status(f"{problem} Not saved.")
            return
        self.push_operation(SetConsent(event_id, person_id, (named, description)))
