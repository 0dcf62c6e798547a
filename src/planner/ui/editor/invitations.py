"""Invitations: who is invited, their answer, whether they came; counts against the room."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model import InvitationStatus
from planner.model.labels import INVITATION_LABELS
from planner.services.invitations import InvitationRow, mark_sent
from planner.services.operations import Delete, Insert, Record
from planner.services.snapshot import EventSnapshot
from planner.ui.commands import push, push_field
from planner.ui.editor.agenda import ChoiceDelegate
from planner.ui.editor.base import EditorHost, Section
from planner.ui.widgets.model_index import Index
from planner.ui.widgets.picker import PersonSearchEdit
from planner.ui.widgets.rows_model import RowsTableModel
from planner.ui.widgets.style import Tone, error_label, show_error, text_alignment, toned

STATUS_TEXT = INVITATION_LABELS


class InvitationsTableModel(RowsTableModel[InvitationRow]):
    NAME, AFFILIATION, SENT, STATUS, ATTENDED = range(5)
    HEADERS = ("Name", "Affiliation", "Sent", "Answer", "Attended")

    def __init__(self, section: InvitationsSection | None = None) -> None:
        super().__init__(section)
        self.section = section

    def invitation(self, row: int) -> InvitationRow:
        return self._rows[row]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.STATUS:
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == self.ATTENDED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return row.name
            if column == self.AFFILIATION:
                return row.affiliation
            if column == self.STATUS:
                return STATUS_TEXT[row.status]
            if column == self.SENT:
                return f"{row.sent_at:%d %b %Y}" if row.sent_at else "not yet"
            if column == self.ATTENDED and row.attended is None:
                return "—"
        if role == Qt.ItemDataRole.EditRole and column == self.STATUS:
            return row.status.value
        if role == Qt.ItemDataRole.CheckStateRole and column == self.ATTENDED:
            return Qt.CheckState.Checked if row.attended else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.NAME:
            return text_alignment(row.name)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.section is None:
            return False
        row = self._rows[index.row()]
        if index.column() == self.STATUS and role == Qt.ItemDataRole.EditRole:
            self.section.set_field(row.id, "status", InvitationStatus(value), "Change answer")
            return True
        if index.column() == self.ATTENDED and role == Qt.ItemDataRole.CheckStateRole:
            attended = Qt.CheckState(value) == Qt.CheckState.Checked
            self.section.set_field(row.id, "attended", attended, "Mark attendance")
            return True
        return False


class InvitationsSection(Section):
    title = "Invitations"

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.picker = PersonSearchEdit(self.ctx.db)
        self.picker.setAccessibleName("Find a person to invite")
        self.picker.picked.connect(lambda pid, _n: self.invite(pid))
        self.error = error_label()
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.model = InvitationsTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Invitations")
        self.table.setObjectName("invitationsTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setItemDelegateForColumn(
            InvitationsTableModel.STATUS,
            ChoiceDelegate([(s.value, t) for s, t in STATUS_TEXT.items()], self),
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(InvitationsTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            InvitationsTableModel.AFFILIATION, QHeaderView.ResizeMode.Stretch
        )
        remove = QPushButton("Remove invitation")
        remove.clicked.connect(self._remove)
        self.mark_sent = QPushButton("Mark unsent as sent")
        self.mark_sent.setToolTip(
            "After sending the invitations (Documents ▸ Email invitations): records today's date"
        )
        self.mark_sent.clicked.connect(self.mark_all_sent)
        top = QHBoxLayout()
        top.addWidget(QLabel("Invite"))
        top.addWidget(self.picker, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(remove)
        buttons.addWidget(self.mark_sent)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def fingerprint(self, snapshot: EventSnapshot) -> object:
        return (snapshot.invitations, snapshot.room_capacity, snapshot.room_id, len(snapshot.cast))

    def fill(self, snapshot: EventSnapshot) -> None:
        self.model.set_rows(snapshot.invitations)
        tally = dict.fromkeys(InvitationStatus, 0)
        for invitation in snapshot.invitations:
            tally[invitation.status] += 1
        attended = sum(1 for i in snapshot.invitations if i.attended)
        text = (
            f"{len(snapshot.invitations)} invited · {tally[InvitationStatus.ACCEPTED]} accepted"
            f" · {tally[InvitationStatus.TENTATIVE]} tentative"
            f" · {tally[InvitationStatus.DECLINED]} declined · {attended} attended"
        )
        capacity = snapshot.room_capacity
        if capacity:
            expected = tally[InvitationStatus.ACCEPTED] + len(snapshot.cast)
            text += f" — room seats {capacity}, expected {expected} with the cast"
            if expected > capacity:
                text = toned(f"{text}: more than the room holds", Tone.ERROR)
        elif snapshot.room_id is None:
            text += " — no room chosen, so no capacity to check"
        self.counts.setText(text)

    def invite(self, person_id: int) -> bool:
        event_id = self.host.event_id
        if event_id is None or self.snapshot is None:
            return False
        if any(i.person_id == person_id for i in self.snapshot.invitations):
            show_error(self.error, "Already invited.")
            return False
        show_error(self.error, None)
        values = {"event_id": event_id, "person_id": person_id}
        push(self.ctx, Insert(Record.INVITATION, values, "Invite"), self.on_changed())
        return True

    def mark_all_sent(self) -> None:
        """Record today as the sending date of every invitation not yet sent (undoable)."""
        if self.snapshot is None:
            return
        unsent = [i.id for i in self.snapshot.invitations if i.sent_at is None]
        if not unsent:
            self.ctx.show_status("Every invitation is already marked as sent.")
            return
        text = f"Mark {len(unsent)} invitations sent"
        self.push_operation(mark_sent(unsent, datetime.now(UTC), text, self.host.event_id))

    def set_field(self, invitation_id: int, field: str, value: Any, text: str) -> None:
        push_field(
            self.ctx,
            Record.INVITATION,
            invitation_id,
            field,
            value,
            text,
            self.on_changed(),
            mergeable=False,
        )

    def _remove(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.invitation(index.row())
        delete = Delete(Record.INVITATION, row.id, "Remove invitation")
        push(self.ctx, delete, self.on_changed())
