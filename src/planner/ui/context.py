"""What every view gets: the database, the shared undo stack, the status bar and where a
refused save is reported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:
    # Only for the annotations: the main window's shell imports this before the database layer.
    from planner.services.database import Database
    from planner.services.operations import Record
    from planner.services.rescue import PendingEdit
    from planner.ui.conflict import Conflict


@dataclass
class AppContext:
    # The database as an opaque handle: views pass it to planner.services, which open the
    # transactions; nothing in ui/ opens a session on it.
    db: Database
    undo_stack: QUndoStack
    # Shows a message in the main window's status bar (a no-op without a window, in tests).
    show_status: Callable[[str], None] = field(default=lambda _message: None)
    # Told of every edit the database refused (the main window asks what to do with it);
    # None: the status bar says it in one line.
    save_failed: Callable[[PendingEdit], None] | None = None
    # The version of each row as this window last read or wrote it, by (record, id): an edit
    # is based on these, and refused (StaleEdit) when someone else changed the row since.
    versions: dict[tuple[Record, int], int] = field(default_factory=dict)
    # Told of every edit refused because someone else changed the record since it was read
    # (the main window asks: reload, or keep mine); None: the status bar says it.
    edit_conflict: Callable[[Conflict], None] | None = None

    def saw(self, record: Record, row_id: int, version: int) -> None:
        """The window shows row ``row_id`` of ``record`` at ``version``: edits build on it."""
        self.versions[(record, row_id)] = version

    @property
    def read_only_reason(self) -> str | None:
        """Why this database may be read but not changed (shown in the window), or None."""
        from planner.services.database import read_only_reason

        return read_only_reason(self.db)

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None
