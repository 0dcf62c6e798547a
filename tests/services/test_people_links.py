"""Every row that names a person survives deleting and merging people, and undo and redo put
each back exactly (ids and every column): participations, agenda parts, invitations (with their
replies and notes), consents, what was sent to them (dispatches) and the series they chair.

The try-out that found it: merging #16 into #37 moved roles and consents but dropped #16's four
sent invitations, so a cancellation due to #16 was no longer due to anyone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError

from planner.model import (
    AgendaItem,
    AgendaPerson,
    Base,
    Consent,
    Dispatch,
    DispatchKind,
    Event,
    Invitation,
    InvitationStatus,
    Participation,
    Role,
    Series,
)
from planner.services import people as svc
from planner.services.dispatches import out_of_date
from planner.services.operations import apply
from planner.services.people_edits import DeletePeople, MergePeople
from planner.services.snapshots import table_of
from planner.store import Database

LINKED = (Participation, AgendaPerson, Invitation, Consent, Dispatch)


@pytest.fixture
def db(any_db: Database) -> Database:
    """Every test here on SQLite and, with a test server, on PostgreSQL."""
    return any_db


WHEN = datetime(2026, 3, 12, 12, tzinfo=UTC)


def test_every_foreign_key_to_a_person_is_kept_by_delete_and_merge() -> None:
    """A table added later with a person column must join the snapshot, or a delete loses it."""
    pointing = {
        (fk.parent.table.name, fk.parent.name)
        for table in Base.metadata.tables.values()
        for fk in table.foreign_keys
        if fk.column.table.name == "person"
    }
    kept = {(table.name, column) for table, column in svc._LINK_TABLES}
    assert pointing == kept | {("series", "default_chair_id")}


def _event(db: Database, title: str) -> tuple[int, int]:
    with db.session() as s:
        event = Event(
            uid=f"{title}@test", title=title, starts_at=WHEN, ends_at=WHEN + timedelta(hours=2)
        )
        s.add(event)
        s.flush()
        item = AgendaItem(
            event_id=event.id, starts_at=WHEN, ends_at=WHEN + timedelta(hours=1), title="Panel"
        )
        s.add(item)
        s.flush()
        return int(event.id), int(item.id)


def _link(db: Database, model: type[Base], person: int, event: int, item: int, n: int) -> None:
    """One row of ``model`` naming ``person`` (``n`` makes it distinct)."""
    with db.session() as s:
        if model is Participation:
            s.add(Participation(event_id=event, person_id=person, role=list(Role)[n % 12]))
        elif model is AgendaPerson:
            s.add(AgendaPerson(agenda_item_id=item, person_id=person, role=list(Role)[n % 12]))
        elif model is Invitation:
            s.add(
                Invitation(
                    event_id=event,
                    person_id=person,
                    status=InvitationStatus.ACCEPTED,
                    sent_at=WHEN - timedelta(days=9),
                    replied_at=WHEN - timedelta(days=3),
                    reply_note=f"arriving late ({n})",
                )
            )
        elif model is Consent:
            s.add(
                Consent(
                    event_id=event, person_id=person, may_be_named=True, description="a diplomat"
                )
            )
        else:
            s.add(
                Dispatch(
                    event_id=event,
                    person_id=person,
                    kind=DispatchKind.INVITATION,
                    audience="attendees",
                    how="drafted",
                    sequence=n,
                    fingerprint=f"{n:064d}",
                    shown={"title": f"sent {n}"},
                    at=WHEN - timedelta(days=n),
                    by="Sana",
                )
            )


def _rows(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of the person tables and of those pointing at a person, in id order."""
    with db.session(write=False) as s:
        tables: list[Table] = [table_of(m) for m in (*LINKED, Series)]
        tables.append(Base.metadata.tables["person"])
        return {
            t.name: [dict(r._mapping) for r in s.execute(select(t).order_by(t.c.id))]
            for t in tables
        }


def _pointing_at(rows: dict[str, list[dict[str, Any]]], name: str, person: int) -> int:
    return sum(1 for row in rows[name] if row["person_id"] == person)


def _two(db: Database) -> tuple[int, int]:
    keep = svc.create_person(db, {"given_name": "Khalid", "family_name": "Khattak"})
    drop = svc.create_person(db, {"given_name": "محمد", "family_name": "خٹک"})
    return keep, drop


@pytest.mark.parametrize("model", LINKED, ids=lambda m: m.__tablename__)
def test_merge_moves_the_rows_and_undo_and_redo_restore_them_exactly(
    db: Database, model: type[Base]
) -> None:
    keep, drop = _two(db)
    event, item = _event(db, "Gulf Security")
    other, other_item = _event(db, "Energy")
    _link(db, model, drop, event, item, 1)
    _link(db, model, keep, other, other_item, 2)
    name = model.__tablename__
    before = _rows(db)
    plan = svc.MergePlan(keep, (drop,), svc.get_person(db, keep).values)

    merged = apply(db, MergePeople(plan, "Merge"))
    after = _rows(db)
    assert _pointing_at(after, name, keep) == 2 and _pointing_at(after, name, drop) == 0
    # Moved, not copied: the same rows (ids and values) but for the person.
    assert [{**r, "person_id": 0} for r in after[name]] == [
        {**r, "person_id": 0} for r in before[name]
    ]

    undone = apply(db, merged.inverse)
    assert _rows(db) == before
    apply(db, undone.inverse)
    assert _without_versions(_rows(db)) == _without_versions(after)


