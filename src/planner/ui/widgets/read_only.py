"""A window on a database it may only read: every editing control unusable, the rest working.

One mechanism for every view: :class:`ReadOnlyLock` walks the window's widgets once and then
meets each again as it is shown (so widgets built later, such as a section opened for the first
time or a row's editor, are met too; Qt's Polish is no use here, as a widget may be polished
while it is being built, before it belongs to the window) and

- makes text fields, text areas and spin boxes read-only (they can still be selected and copied),
- disables combo boxes, check boxes and buttons,
- stops in-place editing in tables and lists (selecting, sorting and double-clicking still work),

except for the controls marked with :func:`reading` (search fields, filters, the month view,
document preview, print and export), and everything inside them. A control that a view enables
again later (a Delete button when a row is chosen) is disabled again at once.

Dialogs are windows of their own and are left alone: the ones that only read (export, print)
work, and the edits any of them would push are refused by the undo command (``ui.commands``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

READING = "plannerReading"
_LOCKED = "plannerLocked"
# Qt's own parts of a widget (a tab bar's scroll arrows, a calendar's month buttons): never ours.
_QT_PARTS = (QTabBar, QScrollBar, QCalendarWidget)


def reading(*widgets: QWidget) -> None:
    """Mark ``widgets`` (and what they contain) as controls that only read: a read-only window
    leaves them working."""
    for widget in widgets:
        widget.setProperty(READING, True)


def _spared(widget: QWidget, window: QWidget) -> bool:
    current: QWidget | None = widget
    while current is not None and current is not window:
        if current.property(READING) or isinstance(current, _QT_PARTS):
            return True
        parent = current.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True  # the line edit inside: its owner is locked as a whole
        current = parent
    return False


def lock(widget: QWidget, window: QWidget) -> None:
    """Make ``widget`` unusable for editing if it is an editing control of ``window``."""
    if widget.window() is not window or _spared(widget, window):
        return
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
        widget.setReadOnly(True)
    elif isinstance(widget, QAbstractItemView):
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        widget.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        return
    elif isinstance(widget, QComboBox | QAbstractButton):
        widget.setEnabled(False)
    else:
        return
    widget.setProperty(_LOCKED, True)


def _marked_reading(widget: QWidget, root: QWidget) -> bool:
    current: QWidget | None = widget
    while current is not None:
        if current.property(READING):
            return True
        if current is root:
            return False
        current = current.parentWidget()
    return False


def editing_in(root: QWidget) -> bool:
    """Whether the keyboard focus is in a field under ``root`` that the user can type into:
    a refresh then must not replace what is under their cursor."""
    focus = QApplication.focusWidget()
    if focus is None or not (focus is root or root.isAncestorOf(focus)):
        return False
    if _marked_reading(focus, root):
        return False  # a search field: typing there edits nothing
    if isinstance(focus, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
        return not focus.isReadOnly()
    return isinstance(focus, QComboBox) and focus.isEditable()


class ReadOnlyLock(QObject):
    """Locks the editing controls of ``window`` now and as they appear (see the module)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        for widget in window.findChildren(QWidget):
            lock(widget, window)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def release(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            lock(watched, self._window)
        elif (
            kind == QEvent.Type.EnabledChange
            and isinstance(watched, QWidget)
            and watched.property(_LOCKED)
            and watched.isEnabled()
            and isinstance(watched, QComboBox | QAbstractButton)
        ):
            watched.setEnabled(False)
        return False
