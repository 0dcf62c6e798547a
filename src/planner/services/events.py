"""Events for the editor and the lists: listing with filters, creating, duplicating, timetables.

No Qt here: the GUI's table models and editor call these functions; they take a session or a
``Database`` and return plain frozen dataclasses, so no caller holds an ORM row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from planner.errors import NotFoundError, ValidationError
from planner.model import (
    CAST_ROLES,
    AgendaItem,
    AgendaKind,
    AgendaPerson,
    AttributionRule,
    Consent,
    Event,
    EventAudience,
    EventFormat,
    EventStatus,
    Invitation,
    InvitationStatus,
    Organisation,
    Participation,
    Person,
    Role,
    Room,
    Series,
    Venue,
    labels,
    new_event_uid,
)
from planner.policy.names import Name, full_style
from planner.scheduling.recurrence import next_series_number
from planner.services.snapshots import RowSnapshot, insert_rows, row_values, table_of
from planner.zones import held_in, zone_or_utc


class EventScope(StrEnum):
    """The list's main filter."""

    ALL = "all"
    UPCOMING = "upcoming"
    PAST = "past"
    DRAFTS = "drafts"


@dataclass(frozen=True)
class EventFilter:
    scope: EventScope = EventScope.ALL
    series_id: int | None = None
    rule: AttributionRule | None = None
    text: str = ""
    # Only events overlapping [start, end) (the calendar's month), in UTC.
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class EventRow:
    """One line of the events list (times in the event's own zone)."""

    id: int
    title: str
    subtitle: str
    format: EventFormat
    status: EventStatus
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    attribution: AttributionRule
    series_id: int | None
    series_title: str
    series_number: int | None
    venue: str
    room: str
    cast_count: int
    series_numbering: str = ""  # the series' pattern, "Session {n}"

    @property
    def badge(self) -> str:
        return labels.RULE_BADGES[self.attribution]

    @property
    def series_label(self) -> str:
        return labels.series_label(self.series_title, self.series_numbering, self.series_number)

    @property
    def place(self) -> str:
        return ", ".join(p for p in (self.room, self.venue) if p)


def list_events(
    session: Session, flt: EventFilter = EventFilter(), now: datetime | None = None
) -> list[EventRow]:
    """Events matching ``flt``: upcoming soonest first, others latest first."""
    now = now or datetime.now(UTC)
    cast_counts = (
        select(Participation.event_id, func.count().label("n"))
        .group_by(Participation.event_id)
        .subquery()
    )
    series = aliased(Series)
    query = (
        select(
            Event.id,
            Event.title,
            Event.subtitle,
            Event.format,
            Event.status,
            Event.starts_at,
            Event.ends_at,
            Event.time_zone,
            Event.attribution,
            Event.series_id,
            func.coalesce(series.title, ""),
            Event.series_number,
            func.coalesce(Venue.name, ""),
            func.coalesce(Room.name, ""),
            func.coalesce(cast_counts.c.n, 0),
            func.coalesce(series.numbering, ""),
        )
        .outerjoin(series, series.id == Event.series_id)
        .outerjoin(Venue, Venue.id == Event.venue_id)
        .outerjoin(Room, Room.id == Event.room_id)
        .outerjoin(cast_counts, cast_counts.c.event_id == Event.id)
    )
    if flt.scope is EventScope.UPCOMING:
        query = query.where(Event.ends_at >= now).order_by(Event.starts_at)
    elif flt.scope is EventScope.PAST:
        query = query.where(Event.ends_at < now).order_by(Event.starts_at.desc())
    elif flt.scope is EventScope.DRAFTS:
        query = query.where(Event.status == EventStatus.DRAFT).order_by(Event.starts_at.desc())
    else:
        query = query.order_by(Event.starts_at.desc())
    if flt.series_id is not None:
        query = query.where(Event.series_id == flt.series_id)
    if flt.rule is not None:
        query = query.where(Event.attribution == flt.rule)
    if flt.start is not None:
        query = query.where(Event.ends_at > flt.start)
    if flt.end is not None:
        query = query.where(Event.starts_at < flt.end)
    for word in flt.text.split():
        pattern = f"%{word}%"
        query = query.where(Event.title.ilike(pattern) | Event.subtitle.ilike(pattern))
    rows = []
    for r in session.execute(query):
        tz = zone_or_utc(r[7])
        rows.append(
            EventRow(
                id=r[0],
                title=r[1],
                subtitle=r[2],
                format=r[3],
                status=r[4],
                starts_at=r[5].astimezone(tz),
                ends_at=r[6].astimezone(tz),
                time_zone=r[7],
                attribution=r[8],
                series_id=r[9],
                series_title=r[10],
                series_number=r[11],
                venue=r[12],
                room=r[13],
                cast_count=int(r[14]),
                series_numbering=r[15],
            )
        )
    return rows


