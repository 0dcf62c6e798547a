"""`planner` subcommands for the database itself: demo, events, people, backup, restore, db
info, db check and db copy, and the event package (`planner import FILE.json`, `planner export
package ...`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from planner.errors import PlannerError
from planner.zones import zone_or_utc

from .registry import (
    Context,
    Registry,
    UsageError,
    connect_url,
    event_id_type,
    output_path,
    output_text,
)

# The store (SQLAlchemy, the model) and the policy package are imported inside the handlers:
# every ``planner`` command registers this module, and ``planner --help`` should not pay for
# them (see docs/readme/foundation.md for the figures).
if TYPE_CHECKING:
    from planner.store import Database


def register(registry: Registry) -> None:
    """Add this module's subcommands."""
    registry.command(
        "demo",
        _demo,
        help="fill the database with the demo organisation and its events",
        description="Load the Centre for Pakistan and Gulf Studies and four of its events. "
        "Running it again changes nothing.",
    )

    events = registry.command("events", _events, help="list the events")
    events.add_argument("--json", action="store_true", help="print JSON instead of a table")

    people = registry.command("people", _people, help="list people in the directory")
    people.add_argument("--json", action="store_true", help="print JSON instead of a table")
    people.add_argument(
        "--search",
        metavar="TEXT",
        default="",
        help="only those whose name, email, position or affiliation contains TEXT",
    )

    backup = registry.command(
        "backup",
        _backup,
        help="copy the database file (SQLite's backup API, safe while in use), or list the copies",
        description="Copy the database with SQLite's backup API (safe while the application has "
        "it open) and check the copy; a damaged database is refused. Without -o the copy goes "
        "to the database's backups folder (in the user data folder), where the automatic daily "
        "and pre-migration backups are too. --list shows them all.",
    )
    backup.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=output_path,
        help="where to write it (default: the database's backups folder, kind 'manual')",
    )
    backup.add_argument(
        "--list",
        action="store_true",
        help="list the backups: time taken, kind, events, size and file",
    )

    restore = registry.command(
        "restore",
        _restore,
        help="replace the database with a backup (checked first; the current file is kept)",
        description="Check the backup whole (integrity_check) and that it is a planner database, "
        "keep the current database as a 'before-restore' backup, remove its -wal and -shm files "
        "and put the backup in its place. Refused while a planner window has the database open. "
        "planner backup --list shows the backups.",
    )
    restore.add_argument(
        "file", metavar="FILE", type=output_text, help="the backup: a path, or a name from --list"
    )

    db = registry.command(
        "db",
        _db_help,
        help="describe or check the database, or copy it to another (e.g. a PostgreSQL server)",
    )
    db_actions = db.add_subparsers(dest="db_action", metavar="ACTION")
    db_actions.add_parser(
        "info",
        help="where the database is, its schema revision and how many rows each table holds",
        description="Describe the database (chosen by --db or PLANNER_DATABASE_URL) without "
        "changing it. The password in a URL is never shown.",
    ).set_defaults(handler=_db_info)
    check = db_actions.add_parser(
        "check",
        help="check the database file for damage (quick_check and foreign_key_check)",
        description="Read every page of the SQLite database without changing it: quick_check "
        "(integrity_check with --full, which also compares every index with its table, and is "
        "slower) and foreign_key_check. Exits with status 1 and lists the problems if there "
        "are any.",
    )
    check.add_argument("--full", action="store_true", help="run integrity_check")
    check.set_defaults(handler=_db_check)
    copy = db_actions.add_parser(
        "copy",
        help="copy everything into another, empty database",
        description="Copy every table into an empty database (a PostgreSQL server, or a new "
        "SQLite file), migrated to the current schema first, in one transaction; row counts "
        "are compared before it commits. Example: planner db copy --to "
        "postgresql://planner@db.example.org/planner, or, from the server, a file path for an "
        "offline copy.",
    )
    copy.add_argument(
        "--to",
        required=True,
        metavar="URL",
        type=copy_target_type,
        help="the target: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE or a file path",
    )
    copy.set_defaults(handler=_db_copy)

    export = registry.export(
        "package", _export_package, help="export events as an event package (.json)"
    )
    export.add_argument("event_ids", nargs="*", type=event_id_type, metavar="EVENT_ID")
    export.add_argument("--all", action="store_true", help="every event in the database")
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=output_path,
        help="file to write (default: standard output)",
    )

    registry.importer("package", _import_package)


def _import_package(db: Database, path: Path) -> str:
    from planner.services.event_packages import import_package_file

    return str(import_package_file(db, path))


