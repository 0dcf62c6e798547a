"""A searchable list of the IANA time zones (zoneinfo), shared by the organisation and series.

The zones ship with the program (``tzdata``), so the list works offline. Typing any part of a
zone's name ("karachi", "new_y") narrows the completer's list.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone, sorted; the legacy aliases without a slash (``EST``) left out."""
    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))


def is_zone(name: str) -> bool:
    return name in zone_names()


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
