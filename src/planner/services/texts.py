"""An event's texts (concept note, background, key issues, the report): their limits and the
report checker's scanner, which names who may not be named.

Each text, and each list (key issues, recommendations), is saved as a ``SetField`` edit of the
event: a list is replaced whole, so its undo puts back the list as it was.
"""

from __future__ import annotations

from sqlalchemy import select

from planner.model import Event, Organisation
from planner.model.types import max_length
from planner.policy.checker import Mention, NameScanner, scanner_for_event
from planner.store import Database

__all__ = ["Mention", "NameScanner", "event_text_limit", "report_scanner"]


def event_text_limit(field: str) -> int | None:
    """How many characters the event's text ``field`` holds (each item, for a list)."""
    return max_length(Event, field)


def report_scanner(db: Database, event_id: int) -> NameScanner | None:
    """The checker for the event's report: who is linked to the event and who consented
    (None: the event is gone)."""
    with db.session(write=False) as session:
        event = session.get(Event, event_id)
        if event is None:
            return None
        organisation = session.scalars(select(Organisation).limit(1)).first()
        return scanner_for_event(event, organisation)