# --- creating --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaStep:
    title: str
    minutes: int
    kind: AgendaKind = AgendaKind.OTHER


@dataclass(frozen=True)
class EventTemplate:
    key: str
    label: str
    format: EventFormat
    rule: AttributionRule | None  # None: the organisation's default rule
    minutes: int
    # Roles the format needs, with how many people (min, max); shown as what is still missing.
    cast: tuple[tuple[Role, int, int], ...]
    agenda: tuple[AgendaStep, ...]
    description: str


TEMPLATES: tuple[EventTemplate, ...] = (
    EventTemplate(
        key="seminar",
        label="Seminar",
        format=EventFormat.SEMINAR,
        rule=None,
        minutes=120,
        cast=((Role.CHAIR, 1, 1), (Role.SPEAKER, 1, 4)),
        agenda=(
            AgendaStep("Welcome and introduction", 10, AgendaKind.WELCOME),
            AgendaStep("Presentations", 60, AgendaKind.PRESENTATION),
            AgendaStep("Questions and answers", 40, AgendaKind.QA),
            AgendaStep("Concluding remarks", 10, AgendaKind.CLOSING),
        ),
        description="A chair and one to four speakers before an invited audience.",
    ),
    EventTemplate(
        key="roundtable",
        label="Roundtable",
        format=EventFormat.ROUNDTABLE,
        rule=AttributionRule.CHATHAM_HOUSE,
        minutes=120,
        cast=((Role.CHAIR, 1, 1), (Role.MODERATOR, 1, 1), (Role.SPEAKER, 2, 4)),
        agenda=(
            AgendaStep("Opening remarks by the chair", 10, AgendaKind.WELCOME),
            AgendaStep("Panel", 50, AgendaKind.PANEL),
            AgendaStep("Open discussion", 45, AgendaKind.DISCUSSION),
            AgendaStep("Concluding remarks and vote of thanks", 15, AgendaKind.VOTE_OF_THANKS),
        ),
        description="Chair, moderator and two to four speakers, under the Chatham House Rule.",
    ),
    EventTemplate(
        key="in_house",
        label="In-house discussion",
        format=EventFormat.IN_HOUSE_ROUNDTABLE,
        rule=AttributionRule.CHATHAM_HOUSE,
        minutes=90,
        cast=((Role.CHAIR, 1, 1), (Role.SPEAKER, 1, 6)),
        agenda=(
            AgendaStep("Introduction", 10, AgendaKind.WELCOME),
            AgendaStep("Discussion", 70, AgendaKind.DISCUSSION),
            AgendaStep("Summing up", 10, AgendaKind.CLOSING),
        ),
        description="A select panel of the institute's scholars and guests, behind closed doors.",
    ),
    EventTemplate(
        key="lecture",
        label="Lecture",
        format=EventFormat.LECTURE,
        rule=AttributionRule.ON_THE_RECORD,
        minutes=90,
        cast=((Role.HOST, 1, 1), (Role.KEYNOTE, 1, 1)),
        agenda=(
            AgendaStep("Welcome", 5, AgendaKind.WELCOME),
            AgendaStep("Lecture", 50, AgendaKind.KEYNOTE),
            AgendaStep("Questions and answers", 30, AgendaKind.QA),
            AgendaStep("Vote of thanks", 5, AgendaKind.VOTE_OF_THANKS),
        ),
        description="One speaker, on the record, with questions afterwards.",
    ),
)


def template(key: str) -> EventTemplate:
    for t in TEMPLATES:
        if t.key == key:
            return t
    raise NotFoundError(f"No event template called {key!r}.")


def _organisation(session: Session) -> Organisation | None:
    return session.scalars(select(Organisation).limit(1)).first()


