"""A searchable list of the IANA time zones (zoneinfo), shared by the organisation and series.

The zones ship with the program (``tzdata``), so the list works offline. Typing any part of a
zone's name ("karachi", "new_y") narrows the completer's list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from planner.zones import zone_names


def zone_combo(parent: QWidget | None = None, *, allow_empty: str | None = None) -> QComboBox:
    """An editable combo of the zones; ``allow_empty`` labels a leading "no zone" entry."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    if allow_empty is not None:
        combo.addItem(allow_empty, "")
    for zone in zone_names():
        combo.addItem(zone.replace("_", " "), zone)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo
