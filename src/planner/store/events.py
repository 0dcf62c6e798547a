"""Store-level rules for events that must hold however an event is changed.

The iCalendar SEQUENCE of an event (``Event.sequence``) goes up by one whenever a change would
make an invitation already sent out of date: the start, the end, the venue, the room or the
status. Calendar programs ignore an update whose SEQUENCE is not higher than the one they have.

``Person.search_text`` is kept in step with the person's searched fields the same way.

It is a mapper-level ``before_update`` hook, so it applies to every session and every code path
(GUI commands, imports, services). It runs after the flush has copied related objects into the
foreign keys, so ``event.venue = other`` counts as well as ``event.venue_id = 3``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper

from planner.model import Event, Person

from .people_index import SEARCH_COLUMNS, person_search_text

# Changes that outdate an invitation already in someone's calendar.
SEQUENCE_FIELDS = ("starts_at", "ends_at", "venue_id", "room_id", "status")


def _changed(state: Any, name: str) -> bool:
    history = state.attrs[name].history
    if not history.added:
        return False
    before = history.deleted[0] if history.deleted else None
    return bool(history.added[0] != before)


def _bump_sequence(_mapper: Mapper[Any], _connection: Connection, target: Event) -> None:
    state = inspect(target)
    if not any(_changed(state, name) for name in SEQUENCE_FIELDS):
        return
    history = state.attrs.sequence.history
    committed = (history.deleted or history.unchanged or [0])[0] or 0
    # One bump per flush; a higher number set on purpose (an imported event) is kept.
    target.sequence = max(target.sequence or 0, committed + 1)


def _fill_search_text(_mapper: Mapper[Any], _connection: Connection, target: Person) -> None:
    """``person.search_text`` follows the person's fields on every ORM write (the window's
    edits, undo, packages, the demo); Core writes (the people import, merges) compute it too."""
    text = person_search_text({name: getattr(target, name) for name in SEARCH_COLUMNS})
    if target.search_text != text:
        target.search_text = text


def install() -> None:
    """Register the hooks (idempotent; done when ``planner.store`` is imported)."""
    if not event.contains(Event, "before_update", _bump_sequence):
        event.listen(Event, "before_update", _bump_sequence)
    for moment in ("before_insert", "before_update"):
        if not event.contains(Person, moment, _fill_search_text):
            event.listen(Person, moment, _fill_search_text)


install()
