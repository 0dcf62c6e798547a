"""One session of a series moved or cancelled, and the series renumbered, each one undo step.

Moving checks the new time with the same conflict checks as Plan Sessions, before anything is
written; cancelling keeps the session in the list, marked cancelled; neither renumbers the
others. Renumbering shows what changes first.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTime, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services.series_plan import (
    Renumbering,
    RenumberSessions,
    cancel_session,
    move_clashes,
    move_session,
    renumber_preview,
    session_time,
)
from planner.ui.commands import OnChanged, push
from planner.ui.context import AppContext
from planner.ui.widgets.model_index import Index
from planner.ui.widgets.rows_model import RowsTableModel
from planner.ui.widgets.style import error_label, show_error, text_alignment

CHECK_DELAY_MS = 200


def _day_time(moment: datetime) -> str:
    """``Tue 10 Feb 2026 17:00``, as the conflict sentences write it."""
    return f"{moment:%a} {moment.day} {moment:%b %Y %H:%M}"


class MoveSessionDialog(QDialog):
    """Move one session to another day and time (its zone and length stay)."""

    def __init__(
        self,
        ctx: AppContext,
        event_id: int,
        on_changed: OnChanged | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.on_changed = on_changed
        self.current = session_time(ctx.db, event_id)
        name = self.current.label or self.current.title
        self.setWindowTitle(f"Move {name}")
        self.setObjectName("move_session")
        self.setMinimumWidth(560)

        start = self.current.starts
        self.when = QDateTimeEdit(
            QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour, start.minute))
        )
        self.when.setAccessibleName("New date and time")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy HH:mm")
        self.clashes = QLabel()
        self.clashes.setObjectName("move_clashes")
        self.clashes.setWordWrap(True)
        self.clashes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = error_label()
        minutes = int(self.current.duration.total_seconds() // 60)

        title = QLabel(escape(self.current.title, quote=False))
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag(text_alignment(self.current.title)))
        form = QFormLayout()
        form.addRow("Session", title)
        form.addRow("Now", QLabel(_day_time(start)))
        form.addRow("Move to", self.when)
        form.addRow("", QLabel(f"{self.current.time_zone} time; {minutes} minutes as before"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.move_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.move_button.setText("Move")
        self.buttons.accepted.connect(self.move_session)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.clashes)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.when.dateTimeChanged.connect(lambda _v: self._timer.start())
        self.check()

    def new_start(self) -> datetime:
        value = self.when.dateTime()
        day, at = value.date(), value.time()
        return datetime(day.year(), day.month(), day.day(), at.hour(), at.minute())

    def set_new_start(self, when: datetime) -> None:
        self.when.setDateTime(
            QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute))
        )
        self.check()

    def check(self) -> None:
        """Show what the session would clash with at the new time."""
        self._timer.stop()
        if self.new_start() == self.current.starts:
            self.clashes.setText("Choose the new date and time.")
            self.move_button.setEnabled(False)
            return
        try:
            found = move_clashes(self.ctx.db, self.event_id, self.new_start())
        except PlannerError as error:
            show_error(self.problem, str(error))
            self.move_button.setEnabled(False)
            return
        show_error(self.problem, None)
        self.move_button.setEnabled(True)
        if found:
            items = "".join(f"<li>{escape(text, quote=False)}</li>" for text in found)
            self.clashes.setText(f"<b>Clashes at the new time:</b><ul>{items}</ul>")
        else:
            self.clashes.setText("No clashes at the new time.")

    def move_session(self) -> None:
        try:
            operation = move_session(self.ctx.db, self.event_id, self.new_start())
        except PlannerError as error:
            show_error(self.problem, str(error))
            return
        command = push(self.ctx, operation, self.on_changed)
        if command.failure is not None:
            show_error(self.problem, str(command.failure))
            return
        self.accept()


def confirm_cancel(
    ctx: AppContext, event_id: int, on_changed: OnChanged | None, parent: QWidget
) -> bool:
    """Ask, then mark the session cancelled (one undo step); False when nothing was done."""
    try:
        current = session_time(ctx.db, event_id)
        operation = cancel_session(ctx.db, event_id)
    except PlannerError as error:
        QMessageBox.information(parent, "Cancel session", str(error))
        return False
    name = current.label or current.title
    answer = QMessageBox.question(
        parent,
        "Cancel session",
        f"Cancel {name} ({_day_time(current.starts)})? It stays in the series, marked "
        "cancelled, and the other sessions keep their numbers (Renumber Sessions… closes the "
        "gap). Edit > Undo brings it back.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    command = push(ctx, operation, on_changed)
    return command.failure is None


class RenumberModel(RowsTableModel[Renumbering]):
    HEADERS = ("Date", "Title", "Now", "After")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return line.when
            if column == 1:
                # A title that follows its number is shown as it will read, not only on hover.
                return f"{line.title} → {line.new_title}" if line.new_title else line.title
            if column == 2:
                return line.old_label or "(none)"
            if line.new_number is None:
                return "(none: cancelled)"
            return line.new_label
        if role == Qt.ItemDataRole.FontRole and line.changed and column == 3:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return text_alignment(line.title)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1 and line.new_title:
            return f"The title follows the number: “{line.new_title}”."
        return None


class RenumberDialog(QDialog):
    """The series' sessions numbered 1, 2, … by date; the changes shown before they are made."""

    def __init__(
        self,
        ctx: AppContext,
        series_id: int,
        series_title: str,
        on_changed: OnChanged | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.series_id = series_id
        self.on_changed = on_changed
        self.setWindowTitle(f"Renumber Sessions — {series_title}")
        self.setObjectName("renumber_sessions")
        self.setMinimumSize(720, 400)
        self.lines = renumber_preview(ctx.db, series_id)
        self.model = RenumberModel(self)
        self.model.set_rows(self.lines)
        table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        table.setTabKeyNavigation(False)
        table.setObjectName("renumber_preview")
        table.setAccessibleName("Sessions and their new numbers")
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        changes = sum(1 for line in self.lines if line.changed)
        self.summary = QLabel(
            f"{changes} of {len(self.lines)} sessions change number (in bold). Cancelled "
            "sessions lose theirs; titles made from the number follow it, others stay."
            if changes
            else "The sessions are numbered by date already: nothing to change."
        )
        self.summary.setWordWrap(True)
        self.problem = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.renumber_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.renumber_button.setText("Renumber")
        self.renumber_button.setEnabled(changes > 0)
        buttons.accepted.connect(self.renumber)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def renumber(self) -> None:
        command = push(self.ctx, RenumberSessions(self.series_id), self.on_changed)
        if command.failure is not None:
            show_error(self.problem, str(command.failure))
            return
        self.accept()
