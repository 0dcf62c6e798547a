"""Planning a series' sessions in the window: preview with clashes, create, renumber, move, cancel.

The dates come from ``scheduling/recurrence.py`` (the same rules, limits and refusals as
``planner series plan``); the clashes from ``scheduling/conflicts.py``. A preview writes the
sessions in a transaction, asks the conflict checks about each, and rolls everything back, so
it shows exactly the clashes the real sessions would make (the CLI's dry run does the same).

Each change is an operation with its inverse (services/operations.py), pushed as one undo step:

- :class:`PlanSessions` creates the ticked sessions; undo deletes them, redo puts those very
  events back (same ids).
- :class:`RenumberSessions` numbers the series' sessions by date; cancelled ones lose their
  number. Undo puts the old numbers and titles back.
- Moving one session is ``services.events.MoveEvent`` (its agenda moves with it); cancelling
  it is a ``SetField`` of its status. Neither renumbers the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.errors import ValidationError, not_found
from planner.findings import Finding, Severity
from planner.model import Event, EventStatus, Room, Series, Venue
from planner.model.labels import DEFAULT_NUMBERING, session_label
from planner.scheduling.conflicts import event_conflicts, sort_findings
from planner.scheduling.recurrence import (
    MAX_OCCURRENCES,
    Place,
    SeriesPlan,
    apply_plan,
    default_at,
    default_start,
    plan_series,
)
from planner.scheduling.wording import span_text
from planner.services.events import DeleteEvent, MoveEvent
from planner.services.operations import Batch, Operation, Record, SetField
from planner.services.series_pattern import Repeat, SeriesPattern, series_pattern
from planner.store import Database
from planner.store.queries import office_zone
from planner.zones import held_in, zone, zone_or_utc

# The most dates one plan may give (the dialog's limit on its count, too).
MAX_SESSIONS = MAX_OCCURRENCES

# --- the rule, from the dialog's choices -------------------------------------------------------


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # index: date.weekday()


def rule_for(repeat: Repeat, weekday: int, nth: int = 1, custom: str = "") -> str | None:
    """The RFC 5545 rule for the dialog's choice (None for a list of dates): ``nth`` is 1 to 4,
    or -1 for the last such weekday of the month."""
    if not 0 <= weekday <= 6:
        raise ValidationError(f"weekday: {weekday} is not 0 (Monday) to 6 (Sunday)")
    day = WEEKDAYS[weekday]
    if repeat is Repeat.MONTHLY:
        if nth not in (1, 2, 3, 4, -1):
            raise ValidationError(f"week of the month: {nth} is not 1 to 4 or -1 (the last)")
        return f"FREQ=MONTHLY;BYDAY={nth}{day}"
    if repeat is Repeat.WEEKLY:
        return f"FREQ=WEEKLY;BYDAY={day}"
    if repeat is Repeat.FORTNIGHTLY:
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"
    if repeat is Repeat.CUSTOM:
        return custom
    return None


def dates_from_text(text: str) -> tuple[date, ...]:
    """``2026-03-03, 2026-03-17`` (commas, spaces or lines between) as days, in order."""
    days: set[date] = set()
    for part in text.replace(",", " ").split():
        try:
            days.add(date.fromisoformat(part))
        except ValueError:
            raise ValidationError(f"dates: {part!r} is not a day; write YYYY-MM-DD") from None
    return tuple(sorted(days))


# --- preview and create ----------------------------------------------------------------------


@dataclass(frozen=True)
class PlanDefaults:
    """What the Plan Sessions dialog starts from: the series' own defaults, its pattern and
    its last session's time and room."""

    title: str
    numbering: str
    start: date  # the pattern's next date from today or the day after the last session
    at: time  # the last session's time, else 17:00
    duration_minutes: int
    time_zone: str
    room: str  # the series' default room as the room list names it ("" for none)
    pattern: SeriesPattern | None = None  # None: fewer than two sessions, or no pattern
    # The last session's place when it is not the series' default: its room (None: no room).
    use_series_room: bool = True
    room_id: int | None = None


