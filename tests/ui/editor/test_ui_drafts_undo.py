"""Writing drafts is not an undo step: the files stay in the folder whatever Ctrl+Z does, so
the record that they were written stays too, and Ctrl+Z undoes the edit before them.

The try-out that found it: after replacing the chair and writing 11 update drafts, Ctrl+Z
un-marked the drafts (the .eml files stayed) and the chair change stayed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from export_samples import seed_database
from planner.model import Dispatch, DispatchKind, Event, Participation, Person, Role
from planner.services.dispatches import out_of_date
from planner.services.invitations import Recipients
from planner.services.operations import Record, SetField
from planner.store import Database
from planner.ui.commands import push
from planner.ui.shell.main_window import MainWindow


@pytest.fixture
def window(open_window: Callable[..., MainWindow]) -> MainWindow:
    return open_window((1320, 840))


def _updates(db: Database) -> int:
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Dispatch)
                .where(Dispatch.kind == DispatchKind.UPDATE)
            )
            or 0
        )


def test_ctrl_z_after_writing_updates_undoes_the_chair_change_not_the_drafts(
    window: MainWindow, db: Database, tmp_path: Path
) -> None:
    ids = seed_database(db)
    event_id = ids["roundtable"]
    window.open_event(event_id)
    section = window.editor.invitations
    section.interactive = False
    section.set_choice(Recipients.EVERYONE)
    section.write_invitations(tmp_path / "invitations")
    sent = len(section.last_paths)
    assert sent > 1
    with db.session() as s:
        chair = s.scalars(
            select(Participation).where(
                Participation.event_id == event_id, Participation.role == Role.CHAIR
            )
        ).one()
        chair_id, old_chair = chair.id, chair.person_id
        new_chair = s.scalars(select(Person.id).where(Person.email == "ayesha@example.org")).one()
    stack = window.ctx.undo_stack
    before = stack.count()
    push(
        window.ctx,
        SetField(Record.PARTICIPATION, chair_id, "person_id", new_chair, "Replace chair", event_id),
        window.editor.changed,
    )
    window.editor.refresh()
    assert out_of_date(db, event_id).messages
    section.write_updates(tmp_path / "updates")
    written = section.last_paths
    assert written and all(p.exists() for p in written)
    assert _updates(db) == len(written)
    # The drafts added no step: the top of the stack is still the chair change.
    assert stack.count() == before + 1 and stack.undoText() == "Replace chair"
    with db.session() as s:
        sequence = s.scalar(select(Event.sequence).where(Event.id == event_id))

    stack.undo()
    window.editor.refresh()
    with db.session() as s:
        assert s.get(Participation, chair_id).person_id == old_chair  # type: ignore[union-attr]
        # What the drafts carry stays recorded: the next calendar entry goes above it.
        assert s.scalar(select(Event.sequence).where(Event.id == event_id)) == sequence
    assert _updates(db) == len(written)
    # Record and files agree: the updates went out with the new chair, so now that the old
    # one is back another update is due, and the bar says so.
    stale = out_of_date(db, event_id)
    assert {m.kind for m in stale.messages} == {DispatchKind.UPDATE}
    assert not section.bar.isHidden()
    stack.redo()
    window.editor.refresh()
    # The new chair again: the updates state it; the old chair is owed a cancellation.
    again = out_of_date(db, event_id)
    assert again.messages == () and [w.person_id for w in again.withdrawn] == [old_chair]
