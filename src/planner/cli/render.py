"""``planner render programme|briefing|report|badges|tents|signin EVENT_ID -o FILE.pdf``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .registry import Context, Registry, event_id_type, output_text

KINDS = ("programme", "briefing", "report", "badges", "tents", "signin")
AUDIENCES = ("public", "attendees", "organisers")
PAPERS = ("a4", "letter")


def _render(args: argparse.Namespace, ctx: Context) -> int:
    # Imported here: ``planner --help`` and other commands never load the renderers.
    from planner.config import database_url
    from planner.errors import PlannerError
    from planner.services.rendering import quick_source, write_document

    output = Path(args.output)
    if output.suffix.lower() != ".pdf":
        raise PlannerError(f"{output}: the output file must end in .pdf")
    # A SQLite file at the current schema is read with sqlite3 alone: SQLAlchemy's import
    # would cost more than the rendering (docs/guide/documents.md, "Speed").
    source = quick_source(database_url(ctx.db_option)) or ctx.db
    rendered = write_document(
        source, args.event_id, args.kind, output, audience=args.audience, paper=args.paper
    )
    for warning in rendered.warnings:
        print(f"planner: warning: {warning}", file=sys.stderr)
    print(f"wrote {output}", file=ctx.out)
    return 0


def register(registry: Registry) -> None:
    """Add ``planner render``."""
    parser = registry.command(
        "render",
        _render,
        help="render a printed document (PDF) for an event",
        description=(
            "Render a document from the event's sheet for its audience. Defaults: programme for "
            "attendees, report for the public, briefing, badges, tents and sign-in sheet for "
            "organisers. A document asked for an audience it is not meant for is refused."
        ),
    )
    parser.add_argument("kind", choices=KINDS, metavar="{" + ",".join(KINDS) + "}")
    parser.add_argument("event_id", type=event_id_type, metavar="EVENT_ID")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", type=output_text)
    parser.add_argument("--audience", choices=AUDIENCES, default=None)
    parser.add_argument(
        "--paper", choices=PAPERS, default=None, help="override the organisation's paper size"
    )