def place_label(venue: str, room: str | None) -> str:
    """``Islamabad Club — Small room`` (how the dialog lists rooms)."""
    return f"{venue} — {room}" if room else venue


def _last_place(session: Session, series: Series) -> tuple[bool, int | None]:
    """(whether the series' default place is the last session's, the last session's room)."""
    last = session.execute(
        select(Event.venue_id, Event.room_id)
        .where(Event.series_id == series.id)
        .order_by(Event.starts_at.desc(), Event.id.desc())
        .limit(1)
    ).first()
    if last is None or (last.room_id is None and series.default_room_id is None):
        return True, None
    return last.room_id == series.default_room_id, last.room_id


def plan_defaults(db: Database, series_id: int) -> PlanDefaults:
    with db.session(write=False) as session:
        series = session.get(Series, series_id)
        if series is None:
            raise not_found("series", series_id)
        zone_name = held_in(series.default_time_zone, office_zone(session))
        where = zone(zone_name)
        room = session.get(Room, series.default_room_id) if series.default_room_id else None
        venue = session.get(Venue, series.default_venue_id) if series.default_venue_id else None
        if room is not None:
            where_text = place_label(room.venue.name, room.name)
        else:
            where_text = venue.name if venue is not None else ""
        held = session.scalars(select(Event.starts_at).where(Event.series_id == series_id))
        pattern = series_pattern(moment.astimezone(where).date() for moment in held)
        start = default_start(session, series_id, where)
        use_series_room, room_id = _last_place(session, series)
        return PlanDefaults(
            series.title,
            series.numbering or DEFAULT_NUMBERING,
            pattern.first_on_or_after(start) if pattern is not None else start,
            default_at(session, series_id, where),
            series.default_duration_minutes or 120,
            zone_name,
            where_text,
            pattern,
            use_series_room,
            room_id,
        )


@dataclass(frozen=True)
class PlanRequest:
    """What the Plan Sessions dialog asks for. ``rule`` (RFC 5545) or ``dates``; ``count`` or
    ``until``; ``use_series_room`` False means ``room_id`` (None: no room) instead of the
    series' default room."""

    series_id: int
    rule: str | None = None
    dates: tuple[date, ...] = ()
    start: date | None = None
    count: int | None = None
    until: date | None = None
    at: time | None = None
    duration_minutes: int | None = None
    use_series_room: bool = True
    room_id: int | None = None


