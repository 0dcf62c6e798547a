"""``planner export xlsx people|participants`` and ``planner export vcard people|participants``.

(``planner export csv`` is in :mod:`planner.cli.exports`.)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .registry import Context, Registry, UsageError, id_type, output_text


def _event_id(args: argparse.Namespace) -> int | None:
    """The EVENT_ID, checked against what was asked for (people takes none)."""
    event_id: int | None = args.event_id
    if args.what == "people" and event_id is not None:
        raise UsageError("people takes no EVENT_ID")
    if args.what == "participants" and event_id is None:
        raise UsageError("participants needs an EVENT_ID")
    return event_id


def _report(ctx: Context, count: int, what: str, output: str) -> int:
    if what == "people":
        noun = "person" if count == 1 else "people"
    else:
        noun = "participant" if count == 1 else "participants"
    print(f"wrote {count} {noun} to {output}", file=ctx.out)
    return 0


def _xlsx(args: argparse.Namespace, ctx: Context) -> int:
    from planner.services.contact_exports import write_participants_xlsx, write_people_xlsx

    event_id = _event_id(args)
    path = Path(args.output)
    if event_id is None:
        count = write_people_xlsx(ctx.db, path)
    else:
        count = write_participants_xlsx(ctx.db, event_id, path)
    return _report(ctx, count, args.what, args.output)


def _vcard(args: argparse.Namespace, ctx: Context) -> int:
    from planner.services.contact_exports import write_participants_vcard, write_people_vcard

    event_id = _event_id(args)
    path = Path(args.output)
    if event_id is None:
        if args.audience is not None:
            raise UsageError("people takes no --audience (the directory is yours)")
        count = write_people_vcard(ctx.db, path, version=args.version)
    else:
        count = write_participants_vcard(
            ctx.db, event_id, path, version=args.version, audience=args.audience or "organisers"
        )
    return _report(ctx, count, args.what, args.output)


def register(registry: Registry) -> None:
    """Add ``planner export xlsx`` and ``planner export vcard``."""
    xlsx = registry.export(
        "xlsx",
        _xlsx,
        help="people or an event's participants as an Excel workbook",
        description="planner export xlsx people -o FILE.xlsx | "
        "planner export xlsx participants EVENT_ID -o FILE.xlsx. Every cell is text: nothing "
        "runs as a formula and phone numbers keep their +. The participant list is for the "
        "organisers and is marked CONFIDENTIAL.",
    )
    xlsx.add_argument("what", choices=("people", "participants"))
    xlsx.add_argument("event_id", nargs="?", type=id_type, metavar="EVENT_ID")
    xlsx.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", type=output_text)

    vcard = registry.export(
        "vcard",
        _vcard,
        help="people or an event's participants as vCards (.vcf)",
        description="planner export vcard people -o FILE.vcf | planner export vcard "
        "participants EVENT_ID -o FILE.vcf. vCard 4.0 for phones, Apple and Google Contacts; "
        "3.0 for Outlook. Participants come from the sheet for --audience: organisers get "
        "everyone linked to the event with addresses; attendees and public only the people "
        "the programme names, without addresses.",
    )
    vcard.add_argument("what", choices=("people", "participants"))
    vcard.add_argument("event_id", nargs="?", type=id_type, metavar="EVENT_ID")
    vcard.add_argument("-o", "--output", required=True, metavar="FILE.vcf", type=output_text)
    vcard.add_argument(
        "--version", choices=("4.0", "3.0"), default="4.0",
        help="vCard version (default 4.0; 3.0 for Outlook)",
    )  # fmt: skip
    vcard.add_argument(
        "--audience", choices=("organisers", "attendees", "public"), default=None,
        help="whose sheet the participants come from (default: organisers)",
    )  # fmt: skip
