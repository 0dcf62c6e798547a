"""A finding that names someone in Urdu wraps like any other (Qt measured such a row one
line high and elided it: "… change th…")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QListWidgetItem
from sqlalchemy import select, update

from planner.model import Event
from planner.services.event_contact import CONTACT_NOT_LINKED
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.shell.main_window import MainWindow
from planner.ui.widgets.style import warning_icon


def test_a_finding_with_an_urdu_name_wraps_instead_of_being_cut(
    db: Database, open_window: Callable[..., MainWindow]
) -> None:
    load_demo(db)
    with db.session() as s:
        gulf = s.scalars(select(Event.id).where(Event.title.startswith("Gulf"))).one()
        # Dr Rehman declined her invitation to the Gulf roundtable: no longer part of it.
        s.execute(update(Event).where(Event.id == gulf).values(contact="ڈاکٹر عائشہ رحمان، 0300"))
    window = open_window((1100, 700))
    window.open_event(gulf)
    window.editor.show_section("Checks")
    checks = window.editor.checks
    checks.run_checks()
    [row] = [i for i, f in enumerate(checks.findings) if f.code == CONTACT_NOT_LINKED]
    item = checks.list.item(row)
    assert "رحمان" in item.text()
    width = checks.list.fontMetrics().horizontalAdvance(item.text())
    assert width > checks.list.viewport().width()  # it cannot fit on one line
    # A row of one line with the same name, for the height of one line in that script.
    checks.list.addItem(QListWidgetItem(warning_icon(), "The contact names ڈاکٹر عائشہ رحمان."))
    one_line = checks.list.visualItemRect(checks.list.item(checks.list.count() - 1)).height()
    latin_line = checks.list.fontMetrics().height()
    assert checks.list.visualItemRect(item).height() >= one_line + latin_line