def _demo(args: argparse.Namespace, ctx: Context) -> int:
    from planner.services.demo import load_demo

    print(load_demo(ctx.db), file=ctx.out)
    return 0


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(zone_or_utc(zone))


def _events(args: argparse.Namespace, ctx: Context) -> int:
    from planner.store.queries import all_events

    with ctx.db.session(write=False) as session:
        rows: list[dict[str, Any]] = [
            {
                "id": event.id,
                "uid": event.uid,
                "title": event.title,
                "starts_at": _local(event.starts_at, event.time_zone).isoformat(),
                "time_zone": event.time_zone,
                "status": event.status.value,
                "attribution": event.attribution.value,
            }
            for event in all_events(session)
        ]
    if args.json:
        _print_json(rows, ctx.out)
        return 0
    if not rows:
        # The message alone: a header over nothing reads as if the listing had failed.
        print("no events yet (planner demo loads some)", file=sys.stderr)
        return 0
    table = [
        [
            str(row["id"]),
            row["starts_at"][:16].replace("T", " "),
            row["status"],
            row["attribution"],
            row["title"],
            row["uid"],
        ]
        for row in rows
    ]
    _print_table(["ID", "STARTS (LOCAL)", "STATUS", "ATTRIBUTION", "TITLE", "UID"], table, ctx.out)
    return 0


def _people(args: argparse.Namespace, ctx: Context) -> int:
    from planner.policy.names import full_style, sort_key
    from planner.services.people import search_people

    # The directory's search (the FTS5 index where there is one), every match.
    found = search_people(ctx.db, args.search, limit=None)
    people = sorted(found, key=lambda p: (sort_key(p), p.id))
    rows: list[dict[str, Any]] = [
        {
            "id": person.id,
            "name": full_style(person),
            "honorific": person.honorific,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "post_nominals": person.post_nominals,
            "position": person.position,
            "affiliation": person.affiliation,
            "email": person.email,
        }
        for person in people
    ]
    if args.json:
        _print_json(rows, ctx.out)
        return 0
    if not rows:
        print(
            f"nobody found for {args.search!r}" if args.search else "no people yet", file=sys.stderr
        )
        return 0
    table = [
        [
            str(r["id"]),
            r["name"],
            ", ".join(x for x in (r["position"], r["affiliation"]) if x),
            r["email"],
        ]
        for r in rows
    ]
    _print_table(["ID", "NAME", "POSITION", "EMAIL"], table, ctx.out)
    return 0


def _sqlite_path(ctx: Context, command: str) -> Path:
    """The database file, found without opening it (it may be damaged: restoring it is the
    point)."""
    from planner.config import database_url
    from planner.store.backup import sqlite_url_path

    url = database_url(ctx.db_option)
    path = sqlite_url_path(url)
    if path is None:
        raise PlannerError(
            f"planner {command} works on SQLite database files; use your database server's "
            "tools for " + _with_placeholder(url).replace(":PASSWORD@", "@")
        )
    return path


def _backup(args: argparse.Namespace, ctx: Context) -> int:
    if args.list:
        if args.output is not None:
            raise UsageError("give --list or -o, not both")
        return _list_backups(ctx)
    from planner.store.backup import backup_database

    target = backup_database(ctx.db.engine, args.output)
    print(f"backed up to {target}", file=ctx.out)
    return 0


def _list_backups(ctx: Context) -> int:
    from planner.store.backup import backups_folder, list_backups

    path = _sqlite_path(ctx, "backup --list")
    backups = list_backups(path)
    if not backups:
        print(f"no backups yet in {backups_folder(path)}", file=sys.stderr)
        return 0
    table = [
        [
            info.taken.strftime("%Y-%m-%d %H:%M:%S"),
            info.kind,
            "unreadable" if info.events is None else str(info.events),
            _size(info.size),
            str(info.path),
        ]
        for info in backups
    ]
    _print_table(["TAKEN (UTC)", "KIND", "EVENTS", "SIZE", "FILE"], table, ctx.out)
    return 0


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _restore(args: argparse.Namespace, ctx: Context) -> int:
    from planner.store.backup import backup_of_another, backups_folder
    from planner.store.restore import restore

    path = _sqlite_path(ctx, "restore")
    if not path.parent.is_dir():
        # A mistyped --db: restoring there would make a new database nobody looks at.
        raise PlannerError(f"{ctx.db_option}: the folder {path.parent} does not exist")
    backup = Path(args.file).expanduser()
    if not backup.exists() and backup.name == args.file:
        # A bare name, as --list shows it: look in the database's backups folder.
        named = backups_folder(path) / args.file
        if named.exists():
            backup = named
    other = backup_of_another(path, backup)
    if other is not None:
        # Allowed (a colleague's copy may be what is wanted), and said: the differences
        # below compare two different databases, not this one with its own past.
        print(
            f"note: {backup.name} is a backup of another database ({other}), not of {path.name}",
            file=ctx.out,
        )
    print(restore(path, backup).summary(), file=ctx.out)
    return 0


