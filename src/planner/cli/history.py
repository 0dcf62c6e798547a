"""``planner history EVENT_ID [--json]``: who changed what in an event, newest first."""

from __future__ import annotations

import argparse
import json

from .registry import Context, Registry, event_id_type


def register(registry: Registry) -> None:
    history = registry.command(
        "history",
        _history,
        help="list an event's changes, newest first: when, who, what (field, old -> new)",
        description="Every change of the event and of its agenda, cast, invitations and "
        "consents, newest first, with the time in the organisation's time zone and who made it "
        "(the name set in the settings, else PLANNER_USER, else the login name). --json prints "
        "an array of objects with the keys id, at, who, kind, table, record_id, what, field, "
        "old, new and summary (docs/guide/foundation.md).",
    )
    history.add_argument("event_id", metavar="EVENT_ID", type=event_id_type)
    history.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _history(args: argparse.Namespace, ctx: Context) -> int:
    from planner.services.history import event_history

    found = event_history(ctx.db, args.event_id)
    if args.json:
        rows = [entry.as_json() for entry in found.entries]
        ctx.out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    title = f" “{found.title}”" if found.title else " (deleted)"
    print(
        f"History of event {found.event_id}{title}, newest first; times in {found.zone}",
        file=ctx.out,
    )
    if not found.entries:
        print("no changes recorded yet", file=ctx.out)
        return 0
    from .columns import pad, width

    who_width = max(width(entry.who) for entry in found.entries)
    for entry in found.entries:
        print(
            f"{entry.at:%Y-%m-%d %H:%M}  {pad(entry.who, who_width)}  {entry.summary}",
            file=ctx.out,
        )
    return 0
