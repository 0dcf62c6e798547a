"""Briefing (concept note, background, key issues) and Report (summary, discussion,
recommendations). The report's texts are checked as the organiser types: every mention of a
person linked to the event is highlighted (red when that person has not consented to be named)
and listed below with where it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.model import AttributionRule
from planner.services.snapshot import EventSnapshot
from planner.services.texts import Mention, NameScanner, report_scanner, text_problem
from planner.ui.editor.base import EditorHost, Section, set_plain_keep_cursor
from planner.ui.widgets.style import Tone, set_tone, tone_colour, toned


class TextField(QPlainTextEdit):
    """A long text that saves as it is typed (its section makes it one undo step per visit:
    Section.merge_on_leave)."""

    def __init__(self, placeholder: str, on_text: Callable[[str], object], *, field: str) -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        # The same maximum as the package and the people import (planner.model.limits): a
        # longer text is not saved, and the line under the field says why.
        self._field = field
        self.problem_label = _problem_label()
        self.setTabChangesFocus(True)
        # The app's QUndoStack undoes edits; the widget's own undo would fight it.
        self.setUndoRedoEnabled(False)
        self._loading = False
        self._on_text = on_text
        # The text last loaded or typed. QPlainTextEdit also emits textChanged when only the
        # formatting changes (the report checker's highlighter re-colours names every 120 ms):
        # that is no edit, and after a failed save it re-sent the write about 7 times a second.
        self._known = ""
        self.textChanged.connect(self._text_changed)

    def _text_changed(self) -> None:
        text = self.toPlainText()
        if self._loading or text == self._known:
            return
        self._known = text
        problem = text_problem(self._field, text)
        _show_problem(self.problem_label, problem)
        if not problem:
            self._on_text(text)

    def set_text(self, text: str) -> None:
        self._loading = True
        try:
            set_plain_keep_cursor(self, text)
            self._known = self.toPlainText()
        finally:
            self._loading = False


def _problem_label() -> QLabel:
    """The red line under a text or list that says why the last change was not saved."""
    label = QLabel()
    label.setWordWrap(True)
    set_tone(label, Tone.ERROR)
    label.hide()
    return label


def _show_problem(label: QLabel, problem: str | None) -> None:
    label.setText(f"{problem} Not saved." if problem else "")
    label.setVisible(bool(problem))


class NumberedStrings(QStringListModel):
    """Strings shown numbered ("1. …"), edited without the number."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return f"{index.row() + 1}.  {value}"
        return value


