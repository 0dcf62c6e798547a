"""``planner export ics|eml|csv|announcement`` and ``planner import csv|vcard``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .registry import Context, Registry, UsageError, id_type, output_text

if TYPE_CHECKING:
    from planner.store import Database


def _ics(args: argparse.Namespace, ctx: Context) -> int:
    from planner.services.exports import build, invitation_scope, write_ics

    if (args.event_id is None) == (args.series is None):
        raise UsageError("give an EVENT_ID or --series SERIES_ID (one of them)")
    if args.per_recipient:
        return _ics_per_recipient(args, ctx)
    path = write_ics(
        ctx.db, Path(args.output), event_id=args.event_id, series_id=args.series, method=args.method
    )
    if args.method == "publish":
        print(f"wrote {path}", file=ctx.out)
    elif args.event_id is not None:
        # Say who the shared copy names, so nobody sends it expecting a list of invitees.
        from planner.policy.sheet import Audience

        scope = invitation_scope(build(ctx.db, args.event_id, Audience.ATTENDEES))
        print(
            f"wrote {path}: it {scope} (--per-recipient -o DIR writes one copy per invitee)",
            file=ctx.out,
        )
    else:
        print(
            f"wrote {path}: each session names the organiser, and its invitees only when it is "
            "on the record and they consented",
            file=ctx.out,
        )
    return 0


def _ics_per_recipient(args: argparse.Namespace, ctx: Context) -> int:
    from planner.policy.sheet import Audience
    from planner.services.exports import build, ics_copies, invitation_scope, write_drafts

    if args.event_id is None:
        raise UsageError("--per-recipient takes one EVENT_ID, not --series")
    if args.method == "publish":
        raise UsageError("--per-recipient is for --method request or cancel")
    copies = ics_copies(ctx.db, args.event_id, args.method)
    paths = write_drafts(copies, Path(args.output))
    noun = "file" if len(paths) == 1 else "files"
    scope = invitation_scope(build(ctx.db, args.event_id, Audience.ATTENDEES), per_recipient=True)
    print(
        f"wrote {len(paths)} {noun} to {args.output}, one per invitee: each {scope}", file=ctx.out
    )
    for path, copy in zip(paths, copies, strict=True):
        missing = "" if copy.has_address else f"  (no email address for {copy.recipient})"
        print(f"  {path.name}{missing}", file=ctx.out)
    return 0


def _eml(args: argparse.Namespace, ctx: Context) -> int:
    from planner.errors import PlannerError
    from planner.services.exports import email_drafts, write_drafts
    from planner.services.invitation_drafts import MESSAGE_NAMES, message_drafts
    from planner.services.operations import apply

    if args.kind in MESSAGE_NAMES:
        if ctx.db.read_only:
            # These drafts are recorded as sent: on a database that cannot take the record,
            # none is written (drafts left behind, unrecorded, would go out unnoticed).
            raise PlannerError(
                f"{ctx.db.read_only_reason} No drafts were written: they could not be "
                "recorded as sent."
            )
        batch = message_drafts(ctx.db, args.event_id, args.kind, args.to)
        drafts = list(batch.drafts)
        if not drafts:
            print(f"no {args.kind} is due: nothing written", file=ctx.out)
            return 0
    else:
        batch = None
        drafts = email_drafts(ctx.db, args.event_id, args.kind)
    paths = write_drafts(drafts, Path(args.output))
    if batch is not None and batch.operation is not None:
        # Written: remember them as sent (invitations get their sending date), so the event
        # can say later which of them an edit made out of date.
        apply(ctx.db, batch.operation)
    noun = "draft" if len(paths) == 1 else "drafts"
    print(f"wrote {len(paths)} {noun} to {args.output}", file=ctx.out)
    from planner.services.organisation import sender_problem

    unsigned = sender_problem(ctx.db)
    if unsigned:
        print(f"note: {unsigned}", file=ctx.out)
    for path, draft in zip(paths, drafts, strict=True):
        missing = "" if draft.has_address else f"  (no email address for {draft.recipient})"
        print(f"  {path.name}{missing}", file=ctx.out)
    return 0


def _csv(args: argparse.Namespace, ctx: Context) -> int:
    from planner.services.exports import write_participants_csv, write_people_csv

    if args.what == "people":
        if args.event_id is not None:
            raise UsageError("people takes no EVENT_ID")
        count = write_people_csv(ctx.db, Path(args.output), bom=args.bom)
        noun = "person" if count == 1 else "people"
    else:
        if args.event_id is None:
            raise UsageError("participants needs an EVENT_ID")
        count = write_participants_csv(ctx.db, args.event_id, Path(args.output), bom=args.bom)
        noun = "participant" if count == 1 else "participants"
    print(f"wrote {count} {noun} to {args.output}", file=ctx.out)
    return 0


def _announcement(args: argparse.Namespace, ctx: Context) -> int:
    from planner.services.exports import write_announcement

    path = write_announcement(ctx.db, args.event_id, Path(args.output), args.format)
    print(f"wrote {path}", file=ctx.out)
    return 0


def _import_csv(db: Database, path: Path) -> str:
    from planner.services.people_import import import_people_csv

    return import_people_csv(db, path, progress=_progress_printer()).line()


def _import_vcard(db: Database, path: Path) -> str:
    from planner.services.people_import import import_vcard

    return import_vcard(db, path, progress=_progress_printer()).line()


def _progress_printer() -> Callable[[int, int], None] | None:
    """Progress on stderr for long imports, only when a person is watching a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\rimporting: {done:,} of {total:,}", end=end, file=sys.stderr, flush=True)

    return show


