"""Which program holds a database file: the window's lock file, read without Qt.

The window takes a ``QLockFile`` at :func:`lock_path` for as long as it has the file open (one
window per database file). Commands that must not run under an open window (``planner
restore``) read the same file here: Qt writes the holder's process id on the first line, its
process name on the second and the host name on the third (then the machine and boot ids), and
holds an ``flock`` on it while it lives. A lock whose process is gone (a window killed with
SIGKILL) is stale and holds nothing.

:func:`held` takes the same lock without Qt, for as long as ``planner restore`` replaces the
file: a window started meanwhile finds the file taken (and cannot take the lock over: the flock
says its holder is alive), and a second restore is refused instead of interleaving with it.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from planner.config import INSTANCE_LOCK_SUFFIX as LOCK_SUFFIX
from planner.config import instance_lock_path as lock_path
from planner.errors import PlannerError

try:  # POSIX: the native lock QLockFile also holds (Windows: the file alone)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["LOCK_SUFFIX", "Holder", "LockHeld", "held", "holder", "lock_path"]


@dataclass(frozen=True, slots=True)
class Holder:
    pid: int
    app: str
    host: str


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process, alive
    except OSError:
        return False
    return True


def holder(database: Path) -> Holder | None:
    """Who holds the database's lock now; None when nobody does or the lock is stale.

    A lock taken on another host (a database in a shared folder) cannot be checked from here
    and counts as held: better to ask the user than to restore under someone's window.
    """
    try:
        lines = lock_path(database).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    try:
        pid = int(lines[0].strip())
    except (IndexError, ValueError):
        return None  # empty or half-written: Qt treats it as stale too
    app = lines[1].strip() if len(lines) > 1 else ""
    host = lines[2].strip() if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return Holder(pid, app, host)
    return Holder(pid, app, host) if _alive(pid) else None


class LockHeld(PlannerError):
    """Another live process holds the database's lock (``holder``: who, when it says)."""

    def __init__(self, database: Path, found: Holder | None) -> None:
        self.holder = found
        self.database = database
        who = f"process {found.pid}" if found is not None else "another process"
        where = f" on {found.host}" if found is not None and _elsewhere(found) else ""
        super().__init__(
            f"{database}: another planner ({who}{where}) has it open or is restoring it; "
            "try again when it has finished"
        )


def _elsewhere(found: Holder) -> bool:
    return bool(found.host) and found.host != socket.gethostname()


@contextmanager
def held(database: Path) -> Iterator[None]:
    """Hold ``database``'s lock for the block, as a window holds it; LockHeld if a live
    process (a window, another restore) holds it now. A stale lock is taken over."""
    path = lock_path(database)
    fd = _take(database, path)
    try:
        yield
    finally:
        # Removed while still locked, so nobody takes a half-released lock for stale.
        with suppress(OSError):
            path.unlink()
        os.close(fd)


def _take(database: Path, path: Path) -> int:
    for _attempt in range(3):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            found = holder(database)
            if found is not None or not _remove_stale(path):
                raise LockHeld(database, found) from None
            continue
        except OSError as error:  # no such folder, a read-only one
            raise PlannerError(f"{path}: cannot take the lock ({error.strerror})") from None
        if not _native_lock(fd):  # taken between our create and lock: not ours after all
            os.close(fd)
            raise LockHeld(database, holder(database))
        os.write(fd, _contents())
        return fd
    raise LockHeld(database, holder(database))


def _native_lock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _remove_stale(path: Path) -> bool:
    """Remove a lock file whose holder is gone; False if a live process still locks it.

    As QLockFile does: the file is removed only under its native lock, which its holder kept
    while alive, and only if the name still leads to the file that was locked."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return True  # removed meanwhile
    except OSError:
        return False
    try:
        if not _native_lock(fd):
            return False
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                path.unlink()
        except FileNotFoundError:
            pass
        return True
    finally:
        os.close(fd)


def _contents() -> bytes:
    """What QLockFile writes: process id, process name, host name, machine id, boot id. Qt
    takes a lock for stale if the process of that id now has another name."""
    try:
        name = Path(os.readlink("/proc/self/exe")).name
    except OSError:
        name = Path(sys.executable).name
    lines = [str(os.getpid()), name, socket.gethostname(), _first_line("/etc/machine-id")]
    lines.append(_first_line("/proc/sys/kernel/random/boot_id"))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _first_line(path: str) -> str:
    try:
        return Path(path).read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""
