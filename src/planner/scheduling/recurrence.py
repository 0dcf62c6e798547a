"""Planning a series' sessions from an RFC 5545 recurrence rule.

"Every second Tuesday of the month at 17:00 for 12 months, skipping December" is::

    plan = plan_series(session, series_id, rrule="FREQ=MONTHLY;BYDAY=2TU", count=12,
                       at=time(17, 0), skip_months={12})
    plan.occurrences          # the dates, to show before anything is written
    apply_plan(session, plan) # the draft events, numbered after the series' last session

How the pieces fit (RFC 5545 semantics):

- The rule runs in the series' zone on the local calendar, so the wall-clock time is kept
  across daylight saving: 17:00 in Europe/London is 17:00 GMT in January and 17:00 BST in
  July. A time that does not exist on a day (inside a spring-forward gap) moves forward by the
  gap, as calendar programs do.
- ``count`` is the rule's COUNT: it counts occurrences *before* skipping (like EXDATE), so
  "12 months, skipping December" plans 11 sessions; ``until`` is its last day instead. A rule
  with neither COUNT nor UNTIL is refused: it would never end. So are rules that make no sense
  for a seminar series: more often than daily (FREQ=HOURLY, MINUTELY, SECONDLY, or BYHOUR and
  friends: the start time is given apart) and more than ``MAX_OCCURRENCES`` dates.
- Instead of a rule, ``dates`` lists the days themselves ("the 3rd, the 17th and the 29th").
- Each session is an ordinary, independent draft event (no master event, no link between
  sessions but the series): changing one changes no other.
- Defaults come from the series (format, rule, venue, room, chair, zone, duration); where the
  series has none: the organisation's zone and default rule, a seminar, two hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateutil.rrule import HOURLY, MINUTELY, SECONDLY, rrule, rrulestr
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.errors import ValidationError, not_found
from planner.model import (
    AttributionRule,
    Event,
    EventFormat,
    EventStatus,
    Organisation,
    Participation,
    Role,
    Room,
    Series,
    Venue,
    new_event_uid,
)
from planner.model.labels import DEFAULT_NUMBERING, session_label
from planner.zones import held_in, zone

# More sessions than this in one plan is a typo (a weekly rule with COUNT=5200): nearly four
# years of weekly sessions.
MAX_OCCURRENCES = 200
# Frequencies no seminar series has; their names for the refusal.
_TOO_OFTEN = {HOURLY: "HOURLY", MINUTELY: "MINUTELY", SECONDLY: "SECONDLY"}
# Parts that would give several sessions a day, or another time than the one asked for.
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
DEFAULT_AT = time(17, 0)
DEFAULT_FORMAT = EventFormat.SEMINAR


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One planned session: its number in the series and its local start and end."""

    number: int
    starts_at: datetime  # aware, in the plan's zone
    ends_at: datetime
    note: str = ""  # e.g. why the time differs from the one asked for


@dataclass(frozen=True, slots=True)
class SeriesPlan:
    """What ``apply_plan`` will create, and with which defaults (for the preview)."""

    series_id: int
    series_title: str
    numbering: str  # "Session {n}"
    time_zone: str
    duration_minutes: int
    format: EventFormat
    attribution: AttributionRule
    venue_id: int | None
    room_id: int | None
    chair_id: int | None
    occurrences: tuple[Occurrence, ...]
    skipped: tuple[date, ...] = field(default=())  # dates the rule gave that were left out

    def label(self, number: int) -> str:
        return session_label(self.numbering, number)

    def title(self, number: int) -> str:
        return f"{self.series_title}: {self.label(number)}"


