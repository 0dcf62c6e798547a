"""Copies of a SQLite database file, made with SQLite's backup API, and their rotation.

The backup API copies a consistent snapshot even while another connection writes (and picks up
the WAL), which a plain file copy does not. Every copy is checked (``quick_check``) before it
gets its name, so a damaged database never passes for a good backup and never pushes a good one
out of the rotation.

Backups live in one folder per database, under the user data folder's ``backups/`` (or the
folder the settings name, see :func:`planner.config.backup_settings`), not beside the database:
a database kept in a synced folder would otherwise fill it with copies. They are named
``<stem>-<UTC time>-<kind>.sqlite3``, the kind being

- ``daily``: taken when planner opens the file and there is none from that day (UTC); the
  newest ``keep_daily`` are kept, and the newest of each of the last ``keep_weekly`` weeks;
- ``migration`` (``...-migration-from-<revision>``): before a schema migration; the newest 5;
- ``manual``: ``planner backup``; never deleted by planner;
- ``before-restore``: the file ``planner restore`` replaced; never deleted by planner.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from planner.errors import DamagedDatabaseError, PlannerError

from .health import check_file, damage_reason, read_only, summary

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine

log = logging.getLogger(__name__)

KEEP_MIGRATION_BACKUPS = 5
SUFFIX = ".sqlite3"
KINDS = ("daily", "migration", "manual", "before-restore")
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(
    r"-(?P<stamp>\d{8}T\d{6}Z)-(?P<kind>daily|migration|manual|before-restore)"
    r"(?:-from-(?P<revision>[\w]+?))?(?:-\d+)?\.sqlite3$"
)


def sqlite_file_path(engine: Engine) -> Path | None:
    """The file behind a SQLite engine; None for other back ends and in-memory databases."""
    return sqlite_url_path(engine.url)


def sqlite_url_path(url: str | URL) -> Path | None:
    """The file a SQLite URL names; None for other back ends and in-memory databases."""
    from sqlalchemy import make_url

    url = make_url(url)
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or url.query.get("mode") == "memory":
        return None
    if database.startswith("file:"):  # a URI filename
        database = unquote(database[len("file:") :].split("?", 1)[0])
    return Path(database).expanduser().resolve()


def backups_folder(database: Path) -> Path:
    """Where the backups of the database at ``database`` go: one folder per database file.

    The folder's name carries a digest of the file's full path, so that two ``planner.sqlite3``
    in different folders never share (and rotate away) each other's backups.
    """
    from planner.config import backup_settings

    return backup_settings().root / folder_name(database)


def folder_name(database: Path | str) -> str:
    """``<stem>-<digest of the full path>``: the name of a folder that holds one database's
    files (its backups, the window's drafts); a server URL's is ``server-<digest>``."""
    path = Path(database).expanduser().resolve() if isinstance(database, Path) else None
    where = str(path) if path is not None else str(database)
    digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:10]
    return f"{path.stem}-{digest}" if path is not None else f"server-{digest}"


def backup_of_another(database: Path, backup: Path) -> str | None:
    """The name of the database ``backup`` was taken of, when it lies in another database's
    backups folder (``<stem>-<digest>``): restoring it puts that file's events in this one's
    place. None for this database's own backups and for a copy kept anywhere else."""
    from planner.config import backup_settings

    folder = Path(backup).expanduser().resolve().parent
    if folder.parent != backup_settings().root.expanduser().resolve():
        return None
    if folder == backups_folder(database):
        return None
    stem, _sep, digest = folder.name.rpartition("-")
    return f"{stem}.sqlite3" if stem and len(digest) == 10 else None


def backup_file(source: Path, target: Path) -> Path:
    """Copy the SQLite database ``source`` to ``target`` (replaced if it exists) and check the
    copy: a damaged source raises :class:`DamagedDatabaseError` and leaves no copy."""
    if not source.is_file():
        raise PlannerError(f"{source}: no such database file")
    target = target.expanduser().resolve()
    if target == source.resolve():
        raise PlannerError(f"{target}: the backup would overwrite the database itself")
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with read_only(source) as src:
            # The target is opened apart from the source so that a failure is blamed on the
            # right file: an unwritable -o is not a broken database.
            try:
                dst = sqlite3.connect(partial)
            except sqlite3.Error as error:
                raise PlannerError(f"{target}: cannot write the backup ({error})") from None
            with closing(dst):
                src.backup(dst)
                # One self-contained file: a WAL-mode copy would grow -wal and -shm files
                # the first time anyone opens it, even read-only.
                dst.execute("PRAGMA journal_mode=DELETE")
        report = check_file(partial, references=False)
        if not report.ok:
            raise DamagedDatabaseError(source, summary(report.problems))
        # Written under another name first so a failed backup never looks like a good one.
        partial.replace(target)
    except (PlannerError, sqlite3.Error) as error:
        _discard(partial)
        if isinstance(error, PlannerError):
            raise
        reason = damage_reason(error)
        if reason is not None:
            raise DamagedDatabaseError(source, reason) from None
        raise PlannerError(f"{source}: backup failed ({error})") from None
    except OSError as error:
        _discard(partial)
        raise PlannerError(f"{target}: cannot write the backup ({error.strerror})") from None
    return target


def _require_file(engine: Engine) -> Path:
    path = sqlite_file_path(engine)
    if path is None:
        raise PlannerError(
            "backup works on SQLite database files; use your database server's tools for "
            + engine.url.render_as_string(hide_password=True)
        )
    return path


def backup_database(engine: Engine, target: Path | None = None) -> Path:
    """Back the engine's SQLite file up to ``target`` (default: a manual backup in its
    backups folder)."""
    path = _require_file(engine)
    return backup_path(path, target)


def backup_path(database: Path, target: Path | None = None, *, kind: str = "manual") -> Path:
    """Back the SQLite file at ``database`` up to ``target`` (default: its backups folder,
    as a backup of the given ``kind``)."""
    if target is None:
        target = new_backup_name(database, kind)
    return backup_file(database, target)


def new_backup_name(database: Path, kind: str, *, revision: str | None = None) -> Path:
    """A fresh name in the database's backups folder, stamped with the time now (UTC)."""
    assert kind in KINDS
    middle = f"{datetime.now(UTC).strftime(_STAMP)}-{kind}"
    if revision is not None:
        middle += f"-from-{re.sub(r'[^0-9A-Za-z_]', '_', revision)}"
    return _free_name(backups_folder(database) / f"{Path(database).stem}-{middle}{SUFFIX}")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup, as ``planner backup --list`` and the window's restore dialog show it."""

    path: Path
    taken: datetime  # UTC
    kind: str  # daily, weekly (a daily kept for its week), migration, manual, before-restore
    size: int  # bytes
    events: int | None  # None: the copy cannot be read (it is damaged or not a planner file)
    from_revision: str | None = None  # the schema a migration backup was taken from


def _parse(path: Path) -> tuple[datetime, str, str | None] | None:
    match = _NAME.search(path.name)
    if match is None:
        return None
    taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    return taken, match["kind"], match["revision"]


def _backups(database: Path, kind: str | None = None) -> list[tuple[Path, datetime, str]]:
    """The backups of ``database`` (of one ``kind``), oldest first."""
    folder = backups_folder(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        parsed = _parse(path)
        if parsed is not None and (kind is None or parsed[1] == kind):
            found.append((path, parsed[0], parsed[1]))
    return sorted(found, key=lambda item: (item[1], item[0].name))


def migration_backups(path: Path) -> list[Path]:
    """Backups taken before migrations of the database at ``path``, oldest first."""
    return [found for found, _, _ in _backups(path, "migration")]


def _kept_dailies(
    dailies: list[tuple[Path, datetime, str]], keep_daily: int, keep_weekly: int
) -> dict[Path, str]:
    """Which daily backups the rotation keeps, and as what ("daily" or "weekly")."""
    newest_first = sorted(dailies, key=lambda item: (item[1], item[0].name), reverse=True)
    kept = {path: "daily" for path, _, _ in newest_first[:keep_daily]}
    weeks: list[tuple[int, int]] = []
    for path, taken, _ in newest_first:
        week = taken.isocalendar()[:2]
        if week in weeks:
            continue
        if len(weeks) == keep_weekly:
            break
        weeks.append(week)
        kept.setdefault(path, "weekly")  # the newest of its week
    return kept


def prune_backups(database: Path) -> list[Path]:
    """Delete the daily and migration backups the rotation no longer keeps; return them."""
    from planner.config import backup_settings

    settings = backup_settings()
    dailies = _backups(database, "daily")
    kept = _kept_dailies(dailies, settings.keep_daily, settings.keep_weekly)
    doomed = [path for path, _, _ in dailies if path not in kept]
    migrations = migration_backups(database)
    doomed += migrations[: max(0, len(migrations) - KEEP_MIGRATION_BACKUPS)]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of the database at ``database``, newest first, each with its event count."""
    from planner.config import backup_settings

    settings = backup_settings()
    found = _backups(database)
    weekly = _kept_dailies(
        [item for item in found if item[2] == "daily"], settings.keep_daily, settings.keep_weekly
    )
    infos = []
    for path, taken, kind in reversed(found):
        parsed = _parse(path)
        infos.append(
            BackupInfo(
                path=path,
                taken=taken,
                kind=weekly.get(path, kind) if kind == "daily" else kind,
                size=path.stat().st_size,
                events=count_events(path),
                from_revision=parsed[2] if parsed else None,
            )
        )
    return infos


def count_events(path: Path) -> int | None:
    """How many events the database file at ``path`` holds; None if it cannot be read."""
    try:
        with read_only(path) as conn:
            row = conn.execute("SELECT count(*) FROM event").fetchone()
    except (sqlite3.Error, PlannerError):
        return None
    return int(row[0])


def latest_good_backup(database: Path) -> BackupInfo | None:
    """The newest backup that passes ``quick_check``: what the window offers for a damaged file."""
    for info in list_backups(database):
        if info.events is not None and check_file(info.path, references=False).ok:
            return info
    return None


def backup_before_migration(engine: Engine, from_revision: str) -> Path | None:
    """Back the file up before a migration; keep the newest few such backups."""
    path = sqlite_file_path(engine)
    if path is None or not path.is_file():
        return None
    target = backup_file(path, new_backup_name(path, "migration", revision=from_revision))
    prune_backups(path)
    return target


def daily_backup(engine: Engine) -> Path | None:
    """The day's automatic backup, when there is none from today (UTC) yet.

    A damaged file raises :class:`DamagedDatabaseError` (better to say so now than when the
    last good backup has rotated away); a backup that cannot be written (full disk, read-only
    folder) is logged and the database opens anyway.
    """
    path = sqlite_file_path(engine)
    return None if path is None else daily_backup_of(path)


def daily_backup_of(path: Path) -> Path | None:
    """:func:`daily_backup` of the SQLite file at ``path`` (what opening it takes)."""
    from planner.config import backup_settings

    if not path.is_file():
        return None
    settings = backup_settings()
    if settings.keep_daily == 0 and settings.keep_weekly == 0:
        return None
    today = datetime.now(UTC).date()
    if any(taken.date() == today for _, taken, _ in _backups(path, "daily")):
        return None
    try:
        target = backup_file(path, new_backup_name(path, "daily"))
    except DamagedDatabaseError:
        raise
    except PlannerError as error:
        log.warning("no daily backup: %s", error)
        return None
    prune_backups(path)
    return target


def _discard(path: Path) -> None:
    """Remove a half-made copy; where it cannot even be looked for, there is none."""
    with suppress(OSError):
        path.unlink(missing_ok=True)


def _free_name(candidate: Path) -> Path:
    n = 1
    first = candidate
    while candidate.exists():
        n += 1
        candidate = first.with_name(f"{first.stem}-{n}{first.suffix}")
    return candidate
