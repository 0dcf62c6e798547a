"""App identity and paths. The only place that knows where things live on disk."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP_NAME = "Planner"
APP_ID = "org.planner.Planner"
ORG_NAME = "Planner"
DATABASE_ENV = "PLANNER_DATABASE_URL"


@functools.cache
def _dirs() -> PlatformDirs:
    # Imported on first use (about 2-5 ms): a command given ``--db`` and the fonts never need it.
    from platformdirs import PlatformDirs

    return PlatformDirs(appname="planner", appauthor=False)


def data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def log_dir() -> Path:
    """Where the window's log file lives (``~/.local/state/planner/log`` on Linux)."""
    return Path(_dirs().user_log_dir)


INSTANCE_LOCK_SUFFIX = ".planner-lock"


def instance_lock_path(database: Path) -> Path:
    """The lock file the window holds beside the database at ``database`` (one window per
    file). Here, not in store/, so the window can take it before SQLAlchemy is imported."""
    database = Path(database).expanduser().resolve()
    return database.with_name(database.name + INSTANCE_LOCK_SUFFIX)


def default_database_path() -> Path:
    return data_dir() / "planner.sqlite3"


def resources_dir() -> Path:
    """``resources/`` beside the source tree, or inside the installed package."""
    here = Path(__file__).resolve().parent
    installed = here / "resources"
    if installed.is_dir():
        return installed
    return here.parent.parent / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def database_url(option: str | None = None) -> str:
    """The database: ``--db``, else ``PLANNER_DATABASE_URL``, else the user data folder.

    A plain path becomes a SQLite URL; anything with ``://`` is taken as an SQLAlchemy URL.
    """
    chosen = option or os.environ.get(DATABASE_ENV) or str(default_database_path())
    if "://" in chosen:
        return chosen
    return "sqlite:///" + str(Path(chosen).expanduser().resolve())