def parse_rule(
    text: str, *, start: datetime, count: int | None, until: date | None = None
) -> rrule:
    """An rrule from RFC 5545 text (``FREQ=MONTHLY;BYDAY=2TU``, with or without ``RRULE:``),
    starting at the naive local ``start``; ``count`` (or else ``until``, a last day) replaces
    any COUNT or UNTIL in the text."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    body = body.rstrip(";")  # a trailing ";" as some calendars write it
    if not body:
        raise ValidationError("the recurrence rule is empty (e.g. FREQ=MONTHLY;BYDAY=2TU)")
    if "DTSTART" in body.upper():
        raise ValidationError("give the first day with --start, not DTSTART in the rule")
    for part in body.split(";"):
        # dateutil's own words for this are "not enough values to unpack".
        if "=" not in part:
            raise ValidationError(
                f"cannot read the recurrence rule {text!r}: {part!r} is not NAME=VALUE "
                "(e.g. FREQ=MONTHLY;BYDAY=2TU)"
            )
        name = part.split("=", 1)[0].strip().upper()
        if name in _TIME_PARTS:
            raise ValidationError(
                f"the recurrence rule {text!r} sets the time of day ({name}): a series has one "
                "session a day at most; give the start time on its own (--at; in the window, "
                "Starts at)"
            )
    try:
        # ignoretz: calendars write UNTIL in UTC (…T000000Z), which dateutil refuses beside a
        # naive start; it is read as the series' local time, a difference of hours at most.
        rule = rrulestr(body, dtstart=start, ignoretz=True)
    except (ValueError, TypeError) as error:
        raise ValidationError(f"cannot read the recurrence rule {text!r}: {error}") from None
    if not isinstance(rule, rrule):  # an rruleset: several rules or dates
        raise ValidationError("give one RRULE (FREQ=...;...), not a set of rules")
    frequency = getattr(rule, "_freq", None)
    if frequency in _TOO_OFTEN:
        raise ValidationError(
            f"the recurrence rule {text!r} repeats FREQ={_TOO_OFTEN[frequency]}: a seminar "
            "series meets daily at most; use DAILY, WEEKLY, MONTHLY or YEARLY"
        )
    if getattr(rule, "_interval", 1) < 1:
        # dateutil accepts INTERVAL=0 and repeats the first session at the same moment.
        raise ValidationError(
            f"cannot read the recurrence rule {text!r}: INTERVAL must be 1 or more"
        )
    if count is not None:
        if count < 1:
            raise ValidationError("--count must be at least 1")
        rule = rule.replace(count=count, until=None)
    elif until is not None:
        if until < start.date():
            raise ValidationError(f"the end date {until:%Y-%m-%d} is before the start date")
        rule = rule.replace(count=None, until=datetime.combine(until, time.max))
    # dateutil keeps these private; they decide whether the rule ends.
    if getattr(rule, "_count", None) is None and getattr(rule, "_until", None) is None:
        raise ValidationError("the rule never ends: give --count N or UNTIL=... in the rule")
    return rule


def _local(naive: datetime, where: tzinfo) -> tuple[datetime, str]:
    """``naive`` wall-clock time in ``where``; a time in a spring-forward gap moves forward."""
    aware = naive.replace(tzinfo=where)
    real = aware.astimezone(UTC).astimezone(where)
    if real.replace(tzinfo=None) != naive:
        return real, f"{naive:%H:%M} does not exist that day (clocks go forward)"
    return real, ""


def default_start(session: Session, series_id: int, where: tzinfo) -> date:
    """Today, or the day after the series' last session when that is later."""
    today = datetime.now(where).date()
    last = session.scalar(select(func.max(Event.starts_at)).where(Event.series_id == series_id))
    if last is not None:
        return max(today, last.astimezone(where).date() + timedelta(days=1))
    return today


def default_at(session: Session, series_id: int, where: tzinfo) -> time:
    """The local start time of the series' last session, else 17:00."""
    last = session.scalar(
        select(Event.starts_at)
        .where(Event.series_id == series_id)
        .order_by(Event.starts_at.desc())
        .limit(1)
    )
    return last.astimezone(where).time().replace(tzinfo=None) if last is not None else DEFAULT_AT


def next_series_number(session: Session, series_id: int) -> int:
    highest = session.scalar(
        select(func.max(Event.series_number)).where(Event.series_id == series_id)
    )
    return int(highest or 0) + 1


@dataclass(frozen=True, slots=True)
class Place:
    """Where planned sessions happen, instead of the series' default venue and room."""

    venue_id: int | None
    room_id: int | None


def _dates_from(days: Iterable[date], wall: time) -> list[datetime]:
    ordered = sorted(set(days))
    if len(ordered) > MAX_OCCURRENCES:
        raise ValidationError(f"more than {MAX_OCCURRENCES} dates; plan fewer at a time")
    return [datetime.combine(day, wall) for day in ordered]


