"""What the checks report: conflicts, readiness gaps and attribution findings alike.

Neutral ground: policy (the report checker) and scheduling (conflicts, readiness) both report
findings without importing each other, and the command line and the window read them without
loading the database layer (a top-level module, not in model/, whose package loads SQLAlchemy).
"""

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

    def to_dict(self) -> dict[str, object]:
        """Plain values for JSON output (``planner conflicts --json``, ``planner check``)."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "event_ids": list(self.event_ids),
            "agenda_item_ids": list(self.agenda_item_ids),
            "person_ids": list(self.person_ids),
        }