def create_from_template(
    session: Session,
    key: str,
    *,
    title: str,
    day: date,
    at: time = time(17, 0),
    series_id: int | None = None,
) -> int:
    """A draft event laid out from template ``key`` on ``day`` at ``at`` (the organisation's
    zone); returns its id. The agenda is timed from the template's steps."""
    if not title.strip():
        raise ValidationError("An event needs a title.")
    tpl = template(key)
    org = _organisation(session)
    tz_name = held_in(org.time_zone if org else None)
    rule = tpl.rule or (org.default_attribution if org else AttributionRule.CHATHAM_HOUSE)
    starts = datetime.combine(day, at, tzinfo=zone_or_utc(tz_name))
    event = Event(
        uid=new_event_uid(),
        title=title.strip(),
        format=tpl.format,
        status=EventStatus.DRAFT,
        attribution=rule,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=tpl.minutes),
        time_zone=tz_name,
        key_issues=[],
        report_recommendations=[],
    )
    if series_id is not None:
        series = session.get(Series, series_id)
        if series is None:
            raise NotFoundError(f"No series with id {series_id}.")
        event.series_id = series_id
        event.series_number = next_series_number(session, series_id)
        event.venue_id = series.default_venue_id
        event.room_id = series.default_room_id
    session.add(event)
    session.flush()
    cursor = starts
    for position, step in enumerate(tpl.agenda):
        end = cursor + timedelta(minutes=step.minutes)
        session.add(
            AgendaItem(
                event_id=event.id,
                position=position,
                starts_at=cursor,
                ends_at=end,
                title=step.title,
                kind=step.kind,
            )
        )
        cursor = end
    return int(event.id)


def duplicate_event(session: Session, event_id: int, *, day: date | None = None) -> int:
    """A new draft copying ``event_id``'s details, agenda and chair/host/moderator, numbered
    next in its series, on ``day`` (default: a week after the latest event of the series)."""
    source = session.get(Event, event_id)
    if source is None:
        raise NotFoundError(f"No event with id {event_id}.")
    tz = zone_or_utc(source.time_zone)
    local_start = source.starts_at.astimezone(tz)
    if day is None:
        latest = source.starts_at
        if source.series_id is not None:
            latest = (
                session.scalar(
                    select(func.max(Event.starts_at)).where(Event.series_id == source.series_id)
                )
                or latest
            )
        day = latest.astimezone(tz).date() + timedelta(days=7)
    new_start = datetime.combine(day, local_start.timetz().replace(tzinfo=None), tzinfo=tz)
    shift = new_start - source.starts_at
    number = next_series_number(session, source.series_id) if source.series_id is not None else None
    copy = Event(
        uid=new_event_uid(),
        title=source.title,
        short_title=source.short_title,
        subtitle=source.subtitle,
        format=source.format,
        status=EventStatus.DRAFT,
        series_id=source.series_id,
        series_number=number,
        starts_at=new_start,
        ends_at=source.ends_at + shift,
        time_zone=source.time_zone,
        venue_id=source.venue_id,
        room_id=source.room_id,
        attribution=source.attribution,
        audience=source.audience,
        contact=source.contact,
        key_issues=[],
        report_recommendations=[],
    )
    session.add(copy)
    session.flush()
    for item in source.agenda:
        session.add(
            AgendaItem(
                event_id=copy.id,
                position=item.position,
                starts_at=item.starts_at + shift,
                ends_at=item.ends_at + shift,
                title=item.title,
                kind=item.kind,
                description=item.description,
                attribution=item.attribution,
            )
        )
    for part in source.participations:
        if part.role in (Role.CHAIR, Role.HOST, Role.MODERATOR):
            session.add(
                Participation(
                    event_id=copy.id, person_id=part.person_id, role=part.role, position=0
                )
            )
    return int(copy.id)


def delete_event(session: Session, event_id: int) -> None:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError(f"No event with id {event_id}.")
    session.delete(event)


# --- timetable -------------------------------------------------------------------------------


def flow_times(start: datetime, durations: Sequence[timedelta]) -> list[tuple[datetime, datetime]]:
    """Each item starts when the one before it ends, from ``start``."""
    slots = []
    cursor = start
    for length in durations:
        slots.append((cursor, cursor + length))
        cursor = cursor + length
    return slots


