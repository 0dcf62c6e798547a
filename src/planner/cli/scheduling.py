"""`planner conflicts` and `planner series plan|list`: clashes across all events, and a
series' sessions planned from a recurrence rule.

Exit status of ``planner conflicts``: 0 when no conflict is an error (warnings alone do not
fail), 1 when at least one is an error, or when the command itself could not run (the message
says which) — so a script can refuse to send invitations while ``planner conflicts`` fails.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from planner.errors import PlannerError
from planner.findings import Finding, Severity
from planner.zones import zone_or_utc

from .registry import Context, Registry, UsageError, count_type, series_id_type

# SQLAlchemy, the model and the scheduling engine are imported inside the handlers, so that
# ``planner --help`` and other commands do not pay for them.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from planner.scheduling.recurrence import SeriesPlan

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def register(registry: Registry) -> None:
    """Add this module's subcommands."""
    conflicts = registry.command(
        "conflicts",
        _conflicts,
        help="list clashes between events (people, rooms, venues, agenda, capacity, hours)",
        description="List every conflict between events that will happen (cancelled and "
        "postponed events clash with nothing), errors first. Exit status 1 when any is an "
        "error, 0 otherwise.",
    )
    conflicts.add_argument(
        "--from",
        dest="from_date",
        metavar="DATE",
        type=day_or_today_type,
        help="only events that end on or after this day (YYYY-MM-DD in the organisation's "
        "zone, or today: what is still to come)",
    )
    conflicts.add_argument(
        "--to",
        dest="to_date",
        metavar="DATE",
        type=day_or_today_type,
        help="only events that start on or before this day (YYYY-MM-DD or today, inclusive)",
    )
    conflicts.add_argument("--json", action="store_true", help="print JSON instead of text")

    series = registry.command(
        "series", _series_help, help="list a series, or plan its sessions from a rule"
    )
    actions = series.add_subparsers(dest="series_action", metavar="ACTION")
    listing = actions.add_parser(
        "list", help="list the series with their sessions", description="List the series."
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=_series_list)

    plan = actions.add_parser(
        "plan",
        help="create draft sessions from a recurrence rule (RFC 5545 RRULE)",
        description="Create the series' next sessions as draft events, numbered after its "
        "last session, with the series' defaults (venue, room, format, rule, chair, zone, "
        "duration). Example, every second Tuesday at 17:00 for a year without December: "
        'planner series plan 1 --rrule "FREQ=MONTHLY;BYDAY=2TU" --count 12 --at 17:00 '
        "--skip-months 12",
    )
    plan.add_argument("series_id", type=series_id_type, metavar="SERIES_ID")
    plan.add_argument(
        "--rrule",
        required=True,
        metavar="RULE",
        type=rule_type,
        help='an RFC 5545 rule, e.g. "FREQ=MONTHLY;BYDAY=2TU" or "FREQ=WEEKLY;BYDAY=WE"',
    )
    plan.add_argument(
        "--count",
        type=count_type,
        metavar="N",
        help="occurrences of the rule (skipped ones included); replaces COUNT or UNTIL in the rule",
    )
    plan.add_argument(
        "--at",
        metavar="HH:MM",
        type=time_type,
        help="local start time (default: that of the last session, else 17:00)",
    )
    plan.add_argument(
        "--start",
        metavar="DATE",
        type=day_type,
        help="first day the rule may fall on (default: today, or after the last session)",
    )
    plan.add_argument(
        "--skip-months",
        metavar="MONTHS",
        type=months_type,
        default=frozenset(),
        help="months to leave out, numbers or names, comma-separated (12 or 7,8,dec)",
    )
    plan.add_argument(
        "--skip-dates",
        metavar="DATES",
        type=days_type,
        default=frozenset(),
        help="days to leave out, comma-separated YYYY-MM-DD",
    )
    plan.add_argument(
        "--dry-run", action="store_true", help="only list the sessions; write nothing"
    )
    plan.set_defaults(handler=_series_plan)


# --- planner conflicts -------------------------------------------------------------------


# The word --from and --to take for the organisation's today (known only once it is open).
TODAY = "today"


