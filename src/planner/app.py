"""The composition root of the desktop application: ``planner`` with no subcommand.

Order matters for start-up time: the QApplication and the main window come first and are shown;
the events list is filled afterwards in a worker; ReportLab, QtPdf and the other sections are
imported only when first used.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from planner.errors import DamagedDatabaseError
    from planner.store import Database

    from .ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


def open_database(db_option: str | None) -> Database:
    """The database named by ``--db``, ``$PLANNER_DATABASE_URL`` or the user data folder. A
    server URL gets the TLS rule and its remembered password (services.team_server)."""
    from planner.config import database_url
    from planner.services.database import open_url

    url = database_url(db_option)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # The window waits 10 s, not 5 minutes, for another program's write (see the constant).
    return open_url(url)


def start_gui(
    db_option: str | None, *, settings: QSettings | None = None
) -> tuple[QApplication, MainWindow]:
    """The QApplication and the shown main window on ``db_option``; the events list fills as
    soon as the event loop runs. Raises PlannerError when the database cannot be opened.
    (``run_gui`` and the start-up benchmark both start here.)"""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from planner.config import APP_ID, APP_NAME, ORG_NAME

    from .ui.context import AppContext
    from .ui.shell.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(application_icon())
    # The theme before the first widget: light, dark, or the desktop's (PLANNER_THEME wins).
    from .ui.widgets.style import THEME_SETTING, follow_system_theme, theme_choice

    stored = (settings or QSettings()).value(THEME_SETTING)
    follow_system_theme(app, theme_choice(stored))
    # The shell first, painted, then SQLAlchemy, the database and the views behind it.
    window = MainWindow(None, settings, undo_stack=QUndoStack())
    window.show()
    app.processEvents()
    try:
        db = open_database(db_option)
    except BaseException:
        window.close()
        raise
    window.attach(AppContext(db=db, undo_stack=window.undo_stack))
    QTimer.singleShot(0, window.start)
    return app, window


def database_file(db_option: str | None) -> Path | None:
    """The SQLite file ``db_option`` names; None for a server or an in-memory database."""
    from planner.config import database_url

    url = database_url(db_option)
    if not url.startswith("sqlite"):
        return None
    plain = "sqlite:///"
    if url.startswith(plain) and "?" not in url and url != plain + ":memory:":
        # A plain path (the usual case): no SQLAlchemy before the window is painted.
        return Path(url.removeprefix(plain))
    # Other SQLite URLs (file: URIs, options) are read the one way the store reads them; an
    # engine connects only when used.
    from sqlalchemy import create_engine

    from planner.store.backup import sqlite_file_path

    return sqlite_file_path(create_engine(url))


def bring_forward(window: MainWindow) -> None:
    """Another start on this database asked for this window: show it on top."""
    window.bring_forward()


def warn_if_shared_folder(window: MainWindow, database: Path) -> bool:
    """Warn, once per file, when ``database`` lies in a synced folder or on a network file
    system (SQLite's locking is not safe there). True when the warning was shown now."""
    import hashlib

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from planner.services.db_location import shared_folder_warning

    message = shared_folder_warning(database)
    settings = window.settings
    if message is None:
        return False
    key = "warned/sharedFolder/" + hashlib.sha256(str(database).encode("utf-8")).hexdigest()[:16]
    if settings.value(key):
        return False
    settings.setValue(key, True)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Planner: database in a shared folder",
        message,
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("sharedFolderWarning")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return True


def interactive() -> bool:
    """Whether a dialog can be answered: without a screen (offscreen, minimal) nobody could
    dismiss it and it would hang."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication(sys.argv)
    return QApplication.platformName() not in ("offscreen", "minimal")


def restore_after_damage(database: Path, error: DamagedDatabaseError) -> bool:
    """Opening ``database`` found it damaged: offer its latest good backup (with its time and
    event count) before any window exists. True when it was restored."""
    from .ui.shell.health import offer_latest_backup

    if not interactive():
        return False
    print(f"planner: {error}", file=sys.stderr)
    return offer_latest_backup(None, database, error.reason) is not None


def cannot_display() -> str | None:
    """Why no window can open here (no display, a missing X11 library), before Qt aborts."""
    import os

    from PySide6.QtCore import QLibraryInfo

    from planner.display import display_problem

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return display_problem(os.environ, plugins / "platforms" / "libqxcb.so")


def application_icon() -> QIcon:
    """The application icon at every size shipped (resources/icons), for every window."""
    from PySide6.QtGui import QIcon

    from planner.config import resources_dir

    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("planner-*.png")):
        icon.addFile(str(png))
    return icon


def open_file(window: MainWindow, path: Path) -> None:
    """``planner FILE``: an event package opens the import preview; people (.csv, .vcf) the
    People section's import after a question. Anything else is named in the status bar, not
    guessed at (ui/shell/imports.py, the same path as a drop)."""
    window.import_paths([path])


def quit_on_interrupt(window: MainWindow | None) -> None:
    """Ctrl+C in the terminal closes the window as File ▸ Quit does (refused edits are asked
    about), with no KeyboardInterrupt traceback. Python runs signal handlers only between
    bytecodes, and Qt's event loop runs none while idle: a timer wakes the interpreter."""
    import signal

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def interrupted(_signum: int, _frame: object) -> None:
        if window is None:
            raise SystemExit(130)  # still starting: nothing to save yet
        QTimer.singleShot(0, window.close)

    signal.signal(signal.SIGINT, interrupted)
    app = QApplication.instance()
    if window is not None and app is not None:
        waker = QTimer(window)
        waker.setObjectName("interruptWaker")
        waker.timeout.connect(lambda: None)
        waker.start(200)


def run_gui(db_option: str | None, open_path: Path | None = None) -> int:
    """Open the main window on the database ``db_option`` (see config.database_url), and on
    ``open_path`` when a file was given (``planner FILE``). Ctrl+C closes the window while it
    runs; the interpreter's own handling comes back afterwards."""
    import signal

    previous = signal.getsignal(signal.SIGINT)
    try:
        return _run_window(db_option, open_path)
    finally:
        signal.signal(signal.SIGINT, previous)


def _run_window(db_option: str | None, open_path: Path | None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from planner.config import APP_NAME
    from planner.errors import DamagedDatabaseError, PlannerError

    from .ui.shell.single_instance import SingleInstance

    if QApplication.instance() is None:
        problem = cannot_display()
        if problem is not None:
            print(f"planner: {problem}", file=sys.stderr)
            return 1
        QApplication(sys.argv)
    quit_on_interrupt(None)  # Ctrl+C while starting: out quietly
    database = database_file(db_option)
    instance = SingleInstance(database) if database is not None else None
    if instance is not None and not instance.acquire():
        # One window per file: two would overwrite each other's edits without a word.
        forwarded = instance.notify_running(open_path)
        where = "brought it forward" if forwarded else "it did not answer"
        if forwarded and open_path is not None:
            where = f"it opens {open_path.name}"
        print(
            f"planner: {database} is already open in another Planner window ({where})",
            file=sys.stderr,
        )
        return 0

    try:
        try:
            app, window = start_gui(db_option)
        except DamagedDatabaseError as error:
            # The window offers the latest good backup; restored, it opens that.
            if database is None or not restore_after_damage(database, error):
                raise
            app, window = start_gui(db_option)
    except Exception as error:  # a missing folder, a corrupt file, a wrong URL: say so
        if not isinstance(error, PlannerError | OSError):
            log.exception("opening the database failed")
        # Also on stderr: whoever started it from a terminal or a script reads it there.
        print(f"planner: the database could not be opened: {error}", file=sys.stderr)
        if interactive():
            QMessageBox.critical(None, APP_NAME, f"The database could not be opened:\n{error}")
        if instance is not None:
            instance.release()
        return 1
    # The window holds the file's lock from now on (and trades it when it opens another).
    window.adopt_instance(instance)
    quit_on_interrupt(window)
    from planner.logs import start_file_log

    from .ui.shell.crash import CrashReporter

    # Unexpected errors: a dialog with "Copy details", the traceback in the rotating log.
    crashes = CrashReporter(window, start_file_log())
    # A damaged file met later (a page read for the first time) offers the latest good backup.
    crashes.damaged.connect(window.restore_latest)
    crashes.install()
    if open_path is not None:
        # The file is what the user came for: no demo offer on top of its import.
        QTimer.singleShot(0, lambda: open_file(window, open_path))
    else:
        from .ui.shell.demo import offer_demo

        QTimer.singleShot(0, lambda: offer_demo(window))
    if database is not None:
        QTimer.singleShot(0, lambda: warn_if_shared_folder(window, database))
        # quick_check reads every page: in a worker, after the list is up.
        QTimer.singleShot(0, window.check_health)
    try:
        return int(app.exec())
    finally:
        from .ui.worker import finish_before_quit

        if not finish_before_quit():
            log.warning("quitting with background work still running")
        crashes.uninstall()
        if window.is_attached:
            window.ctx.db.dispose()
        window.adopt_instance(None)  # releases the lock of whichever file is open now
