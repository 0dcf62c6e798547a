"""Every window editor refuses a text longer than its field holds, names the field and its
limit, and saves nothing: the key issue and recommendation lists, the agenda item's title,
the venue, series and organisation forms, and any command pushed without those checks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from planner.model import AgendaItem, Base, Event, Organisation, Series, Venue, limits
from planner.services.agenda import add_agenda_item
from planner.services.operations import Insert, Record, SetField
from planner.store import Database
from planner.ui import worker
from planner.ui.commands import push
from planner.ui.context import AppContext
from planner.ui.shell.main_window import MainWindow
from planner.ui.venues.binding import RowBinder

PASTE = "x" * 2_000_000  # a 2 MB paste


@pytest.fixture
def event_id(db: Database) -> int:
    with db.session() as session:
        row = Event(
            uid="limits@test",
            title="Water security in the Indus basin",
            starts_at=datetime(2026, 6, 1, 9, tzinfo=UTC),
            ends_at=datetime(2026, 6, 1, 11, tzinfo=UTC),
            key_issues=["Who pays for storage?"],
            report_recommendations=["Share river data daily."],
        )
        session.add(row)
        session.flush()
        event_id = row.id
    add_agenda_item(db, event_id, "Opening", 15)
    return event_id


@pytest.fixture
def window(qtbot: QtBot, db: Database, tmp_path: Path, event_id: int) -> Iterator[MainWindow]:
    worker.set_synchronous(True)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(AppContext(db=db, undo_stack=QUndoStack()), settings)
    qtbot.addWidget(main)
    main.show()
    main.start()
    main.open_event(event_id)
    yield main
    worker.set_synchronous(False)


def _event(db: Database, event_id: int) -> Event:
    with db.session() as session:
        row = session.get(Event, event_id)
        assert row is not None
        return row


@pytest.mark.parametrize(
    ("section", "attribute", "field", "label"),
    [
        ("Briefing", "issues", "key_issues", "Key issue"),
        ("Report", "recommendations", "report_recommendations", "Recommendation"),
    ],
)
def test_a_2_mb_paste_into_a_list_item_is_refused_by_name(
    qtbot: QtBot,
    window: MainWindow,
    db: Database,
    event_id: int,
    section: str,
    attribute: str,
    field: str,
    label: str,
) -> None:
    before = list(getattr(_event(db, event_id), field))
    editor: Any = getattr(window.editor.show_section(section), attribute)
    steps = window.ctx.undo_stack.count()
    editor.model.setData(editor.model.index(0), PASTE)  # what the in-place editor does
    qtbot.waitUntil(lambda: not editor.problem_label.isHidden())
    assert editor.problem_label.text() == (
        f"{label} 1 is longer than 2,000 characters (2,000,000). Not saved."
    )
    assert list(getattr(_event(db, event_id), field)) == before, "nothing saved"
    assert window.ctx.undo_stack.count() == steps, "no undo step for an edit not made"
    assert editor.items() == before, "the list shows what is stored again"

    editor.model.setData(editor.model.index(0), "y" * limits.LIST_ITEM)  # at the limit: fine
    qtbot.waitUntil(lambda: editor.problem_label.isHidden())
    assert list(getattr(_event(db, event_id), field)) == ["y" * limits.LIST_ITEM]


def test_an_agenda_title_too_long_is_refused_and_the_status_bar_says_why(
    window: MainWindow, db: Database, event_id: int
) -> None:
    agenda: Any = window.editor.show_section("Agenda")
    title = agenda.model.index(0, agenda.model.TITLE)
    agenda.model.setData(title, "T" * 501)
    with db.session() as session:
        assert [i.title for i in session.query(AgendaItem)] == ["Opening"]
    assert window.statusBar().currentMessage() == (
        "Agenda item title is longer than 500 characters (501). Not saved."
    )


def _enter(binder: RowBinder, name: str, value: str) -> None:
    """Type ``value`` into the form's field ``name`` as the user would."""
    widget = binder.fields[name].widget
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value)  # emits textChanged, which saves
    else:
        assert isinstance(widget, QLineEdit)
        widget.setText(value)
        widget.textEdited.emit(value)