def reflow_agenda(session: Session, event_id: int, order: Sequence[int] | None = None) -> None:
    """Renumber the event's agenda (in ``order`` if given) and chain its times from the event's
    start, each item keeping its duration."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError(f"No event with id {event_id}.")
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


@dataclass(frozen=True)
class CastMember:
    participation_id: int
    person_id: int
    role: Role
    position: int
    name: str
    affiliation: str  # or, for someone without one, their position ("Former Ambassador")


def event_cast(session: Session, event_id: int) -> list[CastMember]:
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
        )
        .join(Person, Person.id == Participation.person_id)
        .where(Participation.event_id == event_id)
        .order_by(Participation.position, Participation.id)
    )
    cast = []
    for r in rows:
        name = full_style(Name(r[4], r[5], r[6], r[7]))
        cast.append(CastMember(r[0], r[1], r[2], r[3], name, r[8] or r[9]))
    # Programme order: the cast roles as a programme lists them, then everyone else.
    ranked = [*CAST_ROLES, *[r for r in Role if r not in CAST_ROLES]]
    order = {role: i for i, role in enumerate(ranked)}
    cast.sort(key=lambda m: (order[m.role], m.position, m.participation_id))
    return cast


def missing_cast(session: Session, event_id: int, template_key: str | None = None) -> list[str]:
    """What the event's format still needs ("a moderator", "1 more speaker")."""
    event = session.get(Event, event_id)
    if event is None:
        return []
    tpl = None
    if template_key is not None:
        tpl = template(template_key)
    else:
        tpl = next((t for t in TEMPLATES if t.format == event.format), None)
    if tpl is None:
        return []
    counts: dict[Role, int] = {}
    for part in event.participations:
        counts[part.role] = counts.get(part.role, 0) + 1
    missing = []
    for role, least, _most in tpl.cast:
        lack = least - counts.get(role, 0)
        if lack > 0:
            missing.append(f"{lack} {labels.ROLE_LABELS[role].lower()}{'s' if lack > 1 else ''}")
    return missing


# --- one event, as the editor shows it ---------------------------------------------------------


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

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass(frozen=True)
class InvitationRow:
    id: int
    person_id: int
    name: str
    affiliation: str
    status: InvitationStatus
    attended: bool | None
    sent_at: datetime | None = None


@dataclass(frozen=True)
class ConsentRow:
    id: int
    person_id: int
    may_be_named: bool
    description: str


@dataclass(frozen=True)
class EventSnapshot:
    """Everything the editor shows of one event, read in one short session."""

    id: int
    title: str
    short_title: str
    subtitle: str
    format: EventFormat
    status: EventStatus
    series_id: int | None
    series_number: int | None
    starts_at: datetime  # in the event's zone
    ends_at: datetime
    time_zone: str
    venue_id: int | None
    room_id: int | None
    room_capacity: int | None
    attribution: AttributionRule
    audience: EventAudience
    concept_note: str
    background: str
    key_issues: tuple[str, ...]
    report_summary: str
    report_discussion: str
    report_recommendations: tuple[str, ...]
    contact: str
    notes: str
    agenda: tuple[AgendaItemRow, ...]
    cast: tuple[CastMember, ...]
    invitations: tuple[InvitationRow, ...]
    consents: tuple[ConsentRow, ...]

    def consent_of(self, person_id: int) -> ConsentRow | None:
        for consent in self.consents:
            if consent.person_id == person_id:
                return consent
        return None


