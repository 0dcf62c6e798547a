"""Copies of a SQLite database file, made with SQLite's backup API.

The backup API copies a consistent snapshot even while another connection writes (and picks up
the WAL), which a plain file copy does not. Backups taken before a migration are kept beside the
database as ``<stem>-backup-<UTC time>-from-<revision><suffix>``; the newest few are kept.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from planner.errors import PlannerError

KEEP_MIGRATION_BACKUPS = 5


def sqlite_file_path(engine: Engine) -> Path | None:
    """The file behind a SQLite engine; None for other back ends and in-memory databases."""
    url = engine.url
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or url.query.get("mode") == "memory":
        return None
    if database.startswith("file:"):  # a URI filename
        database = database[len("file:") :].split("?", 1)[0]
    return Path(database).expanduser().resolve()


def backup_file(source: Path, target: Path) -> Path:
    """Copy the SQLite database ``source`` to ``target`` (replaced if it exists)."""
    if not source.is_file():
        raise PlannerError(f"{source}: no such database file")
    target = target.expanduser().resolve()
    if target == source.resolve():
        raise PlannerError(f"{target}: the backup would overwrite the database itself")
    partial = target.with_name(target.name + ".partial")
    uri = source.resolve().as_uri() + "?mode=ro"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(uri, uri=True)) as src:
            # The target is opened apart from the source so that a failure is blamed on the
            # right file: an unwritable -o is not a broken database.
            try:
                dst = sqlite3.connect(partial)
            except sqlite3.Error as error:
                raise PlannerError(f"{target}: cannot write the backup ({error})") from None
            with closing(dst):
                src.backup(dst)
        # Written under another name first so a failed backup never looks like a good one.
        partial.replace(target)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise PlannerError(f"{source}: backup failed ({error})") from None
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise PlannerError(f"{target}: cannot write the backup ({error.strerror})") from None
    return target


def backup_database(engine: Engine, target: Path | None = None) -> Path:
    """Back the engine's SQLite file up to ``target`` (default: a timestamped file beside it)."""
    path = sqlite_file_path(engine)
    if path is None:
        raise PlannerError(
            "backup works on SQLite database files; use your database server's tools for "
            + engine.url.render_as_string(hide_password=True)
        )
    if target is None:
        target = _free_name(path, "backup-" + _stamp())
    return backup_file(path, target)


def migration_backups(path: Path) -> list[Path]:
    """Backups taken before migrations of the database at ``path``, oldest first."""
    return sorted(path.parent.glob(f"{path.stem}-backup-*-from-*{path.suffix}"))


def backup_before_migration(engine: Engine, from_revision: str) -> Path | None:
    """Back the file up before a migration; keep the newest few such backups."""
    path = sqlite_file_path(engine)
    if path is None or not path.is_file():
        return None
    target = backup_file(path, _free_name(path, f"backup-{_stamp()}-from-{from_revision}"))
    for old in migration_backups(path)[:-KEEP_MIGRATION_BACKUPS]:
        old.unlink(missing_ok=True)
    return target


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _free_name(path: Path, middle: str) -> Path:
    candidate = path.with_name(f"{path.stem}-{middle}{path.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{middle}-{n}{path.suffix}")
    return candidate
