"""The cast's error line is about the last try: choosing another role, typing another search or
opening another event takes it away."""

from __future__ import annotations

from sqlalchemy import select

from planner.model import Event, Role
from planner.store import Database
from planner.ui.shell.main_window import MainWindow


def _refused_twice(window: MainWindow, db: Database) -> int:
    with db.session() as session:
        event_id = session.scalar(select(Event.id).order_by(Event.id).limit(1))
        assert event_id is not None
        member = session.get_one(Event, event_id).participations[0]
        person_id, role = member.person_id, member.role
    window.open_event(event_id)
    cast = window.editor.cast
    window.editor.show_section("People")
    assert not cast.add_person(person_id, Role(role))  # already has that role
    assert cast.error.isVisible() and "already" in cast.error.text()
    return event_id


def test_changing_the_role_clears_the_stale_error(demo_window: MainWindow, db: Database) -> None:
    _refused_twice(demo_window, db)
    cast = demo_window.editor.cast
    cast.set_role(Role.SPEAKER if cast.chosen_role() is not Role.SPEAKER else Role.CHAIR)
    assert not cast.error.isVisible()


def test_typing_a_new_search_clears_the_stale_error(
    qtbot: object, demo_window: MainWindow, db: Database
) -> None:
    _refused_twice(demo_window, db)
    cast = demo_window.editor.cast
    cast.picker.textEdited.emit("Ow")
    assert not cast.error.isVisible()


def test_another_event_does_not_show_the_last_events_error(
    demo_window: MainWindow, db: Database
) -> None:
    event_id = _refused_twice(demo_window, db)
    with db.session() as session:
        other = session.scalar(select(Event.id).where(Event.id != event_id).limit(1))
    assert other is not None
    demo_window.open_event(other)
    assert not demo_window.editor.cast.error.isVisible()
