"""File > Import people: a CSV or vCard file read in a worker thread, with progress and Cancel.

The importer (``services.people_import``) writes all or nothing in one transaction; Cancel makes
its progress callback raise, which rolls the transaction back, so a cancelled import leaves the
directory as it was. An import is not on the undo stack (it may create thousands of people);
the confirmation message says so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from planner.errors import PlannerError
from planner.services.people_import import ImportSummary, import_people_csv, import_vcard
from planner.ui.context import AppContext
from planner.ui.worker import TaskCancelled, TaskHandle, run_task, wait_for_all

FILE_FILTER = "People (*.csv *.vcf *.vcard);;CSV (*.csv);;vCard (*.vcf *.vcard)"
NOTHING_IMPORTED = "Import cancelled; nothing was imported."


def importer_for(path: Path) -> Callable[..., ImportSummary]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return import_people_csv
    if suffix in (".vcf", ".vcard"):
        return import_vcard
    raise PlannerError(f"{path.name}: Planner imports people from .csv and .vcf files.")


class _Progress(QObject):
    """Carries progress from the worker thread to the dialog (a queued signal)."""

    advanced = Signal(int, int)


class PeopleImport(QObject):
    """One import: ``start(path)``; ``finished`` carries the summary line or the error."""

    finished = Signal(bool, str)  # ok, message

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self._cancel = threading.Event()
        self._relay = _Progress(self)
        self.dialog: QProgressDialog | None = None
        self.handle: TaskHandle[ImportSummary] | None = None
        self.path: Path | None = None
        # How it ended, (ok, message), once it has; None while it runs (or before it starts).
        self.outcome: tuple[bool, str] | None = None
        # Stopped because the window is closing: the outcome is kept, not announced.
        self._quiet = False

    @property
    def running(self) -> bool:
        return self.handle is not None and self.outcome is None

    def choose_and_start(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.parent_widget, "Import people", "", FILE_FILTER
        )
        if path:
            self.start(Path(path))

    def start(self, path: Path) -> None:
        try:
            importer = importer_for(path)
        except PlannerError as error:
            self._report(False, str(error))
            return
        self.path = path
        dialog = QProgressDialog(
            f"Importing people from {path.name}…", "Cancel", 0, 0, self.parent_widget
        )
        dialog.setWindowTitle("Import people")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(self.cancel)
        self._relay.advanced.connect(self._advance)
        self.dialog = dialog
        cancel = self._cancel
        relay = self._relay
        db = self.ctx.db

        def progress(done: int, total: int) -> None:
            if cancel.is_set():
                raise TaskCancelled()  # rolls the import's transaction back
            relay.advanced.emit(done, total)

        def work() -> ImportSummary:
            result: ImportSummary = importer(db, path, progress=progress)
            return result

        self.handle = run_task(
            work,
            on_done=lambda summary: self._report(True, self._done_text(summary)),
            on_error=lambda message: self._report(False, message),
            on_cancelled=lambda: self._report(False, NOTHING_IMPORTED),
        )

    def cancel(self) -> None:
        # Only the import's own flag: it stops at its next progress report and rolls back.
        # Past its last report it is writing and will commit, and must be reported as done
        # (cancelling the task too turned a committed import into "nothing was imported").
        self._cancel.set()

    def _done_text(self, summary: ImportSummary) -> str:
        if self._cancel.is_set() and not self._quiet:
            return "The import had finished before it could be cancelled: " + summary.line()
        return summary.line()

    def stop(self, timeout_ms: int = 30000) -> tuple[bool, str]:
        """Cancel and wait until the worker has rolled the import back (the window is
        closing): returns how it ended, without announcing it (the caller says it). An import
        that committed before the cancel reached it ends as done."""
        self._quiet = True
        self.cancel()
        wait_for_all(timeout_ms)
        # The worker's last signal is queued for this thread: deliver it.
        QCoreApplication.processEvents()
        if self.outcome is None:
            # Not ended within the wait (a disk or server that stalls): cancelled, it stops at
            # its next progress report. Only a file whose last report had passed when the
            # cancel came, and whose write then outlasts the wait, could still be committed.
            self._report(False, NOTHING_IMPORTED)
        assert self.outcome is not None
        return self.outcome

    def _advance(self, done: int, total: int) -> None:
        dialog = self.dialog
        if dialog is not None:
            # setValue on a modal progress dialog processes events: the import's end may be
            # reported in there and drop self.dialog, so the dialog is held here.
            dialog.setMaximum(total)
            dialog.setLabelText(f"Importing people: {done:,} of {total:,}")
            dialog.setValue(done)

    def _report(self, ok: bool, message: str) -> None:
        if self.outcome is not None:  # stopped on quitting, then the worker's own word
            return
        self.outcome = (ok, message)
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if self._quiet:
            return
        self.ctx.show_status(message.splitlines()[0] if message else "")
        self.finished.emit(ok, message)


def show_result(parent: QWidget, ok: bool, message: str) -> None:
    """The outcome in a message box (the views call this; tests read ``finished`` instead)."""
    if ok:
        QMessageBox.information(
            parent, "Import people", message + "\n\n(An import is not undone by Edit > Undo.)"
        )
    else:
        QMessageBox.warning(parent, "Import people", message)