def register(registry: Registry) -> None:
    """Add ``planner export ics|eml|csv|announcement`` and the csv and vcard importers."""
    ics = registry.export(
        "ics",
        _ics,
        help="calendar file (.ics) of an event or a series",
        description="Write an iCalendar file. PUBLISH holds the public description; REQUEST "
        "and CANCEL come from the organiser and list only the invitees the rule and their "
        "consent allow (on the record, those who consented; otherwise no one): "
        "--per-recipient -o DIR writes one copy per invitee, naming that invitee. A cancelled "
        "event is always written as a cancellation.",
    )
    ics.add_argument("event_id", nargs="?", type=id_type, metavar="EVENT_ID")
    ics.add_argument("--series", type=id_type, metavar="SERIES_ID", help="every session")
    ics.add_argument(
        "--method", choices=("publish", "request", "cancel"), default="publish",
        help="iTIP method (default: publish)",
    )  # fmt: skip
    ics.add_argument(
        "--per-recipient",
        action="store_true",
        help="request or cancel: one .ics per invitee, named after them; -o is then a folder",
    )
    ics.add_argument("-o", "--output", required=True, metavar="FILE.ics|DIR", type=output_text)

    eml = registry.export(
        "eml",
        _eml,
        help="email drafts (.eml) to open in Outlook, Thunderbird or Apple Mail",
        description="Write email drafts: an invitation per invitee (programme and .ics "
        "attached), a confidential briefing to the chair and speakers, or the public report "
        "to the organiser with the distribution list in Bcc; a reminder to invitees who "
        "have not answered, an update to those whose invitation an edit made out of date, a "
        "cancellation to those sent one who no longer take part. Invitations, reminders, "
        "updates and cancellations are recorded as sent.",
    )
    eml.add_argument("event_id", type=id_type, metavar="EVENT_ID")
    eml.add_argument(
        "--kind",
        required=True,
        choices=("invitation", "reminder", "update", "cancellation", "briefing", "report"),
    )
    eml.add_argument(
        "--to",
        default="everyone",
        choices=("new", "invitees", "no-reply", "cast", "new-cast", "everyone"),
        help="invitations and reminders: not yet invited, all invitees, those who have not "
        "answered, the cast, the cast never written to (a chair added in place of one who "
        "cancelled), or invitees and cast (the default; reminders: no-reply)",
    )
    eml.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DIR",
        type=output_text,
        help="folder for the drafts",
    )

    csv_parser = registry.export(
        "csv",
        _csv,
        help="people or an event's participants as CSV",
        description="planner export csv people -o FILE.csv | "
        "planner export csv participants EVENT_ID -o FILE.csv",
    )
    csv_parser.add_argument("what", choices=("people", "participants"))
    csv_parser.add_argument("event_id", nargs="?", type=id_type, metavar="EVENT_ID")
    csv_parser.add_argument("-o", "--output", required=True, metavar="FILE.csv", type=output_text)
    csv_parser.add_argument(
        "--bom", action="store_true", help="UTF-8 with a byte-order mark, for Excel"
    )

    announcement = registry.export(
        "announcement",
        _announcement,
        help="web announcement of an event (HTML or Markdown)",
        description="Write the public announcement of an event, like an institute's events "
        "page: title, concept note, chair and speakers, the rule, the report's link.",
    )
    announcement.add_argument("event_id", type=id_type, metavar="EVENT_ID")
    announcement.add_argument("--format", choices=("html", "markdown"), default="html")
    announcement.add_argument("-o", "--output", required=True, metavar="FILE", type=output_text)

    registry.importer("csv", _import_csv)
    registry.importer("vcard", _import_vcard)
