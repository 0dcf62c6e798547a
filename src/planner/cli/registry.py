"""How command modules plug into the ``planner`` command.

Each module under ``planner.cli`` listed in ``main.COMMAND_MODULES`` (with the commands it adds,
so that a command imports only its own modules) has a ``register(registry: Registry) -> None``
that adds its subcommands. Handlers take the parsed arguments and a :class:`Context` and return
the exit status; user errors are raised as :class:`planner.errors.PlannerError` and turned into
one line on stderr by ``main``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from planner.errors import PlannerError

if TYPE_CHECKING:
    from planner.store import Database

Handler = Callable[[argparse.Namespace, "Context"], int]
# An importer reads a file into the database (all or nothing) and returns a one-line summary.
Importer = Callable[["Database", Path], str]


# The largest integer SQLite (and PostgreSQL's bigint) can store.
MAX_ID = 2**63 - 1


class UsageError(PlannerError):
    """Arguments that do not fit together; exit status 2, like argparse's own usage errors."""


class CommandParser(argparse.ArgumentParser):
    """A parser that refuses words it does not know itself, with its own usage.

    argparse hands a subcommand's unknown words up to the top-level parser, which then printed
    ``usage: planner [-h] ...`` for ``planner events --bogus``: the user needs the usage of the
    command they typed. Subparsers are made of the parent's class, so every level does this.
    """

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        # The innermost parser finishes first: the one whose usage a UsageError shows.
        if getattr(parsed, COMMAND_PARSER, None) is None:
            setattr(parsed, COMMAND_PARSER, self)
        return parsed, extras


# The Namespace attribute naming the (sub)command's own parser (see CommandParser).
COMMAND_PARSER = "command_parser"


def usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    """Print a usage error as argparse prints its own (the usage of the command typed, then
    ``planner COMMAND: error: MESSAGE``); the exit status, 2."""
    parser.print_usage(sys.stderr)
    print(f"{parser.prog}: error: {message}", file=sys.stderr)
    return 2


def output_text(text: str) -> str:
    """The argparse ``type`` of ``-o`` and of a FILE to read: an empty path would mean the
    current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a file or folder name, not an empty string")
    return text


def output_path(text: str) -> Path:
    """``output_text`` as a Path."""
    return Path(output_text(text))


def series_id_type(text: str) -> int:
    """The argparse ``type`` of a SERIES_ID argument."""
    return _whole_id(text, "a series id")


def event_id_type(text: str) -> int:
    """The argparse ``type`` of an EVENT_ID argument."""
    return _whole_id(text, "an event id")


def id_type(text: str) -> int:
    """The argparse ``type`` of an argument that may be an event's or a series' id."""
    return _whole_id(text, "an id")


def count_type(text: str) -> int:
    """The argparse ``type`` of a count (``--count N``): a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give 1 or more")
    return value


def _whole_id(text: str, what: str) -> int:
    # ArgumentTypeError, not ValueError: argparse then prints our sentence as the usage error.
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what} (a whole number)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what} (ids start at 1)")
    if value > MAX_ID:
        # Larger numbers cannot even be asked of SQLite (OverflowError), and name nothing.
        raise argparse.ArgumentTypeError(f"{text!r} is not {what} (too large)")
    return value


def connect_url(option: str | None) -> str:
    """The database ``option`` names (a ``--db`` or ``--to`` value; None: PLANNER_DATABASE_URL,
    else the default file), as every command connects to it: a server URL with the Connect
    dialog's rules applied (TLS for a remote host, the remembered password;
    ``services.team_server.prepare_url``). A file path becomes its SQLite URL."""
    from planner.config import database_url
    from planner.services.team_server import prepare_url

    return prepare_url(database_url(option))


@dataclass
class Context:
    """What a command handler gets besides its arguments."""

    db_option: str | None
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _db: Database | None = None

    @property
    def db(self) -> Database:
        """The database named by ``--db`` / ``PLANNER_DATABASE_URL``, opened on first use."""
        if self._db is None:
            from planner.store import Database

            if self.db_option and "://" not in self.db_option:
                # A mistyped --db would otherwise become a new, empty database in new folders,
                # and "no events yet" would look as if the data were gone.
                folder = Path(self.db_option).expanduser().absolute().parent
                if not folder.is_dir():
                    raise PlannerError(f"{self.db_option}: the folder {folder} does not exist")
            # A server: TLS for a remote host, the remembered password (services.team_server).
            self._db = Database.open(connect_url(self.db_option))
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


@dataclass
class Registry:
    commands: argparse._SubParsersAction[CommandParser]
    exports: argparse._SubParsersAction[CommandParser]
    importers: dict[str, Importer]

    def command(
        self,
        name: str,
        handler: Handler,
        *,
        help: str | None = None,
        description: str | None = None,
    ) -> argparse.ArgumentParser:
        """Add ``planner NAME``."""
        return _add(self.commands, name, handler, help, description)

    def export(
        self,
        name: str,
        handler: Handler,
        *,
        help: str | None = None,
        description: str | None = None,
    ) -> argparse.ArgumentParser:
        """Add ``planner export NAME``."""
        return _add(self.exports, name, handler, help, description)

    def importer(self, kind: str, importer: Importer) -> None:
        """Let ``planner import KIND FILE`` (and ``planner import FILE.KIND``) use ``importer``."""
        self.importers[kind] = importer


def _add(
    parsers: argparse._SubParsersAction[CommandParser],
    name: str,
    handler: Handler,
    help: str | None,
    description: str | None,
) -> argparse.ArgumentParser:
    """A subcommand that runs ``handler``; its page says ``description``, else its ``help``."""
    parser = parsers.add_parser(name, help=help, description=description or help)
    parser.set_defaults(handler=handler)
    return parser
