"""``planner restore FILE``: put a backup back in place of the database, safely.

Copying a backup over the database by hand goes wrong in two ways this avoids: SQLite applies
a left-over ``-wal`` file (which belongs to the old database) to the restored one, and the copy
itself can be damaged. So the backup is checked whole (``integrity_check``) and must be a
planner database of a schema this version knows; the current file is kept as a
``before-restore`` backup (through SQLite's backup API, which folds its WAL in; a file too
damaged for that is copied byte for byte with its WAL); its ``-wal`` and ``-shm`` are removed;
and the checked copy is renamed into place, so the database is at every moment either the old
file or the whole restored one. Refused while another process's window holds the database;
while it works, the restore holds the window's lock itself (``instance_lock.held``), so no
window opens the file half-way and a second restore is refused instead of interleaving.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import threading
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from planner.errors import DamagedDatabaseError, PlannerError

from .backup import backup_file, count_events, new_backup_name
from .health import (
    APPLICATION_ID,
    check_file,
    foreign_file,
    read_only,
    sniff,
    summary,
)
from .instance_lock import held, holder

# The files SQLite keeps beside a database; stale ones must never meet the restored file.
SIDE_FILES = ("-wal", "-shm", "-journal")
# One restore at a time within this process too (the window's own restore holds no lock of
# its own: its process holds the window's).
_restoring = threading.Lock()


@dataclass(frozen=True, slots=True)
class Differences:
    """What restoring a backup changes, by event title: what the organiser loses or gets back."""

    missing: tuple[str, ...] = ()  # events made since the backup: no longer shown
    changed: tuple[str, ...] = ()  # events changed since the backup: back as they were
    returning: tuple[str, ...] = ()  # events deleted since the backup: shown again

    def lines(self) -> list[str]:
        """One line per kind of difference ("" for none), the titles named (ten at most)."""
        said = []
        for titles, what in (
            (self.missing, "made since the backup, no longer shown"),
            (
                self.changed,
                "changed since the backup, back as "
                + ("it was" if len(self.changed) == 1 else "they were")
                + " then",
            ),
            (self.returning, "deleted since the backup, shown again"),
        ):
            if titles:
                shown = ", ".join(f"“{title}”" for title in titles[:10])
                more = f" and {len(titles) - 10} more" if len(titles) > 10 else ""
                said.append(f"{_events(len(titles))} {what}: {shown}{more}")
        return said


def _events(count: int) -> str:
    return f"{count} event{'s' if count != 1 else ''}"


@dataclass(frozen=True, slots=True)
class RestoreReport:
    database: Path
    restored_from: Path
    kept: Path | None  # the replaced file, kept as a backup (None: there was none)
    events: int
    differences: Differences = Differences()

    def summary(self) -> str:
        lines = [f"restored {self.database} from {self.restored_from} ({_events(self.events)})"]
        lines += self.differences.lines()
        if self.kept is not None:
            lines.append(f"the replaced file is kept as {self.kept}")
        return "\n".join(lines)


def _events_in(path: Path) -> tuple[dict[str, tuple[str, str]], int | None] | None:
    """Each event's uid with its title and when its row last changed, and the newest change
    row's id (None before the change history, revision 0009); None where the file cannot be
    read (a damaged database, one too old to have the columns)."""
    try:
        with read_only(path) as conn:
            rows = conn.execute("SELECT uid, title, updated_at FROM event").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            newest = (
                conn.execute("SELECT coalesce(max(id), 0) FROM change").fetchone()[0]
                if "change" in tables
                else None
            )
    except (sqlite3.Error, DamagedDatabaseError, PlannerError, OSError):
        return None
    return {str(uid): (str(title), str(updated)) for uid, title, updated in rows}, newest


def _changed_after(path: Path, change_id: int) -> set[str]:
    """The uids of events whose history (their own row, cast, agenda, invitations...) has a
    change newer than ``change_id``: a backup is a copy of the same file, so the ids agree."""
    try:
        with read_only(path) as conn:
            rows = conn.execute(
                "SELECT DISTINCT event.uid FROM change JOIN event ON event.id = coalesce("
                "change.event_id, CASE WHEN change.table_name = 'event' THEN change.record_id END)"
                " WHERE change.id > ?",
                (change_id,),
            ).fetchall()
    except (sqlite3.Error, DamagedDatabaseError, PlannerError, OSError):
        return set()
    return {str(row[0]) for row in rows}


def differences(database: Path, backup: Path) -> Differences:
    """What putting ``backup`` in place of ``database`` changes (nothing said where either
    file cannot be read: the restore itself then says why, or goes ahead from a damaged file).
    An event counts as changed when its row differs, or when the history of the current file
    has a change of it newer than the backup's newest (an added speaker leaves the row as it
    was)."""
    current, old = _events_in(Path(database)), _events_in(Path(backup))
    if current is None or old is None:
        return Differences()
    (now, newest_now), (then, newest_then) = current, old
    changed = {uid for uid in now.keys() & then.keys() if now[uid] != then[uid]}
    if newest_now is not None and newest_then is not None and newest_now > newest_then:
        changed |= _changed_after(Path(database), newest_then) & then.keys()

    def titles(uids: set[str], source: dict[str, tuple[str, str]]) -> tuple[str, ...]:
        return tuple(sorted(source[uid][0] for uid in uids))

    return Differences(
        missing=titles(now.keys() - then.keys(), now),
        changed=titles(changed, now),
        returning=titles(then.keys() - now.keys(), then),
    )


def check_backup(backup: Path) -> None:
    """Refuse, in one line, a file that must not become the database."""
    from .revisions import VERSION_TABLE, known_revisions

    backup = Path(backup).expanduser().resolve()
    if not backup.is_file():
        raise PlannerError(f"{backup}: no such backup file")
    try:
        sniff(backup)
        # Whose file is it? Asked first, so that someone else's healthy file is not "damaged".
        with read_only(backup) as conn:
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if app_id in (0, APPLICATION_ID) and VERSION_TABLE in tables:
                row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                revision = row[0] if row else None
    except DamagedDatabaseError as error:
        raise PlannerError(
            f"{backup}: not restored: the backup is damaged ({error.reason})"
        ) from None
    if app_id not in (0, APPLICATION_ID):
        raise PlannerError(f"{backup}: not restored: {foreign_file(app_id)}")
    if revision is None or "event" not in tables:
        raise PlannerError(f"{backup}: not restored: not a planner database")
    if revision not in known_revisions():
        raise PlannerError(
            f"{backup}: not restored: made by a newer version of planner (schema {revision})"
        )
    report = check_file(backup, full=True, references=False)
    if not report.ok:
        shown = summary(report.problems)
        raise PlannerError(f"{backup}: not restored: the backup is damaged ({shown})")


def restore(database: Path, backup: Path) -> RestoreReport:
    """Replace the SQLite database at ``database`` with the checked ``backup``."""
    database = Path(database).expanduser().resolve()
    backup = Path(backup).expanduser().resolve()
    if backup == database:
        raise PlannerError(f"{backup}: that is the database itself; name a backup")
    window = holder(database)
    ours = (
        window is not None
        and window.pid == os.getpid()
        and window.host in ("", socket.gethostname())
    )
    if window is not None and not ours:
        # The window restoring its own file holds the lock itself (and has let go of the file).
        where = f" on {window.host}" if window.host not in ("", socket.gethostname()) else ""
        raise PlannerError(
            f"{database}: a planner window (process {window.pid}{where}) has it open; "
            "close that window, then restore"
        )
    if not _restoring.acquire(blocking=False):
        raise PlannerError(f"{database}: another restore is running; try again when it ends")
    try:
        # The window restoring its own file already holds the lock (and has let go of the
        # file); anyone else takes it for as long as the file is replaced.
        lock: AbstractContextManager[None] = nullcontext() if ours else held(database)
        with lock:
            check_backup(backup)
            return _replace(database, backup)
    finally:
        _restoring.release()


def _replace(database: Path, backup: Path) -> RestoreReport:
    """Put a checked copy of ``backup`` in place of ``database`` (the caller holds its lock)."""
    database.parent.mkdir(parents=True, exist_ok=True)
    incoming = database.with_name(database.name + ".restoring")
    for side in ("", *SIDE_FILES):
        Path(f"{incoming}{side}").unlink(missing_ok=True)
    try:
        # A fresh, checked copy: the backup itself stays as it was, for another try.
        backup_file(backup, incoming)
        changes = differences(database, incoming) if database.exists() else Differences()
        kept = _keep_current(database)
        for side in SIDE_FILES:
            # Before the rename: a stale WAL beside the restored file would be applied to it.
            Path(f"{database}{side}").unlink(missing_ok=True)
        os.replace(incoming, database)
        _sync_folder(database.parent)
    except OSError as error:
        raise PlannerError(f"{database}: not restored ({error.strerror})") from None
    finally:
        incoming.unlink(missing_ok=True)
    return RestoreReport(database, backup, kept, count_events(database) or 0, changes)


def _keep_current(database: Path) -> Path | None:
    """Keep the file about to be replaced as a ``before-restore`` backup."""
    if not database.exists():
        return None
    target = new_backup_name(database, "before-restore")
    try:
        return backup_file(database, target)
    except (DamagedDatabaseError, PlannerError, sqlite3.Error):
        pass
    # Too damaged to be read through SQLite (that is often why one restores): keep its bytes,
    # and its WAL, which may hold the last transactions.
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(database, target)
    wal = Path(f"{database}-wal")
    if wal.is_file():
        shutil.copy2(wal, Path(f"{target}-wal"))
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); where folders cannot be opened, the OS does it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
