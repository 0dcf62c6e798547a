"""Which program holds a database file: the window's lock file, read without Qt.

The window takes a ``QLockFile`` at :func:`lock_path` for as long as it has the file open (one
window per database file). Commands that must not run under an open window (``planner
restore``) read the same file here: Qt writes the holder's process id on the first line, its
application name on the second and the host name on the third. A lock whose process is gone
(a window killed with SIGKILL) is stale and holds nothing.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

from planner.config import INSTANCE_LOCK_SUFFIX as LOCK_SUFFIX
from planner.config import instance_lock_path as lock_path

__all__ = ["LOCK_SUFFIX", "Holder", "holder", "lock_path"]


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
