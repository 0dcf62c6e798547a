"""Regressions found using the main window as a programme officer would, on the demo data."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pdf_reading import pdf_text
from planner.model import AgendaItem, AgendaPerson, Event, Participation, Person, Role, Series
from planner.store import Database
from planner.ui.people.view import PeopleView
from planner.ui.series.view import SeriesView
from planner.ui.shell.main_window import MainWindow
from planner.ui.widgets.style import Tone, tone_of


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    return demo_window


def _event_id(db: Database, title_start: str) -> int:
    with db.session() as session:
        return int(
            session.scalars(select(Event.id).where(Event.title.startswith(title_start))).one()
        )


def test_double_click_in_a_persons_history_opens_the_event(
    window: MainWindow, db: Database
) -> None:
    with db.session() as session:
        person_id, event_id = session.execute(
            select(Participation.person_id, Participation.event_id).limit(1)
        ).one()
    people = window.section("People")
    assert isinstance(people, PeopleView)
    people.page.load(person_id)
    model = people.page.history_model
    row = next(r for r in range(model.rowCount()) if model.event_id(r) == event_id)
    people.page.history_view.doubleClicked.emit(model.index(row, 0))
    assert window.sidebar.currentRow() == 0
    assert window.editor.event_id == event_id


def test_double_click_in_a_series_opens_the_event(window: MainWindow, db: Database) -> None:
    with db.session() as session:
        series_id, event_id = session.execute(
            select(Series.id, Event.id).join(Event, Event.series_id == Series.id).limit(1)
        ).one()
    series = window.section("Series")
    assert isinstance(series, SeriesView)
    series.select_series(series_id)
    model = series.events_model
    row = next(r for r in range(model.rowCount()) if model.row_id(r) == event_id)
    series.events_table.doubleClicked.emit(model.index(row, 0))
    assert window.sidebar.currentRow() == 0
    assert window.editor.event_id == event_id


def test_event_titles_have_room_and_a_full_tooltip(window: MainWindow, db: Database) -> None:
    from planner.ui.events.model import EventsTableModel

    table = window.events.table
    model = window.events.model
    assert table.columnWidth(EventsTableModel.TITLE) >= 200
    assert table.columnWidth(EventsTableModel.TITLE) > table.columnWidth(EventsTableModel.DATE)
    row = model.row_of(_event_id(db, "Pakistan – Russia"))
    index = model.index(row, EventsTableModel.TITLE)
    title = "Pakistan – Russia Relations: Challenges and Prospects"
    assert title in model.data(index, Qt.ItemDataRole.ToolTipRole)
    # A conflict adds its warning to the tooltip; the title stays.
    model.set_conflicts({model.row_at(row).id})
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert title in tip and "conflict" in tip


def _agenda_people(db: Database, event_id: int) -> list[tuple[str, int, str]]:
    with db.session() as session:
        rows = session.execute(
            select(AgendaItem.title, AgendaPerson.person_id, AgendaPerson.role)
            .join(AgendaPerson, AgendaPerson.agenda_item_id == AgendaItem.id)
            .where(AgendaItem.event_id == event_id)
            .order_by(AgendaItem.position, AgendaPerson.id)
        ).all()
    return [(title, person_id, str(role)) for title, person_id, role in rows]


def _person(db: Database, family_name: str) -> int:
    with db.session() as session:
        return int(
            session.scalars(select(Person.id).where(Person.family_name == family_name)).one()
        )


def _chair_row(window: MainWindow) -> int:
    model = window.editor.cast.model
    return next(r for r in range(model.rowCount()) if model.member(r).role is Role.CHAIR)


def test_a_chair_who_cancels_is_replaced_in_the_cast_and_the_agenda(
    window: MainWindow, db: Database
) -> None:
    """The programme listed the old chair on the agenda after the chair was changed."""
    event_id = _event_id(db, "Gulf Security")
    kamran, khattak = _person(db, "Kamran"), _person(db, "Khattak")
    before = _agenda_people(db, event_id)
    assert any(person == kamran for _t, person, _r in before)
    window.open_event(event_id)
    window.editor.refresh()
    cast = window.editor.cast
    assert cast.replace(cast.model.member(_chair_row(window)), khattak)
    window.editor.refresh()
    after = _agenda_people(db, event_id)
    assert all(person != kamran for _t, person, _r in after)
    assert [(t, khattak if p == kamran else p, r) for t, p, r in before] == after
    assert cast.model.member(_chair_row(window)).person_id == khattak
    sheet_text = render_pdf_text(db, event_id)
    assert "Khattak" in sheet_text and "Kamran" not in sheet_text

    window.undo_stack.undo()
    window.editor.refresh()
    assert _agenda_people(db, event_id) == before
    assert cast.model.member(_chair_row(window)).person_id == kamran
    # Someone already chairing cannot be made chair twice.
    assert not cast.replace(cast.model.member(_chair_row(window)), kamran)
    assert "already chair" in cast.error.text()


def test_removing_a_chair_takes_them_off_the_agenda_and_undo_puts_them_back(
    window: MainWindow, db: Database
) -> None:
    event_id = _event_id(db, "Gulf Security")
    kamran = _person(db, "Kamran")
    before = _agenda_people(db, event_id)
    window.open_event(event_id)
    window.editor.refresh()
    cast = window.editor.cast
    cast.table.selectRow(_chair_row(window))
    cast._remove()
    window.editor.refresh()
    assert all(person != kamran for _t, person, _r in _agenda_people(db, event_id))
    assert all(cast.model.member(r).role is not Role.CHAIR for r in range(cast.model.rowCount()))
    window.undo_stack.undo()
    window.editor.refresh()
    assert _agenda_people(db, event_id) == before
    window.undo_stack.redo()
    window.undo_stack.undo()
    assert _agenda_people(db, event_id) == before


def render_pdf_text(db: Database, event_id: int) -> str:
    """The text of the event's programme, as rendered."""
    from planner.services.rendering import render_event_document

    return pdf_text(render_event_document(db, event_id, "programme").pdf)


