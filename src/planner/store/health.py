"""Is a SQLite file a healthy planner database? Our application id, damage, and ``db check``.

Plain ``sqlite3`` on purpose: these run on files that SQLAlchemy's engine must not open (a
damaged database, a backup about to be restored) and they never write to the file they look at.

Checking the whole file costs a read of every page, so it is not done on every open: a command
whose reads never touch a damaged page may answer normally. ``planner backup``, ``planner
restore`` and ``planner db check`` always check the whole file.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from planner.errors import DamagedDatabaseError, PlannerError

# ``PRAGMA application_id`` of every planner database: "PLNR" in ASCII. SQLite keeps it in the
# file header, so a foreign SQLite file (another program's id) is recognised before any table
# is read, and `file(1)` can tell what the file is.
APPLICATION_ID = 0x504C4E52
SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite's result codes (``sqlite3.Error.sqlite_errorname``) that mean the file itself is
# damaged, as opposed to locked, read-only or out of space.
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def damage_reason(error: BaseException) -> str | None:
    """SQLite's words when ``error`` (sqlite3's, or SQLAlchemy's around it) says the file is
    damaged; None for every other error."""
    orig = getattr(error, "orig", None) or error
    name = getattr(orig, "sqlite_errorname", None)
    if isinstance(name, str) and name.startswith(_DAMAGE_CODES):
        return str(orig).splitlines()[0]
    return None


# Below this much free space, an I/O error is put down to a full disk: reading a WAL database
# makes SQLite grow its -shm file (32 KiB at first), which fails with SQLITE_IOERR_SHMSIZE
# ("disk I/O error"), not SQLITE_FULL, when there is no room for it.
FULL_BELOW_BYTES = 1024 * 1024


def disk_full(path: Path, then: str = "open it again") -> str:
    """What to say when the disk holding ``path`` is full: the file is fine, nothing to restore."""
    return f"{path}: the disk is full: free some space and {then}"


def out_of_space(error: BaseException, path: Path) -> bool:
    """Whether ``error`` (sqlite3's, SQLAlchemy's around it, or an OSError) came of the disk
    holding ``path`` being full rather than of the file."""
    orig = getattr(error, "orig", None) or error
    if isinstance(orig, OSError) and orig.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    name = str(getattr(orig, "sqlite_errorname", ""))
    if name.startswith("SQLITE_FULL"):
        return True
    if not name.startswith("SQLITE_IOERR"):
        return False
    try:
        return shutil.disk_usage(path.parent).free < FULL_BELOW_BYTES
    except OSError:
        return False


def driver_reason(error: BaseException) -> str:
    """The driver's message without SQLAlchemy's SQL echo and links."""
    return str(getattr(error, "orig", None) or error).splitlines()[0]


def describe_application_id(value: int) -> str:
    """An application id as people know it: four letters when it spells some, else hex."""
    raw = value.to_bytes(4, "big", signed=value < 0)
    text = raw.decode("ascii", errors="replace")
    return repr(text) if text.isprintable() and text.isascii() else f"0x{value & 0xFFFFFFFF:08X}"


def foreign_file(application_id: int) -> str:
    return (
        "not a planner database (another program's SQLite file, application id "
        f"{describe_application_id(application_id)})"
    )


def folder_read_only(path: Path) -> bool:
    """Whether the folder of ``path`` is one this program cannot write to (a CD, an archive,
    a read-only share): SQLite cannot write a journal, -wal or -shm file beside the database."""
    return not os.access(path.parent, os.W_OK)


def read_only_query(path: Path) -> str:
    """The query of a SQLite URI that opens ``path`` read-only: ``mode=ro``, and in a folder
    this program cannot write to ``immutable=1`` as well, since SQLite would otherwise need to
    create a WAL database's -shm file beside it even to read it, and refuse to open it.

    Immutable, SQLite reads the main file alone: changes still in a -wal file are refused
    rather than silently left out."""
    if not folder_read_only(path) or path.with_name(path.name + "-shm").exists():
        return "mode=ro"
    wal = path.with_name(path.name + "-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        raise PlannerError(
            f"{path}: cannot open it: its folder is read-only and its last changes are still "
            f"in {wal.name} beside it, which SQLite cannot read there; copy both files to a "
            "folder you can write to"
        )
    return "mode=ro&immutable=1"


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """``path`` opened read-only (never created, never switched to WAL); damage raised as
    :class:`DamagedDatabaseError`."""
    uri = path.resolve().as_uri() + "?" + read_only_query(path)
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            yield conn
    except sqlite3.DatabaseError as error:
        reason = damage_reason(error)
        if reason is None:
            raise
        raise DamagedDatabaseError(path, reason) from None


def sniff(path: Path) -> None:
    """Refuse, in one line, a path that cannot be a SQLite database: a folder, an empty file
    or one without SQLite's header. A missing file passes (it will be created)."""
    if path.is_dir():
        raise PlannerError(f"{path}: is a folder, not a planner database")
    if not path.exists():
        return
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise PlannerError(f"{path}: cannot read it ({error.strerror})") from None
    if size == 0:
        wal = path.with_name(path.name + "-wal")
        if wal.is_file() and wal.stat().st_size > 0:
            return  # a new database whose first transactions are still in its WAL
        # A file emptied by a full disk or a sync tool: treating it as a new database would make
        # "no events yet" look as if the data were gone.
        raise DamagedDatabaseError(path, "it is empty (0 bytes)")
    if header != SQLITE_HEADER:
        raise PlannerError(f"{path}: not a planner database (not an SQLite file)")


