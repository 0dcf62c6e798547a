"""An event's invitations: the rows the editor lists and the edits on them.

Inviting is an ``Insert`` of an invitation, withdrawing one a ``Delete``, a status a
``SetField``; marking several as sent is one edit (:func:`mark_sent`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from planner.model import InvitationStatus
from planner.services.operations import Batch, Operation, Record, SetField


@dataclass(frozen=True)
class InvitationRow:
    id: int
    person_id: int
    name: str
    affiliation: str
    status: InvitationStatus
    attended: bool | None
    sent_at: datetime | None = None
    version: int = field(default=1, compare=False)  # as read (the window's edits build on it)


def mark_sent(
    invitation_ids: Sequence[int], when: datetime | None, text: str, event_id: int | None = None
) -> Operation:
    """Record ``when`` as the sending date of each invitation (None: not sent), as one edit;
    its inverse puts back each invitation's own earlier date."""
    return Batch(
        text,
        tuple(
            SetField(Record.INVITATION, invitation_id, "sent_at", when, text, event_id)
            for invitation_id in invitation_ids
        ),
        event_id,
    )
