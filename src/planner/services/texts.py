"""An event's texts (concept note, background, key issues, the report): their limits and the
report checker's scanner, which names who may not be named.

Each text, and each list (key issues, recommendations), is saved as a ``SetField`` edit of the
event: a list is replaced whole, so its undo puts back the list as it was.
"""

from __future__ import annotations

from planner.errors import NotFoundError
from planner.model import Event
from planner.policy.build import load_event, load_organisation
from planner.policy.checker import Mention, NameScanner, scanner_for_event
from planner.services.field_limits import check_length
from planner.store import Database

__all__ = ["Mention", "NameScanner", "report_scanner", "text_problem"]


def text_problem(field: str, value: str | list[str]) -> str | None:
    """Why ``value`` may not be saved in the event's text ``field`` (each item, for a list):
    one line naming the field and its limit, or None when it fits."""
    return check_length(Event, field, value)


def report_scanner(db: Database, event_id: int) -> NameScanner | None:
    """The checker for the event's report: who is linked to the event and who consented
    (None: the event is gone)."""
    with db.session(write=False) as session:
        try:
            event = load_event(session, event_id)
        except NotFoundError:
            return None
        return scanner_for_event(event, load_organisation(session))