def event_snapshot(session: Session, event_id: int) -> EventSnapshot:
    # One query per collection instead of one per row: the editor reloads after every edit.
    event = session.get(
        Event,
        event_id,
        options=[
            selectinload(Event.agenda)
            .selectinload(AgendaItem.people)
            .joinedload(AgendaPerson.person),
            selectinload(Event.invitations).joinedload(Invitation.person),
            selectinload(Event.consents),
            joinedload(Event.room),
        ],
    )
    if event is None:
        raise NotFoundError(f"No event with id {event_id}.")
    tz = zone_or_utc(event.time_zone)
    agenda = tuple(
        AgendaItemRow(
            id=item.id,
            position=item.position,
            starts_at=item.starts_at.astimezone(tz),
            ends_at=item.ends_at.astimezone(tz),
            title=item.title,
            kind=item.kind,
            description=item.description,
            attribution=item.attribution,
            people=tuple(
                AgendaPersonRow(p.id, p.person_id, p.role, full_style(p.person))
                for p in item.people
            ),
        )
        for item in event.agenda
    )
    invitations = tuple(
        InvitationRow(
            inv.id,
            inv.person_id,
            full_style(inv.person),
            inv.person.affiliation or inv.person.position,
            inv.status,
            inv.attended,
            inv.sent_at,
        )
        for inv in event.invitations
    )
    consents = tuple(
        ConsentRow(c.id, c.person_id, c.may_be_named, c.description) for c in event.consents
    )
    return EventSnapshot(
        id=event.id,
        title=event.title,
        short_title=event.short_title,
        subtitle=event.subtitle,
        format=event.format,
        status=event.status,
        series_id=event.series_id,
        series_number=event.series_number,
        starts_at=event.starts_at.astimezone(tz),
        ends_at=event.ends_at.astimezone(tz),
        time_zone=event.time_zone,
        venue_id=event.venue_id,
        room_id=event.room_id,
        room_capacity=event.room.capacity if event.room is not None else None,
        attribution=event.attribution,
        audience=event.audience,
        concept_note=event.concept_note,
        background=event.background,
        key_issues=tuple(event.key_issues or ()),
        report_summary=event.report_summary,
        report_discussion=event.report_discussion,
        report_recommendations=tuple(event.report_recommendations or ()),
        contact=event.contact,
        notes=event.notes,
        agenda=agenda,
        cast=tuple(event_cast(session, event_id)),
        invitations=invitations,
        consents=consents,
    )


@dataclass(frozen=True)
class Choice:
    id: int
    label: str
    parent_id: int | None = None  # a room's venue
    capacity: int | None = None


def venue_choices(session: Session) -> list[Choice]:
    return [Choice(v.id, v.name) for v in session.scalars(select(Venue).order_by(Venue.name))]


def room_choices(session: Session) -> list[Choice]:
    rooms = session.scalars(select(Room).order_by(Room.name))
    return [Choice(r.id, r.name, r.venue_id, r.capacity) for r in rooms]


def series_choices(session: Session) -> list[Choice]:
    return [Choice(s.id, s.title) for s in session.scalars(select(Series).order_by(Series.title))]


def set_event_times(
    session: Session, event_id: int, starts_at: datetime, ends_at: datetime, time_zone: str
) -> None:
    """Move the event; its agenda moves by as much as its start did."""
    if ends_at <= starts_at:
        raise ValidationError("The event must end after it starts.")
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError(f"No event with id {event_id}.")
    shift = starts_at - event.starts_at
    for item in event.agenda:
        item.starts_at = item.starts_at + shift
        item.ends_at = item.ends_at + shift
    event.starts_at = starts_at
    event.ends_at = ends_at
    event.time_zone = time_zone


def problem_adding_role(session: Session, event_id: int, person_id: int, role: Role) -> str | None:
    """Why ``person_id`` cannot take ``role`` at the event (None if they can)."""
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
    return f"{name} is already {labels.ROLE_LABELS[role].lower()} of this event."


def _agenda_appearances(
    session: Session, event_id: int, person_id: int, role: Role
) -> list[AgendaPerson]:
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


def replace_in_cast(session: Session, participation_id: int, person_id: int) -> list[int]:
    """Give the role of participation ``participation_id`` to ``person_id`` (the chair
    cancels: another person chairs), with every agenda item where the old person appeared in
    that role. The ids of the agenda entries moved (``restore_cast`` takes them back).
    Raises ValidationError when ``person_id`` already has that role at the event."""
    part = session.get(Participation, participation_id)
    if part is None:
        raise NotFoundError(f"No participation with id {participation_id}.")
    problem = problem_adding_role(session, part.event_id, person_id, part.role)
    if problem:
        raise ValidationError(problem)
    taken = set(
        session.scalars(
            select(AgendaPerson.agenda_item_id)
            .join(AgendaItem, AgendaItem.id == AgendaPerson.agenda_item_id)
            .where(
                AgendaItem.event_id == part.event_id,
                AgendaPerson.person_id == person_id,
                AgendaPerson.role == part.role,
            )
        )
    )
    moved = []
    for entry in _agenda_appearances(session, part.event_id, part.person_id, part.role):
        # An item where the new person already has this role keeps the old entry untouched.
        if entry.agenda_item_id not in taken:
            entry.person_id = person_id
            moved.append(entry.id)
    part.person_id = person_id
    return moved