def test_a_refused_document_does_not_leave_the_previous_one_to_print(
    window: MainWindow, db: Database
) -> None:
    """A refused public report left the briefing note in the preview, with Print enabled."""
    from planner.ui.editor.documents import DOCUMENTS

    event_id = _event_id(db, "Gulf Security")  # its report names people without consent
    window.open_event(event_id)
    docs = window.editor.documents
    docs.interactive = False
    window.editor.show_section("Documents")
    rows = {(c.kind, c.audience): i for i, c in enumerate(DOCUMENTS)}
    docs.choices.setCurrentRow(rows[("briefing", None)])
    docs.render_selected()
    assert docs.current is not None and docs.print_button.isEnabled()
    docs.choices.setCurrentRow(rows[("report", None)])
    docs.render_selected()
    assert docs.current is None
    assert not docs.print_button.isEnabled() and not docs.save_button.isEnabled()
    assert docs.preview_stack.currentIndex() == 0
    # Each finding of the refusal on its own line.
    assert "<br>" in docs.message.text()


def test_the_public_programme_is_rendered_for_the_public(window: MainWindow, db: Database) -> None:
    """The README offers the programme for the public too: the window renders that one."""
    from planner.ui.editor.documents import DOCUMENTS

    window.open_event(_event_id(db, "Gulf Security"))
    docs = window.editor.documents
    docs.interactive = False
    window.editor.show_section("Documents")
    rows = {(c.kind, c.audience): i for i, c in enumerate(DOCUMENTS)}
    docs.choices.setCurrentRow(rows[("programme", "public")])
    docs.render_selected()
    assert docs.current is not None and docs.current.source is not None
    assert (docs.current.kind, docs.current.source.audience) == ("programme", "public")


def test_the_cast_shows_a_position_where_there_is_no_affiliation(
    window: MainWindow, db: Database
) -> None:
    event_id = _event_id(db, "Pakistan – Russia")
    window.open_event(event_id)
    window.editor.refresh()
    model = window.editor.cast.model
    by_name = {model.member(r).name: model.member(r) for r in range(model.rowCount())}
    # Amb Khattak has a position ("Former Ambassador of Pakistan") and no affiliation.
    assert by_name["Amb (R) Khalid Khattak"].affiliation == "Former Ambassador of Pakistan"


def test_an_agenda_running_late_says_so_without_widening_the_editor(
    window: MainWindow, db: Database
) -> None:
    from planner.model import AgendaKind

    event_id = _event_id(db, "Pakistan – Russia")
    window.open_event(event_id)
    window.editor.refresh()
    window.editor.show_section("Agenda")
    sizes = window.events_splitter.sizes()
    agenda = window.editor.agenda
    agenda.add_item("A very long extra session that runs late", 90, AgendaKind.DISCUSSION)
    window.editor.refresh()
    assert "min past the end" in agenda.summary.text()
    assert tone_of(agenda.summary) is Tone.ERROR
    assert agenda.summary.wordWrap()
    assert window.events_splitter.sizes() == sizes


def test_a_guests_invitations_are_listed_on_their_page(qtbot: QtBot, window: MainWindow) -> None:
    """The page said "invited to 3, attended 1" above an empty table."""
    people = window.section("People")
    assert isinstance(people, PeopleView)
    people.search.setText("عائشہ")
    people.apply_search()
    qtbot.waitUntil(lambda: "1 person matches" in people.count_label.text())
    people.page.load(people.model.person_id(0))
    summary = people.page.history_summary.text()
    assert "invited to 3, attended 1" in summary
    model = people.page.history_model
    labels = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert len(labels) == 3
    assert labels.count("guest, attended") == 1
    # Each row opens its event.
    people.page.history_view.doubleClicked.emit(model.index(0, 0))
    assert window.editor.event_id == model.event_id(0)


def _event_row(db: Database, event_id: int) -> tuple[str, list[int]]:
    with db.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        return event.uid, [item.id for item in event.agenda]


