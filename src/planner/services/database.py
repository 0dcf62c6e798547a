"""The database handle the window holds, and what the window does with the handle itself.

The window keeps one :class:`Database` in its ``AppContext`` and passes it to services; it never
opens a session on it or looks at its engine. What it needs of the handle as such (its address
for the About box and the title bar, letting go of the file before a restore replaces it,
opening another database or the same file anew) is here, so no ui module imports the store.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from planner.errors import PlannerError
from planner.store import Database
from planner.store.backup import sqlite_url_path
from planner.store.database import WINDOW_BUSY_TIMEOUT_MS
from planner.store.health import driver_reason as error_line

from .team_server import is_server_url, masked_url, prepare_url, title_of

__all__ = [
    "Database",
    "address",
    "check_new_database",
    "create_database",
    "file_of",
    "let_go",
    "location_title",
    "open_url",
    "read_only_reason",
    "reopen",
    "url_of",
]


def address(db: Database) -> str:
    """Where the database is, as a person may be shown it (a server's password hidden)."""
    return db.url


def read_only_reason(db: Database) -> str | None:
    """Why ``db`` may be read but not changed, as the window says it (a read-only file, a
    server role with read rights only), or None. Found once, when it was opened."""
    return db.read_only_reason


def url_of(db: Database) -> str:
    """The URL ``db`` was opened with, password included: to open it again, never to show."""
    return db.engine.url.render_as_string(hide_password=False)


def let_go(db: Database) -> None:
    """Close every connection of ``db`` (a restore is about to replace its file: no
    connection may keep the old one, or its WAL). The handle opens new ones when used again."""
    db.dispose()


def open_url(url: str) -> Database:
    """Open (and migrate) the database at ``url`` with the window's busy timeout; a server URL
    gets the TLS rule and its remembered password. A file that is not a Planner database, or
    is damaged, raises PlannerError (nothing in it is changed)."""
    try:
        return Database.open(prepare_url(url), busy_timeout_ms=WINDOW_BUSY_TIMEOUT_MS)
    except SQLAlchemyError as error:  # what Database.open does not already put in one line
        raise PlannerError(
            f"{masked_url(url)}: cannot open the database ({error_line(error)})"
        ) from None


def reopen(db: Database) -> Database:
    """The same database opened anew, with the window's busy timeout (after a restore replaced
    its file). Raises PlannerError when it cannot be opened."""
    return open_url(url_of(db))


def file_of(url: str) -> Path | None:
    """The SQLite file a URL names, decoded as SQLAlchemy reads it (a folder or file named in
    Urdu or Chinese is percent-encoded in the URL); None for a server or in-memory database."""
    if is_server_url(url):
        return None
    try:
        return sqlite_url_path(url)
    except ArgumentError:
        return None


def file_url(path: Path) -> str:
    """The SQLAlchemy URL of the SQLite file at ``path``."""
    return "sqlite:///" + str(Path(path).expanduser().resolve())


def check_new_database(path: Path) -> Path:
    """``path`` resolved, when a new database may be made there; PlannerError when a file that
    has anything in it is there (New Database never replaces a database) or the folder is
    missing."""
    path = Path(path).expanduser().resolve()
    if path.exists() and (not path.is_file() or path.stat().st_size > 0):
        raise PlannerError(
            f"{path}: a file of that name exists; choose a new name (use Open Database… to "
            "open an existing database)"
        )
    if not path.parent.is_dir():
        raise PlannerError(f"{path.parent}: the folder does not exist")
    return path


def create_database(path: Path) -> Database:
    """A new, empty Planner database at ``path`` (migrated to the current schema); see
    :func:`check_new_database` for what is refused."""
    path = check_new_database(path)
    if path.exists():
        # Empty (the save dialog may have made it): the store would take a 0-byte file for a
        # damaged database, so it makes way for the new one.
        path.unlink()
    return open_url(file_url(path))


def _folder_shown(folder: Path) -> str:
    """``~/Documents`` for a folder under the home folder, else the full path."""
    home = Path.home()
    try:
        return "~/" + str(folder.relative_to(home)) if folder != home else "~"
    except ValueError:
        return str(folder)


def location_title(url: str) -> str:
    """Which database this is, for the title bar and the recent list: ``planner.sqlite3
    (~/Documents)`` for a file, ``team@db.example.org/planner`` for a server. Never the
    password."""
    if is_server_url(url):
        return title_of(url)
    path = sqlite_url_path(url)
    if path is None:
        return masked_url(url)
    return f"{path.name} ({_folder_shown(path.parent)})"
