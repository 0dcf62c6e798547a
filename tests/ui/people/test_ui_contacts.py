"""The window's contact exports: the participant list in the Documents section's Share area
and the directory in the People view, as .xlsx (offered first), .csv or .vcf."""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.exports.vcard import read_vcards
from planner.model import Event
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui import worker
from planner.ui.context import AppContext
from planner.ui.people.contact_export import FILE_FILTERS, format_of
from planner.ui.people.view import PeopleView
from planner.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    load_demo(db)
    worker.set_synchronous(True)
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    main = MainWindow(ctx, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main)
    main.resize(1320, 840)
    main.show()
    main.start()
    main.editor.documents.interactive = False
    yield main
    worker.set_synchronous(False)


def _event_id(db: Database, title_start: str) -> int:
    with db.session() as session:
        return int(
            session.scalars(select(Event.id).where(Event.title.startswith(title_start))).one()
        )


def _screenshot(widget: object, name: str) -> None:
    target = os.environ.get("PLANNER_SCREENSHOTS")
    if target:
        widget.grab().save(str(Path(target) / f"ui-{name}.png"))  # type: ignore[attr-defined]


def test_the_workbook_is_offered_first_then_csv_then_vcard() -> None:
    assert FILE_FILTERS == ("Excel workbook (*.xlsx)", "CSV (*.csv)", "vCard (*.vcf)")
    assert [format_of(Path(f"a{s}")).value for s in (".XLSX", ".csv", ".vcf", ".vcard")] == [
        "xlsx",
        "csv",
        "vcard",
        "vcard",
    ]


def test_participant_list_from_the_share_area(
    window: MainWindow, db: Database, tmp_path: Path
) -> None:
    window.open_event(_event_id(db, "Gulf Security"))
    editor = window.editor
    editor.show_section("Documents")
    documents = editor.documents
    button = documents.findChild(QPushButton, "participantsButton")
    assert button is not None and button.isVisible()
    QApplication.processEvents()
    _screenshot(window, "documents-share")

    xlsx = documents.export_participants(tmp_path / "gulf.xlsx")
    assert xlsx is not None
    sheet = openpyxl.load_workbook(BytesIO(xlsx.read_bytes())).active
    assert sheet is not None and sheet["A1"].value == "Name"
    assert "10 participants written to" in documents.message.text()
    assert "confidential" in documents.message.text()
    QApplication.processEvents()
    _screenshot(window, "documents-share-written")

    vcf = documents.export_participants(tmp_path / "gulf.vcf")
    assert vcf is not None and len(read_vcards(vcf.read_bytes()).records) == 10
    csv = documents.export_participants(tmp_path / "gulf.csv")
    assert csv is not None and csv.read_bytes().startswith(b"\xef\xbb\xbfName,")

    assert documents.export_participants(tmp_path / "gulf.txt") is None
    assert "save as one of .xlsx, .csv, .vcf" in documents.message.text()
    assert not (tmp_path / "gulf.txt").exists()


def test_people_view_exports_the_directory(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    messages: list[str] = []
    window.ctx.show_status = messages.append
    view = PeopleView(window.ctx)
    qtbot.addWidget(view)
    view.resize(1100, 500)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    buttons = [b.text() for b in view.findChildren(QToolButton)]
    assert "Export people" in buttons
    _screenshot(view, "people-export")
    view.export_people(tmp_path / "people.xlsx")
    assert messages[-1].startswith("15 people written to")
    rows = list(openpyxl.load_workbook(tmp_path / "people.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 16 and rows[0][1] == "Given name"
    view.export_people(tmp_path / "people.vcf")
    assert len(read_vcards((tmp_path / "people.vcf").read_bytes()).records) == 15