def test_redoing_a_new_event_brings_back_the_same_event(window: MainWindow, db: Database) -> None:
    """Redo made the event again from the template: a new calendar UID, new agenda ids
    (which later commands hold)."""
    from planner.model import AgendaKind
    from planner.ui.events.new_event_dialog import new_event_from_template

    event_id = new_event_from_template(window.ctx, "roundtable", "Maritime", date(2027, 1, 5))
    window.open_event(event_id)
    window.editor.refresh()
    window.editor.agenda.add_item("Tea", 15, AgendaKind.BREAK)
    before = _event_row(db, event_id)
    window.undo_stack.undo()
    window.undo_stack.undo()
    with db.session() as session:
        assert session.get(Event, event_id) is None
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert _event_row(db, event_id) == before


def test_a_refused_new_event_is_said_in_the_dialog_not_a_traceback(
    window: MainWindow, db: Database
) -> None:
    from planner.ui.events.new_event_dialog import NewEventDialog

    dialog = NewEventDialog(window.ctx, window)
    dialog.choose("roundtable")
    dialog.title.setText("Series gone")
    # A series deleted since the dialog listed it.
    dialog.series.addItem("Gone", 9999)
    dialog.series.setCurrentIndex(dialog.series.count() - 1)
    steps = window.undo_stack.count()
    dialog.create_event()
    assert dialog.created_event_id is None
    assert "9999" in dialog.title_error.text()
    assert window.undo_stack.count() == steps


def test_a_person_created_in_the_cast_comes_back_on_redo_with_the_same_row(
    window: MainWindow, db: Database
) -> None:
    event_id = _event_id(db, "Pakistan – Russia")
    window.open_event(event_id)
    window.editor.refresh()
    cast = window.editor.cast
    speakers = sum(1 for m in cast.model.rows() if m.role is Role.SPEAKER)
    cast.create_and_add({"given_name": "Hina", "family_name": "Rabbani"}, Role.SPEAKER)
    window.editor.refresh()

    def row() -> tuple[int, int]:
        with db.session() as session:
            part = session.scalars(
                select(Participation)
                .join(Person, Person.id == Participation.person_id)
                .where(Person.family_name == "Rabbani")
            ).one()
            return part.id, part.position

    before = row()
    assert before[1] == speakers  # last of the speakers, not position 99
    window.undo_stack.undo()
    window.undo_stack.redo()
    assert row() == before


def test_the_person_dialog_shows_positions(window: MainWindow) -> None:
    from planner.ui.people.model import COL_POSITION
    from planner.ui.people.pick_dialog import PickPersonDialog

    dialog = PickPersonDialog(window.ctx, "Replace")
    assert not dialog.table.isColumnHidden(COL_POSITION)


def test_opening_an_event_in_month_view_shows_its_month_and_day(
    window: MainWindow, db: Database
) -> None:
    events = window.events
    events.month_button.click()
    event_id = _event_id(db, "Pakistan – US")  # Thursday 14 November 2013
    window.open_event(event_id)
    assert (events.calendar.yearShown(), events.calendar.monthShown()) == (2013, 11)
    assert events.calendar.selectedDate().day() == 14
    assert [events.day_model.row_at(r).id for r in range(events.day_model.rowCount())] == [event_id]
    assert window.editor.event_id == event_id


def test_the_editor_heading_does_not_break_inside_the_time_zone(
    window: MainWindow, db: Database
) -> None:
    window.open_event(_event_id(db, "Pakistan – US"))
    window.editor.refresh()
    text = window.editor.subheading.text()
    assert "(Asia/\u2060Karachi)" in text


def test_the_room_is_not_cut_short_beside_the_venue(window: MainWindow, db: Database) -> None:
    window.open_event(_event_id(db, "Pakistan – US"))
    window.editor.refresh()
    details = window.editor.details
    room = details.room
    assert room.currentText() == "Conference Room (20 seats)"
    assert room.width() >= room.fontMetrics().horizontalAdvance(room.currentText())


def test_the_new_person_dialog_has_room_for_a_long_affiliation(qtbot: QtBot) -> None:
    from planner.ui.editor.cast import NewPersonDialog

    dialog = NewPersonDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.fields["affiliation"]
    text = "Quaid-i-Azam University, Islamabad"
    assert field.width() > field.fontMetrics().horizontalAdvance(text)


def test_a_new_speaker_can_be_given_a_biography_at_once(
    qtbot: QtBot, demo_window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The readiness checks ask for a speaker's biography; the New person dialog had no
    field for it, so the organiser had to go to the People section to add one."""
    from planner.model import Person
    from planner.ui.editor import cast as cast_module

    def fill_in(dialog: Any) -> int:
        dialog.fields["given_name"].setText("Hina")
        dialog.fields["family_name"].setText("Rabbani Khar")
        dialog.bio.setPlainText("Former Foreign Minister of Pakistan.\n")
        return 1

    monkeypatch.setattr(cast_module.NewPersonDialog, "exec", fill_in)
    demo_window.open_event(_event_id(db, "Pakistan – US"))
    demo_window.editor.cast._new_person()
    with db.session() as s:
        person = s.scalars(select(Person).where(Person.family_name == "Rabbani Khar")).one()
        assert person.short_bio == "Former Foreign Minister of Pakistan."