def restore_cast(
    session: Session, participation_id: int, person_id: int, moved: Sequence[int]
) -> None:
    """Undo ``replace_in_cast``: participation and the ``moved`` agenda entries go back to
    ``person_id``."""
    part = session.get(Participation, participation_id)
    if part is not None:
        part.person_id = person_id
    for entry_id in moved:
        entry = session.get(AgendaPerson, entry_id)
        if entry is not None:
            entry.person_id = person_id


def remove_from_cast(session: Session, participation_id: int) -> list[dict[str, object]]:
    """Take a person out of the cast and out of the agenda items where they had that role (a
    programme must not list a chair who is no longer chairing). The rows deleted, the
    participation first, for ``restore_cast_rows``."""
    part = session.get(Participation, participation_id)
    if part is None:
        return []
    entries = _agenda_appearances(session, part.event_id, part.person_id, part.role)
    deleted = [row_values(part)] + [row_values(entry) for entry in entries]
    for entry in entries:
        session.delete(entry)
    session.delete(part)
    return deleted


def restore_cast_rows(session: Session, deleted: Sequence[dict[str, object]]) -> None:
    """Undo ``remove_from_cast``: the participation and its agenda entries, with their ids."""
    insert_rows(session, table_of(Participation), deleted[:1])
    insert_rows(session, table_of(AgendaPerson), deleted[1:])


# --- agenda edits (each undoable by restoring the state taken before it) ------------------------

AgendaState = dict[int, tuple[int, datetime, datetime]]


def agenda_state(session: Session, event_id: int) -> AgendaState:
    """Position, start and end of each agenda item of the event (what a reflow changes)."""
    rows = session.execute(
        select(AgendaItem.id, AgendaItem.position, AgendaItem.starts_at, AgendaItem.ends_at).where(
            AgendaItem.event_id == event_id
        )
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def restore_agenda_state(session: Session, state: AgendaState) -> None:
    for item_id, (position, starts, ends) in state.items():
        item = session.get(AgendaItem, item_id)
        if item is not None:
            item.position, item.starts_at, item.ends_at = position, starts, ends


def set_item_minutes(session: Session, item_id: int, minutes: int) -> None:
    """Give the item a new length; the items after it move."""
    if minutes <= 0:
        raise ValidationError("An agenda item needs at least one minute.")
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFoundError(f"No agenda item with id {item_id}.")
    item.ends_at = item.starts_at + timedelta(minutes=minutes)
    session.flush()
    reflow_agenda(session, item.event_id)


def add_agenda_item(
    session: Session,
    event_id: int,
    title: str,
    minutes: int,
    kind: AgendaKind = AgendaKind.OTHER,
    item_id: int | None = None,
) -> int:
    """Append an item after the last one (or at the event's start)."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError(f"No event with id {event_id}.")
    last_end = max((i.ends_at for i in event.agenda), default=event.starts_at)
    item = AgendaItem(
        event_id=event_id,
        position=len(event.agenda),
        starts_at=last_end,
        ends_at=last_end + timedelta(minutes=minutes),
        title=title,
        kind=kind,
    )
    if item_id is not None:
        item.id = item_id
    session.add(item)
    session.flush()
    return int(item.id)


# --- deleting an event, undoably -----------------------------------------------------------------


@dataclass(frozen=True)
class EventBackup:
    """Every row of one event (the event, its agenda and their people, cast, invitations,
    consents) as column values, enough to put it back exactly, ids included."""

    rows: RowSnapshot


def delete_event_with_backup(session: Session, event_id: int) -> EventBackup:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFoundError(f"No event with id {event_id}.")
    rows = (
        RowSnapshot()
        .add(table_of(Event), [row_values(event)])
        .add(table_of(AgendaItem), [row_values(item) for item in event.agenda])
        .add(table_of(AgendaPerson), [row_values(p) for item in event.agenda for p in item.people])
        .add(table_of(Participation), [row_values(p) for p in event.participations])
        .add(table_of(Invitation), [row_values(i) for i in event.invitations])
        .add(table_of(Consent), [row_values(c) for c in event.consents])
    )
    session.delete(event)
    return EventBackup(rows)


def restore_event(session: Session, backup: EventBackup) -> None:
    backup.rows.put_back(session)
