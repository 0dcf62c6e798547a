"""What every view gets: the database, the shared undo stack and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:
    # Only for the annotation: the main window's shell imports this before the database layer.
    from planner.store import Database


@dataclass
class AppContext:
    db: Database
    undo_stack: QUndoStack
    # Shows a message in the main window's status bar (a no-op without a window, in tests).
    show_status: Callable[[str], None] = field(default=lambda _message: None)
