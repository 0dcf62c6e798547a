"""The People directory: search as you type, a lazily fetched table, and the person page.

The search box is debounced (a burst of keystrokes runs one query); the table is a
``PeopleTableModel`` whose filtering and sorting happen in SQL, so 100,000 people stay fast.
Adding, deleting and merging are undoable commands on the shared undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services.operations import Insert, Record
from planner.services.people import PersonRow, person_row, role_history
from planner.services.people_edits import DeletePeople
from planner.ui.commands import push
from planner.ui.context import AppContext
from planner.ui.people import import_dialog as people_import
from planner.ui.people.import_dialog import PeopleImport
from planner.ui.people.model import (
    COL_AFFILIATION,
    COL_EMAIL,
    COL_NAME,
    COL_POSITION,
    PeopleTableModel,
)
from planner.ui.people.person_page import PersonPage
from planner.ui.widgets.bidi import isolate
from planner.ui.widgets.read_only import reading

SEARCH_DEBOUNCE_MS = 150
# The match count comes from a worker; one that takes longer than this says it is counting
# (a quicker one just replaces the figure, with no flicker in between).
COUNTING_HINT_MS = 250


EMAIL_COLUMN_WIDTH = 250  # an institutional address ("m.khan@strategic.example.org") whole


def deletion_name(row: PersonRow | None) -> str:
    """How the Delete question and the undo entry name a person: in full (the policy's full
    style), never a family name three people share."""
    return (row.display_name if row is not None else "") or "(no name)"


class PeopleView(QWidget):
    """The directory of people (``focus_search`` for Ctrl+F, ``refresh`` after outside edits)."""

    # The user wants to open an event from a person's history (the main window may connect).
    event_activated = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("PeopleView")
        self._import_job: PeopleImport | None = None
        self._sized = False

        self.search = QLineEdit()
        self.search.setAccessibleName("Search people")
        self.search.setObjectName("people_search")
        self.search.setPlaceholderText("Search name, affiliation or email  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        # Enter or Down goes from the search to the first match, keyboard only.
        self.search.returnPressed.connect(self._search_to_table)
        self.search.installEventFilter(self)

        self.model = PeopleTableModel(ctx.db, self)
        self.table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName("People")
        self.table.setObjectName("people_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view need not measure 100,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        # The email beside the name: it is what tells two namesakes apart, and at the end of
        # five columns it was cut off (or out of sight) in a window of ordinary width. The
        # model's columns stay as they are (CSV exports and sorting use them).
        header.moveSection(header.visualIndex(COL_EMAIL), 1)
        for column, width in (
            (COL_NAME, 230),
            (COL_EMAIL, EMAIL_COLUMN_WIDTH),
            (COL_POSITION, 160),
            (COL_AFFILIATION, 200),
        ):
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.page = PersonPage(ctx)
        self.page.person_changed.connect(self._on_person_changed)
        self.page.event_activated.connect(self.event_activated)

        self.count_label = QLabel()
        self.count_label.setObjectName("people_count")

        self.add_action = QAction("Add person", self)
        self.add_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_action.triggered.connect(self.add_person)
        self.delete_action = QAction("Delete", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.merge_action = QAction("Merge duplicates…", self)
        self.merge_action.setShortcut(QKeySequence("Ctrl+M"))
        self.merge_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.merge_action.triggered.connect(self.merge_selected)
        self.import_action = QAction("Import people…", self)
        self.import_action.setToolTip("Import people from a CSV or vCard (.vcf) file")
        self.import_action.triggered.connect(lambda: self.import_people())
        self.export_action = QAction("Export people…", self)
        self.export_action.setToolTip(
            "Export the directory as an Excel workbook (.xlsx), CSV or vCards (.vcf)"
        )
        self.export_action.triggered.connect(lambda: self.export_people())
        # Delete acts on the table only (in a text field it must delete text).
        self.table.addAction(self.delete_action)
        # Ctrl+F is the main window's Edit > Find, which calls focus_search (a second action
        # with the same shortcut here would make it ambiguous, and neither would fire).
        for action in (self.add_action, self.merge_action):
            self.addAction(action)

        # The search on a row of its own: beside five buttons it was squeezed to a few letters.
        toolbar = QHBoxLayout()
        self._buttons: dict[str, QToolButton] = {}
        for action in (
            self.add_action,
            self.delete_action,
            self.merge_action,
            self.import_action,
            self.export_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            toolbar.addWidget(button)
            self._buttons[action.text()] = button
        toolbar.addStretch(1)
        self.toolbar = toolbar
        reading(self.search, self._buttons[self.export_action.text()])

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addLayout(toolbar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("people_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.page)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self._counting_hint = QTimer(self)
        self._counting_hint.setSingleShot(True)
        self._counting_hint.setInterval(COUNTING_HINT_MS)
        self._counting_hint.timeout.connect(self._show_counting)
        self.model.modelReset.connect(self._update_count)
        self.model.count_changed.connect(self._show_count)
        self.model.count_failed.connect(self._show_count_failure)
        self._update_actions()
        self._update_count()

    def showEvent(self, event: QShowEvent) -> None:
        # First show: give the person page room to breathe (the main window may restore its
        # own splitter state afterwards).
        if not self._sized:
            self._sized = True
            width = max(self.width(), 800)
            self.splitter.setSizes([int(width * 0.55), int(width * 0.45)])
        else:
            # Coming back to the directory: the event editor may have added people or roles.
            self.refresh()
        super().showEvent(event)

    # --- public ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        """Re-read the directory and the person shown (after an import or another view's edit)."""
        shown = self.page.person_id
        self.model.reload()
        self.page.load(shown)
        if shown is not None:
            self.select_person(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() == Qt.Key.Key_Down:
                self._search_to_table()
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self.apply_search()
                return True
        return super().eventFilter(watched, event)

    def _search_to_table(self) -> None:
        self.apply_search()
        if self.model.rowCount():
            self.select_person(self.model.person_id(0))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_search(self) -> None:
        """Run the search now (the debounce timer calls this after the typing pauses)."""
        self._debounce.stop()
        self.model.set_filter(self.search.text())

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.person_id(row) for row in rows]

    def select_person(self, person_id: int) -> bool:
        """Select ``person_id`` in the table if it is among the rows shown; show its page."""
        row = self.model.row_of(person_id)
        if row is None:
            self.table.clearSelection()
            self.page.load(person_id)
            return False
        index = self.model.index(row, COL_NAME)
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def add_person(self) -> None:
        command = push(
            self.ctx,
            Insert(Record.PERSON, {"family_name": "New person"}, "Add person"),
            self._after_structure_change,
        )
        if command.created_id is not None:
            self.page.load(command.created_id)
            self.page.focus_field("family_name")
            self.ctx.show_status("Added a person: type their name.")

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        names = [deletion_name(person_row(self.ctx.db, pid)) for pid in ids]
        roles = sum(len(role_history(self.ctx.db, pid).entries) for pid in ids)
        from planner.services.event_contact import events_whose_contact_names

        contacts = events_whose_contact_names(self.ctx.db, ids)
        if roles or contacts:
            # Undo restores everything, but removing someone from programmes deserves a look.
            # The full name: "Khan" may be any of three people in the directory.
            one = len(ids) == 1
            who = isolate(names[0]) if one else f"{len(ids)} people"
            question = (
                f"{who} {'has' if one else 'have'} {roles} {'role' if roles == 1 else 'roles'} "
                "at events. Delete and remove them from those events?"
                if roles
                else f"Delete {who}?"
            )
            if contacts:
                listed = ", ".join(f"“{title}”" for title in contacts[:3])
                more = f" and {len(contacts) - 3} more" if len(contacts) > 3 else ""
                question += (
                    f" The contact of {listed}{more} names them: it will be emptied, so no "
                    "document prints a deleted person."
                )
            answer = QMessageBox.question(
                self, "Delete person", question + " (Edit > Undo brings everything back.)"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        text = f"Delete {names[0]}" if len(ids) == 1 else f"Delete {len(ids)} people"
        command = push(self.ctx, DeletePeople(tuple(ids), text), self._after_structure_change)
        if command.failure is None:  # else the save-failure dialog has said why
            self.ctx.show_status(text.replace("Delete", "Deleted", 1))

    def import_people(
        self, path: Path | None = None, *, then: Callable[[], None] | None = None
    ) -> PeopleImport:
        """Import a CSV or vCard file in a worker (asks for the file when ``path`` is None);
        ``then`` runs once the outcome was shown (File ▸ Import of several files: the next)."""
        job = PeopleImport(self.ctx, self)
        job.finished.connect(self._import_done)
        if then is not None:
            job.finished.connect(lambda _ok, _message: then())
        self._import_job = job
        if path is None:
            job.choose_and_start()
        else:
            job.start(path)
        return job

    def running_import(self) -> PeopleImport | None:
        """The import under way, if one is (the window asks before quitting)."""
        job = self._import_job
        return job if job is not None and job.running else None

    def export_people(self, path: Path | None = None) -> None:
        """Write the directory as .xlsx, .csv or .vcf (by the file's ending) in a worker."""
        from planner.services.contact_exports import write_people
        from planner.ui.people import contact_export as contact_export
        from planner.ui.worker import run_task

        if path is None:
            path = contact_export.choose_file(self, "Export people", "people")
            if path is None:
                return
        try:
            fmt = contact_export.format_of(path)
        except PlannerError as error:
            QMessageBox.warning(self, "Export people", str(error))
            return
        db, chosen = self.ctx.db, path
        self.export_action.setEnabled(False)

        def done(written: object) -> None:
            self.export_action.setEnabled(True)
            count = getattr(written, "count", 0)
            self.ctx.show_status(contact_export.written_text(count, "person", "people", chosen))

        def failed(message: str) -> None:
            self.export_action.setEnabled(True)
            QMessageBox.warning(self, "Export people", message)

        run_task(lambda: write_people(db, fmt, chosen), on_done=done, on_error=failed, owner=self)

    def _import_done(self, ok: bool, message: str) -> None:
        self.refresh()
        people_import.show_result(self, ok, message)

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) < 2:
            QMessageBox.information(
                self,
                "Merge duplicates",
                "Select two or more people in the directory (Ctrl+click) to merge them.",
            )
            return
        from planner.ui.people.merge_dialog import MergeDialog

        dialog = MergeDialog(self.ctx, ids, self, on_changed=self._after_structure_change)
        dialog.merged.connect(self.select_person)
        dialog.open()

    # --- reactions ---------------------------------------------------------------------------

    def _after_structure_change(self) -> None:
        shown = self.page.person_id
        self.model.reload()
        self.page.load(shown)
        if self.page.person_id is not None:
            self.select_person(self.page.person_id)

    def _on_person_changed(self, person_id: int) -> None:
        self.model.refresh_person(person_id)

    def _on_selection(self) -> None:
        ids = self.selected_ids()
        self._update_actions()
        if len(ids) == 1:
            self.page.load(ids[0])
        elif not ids:
            self.page.load(None)

    def _update_actions(self) -> None:
        count = len(self.selected_ids())
        self.delete_action.setEnabled(count >= 1)
        self.merge_action.setEnabled(count >= 2)

    def _update_count(self) -> None:
        # Counting reads every match: up to 0.9 s on a server for a one-letter word at 100,000
        # people. The model counts in a worker; this thread only starts it.
        self.model.request_count()
        if self.model.known_count is None:
            self._counting_hint.start()

    def _show_counting(self) -> None:
        if self.model.known_count is not None:
            return
        text = self.model.filter_text.strip()
        self.count_label.setText(
            f"Counting the people who match “{text}”…" if text else "Counting the people…"
        )

    def _show_count(self, total: int) -> None:
        self._counting_hint.stop()
        if self.model.filter_text.strip():
            matches = "1 person matches" if total == 1 else f"{total:,} people match"
            self.count_label.setText(f"{matches} “{self.model.filter_text.strip()}”")
        else:
            people = "1 person" if total == 1 else f"{total:,} people"
            self.count_label.setText(f"{people} in the directory")

    def _show_count_failure(self, message: str) -> None:
        self._counting_hint.stop()
        self.count_label.setText(f"Could not count the matches: {message}")
