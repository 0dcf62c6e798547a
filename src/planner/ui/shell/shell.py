"""What the File menu's helpers (databases, imports, the Connect dialog) ask of the main window.

A Protocol, because they cannot import the main window: it imports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from planner.services.database import Database
    from planner.ui.context import AppContext
    from planner.ui.editor.event_editor import EventEditor
    from planner.ui.shell.save_guard import SaveGuard
    from planner.ui.shell.single_instance import SingleInstance


class Shell(Protocol):
    settings: QSettings

    @property
    def ctx(self) -> AppContext: ...

    @property
    def is_attached(self) -> bool: ...

    @property
    def save_guard(self) -> SaveGuard: ...

    @property
    def editor(self) -> EventEditor: ...

    def as_widget(self) -> QWidget:
        """The window itself, as the parent of dialogs and message boxes."""
        ...

    def adopt_database(self, db: Database, instance: SingleInstance | None) -> None: ...

    def start(self) -> None:
        """Fill the lists from the database (again)."""
        ...

    def open_event(self, event_id: int) -> None: ...

    def section(self, label: str) -> QWidget: ...

    def export_package(self) -> None: ...
