"""The window's data safety: the health check after opening, backing up, and restoring a backup.

Everything slow (``quick_check`` reads every page) runs in a worker; everything that replaces
the file asks first and names the backup by its time and event count, so nobody restores the
wrong one by accident. The file work itself is :mod:`planner.services.safety` (Qt-free, the
same code as ``planner backup`` and ``planner restore``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services import safety
from planner.services.database import Database
from planner.services.safety import BackupInfo, CheckReport, RestoreReport
from planner.ui.worker import run_task

RESTORE_LATEST = "Restore the latest good backup…"


def describe_backup(backup: BackupInfo) -> str:
    """``3 Dec 2026 05:12 UTC, daily, 4 events``: what a person needs to pick a backup."""
    events = "unreadable" if backup.events is None else _events(backup.events)
    return f"{backup.taken:%d %b %Y %H:%M} UTC, {backup.kind}, {events}"


def _events(count: int) -> str:
    return f"{count} event{'s' if count != 1 else ''}"


def _question(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    box.setTextFormat(Qt.TextFormat.PlainText)
    confirm = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(confirm)
    box.exec()
    return box.clickedButton() is confirm


def _restore(parent: QWidget | None, database: Path, backup: BackupInfo) -> RestoreReport | None:
    """Restore ``backup`` over ``database``; a refusal (another window, a bad backup) is shown
    in one message and gives None."""
    try:
        return safety.restore_backup(database, backup.path)
    except PlannerError as error:
        QMessageBox.warning(parent, "Planner: not restored", str(error))
        return None


def offer_latest_backup(
    parent: QWidget | None,
    database: Path,
    reason: str,
    *,
    before_restore: Callable[[], None] = lambda: None,
) -> RestoreReport | None:
    """The file is damaged (``reason``): offer its latest good backup and restore it on yes
    (the damaged file is kept as a ``before-restore`` backup). ``before_restore`` runs after
    the yes, before the file is replaced (the window lets go of it there). None when nothing
    was restored."""
    backup = safety.latest_good_backup(database)
    title = "Planner: the database file is damaged"
    if backup is None:
        QMessageBox.warning(
            parent,
            title,
            f"{database}\nis damaged: {reason}.\n\nThere is no good backup of it to restore.",
        )
        return None
    text = (
        f"{database}\nis damaged: {reason}.\n\n"
        f"Restore its latest good backup ({describe_backup(backup)})?\n"
        "The damaged file is kept as a backup."
    )
    if not _question(parent, title, text, "Restore", "Cancel"):
        return None
    before_restore()
    return _restore(parent, database, backup)


def warn_check_failed(parent: QWidget, database: Path, report: CheckReport) -> bool:
    """The check after opening found problems: say which and offer the latest good backup.
    True when the user chose to restore (the caller restores after letting go of the file)."""
    problems = "\n".join(f"• {problem}" for problem in report.problems[:5])
    more = len(report.problems) - 5
    if more > 0:
        problems += f"\n… and {more} more"
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Planner: the database file has problems",
        f"The check of {database} found problems:\n{problems}\n\n"
        "What you see may be incomplete, and edits may fail. Restore the latest good backup "
        "(the current file is kept as a backup), or continue with this file.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("healthWarning")
    box.setTextFormat(Qt.TextFormat.PlainText)
    restore = box.addButton(RESTORE_LATEST, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Continue", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is restore


def check_in_background(
    parent: QWidget, db: Database, on_problems: Callable[[CheckReport], None]
) -> None:
    """``quick_check`` the file in a worker; ``on_problems`` gets a report that is not ok. A
    check that cannot run at all (a server database) says nothing: the window is usable."""

    def done(report: CheckReport) -> None:
        if not report.ok:
            on_problems(report)

    run_task(
        lambda: safety.check(db),
        on_done=done,
        on_error=lambda _message: None,
        owner=parent,
    )


class BackupsDialog(QDialog):
    """The backups of one database file, newest first; Restore replaces the file with the
    chosen one after a confirmation. ``restored`` is the report once one was restored."""

    def __init__(
        self,
        database: Path,
        parent: QWidget | None = None,
        *,
        before_restore: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle("Restore from backup")
        self.resize(640, 360)
        self.database = database
        self._before_restore = before_restore
        self.restored: RestoreReport | None = None
        self.backups = safety.list_backups(database)

        intro = QLabel(
            f"Backups of {database}, newest first. Restoring replaces the database with the "
            "chosen backup; the current file is kept as a backup first."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(len(self.backups), 3)
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels(["Taken (UTC)", "Kind", "Events"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, backup in enumerate(self.backups):
            events = "unreadable" if backup.events is None else str(backup.events)
            cells = (f"{backup.taken:%Y-%m-%d %H:%M:%S}", backup.kind, events)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_chosen())
        self.empty = QLabel("There are no backups of this database yet (File ▸ Back Up Now).")
        self.empty.setVisible(not self.backups)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setEnabled(bool(self.backups))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_chosen)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        if self.backups:
            self.table.selectRow(0)

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def restore_chosen(self) -> None:
        backup = self.chosen()
        if backup is None:
            return
        if backup.events is None:
            QMessageBox.warning(self, "Planner", "That backup cannot be read: choose another.")
            return
        changes = safety.restore_differences(self.database, backup.path).lines()
        text = (
            f"Replace {self.database} with the backup of {describe_backup(backup)}?\n\n"
            + ("".join(f"{line}.\n" for line in changes) or "No event differs. ")
            + "\nEverything entered since then is no longer shown; the current file is kept as "
            "a backup (it appears in this list), so this can be undone by restoring it."
        )
        if not _question(self, "Restore from backup", text, "Restore", "Cancel"):
            return
        self._before_restore()
        self.restored = _restore(self, self.database, backup)
        self.accept()
