"""The ``planner`` command. With no subcommand it opens the application."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from pathlib import Path

from planner import __version__
from planner.config import IMPORT_SUFFIXES
from planner.errors import PlannerError

from .registry import (
    COMMAND_PARSER,
    CommandParser,
    Context,
    Importer,
    Registry,
    UsageError,
    output_text,
    usage_error,
)

# Each adds its subcommands through register(registry); beside it, the commands it adds (the
# first word after ``planner``). A command imports and registers only its own modules: building
# every subcommand's parser took 60-95 ms of each command on the busy machine, the render's own
# 15-25 ms (tests/cli/test_cli_lazy_commands.py keeps this table true to what each registers).
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "planner.cli.core": ("demo", "events", "people", "backup", "restore", "db", "export", "import"),
    "planner.cli.policy": ("sheet", "check"),
    "planner.cli.scheduling": ("conflicts", "series"),
    "planner.cli.render": ("render",),
    "planner.cli.exports": ("export", "import"),
    "planner.cli.contacts": ("export",),
    "planner.cli.history": ("history",),
}


def build_parser(
    command: str | None = None,
) -> tuple[argparse.ArgumentParser, dict[str, Importer]]:
    """The ``planner`` parser and the importers; with ``command`` (a word of
    ``COMMAND_MODULES``), only that command's modules are imported and registered."""
    modules = [name for name, commands in COMMAND_MODULES.items() if command in commands]
    parser = CommandParser(
        prog="planner",
        description="Plan seminars and roundtables; render programmes, briefings and reports.",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or SQLAlchemy URL (default: $PLANNER_DATABASE_URL, "
        "else planner.sqlite3 in the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    export_parser = commands.add_parser("export", help="export an event, a series or people")
    exports = export_parser.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    import_parser = commands.add_parser(
        "import",
        help="import an event package (.json), people (.csv) or contacts (.vcf)",
        # One file at a time: argparse would write "[KIND] FILE [[KIND] FILE ...]".
        usage="planner import [-h] [KIND] FILE",
    )
    import_parser.add_argument(
        "items",
        nargs="+",
        metavar="[KIND] FILE",
        type=output_text,
        help="KIND is package, csv or vcard; without it the file's ending decides",
    )
    import_parser.set_defaults(handler=_run_import)
    importers: dict[str, Importer] = {}
    registry = Registry(commands=commands, exports=exports, importers=importers)
    for name in modules or COMMAND_MODULES:
        importlib.import_module(name).register(registry)
    return parser, importers


def _run_import(args: argparse.Namespace, ctx: Context) -> int:
    importers: dict[str, Importer] = args.importers
    items: list[str] = args.items
    if len(items) == 2:
        kind, file = items
        if kind not in importers and (Path(kind).is_file() or Path(kind).suffix):
            # "planner import a.json b.csv": two files, not a kind and a file.
            raise UsageError("one file at a time; run planner import once per file")
    elif len(items) == 1 and items[0] in importers:
        raise UsageError(f"{items[0]} needs the FILE to import")
    elif len(items) == 1:
        file = items[0]
        kind = IMPORT_SUFFIXES.get(Path(file).suffix.lower(), "")
        if not kind:
            raise UsageError(
                f"{file}: cannot tell the kind from the file's ending; "
                f"say it: planner import {{{','.join(sorted(importers))}}} FILE"
            )
    else:
        raise UsageError("give [KIND] FILE")
    if kind not in importers:
        raise UsageError(
            f"unknown import kind {kind!r}; use one of: {', '.join(sorted(importers))}"
        )
    path = Path(file)
    if path.is_dir():
        raise PlannerError(f"{file}: is a folder; give the file to import")
    if not path.is_file():
        raise PlannerError(f"{file}: no such file")
    print(importers[kind](ctx.db, path), file=ctx.out)
    return 0


def file_to_open(argv: list[str]) -> str | None:
    """The FILE of ``planner [--db DB] FILE`` (a double-click, the desktop entry's ``%f``).

    The first word that is not an option is a command, unless it has a file's ending or a
    folder part: no command name has either, so ``planner demo`` stays a command.
    """
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            name = Path(word).name
            return word if "." in name or name != word else None
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    opened = file_to_open(argv)
    if opened is not None:
        argv.remove(opened)
    parser, importers = build_parser(_command_word(argv))
    if opened is not None and not Path(opened).is_file():
        parser.error(f"{opened}: no such file (planner FILE opens an event package or people)")
    args = parser.parse_args(argv)
    if args.db is not None and not args.db.strip():
        # An empty --db (e.g. an unset shell variable) must not fall back to the default
        # database: the user meant some other one, and would change the wrong data.
        parser.error("--db needs a database file or URL, not an empty string")
    if opened is not None and args.command is not None:
        parser.error(f"give a COMMAND or a FILE to open, not both ({args.command}, {opened})")
    ctx = Context(db_option=args.db)
    try:
        if args.command is None:
            from planner.app import run_gui

            gui_status: int = run_gui(args.db, Path(opened) if opened else None)
            return gui_status
        args.importers = importers
        status: int = args.handler(args, ctx)
        return status
    except UsageError as error:
        # Arguments that do not fit together, found by the handler: said as argparse says
        # its own usage errors, against the command typed.
        return usage_error(getattr(args, COMMAND_PARSER, None) or parser, str(error))
    except PlannerError as error:
        print(f"planner: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        ctx.close()


# Collect garbage rarely in this short-lived process (see run); the GUI starts the same way.
GC_THRESHOLDS = (20_000, 50, 100)


def run() -> None:
    """The ``planner`` console script: :func:`main`, then a quick exit after a command."""
    # A command lives for a second and allocates mostly acyclic data; at the default threshold
    # (700) the collector runs dozens of times during the imports alone. Measured on
    # `planner render programme`: 707 -> 581 ms with the quick exit, 516 ms with this too.
    gc.set_threshold(*GC_THRESHOLDS)
    argv = sys.argv[1:]
    status = main(argv)
    if _names_a_command(argv):
        # Everything a command writes is closed (and fsynced) and its database disposed when
        # main() returns, so tearing the interpreter down (~120 ms) buys nothing. The GUI exits
        # normally: Qt writes its settings from destructors.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


def _names_a_command(argv: list[str]) -> bool:
    """Whether ``argv`` runs a subcommand rather than opening the application."""
    return _command_word(argv) is not None


def _command_word(argv: list[str]) -> str | None:
    """The subcommand ``argv`` names (its first word that is neither an option nor the value
    of ``--db``), or None. ``--help`` and ``--version`` stop the search: they are answered by
    the whole parser, before any subcommand."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif word == "--" or word in ("-h", "--help", "--version"):
            return None
        elif not word.startswith("-"):
            # ``planner talk.json`` opens the window on a file: no subcommand.
            return None if word == file_to_open(argv) else word
    return None


if __name__ == "__main__":
    run()
