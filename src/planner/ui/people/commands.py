"""Undoable directory edits that span several tables: deleting people, merging duplicates.

Field edits and adding a person use the generic commands of ``ui/commands.py``; these two need
the snapshots of ``services.people`` (a person's participations, agenda roles, invitations,
consents and series they chair by default) so that undo puts every row back with its id.
Both are ``DatabaseCommand``s: a write that fails (a read-only or full disk, a locked file) is
handed to the window's save-failure dialog like every other edit, and leaves no undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from planner.services.people import (
    MergePlan,
    MergeResult,
    PeopleSnapshot,
    delete_people,
    merge_people_in,
    restore_people,
)
from planner.ui.commands import DatabaseCommand
from planner.ui.shell.context import AppContext


def _noop() -> None:
    return None


class DeletePeopleCommand(DatabaseCommand):
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

    def _redo_in(self, session: Session) -> None:
        self._snapshot = delete_people(session, self.person_ids)

    def _undo_in(self, session: Session) -> None:
        if self._snapshot is not None:
            restore_people(session, self._snapshot)


class MergePeopleCommand(DatabaseCommand):
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

    def _redo_in(self, session: Session) -> None:
        self.result = merge_people_in(session, self.plan)

    def _undo_in(self, session: Session) -> None:
        if self.result is not None:
            restore_people(session, self.result.snapshot)
