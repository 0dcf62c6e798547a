"""An event's agenda: its rows as the editor shows them, and the edits that move items.

Items follow one another: each keeps its length and starts when the one before ends
(:func:`flow_times`). Every edit that may move items (a new length, a new order, a removal) is an
operation whose inverse puts back every item's position and times (:class:`RestoreAgenda`).
Titles, kinds and rules of single items are plain ``SetField`` edits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.errors import NotFoundError, ValidationError, not_found
from planner.model import AgendaItem, AgendaKind, AgendaPerson, AttributionRule, Event, Role
from planner.services.operations import Batch, Delete, Operation, Record
from planner.store import Database


@dataclass(frozen=True)
class AgendaPersonRow:
    id: int
    person_id: int
    role: Role
    name: str


@dataclass(frozen=True)
class AgendaItemRow:
    id: int
    position: int
    starts_at: datetime  # in the event's zone
    ends_at: datetime
    title: str
    kind: AgendaKind
    description: str
    attribution: AttributionRule | None
    people: tuple[AgendaPersonRow, ...]
    # As read: the window's edits of the item build on it. Not content: equal rows are equal
    # whatever their version.
    version: int = field(default=1, compare=False)

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


def flow_times(start: datetime, durations: Sequence[timedelta]) -> list[tuple[datetime, datetime]]:
    """Each item starts when the one before it ends, from ``start``."""
    slots = []
    cursor = start
    for length in durations:
        slots.append((cursor, cursor + length))
        cursor = cursor + length
    return slots


def reflow_in(session: Session, event_id: int, order: Sequence[int] | None = None) -> None:
    """Renumber the event's agenda (in ``order`` if given) and chain its times from the event's
    start, each item keeping its duration. Takes a session: the agenda operations (and tests
    that check a reflow before committing it) run it inside their own transaction."""
    event = session.get(Event, event_id)
    if event is None:
        raise not_found("event", event_id)
    items = {item.id: item for item in event.agenda}
    ids = list(order) if order is not None else [item.id for item in event.agenda]
    ids += [i for i in items if i not in ids]
    durations = [items[i].ends_at - items[i].starts_at for i in ids if i in items]
    present = [i for i in ids if i in items]
    for position, (item_id, (s, e)) in enumerate(
        zip(present, flow_times(event.starts_at, durations), strict=True)
    ):
        item = items[item_id]
        item.position = position
        item.starts_at = s
        item.ends_at = e


# Position, start and end of each agenda item of an event (what a reflow changes).
AgendaState = Mapping[int, tuple[int, datetime, datetime]]


def _state(session: Session, event_id: int) -> AgendaState:
    session.flush()
    rows = session.execute(
        select(AgendaItem.id, AgendaItem.position, AgendaItem.starts_at, AgendaItem.ends_at).where(
            AgendaItem.event_id == event_id
        )
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


@dataclass(frozen=True, slots=True)
class RestoreAgenda(Operation):
    """Put every item of the event back at ``state``'s position and times (the inverse of
    every agenda edit; its own inverse is the state it replaced)."""

    event_id: int
    state: AgendaState
    text: str

    def apply_in(self, session: Session) -> Operation:
        before = _state(session, self.event_id)
        for item_id, (position, starts, ends) in self.state.items():
            item = session.get(AgendaItem, item_id)
            if item is not None:
                item.position, item.starts_at, item.ends_at = position, starts, ends
        return RestoreAgenda(self.event_id, before, self.text)


@dataclass(frozen=True, slots=True)
class ReorderAgenda(Operation):
    """Put the items in ``order`` (ids), each keeping its length."""

    event_id: int
    order: tuple[int, ...]
    text: str = "Reorder agenda"

    def apply_in(self, session: Session) -> Operation:
        before = _state(session, self.event_id)
        reflow_in(session, self.event_id, self.order)
        return RestoreAgenda(self.event_id, before, self.text)


@dataclass(frozen=True, slots=True)
class SetItemMinutes(Operation):
    """Give an item a new length; the items after it move."""

    event_id: int
    item_id: int
    minutes: int
    text: str = "Change length"

    def apply_in(self, session: Session) -> Operation:
        if self.minutes <= 0:
            raise ValidationError("An agenda item needs at least one minute.")
        item = session.get(AgendaItem, self.item_id)
        if item is None:
            raise NotFoundError(f"No agenda item with id {self.item_id}.")
        before = _state(session, self.event_id)
        item.ends_at = item.starts_at + timedelta(minutes=self.minutes)
        session.flush()
        reflow_in(session, self.event_id)
        return RestoreAgenda(self.event_id, before, self.text)


def _append(session: Session, event_id: int, title: str, minutes: int, kind: AgendaKind) -> int:
    event = session.get(Event, event_id)
    if event is None:
        raise not_found("event", event_id)
    last_end = max((i.ends_at for i in event.agenda), default=event.starts_at)
    item = AgendaItem(
        event_id=event_id,
        position=len(event.agenda),
        starts_at=last_end,
        ends_at=last_end + timedelta(minutes=minutes),
        title=title,
        kind=kind,
    )
    session.add(item)
    session.flush()
    return int(item.id)


@dataclass(frozen=True, slots=True)
class AddAgendaItem(Operation):
    """Append an item after the last one (or at the event's start). Undo deletes it; redo
    puts back that very item (same id)."""

    event_id: int
    title: str
    minutes: int
    kind: AgendaKind = AgendaKind.OTHER
    text: str = "Add agenda item"

    def apply_in(self, session: Session) -> Operation:
        item_id = _append(session, self.event_id, self.title, self.minutes, self.kind)
        return Delete(Record.AGENDA_ITEM, item_id, self.text, self.event_id)

    def created_id(self, inverse: Operation) -> int | None:
        return inverse.row_id if isinstance(inverse, Delete) else None


@dataclass(frozen=True, slots=True)
class RemoveAgendaItem(Operation):
    """Remove an item with its people; the items after it move up."""

    event_id: int
    item_id: int
    text: str = "Remove agenda item"

    def apply_in(self, session: Session) -> Operation:
        before = _state(session, self.event_id)
        delete = Delete(Record.AGENDA_ITEM, self.item_id, self.text, self.event_id, ("people",))
        put_back = delete.apply_in(session)
        session.flush()
        reflow_in(session, self.event_id)
        # Undo: the item back first, then every item's old place and times.
        return Batch(self.text, (put_back, RestoreAgenda(self.event_id, before, self.text)))


def add_agenda_item(
    db: Database, event_id: int, title: str, minutes: int, kind: AgendaKind = AgendaKind.OTHER
) -> int:
    """Append an item (not undoable: for scripts and tests; the editor pushes AddAgendaItem)."""
    with db.session() as session:
        return _append(session, event_id, title, minutes, kind)


def item_has_person(db: Database, item_id: int, person_id: int, role: Role) -> bool:
    """Whether ``person_id`` already has ``role`` in agenda item ``item_id``."""
    with db.session(write=False) as session:
        found = session.scalar(
            select(AgendaPerson.id).where(
                AgendaPerson.agenda_item_id == item_id,
                AgendaPerson.person_id == person_id,
                AgendaPerson.role == role,
            )
        )
    return found is not None
