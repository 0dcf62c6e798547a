"""Choosing a person from the directory: a line edit with search-as-you-type.

The completer's model asks the database for the first matches of what has been typed
(``services.people.search_people``: LIKE over indexed columns), so it stays quick with 100,000
people; Qt's own filtering is switched off (UnfilteredPopupCompletion) because SQL already did it.
"""

from __future__ import annotations

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

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MATCHES = 20


def person_label(row: PersonRow) -> str:
    extra = ", ".join(p for p in (row.affiliation, row.email) if p)
    return f"{row.display_name} — {extra}" if extra else row.display_name


class PeopleMatchesModel(QAbstractListModel):
    """The first ``MATCHES`` people matching a search text, queried in SQL."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self._rows: list[PersonRow] = []
        self._text: str | None = None

    def search(self, text: str) -> None:
        text = text.strip()
        if text == self._text:
            return
        self._text = text
        rows = search_people(self.db, text, limit=MATCHES) if text else []
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

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
    """Type part of a name, affiliation or email; pick from the popup; ``picked`` says who."""

    picked = Signal(int, str)  # person id, display name

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Type a name, affiliation or email…")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Find a person")
        self.matches = PeopleMatchesModel(db, self)
        self.completer_ = QCompleter(self.matches, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.setCompleter(self.completer_)
        self.textEdited.connect(self._typed)
        # The QModelIndex overload of the overloaded signal (the str one loses the row).
        activated: Any = self.completer_.activated
        activated[QModelIndex].connect(self._chosen)
        self.returnPressed.connect(self._enter)

    def _typed(self, text: str) -> None:
        self.matches.search(text)
        if self.matches.rowCount():
            self.completer_.complete()

    def _chosen(self, index: QModelIndex) -> None:
        person_id = index.data(PERSON_ID_ROLE)
        if person_id is None:
            return
        row = self.matches.row_at(index.row())
        self.picked.emit(int(person_id), row.display_name)
        self.clear()
        # A mouse pick: the completer writes the chosen line into the field after this
        # signal; cleared again once it has, or "Name — email" stays behind.
        QTimer.singleShot(0, self.clear)

    def _enter(self) -> None:
        # Enter with exactly one match picks it (quick keyboard use).
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
