"""Documents: render any document in the background (progress bar, Cancel), preview it inside
the application (QtPdf), open it in the system viewer, save it, print it; share by email (an .eml
draft opened in the mail program), export the calendar entry (.ics), the participant list (.xlsx,
.csv or .vcf) and the event package.

ReportLab and QtPdf are imported only when the first document is rendered, so the window opens
without them.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services.operations import Database
from planner.services.rendering import EventDocument
from planner.services.snapshot import EventSnapshot
from planner.ui.editor.base import EditorHost, Section
from planner.ui.editor.out_of_date import OutOfDateBar
from planner.ui.widgets.file_names import safe_file_name
from planner.ui.widgets.read_only import reading
from planner.ui.widgets.style import Tone, set_tone, toned
from planner.ui.worker import TaskControl, TaskHandle, run_controlled_task

P = ParamSpec("P")


@dataclass(frozen=True)
class DocumentChoice:
    kind: str
    audience: str | None  # None: the document's default audience
    label: str
    note: str


DOCUMENTS: tuple[DocumentChoice, ...] = (
    DocumentChoice("programme", None, "Programme", "for the seats: the cast and the rule's notice"),
    DocumentChoice("programme", "public", "Programme (public)", "for the website and the press"),
    DocumentChoice("briefing", None, "Briefing note", "for the chair and speakers; confidential"),
    DocumentChoice("report", None, "Report (public)", "as published; refused if it names anyone"),
    DocumentChoice("report", "organisers", "Report (organisers' draft)", "internal: names kept"),
    DocumentChoice("badges", None, "Name badges", "90 × 55 mm, ten to an A4 sheet"),
    DocumentChoice("tents", None, "Table tents", "folded A4, name readable from both sides"),
    DocumentChoice("signin", None, "Sign-in sheet", "confidential list for the door"),
)


@dataclass(frozen=True)
class RenderedDocument:
    kind: str
    label: str
    pdf: bytes
    warnings: tuple[str, ...]
    # What it was rendered from: recorded when it is printed, saved or opened, so an edit
    # later shows it as out of date.
    source: EventDocument | None = None
    audience: str | None = None


def render_pdf(
    db: Database,
    event_id: int,
    kind: str,
    audience: str | None = None,
    control: TaskControl | None = None,
) -> EventDocument:
    """The PDF of ``kind`` (its default audience unless ``audience`` is given), its warnings
    and what it was rendered from, through ``services.rendering``; ``control`` hears each
    page and can stop the render."""
    from planner.services.rendering import render_event_document

    def pages(done: int) -> None:
        if control is not None:
            control.progress(done, 0, f"{done} page{'s' if done != 1 else ''} rendered")

    if control is not None:
        control.progress(0, 0, "Building the sheet")
    return render_event_document(db, event_id, kind, audience=audience, progress=pages)


# How long after the last edit the document shown is rendered again (typing in the report
# must not start a render per letter).
RERENDER_DELAY_MS = 800


def open_drafts(paths: list[Path], folder: Path) -> None:
    """Open one draft in the mail program (X-Unsent: it opens as a draft to send), or the
    folder when there are several."""
    opened = len(paths) == 1 and QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths[0])))
    if not opened:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class DocumentsSection(Section):
    title = "Documents"

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.choices = QListWidget()
        self.choices.setObjectName("documentChoices")
        self.choices.setAccessibleName("Documents")
        for choice in DOCUMENTS:
            item = QListWidgetItem(f"{choice.label}\n{choice.note}")
            item.setToolTip(choice.note)
            self.choices.addItem(item)
        self.choices.setWordWrap(True)
        self.choices.setSpacing(2)
        self.choices.setCurrentRow(0)
        self.choices.itemDoubleClicked.connect(lambda _i: self.render_selected())

        self.render_button = QPushButton("Render and preview")
        self.render_button.setObjectName("renderButton")
        self.render_button.clicked.connect(lambda: self.render_selected())
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open_external)
        self.save_button = QPushButton("Save as…")
        # (clicked passes a "checked" flag, which must not become the path)
        self.save_button.clicked.connect(lambda: self.save_as())
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(self.print_current)
        for button in (self.open_button, self.save_button, self.print_button):
            button.setEnabled(False)

        share_title = QLabel("<b>Share</b>")
        self.mail_buttons: dict[str, QPushButton] = {}
        share = QVBoxLayout()
        share.addWidget(share_title)
        # Invitations are written where their recipients are chosen (the Invitations
        # section: not yet invited, the cast, no reply ...): this button takes the organiser
        # there rather than writing to everyone at once.
        invitations_button = QPushButton("Email invitations…")
        invitations_button.setToolTip("Choose whom to invite in the Invitations section")
        invitations_button.clicked.connect(lambda: self.on_invitations())
        self.mail_buttons["invitation"] = invitations_button
        share.addWidget(invitations_button)
        for kind, text in (
            ("briefing", "Email the briefing…"),
            ("report", "Email the report…"),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=kind: self.share_by_email(k))
            self.mail_buttons[kind] = button
            share.addWidget(button)
        self.ics_button = QPushButton("Calendar entry (.ics)…")
        self.ics_button.clicked.connect(lambda: self.export_ics())
        share.addWidget(self.ics_button)
        participants_button = QPushButton("Participant list…")
        participants_button.setObjectName("participantsButton")
        participants_button.setToolTip(
            "The organisers' participant list as an Excel workbook, CSV or vCards (contacts)"
        )
        participants_button.clicked.connect(lambda: self.export_participants())
        share.addWidget(participants_button)
        package_button = QPushButton("Event package…")
        package_button.clicked.connect(self.export_package)
        share.addWidget(package_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.choices, 1)
        left_layout.addWidget(self.render_button)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        left_layout.addLayout(row)
        left_layout.addLayout(share)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        self.progress_box.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.preview_stack = QStackedWidget()
        placeholder = QLabel("Choose a document and render it to see it here.")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_tone(placeholder, Tone.MUTED)
        placeholder.setWordWrap(True)
        self.preview_stack.addWidget(placeholder)
        self.preview: Any = None  # the PdfPreview, made when the first PDF is shown
        # After an edit the document shown is rendered again, once the typing has paused.
        self._rerender_timer = QTimer(self)
        self._rerender_timer.setSingleShot(True)
        self._rerender_timer.setInterval(RERENDER_DELAY_MS)
        self._rerender_timer.timeout.connect(self._rerender)
        self._stale = False  # an edit arrived while the section was hidden
        self._quiet = False  # the running render is such a re-render (no progress bar)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.progress_box)
        right_layout.addWidget(self.message)
        right_layout.addWidget(self.preview_stack, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter = splitter
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 500])
        reading(self)  # previews, prints and exports: all of it works read-only
        self.bar = OutOfDateBar("documentsOutOfDate")
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(splitter, 1)
        # Called after a document was recorded as printed, saved or opened (the editor
        # refreshes both out-of-date bars).
        self.on_recorded: Callable[[], None] = self.refresh_bar
        # "Email invitations…": the editor shows its Invitations section.
        self.on_invitations: Callable[[], None] = lambda: None

        self.current: RenderedDocument | None = None
        self._shown_event: int | None = None
        self._generation = 0  # counts renders started; only the latest one's results count
        self._task: TaskHandle[Any] | None = None
        self._print_after_render = False
        # Tests turn these off: no modal dialogs, no system viewer.
        self.interactive = True

    def fingerprint(self, snapshot: EventSnapshot) -> object:
        return snapshot  # every edit of the event may change the document shown

    def show_event(self, snapshot: EventSnapshot) -> None:
        super().show_event(snapshot)
        self.refresh_bar()

    def refresh_bar(self) -> None:
        if self.host.event_id is not None:
            self.bar.refresh(self.ctx.db, self.host.event_id)

    def _record(self, how: str) -> None:
        """Remember that the document shown was ``how`` ("printed", "saved", "opened")."""
        source = self.current.source if self.current is not None else None
        if source is None:
            return
        from planner.services.rendering import record_output

        try:
            record_output(self.ctx.db, source, how)
        except PlannerError as error:
            self.ctx.show_status(f"Not recorded as {how}: {error}")
            return
        self.on_recorded()

    def fresh_copy(self) -> None:
        """Render the first document the bar says is out of date, to print or save again."""
        stale = self.bar.state.documents
        if not stale:
            return
        self.render_kind(stale[0].document, stale[0].audience)

    def render_kind(self, kind: str, audience: str | None = None) -> None:
        """Choose ``kind`` for ``audience`` in the list (its default one when it is the
        default) and render it."""
        from planner.services.dispatches import default_audience

        for row, choice in enumerate(DOCUMENTS):
            wanted = choice.audience or default_audience(choice.kind).value
            if choice.kind == kind and (audience is None or wanted == audience):
                self.choices.setCurrentRow(row)
                break
        self.render_selected()

    def fill(self, snapshot: EventSnapshot) -> None:
        shown_before = self._shown_event
        self._shown_event = snapshot.id
        if shown_before != snapshot.id:
            # Another event: its documents are not rendered yet.
            self._rerender_timer.stop()
            self._stale = False
            if self.current is not None:
                self._clear_preview()
        elif self.current is not None:
            # An edit of the event shown: render the document again once the edits pause; the
            # old pages stay until the new ones are ready.
            self._rerender_timer.start()

    def _rerender(self) -> None:
        if self.current is None:
            return
        if not self.isVisible():  # rendered when the section is shown again
            self._stale = True
            return
        self._stale = False
        self.render_selected(quiet=True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._rerender_timer.start()

    # --- rendering ---------------------------------------------------------------------------

    def selected_choice(self) -> DocumentChoice:
        return DOCUMENTS[max(0, self.choices.currentRow())]

    def current_choice(self) -> DocumentChoice:
        """The choice of the document shown (the list may have moved on since)."""
        if self.current is not None:
            for choice in DOCUMENTS:
                if (choice.kind, choice.audience) == (self.current.kind, self.current.audience):
                    return choice
        return self.selected_choice()

    def print_kind(self, kind: str) -> None:
        """Render ``kind`` (its default audience) and then open the print dialog."""
        for row, choice in enumerate(DOCUMENTS):
            if choice.kind == kind and choice.audience is None:
                self.choices.setCurrentRow(row)
                break
        self._print_after_render = True
        self.render_selected()

    def render_selected(self, *, quiet: bool = False) -> None:
        """Render the chosen document in the background and preview it; ``quiet`` (a
        re-render after an edit) keeps the page shown and shows no progress bar."""
        event_id = self.host.event_id
        if event_id is None:
            return
        if self._task is not None:
            self._task.cancel()
        self._rerender_timer.stop()
        choice = self.current_choice() if quiet and self.current else self.selected_choice()
        db = self.ctx.db
        self._quiet = quiet
        if quiet:
            self.message.setText(f"{self.current.label if self.current else ''}: updating…")
        else:
            # Pages are counted, their total is not known beforehand.
            self.progress.setRange(0, 0)
            self.progress.setFormat(f"Rendering the {choice.label.lower()}…")
            self.progress_box.show()
            self.render_button.setEnabled(False)
            self.message.setText("")

        # A render replaced by a newer one (an edit while it ran) is cancelled; what it reports
        # after that must not hide the newer one's progress or replace its result.
        self._generation += 1
        generation = self._generation

        def work(control: TaskControl) -> RenderedDocument:
            source = render_pdf(db, event_id, choice.kind, choice.audience, control)
            warnings = tuple(source.warnings)
            return RenderedDocument(
                choice.kind, choice.label, source.pdf, warnings, source, choice.audience
            )

        self._task = run_controlled_task(
            work,
            on_done=self._if_latest(generation, self._rendered),
            on_progress=self._if_latest(generation, self._progressed),
            on_error=self._if_latest(generation, self._failed),
            on_cancelled=self._if_latest(generation, self._cancelled),
            owner=self,
        )

    def _if_latest(self, generation: int, callback: Callable[P, None]) -> Callable[P, None]:
        """``callback``, called only while render ``generation`` is the latest one."""

        def call(*args: P.args, **kwargs: P.kwargs) -> None:
            if generation == self._generation:
                callback(*args, **kwargs)

        return call

    def _progressed(self, done: int, total: int, text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.progress.setFormat(text)

    def _finished(self) -> None:
        self._task = None
        self.progress_box.hide()
        self.render_button.setEnabled(True)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _cancelled(self) -> None:
        self._finished()
        self._print_after_render = False
        if not self._quiet:
            self.message.setText("Rendering cancelled.")

    def _failed(self, message: str) -> None:
        self._finished()
        self._print_after_render = False
        # The preview, Open, Save and Print must not go on offering the document shown before
        # (a refused public report left the briefing note there, ready to print as if it were
        # the report).
        self._clear_preview()
        self._show_error(message)
        self.ctx.show_status(message.splitlines()[0] if message else "Rendering failed")

    def _show_error(self, message: object) -> None:
        """``message`` in red, one line of it a line (a refusal lists each finding)."""
        lines = [html.escape(line.strip()) for line in str(message).splitlines() if line.strip()]
        self.message.setText(toned("<br>".join(lines), Tone.ERROR))

    def _rendered(self, document: RenderedDocument) -> None:
        self._finished()
        self.current = document
        pages = self.show_pdf(document.pdf)
        text = f"{document.label}: {pages} page{'s' if pages != 1 else ''}."
        if document.warnings:
            text += " " + " ".join(document.warnings)
        self.message.setText(text)
        for button in (self.open_button, self.save_button, self.print_button):
            button.setEnabled(True)
        self.ctx.show_status(f"{document.label} rendered")
        if self._print_after_render:
            self._print_after_render = False
            self.print_current()

    def show_pdf(self, pdf: bytes) -> int:
        """Preview ``pdf`` (QtPdf, imported now), in place of the one shown; its page count."""
        if self.preview is None:
            from planner.ui.editor.preview import PdfPreview

            self.preview = PdfPreview(shortcut_scope=self)
            self.preview_stack.addWidget(self.preview)
        pages = int(self.preview.show_pdf(pdf))
        self.preview_stack.setCurrentWidget(self.preview)
        return pages

    @property
    def pdf_document(self) -> Any:
        """The QPdfDocument previewed (None before the first render)."""
        return self.preview.document if self.preview is not None else None

    def _clear_preview(self) -> None:
        self.current = None
        if self.preview is not None:
            self.preview.clear()
        self.preview_stack.setCurrentIndex(0)
        self.message.setText("")
        for button in (self.open_button, self.save_button, self.print_button):
            button.setEnabled(False)

    # --- what to do with it ------------------------------------------------------------------

    def _file_name(self) -> str:
        title = self.snapshot.title if self.snapshot else "event"
        label = self.current.label if self.current else "document"
        return f"{safe_file_name(title)}-{safe_file_name(label)}.pdf"

    def open_external(self) -> None:
        if self.current is None:
            return
        folder = Path(tempfile.gettempdir()) / "planner-documents"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self._file_name()
        path.write_bytes(self.current.pdf)
        self._record("opened")
        if self.interactive and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.message.setText(f"No PDF viewer is set up; the file is at {path}")

    def save_as(self, path: Path | None = None) -> Path | None:
        if self.current is None:
            return None
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Save document", str(Path.home() / self._file_name()), "PDF (*.pdf)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            from planner.services.exports import atomic_write

            atomic_write(path, self.current.pdf)
        except (OSError, PlannerError) as error:
            QMessageBox.warning(self, "Planner", f"Could not save {path}: {error}")
            return None
        self.ctx.show_status(f"Saved {path}")
        self._record("saved")
        return path

    def print_current(self) -> None:
        if self.current is None or self.pdf_document is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._file_name())
        if not self.interactive:
            return
        dialog = QPrintDialog(printer, self)
        if dialog.exec():
            self.print_to(printer)

    def print_to(self, printer: Any) -> None:
        """Paint each page of the previewed PDF on ``printer`` (as an image at its resolution)."""
        document = self.pdf_document
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "Planner", "The printer could not be started.")
            return
        try:
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                target = painter.viewport()
                size = document.pagePointSize(page).toSize()
                size.scale(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                image = document.render(page, size)
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
        self._record("printed")

    def share_by_email(self, kind: str, folder: Path | None = None) -> list[Path]:
        """Write the drafts of ``kind`` ("briefing" or "report"; invitations are written by
        the Invitations section) and open them in the mail program (or show the folder)."""
        event_id = self.host.event_id
        if event_id is None:
            return []
        from planner.services.drafts import outbox_folder
        from planner.services.exports import write_email_drafts

        folder = folder or outbox_folder(self.ctx.db, event_id, kind)
        try:
            paths = write_email_drafts(self.ctx.db, event_id, kind, folder)
        except PlannerError as error:
            self._show_error(error)
            return []
        if not paths:
            self.message.setText("Nobody to write to: invite people or add the cast first.")
            return []
        from planner.services.organisation import sender_problem

        unsigned = sender_problem(self.ctx.db)
        self.message.setText(
            f"{len(paths)} draft{'s' if len(paths) > 1 else ''} written to {folder}. "
            "Open one in your mail program, check it and send it."
            + (f" {unsigned}" if unsigned else "")
        )
        if self.interactive:
            open_drafts(paths, folder)
        return paths

    def export_ics(self, path: Path | None = None) -> Path | None:
        event_id = self.host.event_id
        if event_id is None:
            return None
        if path is None:
            title = self.snapshot.title if self.snapshot else "event"
            chosen, _f = QFileDialog.getSaveFileName(
                self,
                "Export calendar entry",
                str(Path.home() / f"{safe_file_name(title)}.ics"),
                "Calendar (*.ics)",
            )
            if not chosen:
                return None
            path = Path(chosen)
        from planner.services.exports import write_ics

        try:
            written = write_ics(self.ctx.db, path, event_id=event_id)
        except PlannerError as error:
            self._show_error(error)
            return None
        self.message.setText(f"Calendar entry written to {written}")
        return written

    def export_participants(self, path: Path | None = None) -> Path | None:
        """The participant list (organisers only) as .xlsx, .csv or .vcf, by the file's ending."""
        event_id = self.host.event_id
        if event_id is None:
            return None
        from planner.ui.people import contact_export as contact_export

        if path is None:
            title = self.snapshot.title if self.snapshot else "event"
            path = contact_export.choose_file(
                self, "Export participant list", f"participants-{safe_file_name(title)}"
            )
            if path is None:
                return None
        from planner.services.contact_exports import write_participants

        try:
            written = write_participants(
                self.ctx.db, event_id, contact_export.format_of(path), path
            )
        except PlannerError as error:
            self._show_error(error)
            return None
        text = contact_export.written_text(
            written.count, "participant", "participants", written.path
        )
        self.message.setText(f"{text} (confidential: for the organisers).")
        return written.path

    def export_package(self) -> None:
        event_id = self.host.event_id
        if event_id is None:
            return
        from planner.ui.events.package_dialogs import export_package_interactive

        export_package_interactive(self.ctx, self, event_id)