@pytest.mark.parametrize("model", LINKED, ids=lambda m: m.__tablename__)
def test_delete_takes_the_rows_and_undo_and_redo_restore_them_exactly(
    db: Database, model: type[Base]
) -> None:
    keep, drop = _two(db)
    event, item = _event(db, "Gulf Security")
    _link(db, model, drop, event, item, 1)
    _link(db, model, keep, event, item, 2)
    name = model.__tablename__
    before = _rows(db)

    deleted = apply(db, DeletePeople((drop,), "Delete"))
    assert _pointing_at(_rows(db), name, drop) == 0
    assert _pointing_at(_rows(db), name, keep) == 1
    undone = apply(db, deleted.inverse)
    assert _rows(db) == before
    apply(db, undone.inverse)
    assert _pointing_at(_rows(db), name, drop) == 0
    assert _pointing_at(_rows(db), name, keep) == 1


def _without_versions(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    # A redo writes the merged values again: the survivor's version and update time move on.
    skip = {"version", "updated_at"}
    return {
        name: [{k: v for k, v in row.items() if k not in skip} for row in table]
        for name, table in rows.items()
    }


def test_a_message_sent_after_a_merge_stays_when_the_merge_is_undone(db: Database) -> None:
    """Writing drafts is not an undo step: undoing an earlier merge must not take its record."""
    keep, drop = _two(db)
    event, item = _event(db, "Gulf Security")
    _link(db, Dispatch, drop, event, item, 1)
    plan = svc.MergePlan(keep, (drop,), svc.get_person(db, keep).values)
    merged = apply(db, MergePeople(plan, "Merge"))
    _link(db, Dispatch, keep, event, item, 5)  # an update written to the survivor since
    apply(db, merged.inverse)
    rows = _rows(db)["dispatch"]
    assert [(r["person_id"], r["sequence"]) for r in rows] == [(drop, 1), (keep, 5)]


def test_a_cancellation_due_to_a_dropped_chair_is_still_due_after_the_merge(
    db: Database,
) -> None:
    keep, drop = _two(db)
    event, item = _event(db, "Gulf Security")
    # The chair was sent an invitation, then dropped from the cast: a cancellation is due.
    _link(db, Dispatch, drop, event, item, 0)
    assert [w.person_id for w in out_of_date(db, event).withdrawn] == [drop]

    plan = svc.MergePlan(keep, (drop,), svc.get_person(db, keep).values)
    merged = apply(db, MergePeople(plan, "Merge"))
    assert [w.person_id for w in out_of_date(db, event).withdrawn] == [keep]
    apply(db, merged.inverse)
    assert [w.person_id for w in out_of_date(db, event).withdrawn] == [drop]


# --- any mix of rows, any merge or delete ----------------------------------------------------

_row = st.tuples(
    st.sampled_from(LINKED),
    st.integers(0, 2),  # which of three people
    st.integers(0, 1),  # which of two events
    st.integers(0, 11),  # distinguishes rows (role, sequence)
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(_row, max_size=12),
    merge=st.booleans(),
    survivor=st.integers(0, 2),
)
def test_any_delete_or_merge_is_undone_exactly_and_redone(
    empty_database: Callable[[], Database],
    rows: list[tuple[type[Base], int, int, int]],
    merge: bool,
    survivor: int,
) -> None:
    db = empty_database()
    try:
        people = [
            svc.create_person(db, {"given_name": g, "family_name": f})
            for g, f in (("Sehar", "Kamran"), ("王", "伟"), ("عائشہ", "صدیقی"))
        ]
        events = [_event(db, "One"), _event(db, "Two")]
        for model, who, which, n in rows:
            event, item = events[which]
            # A duplicate of a unique row is refused: that example simply has fewer rows.
            with contextlib.suppress(IntegrityError):
                _link(db, model, people[who], event, item, n)
        before = _rows(db)
        if merge:
            others = tuple(p for p in people if p != people[survivor])
            values = svc.get_person(db, people[survivor]).values
            operation: Any = MergePeople(svc.MergePlan(people[survivor], others, values), "Merge")
        else:
            operation = DeletePeople(tuple(people[:2]), "Delete")
        done = apply(db, operation)
        after = _rows(db)
        # Nothing that was sent is ever lost by a merge.
        assert not merge or len(after["dispatch"]) == len(before["dispatch"])
        undone = apply(db, done.inverse)
        assert _rows(db) == before
        apply(db, undone.inverse)
        assert _without_versions(_rows(db)) == _without_versions(after)
    finally:
        db.dispose()
