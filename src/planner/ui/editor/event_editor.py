"""The event editor: a header with the title, rule badge and checks summary, and the sections
(Details, Agenda, People, Invitations, Briefing, Report, Documents, Checks) as tabs.

Every edit is saved as it is made and is an undoable command; after any change (or undo/redo)
the editor reloads the event from the database, so what is shown is always what is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.model.labels import FORMAT_CHOICE_LABELS, STATUS_LABELS
from planner.services.events import DuplicateEvent
from planner.services.invitations import invitation_counts
from planner.services.operations import Record
from planner.services.organisation import time_style
from planner.services.snapshot import EventSnapshot, event_snapshot
from planner.ui.context import AppContext
from planner.ui.editor.agenda import AgendaSection
from planner.ui.editor.base import Section
from planner.ui.editor.cast import CastSection
from planner.ui.editor.checks import ChecksSection
from planner.ui.editor.details import DetailsSection
from planner.ui.editor.documents import DocumentsSection
from planner.ui.editor.history import HistorySection
from planner.ui.editor.invitations import InvitationsSection
from planner.ui.editor.texts import BriefingSection, ReportSection
from planner.ui.widgets.clock import event_span_text
from planner.ui.widgets.compact_tabs import CompactTabBar
from planner.ui.widgets.read_only import editing_in, reading
from planner.ui.widgets.style import RuleBadge, Tone, set_tone, style_notice_bar, toned, toned_link


class EventEditor(QWidget):
    event_changed = Signal(int)  # something of this event was saved
    open_event = Signal(int)  # the user asked to open another event (a conflict's link)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._event_id: int | None = None
        self.snapshot: EventSnapshot | None = None

        self.heading = QLabel()
        self.heading.setObjectName("editorHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel()
        set_tone(self.subheading, Tone.MUTED)
        self.subheading.setWordWrap(True)
        self.badge = RuleBadge()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("editorCounts")
        self.counts_label.setWordWrap(True)
        self.checks_label = QLabel()
        self.checks_label.setTextFormat(Qt.TextFormat.RichText)
        self.checks_label.linkActivated.connect(lambda _l: self.show_section("Checks"))

        self.details = DetailsSection(self)
        self.agenda = AgendaSection(self)
        self.cast = CastSection(self)
        self.invitations = InvitationsSection(self)
        self.briefing = BriefingSection(self)
        self.report = ReportSection(self)
        self.documents = DocumentsSection(self)
        self.checks = ChecksSection(self)
        self.history = HistorySection(self)
        self.sections: list[Section] = [
            self.details,
            self.agenda,
            self.cast,
            self.invitations,
            self.briefing,
            self.report,
            self.documents,
            self.checks,
            self.history,
        ]
        self._offer_updates()
        self.tabs = QTabWidget()
        self.tabs.setTabBar(CompactTabBar())
        self.tabs.setObjectName("editorTabs")
        self.tabs.setAccessibleName("Event sections")
        self.tabs.setDocumentMode(True)
        for section in self.sections:
            self.tabs.addTab(section, section.title)
        # Ctrl+PageDown / Ctrl+PageUp: the next or previous section from anywhere in the
        # editor (QTabWidget hears them only while it or its tab bar has the focus); the
        # main window adds the same keys to the events list beside it.
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_section(step))
        # Every tab in sight: the splitter beside the events list or the month view may not
        # squeeze the editor until the tabs scroll behind arrows.
        self.tabs.setMinimumWidth(self.tabs.tabBar().sizeHint().width() + 4)

        header = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(top)
        bottom = QHBoxLayout()
        bottom.addWidget(self.subheading, 1)
        bottom.addWidget(self.checks_label)
        header.addLayout(bottom)
        header.addWidget(self.counts_label)

        self.elsewhere_bar = self._build_elsewhere_bar()

        editor = QWidget()
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.elsewhere_bar)
        layout.addWidget(self.tabs, 1)

        empty = QLabel(
            "Choose an event on the left, or make a new one with Ctrl+N\n"
            "(from a template: seminar, roundtable, in-house discussion, lecture)."
        )
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_tone(empty, Tone.MUTED)
        self.pages = QStackedWidget()
        self.pages.addWidget(empty)
        self.pages.addWidget(editor)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

    def _offer_updates(self) -> None:
        """The same offers in the Invitations and the Documents bar: whichever the organiser
        looks at first brings everything up to date."""
        for bar in (self.invitations.bar, self.documents.bar):
            bar.add_button(
                "Write Update Drafts",
                f"{bar.objectName()}Updates",
                self.invitations.write_updates,
                lambda state: bool(state.messages),
            )
            bar.add_button(
                "Write Cancellations",
                f"{bar.objectName()}Cancellations",
                self.invitations.write_cancellations,
                lambda state: bool(state.withdrawn),
            )
            bar.add_button(
                "Write to New Cast",
                f"{bar.objectName()}NewCast",
                self.invitations.write_to_new_cast,
                lambda state: bool(state.unwritten),
            )
            bar.add_button(
                "Render Fresh Copy",
                f"{bar.objectName()}Fresh",
                self._fresh_copy,
                lambda state: bool(state.documents),
            )
        self.documents.on_recorded = self.refresh_bars
        self.documents.on_invitations = self._choose_invitees

    def _choose_invitees(self) -> None:
        self.show_section("Invitations")
        self.invitations.ask_recipients()

    def _fresh_copy(self) -> None:
        self.show_section("Documents")
        self.documents.fresh_copy()

    def refresh_bars(self) -> None:
        self.invitations.refresh_bar()
        self.documents.refresh_bar()

    # --- the host interface sections use -----------------------------------------------------

    @property
    def event_id(self) -> int | None:
        return self._event_id

    def changed(self) -> None:
        """A command wrote to the database: show it (soon, once) and tell the list."""
        self.refresh_soon()
        if self._event_id is not None:
            self.event_changed.emit(self._event_id)

    def changed_event(self, event_id: int) -> None:
        """A command wrote to event ``event_id``: when that is not the event shown (an undo
        after moving on to another event), open it, so the change is seen where it happened."""
        if event_id != self._event_id:
            self.open_event.emit(event_id)
            self.ctx.show_status("Undo and redo act on the event they were made in: opened it.")
        else:
            self.changed()

    def open_other_event(self, event_id: int) -> None:
        self.open_event.emit(event_id)

    # --- loading -----------------------------------------------------------------------------

    def load_event(self, event_id: int) -> None:
        self._event_id = event_id
        self.elsewhere_bar.hide()
        self.refresh()

    def refresh_soon(self, _index: int = 0) -> None:
        self._refresh_timer.start()

    def reload(self) -> None:
        """Show what the database holds in every section, dropping what the widgets hold
        that was not saved."""
        for section in self.sections:
            section.forget_shown()
        self.refresh()

    # --- others' changes (live refresh) ------------------------------------------------------

    def _build_elsewhere_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("elsewhereBar")
        style_notice_bar(bar)
        label = QLabel("Changed by someone else.")
        button = QPushButton("Reload")
        button.setObjectName("elsewhereReload")
        button.clicked.connect(self.reload)
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 2, 4, 2)
        row.addWidget(label, 1)
        row.addWidget(button)
        reading(bar)  # a read-only window still reloads
        bar.hide()
        return bar

    def others_changed(self) -> None:
        """Someone else changed the event shown. Shown at once, unless the user is editing a
        field: what they are typing is not replaced under their cursor; a quiet bar offers
        the reload instead (and their next save shows the stored event anyway)."""
        if self._event_id is None:
            return
        if self.is_being_edited():
            self.elsewhere_bar.show()
        else:
            self.refresh()

    def is_being_edited(self) -> bool:
        """Whether the keyboard is in one of the editor's fields, or a change waits to be
        saved (a time being spun)."""
        return editing_in(self.tabs) or self.details.saving_soon()

    def refresh(self) -> None:
        # Whatever happens next shows what is stored: the bar's offer is answered.
        self.elsewhere_bar.hide()
        if self._event_id is None:
            self.pages.setCurrentIndex(0)
            return
        try:
            snapshot = event_snapshot(self.ctx.db, self._event_id)
        except PlannerError:
            # Deleted (an undo of its creation): show nothing rather than a stale event.
            self._event_id = None
            self.snapshot = None
            self.pages.setCurrentIndex(0)
            return
        self.snapshot = snapshot
        # What the user now sees: their next edits build on these versions.
        self.ctx.saw(Record.EVENT, snapshot.id, snapshot.version)
        for item in snapshot.agenda:
            self.ctx.saw(Record.AGENDA_ITEM, item.id, item.version)
        for member in snapshot.cast:
            self.ctx.saw(Record.PARTICIPATION, member.participation_id, member.version)
        for invitation in snapshot.invitations:
            self.ctx.saw(Record.INVITATION, invitation.id, invitation.version)
        self.pages.setCurrentIndex(1)
        self.heading.setText(snapshot.title)
        self.heading.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        style = time_style(self.ctx.db)
        when = event_span_text(snapshot.starts_at, snapshot.ends_at, style)
        # A word joiner after the slash: a narrow editor wraps before the zone, never inside
        # it ("Asia/" on one line, "Karachi)" on the next).
        zone = snapshot.time_zone.replace("/", "/\u2060")
        kind = FORMAT_CHOICE_LABELS[snapshot.format]
        self.subheading.setText(f"{kind} · {STATUS_LABELS[snapshot.status]} · {when} ({zone})")
        self.badge.set_rule(snapshot.attribution)
        self.show_counts()
        for section in self.sections:
            section.show_event(snapshot)

    def show_counts(self) -> None:
        """The invitations' counts and what the cast still lacks: the same numbers, from the
        same function, as the Invitations and Checks sections."""
        if self._event_id is None:
            return
        counts = invitation_counts(self.ctx.db, self._event_id)
        text = f"Invitations: {counts.line(keep_parts_whole=True)}"
        if counts.still_needed:
            text += f" · {counts.needed_text()}"
        self.counts_label.setText(text)

    def set_checks_summary(self, errors: int, warnings: int) -> None:
        if errors or warnings:
            parts = []
            if errors:
                parts.append(f"{errors} problem{'s' if errors > 1 else ''}")
            if warnings:
                parts.append(f"{warnings} warning{'s' if warnings > 1 else ''}")
            self.checks_label.setText(toned_link("checks", f"⚠ {', '.join(parts)}", Tone.ERROR))
        else:
            self.checks_label.setText(toned("✓ no problems found", Tone.SUCCESS))

    def step_section(self, step: int) -> None:
        """Show the section ``step`` tabs on (wrapping around)."""
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def focus_title(self) -> None:
        """The keyboard in the Details' title, all of it selected (a new event's first field)."""
        self.tabs.setCurrentWidget(self.details)
        self.details.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.details.title_edit.selectAll()

    def show_section(self, title: str) -> Section:
        for index, section in enumerate(self.sections):
            if section.title == title:
                self.tabs.setCurrentIndex(index)
                return section
        raise KeyError(title)

    # --- actions the main window triggers ----------------------------------------------------

    def print_document(self, kind: str) -> None:
        self.show_section("Documents")
        self.documents.print_kind(kind)

    def duplicate(self, on_created: Callable[[int], None]) -> None:
        if self._event_id is None:
            return
        from planner.ui.events.new_event_dialog import create_event_command

        source = self._event_id
        try:
            created = create_event_command(self.ctx, DuplicateEvent(source))
        except PlannerError as error:
            QMessageBox.warning(self, "Planner", str(error))
            return
        on_created(created)

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "briefingSplitter": self.briefing.splitter,
            "reportSplitter": self.report.splitter,
            "documentsSplitter": self.documents.splitter,
        }

    def save_state(self, settings: QSettings) -> None:
        self.agenda.save_state(settings)
        settings.setValue("editor/tab", self.tabs.currentIndex())
        for key, splitter in self._splitters().items():
            settings.setValue(f"editor/{key}", splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        self.agenda.restore_state(settings)
        for key, splitter in self._splitters().items():
            state = settings.value(f"editor/{key}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        tab = settings.value("editor/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(str(tab)))