def day_type(text: str) -> date:
    """The argparse ``type`` of a day: ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day: give YYYY-MM-DD") from None


def day_or_today_type(text: str) -> date | str:
    """The argparse ``type`` of ``--from`` and ``--to``: a day, or ``today`` (:data:`TODAY`)."""
    if text.strip().lower() == TODAY:
        return TODAY
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a day: give YYYY-MM-DD or today"
        ) from None


def organisation_zone(session: Session) -> ZoneInfo:
    from planner.store.queries import office_zone

    return zone_or_utc(office_zone(session))


def _midnight(day: date, where: ZoneInfo) -> datetime | None:
    """The start of ``day`` in ``where``; None (no bound) where it falls off the calendar in
    UTC, as 0001-01-01 does east of Greenwich."""
    moment = datetime.combine(day, time(), tzinfo=where)
    try:
        moment.astimezone(UTC)
    except OverflowError:
        return None
    return moment


def _conflicts(args: argparse.Namespace, ctx: Context) -> int:
    from planner.scheduling.conflicts import all_conflicts

    with ctx.db.session(write=False) as session:
        where = organisation_zone(session)
        start = end = None
        today = datetime.now(where).date()
        if args.from_date is not None:
            start = _midnight(_day(args.from_date, today), where)
        if args.to_date is not None:
            last = _day(args.to_date, today)
            end = None if last == date.max else _midnight(last + timedelta(days=1), where)
        if start is not None and end is not None and end <= start:
            raise UsageError("--to is before --from")
        findings = all_conflicts(session, start=start, end=end)
    if args.json:
        json.dump([f.to_dict() for f in findings], ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
    else:
        print_findings(findings, ctx.out)
        print(summary(findings), file=ctx.out)
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def _day(value: date | str, today: date) -> date:
    """A day of ``day_or_today_type``, with ``today`` for the word."""
    return today if isinstance(value, str) else value


def print_findings(findings: Sequence[Finding], out: TextIO) -> None:
    """``error    Senator ... overlap on ...  [events 3, 7]``, one line each."""
    for finding in findings:
        ids = ", ".join(str(i) for i in finding.event_ids)
        which = f"  [event{'s' if len(finding.event_ids) > 1 else ''} {ids}]" if ids else ""
        print(f"{finding.severity.value:<8} {finding.message}{which}", file=out)


def summary(findings: Sequence[Finding]) -> str:
    if not findings:
        return "No conflicts."
    counts = Counter(f.severity for f in findings)
    parts = []
    for severity, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning")):
        if counts[severity]:
            parts.append(f"{counts[severity]} {word}{'s' if counts[severity] != 1 else ''}")
    if counts[Severity.INFO]:
        parts.append(f"{counts[Severity.INFO]} note{'s' if counts[Severity.INFO] != 1 else ''}")
    return ", ".join(parts) + "."


# --- planner series ----------------------------------------------------------------------


def _series_help(args: argparse.Namespace, ctx: Context) -> int:
    raise UsageError("say what to do: planner series list, or planner series plan SERIES_ID")


def _series_list(args: argparse.Namespace, ctx: Context) -> int:
    from sqlalchemy import func, select

    from planner.model import Event, EventStatus, Series

    now = datetime.now().astimezone()
    with ctx.db.session(write=False) as session:
        rows: list[dict[str, Any]] = []
        for series in session.scalars(select(Series).order_by(Series.title, Series.id)):
            counts = session.execute(
                select(func.count(), func.max(Event.series_number)).where(
                    Event.series_id == series.id
                )
            ).one()
            last = session.execute(
                select(Event.starts_at, Event.time_zone)
                .where(Event.series_id == series.id, Event.starts_at < now)
                .order_by(Event.starts_at.desc())
                .limit(1)
            ).first()
            upcoming = session.execute(
                select(Event.starts_at, Event.time_zone)
                .where(
                    Event.series_id == series.id,
                    Event.starts_at >= now,
                    Event.status != EventStatus.CANCELLED,
                )
                .order_by(Event.starts_at)
                .limit(1)
            ).first()
            rows.append(
                {
                    "id": series.id,
                    "title": series.title,
                    "sessions": int(counts[0]),
                    "highest_number": counts[1],
                    "last": _local_day(last),
                    "next": _local_day(upcoming),
                }
            )
    if args.json:
        json.dump(rows, ctx.out, ensure_ascii=False, indent=2)
        ctx.out.write("\n")
        return 0
    if not rows:
        print("no series yet", file=sys.stderr)  # as planner events and planner people say it
        return 0
    header = ["ID", "SESSIONS", "LAST", "NEXT", "TITLE"]
    table = [
        [str(r["id"]), str(r["sessions"]), r["last"] or "-", r["next"] or "-", r["title"]]
        for r in rows
    ]
    from .columns import print_table

    print_table(header, table, ctx.out)
    return 0


def _local_day(row: Any) -> str | None:
    if row is None:
        return None
    starts_at, zone_name = row
    where = zone_or_utc(zone_name)
    return str(starts_at.astimezone(where).date().isoformat())


def time_type(text: str) -> time:
    """The argparse ``type`` of ``--at``: ``17:00``, ``1700`` or ``17``."""
    match = re.fullmatch(r"\s*(\d{1,2})(?::?(\d{2}))?\s*(?:hours|h)?\s*", text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise argparse.ArgumentTypeError(f"{text!r} is not a time of day: give HH:MM (e.g. 17:00)")


def months_type(text: str) -> set[int]:
    """The argparse ``type`` of ``--skip-months``: ``12`` or ``7,8,dec``."""
    months: set[int] = set()
    for part in filter(None, (p.strip().lower() for p in text.split(","))):
        if part.isdigit() and 1 <= int(part) <= 12:
            months.add(int(part))
        elif part in MONTHS:
            months.add(MONTHS[part])
        else:
            raise argparse.ArgumentTypeError(f"{part!r} is not a month (1-12 or jan..dec)")
    return months


def days_type(text: str) -> set[date]:
    """The argparse ``type`` of ``--skip-dates``: comma-separated ``YYYY-MM-DD``."""
    return {day_type(part) for part in text.split(",") if part.strip()}


def rule_type(text: str) -> str:
    """The argparse ``type`` of ``--rrule``: a rule the recurrence engine can read.

    Read here once with a stand-in start, so that a misspelt rule is a usage error before the
    database is opened; whether it ends (``--count``, UNTIL) and where it runs to depend on the
    other options and the series, and are checked when the sessions are planned."""
    from planner.scheduling.recurrence import parse_rule

    try:
        parse_rule(text, start=datetime(2000, 1, 1), count=1)
    except PlannerError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def _series_plan(args: argparse.Namespace, ctx: Context) -> int:
    from sqlalchemy import select

    from planner.model import Event
    from planner.scheduling.conflicts import event_conflicts
    from planner.scheduling.recurrence import apply_plan, plan_series

    ends = re.search(r"(?i)(?:^|;)\s*(COUNT|UNTIL)\s*=\s*([^;]*)", args.rrule)
    if args.count is None and ends is None:
        # A usage error, like a misspelt rule: nothing about the database decides it.
        raise UsageError("the rule never ends: give --count N or UNTIL=... in the rule")
    if args.count is not None and ends is not None:
        print(
            f"note: --count {args.count} replaces {ends.group(1).upper()}={ends.group(2).strip()} "
            "in the rule",
            file=ctx.out,
        )
    with ctx.db.session() as session:
        plan = plan_series(
            session,
            args.series_id,
            rrule=args.rrule,
            count=args.count,
            at=args.at,
            start=args.start,
            skip_months=args.skip_months,
            skip_dates=args.skip_dates,
        )
        # The sessions are written, checked for clashes, and (on a dry run) taken back: the
        # preview shows the clashes the real run would make.
        ids = apply_plan(session, plan)
        clashes = [f for event_id in ids for f in event_conflicts(session, event_id)]
        numbers = {
            event_id: int(number or 0)
            for event_id, number in session.execute(
                select(Event.id, Event.series_number).where(Event.id.in_(ids))
            )
        }
        if args.dry_run:
            session.rollback()
    print_plan(plan, ctx.out, [numbers[i] for i in ids])
    if clashes:
        print(f"Clashes ({len(clashes)}):", file=ctx.out)
        print_findings(clashes, ctx.out)
    if args.dry_run:
        print(f"Dry run: {_sessions(len(ids))} listed, nothing written.", file=ctx.out)
    else:
        print(
            f"Created {_sessions(len(ids))} as drafts (event ids {_id_range(ids)}).", file=ctx.out
        )
    return 0


def _sessions(count: int) -> str:
    return f"{count} session{'s' if count != 1 else ''}"


def _id_range(ids: Sequence[int]) -> str:
    if len(ids) > 2 and list(ids) == list(range(ids[0], ids[0] + len(ids))):
        return f"{ids[0]}–{ids[-1]}"
    return ", ".join(str(i) for i in ids)


def print_plan(plan: SeriesPlan, out: TextIO, numbers: Sequence[int]) -> None:
    from planner.scheduling.wording import day_text, span_text

    print(
        f"{plan.series_title}: {_sessions(len(plan.occurrences))}, "
        f"{plan.duration_minutes} minutes each, {plan.time_zone} time",
        file=out,
    )
    for occurrence, number in zip(plan.occurrences, numbers, strict=True):
        when = span_text(occurrence.starts_at, occurrence.ends_at, plan.time_zone)
        line = f"  {plan.label(number):<20} {when}"
        if occurrence.note:
            line += f"  ({occurrence.note})"
        print(line, file=out)
    if plan.skipped:
        skipped = ", ".join(day_text(datetime.combine(d, time())) for d in plan.skipped)
        print(f"  skipped: {skipped}", file=out)
