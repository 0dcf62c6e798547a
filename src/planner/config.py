"""App identity and paths. The only place that knows where things live on disk."""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.errors import PlannerError

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


def cache_dir() -> Path:
    """Files Planner can always make again, such as parsed fonts (``~/.cache/planner``)."""
    return Path(_dirs().user_cache_dir)


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


def config_dir() -> Path:
    return Path(_dirs().user_config_dir)


def settings_path() -> Path:
    """This machine's settings (JSON): how many backups to keep, and where."""
    return config_dir() / "settings.json"


@dataclass(frozen=True, slots=True)
class BackupSettings:
    """The ``"backups"`` object of the settings file; every key may be left out.

    Per machine, not per database: a laptop with little room keeps fewer copies than a desk.
    """

    keep_daily: int = 10
    keep_weekly: int = 8
    # None: the user data folder's backups/, not beside the database, so that a database in a
    # synced folder does not fill the synced folder (and everyone's quota) with copies.
    folder: Path | None = None

    @property
    def root(self) -> Path:
        return self.folder if self.folder is not None else data_dir() / "backups"


# More than this many copies is a typo, not a plan (each is a whole database).
MAX_KEEP = 1000


def _read_settings() -> dict[str, Any]:
    """The settings file as a JSON object; an empty one when there is no file. Damage is one
    line naming the file."""
    path = settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise PlannerError(f"{path}: cannot read the settings ({error.strerror})") from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlannerError(
            f"{path}: the settings are not JSON (line {error.lineno}, column {error.colno})"
        ) from None
    if not isinstance(data, dict):
        raise PlannerError(f'{path}: the settings should be an object like {{"user_name": "Sana"}}')
    return data


def backup_settings() -> BackupSettings:
    """The backup settings from :func:`settings_path`; the defaults when there is no file.
    A wrong value is one line naming the file and the field."""
    path = settings_path()
    data = _read_settings()
    backups = data.get("backups", {})
    if not isinstance(backups, dict):
        raise PlannerError(f'{path}: backups: should be an object like {{"keep_daily": 10}}')
    defaults = BackupSettings()
    keep = {}
    for key in ("keep_daily", "keep_weekly"):
        value = backups.get(key, getattr(defaults, key))
        if type(value) is not int or not 0 <= value <= MAX_KEEP:
            raise PlannerError(
                f"{path}: backups.{key}: should be a whole number from 0 to {MAX_KEEP}"
            )
        keep[key] = value
    folder = backups.get("folder")
    if folder is not None and (not isinstance(folder, str) or not folder.strip()):
        raise PlannerError(f"{path}: backups.folder: should be a folder's path, or null")
    return BackupSettings(
        keep_daily=keep["keep_daily"],
        keep_weekly=keep["keep_weekly"],
        folder=Path(folder).expanduser().resolve() if folder else None,
    )


# Who made a change, as history and conflict messages name them: at most this many characters.
USER_NAME_MAX = 80
USER_ENV = "PLANNER_USER"


def settings_user_name() -> str | None:
    """The name set in the settings (``"user_name"``), or None when none is set."""
    path = settings_path()
    name = _read_settings().get("user_name")
    if name is None:
        return None
    if not isinstance(name, str) or len(name.strip()) > USER_NAME_MAX:
        raise PlannerError(
            f"{path}: user_name: should be a name of at most {USER_NAME_MAX} characters"
        )
    return name.strip() or None


def save_user_name(name: str | None) -> None:
    """Set (or, with None or blank, clear) the settings' ``user_name``, keeping the other
    settings; the file is replaced whole, never half-written."""
    path = settings_path()
    data = _read_settings()
    cleaned = (name or "").strip()
    if len(cleaned) > USER_NAME_MAX:
        raise PlannerError(f"Your name is {len(cleaned)} characters; at most {USER_NAME_MAX}.")
    if cleaned:
        data["user_name"] = cleaned
    else:
        data.pop("user_name", None)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(
            json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise PlannerError(f"{path}: cannot save the settings ({error.strerror})") from None


def current_user() -> str:
    """Who is making changes, as the history and the conflict messages name them: the name set
    in the settings, else ``PLANNER_USER``, else the login name (else "unknown")."""
    return (settings_user_name() or default_user())[:USER_NAME_MAX]


def default_user() -> str:
    """Who is making changes when the settings name nobody: ``PLANNER_USER``, else the login
    name, else "unknown" (the window's "Your name" field shows it as its placeholder)."""
    import getpass

    name = os.environ.get(USER_ENV, "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (OSError, KeyError, ImportError):
            name = ""
    return (name or "unknown")[:USER_NAME_MAX]


def resources_dir() -> Path:
    """``resources/`` beside the source tree, or inside the installed package."""
    here = Path(__file__).resolve().parent
    installed = here / "resources"
    if installed.is_dir():
        return installed
    return here.parent.parent / "resources"


def docs_root() -> Path:
    """Where README.md and docs/guide/ are: the installed package (the wheel and the bundle
    carry them as ``planner/README.md`` and ``planner/docs/``, so the guides' relative image
    links still work), else the source tree."""
    here = Path(__file__).resolve().parent
    if (here / "docs" / "guide").is_dir():
        return here
    return here.parent.parent


def guide_files() -> list[Path]:
    """The user guide as the Help window shows it: the README first, then docs/guide/*.md."""
    root = docs_root()
    files = [root / "README.md"] if (root / "README.md").is_file() else []
    return files + sorted((root / "docs" / "guide").glob("*.md"))


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


# File endings that pick an importer when ``planner import FILE`` names no kind, and what
# ``planner FILE`` (a double-click in the file manager) opens a file with.
IMPORT_SUFFIXES = {".json": "package", ".csv": "csv", ".vcf": "vcard", ".vcard": "vcard"}