@dataclass(frozen=True)
class PlannedSession:
    """One date of the preview and what it would clash with."""

    day: date
    when: str  # "Tue 13 Jan 2026 17:00–19:00", local
    note: str  # e.g. the time moved out of a daylight-saving gap
    clashes: tuple[str, ...]  # sentences, errors first
    severity: Severity | None  # the worst clash, None without any

    @property
    def blocked(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class PlanPreview:
    """The dates a request gives, with their clashes; ``create`` makes the ticked ones."""

    plan: SeriesPlan
    sessions: tuple[PlannedSession, ...]
    first_number: int  # the number the first ticked session will get

    def label(self, number: int) -> str:
        return self.plan.label(number)

    def create(self, ticked: Sequence[int], text: str = "Plan sessions") -> PlanSessions:
        """The operation that creates the sessions at the indices ``ticked``."""
        chosen = sorted(set(ticked))
        if not chosen:
            raise ValidationError("no date is ticked: tick at least one session to create")
        if chosen[0] < 0 or chosen[-1] >= len(self.plan.occurrences):
            raise ValidationError(f"no date {chosen[-1] + 1} in this plan")
        occurrences = tuple(self.plan.occurrences[i] for i in chosen)
        return PlanSessions(replace(self.plan, occurrences=occurrences), text)


def _place(session: Session, request: PlanRequest) -> Place | None:
    if request.use_series_room:
        return None
    if request.room_id is None:
        series = session.get(Series, request.series_id)
        return Place(series.default_venue_id if series else None, None)
    room = session.get(Room, request.room_id)
    if room is None:
        raise ValidationError(f"room: no room with id {request.room_id}")
    return Place(room.venue_id, room.id)


def _plan(session: Session, request: PlanRequest) -> SeriesPlan:
    if request.count is not None and request.until is not None:
        raise ValidationError("give a number of sessions or an end date, not both")
    return plan_series(
        session,
        request.series_id,
        rrule=request.rule,
        dates=request.dates,
        count=request.count,
        until=request.until,
        at=request.at,
        start=request.start,
        duration_minutes=request.duration_minutes,
        place=_place(session, request),
    )


def _worst(findings: Sequence[Finding]) -> Severity | None:
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        if any(f.severity is severity for f in findings):
            return severity
    return None


def preview_sessions(db: Database, request: PlanRequest) -> PlanPreview:
    """The sessions ``request`` gives, each with the clashes it would make; nothing is kept.

    Raises ValidationError (a sentence naming the problem) for a rule that is refused.
    """
    with db.session() as session:
        plan = _plan(session, request)
        first = plan.occurrences[0].number
        # Written, checked, and taken back: the clashes are those the real sessions would make.
        ids = apply_plan(session, plan)
        found = [sort_findings(event_conflicts(session, event_id)) for event_id in ids]
        session.rollback()
    sessions = tuple(
        PlannedSession(
            occurrence.starts_at.date(),
            span_text(occurrence.starts_at, occurrence.ends_at, plan.time_zone),
            occurrence.note,
            tuple(f.message for f in findings),
            _worst(findings),
        )
        for occurrence, findings in zip(plan.occurrences, found, strict=True)
    )
    return PlanPreview(plan, sessions, first)


@dataclass(frozen=True)
class PlanSessions(Operation):
    """Create the plan's sessions as draft events (numbered after the series' last); the
    inverse deletes them, and its inverse puts the same events back."""

    plan: SeriesPlan
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        ids = apply_plan(session, self.plan)
        return Batch(self.text, tuple(DeleteEvent(i, self.text) for i in reversed(ids)))


# --- renumbering -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Renumbering:
    """One session of the series and what renumbering does to it."""

    event_id: int
    when: str
    title: str
    old_number: int | None
    new_number: int | None  # None: a cancelled session, left without a number
    old_label: str
    new_label: str
    new_title: str | None  # None: the title stays (it is not the numbered one)
    new_short_title: str | None

    @property
    def changed(self) -> bool:
        return self.old_number != self.new_number


def _label(numbering: str, number: int | None) -> str:
    return session_label(numbering, number) if number is not None else ""


def _renumbering(session: Session, series_id: int) -> list[Renumbering]:
    series = session.get(Series, series_id)
    if series is None:
        raise not_found("series", series_id)
    numbering = series.numbering or DEFAULT_NUMBERING
    events = session.scalars(
        select(Event).where(Event.series_id == series_id).order_by(Event.starts_at, Event.id)
    ).all()
    lines: list[Renumbering] = []
    live = sum(1 for event in events if event.status is not EventStatus.CANCELLED)
    number = 0
    for event in events:
        new: int | None = None
        if event.status is not EventStatus.CANCELLED:
            number += 1
            new = number
        old = event.series_number
        new_title = new_short = None
        old_label = _label(numbering, old)
        if old is not None and new is not None and old != new:
            # Titles the plan wrote ("Review: Session 3") follow the number, whatever the
            # series was called when they were written (a renamed series left "New series:
            # Session 6" on session 5); others are the organiser's own and stay.
            if event.title.endswith(f": {old_label}"):
                new_title = event.title.removesuffix(old_label) + _label(numbering, new)
            if event.short_title == old_label:
                new_short = _label(numbering, new)
        elif old is not None and new is None and old <= live:
            # A cancelled session whose number a live one now takes: its numbered title says
            # so, or calendars show two "Session 13", one cancelled and one not.
            if event.title.endswith(f": {old_label}"):
                new_title = f"{event.title} (cancelled)"
            if event.short_title == old_label:
                new_short = f"{old_label} (cancelled)"
        lines.append(
            Renumbering(
                event.id,
                span_text(event.starts_at, event.ends_at, event.time_zone),
                event.title,
                old,
                new,
                _label(numbering, old),
                _label(numbering, new),
                new_title,
                new_short,
            )
        )
    return lines


def renumber_preview(db: Database, series_id: int) -> list[Renumbering]:
    """Every session of the series by date, with its number now and after renumbering."""
    with db.session(write=False) as session:
        return _renumbering(session, series_id)


@dataclass(frozen=True)
class RenumberSessions(Operation):
    """Number the series' sessions 1, 2, ... by date (cancelled ones get none); the inverse
    puts the numbers and titles back."""

    series_id: int
    text: str = "Renumber sessions"
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        edits: list[Operation] = []
        for line in _renumbering(session, self.series_id):
            if not line.changed:
                continue
            edits.append(
                SetField(Record.EVENT, line.event_id, "series_number", line.new_number, self.text)
            )
            if line.new_title is not None:
                edits.append(
                    SetField(Record.EVENT, line.event_id, "title", line.new_title, self.text)
                )
            if line.new_short_title is not None:
                edits.append(
                    SetField(
                        Record.EVENT, line.event_id, "short_title", line.new_short_title, self.text
                    )
                )
        return Batch(self.text, tuple(edits)).apply_in(session)


# --- one session: move or cancel ---------------------------------------------------------


@dataclass(frozen=True)
class SessionTime:
    """A session's local start, its length and zone (what the Move dialog starts from)."""

    event_id: int
    title: str
    label: str
    starts: datetime  # naive local wall-clock time in ``time_zone``
    duration: timedelta
    time_zone: str
    cancelled: bool


def session_time(db: Database, event_id: int) -> SessionTime:
    with db.session(write=False) as session:
        event = session.get(Event, event_id)
        if event is None:
            raise not_found("event", event_id)
        numbering = event.series.numbering if event.series is not None else DEFAULT_NUMBERING
        local = event.starts_at.astimezone(zone_or_utc(event.time_zone))
        return SessionTime(
            event.id,
            event.title,
            _label(numbering or DEFAULT_NUMBERING, event.series_number),
            local.replace(tzinfo=None),
            event.ends_at - event.starts_at,
            event.time_zone,
            event.status is EventStatus.CANCELLED,
        )


def move_session(db: Database, event_id: int, starts: datetime) -> MoveEvent:
    """The operation moving the session to the naive local ``starts`` (same zone, same length;
    its agenda moves with it)."""
    current = session_time(db, event_id)
    where = zone_or_utc(current.time_zone)
    begin = starts.replace(tzinfo=where)
    name = current.label or current.title
    return MoveEvent(
        event_id,
        begin,
        begin + current.duration,
        current.time_zone,
        f"Move {name}",
    )


def move_clashes(db: Database, event_id: int, starts: datetime) -> list[str]:
    """The clashes the session would make at the naive local ``starts`` (nothing is kept)."""
    move = move_session(db, event_id, starts)
    with db.session() as session:
        move.apply_in(session)
        session.flush()
        found = sort_findings(event_conflicts(session, event_id))
        session.rollback()
    return [f.message for f in found]


def cancel_session(db: Database, event_id: int) -> SetField:
    """The operation marking the session cancelled (kept in the series, its number too)."""
    current = session_time(db, event_id)
    if current.cancelled:
        raise ValidationError(f"{current.label or current.title} is already cancelled")
    name = current.label or current.title
    text = f"Cancel {name}"
    return SetField(Record.EVENT, event_id, "status", EventStatus.CANCELLED, text, mergeable=False)
