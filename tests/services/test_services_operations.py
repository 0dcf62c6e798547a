"""Operations: one transaction each, each returns its inverse; the inverse of that redoes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from planner.errors import PlannerError
from planner.model import AgendaItem, AgendaPerson, Event, Person, Role
from planner.services.operations import (
    Batch,
    Delete,
    Insert,
    Record,
    SetField,
    apply,
    needs_write,
)
from planner.store import Database

AT = datetime(2026, 5, 1, 10, tzinfo=UTC)


def _event(db: Database) -> int:
    with db.session() as s:
        event = Event(uid="e1@test", title="Old", starts_at=AT, ends_at=AT)
        s.add(event)
        s.flush()
        return event.id


def _title(db: Database, event_id: int) -> str | None:
    with db.session() as s:
        event = s.get(Event, event_id)
        return None if event is None else event.title


def test_set_field_round_trips_and_names_the_event(db: Database) -> None:
    event_id = _event(db)
    edit = SetField(Record.EVENT, event_id, "title", "New", "Edit title")
    assert edit.event_id == event_id
    applied = apply(db, edit)
    assert _title(db, event_id) == "New"
    assert applied.changes.records == frozenset({Record.EVENT})
    assert applied.changes.event_ids == frozenset({event_id})
    undone = apply(db, applied.inverse)
    assert _title(db, event_id) == "Old"
    apply(db, undone.inverse)  # the inverse of the inverse redoes the edit
    assert _title(db, event_id) == "New"


def test_field_edits_merge_per_field_visit_only(db: Database) -> None:
    event_id = _event(db)
    first = SetField(Record.EVENT, event_id, "title", "N", "Edit title", merge_key=1)
    later = SetField(Record.EVENT, event_id, "title", "Ne", "Edit title", merge_key=1)
    merged = first.merged(later)
    assert merged is not None and merged.value == "Ne"
    assert first.merged(SetField(Record.EVENT, event_id, "title", "x", "t", merge_key=2)) is None
    assert first.merged(SetField(Record.EVENT, event_id, "summary", "x", "t", merge_key=1)) is None
    unmergeable = SetField(Record.EVENT, event_id, "title", "x", "t", mergeable=False)
    assert SetField(Record.EVENT, event_id, "title", "y", "t").merged(unmergeable) is None


def test_needs_write_skips_unchanged_values_and_gone_rows(db: Database) -> None:
    event_id = _event(db)
    assert not needs_write(db, SetField(Record.EVENT, event_id, "title", "Old", "t"))
    assert needs_write(db, SetField(Record.EVENT, event_id, "title", "New", "t"))
    assert not needs_write(db, SetField(Record.EVENT, event_id + 1, "title", "New", "t"))


def test_a_text_longer_than_its_column_is_refused_by_name(db: Database) -> None:
    event_id = _event(db)
    with pytest.raises(PlannerError, match="Title is longer than"):
        apply(db, SetField(Record.EVENT, event_id, "title", "x" * 10_000, "Edit title"))
    assert _title(db, event_id) == "Old"


def test_delete_keeps_children_and_ids_across_undo_and_redo(db: Database) -> None:
    event_id = _event(db)
    with db.session() as s:
        person = Person(family_name="Khan")
        s.add(person)
        s.flush()
        person_id = person.id
    values = {"event_id": event_id, "title": "Welcome", "starts_at": AT, "ends_at": AT}
    inserted = apply(db, Insert(Record.AGENDA_ITEM, values, "Add"))
    item_id = inserted.changes.created_id
    assert item_id is not None and inserted.changes.event_ids == frozenset({event_id})
    speaker = {"agenda_item_id": item_id, "person_id": person_id, "role": Role.SPEAKER}
    apply(db, Insert(Record.AGENDA_PERSON, speaker, "Add speaker"))

    deleted = apply(db, Delete(Record.AGENDA_ITEM, item_id, "Remove", children=("people",)))
    assert deleted.inverse.event_id == event_id  # known from the row, for the rescue
    with db.session() as s:
        assert s.get(AgendaItem, item_id) is None
    restored = apply(db, deleted.inverse)
    with db.session() as s:
        item = s.get(AgendaItem, item_id)
        assert item is not None and [p.person_id for p in item.people] == [person_id]
    apply(db, restored.inverse)  # redo the delete: same row, same children gone again
    with db.session() as s:
        assert s.get(AgendaItem, item_id) is None
        assert s.query(AgendaPerson).count() == 0


def test_a_batch_is_one_transaction_undone_in_reverse(db: Database) -> None:
    event_id = _event(db)
    batch = Batch(
        "Rename",
        (
            SetField(Record.EVENT, event_id, "title", "A", "t"),
            SetField(Record.EVENT, event_id, "title", "B", "t"),
        ),
    )
    applied = apply(db, batch)
    assert _title(db, event_id) == "B"
    apply(db, applied.inverse)
    assert _title(db, event_id) == "Old"
    failing = Batch(
        "Rename",
        (
            SetField(Record.EVENT, event_id, "title", "C", "t"),
            SetField(Record.EVENT, event_id, "title", "x" * 10_000, "t"),
        ),
    )
    with pytest.raises(PlannerError):
        apply(db, failing)
    assert _title(db, event_id) == "Old"  # all or nothing


def test_deleting_a_row_already_gone_changes_nothing(db: Database) -> None:
    event_id = _event(db)
    apply(db, Delete(Record.EVENT, event_id, "Delete"))
    again = apply(db, Delete(Record.EVENT, event_id, "Delete"))
    apply(db, again.inverse)
    assert _title(db, event_id) is None


@pytest.mark.parametrize("link", ["javascript:alert(1)", "https://example.org/\nx"])
def test_a_link_safety_refuses_is_refused_by_name(db: Database, link: str) -> None:
    event_id = _event(db)
    with pytest.raises(PlannerError, match="report url: "):
        apply(db, SetField(Record.EVENT, event_id, "report_url", link, "Edit link"))
    apply(db, SetField(Record.EVENT, event_id, "report_url", "https://example.org/r.pdf", "t"))
    with pytest.raises(PlannerError, match="website: "):
        apply(db, Insert(Record.ORGANISATION, {"name": "IPRI", "website": link}, "Add"))


def test_the_worked_example_of_docs_architecture_works(db: Database) -> None:
    """docs/ARCHITECTURE.md shows how to write an operation; this is that code, run."""
    from dataclasses import dataclass

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planner.model import Invitation, InvitationStatus
    from planner.services.operations import Operation

    @dataclass(frozen=True, slots=True)
    class MarkAttended(Operation):
        event_id: int
        text: str = "Mark everyone who accepted as attended"

        def apply_in(self, session: Session) -> Operation:
            accepted = session.scalars(
                select(Invitation).where(
                    Invitation.event_id == self.event_id,
                    Invitation.status == InvitationStatus.ACCEPTED,
                )
            )
            undo: list[Operation] = []
            for row in accepted:
                undo.append(
                    SetField(Record.INVITATION, row.id, "attended", row.attended, self.text)
                )
                row.attended = True
            return Batch(self.text, tuple(undo), self.event_id)

    event_id = _event(db)
    with db.session() as s:
        people = [Person(family_name=name) for name in ("Khan", "Wang", "حسن")]
        s.add_all(people)
        s.flush()
        for person, status, attended in zip(
            people,
            (InvitationStatus.ACCEPTED, InvitationStatus.ACCEPTED, InvitationStatus.DECLINED),
            (False, None, None),
            strict=True,
        ):
            s.add(
                Invitation(event_id=event_id, person_id=person.id, status=status, attended=attended)
            )

    def attended() -> list[bool | None]:
        with db.session() as s:
            rows = s.scalars(select(Invitation).order_by(Invitation.id))
            return [row.attended for row in rows]

    done = apply(db, MarkAttended(event_id))
    assert attended() == [True, True, None]
    assert done.changes.records == frozenset({Record.INVITATION})
    undone = apply(db, done.inverse)
    assert attended() == [False, None, None]  # each row's own earlier value
    apply(db, undone.inverse)
    assert attended() == [True, True, None]


def test_undo_puts_back_a_value_older_than_the_limits(db: Database) -> None:
    """A title written before today's limit is put back by undo, not refused as too long."""
    event_id = _event(db)
    legacy = "x" * 10_000
    with db.session() as s:
        row = s.get(Event, event_id)
        assert row is not None
        row.title = legacy
    done = apply(db, SetField(Record.EVENT, event_id, "title", "Short", "Edit title"))
    apply(db, done.inverse)
    assert _title(db, event_id) == legacy
    deleted = apply(db, Delete(Record.EVENT, event_id, "Delete"))
    apply(db, deleted.inverse)
    assert _title(db, event_id) == legacy
