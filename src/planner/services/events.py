"""Events as a whole: listing with filters, creating from a template, duplicating, moving,
deleting (each edit also an operation with its inverse, for undo).

No Qt here: the GUI's table models and editor call these functions; they take a ``Database``,
open their own transaction and return plain frozen dataclasses, so no caller holds an ORM row.
The parts of one event have their own modules: agenda, cast, invitations, texts; what the
editor shows of one event is ``services/snapshot.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from planner.errors import NotFoundError, ValidationError, not_found
from planner.model import (
    AgendaItem,
    AgendaKind,
    AgendaPerson,
    AttributionRule,
    Consent,
    Dispatch,
    Event,
    EventFormat,
    EventStatus,
    Invitation,
    Organisation,
    Participation,
    Role,
    Room,
    Series,
    Venue,
    labels,
    new_event_uid,
)
from planner.scheduling.recurrence import next_series_number
from planner.services.operations import Batch, Operation, Record, SetField
from planner.services.snapshots import RowSnapshot, row_values, table_of
from planner.store import Database
from planner.zones import held_in, zone_or_utc

# The labels come from model/labels.py, one table per vocabulary; only "Other" differs: a
# format chosen from a list reads "Other", where a printed programme heads it "Event".
FORMAT_LABELS: dict[EventFormat, str] = {**labels.FORMAT_LABELS, EventFormat.OTHER: "Other"}
STATUS_LABELS = labels.STATUS_LABELS
RULE_LABELS = labels.RULE_LABELS
RULE_BADGES = labels.RULE_BADGES
ROLE_LABELS = labels.ROLE_LABELS


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
    db: Database, flt: EventFilter = EventFilter(), now: datetime | None = None
) -> list[EventRow]:
    """Events matching ``flt``: upcoming soonest first, others latest first."""
    with db.session(write=False) as session:
        return _list_events(session, flt, now)


def _list_events(session: Session, flt: EventFilter, now: datetime | None) -> list[EventRow]:
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
    db: Database,
    key: str,
    *,
    title: str,
    day: date,
    at: time = time(17, 0),
    series_id: int | None = None,
) -> int:
    """A draft event laid out from template ``key`` on ``day`` at ``at`` (the organisation's
    zone); returns its id. The agenda is timed from the template's steps. (Not undoable: the
    window pushes :class:`CreateFromTemplate`.)"""
    with db.session() as session:
        return _create_from_template(session, key, title, day, at, series_id)


def _create_from_template(
    session: Session, key: str, title: str, day: date, at: time, series_id: int | None
) -> int:
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
            raise not_found("series", series_id)
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


def duplicate_event(db: Database, event_id: int, *, day: date | None = None) -> int:
    """A new draft copying ``event_id``'s details, agenda and chair/host/moderator, numbered
    next in its series, on ``day`` (default: a week after the latest event of the series).
    (Not undoable: the window pushes :class:`DuplicateEvent`.)"""
    with db.session() as session:
        return _duplicate_event(session, event_id, day)


def _duplicate_event(session: Session, event_id: int, day: date | None) -> int:
    source = session.get(Event, event_id)
    if source is None:
        raise not_found("event", event_id)
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


def delete_event(db: Database, event_id: int) -> None:
    """Delete the event with everything that is its own (not undoable: see DeleteEvent)."""
    with db.session() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise not_found("event", event_id)
        session.delete(event)


# --- what an event may be linked to ----------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    id: int
    label: str
    parent_id: int | None = None  # a room's venue
    capacity: int | None = None


def _venue_choices(session: Session) -> list[Choice]:
    return [Choice(v.id, v.name) for v in session.scalars(select(Venue).order_by(Venue.name))]


def _room_choices(session: Session) -> list[Choice]:
    rooms = session.scalars(select(Room).order_by(Room.name))
    return [Choice(r.id, r.name, r.venue_id, r.capacity) for r in rooms]


def _series_choices(session: Session) -> list[Choice]:
    return [Choice(s.id, s.title) for s in session.scalars(select(Series).order_by(Series.title))]


def venue_choices(db: Database) -> list[Choice]:
    with db.session(write=False) as session:
        return _venue_choices(session)


def room_choices(db: Database) -> list[Choice]:
    with db.session(write=False) as session:
        return _room_choices(session)


def series_choices(db: Database) -> list[Choice]:
    with db.session(write=False) as session:
        return _series_choices(session)


@dataclass(frozen=True)
class LinkChoices:
    """What an event may be linked to: series, venues, rooms (a room's ``parent_id`` is its
    venue)."""

    series: tuple[Choice, ...]
    venues: tuple[Choice, ...]
    rooms: tuple[Choice, ...]


def link_choices(db: Database) -> LinkChoices:
    """Series, venues and rooms in one short read (the editor refills them on every reload)."""
    with db.session(write=False) as session:
        return LinkChoices(
            tuple(_series_choices(session)),
            tuple(_venue_choices(session)),
            tuple(_room_choices(session)),
        )


@dataclass(frozen=True)
class SeriesSession:
    """An event that belongs to a series: what a next session can be made from."""

    id: int
    title: str
    starts_at: datetime


def series_sessions(db: Database, limit: int = 200) -> list[SeriesSession]:
    """The latest ``limit`` events that belong to a series, newest first (the New event
    dialog offers their next session)."""
    with db.session(write=False) as session:
        rows = session.execute(
            select(Event.id, Event.title, Event.starts_at)
            .where(Event.series_id.is_not(None))
            .order_by(Event.starts_at.desc())
            .limit(limit)
        ).all()
    return [SeriesSession(event_id, title, starts) for event_id, title, starts in rows]


# --- edits of an event as a whole (operations: see services/operations.py) ---------------------


@dataclass(frozen=True, slots=True)
class MoveEvent(Operation):
    """Move the event to ``starts_at``-``ends_at`` in ``time_zone``; its agenda moves by as
    much as its start did. The inverse moves it back."""

    event_id: int
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    text: str = "Change date and time"

    def apply_in(self, session: Session) -> Operation:
        if self.ends_at <= self.starts_at:
            raise ValidationError("The event must end after it starts.")
        event = session.get(Event, self.event_id)
        if event is None:
            raise not_found("event", self.event_id)
        old = MoveEvent(self.event_id, event.starts_at, event.ends_at, event.time_zone, self.text)
        shift = self.starts_at - event.starts_at
        for item in event.agenda:
            item.starts_at = item.starts_at + shift
            item.ends_at = item.ends_at + shift
        event.starts_at = self.starts_at
        event.ends_at = self.ends_at
        event.time_zone = self.time_zone
        return old


def set_event_times(
    db: Database, event_id: int, starts_at: datetime, ends_at: datetime, time_zone: str
) -> None:
    """Move the event (not undoable: the window pushes :class:`MoveEvent`)."""
    with db.session() as session:
        MoveEvent(event_id, starts_at, ends_at, time_zone).apply_in(session)


@dataclass(frozen=True, slots=True)
class ChangeSeries(Operation):
    """Put the event in series ``series_id`` (None: in none), numbered next in it."""

    event_id: int
    series_id: int | None
    text: str = "Change series"

    def apply_in(self, session: Session) -> Operation:
        number = next_series_number(session, self.series_id) if self.series_id is not None else None
        return Batch(
            self.text,
            (
                SetField(Record.EVENT, self.event_id, "series_id", self.series_id, self.text),
                SetField(Record.EVENT, self.event_id, "series_number", number, self.text),
            ),
            self.event_id,
        ).apply_in(session)


@dataclass(frozen=True)
class EventBackup:
    """Every row of one event (the event, its agenda and their people, cast, invitations,
    consents) as column values, enough to put it back exactly, ids included."""

    rows: RowSnapshot


def _delete_with_backup(session: Session, event_id: int) -> EventBackup:
    event = session.get(Event, event_id)
    if event is None:
        raise not_found("event", event_id)
    rows = (
        RowSnapshot()
        .add(table_of(Event), [row_values(event)])
        .add(table_of(AgendaItem), [row_values(item) for item in event.agenda])
        .add(table_of(AgendaPerson), [row_values(p) for item in event.agenda for p in item.people])
        .add(table_of(Participation), [row_values(p) for p in event.participations])
        .add(table_of(Invitation), [row_values(i) for i in event.invitations])
        .add(table_of(Consent), [row_values(c) for c in event.consents])
        .add(
            table_of(Dispatch),
            [
                row_values(d)
                for d in session.scalars(select(Dispatch).where(Dispatch.event_id == event_id))
            ],
        )
    )
    session.delete(event)
    return EventBackup(rows)


def _restore(session: Session, backup: EventBackup) -> None:
    backup.rows.put_back(session)


@dataclass(frozen=True, slots=True)
class DeleteEvent(Operation):
    """Delete the event with its agenda, cast, invitations and consents; the inverse puts
    every row back with its id (commands pushed later hold those ids)."""

    event_id: int
    text: str

    def apply_in(self, session: Session) -> Operation:
        return RestoreEvent(_delete_with_backup(session, self.event_id), self.text, self.event_id)


@dataclass(frozen=True, slots=True)
class RestoreEvent(Operation):
    """Put back an event :class:`DeleteEvent` took away."""

    backup: EventBackup
    text: str
    event_id: int

    def apply_in(self, session: Session) -> Operation:
        _restore(session, self.backup)
        return DeleteEvent(self.event_id, self.text)


@dataclass(frozen=True, slots=True)
class CreateFromTemplate(Operation):
    """A new draft event from template ``key`` (see :func:`create_from_template`). Undo
    deletes it; redo puts back that very event (its id, calendar UID, agenda ids), not a new
    one: the commands pushed after this one hold those ids."""

    key: str
    title: str
    day: date
    at: time = time(17, 0)
    series_id: int | None = None
    text: str = "New event"
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        created = _create_from_template(
            session, self.key, self.title, self.day, self.at, self.series_id
        )
        return DeleteEvent(created, self.text)

    def created_id(self, inverse: Operation) -> int | None:
        return inverse.event_id


@dataclass(frozen=True, slots=True)
class DuplicateEvent(Operation):
    """The next session of ``source_id``'s series (see :func:`duplicate_event`); undo and redo
    as for :class:`CreateFromTemplate`."""

    source_id: int
    day: date | None = None
    text: str = "New session of the series"
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        return DeleteEvent(_duplicate_event(session, self.source_id, self.day), self.text)

    def created_id(self, inverse: Operation) -> int | None:
        return inverse.event_id
