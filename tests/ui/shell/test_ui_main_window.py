"""Drive the real main window offscreen: a roundtable from the template, its cast from the
directory, the rule, the agenda, undo and redo, the programme; then look in the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from pdf_reading import pdf_text
from planner.model import (
    AgendaItem,
    AgendaKind,
    AttributionRule,
    Consent,
    Event,
    EventFormat,
    Participation,
    Role,
)
from planner.services.people import create_person
from planner.store import Database
from planner.ui.context import AppContext
from planner.ui.events.new_event_dialog import NewEventDialog
from planner.ui.shell.main_window import MainWindow

URDU_NAME = "عائشہ صدیقی"


def settle() -> None:
    """Let the editor reload after a command (it refreshes once per turn of the event loop)."""
    QApplication.processEvents()


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    rows = {
        "khattak": {
            "honorific": "Amb (R)",
            "given_name": "Khalid",
            "family_name": "Khattak",
            "affiliation": "Former Ambassador",
        },
        "owais": {
            "honorific": "Lt. Gen. (R)",
            "given_name": "Syed Muhammad",
            "family_name": "Owais",
            "post_nominals": "HI (M)",
        },
        "siddiqui": {"given_name": "عائشہ", "family_name": "صدیقی", "affiliation": "جامعہ"},
        "weinbaum": {
            "honorific": "Prof.",
            "given_name": "Marvin G.",
            "family_name": "Weinbaum",
            "affiliation": "University of Illinois",
        },
    }
    return {key: create_person(db, values) for key, values in rows.items()}


@pytest.fixture
def window(open_window: Callable[..., MainWindow], people: dict[str, int]) -> MainWindow:
    return open_window()


def _event(db: Database, event_id: int) -> Event:
    with db.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        # Touch what the assertions read while the session is open.
        _ = (event.agenda, event.participations, event.consents)
        for item in event.agenda:
            _ = item.people
        return event


def _new_roundtable(window: MainWindow, title: str) -> int:
    dialog = NewEventDialog(window.ctx, window)
    dialog.choose("roundtable")
    dialog.title.setText(title)
    dialog.day.setDate(dialog.day.date().currentDate().addDays(30))
    dialog.create_event()
    assert dialog.created_event_id is not None
    window.open_event(dialog.created_event_id)
    return dialog.created_event_id


def test_roundtable_from_template_end_to_end(
    qtbot: QtBot, window: MainWindow, db: Database, people: dict[str, int]
) -> None:
    ctx = window.ctx
    event_id = _new_roundtable(window, "Gulf Security: Emerging Scenario")
    editor = window.editor
    assert editor.event_id == event_id
    assert editor.heading.text() == "Gulf Security: Emerging Scenario"
    event = _event(db, event_id)
    assert event.format is EventFormat.ROUNDTABLE
    assert event.attribution is AttributionRule.CHATHAM_HOUSE
    assert len(event.agenda) == 4  # the template's timetable
    assert "chair" in editor.cast.missing.text()

    # The cast, from the directory, by search-as-you-type.
    cast = editor.cast
    editor.show_section("People")
    cast.set_role(Role.CHAIR)
    assert cast.picker.choose_first("Khattak")
    settle()
    cast.set_role(Role.SPEAKER)
    assert cast.picker.choose_first("Owais")
    settle()
    assert cast.picker.choose_first(URDU_NAME.split()[1])  # Urdu family name
    settle()
    # Validation next to the field: the same person twice in one role.
    cast.set_role(Role.CHAIR)
    assert cast.picker.choose_first("Khattak")
    assert cast.error.isVisible() and "already chair" in cast.error.text()
    assert cast.model.rowCount() == 3
    names = [cast.model.member(r).name for r in range(cast.model.rowCount())]
    assert names == ["Amb (R) Khalid Khattak", "Lt. Gen. (R) Syed Muhammad Owais HI (M)", URDU_NAME]
    # The Urdu name sits at the right, as it reads.
    alignment = cast.model.data(cast.model.index(2, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight

    # Consent for the chair to be named.
    chair_named = cast.model.index(0, cast.model.NAMED)
    cast.model.setData(chair_named, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    settle()

    # The rule: switched away and back to the Chatham House Rule through the combo box.
    details = editor.details
    for rule in (AttributionRule.ON_THE_RECORD, AttributionRule.CHATHAM_HOUSE):
        details.rule.setCurrentIndex(details.rule.findData(rule.value))
        details.rule.activated.emit(details.rule.currentIndex())
        settle()
        assert _event(db, event_id).attribution is rule
    assert editor.badge.text().strip() == "Chatham House Rule"

    # Agenda: add two items; the times flow from the durations.
    agenda = editor.agenda
    agenda.add_item("Tea", 20, AgendaKind.BREAK)
    settle()
    agenda.add_item("Closing remarks", 10, AgendaKind.CLOSING)
    settle()
    event = _event(db, event_id)
    titles = [item.title for item in event.agenda]
    assert titles[-2:] == ["Tea", "Closing remarks"]
    for before, after in zip(event.agenda, event.agenda[1:], strict=False):
        assert after.starts_at == before.ends_at
    # A longer first item pushes the rest back.
    minutes = agenda.model.index(0, agenda.model.MINUTES)
    agenda.model.setData(minutes, 25)
    settle()
    event = _event(db, event_id)
    assert event.agenda[0].ends_at - event.agenda[0].starts_at == timedelta(minutes=25)
    assert event.agenda[-1].ends_at - event.starts_at == timedelta(minutes=25 + 50 + 45 + 15 + 30)
    # Drag the tea to the top (as a drop of row 4 before row 0).
    tea_id = event.agenda[4].id
    mime = agenda.model.mimeData([agenda.model.index(4, 0)])
    agenda.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, agenda.model.index(-1, -1))
    settle()
    event = _event(db, event_id)
    assert event.agenda[0].id == tea_id
    assert event.agenda[0].starts_at == event.starts_at
    # A speaker for the panel item.
    panel_row = [i.title for i in event.agenda].index("Panel")
    agenda.table.selectRow(panel_row)
    assert agenda.add_item_person(people["owais"], Role.SPEAKER)
    settle()

    # Undo: the agenda person, the drag, the length, the two items ... and redo them all.
    stack = ctx.undo_stack
    steps = stack.index()
    for _ in range(5):
        stack.undo()
    event = _event(db, event_id)
    assert [i.title for i in event.agenda] == [
        "Opening remarks by the chair",
        "Panel",
        "Open discussion",
        "Concluding remarks and vote of thanks",
    ]
    assert all(not i.people for i in event.agenda)
    assert event.agenda[0].ends_at - event.agenda[0].starts_at == timedelta(minutes=10)
    while stack.index() < steps:
        stack.redo()
    event = _event(db, event_id)
    assert event.agenda[0].id == tea_id
    assert [p.person_id for i in event.agenda for p in i.people] == [people["owais"]]

    # Ctrl+Z and Ctrl+Shift+Z from the keyboard, on the window.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not any(i.people for i in _event(db, event_id).agenda)
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert any(i.people for i in _event(db, event_id).agenda)

    # The programme, rendered through the documents section.
    window.print_programme()
    current = editor.documents.current
    assert current is not None and current.pdf.startswith(b"%PDF")
    text = pdf_text(current.pdf)
    assert "Gulf Security" in text
    assert "Khattak" in text
    assert "Chatham House Rule" in text

    # The database afterwards.
    with db.session() as session:
        roles = sorted(
            (p.role.value, p.person_id)
            for p in session.scalars(
                select(Participation).where(Participation.event_id == event_id)
            )
        )
        consent = session.scalars(select(Consent).where(Consent.event_id == event_id)).one()
        items = session.scalars(
            select(AgendaItem).where(AgendaItem.event_id == event_id).order_by(AgendaItem.position)
        ).all()
    assert roles == sorted(
        [
            ("chair", people["khattak"]),
            ("speaker", people["owais"]),
            ("speaker", people["siddiqui"]),
        ]
    )
    assert consent.person_id == people["khattak"] and consent.may_be_named
    assert items[0].title == "Tea" and len(items) == 6


def test_inline_validation_title_and_times(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    event_id = _new_roundtable(window, "Pakistan – Russia Relations")
    details = window.editor.details
    # Non-Latin title, set as a person's input method would (setText + textEdited).
    title = "پاکستان اور روس: " + URDU_NAME
    details.title_edit.setText(title)
    details.title_edit.textEdited.emit(title)
    settle()
    assert _event(db, event_id).title == title
    assert window.editor.heading.text() == title
    # An empty title is refused next to the field; the stored one stays.
    details.title_edit.setText("")
    details.title_edit.textEdited.emit("")
    assert details.title_error.isVisible()
    assert _event(db, event_id).title == title
    # Typing (ASCII: keyClicks) merges into one undo step per visit to the field.
    details.title_edit.editingFinished.emit()  # as leaving the field does
    details.title_edit.clear()
    qtbot.keyClicks(details.title_edit, "Gulf")
    assert _event(db, event_id).title == "Gulf"
    window.ctx.undo_stack.undo()
    assert _event(db, event_id).title == title

    # End before start: said under the field, not saved.
    before = _event(db, event_id)
    details.ends.setDateTime(details.starts.dateTime().addSecs(-3600))
    qtbot.waitUntil(details.times_error.isVisible, timeout=3000)
    assert "before the start" in details.times_error.text()
    after = _event(db, event_id)
    assert (after.starts_at, after.ends_at) == (before.starts_at, before.ends_at)
    # Moving the start keeps the length and moves the agenda with it.
    details.starts.setDateTime(details.starts.dateTime().addDays(1))
    qtbot.waitUntil(lambda: _event(db, event_id).starts_at != before.starts_at, timeout=3000)
    moved = _event(db, event_id)
    assert moved.starts_at - before.starts_at == timedelta(days=1)
    assert moved.ends_at - moved.starts_at == before.ends_at - before.starts_at
    assert moved.agenda[0].starts_at == moved.starts_at
    assert not details.times_error.isVisible()


def test_next_session_of_a_series_and_find_shortcut(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    from planner.model import Series

    with db.session() as session:
        series = Series(title="Pakistan Foreign Policy Review")
        session.add(series)
        session.flush()
        series_id = series.id
    from planner.ui.events.new_event_dialog import new_event_from_template

    first = new_event_from_template(
        window.ctx, "seminar", "Pakistan – US Relations", date(2026, 3, 10), series_id=series_id
    )
    window.open_event(first)
    window.duplicate_event()
    second = window.editor.event_id
    assert second is not None and second != first
    event = _event(db, second)
    assert event.series_id == series_id and event.series_number == 2
    assert event.starts_at - _event(db, first).starts_at == timedelta(days=7)
    window.ctx.undo_stack.undo()
    with db.session() as session:
        assert session.get(Event, second) is None

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.events.search.hasFocus() or window.focusWidget() is window.events.search


def test_geometry_and_splitters_are_remembered(
    qtbot: QtBot, db: Database, tmp_path: Path, synchronous: None
) -> None:
    path = str(tmp_path / "settings.ini")
    ctx = AppContext(db=db, undo_stack=QUndoStack())
    first = MainWindow(ctx, QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.show()
    first.events_splitter.setSizes([300, 700])
    first.editor.tabs.setCurrentIndex(2)
    first.editor.report.splitter.setSizes([300, 100, 100, 100])
    report_state = first.editor.report.splitter.saveState()
    first.events.table.setColumnHidden(first.events.model.VENUE, False)
    splitter = first.events_splitter.saveState()
    geometry = first.saveGeometry()
    first.close()
    settings = QSettings(path, QSettings.Format.IniFormat)
    assert settings.value("main/geometry") == geometry
    assert settings.value("main/eventsSplitter") == splitter
    second = MainWindow(AppContext(db=db, undo_stack=QUndoStack()), settings)
    qtbot.addWidget(second)
    second.show()
    # (The offscreen screen is small: the restored window is clamped to it, so its splitter's
    # pixel sizes differ; the stored states above are what is restored.)
    assert second.editor.tabs.currentIndex() == 2
    assert settings.value("editor/reportSplitter") == report_state
    assert not second.events.table.isColumnHidden(second.events.model.VENUE)


def test_delete_an_event_and_undo(
    qtbot: QtBot, window: MainWindow, db: Database, people: dict[str, int]
) -> None:
    event_id = _new_roundtable(window, "To be deleted")
    window.editor.cast.add_person(people["owais"], Role.SPEAKER)
    settle()
    window.delete_event(confirm=False)
    settle()
    with db.session() as session:
        assert session.get(Event, event_id) is None
        assert not session.scalars(select(AgendaItem).where(AgendaItem.event_id == event_id)).all()
    assert window.editor.event_id is None
    window.ctx.undo_stack.undo()
    settle()
    event = _event(db, event_id)
    assert event.title == "To be deleted" and len(event.agenda) == 4
    assert window.editor.event_id == event_id
    assert [p.person_id for p in event.participations] == [people["owais"]]


def test_invitations_answers_attendance_and_sending(
    qtbot: QtBot, window: MainWindow, db: Database, people: dict[str, int]
) -> None:
    from planner.model import Invitation, InvitationStatus

    event_id = _new_roundtable(window, "Invitations")
    section = window.editor.invitations
    window.editor.show_section("Invitations")
    assert section.invite(people["weinbaum"])
    settle()
    assert not section.invite(people["weinbaum"])  # twice: said next to the field
    assert section.error.isVisible()
    model = section.model
    model.setData(model.index(0, model.STATUS), InvitationStatus.ACCEPTED.value)
    settle()
    attended = model.index(0, model.ATTENDED)
    model.setData(attended, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    settle()
    # The parts of the line are kept whole with no-break spaces.
    counts = section.counts.text().replace("\xa0", " ")
    assert "1 accepted" in counts and "1 attended" in counts
    section.mark_all_sent()
    settle()

    def invitation() -> Invitation:
        with db.session() as session:
            return session.scalars(select(Invitation).where(Invitation.event_id == event_id)).one()

    sent = invitation()
    assert sent.status is InvitationStatus.ACCEPTED and sent.attended and sent.sent_at is not None
    assert model.data(model.index(0, model.SENT)) != "not yet"
    window.ctx.undo_stack.undo()
    assert invitation().sent_at is None


def test_ctrl_n_opens_the_dialog_and_the_new_event(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    from PySide6.QtCore import QTimer

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewEventDialog)
        dialog.choose("lecture")
        dialog.title.setText("Кто мы? A lecture")
        dialog.create_event()

    QTimer.singleShot(0, fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    event_id = window.editor.event_id
    assert event_id is not None
    event = _event(db, event_id)
    assert event.title == "Кто мы? A lecture"
    assert event.format is EventFormat.LECTURE
    assert event.attribution is AttributionRule.ON_THE_RECORD
    assert window.events.model.row_of(event_id) >= 0


def test_venue_room_and_series_choices(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    from planner.model import Room, Series, Venue

    with db.session() as session:
        club = Venue(name="Islamabad Club", rooms=[Room(name="Main Hall", capacity=80)])
        series = Series(title="Pakistan Foreign Policy Review")
        session.add_all([club, series])
        session.flush()
        club_id, hall_id, series_id = club.id, club.rooms[0].id, series.id
    event_id = _new_roundtable(window, "Choices")
    details = window.editor.details
    details.venue.setCurrentIndex(details.venue.findData(club_id))
    details.venue.activated.emit(details.venue.currentIndex())
    settle()
    assert details.room.isEnabled() and details.room.findData(hall_id) >= 0
    details.room.setCurrentIndex(details.room.findData(hall_id))
    details.room.activated.emit(details.room.currentIndex())
    details.series.setCurrentIndex(details.series.findData(series_id))
    details.series.activated.emit(details.series.currentIndex())
    settle()
    event = _event(db, event_id)
    assert (event.venue_id, event.room_id) == (club_id, hall_id)
    assert (event.series_id, event.series_number) == (series_id, 1)
    assert details.number.value() == 1
    assert "80 seats" in details.room.currentText()
    window.ctx.undo_stack.undo()  # the series
    window.ctx.undo_stack.undo()  # the room
    window.ctx.undo_stack.undo()  # the venue
    event = _event(db, event_id)
    assert (event.venue_id, event.room_id, event.series_id) == (None, None, None)


def test_a_waiting_time_change_is_saved_to_its_own_event(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    first = _new_roundtable(window, "First")
    second = _new_roundtable(window, "Second")
    window.open_event(first)
    before_first, before_second = _event(db, first).starts_at, _event(db, second).starts_at
    details = window.editor.details
    details.starts.setDateTime(details.starts.dateTime().addSecs(3600))
    window.open_event(second)  # before the pause after which the change is saved
    settle()
    assert _event(db, first).starts_at - before_first == timedelta(hours=1)
    assert _event(db, second).starts_at == before_second
    assert window.editor.event_id == second
    assert (
        details.starts.dateTime().time().hour()
        == before_second.astimezone(
            details.snapshot.starts_at.tzinfo if details.snapshot else None
        ).hour
    )


def test_undo_after_moving_on_opens_the_event_it_changes(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    first = _new_roundtable(window, "First")
    second = _new_roundtable(window, "Second")
    window.open_event(first)
    details = window.editor.details
    details.title_edit.setText("First, renamed")
    details.title_edit.textEdited.emit("First, renamed")
    settle()
    window.open_event(second)
    window.ctx.undo_stack.undo()
    settle()
    assert _event(db, first).title == "First"
    assert window.editor.event_id == first
    assert window.editor.heading.text() == "First"


def test_reorder_speakers_and_remove_one(
    qtbot: QtBot, window: MainWindow, db: Database, people: dict[str, int]
) -> None:
    event_id = _new_roundtable(window, "Order")
    cast = window.editor.cast
    window.editor.show_section("People")
    for key in ("owais", "weinbaum"):
        assert cast.add_person(people[key], Role.SPEAKER)
        settle()
    cast.table.selectRow(1)
    cast._move(-1)
    settle()
    assert [cast.model.member(r).person_id for r in range(2)] == [
        people["weinbaum"],
        people["owais"],
    ]
    assert cast.table.currentIndex().row() == 0
    with db.session() as session:
        order = session.scalars(
            select(Participation.person_id)
            .where(Participation.event_id == event_id)
            .order_by(Participation.position)
        ).all()
    assert list(order) == [people["weinbaum"], people["owais"]]
    cast._remove()
    settle()
    assert [cast.model.member(r).person_id for r in range(cast.model.rowCount())] == [
        people["owais"]
    ]


def test_undoing_a_new_event_takes_it_out_of_the_list(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    event_id = _new_roundtable(window, "Short-lived")
    qtbot.waitUntil(lambda: window.events.model.row_of(event_id) >= 0, timeout=3000)
    while window.ctx.undo_stack.canUndo():
        window.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: window.events.model.row_of(event_id) < 0, timeout=3000)
    assert window.editor.event_id is None
    with db.session() as session:
        assert session.get(Event, event_id) is None
