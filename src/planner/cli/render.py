"""``planner render programme|briefing|report|badges|tents|signin EVENT_ID -o FILE.pdf``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .registry import Context, Registry, event_id_type, output_text

KINDS = ("programme", "briefing", "report", "badges", "tents", "signin")
AUDIENCES = ("public", "attendees", "organisers")
PAPERS = ("a4", "letter")
# Who each document is for, the default first: planner.documents' DEFAULT_AUDIENCE and
# ALLOWED_AUDIENCES written out, so that the parser (and its --help) needs no import of the
# renderers; tests/cli/test_cli_usage.py checks they agree.
DOCUMENT_AUDIENCES: dict[str, tuple[str, ...]] = {
    "programme": ("attendees", "public"),
    "briefing": ("organisers",),
    "report": ("public", "organisers"),
    "badges": ("organisers",),
    "tents": ("organisers",),
    "signin": ("organisers",),
}


def audiences_help() -> str:
    """``programme: attendees (default) or public; ...; briefing, badges, ...: organisers
    only``, for --help."""
    kinds_for: dict[tuple[str, ...], list[str]] = {}
    for kind, allowed in DOCUMENT_AUDIENCES.items():
        kinds_for.setdefault(allowed, []).append(kind)
    parts = []
    for allowed, kinds in kinds_for.items():
        if len(allowed) == 1:
            parts.append(f"{', '.join(kinds)}: {allowed[0]} only")
        else:
            others = "".join(f" or {a}" for a in allowed[1:])
            parts.append(f"{', '.join(kinds)}: {allowed[0]} (default){others}")
    return "; ".join(parts)


def pdf_path_type(text: str) -> str:
    """The argparse ``type`` of ``render -o``: a file name ending in .pdf."""
    if Path(output_text(text)).suffix.lower() != ".pdf":
        raise argparse.ArgumentTypeError(f"{text!r}: the output file must end in .pdf")
    return text


def _check_audience(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """A document asked for an audience it is not for is a usage error, named by the parser."""
    allowed = DOCUMENT_AUDIENCES[args.kind]
    if args.audience is not None and args.audience not in allowed:
        parser.error(
            f"argument --audience: the {args.kind} document is for {' or '.join(allowed)}, "
            f"not {args.audience}"
        )


def _render(args: argparse.Namespace, ctx: Context) -> int:
    # Imported here: ``planner --help`` and other commands never load the renderers.
    from planner.config import database_url
    from planner.services.rendering import quick_source, write_document

    output = Path(args.output)
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
            "Render a document from the event's sheet for its audience. Each document is for "
            f"some audiences only ({audiences_help()}); any other is refused."
        ),
    )
    parser.add_argument("kind", choices=KINDS, metavar="{" + ",".join(KINDS) + "}")
    parser.add_argument("event_id", type=event_id_type, metavar="EVENT_ID")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", type=pdf_path_type)
    parser.add_argument(
        "--audience", choices=AUDIENCES, default=None, help=f"who reads it: {audiences_help()}"
    )
    parser.add_argument(
        "--paper", choices=PAPERS, default=None, help="override the organisation's paper size"
    )

    def checked(args: argparse.Namespace, ctx: Context) -> int:
        _check_audience(parser, args)
        return _render(args, ctx)

    parser.set_defaults(handler=checked)
