"""The database handle the window holds, and what the window does with the handle itself.

The window keeps one :class:`Database` in its ``AppContext`` and passes it to services; it never
opens a session on it or looks at its engine. What it needs of the handle as such (its address
for the About box, letting go of the file before a restore replaces it, opening the same file
anew afterwards) is here, so no ui module imports the store.
"""

from __future__ import annotations

from planner.store import Database
from planner.store.database import WINDOW_BUSY_TIMEOUT_MS

__all__ = ["Database", "address", "let_go", "read_only_reason", "reopen"]


def address(db: Database) -> str:
    """Where the database is, as a person may be shown it (a server's password hidden)."""
    return db.url


def read_only_reason(db: Database) -> str | None:
    """Why ``db`` may be read but not changed, as the window says it (a read-only file, a
    server role with read rights only), or None. Found once, when it was opened."""
    return db.read_only_reason


def let_go(db: Database) -> None:
    """Close every connection of ``db`` (a restore is about to replace its file: no
    connection may keep the old one, or its WAL). The handle opens new ones when used again."""
    db.dispose()


def reopen(db: Database) -> Database:
    """The same database opened anew, with the window's busy timeout (after a restore replaced
    its file). Raises PlannerError when it cannot be opened."""
    url = db.engine.url.render_as_string(hide_password=False)
    return Database.open(url, busy_timeout_ms=WINDOW_BUSY_TIMEOUT_MS)
