"""An edit refused because someone else changed the record since the window read it.

The undo commands (``ui/commands.py``) hand it to ``ctx.edit_conflict``; the conflict guard
(``ui/shell/conflict_guard.py``) asks the user: reload, or keep mine. Apart from both so that
the context can name it without importing the commands.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.errors import StaleEdit
from planner.services.operations import Batch, Operation, SetField


@dataclass(frozen=True)
class Conflict:
    """An edit refused because someone else changed the record since the window read it: the
    conflict dialog (ui/shell/conflict_guard.py) offers to reload or to keep it (overwrite)."""

    text: str  # the edit, as the Edit menu names it
    operation: Operation  # what "Keep mine" applies again, over the current version
    error: StaleEdit  # who changed the record, and when
    event_id: int | None

    @property
    def mine(self) -> str:
        """What the user typed or chose, for them to copy from after a reload: one field's
        text as it is; several fields one per line, each named."""
        if isinstance(self.operation, SetField):
            return _shown(self.operation.value)
        return "\n".join(_lines(self.operation)) or self.text


def _shown(value: object) -> str:
    shown = getattr(value, "value", value)  # an enum: its stored word
    if isinstance(shown, list | tuple):
        return "\n".join(str(v) for v in shown)
    return "" if shown is None else str(shown)


def _lines(operation: Operation) -> list[str]:
    if isinstance(operation, SetField):
        return [f"{operation.field.replace('_', ' ')}: {_shown(operation.value)}"]
    if isinstance(operation, Batch):
        return [line for op in operation.operations for line in _lines(op)]
    return [operation.text]