class OrderedList(QWidget):
    """An ordered list of short texts (key issues, recommendations): edit in place, add,
    remove, reorder by drag and drop or buttons. ``on_change`` gets the whole new list.

    Each item holds at most what the event's ``field`` allows (planner.model.limits): a longer
    one (a 2 MB paste) is not saved, the list goes back to what was saved, and the line under
    it names the item and the limit."""

    def __init__(self, noun: str, on_change: Callable[[list[str]], object], *, field: str) -> None:
        super().__init__()
        self.noun = noun
        self.on_change = on_change
        self._field = field
        self._known: list[str] = []  # the items last loaded or saved
        self.problem_label = _problem_label()
        self.model = NumberedStrings(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self._loading = False
        for signal in (self.model.dataChanged, self.model.rowsMoved, self.model.rowsRemoved):
            signal.connect(lambda *_: self._changed())
        buttons = QHBoxLayout()
        for text, slot in (
            (f"Add {noun}", self._add),
            ("Remove", self._remove),
            ("Up", lambda: self._move(-1)),
            ("Down", lambda: self._move(1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def items(self) -> list[str]:
        return [s for s in self.model.stringList() if s.strip()]

    def set_items(self, items: tuple[str, ...] | list[str]) -> None:
        """Show the stored ``items`` (what a refused change goes back to).

        Stored items the list already shows leave it as it is: a new, still empty row being
        typed into is kept. (A refresh after the concept note was saved, as the click on
        "Add issue" took the focus from it, wiped the new row and what was typed next.)"""
        stored = [s for s in items if s.strip()]
        if stored == self._known and self.items() == stored:
            return
        self._known = stored
        self._show(items)

    def _show(self, items: tuple[str, ...] | list[str]) -> None:
        if self.model.stringList() == list(items):
            return
        self._loading = True
        try:
            self.model.setStringList(list(items))
        finally:
            self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            # Deferred: a drag-and-drop move is an insert then a remove; save once it is whole.
            QTimer.singleShot(0, self._save)

    def _save(self) -> None:
        items = self.items()
        problem = text_problem(self._field, items)
        _show_problem(self.problem_label, problem)
        if problem:
            self._show(self._known)
            return
        self._known = items
        self.on_change(items)

    def add(self, text: str) -> None:
        self._show([*self.items(), text])
        self._save()

    def _add(self) -> None:
        row = self.model.rowCount()
        self._loading = True
        self.model.insertRows(row, 1)
        self._loading = False
        index = self.model.index(row)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def _remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.removeRows(index.row(), 1)

    def _move(self, step: int) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        items = self.model.stringList()
        row, to = index.row(), index.row() + step
        if not 0 <= to < len(items):
            return
        items[row], items[to] = items[to], items[row]
        self._show(items)
        self.view.setCurrentIndex(self.model.index(to))
        self._save()


class BriefingSection(Section):
    title = "Briefing"

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.concept = TextField(
            "Why this event, now (printed on the programme and the announcement)",
            lambda t: self.push_event_field("concept_note", t, "Edit concept note"),
            field="concept_note",
        )
        self.background = TextField(
            "Background for the chair and speakers (briefing note)",
            lambda t: self.push_event_field("background", t, "Edit background"),
            field="background",
        )
        self.issues = OrderedList(
            "issue",
            lambda items: self.push_event_field(
                "key_issues", items, "Edit key issues", mergeable=False
            ),
            field="key_issues",
        )
        self.merge_on_leave(self.concept, "concept_note")
        self.merge_on_leave(self.background, "background")
        self.splitter = _titled_splitter(
            self,
            ("Concept note", self.concept),
            ("Background", self.background),
            ("Key issues (questions, in order)", self.issues),
        )

    def fingerprint(self, snapshot: EventSnapshot) -> object:
        return (snapshot.concept_note, snapshot.background, snapshot.key_issues)

    def fill(self, snapshot: EventSnapshot) -> None:
        self.concept.set_text(snapshot.concept_note)
        self.background.set_text(snapshot.background)
        self.issues.set_items(snapshot.key_issues)


def _titled_splitter(section: QWidget, *parts: tuple[str, QWidget]) -> QSplitter:
    """The texts of ``section`` one above the other, each under its title, in a splitter that
    fills the section."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    for label, widget in parts:
        splitter.addWidget(_titled(label, widget))
    layout = QVBoxLayout(section)
    layout.addWidget(splitter)
    return splitter


def _titled(label: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.setSpacing(2)
    title = QLabel(f"<b>{label}</b>")
    layout.addWidget(title)
    # The title in bold names the text (or the list) to a screen reader too.
    named = widget.view if isinstance(widget, OrderedList) else widget
    title.setBuddy(named)
    if not named.accessibleName():
        named.setAccessibleName(label)
    layout.addWidget(widget, 1)
    if isinstance(widget, TextField | OrderedList):
        layout.addWidget(widget.problem_label)
    return box


class MentionHighlighter(QSyntaxHighlighter):
    """Marks the checker's mentions in one text field. The whole text is scanned (names may
    cross a line break) after each change; blocks are then coloured from those spans."""

    def __init__(self, document: QTextDocument, field: str) -> None:
        super().__init__(document)
        self.field = field
        self.scanner: NameScanner | None = None
        self.mentions: list[Mention] = []
        self._blocked = QTextCharFormat()
        self._blocked.setBackground(tone_colour(Tone.BLOCKED))
        self._blocked.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._blocked.setUnderlineColor(tone_colour(Tone.ERROR))
        self._allowed = QTextCharFormat()
        self._allowed.setBackground(tone_colour(Tone.ALLOWED))

    def set_scanner(self, scanner: NameScanner | None) -> None:
        self.scanner = scanner
        self.rescan()

    def rescan(self) -> None:
        text = self.document().toPlainText()
        self.mentions = list(self.scanner.scan(text, self.field)) if self.scanner else []
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        if not self.mentions:
            return
        block_start = self.currentBlock().position()
        block_end = block_start + len(text)
        for mention in self.mentions:
            if mention.end <= block_start or mention.start >= block_end:
                continue
            start = max(mention.start, block_start) - block_start
            end = min(mention.end, block_end) - block_start
            self.setFormat(start, end - start, self._allowed if mention.allowed else self._blocked)


class ReportSection(Section):
    title = "Report"

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.summary = TextField(
            "Summary of the discussion",
            lambda t: self._text_changed("report_summary", t, "Edit report summary"),
            field="report_summary",
        )
        self.discussion = TextField(
            "The discussion, as the rule allows it to be reported",
            lambda t: self._text_changed("report_discussion", t, "Edit report discussion"),
            field="report_discussion",
        )
        self.recommendations = OrderedList(
            "recommendation",
            lambda items: self._list_changed(items),
            field="report_recommendations",
        )
        self.merge_on_leave(self.summary, "report_summary")
        self.merge_on_leave(self.discussion, "report_discussion")
        self.highlighters = {
            "summary": MentionHighlighter(self.summary.document(), "summary"),
            "discussion": MentionHighlighter(self.discussion.document(), "discussion"),
        }
        self.findings_title = QLabel()
        self.findings_title.setWordWrap(True)
        self.findings = QListWidget()
        self.findings.setObjectName("reportFindings")
        self.findings.setAccessibleName("Checker findings")
        self.findings.setWordWrap(True)
        self.findings.itemActivated.connect(self._go_to)
        self.findings.itemClicked.connect(self._go_to)
        self._scan_timer = QTimer(self)
        self._scan_timer.setSingleShot(True)
        self._scan_timer.setInterval(120)
        self._scan_timer.timeout.connect(self.rescan)
        self.summary.textChanged.connect(self._scan_timer.start)
        self.discussion.textChanged.connect(self._scan_timer.start)

        findings_box = QWidget()
        findings_layout = QVBoxLayout(findings_box)
        findings_layout.setContentsMargins(0, 4, 0, 0)
        findings_layout.addWidget(self.findings_title)
        findings_layout.addWidget(self.findings, 1)
        self.splitter = _titled_splitter(
            self,
            ("Summary", self.summary),
            ("Discussion", self.discussion),
            ("Recommendations", self.recommendations),
        )
        self.splitter.addWidget(findings_box)
        self.scanner: NameScanner | None = None
        self._scanner_key: object = None
        self.rule = AttributionRule.CHATHAM_HOUSE

    def _text_changed(self, field: str, text: str, label: str) -> None:
        self.push_event_field(field, text, label)

    def _list_changed(self, items: list[str]) -> None:
        self.push_event_field(
            "report_recommendations", items, "Edit recommendations", mergeable=False
        )
        self._scan_timer.start()

    def fingerprint(self, snapshot: EventSnapshot) -> object:
        return (
            snapshot.report_summary,
            snapshot.report_discussion,
            snapshot.report_recommendations,
            self._people_key(snapshot),
        )

    @staticmethod
    def _people_key(snapshot: EventSnapshot) -> object:
        """Who the checker looks for and who may be named: its scanner depends on these."""
        return (
            snapshot.attribution,
            tuple((m.person_id, m.role) for m in snapshot.cast),
            snapshot.consents,
            tuple(i.person_id for i in snapshot.invitations),
            tuple(p.person_id for item in snapshot.agenda for p in item.people),
        )

    def fill(self, snapshot: EventSnapshot) -> None:
        self.rule = snapshot.attribution
        # The scanner knows who is linked to the event and who consented: rebuilt only when
        # those change (building it reads the event's people from the database).
        people_key = (snapshot.id, self._people_key(snapshot))
        if people_key != self._scanner_key:
            self._scanner_key = people_key
            self.scanner = self._build_scanner(snapshot.id)
        for highlighter in self.highlighters.values():
            highlighter.scanner = self.scanner
        self.summary.set_text(snapshot.report_summary)
        self.discussion.set_text(snapshot.report_discussion)
        self.recommendations.set_items(snapshot.report_recommendations)
        self.rescan()

    def _build_scanner(self, event_id: int) -> NameScanner | None:
        return report_scanner(self.ctx.db, event_id)

    def mentions(self) -> list[Mention]:
        found: list[Mention] = []
        for highlighter in self.highlighters.values():
            found.extend(highlighter.mentions)
        if self.scanner is not None:
            for i, text in enumerate(self.recommendations.items()):
                found.extend(self.scanner.scan(text, f"recommendations[{i + 1}]"))
        return found

    def rescan(self) -> None:
        for highlighter in self.highlighters.values():
            highlighter.rescan()
        mentions = self.mentions()
        self.findings.clear()
        blocked = [m for m in mentions if not m.allowed]
        if self.rule is AttributionRule.ON_THE_RECORD:
            self.findings_title.setText("<b>Checker</b>: on the record, everyone may be named.")
        elif self.rule is AttributionRule.OFF_THE_RECORD:
            self.findings_title.setText(
                "<b>Checker</b>: held off the record — no report may be published."
            )
        elif blocked:
            people = len({m.person_id for m in blocked})
            count = f"{len(blocked)} mention{'s' if len(blocked) > 1 else ''}"
            who = "1 person who has" if people == 1 else f"{people} people who have"
            self.findings_title.setText(
                "<b>Checker</b>: "
                + toned(f"{count} of {who} not consented to be named", Tone.ERROR)
                + " — a public report is refused until they are "
                "removed or consent is recorded (People section, “Named”)."
            )
        else:
            self.findings_title.setText("<b>Checker</b>: nobody is named who may not be.")
        for mention in mentions:
            item = QListWidgetItem(mention.describe())
            item.setData(Qt.ItemDataRole.UserRole, (mention.field, mention.start, mention.end))
            if not mention.allowed:
                item.setForeground(tone_colour(Tone.ERROR))
            self.findings.addItem(item)

    def _go_to(self, item: QListWidgetItem) -> None:
        field, start, end = item.data(Qt.ItemDataRole.UserRole)
        editor = {"summary": self.summary, "discussion": self.discussion}.get(field)
        if editor is None:
            return
        cursor = editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.setFocus()


__all__ = ["BriefingSection", "ReportSection"]
