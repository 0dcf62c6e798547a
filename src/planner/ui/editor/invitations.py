"""Invitations, from draft to reply: who is invited, writing the drafts (to the recipients
chosen), marking them sent, recording replies, reminding those who have not answered, and the
bar that says which sent invitations an edit made out of date.

Every batch of drafts is written off the GUI thread (it renders the programme), then opened in
the mail program; recording it (sending dates, dispatches) is one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
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
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model import InvitationStatus
from planner.model.labels import INVITATION_LABELS
from planner.services.invitations import (
    RECIPIENT_LABELS,
    InvitationRow,
    Recipients,
    invitation_counts,
    record_reply,
)
from planner.services.operations import Delete, Insert, Record
from planner.services.snapshot import EventSnapshot
from planner.ui.commands import push, push_field, record_done, show_recorded
from planner.ui.editor.agenda import ChoiceDelegate
from planner.ui.editor.base import EditorHost, Section
from planner.ui.editor.out_of_date import OutOfDateBar
from planner.ui.widgets.model_index import Index
from planner.ui.widgets.picker import PersonSearchEdit
from planner.ui.widgets.rows_model import RowsTableModel
from planner.ui.widgets.style import (
    Tone,
    error_label,
    set_tone,
    show_error,
    text_alignment,
)
from planner.ui.worker import run_task

STATUS_TEXT = INVITATION_LABELS
# The answers a reply records (an invitation goes back to "invited" by editing the cell).
REPLIES = (InvitationStatus.ACCEPTED, InvitationStatus.DECLINED, InvitationStatus.TENTATIVE)


class InvitationsTableModel(RowsTableModel[InvitationRow]):
    NAME, AFFILIATION, SENT, STATUS, NOTE, ATTENDED = range(6)
    HEADERS = ("Name", "Affiliation", "Sent", "Answer", "Note", "Attended")

    def __init__(self, section: InvitationsSection | None = None) -> None:
        super().__init__(section)
        self.section = section
        self.zone = ""  # the organisation's, which the dates are in (EventSnapshot.office_zone)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section == self.SENT
            and self.zone
        ):
            return f"When it was sent, in {self.zone} time (the organisation's time zone)"
        return super().headerData(section, orientation, role)

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
            if column == self.NOTE:
                return row.reply_note
            if column == self.SENT:
                # In the organisation's zone (the snapshot's), as the history shows times.
                return f"{row.sent_at:%d %b %Y %H:%M}" if row.sent_at else "not yet"
            if column == self.ATTENDED and row.attended is None:
                return "—"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NOTE and row.replied_at:
            return f"Reply recorded {row.replied_at:%d %b %Y %H:%M} ({self.zone} time)"
        if role == Qt.ItemDataRole.EditRole and column == self.STATUS:
            return row.status.value
        if role == Qt.ItemDataRole.CheckStateRole and column == self.ATTENDED:
            return Qt.CheckState.Checked if row.attended else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.NAME, self.NOTE):
            return text_alignment(row.name if column == self.NAME else row.reply_note)
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


class ReplyDialog(QDialog):
    """The answer and the invitee's note, for one invitation or a selection."""

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record Reply")
        self.status = QComboBox()
        self.status.setAccessibleName("Answer")
        for status in REPLIES:
            self.status.addItem(STATUS_TEXT[status], status.value)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("what they said with it, e.g. arriving after the break")
        self.note.setMaxLength(1000)
        form = QFormLayout()
        form.addRow(QLabel(who))
        form.addRow("&Answer:", self.status)
        form.addRow("&Note:", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def answer(self) -> tuple[InvitationStatus, str]:
        return InvitationStatus(self.status.currentData()), self.note.text().strip()


class InvitationsSection(Section):
    title = "Invitations"

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.bar = OutOfDateBar("invitationsOutOfDate")
        self.picker = PersonSearchEdit(self.ctx.db)
        self.picker.setAccessibleName("Find a person to invite")
        self.picker.picked.connect(lambda pid, _n: self.invite(pid))
        self.error = error_label()
        self.counts = QLabel()
        self.counts.setObjectName("invitationCounts")
        self.counts.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("invitationsMessage")
        self.message.setAccessibleName("What the last action did")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = InvitationsTableModel(self)
        self.table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName("invitationsTable")
        self.table.setAccessibleName("Invitations")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setItemDelegateForColumn(
            InvitationsTableModel.STATUS,
            ChoiceDelegate([(s.value, t) for s, t in STATUS_TEXT.items()], self),
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(InvitationsTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            InvitationsTableModel.AFFILIATION, QHeaderView.ResizeMode.Stretch
        )
        header.setSectionResizeMode(InvitationsTableModel.NOTE, QHeaderView.ResizeMode.Stretch)
        # Dates, answers and the tick keep their width; the names and notes share the rest.
        for column in (
            InvitationsTableModel.SENT,
            InvitationsTableModel.STATUS,
            InvitationsTableModel.ATTENDED,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.recipients = QComboBox()
        self.recipients.setObjectName("invitationRecipients")
        self.recipients.setAccessibleName("Recipients")
        for choice in (
            Recipients.NEW,
            Recipients.INVITEES,
            Recipients.NO_REPLY,
            Recipients.CAST,
            Recipients.NEW_CAST,
            Recipients.EVERYONE,
            Recipients.CHOSEN,
        ):
            self.recipients.addItem(RECIPIENT_LABELS[choice], choice.value)
        self.recipients.setToolTip(
            "Whom the drafts are for. By default those never sent an invitation: "
            "not the cast, not those who have answered."
        )
        self.write_button = self._button("Write Invitations", "writeInvitations")
        self.write_button.setToolTip(
            "Write one email draft per recipient (programme and calendar entry attached), "
            "open them in your mail program and mark each invitation as sent"
        )
        self.write_button.clicked.connect(lambda: self.write_invitations())
        self.mark_sent_button = self._button("Mark Sent", "markSent")
        self.mark_sent_button.setToolTip(
            "Record now as the sending time of the selected invitations (none selected: of "
            "every invitation not yet sent), for invitations sent another way"
        )
        self.mark_sent_button.clicked.connect(lambda: self.mark_sent())
        self.reply_button = self._button("Record Reply…", "recordReply")
        self.reply_button.setToolTip("Accepted, declined or tentative, with a note")
        self.reply_button.clicked.connect(self._ask_reply)
        self.reminder_button = self._button("Send Reminder", "sendReminder")
        self.reminder_button.setToolTip(
            "A reminder draft to each invitee who was sent an invitation and has not answered "
            "(the selected ones only, when some are selected)"
        )
        self.reminder_button.clicked.connect(lambda: self.send_reminders())
        remove = self._button("Remove Invitation", "removeInvitation")
        remove.clicked.connect(self._remove)

        top = QHBoxLayout()
        invite = QLabel("&Invite")
        invite.setBuddy(self.picker)
        top.addWidget(invite)
        top.addWidget(self.picker, 1)
        drafts = QHBoxLayout()
        to = QLabel("&Drafts to")
        to.setBuddy(self.recipients)
        drafts.addWidget(to)
        drafts.addWidget(self.recipients)
        drafts.addWidget(self.write_button)
        drafts.addWidget(self.reminder_button)
        drafts.addStretch(1)
        answers = QHBoxLayout()
        answers.addWidget(self.mark_sent_button)
        answers.addWidget(self.reply_button)
        answers.addStretch(1)
        answers.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(answers)
        layout.addLayout(drafts)
        layout.addWidget(self.message)
        # Tests turn this off: no mail program, no file manager.
        self.interactive = True
        self.last_paths: list[Path] = []  # the drafts written last
        # A batch being written: a second click (or the bar's offer) waits for it, or it would
        # write and record the same drafts twice.
        self.writing = False

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        return button

    # --- showing ---------------------------------------------------------------------------

    def show_event(self, snapshot: EventSnapshot) -> None:
        super().show_event(snapshot)
        # Any edit can make a sent invitation out of date, not only one in this section; and
        # drafts to the cast change the counts without changing the rows.
        self.refresh_bar()
        self.show_counts(snapshot)

    def refresh_bar(self) -> None:
        if self.host.event_id is not None:
            self.bar.refresh(self.ctx.db, self.host.event_id)

    def fingerprint(self, snapshot: EventSnapshot) -> object:
        return snapshot.invitations

    def fill(self, snapshot: EventSnapshot) -> None:
        self.model.zone = snapshot.office_zone
        self.model.set_rows(snapshot.invitations)

    def show_counts(self, snapshot: EventSnapshot) -> None:
        """The counts line (the header's and Checks' numbers, with the room's capacity)."""
        counts = invitation_counts(self.ctx.db, snapshot.id)
        text = counts.line(keep_parts_whole=True) + f" · {counts.attended}\u00a0attended"
        capacity = snapshot.room_capacity
        overfull = False
        if capacity:
            expected = counts.accepted + len(snapshot.cast)
            text += f" — room seats {capacity}, expected {expected} with the cast"
            if expected > capacity:
                text += ": more than the room holds"
                overfull = True
        elif snapshot.room_id is None:
            text += " — no room chosen, so no capacity to check"
        if counts.in_programme:
            text += f"\n{counts.programme_text()}"
        if counts.still_needed:
            text += f"\n{counts.needed_text()}"
        set_tone(self.counts, Tone.ERROR if overfull else None)
        self.counts.setText(text)

    # --- selection -------------------------------------------------------------------------

    def selected(self) -> list[InvitationRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.invitation(row) for row in rows]

    def select_people(self, person_ids: set[int]) -> None:
        """Select the rows of ``person_ids`` (tests, and a hand-picked set)."""
        self.table.clearSelection()
        flags = (
            self.table.selectionModel().SelectionFlag.Select
            | self.table.selectionModel().SelectionFlag.Rows
        )
        for row in range(self.model.rowCount()):
            if self.model.invitation(row).person_id in person_ids:
                self.table.selectionModel().select(self.model.index(row, 0), flags)

    # --- edits -----------------------------------------------------------------------------

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
        """Record now as the sending time of every invitation not yet sent (undoable)."""
        self.table.clearSelection()
        self.mark_sent()

    def mark_sent(self) -> None:
        """ "Mark Sent": the selected invitations, or every one not yet sent (undoable)."""
        event_id = self.host.event_id
        if self.snapshot is None or event_id is None:
            return
        chosen = self.selected() or [i for i in self.snapshot.invitations if i.sent_at is None]
        if not chosen:
            self.ctx.show_status("Every invitation is already marked as sent.")
            return
        from planner.services.invitation_drafts import marked_sent

        operation = marked_sent(
            self.ctx.db, event_id, [i.id for i in chosen], datetime.now(UTC).replace(microsecond=0)
        )
        self.push_operation(operation)

    def _ask_reply(self) -> None:
        chosen = self.selected()
        if not chosen:
            self.message.setText("Select the invitations the reply is for first.")
            return
        who = chosen[0].name if len(chosen) == 1 else f"{len(chosen)} invitations"
        dialog = ReplyDialog(who, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            status, note = dialog.answer()
            self.record_reply(status, note)

    def record_reply(self, status: InvitationStatus, note: str = "") -> None:
        """Record ``status`` and ``note`` for the selected invitations (one undo step)."""
        chosen = self.selected()
        if not chosen or self.host.event_id is None:
            return
        when = datetime.now(UTC).replace(microsecond=0)
        ids = [i.id for i in chosen]
        self.push_operation(record_reply(ids, status, note, when, self.host.event_id))

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

    # --- drafts ----------------------------------------------------------------------------

    def choice(self) -> Recipients:
        return Recipients(self.recipients.currentData())

    def set_choice(self, choice: Recipients) -> None:
        self.recipients.setCurrentIndex(self.recipients.findData(choice.value))

    def write_invitations(
        self,
        folder: Path | None = None,
        *,
        choice: Recipients | None = None,
        nobody: str = "Nobody to invite: everyone chosen was sent an invitation or has answered.",
    ) -> None:
        """Invitation drafts to the recipients chosen in "Drafts to" (or ``choice``; the
        selected rows for "The people selected"), marked as sent once written."""
        event_id = self.host.event_id
        if event_id is None:
            return
        from planner.services.invitation_drafts import invitation_drafts

        db, choice = self.ctx.db, choice or self.choice()
        chosen = [i.person_id for i in self.selected()]
        if choice is Recipients.CHOSEN and not chosen:
            self.message.setText("Select the people to invite in the list first.")
            return
        self._write(
            "invitation", lambda: invitation_drafts(db, event_id, choice, chosen), folder, nobody
        )

    def write_to_new_cast(self, folder: Path | None = None) -> None:
        """Invitation drafts to those in the cast never written to about the event (a chair
        added in place of one who cancelled), as the out-of-date bar offers them."""
        self.write_invitations(
            folder,
            choice=Recipients.NEW_CAST,
            nobody="Nobody to write to: everyone in the cast has been written to.",
        )

    def ask_recipients(self) -> None:
        """Where the Documents section's "Email invitations…" leads: the choice of whom."""
        self.recipients.setFocus(Qt.FocusReason.OtherFocusReason)
        self.message.setText(
            "Choose whom the invitations are for in “Drafts to”, then Write Invitations."
        )

    def send_reminders(self, folder: Path | None = None) -> None:
        event_id = self.host.event_id
        if event_id is None:
            return
        from planner.services.invitation_drafts import reminder_drafts

        db = self.ctx.db
        chosen = [i.person_id for i in self.selected()]
        choice = Recipients.CHOSEN if chosen else Recipients.NO_REPLY
        self._write(
            "reminder",
            lambda: reminder_drafts(db, event_id, choice, chosen),
            folder,
            "Nobody to remind: no one who was sent an invitation is still without an answer.",
        )

    def write_updates(self, folder: Path | None = None) -> None:
        event_id = self.host.event_id
        if event_id is None:
            return
        from planner.services.invitation_drafts import update_drafts

        db = self.ctx.db
        self._write(
            "update",
            lambda: update_drafts(db, event_id),
            folder,
            "No update is due: every invitation sent shows the event as it is.",
        )

    def write_cancellations(self, folder: Path | None = None) -> None:
        event_id = self.host.event_id
        if event_id is None:
            return
        from planner.services.invitation_drafts import cancellation_drafts

        db = self.ctx.db
        self._write(
            "cancellation",
            lambda: cancellation_drafts(db, event_id),
            folder,
            "No cancellation is due.",
        )

    def _write(self, kind: str, make: Callable[[], Any], folder: Path | None, nobody: str) -> None:
        from planner.services.drafts import outbox_folder
        from planner.services.exports import write_drafts
        from planner.services.organisation import sender_problem
        from planner.ui.editor.documents import open_drafts

        event_id = self.host.event_id
        assert event_id is not None
        if self.writing:
            self.message.setText("Still writing the last drafts: try again once they are done.")
            return
        target = folder or outbox_folder(self.ctx.db, event_id, kind)
        db = self.ctx.db

        def work() -> tuple[Any, list[Path], Any, str | None]:
            batch = make()
            paths = write_drafts(batch.drafts, target) if batch.drafts else []
            # Recorded as sent with the files, not an undo step (ui/commands.record_done).
            recorded = record_done(db, batch.operation) if paths and batch.operation else None
            return batch, paths, recorded, sender_problem(db) if paths else None

        def done(result: tuple[Any, list[Path], Any, str | None]) -> None:
            self.writing = False
            batch, paths, recorded, unsigned = result
            self.last_paths = paths
            if not paths:
                self.message.setText(nobody)
                return
            if recorded is not None:
                show_recorded(self.ctx, batch.operation, recorded, self.on_changed())
            n = len(paths)
            missing = sum(1 for d in batch.drafts if not d.has_address)
            text = f"{n} {kind} draft{'s' if n != 1 else ''} written to {target}."
            if missing:
                text += f" {missing} without an email address: fill in the To line."
            if unsigned:
                text += f" {unsigned}"
            self.message.setText(text + " Open each in your mail program, check it and send it.")
            if self.interactive:
                open_drafts(paths, target)

        def failed(error: str) -> None:
            self.writing = False
            self.message.setText(f"No drafts written: {error}")

        self.writing = True
        self.message.setText(f"Writing {kind} drafts…")
        run_task(work, on_done=done, on_error=failed, owner=self)
