"""The demo events in the window: offered on an empty database at start-up, and by File ▸ New
Database… ("Start with the demo events"). Both load them with ``services.demo.load_demo``, the
function ``planner demo`` runs, in a worker, then fill the lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from planner.config import APP_NAME
from planner.services.demo import database_is_empty, load_demo
from planner.ui.worker import run_task

if TYPE_CHECKING:
    from planner.ui.shell.shell import Shell


def offer_demo(window: Shell) -> None:
    """On an empty database, offer the demo events (a real think tank's seminars)."""
    if window.ctx.read_only or not database_is_empty(window.ctx.db):
        return  # (a database this window may only read cannot take the demo either)
    answer = QMessageBox.question(
        window.as_widget(),
        APP_NAME,
        "This database is empty.\n\nLoad the demo events (the seminars and roundtables of a "
        "policy institute) to look around? You can delete them later.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes:
        load_demo_into(window)


def load_demo_into(window: Shell) -> None:
    """Load the demo data in a worker, then fill the lists."""
    ctx = window.ctx
    db = ctx.db

    def loaded(message: str) -> None:
        ctx.show_status(message)
        window.start()

    run_task(
        lambda: load_demo(db), on_done=loaded, on_error=ctx.show_status, owner=window.as_widget()
    )
