"""Each visit to a long text is its own undo step: leaving a field and coming back to it
starts a new step, so one Ctrl+Z takes back the last visit's typing, not the whole text."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.model import Event, Person
from planner.store import Database
from planner.ui.people.view import PeopleView
from planner.ui.shell.main_window import MainWindow


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=3000)


def _type_in_two_visits(
    qtbot: QtBot, window: MainWindow, field: QPlainTextEdit, elsewhere: QWidget
) -> None:
    qtbot.waitActive(window)
    _focus(qtbot, field)
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " First visit.")
    _focus(qtbot, elsewhere)  # leaves the field without typing anywhere else
    _focus(qtbot, field)
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " Second visit.")


def test_each_visit_to_the_report_summary_is_one_undo_step(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    with db.session() as session:
        event_id = session.scalar(select(Event.id).order_by(Event.id).limit(1))
        assert event_id is not None
        before = session.get_one(Event, event_id).report_summary
    demo_window.open_event(event_id)
    report = demo_window.editor.report
    demo_window.editor.show_section("Report")
    _type_in_two_visits(qtbot, demo_window, report.summary, report.discussion)

    def summary() -> str:
        with db.session() as session:
            return session.get_one(Event, event_id).report_summary

    assert summary() == before + " First visit. Second visit."
    demo_window.ctx.undo_stack.undo()
    assert summary() == before + " First visit."  # not the whole summary
    demo_window.ctx.undo_stack.undo()
    assert summary() == before


def test_each_visit_to_the_concept_note_is_one_undo_step(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    with db.session() as session:
        event_id = session.scalar(select(Event.id).order_by(Event.id).limit(1))
        assert event_id is not None
        before = session.get_one(Event, event_id).concept_note
    demo_window.open_event(event_id)
    briefing = demo_window.editor.briefing
    demo_window.editor.show_section("Briefing")
    _type_in_two_visits(qtbot, demo_window, briefing.concept, briefing.background)
    demo_window.ctx.undo_stack.undo()
    with db.session() as session:
        assert session.get_one(Event, event_id).concept_note == before + " First visit."


def test_each_visit_to_a_persons_biography_is_one_undo_step(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    with db.session() as session:
        person = session.scalars(select(Person).order_by(Person.id).limit(1)).one()
        person_id, before = person.id, person.long_bio
    people = demo_window.section("People")
    assert isinstance(people, PeopleView)
    people.page.load(person_id)
    bio = people.page.edits["long_bio"]
    assert isinstance(bio, QPlainTextEdit)
    _type_in_two_visits(qtbot, demo_window, bio, people.page.edits["family_name"])
    demo_window.ctx.undo_stack.undo()
    with db.session() as session:
        assert session.get_one(Person, person_id).long_bio == before + " First visit."


def test_a_new_key_issue_survives_the_save_of_the_text_typed_before_it(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    """Typing in Background, then clicking Add issue: the click saved Background, the editor
    refreshed, and the new row (with what was typed into it next) was gone within a second."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    with db.session() as session:
        event_id = session.scalar(select(Event.id).order_by(Event.id).limit(1))
        assert event_id is not None
        before = list(session.get_one(Event, event_id).key_issues or [])
    demo_window.open_event(event_id)
    briefing = demo_window.editor.briefing
    demo_window.editor.show_section("Briefing")
    qtbot.waitActive(demo_window)
    _focus(qtbot, briefing.background)
    qtbot.keyClicks(briefing.background, " More background.")
    [add] = [b for b in briefing.issues.findChildren(QPushButton) if b.text() == "Add issue"]
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    qtbot.wait(600)  # the save of Background and the editor's refresh after it
    issues = briefing.issues
    assert issues.model.rowCount() == len(before) + 1
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not briefing.background
    qtbot.keyClicks(editor, "Gas pricing?")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: list(db_issues(db, event_id)) == [*before, "Gas pricing?"], timeout=3000
    )


def db_issues(db: Database, event_id: int) -> list[str]:
    with db.session() as session:
        return list(session.get_one(Event, event_id).key_issues or [])
