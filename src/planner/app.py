"""The composition root of the desktop application: ``planner`` with no subcommand.

Order matters for start-up time: the QApplication and the main window come first and are shown;
the events list is filled afterwards in a worker; ReportLab, QtPdf and the other sections are
imported only when first used.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def _open_database(db_option: str | None) -> object:
    from planner.config import database_url
    from planner.store import Database

    url = database_url(db_option)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return Database.open(url)


def database_is_empty(db: object) -> bool:
    from sqlalchemy import func, select

    from planner.model import Event, Person
    from planner.store import Database

    assert isinstance(db, Database)
    with db.session() as session:
        events = session.scalar(select(func.count()).select_from(Event)) or 0
        people = session.scalar(select(func.count()).select_from(Person)) or 0
    return events == 0 and people == 0


def offer_demo(window: object) -> None:
    """On an empty database, offer the demo events (a real think tank's seminars)."""
    from PySide6.QtWidgets import QMessageBox

    from .ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    ctx = window.ctx
    if not database_is_empty(ctx.db):
        return
    answer = QMessageBox.question(
        window,
        "Planner",
        "This database is empty.\n\nLoad the demo events (the seminars and roundtables of a "
        "policy institute) to look around? You can delete them later.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    load_demo_into(window)


def load_demo_into(window: object) -> None:
    from .ui.main_window import MainWindow
    from .ui.worker import run_task

    assert isinstance(window, MainWindow)
    ctx = window.ctx
    try:
        from planner.store.demo import load_demo
    except ImportError:
        ctx.show_status("The demo data is not part of this build.")
        return

    def loaded(_result: object) -> None:
        ctx.show_status("Demo events loaded")
        window.start()

    run_task(lambda: load_demo(ctx.db), on_done=loaded, on_error=ctx.show_status)


def run_gui(db_option: str | None) -> int:
    """Open the main window on the database ``db_option`` (see config.database_url)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication, QMessageBox

    from planner.config import APP_ID, APP_NAME, ORG_NAME
    from planner.errors import PlannerError

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    try:
        db = _open_database(db_option)
    except (PlannerError, OSError) as error:
        QMessageBox.critical(None, APP_NAME, f"The database could not be opened:\n{error}")
        return 1
    except Exception as error:  # a corrupt file, a wrong URL: say so rather than crash
        log.exception("opening the database failed")
        QMessageBox.critical(None, APP_NAME, f"The database could not be opened:\n{error}")
        return 1

    from planner.store import Database

    from .ui.context import AppContext
    from .ui.main_window import MainWindow

    assert isinstance(db, Database)
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    window = MainWindow(ctx)
    window.show()
    QTimer.singleShot(0, window.start)
    QTimer.singleShot(0, lambda: offer_demo(window))
    try:
        return int(app.exec())
    finally:
        db.dispose()
