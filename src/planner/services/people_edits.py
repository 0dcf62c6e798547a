"""Directory edits that span several tables, as operations: deleting people, merging duplicates.

Field edits and adding a person are ``SetField`` and ``Insert`` (services/operations.py); these
two need the snapshots of ``services.people`` (a person's participations, agenda roles,
invitations, consents and the series they chair by default), so that the inverse puts every row
back with its id. Applied through ``operations.apply`` like any edit, a failed write reaches the
window's save-failure dialog and leaves no undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from planner.services.operations import Operation
from planner.services.people import (
    MergePlan,
    PeopleSnapshot,
    delete_people,
    merge_people_in,
    restore_people,
)


@dataclass(frozen=True)
class DeletePeople(Operation):
    """Delete people and every row that names them."""

    person_ids: tuple[int, ...]
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        snapshot = delete_people(session, self.person_ids)
        return RestorePeople(snapshot, self.person_ids, self.text)


@dataclass(frozen=True)
class RestorePeople(Operation):
    """Put back deleted people and every row that named them, ids included."""

    snapshot: PeopleSnapshot
    person_ids: tuple[int, ...]
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        restore_people(session, self.snapshot)
        return DeletePeople(self.person_ids, self.text)


@dataclass(frozen=True)
class MergePeople(Operation):
    """Merge duplicates into the plan's survivor (one transaction, all or nothing)."""

    plan: MergePlan
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        result = merge_people_in(session, self.plan)
        return UnmergePeople(self.plan, result.snapshot, self.text)


@dataclass(frozen=True)
class UnmergePeople(Operation):
    """Undo a merge: every merged person back as they were, with their rows."""

    plan: MergePlan
    snapshot: PeopleSnapshot
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        restore_people(session, self.snapshot)
        return MergePeople(self.plan, self.text)
