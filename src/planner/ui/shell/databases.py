"""File ▸ New Database…, Open Database…, Open Recent, Connect to Team Server…: one path.

Every switch goes through :func:`switch_to`, in the same window: refused edits still in memory
are asked about first (as on quit); a database file is claimed with its instance lock before it
is opened (a file open in another window brings that window forward instead); a file that is
damaged or not a Planner database gets one message and the current database stays open. Only
when the new database is open does the window let go of the old one and its lock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.config import APP_NAME, default_database_path
from planner.errors import PlannerError
from planner.services.database import (
    Database,
    address,
    check_new_database,
    create_database,
    file_of,
    file_url,
    location_title,
    open_url,
    url_of,
)
from planner.services.team_server import masked_url
from planner.ui.shell.demo import load_demo_into
from planner.ui.shell.new_database_dialog import FILE_FILTER, NewDatabaseDialog, free_name
from planner.ui.shell.single_instance import SingleInstance

if TYPE_CHECKING:
    from planner.ui.shell.shell import Shell


def window_title(db: Database) -> str:
    """``Planner — planner.sqlite3 (~/Documents)``; a server by user, host and database."""
    return f"{APP_NAME} — {location_title(address(db))}"


def _same(url: str, db: Database) -> bool:
    here = file_of(url_of(db))
    there = file_of(url)
    if here is not None or there is not None:
        return here == there
    return masked_url(url) == address(db)


def switch_to(
    window: Shell,
    url: str,
    *,
    create: bool = False,
    opener: Callable[[str], Database] | None = None,
) -> bool:
    """Open ``url`` in ``window`` in place of its database; True when it is now open.
    ``create``: a new database file (refused when the file has anything in it). ``opener``
    opens a server URL (the Connect dialog passes its password without putting it in
    ``url``)."""
    if window.is_attached and not create and _same(url, window.ctx.db):
        window.ctx.show_status(f"{location_title(url)} is the database open in this window.")
        return True
    if window.is_attached and not window.save_guard.confirm_close():
        return False
    path = file_of(url)
    instance: SingleInstance | None = None
    if path is not None:
        if create:
            try:
                check_new_database(path)  # before the lock: the file may be the one open here
            except PlannerError as error:
                _refused(window, url, str(error))
                return False
        elif not path.is_file():
            _refused(window, url, "the file is not there (moved, deleted or not mounted)")
            return False
        instance = SingleInstance(path)
        if not instance.acquire():
            forwarded = instance.notify_running()
            QMessageBox.information(
                window.as_widget(),
                APP_NAME,
                f"{path.name} is already open in another Planner window"
                + (", which was brought forward." if forwarded else ".")
                + "\n\nOne window per database file: two would overwrite each other's edits.",
            )
            return False
    try:
        db = create_database(path) if create and path is not None else (opener or open_url)(url)
    except (PlannerError, OSError) as error:
        if instance is not None:
            instance.release()
        _refused(window, url, str(error))
        return False
    window.adopt_database(db, instance)
    return True


def _refused(window: Shell, url: str, reason: str) -> None:
    QMessageBox.warning(
        window.as_widget(),
        f"{APP_NAME}: database not opened",
        f"{location_title(url)} could not be opened:\n{reason}\n\n"
        "The database that was open stays open.",
    )


def _start_folder(window: Shell) -> str:
    if window.is_attached:
        current = file_of(url_of(window.ctx.db))
        if current is not None:
            return str(current.parent)
    return str(default_database_path().parent)


def new_database(window: Shell, path: Path | None = None, *, demo: bool = False) -> bool:
    """File ▸ New Database…: a fresh, migrated file, opened in this window; with ``demo`` the
    demo events are loaded into it (in the background). Without ``path`` the New Database
    dialog asks for both."""
    if path is None:
        dialog = NewDatabaseDialog(free_name(Path(_start_folder(window))), window.as_widget())
        if not dialog.exec():
            return False
        path, demo = dialog.path(), dialog.with_demo()
    opened = switch_to(window, file_url(path), create=True)
    if opened and demo:
        window.ctx.show_status(f"New database {path.name}: loading the demo events…")
        load_demo_into(window)
    elif opened:
        window.ctx.show_status(f"New database {path.name}: empty, ready for events.")
    return opened


def open_database(window: Shell, path: Path | None = None) -> bool:
    """File ▸ Open Database…: an existing Planner database file, in this window."""
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(
            window.as_widget(), "Open Database", _start_folder(window), FILE_FILTER
        )
        if not chosen:
            return False
        path = Path(chosen)
    return switch_to(window, file_url(path))
