"""What every section of the event editor shares: the event shown, and how an edit is pushed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from planner.services.operations import Operation, Record
from planner.services.snapshot import EventSnapshot
from planner.ui.commands import push, push_field
from planner.ui.context import AppContext
from planner.ui.widgets.undo_keys import route_undo_to_stack, visit_of


class EditorHost(Protocol):
    """The editor as its sections see it."""

    ctx: AppContext

    @property
    def event_id(self) -> int | None: ...

    def changed(self) -> None: ...

    def changed_event(self, event_id: int) -> None: ...

    def open_other_event(self, event_id: int) -> None: ...


class Section(QWidget):
    """One section of the editor. ``show_event`` fills it; edits go through ``push_*``."""

    title = ""

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.ctx = host.ctx
        self.snapshot: EventSnapshot | None = None
        # True while widgets are filled from the database, so their signals push no command.
        self.loading = False
        # The widget each field is typed into: its visits (undo_keys.visit_of) end a merge,
        # so typing is one undo step per visit rather than per letter or per session.
        self._field_widgets: dict[str, QWidget] = {}
        self._shown_key: tuple[int, object] | None = None

    def merge_on_leave(self, widget: QLineEdit | QPlainTextEdit, field: str) -> None:
        """Typing into ``widget`` merges into one undo step per visit to it."""
        self._field_widgets[field] = widget
        route_undo_to_stack(widget)

    def show_event(self, snapshot: EventSnapshot) -> None:
        self.snapshot = snapshot
        # Every edit reloads the event; a section whose part of it did not change keeps its
        # widgets as they are (typing in the report must not rebuild the agenda table).
        key = (snapshot.id, self.fingerprint(snapshot))
        if key == self._shown_key and key[1] is not None:
            return
        self._shown_key = key
        self.loading = True
        try:
            self.fill(snapshot)
        finally:
            self.loading = False

    def forget_shown(self) -> None:
        """Refill on the next reload even when the stored event did not change (an edit the
        database refused is still in the widgets: they must show what is stored)."""
        self._shown_key = None

    def on_changed(self) -> Callable[[], None]:
        """The callback for a command made now: it reports the change for the event shown now,
        even when it is undone later while another event is shown."""
        event_id = self.host.event_id
        if event_id is None:
            return self.host.changed
        return lambda: self.host.changed_event(event_id)

    def fingerprint(self, snapshot: EventSnapshot) -> object:
        """What of ``snapshot`` this section shows (None: refill on every reload)."""
        return None

    def fill(self, snapshot: EventSnapshot) -> None:
        raise NotImplementedError

    def push_event_field(
        self, field: str, value: Any, text: str, *, mergeable: bool = True
    ) -> bool:
        if self.loading or self.host.event_id is None:
            return False
        return push_field(
            self.ctx,
            Record.EVENT,
            self.host.event_id,
            field,
            value,
            text,
            self.on_changed(),
            mergeable=mergeable,
            merge_key=(self.host.event_id, self._visit(field)),
        )

    def _visit(self, field: str) -> int:
        widget = self._field_widgets.get(field)
        return visit_of(widget) if widget is not None else 0

    def push_operation(self, operation: Operation) -> None:
        """Push ``operation`` as one undo step (unless the widgets are being filled)."""
        if self.loading:
            return
        push(self.ctx, operation, self.on_changed())


def set_text_keep_cursor(widget: QLineEdit, text: str) -> None:
    """Set ``text`` unless it is already there (so typing is not disturbed by a refresh)."""
    if widget.text() != text:
        widget.setText(text)


def set_plain_keep_cursor(widget: QPlainTextEdit, text: str) -> None:
    if widget.toPlainText() != text:
        widget.setPlainText(text)