def _view(qtbot: QtBot, db: Database, kind: str) -> tuple[RowBinder, type[Base], int]:
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    with db.session() as session:
        row: Base
        if kind == "venue":
            from planner.ui.venues.view import VenuesView

            row = Venue(name="Serena")
            session.add(row)
            session.flush()
            row_id = int(row.id)
            view: Any = VenuesView(ctx)
        elif kind == "series":
            from planner.ui.series.view import SeriesView

            row = Series(title="Gulf Dialogue")
            session.add(row)
            session.flush()
            row_id = int(row.id)
            view = SeriesView(ctx)
        else:
            from planner.services.organisation import organisation_id
            from planner.ui.organisation.view import OrganisationView

            view = OrganisationView(ctx)
            row_id = organisation_id(db)
    qtbot.addWidget(view)
    binder: RowBinder = view.binder
    binder.load(row_id)
    model = {"venue": Venue, "series": Series, "organisation": Organisation}[kind]
    return binder, model, row_id


@pytest.mark.parametrize(
    ("kind", "name", "limit", "message"),
    [
        ("venue", "address", limits.ADDRESS, "Venue address is longer than 1,000 characters"),
        ("venue", "notes", limits.NOTE, "Venue notes is longer than 20,000 characters"),
        ("venue", "name", 300, "Venue name is longer than 300 characters"),
        ("series", "description", limits.NOTE, "Series description is longer than 20,000"),
        ("series", "title", 300, "Series title is longer than 300 characters"),
        ("organisation", "address", limits.ADDRESS, "Organisation address is longer than 1,000"),
        ("organisation", "name", 300, "Organisation name is longer than 300 characters"),
    ],
)
def test_the_venue_series_and_organisation_forms_refuse_a_text_over_its_limit(
    qtbot: QtBot, db: Database, kind: str, name: str, limit: int, message: str
) -> None:
    binder, model, row_id = _view(qtbot, db, kind)
    with db.session() as session:
        before = getattr(session.get(model, row_id), name)
    _enter(binder, name, "z" * (limit + 1))
    assert binder.problem_of(name).startswith(message)
    assert binder.problem_of(name).endswith("Not saved until fixed.")
    with db.session() as session:
        assert getattr(session.get(model, row_id), name) == before, "nothing saved"

    _enter(binder, name, "z" * limit)  # at the limit: saved, the message gone
    assert binder.problem_of(name) == ""
    with db.session() as session:
        assert getattr(session.get(model, row_id), name) == "z" * limit


def test_a_command_pushed_without_the_entry_point_s_check_saves_nothing(
    db: Database, event_id: int
) -> None:
    said: list[str] = []
    ctx = AppContext(db=db, undo_stack=QUndoStack(), show_status=said.append)
    issues = ["fine", PASTE]
    push(ctx, SetField(Record.EVENT, event_id, "key_issues", issues, "Edit key issues"))
    assert _event(db, event_id).key_issues == ["Who pays for storage?"]
    assert ctx.undo_stack.count() == 0, "the refused step is not on the undo stack"
    assert said == [
        "Edit key issues could not be saved: "
        "Key issue 2 is longer than 2,000 characters (2,000,000)."
    ]

    push(ctx, Insert(Record.VENUE, {"name": "V" * 301}, "Add venue"))
    with db.session() as session:
        assert session.query(Venue).count() == 0
    assert said[-1] == (
        "Add venue could not be saved: Venue name is longer than 300 characters (301)."
    )


def test_a_consent_description_too_long_is_refused_and_the_status_bar_says_why(
    db: Database, event_id: int, qtbot: QtBot, tmp_path: Path
) -> None:
    from planner.model import Consent, Participation, Person, Role

    with db.session() as session:
        person = Person(given_name="Ayesha", family_name="Siddiqa")
        session.add(person)
        session.flush()
        session.add(Participation(event_id=event_id, person_id=person.id, role=Role.SPEAKER))
    worker.set_synchronous(True)
    main = MainWindow(
        AppContext(db=db, undo_stack=QUndoStack()),
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(main)
    main.show()
    main.start()
    main.open_event(event_id)
    try:
        cast: Any = main.editor.show_section("People")
        row = next(r for r in range(cast.model.rowCount()) if cast.model.index(r, 1).data())
        cell = cast.model.index(row, cast.model.DESCRIPTION)
        cast.model.setData(cell, "d" * 301)
        with db.session() as session:
            assert session.query(Consent).count() == 0, "nothing saved"
        assert main.statusBar().currentMessage() == (
            "Consent description is longer than 300 characters (301). Not saved."
        )
        assert cell.data() in ("", None)
    finally:
        worker.set_synchronous(False)


def test_a_new_event_s_title_too_long_is_refused_under_the_field(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    from planner.ui.events.new_event_dialog import NewEventDialog

    dialog = NewEventDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.title.setText("T" * 501)
    dialog.create_event()
    assert dialog.created_event_id is None
    assert dialog.title_error.text() == "Title is longer than 500 characters (501)."
    with db.session() as session:
        assert session.query(Event).count() == 1