@dataclass(frozen=True)
class CheckReport:
    """What ``planner db check`` found: an empty ``problems`` means the file is healthy."""

    path: Path
    full: bool
    pages: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        check = "integrity_check" if self.full else "quick_check"
        if self.ok:
            return [f"{self.path}: ok ({check} and foreign_key_check passed, {self.pages} pages)"]
        count = len(self.problems)
        return [
            f"{self.path}: {count} problem{'s' if count != 1 else ''} "
            f"({check} and foreign_key_check)",
            *(f"  {problem}" for problem in self.problems),
        ]


# More lines than this from integrity_check say nothing new; SQLite stops at 100 by default.
MAX_PROBLEMS = 20


def check_file(path: Path, *, full: bool = False, references: bool = True) -> CheckReport:
    """Check the whole SQLite file at ``path`` without changing it: ``quick_check`` (or the
    slower ``integrity_check``, which also compares every index with its table when ``full``),
    ``foreign_key_check`` unless ``references`` is false, and that it is a planner database.

    Broken references are the data's problem, not the file's: a backup or a restore copies
    them as they are (the migrations tolerate the ones already there), ``db check`` lists them.
    """
    path = Path(path).expanduser().resolve()
    if not path.exists():
        raise PlannerError(f"{path}: no such database file")
    try:
        sniff(path)
    except DamagedDatabaseError as error:
        return CheckReport(path, full, problems=[error.reason])
    except PlannerError as error:
        return CheckReport(path, full, problems=[str(error).removeprefix(f"{path}: ")])
    problems: list[str] = []
    pages = 0
    try:
        with read_only(path) as conn:
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            if app_id not in (0, APPLICATION_ID):
                problems.append(foreign_file(app_id))
            else:
                problems.extend(_schema_problems(conn))
            pragma = "integrity_check" if full else "quick_check"
            rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})")]
            if rows != ["ok"]:
                problems.extend(rows)
            elif references:
                problems.extend(_broken_references(conn))
    except DamagedDatabaseError as error:
        problems.append(error.reason)
    except sqlite3.Error as error:
        if out_of_space(error, path):
            # Not a problem of the file: it could not be checked at all.
            raise PlannerError(disk_full(path, "check it again")) from None
        problems.append(f"cannot read it ({error})")
    return CheckReport(path, full, pages, problems)


def _schema_problems(conn: sqlite3.Connection) -> list[str]:
    """A healthy file this planner still cannot use: no planner tables, or a newer schema."""
    from .revisions import HEAD_REVISION, UNVERSIONED, VERSION_TABLE, known_revisions

    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if VERSION_TABLE not in tables:
        if not tables:
            return []
        return [UNVERSIONED] if "event" in tables else ["not a planner database"]
    row = conn.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    revision = row[0] if row else None
    if revision is None or revision == HEAD_REVISION or revision in known_revisions():
        return []
    return [f"made by a newer version of planner (schema {revision}); update planner to open it"]


def _broken_references(conn: sqlite3.Connection) -> list[str]:
    """``foreign_key_check`` summed up per table and parent: one line each, not one per row."""
    counts: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        counts[(table, parent)] = counts.get((table, parent), 0) + 1
    return [
        f"{table}: {n} row{'s' if n != 1 else ''} refer{'s' if n == 1 else ''} to a missing "
        f"{parent}"
        for (table, parent), n in sorted(counts.items())
    ]


def summary(problems: list[str]) -> str:
    """The first few problems on one line."""
    return "; ".join(problems[:3]) + (" ..." if len(problems) > 3 else "")