def plan_series(
    session: Session,
    series_id: int,
    *,
    rrule: str | None = None,
    dates: Iterable[date] = (),
    count: int | None = None,
    until: date | None = None,
    at: time | None = None,
    start: date | None = None,
    skip_months: Iterable[int] = (),
    skip_dates: Iterable[date] = (),
    duration_minutes: int | None = None,
    place: Place | None = None,
) -> SeriesPlan:
    """The sessions ``rrule`` (or the list ``dates``) gives for the series, not yet written;
    ``duration_minutes`` and ``place`` replace the series' defaults. See the module's notes."""
    series = session.get(Series, series_id)
    if series is None:
        raise not_found("series", series_id)
    months = set(skip_months)
    bad_months = sorted(m for m in months if not 1 <= m <= 12)
    if bad_months:
        raise ValidationError(f"months are 1 to 12, not {', '.join(map(str, bad_months))}")
    organisation = session.scalars(select(Organisation).limit(1)).first()
    zone_name = held_in(series.default_time_zone, organisation.time_zone if organisation else "")
    where = zone(zone_name)
    wall = at or default_at(session, series_id, where)
    days = list(dates)
    if rrule is not None and days:
        raise ValidationError("give a recurrence rule or a list of dates, not both")
    if rrule is None and not days:
        raise ValidationError("give a recurrence rule or at least one date")
    if days:
        moments: Iterable[datetime] = _dates_from(days, wall)
    else:
        first_day = start or default_start(session, series_id, where)
        moments = parse_rule(
            rrule or "", start=datetime.combine(first_day, wall), count=count, until=until
        )
    minutes = series.default_duration_minutes or 120
    if duration_minutes is not None:
        minutes = duration_minutes
    duration = timedelta(minutes=minutes)
    if duration <= timedelta(0):
        raise ValidationError("the duration must be more than 0 minutes")

    skipped_days = set(skip_dates)
    number = next_series_number(session, series_id)
    occurrences: list[Occurrence] = []
    skipped: list[date] = []
    try:
        for index, naive in enumerate(moments):
            if index >= MAX_OCCURRENCES:
                raise ValidationError(
                    f"the rule gives more than {MAX_OCCURRENCES} sessions; plan fewer at a time"
                )
            if naive.month in months or naive.date() in skipped_days:
                skipped.append(naive.date())
                continue
            starts, note = _local(naive, where)
            occurrences.append(Occurrence(number, starts, (starts + duration), note))
            number += 1
    except (ValueError, OverflowError):
        # dateutil and datetime stop at the end of year 9999.
        raise ValidationError("the rule runs past the year 9999; start earlier") from None
    if not occurrences:
        raise ValidationError(
            "the rule gives no sessions (check the start day, the count or end date, the skips)"
        )

    venue_id, room_id = series.default_venue_id, series.default_room_id
    if place is not None:
        venue_id, room_id = place.venue_id, place.room_id
    rule_default = organisation.default_attribution if organisation else None
    return SeriesPlan(
        series_id=series.id,
        series_title=series.title,
        numbering=series.numbering or DEFAULT_NUMBERING,
        time_zone=zone_name,
        duration_minutes=int(duration / timedelta(minutes=1)),
        format=series.default_format or DEFAULT_FORMAT,
        attribution=series.default_attribution or rule_default or AttributionRule.CHATHAM_HOUSE,
        venue_id=venue_id,
        room_id=room_id,
        chair_id=series.default_chair_id,
        occurrences=tuple(occurrences),
        skipped=tuple(skipped),
    )


def _check_place(session: Session, plan: SeriesPlan) -> None:
    if plan.venue_id is not None and session.get(Venue, plan.venue_id) is None:
        raise ValidationError(f"the sessions' venue (id {plan.venue_id}) no longer exists")
    if plan.room_id is not None:
        room = session.get(Room, plan.room_id)
        if room is None:
            raise ValidationError(f"the sessions' room (id {plan.room_id}) no longer exists")
        if plan.venue_id is not None and room.venue_id != plan.venue_id:
            raise ValidationError(f"the sessions' room {room.name!r} is not at their venue")


def apply_plan(session: Session, plan: SeriesPlan) -> list[int]:
    """Create the plan's sessions as draft events (in the caller's transaction: all or none).

    Numbers are taken again at this moment, after the series' highest number, so a session
    added between preview and apply does not lead to two sessions with one number.
    """
    _check_place(session, plan)
    number = next_series_number(session, plan.series_id)
    venue_id = plan.venue_id
    if venue_id is None and plan.room_id is not None:
        room = session.get(Room, plan.room_id)
        venue_id = room.venue_id if room is not None else None
    events: list[Event] = []
    for occurrence in plan.occurrences:
        event = Event(
            uid=new_event_uid(),
            title=plan.title(number),
            short_title=plan.label(number),
            format=plan.format,
            status=EventStatus.DRAFT,
            series_id=plan.series_id,
            series_number=number,
            starts_at=occurrence.starts_at,
            ends_at=occurrence.ends_at,
            time_zone=plan.time_zone,
            venue_id=venue_id,
            room_id=plan.room_id,
            attribution=plan.attribution,
            key_issues=[],
            report_recommendations=[],
        )
        if plan.chair_id is not None:
            event.participations.append(
                Participation(person_id=plan.chair_id, role=Role.CHAIR, position=0)
            )
        session.add(event)
        events.append(event)
        number += 1
    session.flush()
    return [event.id for event in events]
