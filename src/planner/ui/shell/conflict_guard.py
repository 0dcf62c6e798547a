"""What the window does when an edit is refused because someone else changed the record since
the window read it (``StaleEdit``: another organiser, or a CLI import on the same file).

Nothing was written. One dialog says who changed it and when ("Changed by Sana at 14:02 since
you opened it") and offers:

- **Reload**: the editor shows the record as it is now; the user's own input stays in the
  dialog, in a read-only box they can copy from, until they close it;
- **Keep mine**: the edit is written again over the current version (one undoable step), and
  the history records it as an overwrite.

Keystrokes refused while the dialog is open join it (the last value of each field counts);
nothing is retried on its own. The refusal comes from the one undo mechanism
(``ui/commands.py``) through ``ctx.edit_conflict``, as a refused save comes to the save guard.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.services.operations import SetField
from planner.ui.commands import push
from planner.ui.conflict import Conflict
from planner.ui.context import AppContext
from planner.ui.widgets.bidi import isolate, isolate_quoted


def _latest(conflicts: list[Conflict]) -> list[Conflict]:
    """The refused edits, typing into one field counted once (its last value)."""
    kept: dict[object, Conflict] = {}
    for conflict in conflicts:
        operation = conflict.operation
        key: object = (
            (operation.record, operation.row_id, operation.field)
            if isinstance(operation, SetField)
            else id(conflict)
        )
        kept.pop(key, None)  # re-inserted last: the order is the order of the last edits
        kept[key] = conflict
    return list(kept.values())


class ConflictDialog(QDialog):
    """Who changed the record, and the user's refused input (see the module)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("editConflictDialog")
        self.setWindowTitle("Planner: changed by someone else")
        # Not modal: after a reload the user copies from the box into the editor.
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.headline = QLabel()
        self.headline.setObjectName("conflictHeadline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.mine_label = QLabel("Your input (not saved):")
        self.mine = QPlainTextEdit()
        self.mine.setObjectName("conflictMine")
        self.mine.setReadOnly(True)
        self.mine.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.mine.setMinimumHeight(90)
        self.mine.setFont(QFont(self.mine.font().family(), self.mine.font().pointSize()))
        self.buttons = QDialogButtonBox()
        self.reload_button: QPushButton = self.buttons.addButton(
            "Reload", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_button: QPushButton = self.buttons.addButton(
            "Keep mine", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.close_button: QPushButton = self.buttons.addButton(
            "Close", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.close_button.hide()
        self.reload_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addWidget(self.mine_label)
        layout.addWidget(self.mine, 1)
        layout.addWidget(self.buttons)
        self.resize(480, 300)

    def show_conflicts(self, conflicts: list[Conflict]) -> None:
        last = conflicts[-1]
        self.headline.setText(
            f"Changed by {isolate(last.error.who)}"
            + (f" at {last.error.at}" if last.error.at else "")
            + " since you opened it."
        )
        edits = ", ".join(dict.fromkeys(f"“{c.text}”" for c in conflicts))
        what = isolate_quoted(last.error.what)
        self.detail.setText(
            f"{what[:1].upper()}{what[1:]} was changed after you opened "
            f"it, so your edit {edits} was not saved.\n\n"
            "Reload shows their version (your input stays below to copy from). Keep mine "
            "writes yours over theirs; the history records that you did."
        )
        self.mine.setPlainText("\n".join(c.mine for c in conflicts))

    def show_reloaded(self, who: str) -> None:
        """After Reload: the box stays, to copy from; the choice is made."""
        self.headline.setText(f"Reloaded: the editor shows {isolate(who)}'s version.")
        self.detail.setText("Your input was not saved. Copy what you need from below.")
        self.reload_button.hide()
        self.keep_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)


class ConflictGuard(QObject):
    """Collects edits refused as stale and asks what to do (see the module)."""

    reloaded = Signal()  # show what the database holds now

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.pending: list[Conflict] = []
        self.dialog: ConflictDialog | None = None
        self._show_queued = False
        ctx.edit_conflict = self.report

    def report(self, conflict: Conflict) -> None:
        """An edit was refused. Shown once the command has unwound (it fails inside
        QUndoStack.push, inside a widget's signal: no place for a dialog)."""
        self.pending.append(conflict)
        self.ctx.show_status(f"{conflict.text} not saved: {conflict.error.headline}.")
        dialog = self.dialog
        if dialog is not None and dialog.reload_button.isVisible():
            dialog.show_conflicts(_latest(self.pending))
        elif not self._show_queued:
            self._show_queued = True
            QTimer.singleShot(0, self.show_dialog)

    def show_dialog(self) -> None:
        self._show_queued = False
        if not self.pending:
            return
        if self.dialog is not None:  # a reloaded one still open: a new conflict replaces it
            self.dialog.close()
            self.dialog.deleteLater()
        dialog = ConflictDialog(self.window)
        dialog.show_conflicts(_latest(self.pending))
        dialog.reload_button.clicked.connect(self.reload)
        dialog.keep_button.clicked.connect(self.keep_mine)
        dialog.close_button.clicked.connect(dialog.close)
        dialog.rejected.connect(self._dismissed)
        self.dialog = dialog
        dialog.show()

    def _dismissed(self) -> None:
        """Closed with Esc or the title bar before choosing: as Reload (nothing is written
        over anybody's edit without being asked)."""
        if self.pending:
            self.reload()
        self.dialog = None

    def reload(self) -> None:
        """Show the record as it is now; the user's input stays in the dialog's box."""
        conflicts, self.pending = self.pending, []
        self.reloaded.emit()
        if self.dialog is not None and conflicts:
            self.dialog.show_reloaded(conflicts[-1].error.who)
        self.ctx.show_status("Reloaded: your input is kept in the dialog to copy from.")

    def keep_mine(self) -> None:
        """Write the refused edits again over the current version (one undo step)."""
        conflicts, self.pending = _latest(self.pending), []
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.rejected.disconnect(self._dismissed)
            dialog.close()
            dialog.deleteLater()
        stack = self.ctx.undo_stack
        stack.beginMacro(conflicts[-1].text if conflicts else "Keep mine")
        try:
            for conflict in conflicts:
                push(self.ctx, conflict.operation, text=conflict.text, overwrite=True)
        finally:
            stack.endMacro()
        self.reloaded.emit()
        who = conflicts[-1].error.who if conflicts else "someone"
        self.ctx.show_status(f"Saved yours over {who}'s change (the history says so).")
