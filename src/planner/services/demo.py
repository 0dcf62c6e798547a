"""The demo events, for the window and for ``planner demo``: one way to load them.

The demo itself (the Centre for Pakistan and Gulf Studies, its people, venues, series and
events) is an event package built in ``store/demo.py``; loading it is an import like any
user's file. The window cannot import the store, so it comes here, as the CLI does.
"""

from __future__ import annotations

from sqlalchemy import func, select

from planner.model import Event, Person
from planner.store import Database


def database_is_empty(db: Database) -> bool:
    """No events and no people: what the window offers the demo to."""
    with db.session(write=False) as session:
        events = session.scalar(select(func.count()).select_from(Event)) or 0
        people = session.scalar(select(func.count()).select_from(Person)) or 0
    return events == 0 and people == 0


def load_demo(db: Database) -> str:
    """Fill ``db`` with the demo (loading it again changes nothing); a one-line summary."""
    # Imported here: the package reader behind it is not needed to start the window (the
    # start-up asks database_is_empty first, on the GUI thread).
    from planner.store.demo import load_demo as import_demo

    return import_demo(db)
