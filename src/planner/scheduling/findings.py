"""What the checks report: conflicts, readiness gaps and attribution findings alike."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"  # must be fixed before invitations go out
    WARNING = "warning"  # should be looked at
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    code: str  # stable machine name: "person_double_booked", "no_chair", ...
    message: str  # a sentence a person understands
    event_ids: tuple[int, ...] = ()  # the events involved, this one first
    agenda_item_ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()
