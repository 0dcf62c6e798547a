"""The window's package import when someone else adds one of the package's people while the
preview is open: Import matches them (no duplicate) and says so in a message afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from package_samples import sample
from planner.model import Person
from planner.services.people import create_person
from planner.store import Database
from planner.ui.context import AppContext
from planner.ui.events import package_dialogs
from planner.ui.events.package_dialogs import ImportPreviewDialog, import_package_interactive


def test_a_person_added_while_the_preview_is_open_is_matched_and_said(
    qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gulf.json"
    path.write_text(json.dumps(sample(), ensure_ascii=False), encoding="utf-8")
    told: list[str] = []
    monkeypatch.setattr(
        package_dialogs.QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text)
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    added: list[int] = []

    def someone_adds_owais(dialog: ImportPreviewDialog) -> bool:
        people = dialog.tree.topLevelItem(1)
        assert people.text(0) == "People (2)" and people.text(1) == "2 new, 0 existing"
        other = Database.open(f"sqlite:///{db_path}")  # another organiser's planner
        try:
            added.append(
                create_person(
                    other,
                    {"given_name": "S. M.", "family_name": "Owais", "email": "OWAIS@example.org"},
                )
            )
        finally:
            other.dispose()
        return True

    summary = import_package_interactive(
        AppContext(db, QUndoStack()),
        parent,
        lambda _id: None,
        path,
        confirm=someone_adds_owais,
    )
    assert summary is not None and summary.people_matched == 1
    with db.session(write=False) as session:
        owais = session.scalars(select(Person.id).where(Person.family_name == "Owais")).all()
    assert owais == added
    assert told == [
        "Imported. The database changed while the preview was open, so the package was matched "
        "again before it was written:\n\n"
        "• person “\u2068Lt. Gen. (R) Syed Muhammad Owais HI (M)\u2069”: added meanwhile; "
        f"matched #{added[0]} (same email) instead of created"
    ]
