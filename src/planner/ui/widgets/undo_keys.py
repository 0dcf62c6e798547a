"""Ctrl+Z and Ctrl+Shift+Z in a text field undo the application's last command.

Qt's text widgets keep their own undo history and claim the undo keys for it, which would leave
two histories: one that the database never hears of. Their shortcut override is refused here,
so the keys reach the main window's Undo and Redo actions (the shared QUndoStack).

The same fields count their visits (``visit_of``): typing merges into one undo step only
within one visit, so leaving a long text and coming back to it starts a new step (one Ctrl+Z
must not wipe a whole summary written over several visits).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

_UNDO_KEYS = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
)


# The dynamic property that holds a field's visit count (bumped when it loses the focus).
_VISIT = "plannerVisit"


class _UndoKeysToStack(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            _next_visit(watched)
            return False
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combination = event.keyCombination().toCombined()
            sequence = QKeySequence(combination)
            redo_keys = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))
            if any(event.matches(k) for k in _UNDO_KEYS) or sequence in redo_keys:
                event.ignore()  # not the widget's: let the window's shortcut have it
                return True
        return False


_filter: _UndoKeysToStack | None = None


def route_undo_to_stack(*widgets: QWidget) -> None:
    """Make the undo keys in ``widgets`` act on the application's undo stack."""
    global _filter
    if _filter is None:
        _filter = _UndoKeysToStack()
    for widget in widgets:
        widget.installEventFilter(_filter)
        if isinstance(widget, QLineEdit):
            # Return ends a visit too (the field keeps the focus; the edit is done).
            widget.editingFinished.connect(lambda w=widget: _next_visit(w))


def _next_visit(widget: QObject) -> None:
    widget.setProperty(_VISIT, visit_of(widget) + 1)


def visit_of(widget: QObject) -> int:
    """How often ``widget`` (routed by ``route_undo_to_stack``) has lost the focus: part of
    the merge key of the edits typed into it."""
    return int(widget.property(_VISIT) or 0)