def _db_check(args: argparse.Namespace, ctx: Context) -> int:
    from planner.store.health import check_file

    report = check_file(_sqlite_path(ctx, "db check"), full=args.full)
    for line in report.lines():
        print(line, file=ctx.out)
    return 0 if report.ok else 1


def _db_help(args: argparse.Namespace, ctx: Context) -> int:
    raise UsageError(
        "say what to do: planner db info, planner db check [--full], or planner db copy --to URL"
    )


def _db_info(args: argparse.Namespace, ctx: Context) -> int:
    from planner.store.transfer import database_info

    for line in database_info(connect_url(ctx.db_option)).lines():
        print(line, file=ctx.out)
    return 0


def _db_copy(args: argparse.Namespace, ctx: Context) -> int:
    from planner.config import database_url
    from planner.services.team_server import secure_url
    from planner.store.transfer import copy_database

    # The target is connected to as --db would be: TLS for a remote server, the remembered
    # password when the URL has none (and a malformed URL is one line, its password unshown).
    # An empty or in-memory target was refused by the parser.
    target = connect_url(args.to)
    report = copy_database(ctx.db, target, progress=_copy_progress)
    print(report.summary(), file=ctx.out)
    # The URL as typed (with the TLS rule): a password from the keyring is found again there.
    typed = secure_url(database_url(args.to))
    print(f"use it with: planner --db '{_with_placeholder(typed)}' ...", file=ctx.out)
    return 0


def copy_target_type(text: str) -> str:
    """The argparse ``type`` of ``db copy --to``: the target's URL (a file path made one)."""
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError

    from planner.config import database_url

    if not text.strip():
        # database_url("") would name the default database: a copy onto the user's own data.
        raise argparse.ArgumentTypeError("give a database file or URL, not an empty string")
    target = database_url(text)
    try:
        parsed = make_url(target)
    except (ArgumentError, ValueError):
        # Said when the command connects (connect_url), in one line and without the password:
        # argparse would print the value as typed, password and all.
        return target
    if parsed.get_backend_name() == "sqlite" and (
        parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"
    ):
        raise argparse.ArgumentTypeError(
            f"{text!r}: an in-memory database vanishes when planner exits; "
            "give a file path or a server URL"
        )
    return target


def _with_placeholder(url: str) -> str:
    """The URL to paste, with PASSWORD where its password was (never printed)."""
    from sqlalchemy import make_url

    parsed = make_url(url)
    if parsed.password:
        parsed = parsed.set(password="PASSWORD")
    return parsed.render_as_string(hide_password=False)


def _copy_progress(table: str, rows: int) -> None:
    # Every 10,000 rows, so a large directory shows it is moving (on stderr: not the result).
    if rows % 10_000 == 0:
        print(f"  {table}: {rows} rows", file=sys.stderr)


def _export_package(args: argparse.Namespace, ctx: Context) -> int:
    from planner.store.package import dumps_package, export_package, write_package
    from planner.store.queries import all_event_ids

    ids: list[int] = list(args.event_ids)
    if args.all and ids:
        raise UsageError("give event ids or --all, not both")
    with ctx.db.session(write=False) as session:
        if args.all:
            ids = all_event_ids(session)
            if not ids:
                raise PlannerError("there are no events to export")
        elif not ids:
            raise UsageError("name the events to export (planner events lists them), or --all")
        data = export_package(session, ids)
    if args.output is None:
        ctx.out.write(dumps_package(data))
        return 0
    path = write_package(data, args.output)
    count = len(data["events"])
    print(f"wrote {count} event{'s' if count != 1 else ''} to {path}", file=sys.stderr)
    return 0


def _print_json(rows: list[dict[str, Any]], out: TextIO) -> None:
    out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


def _print_table(header: list[str], rows: list[list[str]], out: TextIO) -> None:
    """Columns padded to their widest cell; the last column is never padded."""
    from .columns import print_table

    print_table(header, rows, out)
