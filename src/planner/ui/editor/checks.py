"""Checks: this event's conflicts and readiness gaps (and the report checker's findings), each a
sentence; a finding that involves another event links to it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.services.checks import Finding, Severity, event_findings_of
from planner.services.invitations import invitation_counts
from planner.services.snapshot import EventSnapshot
from planner.ui.editor.base import EditorHost, Section
from planner.ui.widgets.read_only import reading
from planner.ui.widgets.style import error_icon, info_icon, warning_icon
from planner.ui.widgets.wrapping import WrappingItemDelegate
from planner.ui.worker import run_task

OTHER_EVENT_ROLE = Qt.ItemDataRole.UserRole + 1


class ChecksSection(Section):
    title = "Checks"

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.summary = QLabel("Checking…")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Checks")
        self.list.setObjectName("checksList")
        self.list.setWordWrap(True)
        # Rows as tall as their wrapped text, names in Urdu or Arabic included; laid out again
        # when the width changes.
        self.list.setItemDelegate(WrappingItemDelegate(self.list))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.itemActivated.connect(self._open)
        self.list.itemDoubleClicked.connect(self._open)
        self.list.currentItemChanged.connect(lambda *_: self._update_button())
        self.open_button = QPushButton("Open the other event")
        self.open_button.clicked.connect(lambda: self._open(self.list.currentItem()))
        self.open_button.setEnabled(False)
        refresh = QPushButton("Check again")
        refresh.clicked.connect(self.run_checks)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(refresh)
        buttons.addStretch(1)
        reading(self)  # checking and opening the other event change nothing
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._generation = 0
        self.findings: list[Finding] = []
        self._checked_event: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(700)
        self._timer.timeout.connect(self.run_checks)

    def fill(self, snapshot: EventSnapshot) -> None:
        # After a burst of edits, once: the checks read the whole schedule.
        if snapshot.id != self._checked_event:
            self._checked_event = snapshot.id
            self.run_checks()
        else:
            self._timer.start()

    def run_checks(self) -> None:
        event_id = self.host.event_id
        if event_id is None:
            return
        self._generation += 1
        generation = self._generation
        db = self.ctx.db
        run_task(
            lambda: event_findings_of(db, event_id),
            on_done=lambda findings: self._show(generation, event_id, findings),
            on_error=lambda message: self.summary.setText(f"The checks failed: {message}"),
            owner=self,
        )

    def _show(self, generation: int, event_id: int, findings: list[Finding]) -> None:
        if generation != self._generation:
            return
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        self.findings = sorted(findings, key=lambda f: order.get(f.severity, 3))
        self.list.clear()
        icons: dict[Severity, Any] = {
            Severity.ERROR: error_icon(),
            Severity.WARNING: warning_icon(),
            Severity.INFO: info_icon(),
        }
        for finding in self.findings:
            others = [e for e in finding.event_ids if e != event_id]
            text = finding.message
            if others:
                text += "  — double-click to open the other event"
            item = QListWidgetItem(icons.get(finding.severity, info_icon()), text)
            item.setData(OTHER_EVENT_ROLE, others[0] if others else None)
            item.setToolTip(f"{finding.severity.value}: {finding.code}")
            self.list.addItem(item)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
        if not findings:
            text = "No conflicts, and nothing missing that the checks know of."
        else:
            text = f"{errors} to fix before invitations go out, {warnings} to look at."
        # The same counts as the header and the Invitations section (one function).
        counts = invitation_counts(self.ctx.db, event_id)
        self.summary.setText(f"{text}\nInvitations: {counts.line(keep_parts_whole=True)}")
        set_summary = getattr(self.host, "set_checks_summary", None)
        if callable(set_summary):
            set_summary(errors, warnings)
        self._update_button()

    def _update_button(self) -> None:
        item = self.list.currentItem()
        self.open_button.setEnabled(item is not None and item.data(OTHER_EVENT_ROLE) is not None)

    def _open(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        other = item.data(OTHER_EVENT_ROLE)
        if other is not None:
            self.host.open_other_event(int(other))
