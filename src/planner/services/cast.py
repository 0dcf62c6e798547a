"""An event's cast (chair, speakers, ...): who has which role, what the format still needs, and
the edits that change it (each an operation with its inverse).

Replacing or removing a cast member also changes the agenda items where they had that role: a
programme must not list a chair who no longer chairs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.errors import NotFoundError, ValidationError
from planner.exports.contacts import one_name_as_family
from planner.model import (
    CAST_ROLES,
    AgendaItem,
    AgendaPerson,
    Consent,
    Event,
    Participation,
    Person,
    Role,
)
from planner.model.labels import ROLE_LABELS
from planner.policy.names import Name, full_style
from planner.services.events import TEMPLATES, template
from planner.services.operations import (
    Batch,
    Delete,
    Insert,
    Operation,
    Record,
    SetField,
)
from planner.services.snapshots import row_values
from planner.store import Database


@dataclass(frozen=True)
class CastMember:
    participation_id: int
    person_id: int
    role: Role
    position: int
    name: str
    affiliation: str  # or, for someone without one, their position ("Former Ambassador")
    version: int = field(default=1, compare=False)  # as read (the window's edits build on it)


def cast_in(session: Session, event_id: int) -> list[CastMember]:
    """The cast in programme order (inside the snapshot's read transaction)."""
    rows = session.execute(
        select(
            Participation.id,
            Participation.person_id,
            Participation.role,
            Participation.position,
            Person.honorific,
            Person.given_name,
            Person.family_name,
            Person.post_nominals,
            Person.affiliation,
            Person.position,
            Participation.version,
        )
        .join(Person, Person.id == Participation.person_id)
        .where(Participation.event_id == event_id)
        .order_by(Participation.position, Participation.id)
    )
    cast = []
    for r in rows:
        name = full_style(Name(r[4], r[5], r[6], r[7]))
        cast.append(CastMember(r[0], r[1], r[2], r[3], name, r[8] or r[9], r[10]))
    # Programme order: the cast roles as a programme lists them, then everyone else.
    ranked = [*CAST_ROLES, *[r for r in Role if r not in CAST_ROLES]]
    order = {role: i for i, role in enumerate(ranked)}
    cast.sort(key=lambda m: (order[m.role], m.position, m.participation_id))
    return cast


def event_cast(db: Database, event_id: int) -> list[CastMember]:
    with db.session(write=False) as session:
        return cast_in(session, event_id)


def missing_cast(db: Database, event_id: int, template_key: str | None = None) -> list[str]:
    """What the event's format still needs ("a moderator", "1 more speaker")."""
    with db.session(write=False) as session:
        event = session.get(Event, event_id)
        if event is None:
            return []
        if template_key is not None:
            tpl = template(template_key)
        else:
            found = next((t for t in TEMPLATES if t.format == event.format), None)
            if found is None:
                return []
            tpl = found
        counts: dict[Role, int] = {}
        for part in event.participations:
            counts[part.role] = counts.get(part.role, 0) + 1
    missing = []
    for role, least, _most in tpl.cast:
        lack = least - counts.get(role, 0)
        if lack > 0:
            missing.append(f"{lack} {ROLE_LABELS[role].lower()}{'s' if lack > 1 else ''}")
    return missing


def _problem_adding_role(session: Session, event_id: int, person_id: int, role: Role) -> str | None:
    exists = session.scalar(
        select(Participation.id).where(
            Participation.event_id == event_id,
            Participation.person_id == person_id,
            Participation.role == role,
        )
    )
    if exists is None:
        return None
    person = session.get(Person, person_id)
    name = full_style(person) if person is not None else "This person"
    return f"{name} is already {ROLE_LABELS[role].lower()} of this event."


def problem_adding_role(db: Database, event_id: int, person_id: int, role: Role) -> str | None:
    """Why ``person_id`` cannot take ``role`` at the event (None if they can)."""
    with db.session(write=False) as session:
        return _problem_adding_role(session, event_id, person_id, role)


def _next_position(session: Session, event_id: int, role: Role) -> int:
    count = session.scalar(
        select(func.count(Participation.id)).where(
            Participation.event_id == event_id, Participation.role == role
        )
    )
    return int(count or 0)


@dataclass(frozen=True, slots=True)
class AddToCast(Operation):
    """Give ``person_id`` ``role`` at the event, last in that role."""

    event_id: int
    person_id: int
    role: Role
    text: str

    def apply_in(self, session: Session) -> Operation:
        problem = _problem_adding_role(session, self.event_id, self.person_id, self.role)
        if problem:
            raise ValidationError(problem)
        values = {
            "event_id": self.event_id,
            "person_id": self.person_id,
            "role": self.role,
            "position": _next_position(session, self.event_id, self.role),
        }
        return Insert(Record.PARTICIPATION, values, self.text, self.event_id).apply_in(session)


@dataclass(frozen=True)
class AddNewPerson(Operation):
    """Create a person from ``values`` and give them ``role`` at the event: one undo step."""

    event_id: int
    values: Mapping[str, object]
    role: Role
    text: str = "Add new person"

    def apply_in(self, session: Session) -> Operation:
        values = dict(self.values)
        given, family = one_name_as_family(
            str(values.get("given_name", "")), str(values.get("family_name", ""))
        )
        values.update(given_name=given, family_name=family)
        person = Insert(Record.PERSON, values, self.text).apply_in(session)
        assert isinstance(person, Delete)
        part = AddToCast(self.event_id, person.row_id, self.role, self.text).apply_in(session)
        # Undo: the role first, then the person; redo puts both back with their ids.
        return Batch(self.text, (part, person), self.event_id)


def _appearances(session: Session, event_id: int, person_id: int, role: Role) -> list[AgendaPerson]:
    """Where ``person_id`` appears in ``role`` in the agenda items of the event."""
    return list(
        session.scalars(
            select(AgendaPerson)
            .join(AgendaItem, AgendaItem.id == AgendaPerson.agenda_item_id)
            .where(
                AgendaItem.event_id == event_id,
                AgendaPerson.person_id == person_id,
                AgendaPerson.role == role,
            )
            .order_by(AgendaPerson.id)
        )
    )


@dataclass(frozen=True, slots=True)
class ReassignCast(Operation):
    """Participation ``participation_id`` and the agenda entries ``entries`` go to
    ``person_id`` (the inverse of a replacement; its own inverse redoes it)."""

    participation_id: int
    person_id: int
    entries: tuple[int, ...]
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        part = session.get(Participation, self.participation_id)
        previous = self.person_id
        if part is not None:
            previous = part.person_id
            part.person_id = self.person_id
        for entry_id in self.entries:
            entry = session.get(AgendaPerson, entry_id)
            if entry is not None:
                entry.person_id = self.person_id
        return ReassignCast(self.participation_id, previous, self.entries, self.text, self.event_id)


@dataclass(frozen=True, slots=True)
class ReplaceInCast(Operation):
    """Give the role of participation ``participation_id`` to ``person_id`` (the chair
    cancels: another person chairs), with every agenda item where the old person had that
    role. Refused (ValidationError) when ``person_id`` already has that role at the event."""

    participation_id: int
    person_id: int
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        part = session.get(Participation, self.participation_id)
        if part is None:
            raise NotFoundError(f"No participation with id {self.participation_id}.")
        problem = _problem_adding_role(session, part.event_id, self.person_id, part.role)
        if problem:
            raise ValidationError(problem)
        taken = set(
            session.scalars(
                select(AgendaPerson.agenda_item_id)
                .join(AgendaItem, AgendaItem.id == AgendaPerson.agenda_item_id)
                .where(
                    AgendaItem.event_id == part.event_id,
                    AgendaPerson.person_id == self.person_id,
                    AgendaPerson.role == part.role,
                )
            )
        )
        moved = []
        for entry in _appearances(session, part.event_id, part.person_id, part.role):
            # An item where the new person already has this role keeps the old entry untouched.
            if entry.agenda_item_id not in taken:
                entry.person_id = self.person_id
                moved.append(entry.id)
        old_person = part.person_id
        part.person_id = self.person_id
        return ReassignCast(
            self.participation_id, old_person, tuple(moved), self.text, self.event_id
        )


@dataclass(frozen=True, slots=True)
class RemoveFromCast(Operation):
    """Take a person out of the cast and out of the agenda items where they had that role;
    undo puts back the participation and those entries with their ids."""

    participation_id: int
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        part = session.get(Participation, self.participation_id)
        if part is None:
            return Batch(self.text, (), self.event_id)
        entries = _appearances(session, part.event_id, part.person_id, part.role)
        rows = [(Record.PARTICIPATION, row_values(part))]
        rows += [(Record.AGENDA_PERSON, row_values(entry)) for entry in entries]
        for entry in entries:
            session.delete(entry)
        session.delete(part)
        event_id = self.event_id if self.event_id is not None else part.event_id
        put_back = tuple(
            Insert(record, values, self.text, event_id, check=False) for record, values in rows
        )
        return Batch(self.text, put_back, event_id)


@dataclass(frozen=True, slots=True)
class SetConsent(Operation):
    """Record whether ``person_id`` may be named in the event's report (``consent`` None:
    no record, the rule decides)."""

    event_id: int
    person_id: int
    consent: tuple[bool, str] | None  # (may be named, how it was given)
    text: str = "Change consent"

    def apply_in(self, session: Session) -> Operation:
        row = session.scalars(
            select(Consent).where(
                Consent.event_id == self.event_id, Consent.person_id == self.person_id
            )
        ).first()
        old = (row.may_be_named, row.description) if row is not None else None
        if self.consent is None:
            if row is not None:
                session.delete(row)
        else:
            if row is None:
                row = Consent(event_id=self.event_id, person_id=self.person_id)
                session.add(row)
            row.may_be_named, row.description = self.consent
        return SetConsent(self.event_id, self.person_id, old, self.text)


def reorder_cast(
    positions: Mapping[int, int], text: str = "Reorder people", event_id: int | None = None
) -> Operation:
    """Give each participation (by id) its new position, as one edit."""
    return Batch(
        text,
        tuple(
            SetField(Record.PARTICIPATION, pid, "position", position, text, event_id)
            for pid, position in positions.items()
        ),
        event_id,
    )
