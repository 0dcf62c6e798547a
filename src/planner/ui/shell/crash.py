"""Unexpected exceptions in the window: one dialog (what happened, the details, "Copy
details") and the traceback in the rotating log file.

An exception in a paint event comes back with every repaint: the first opens the dialog, the
rest are counted in it (and a repeat of the same error is logged once, then only counted), so
the window never drowns in dialogs or the disk in log lines. Text shown or logged is scrubbed of
database passwords (``logs.scrub``).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.errors import DamagedDatabaseError
from planner.logs import scrub
from planner.ui.widgets.style import Tone, set_tone

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    def __init__(self, parent: QWidget | None, summary: str, details: str, log_path: Path) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle("Planner: something went wrong")
        self.resize(620, 380)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.advice = QLabel(
            "Planner went on working; what you have already entered is saved. If this keeps "
            f"happening, send the details to whoever looks after Planner. They are also in the "
            f"log file {log_path}."
        )
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.repeats = QLabel()
        set_tone(self.repeats, Tone.WARNING)
        self.repeats.hide()
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox()
        self.copy_button: QPushButton = buttons.addButton(
            "Copy details", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(self.copy_details)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.advice, self.repeats, self.details):
            layout.addWidget(widget)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText("Copied")

    def count_more(self, count: int) -> None:
        self.repeats.setText(
            f"{count} more unexpected error{'s' if count > 1 else ''} since "
            "(counted in the log file)."
        )
        self.repeats.show()


class CrashReporter(QObject):
    """Installed as ``sys.excepthook`` and ``threading.excepthook`` while the window runs."""

    # From any thread to the GUI thread (Qt queues a signal to an object living there).
    _report = Signal(str, str, str)  # signature, summary, details
    # The database file is damaged (the reason): the window offers its latest good backup
    # instead of a crash dialog, since the fix is a restore, not a bug report.
    damaged = Signal(str)

    def __init__(self, window: QWidget | None, log_path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.log_path = log_path
        self.dialog: CrashDialog | None = None
        self.more = 0
        self._logged: dict[str, int] = {}  # signature -> times seen
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, error, trace)
            return
        if isinstance(error, DamagedDatabaseError):
            log.error("%s", error)
            self.damaged.emit(error.reason)
            return
        frames = traceback.extract_tb(trace)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
        signature = f"{kind.__qualname__}@{where}"
        seen = self._logged.get(signature, 0)
        self._logged[signature] = seen + 1
        if seen == 0:  # the same error again (a paint event's) is counted, not logged again
            log.error("unexpected error", exc_info=(kind, error, trace))
        summary = scrub(f"{kind.__name__}: {error}".splitlines()[0])
        details = scrub("".join(traceback.format_exception(kind, error, trace)))
        self._report.emit(signature, summary, details)

    def _show(self, _signature: str, summary: str, details: str) -> None:
        if self.dialog is not None:
            self.more += 1
            self.dialog.count_more(self.more)
            return
        self.more = 0
        dialog = CrashDialog(self.window, summary, details, self.log_path)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self, _result: int) -> None:
        if self.more:
            log.error("%d more unexpected errors while the error dialog was open", self.more)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
