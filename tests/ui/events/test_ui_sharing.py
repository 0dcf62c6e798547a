"""The Documents section's sharing (email drafts, calendar entry, event package with a preview
before import) and the conflicts shown in the list and in the editor."""

from __future__ import annotations

import email
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from planner.model import Event, Participation, Role
from planner.services.events import EventScope, create_from_template
from planner.services.people import create_person
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.events.package_dialogs import ImportPreviewDialog, import_package_interactive
from planner.ui.shell.main_window import MainWindow


@pytest.fixture
def window(open_window: Callable[..., MainWindow]) -> MainWindow:
    return open_window()


def _demo_event(db: Database, title_start: str) -> int:
    with db.session() as session:
        return int(
            session.scalars(select(Event.id).where(Event.title.startswith(title_start))).one()
        )


def test_share_by_email_and_calendar_entry(
    window: MainWindow, db: Database, tmp_path: Path
) -> None:
    load_demo(db)
    event_id = _demo_event(db, "Pakistan – US")
    window.open_event(event_id)
    documents = window.editor.documents
    paths = documents.share_by_email("briefing", folder=tmp_path / "mail")
    assert paths and all(p.suffix == ".eml" for p in paths)
    message = email.message_from_bytes(paths[0].read_bytes())
    assert message["X-Unsent"] == "1"
    assert "Pakistan" in str(message["Subject"])
    assert "written to" in documents.message.text()

    ics = documents.export_ics(tmp_path / "event.ics")
    assert ics is not None and b"BEGIN:VEVENT" in ics.read_bytes()


def test_save_as_and_calendar_entry_buttons_ask_for_a_file_and_write_it(
    window: MainWindow, db: Database, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clicked, as a user does: the button's "checked" flag once arrived as the path."""
    from PySide6.QtWidgets import QFileDialog

    load_demo(db)
    window.open_event(_demo_event(db, "Pakistan – US"))
    documents = window.editor.documents
    documents.render_kind("programme")
    answers = iter([str(tmp_path / "programme.pdf"), str(tmp_path / "event.ics")])
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (next(answers), ""))
    )
    qtbot.mouseClick(documents.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "programme.pdf").read_bytes().startswith(b"%PDF")
    qtbot.mouseClick(documents.ics_button, Qt.MouseButton.LeftButton)
    assert b"BEGIN:VEVENT" in (tmp_path / "event.ics").read_bytes()


def test_package_export_then_import_with_preview(
    window: MainWindow, db: Database, tmp_path: Path
) -> None:
    from planner.ui.events.package_dialogs import export_package_interactive

    load_demo(db)
    event_id = _demo_event(db, "Gulf Security")
    path = export_package_interactive(window.ctx, window, event_id, tmp_path / "gulf.json")
    assert path is not None and path.exists()

    def count() -> int:
        with db.session() as session:
            return int(session.scalar(select(func.count()).select_from(Event)) or 0)

    before = count()
    seen: list[ImportPreviewDialog] = []

    def decline(dialog: ImportPreviewDialog) -> bool:
        seen.append(dialog)
        return False

    declined = import_package_interactive(
        window.ctx, window, lambda _i: None, path, confirm=decline
    )
    assert declined is None and seen
    assert count() == before  # the preview wrote nothing
    preview = seen[0].tree
    groups = {
        preview.topLevelItem(i).text(0).split(" (")[0]: preview.topLevelItem(i)
        for i in range(preview.topLevelItemCount())
    }
    assert {"Events", "People"} <= set(groups)
    people = groups["People"]
    # Importing the package back into the database it came from: everyone matches.
    fates = [people.child(i).text(1) for i in range(people.childCount())]
    assert fates and all(f.startswith("matched") for f in fates)

    opened: list[int] = []
    summary = import_package_interactive(
        window.ctx, window, opened.append, path, confirm=lambda _d: True
    )
    assert summary is not None and summary.people_created == 0
    assert opened == [event_id]  # the same event (same uid): updated, not duplicated
    assert count() == before


def test_conflicts_in_the_list_and_the_editor_with_a_link(
    window: MainWindow, db: Database, qtbot: QtBot
) -> None:
    chair = create_person(db, {"given_name": "Sehar", "family_name": "Kamran"})
    first = create_from_template(db, "roundtable", title="Gulf", day=date(2030, 3, 12))
    second = create_from_template(db, "seminar", title="Russia", day=date(2030, 3, 12))
    calm = create_from_template(db, "lecture", title="Calm", day=date(2030, 4, 1))
    with db.session() as session:
        for event_id in (first, second):
            session.add(Participation(event_id=event_id, person_id=chair, role=Role.CHAIR))
    window.events.set_scope(EventScope.ALL)
    QApplication.processEvents()
    model = window.events.model
    for event_id, conflicted in ((first, True), (second, True), (calm, False)):
        index = model.index(model.row_of(event_id), model.TITLE)
        icon = model.data(index, Qt.ItemDataRole.DecorationRole)
        assert icon.isNull() is not conflicted

    window.open_event(first)
    checks = window.editor.checks
    window.editor.show_section("Checks")
    links = [
        checks.list.item(i)
        for i in range(checks.list.count())
        if checks.list.item(i).data(Qt.ItemDataRole.UserRole + 1) == second
    ]
    assert links, [checks.list.item(i).text() for i in range(checks.list.count())]
    assert "Kamran" in links[0].text()
    checks.list.setCurrentItem(links[0])
    assert checks.open_button.isEnabled()
    checks.open_button.click()
    QApplication.processEvents()
    assert window.editor.event_id == second
    assert window.events.selected_event_id() == second
    assert "problem" in window.editor.checks_label.text() or "warning" in (
        window.editor.checks_label.text()
    )


def test_import_preview_says_when_the_stricter_setting_wins(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """The sender does not name its Chatham House cast, this database does: the preview says
    which setting the import keeps for the event, before anything is written."""
    from package_samples import sample
    from planner.model import Organisation
    from planner.services.event_packages import plan_package
    from planner.store.package import write_package

    with db.session() as session:
        session.add(Organisation(name="Local", name_cast_publicly_under_chatham_house=True))
    package = sample()
    package["organisation"]["name_cast_publicly_under_chatham_house"] = False
    package["people"][0]["long_bio"] = "Served\x00 in Quetta."
    path = write_package(package, tmp_path / "strict.json")
    dialog = ImportPreviewDialog(plan_package(db, path), path)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.notes.text()
    assert "stricter setting wins" in text and "Gulf Security" in text
    assert "people[0].long_bio: removed 1 control character" in text
    dialog.grab().save(str(tmp_path / "preview.png"))
