"""What the window does when the database refuses an edit: stop, and ask once.

Every edit is written as it is made (there is no Save button), so a write that fails must not
pass in the status bar unseen. The undo commands hand each refused edit here (``ctx.save_failed``)
as a :class:`PendingEdit`; the guard collects them and shows one dialog naming the cause, with
three ways out:

- **Try again**: the edits are pushed again as undoable steps (a lock released, space freed);
- **Save to an event package…**: the events they touch, with the edits applied, are written as
  an event package wherever the user chooses (import it once the database can be written);
- **Discard**: the edits are dropped and the editor shows what the database holds.

More failures while the dialog is open join it; nothing retries on its own. Quitting with
pending edits asks first (``confirm_close``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from planner.errors import PlannerError
from planner.ui.commands import OperationCommand
from planner.ui.context import AppContext

if TYPE_CHECKING:
    # The package code is imported when a package is made, not with the window.
    from planner.services.rescue import PendingEdit, Rescue

# Where the user wants the package: given a suggested path, the chosen one (None: cancelled).
ChoosePath = Callable[[Path], Path | None]

MAX_LISTED = 6  # edits named in the dialog; the rest are counted


def ask_package_path(parent: QWidget, suggested: Path) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        "Save the unsaved edits as an event package",
        str(suggested),
        "Event package (*.json)",
    )
    return Path(chosen) if chosen else None


def _describe(edits: list[PendingEdit]) -> str:
    """The edits as a list, typing into one field counted once ("Edit title (5 changes)")."""
    counts: dict[str, int] = {}
    for edit in edits:
        counts[edit.text] = counts.get(edit.text, 0) + 1
    names = [
        f"• {text}" + (f" ({n} changes)" if n > 1 else "")
        for text, n in list(counts.items())[:MAX_LISTED]
    ]
    if len(counts) > MAX_LISTED:
        names.append(f"• and {len(counts) - MAX_LISTED} more")
    return "\n".join(names)


class SaveFailedDialog(QMessageBox):
    """One dialog for every edit refused since it opened (never one per keystroke)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("saveFailedDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Planner: not saved")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.retry_button: QPushButton = self.addButton(
            "Try again", QMessageBox.ButtonRole.AcceptRole
        )
        self.package_button: QPushButton = self.addButton(
            "Save to an event package…", QMessageBox.ButtonRole.ActionRole
        )
        self.discard_button: QPushButton = self.addButton(
            "Discard", QMessageBox.ButtonRole.DestructiveRole
        )
        self.setDefaultButton(self.retry_button)
        self.setEscapeButton(self.retry_button)  # Esc must not throw edits away

    def show_edits(self, edits: list[PendingEdit]) -> None:
        last = edits[-1]
        count = "Your last edit was" if len(edits) == 1 else f"Your last {len(edits)} edits were"
        self.setText(f"{count} not saved: {last.cause}.")
        self.setInformativeText(
            f"Not saved:\n{_describe(edits)}\n\n"
            "Try again once the cause is fixed, keep the edits in an event package elsewhere "
            "(File ▸ Import… puts them back), or discard them. The window shows "
            "them until you choose."
        )
        # What the database said, for whoever looks after it.
        self.setDetailedText(
            "\n".join(dict.fromkeys(f"{e.text}: {e.detail or e.cause}" for e in edits))
        )


