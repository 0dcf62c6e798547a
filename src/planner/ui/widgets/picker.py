"""Choosing a person from the directory: a line edit with search-as-you-type.

The completer's model asks the database for the first matches of what has been typed
(``services.people.search_people``: LIKE over indexed columns), once the typing pauses and in a
worker, so a directory of 100,000 people never holds up a key; Qt's own filtering is switched
off (UnfilteredPopupCompletion) because SQL already did it.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from planner.services.database import Database
from planner.services.people import PersonRow, search_people
from planner.ui.widgets.model_index import ROOT, Index
from planner.ui.worker import TaskControl, TaskHandle, run_controlled_task

log = logging.getLogger(__name__)

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MATCHES = 20
SEARCH_DEBOUNCE_MS = 150  # as the People view's search: a burst of keys runs one query


def person_label(row: PersonRow) -> str:
    extra = ", ".join(p for p in (row.affiliation, row.email) if p)
    return f"{row.display_name} — {extra}" if extra else row.display_name


class PeopleMatchesModel(QAbstractListModel):
    """The first ``MATCHES`` people matching a search text, queried in SQL.

    ``request`` queries in a worker (``ui.worker``): at 100,000 people a word of one letter
    takes 0.1-0.25 s, too long for the GUI thread on every key. Rows for a text the user has
    typed past are dropped. ``search`` queries at once (Enter, scripts)."""

    matched = Signal()  # the rows for a new text are in

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self._rows: list[PersonRow] = []
        self._shown = ""  # the text the rows are for
        self._wanted = ""  # the text last asked for (its rows may still be on their way)
        self._task: TaskHandle[list[PersonRow]] | None = None

    @property
    def shown_text(self) -> str:
        """The (stripped) text whose matches the rows are."""
        return self._shown

    def search(self, text: str) -> None:
        """Query ``text`` now, on the calling thread."""
        text = text.strip()
        self._forget_request(text)
        if text != self._shown:
            self._show(text, search_people(self.db, text, limit=MATCHES) if text else [])

    def request(self, text: str) -> None:
        """Query ``text`` in a worker; ``matched`` is emitted when its rows are in."""
        text = text.strip()
        if text == self._wanted:
            return
        self._forget_request(text)
        if not text:
            self._show("", [])
            return
        db = self.db

        def work(control: TaskControl) -> list[PersonRow]:
            control.check()  # typed past it while it waited for a thread
            return search_people(db, text, limit=MATCHES)

        def done(rows: list[PersonRow]) -> None:
            if text == self._wanted:  # else an older text's rows, arriving late
                self._task = None
                self._show(text, rows)

        def failed(message: str) -> None:
            log.warning("searching people for the picker failed: %s", message)

        handle = run_controlled_task(work, on_done=done, on_error=failed, owner=self)
        if text == self._wanted and self._shown != text:
            self._task = handle  # still running (a synchronous runner has shown it already)

    def clear(self) -> None:
        """No rows (after a pick), and no request on its way."""
        self._forget_request("")
        self._show("", [])

    def _forget_request(self, text: str) -> None:
        self._wanted = text
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _show(self, text: str, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._shown = text
        self.endResetModel()
        self.matched.emit()

    def row_at(self, row: int) -> PersonRow:
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return person_label(row)
        if role == PERSON_ID_ROLE:
            return row.id
        return None


class PersonSearchEdit(QLineEdit):
    """Type part of a name, affiliation or email; pick from the popup; ``picked`` says who.

    The search runs ``SEARCH_DEBOUNCE_MS`` after the last key, in a worker. Enter with one
    match picks it, also when it comes before the search did (it then searches at once)."""

    picked = Signal(int, str)  # person id, display name

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Type a name, affiliation or email…")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Find a person")
        self.matches = PeopleMatchesModel(db, self)
        self.matches.matched.connect(self._matches_in)
        self.completer_ = QCompleter(self.matches, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        popup = self.completer_.popup()
        assert popup is not None  # a completer always has one
        self._popup = popup
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.matches.request(self.text()))
        self.textEdited.connect(lambda _text: self._debounce.start())
        # Set from a pick until the events that delivered it are done: a double-click is two
        # clicks, and would pick the same person a second time.
        self._picking = False
        # The QModelIndex overload of the overloaded signal (the str one loses the row).
        activated: Any = self.completer_.activated
        activated[QModelIndex].connect(self._chosen)
        self.returnPressed.connect(self._enter)

    def _matches_in(self) -> None:
        if self.matches.shown_text != self.text().strip() or not self.hasFocus():
            return  # rows for another text, or the user has moved on
        if self.matches.rowCount():
            self.completer_.complete()
        else:
            self._popup.hide()

    def _chosen(self, index: QModelIndex) -> None:
        person_id = index.data(PERSON_ID_ROLE)
        if person_id is None or self._picking:
            return
        row = self.matches.row_at(index.row())
        self._picking = True
        self._debounce.stop()
        self.picked.emit(int(person_id), row.display_name)
        self.clear()
        self.matches.clear()
        # A mouse pick: the completer writes the chosen line into the field after this
        # signal; cleared again once it has, or "Name — email" stays behind.
        QTimer.singleShot(0, self._picked)

    def _picked(self) -> None:
        self._picking = False
        self.clear()

    def _enter(self) -> None:
        # Enter on a row chosen in the popup: the field hears it first, then the completer,
        # which picks that row (picking here too added the person twice).
        popup = self._popup
        if self._picking or (popup.isVisible() and popup.currentIndex().isValid()):
            return
        # Enter with exactly one match picks it (quick keyboard use), typed faster than the
        # debounce or not: matches for an older text are searched anew, at once.
        self._debounce.stop()
        self.matches.search(self.text())
        if self.matches.rowCount() == 1:
            self._chosen(self.matches.index(0, 0))

    def choose_first(self, text: str) -> bool:
        """Search ``text`` and pick the first match (tests, scripted use)."""
        self.setText(text)
        self.matches.search(text)
        if not self.matches.rowCount():
            return False
        self._chosen(self.matches.index(0, 0))
        return True
