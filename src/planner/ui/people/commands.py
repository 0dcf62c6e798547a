"""Undoable directory edits that span several tables: deleting people, merging duplicates.

Field edits and adding a person use the generic commands of ``ui/commands.py``; these two need
the snapshots of ``services.people`` (a person's participations, agenda roles, invitations,
consents and series they chair by default) so that undo puts every row back with its id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from planner.services.people import (
    MergePlan,
    MergeResult,
    PeopleSnapshot,
    delete_people,
    merge_people,
    restore_people,
    undo_merge,
)
from planner.ui.context import AppContext


def _noop() -> None:
    return None


class DeletePeopleCommand(QUndoCommand):
    """Delete people and every row that names them; undo restores them all, ids included."""

    def __init__(
        self,
        ctx: AppContext,
        person_ids: Sequence[int],
        text: str,
        on_changed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.person_ids = tuple(person_ids)
        self.on_changed = on_changed or _noop
        self._snapshot: PeopleSnapshot | None = None

    def redo(self) -> None:
        with self.ctx.db.session() as session:
            self._snapshot = delete_people(session, self.person_ids)
        self.on_changed()

    def undo(self) -> None:
        if self._snapshot is None:
            return
        with self.ctx.db.session() as session:
            restore_people(session, self._snapshot)
        self.on_changed()


class MergePeopleCommand(QUndoCommand):
    """Merge duplicates into one person in one transaction; undo restores every one of them."""

    def __init__(
        self,
        ctx: AppContext,
        plan: MergePlan,
        text: str,
        on_changed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.plan = plan
        self.on_changed = on_changed or _noop
        self.result: MergeResult | None = None

    def redo(self) -> None:
        self.result = merge_people(self.ctx.db, self.plan)
        self.on_changed()

    def undo(self) -> None:
        if self.result is None:
            return
        undo_merge(self.ctx.db, self.result)
        self.on_changed()