class SaveGuard(QObject):
    """Collects refused edits and asks what to do with them (see the module)."""

    resolved = Signal()  # edits were dropped or kept elsewhere: show what the database holds

    def __init__(
        self, ctx: AppContext, window: QWidget, choose_path: ChoosePath | None = None
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.choose_path: ChoosePath = choose_path or (lambda p: ask_package_path(window, p))
        self.pending: list[PendingEdit] = []
        self.dialog: SaveFailedDialog | None = None
        self._show_queued = False
        self._quitting = False  # the quit question is open: it asks about the edits itself
        ctx.save_failed = self.report

    @property
    def has_pending(self) -> bool:
        return bool(self.pending)

    def report(self, edit: PendingEdit) -> None:
        """An edit was refused. Shown once the command that failed has unwound (it fails
        inside QUndoStack.push, inside a widget's signal: no place for a dialog)."""
        self.pending.append(edit)
        self.ctx.show_status(f"{edit.text} could not be saved: {edit.cause}")
        if self.dialog is not None:
            self.dialog.show_edits(self.pending)
        elif not self._show_queued:
            self._show_queued = True
            QTimer.singleShot(0, self.show_dialog)

    def show_dialog(self) -> None:
        self._show_queued = False
        if not self.pending or self.dialog is not None or self._quitting:
            return
        dialog = SaveFailedDialog(self.window)
        dialog.show_edits(self.pending)
        dialog.buttonClicked.connect(self._chosen)
        self.dialog = dialog
        dialog.open()

    def _chosen(self, button: object) -> None:
        dialog = self.dialog
        self.dialog = None
        if dialog is None:
            return
        dialog.deleteLater()
        if button is dialog.retry_button:
            self.retry()
        elif button is dialog.package_button:
            if self.save_to_package() is None and self.pending:
                QTimer.singleShot(0, self.show_dialog)  # not kept: ask again
        elif button is dialog.discard_button:
            self.discard()

    # --- the three ways out ------------------------------------------------------------------

    def retry(self) -> None:
        """Push the edits again, in order, as undoable steps. One that fails again comes back
        here (and to a new dialog) with the ones after it."""
        edits, self.pending = self.pending, []
        stack = self.ctx.undo_stack
        # One undo step for them all, as the typing they came from would have been.
        stack.beginMacro(edits[-1].text if edits else "Try again")
        try:
            for edit in edits:
                stack.push(OperationCommand(self.ctx, edit.operation, text=edit.text))
        finally:
            stack.endMacro()
        self._reload()
        if not self.pending:
            self.ctx.show_status("Saved.")

    def rescue(self) -> Rescue:
        """The package of the pending edits (raises PlannerError when it cannot be made)."""
        from planner.services.rescue import rescue_package

        return rescue_package(self.ctx.db, list(self.pending))

    def save_to_package(self, path: Path | None = None) -> Path | None:
        """Write the pending edits' events as an event package; None when not written (the
        user cancelled, or it failed and was said)."""
        from planner.services.event_packages import write_package
        from planner.ui.widgets.file_names import safe_file_name

        try:
            rescue = self.rescue()
        except PlannerError as error:
            QMessageBox.warning(self.window, "Planner", f"No event package was written: {error}")
            return None
        if path is None:
            stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
            name = f"{safe_file_name(rescue.titles[0] if rescue.titles else 'event')}"
            path = self.choose_path(Path.home() / f"{name}-unsaved-{stamp}.json")
            if path is None:
                return None
        try:
            written = write_package(rescue.data, path)
        except (PlannerError, OSError) as error:
            QMessageBox.warning(self.window, "Planner", f"No event package was written: {error}")
            return None
        count = len(self.pending)
        titles = ", ".join(f"“{title}”" for title in rescue.titles)
        self.pending = []
        self.ctx.show_status(
            f"{count} unsaved edit{'s' if count > 1 else ''} kept in {written} (events {titles}); "
            "the database still holds the values before them."
        )
        self._reload()
        return written

    def discard(self) -> None:
        count = len(self.pending)
        self.pending = []
        self.ctx.show_status(f"Discarded {count} unsaved edit{'s' if count > 1 else ''}.")
        self._reload()

    def _reload(self) -> None:
        self.resolved.emit()

    # --- quitting ----------------------------------------------------------------------------

    def confirm_close(self) -> bool:
        """Whether the window may close: asks when edits are pending (keep them in a
        package, discard them, or stay)."""
        if not self.pending:
            return True
        if self.dialog is not None:
            # Put away unanswered (close() would answer it with its Esc button: try again).
            self.dialog.buttonClicked.disconnect(self._chosen)
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        box = QMessageBox(self.window)
        box.setObjectName("quitWithUnsavedDialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Planner: unsaved edits")
        box.setTextFormat(Qt.TextFormat.PlainText)
        count = len(self.pending)
        box.setText(
            f"{count} edit{'s were' if count > 1 else ' was'} not saved: {self.pending[-1].cause}."
        )
        box.setInformativeText(
            f"{_describe(self.pending)}\n\nQuitting now loses {'them' if count > 1 else 'it'}."
        )
        keep = box.addButton("Save to an event package…", QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton("Discard and quit", QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(stay)
        self._quitting = True
        try:
            box.exec()
        finally:
            self._quitting = False
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is keep:
            return self.save_to_package() is not None
        if clicked is drop:
            self.pending = []
            return True
        self.show_dialog()  # staying: the edits still wait for an answer
        return False
