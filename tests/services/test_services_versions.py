"""No silent overwrite: an edit based on a record someone else changed since is refused.

Two handles on one database stand for two organisers (two windows, or a window and a CLI
import); every test runs on SQLite and, with PLANNER_TEST_POSTGRES_URL, on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.errors import StaleEdit
from planner.model import Change, ChangeKind, Event, Person
from planner.services.operations import (
    Delete,
    Operation,
    Record,
    SetField,
    apply,
)
from planner.store import Database

STARTS = datetime(2026, 3, 10, 9, 2, tzinfo=UTC)
ENDS = datetime(2026, 3, 10, 11, tzinfo=UTC)


@pytest.fixture
def second(any_url: str, any_db: Database) -> Iterator[Database]:
    """Another organiser's handle on the same database (``any_db`` made and migrated it)."""
    other = Database.open(any_url)
    yield other
    other.dispose()


def _event(db: Database) -> int:
    with db.session() as session:
        event = Event(uid="v@planner", title="Gulf Security", starts_at=STARTS, ends_at=ENDS)
        session.add(event)
        session.flush()
        return event.id


def _version(db: Database, model: type[Event] | type[Person], row_id: int) -> int:
    with db.session(write=False) as session:
        row = session.get(model, row_id)
        assert row is not None
        return row.version


def _title(db: Database, event_id: int) -> str:
    with db.session(write=False) as session:
        row = session.get(Event, event_id)
        assert row is not None
        return row.title


def test_versions_start_at_one_and_rise_with_each_write(any_db: Database) -> None:
    event_id = _event(any_db)
    assert _version(any_db, Event, event_id) == 1
    done = apply(any_db, SetField(Record.EVENT, event_id, "title", "Gulf", "Edit title"))
    assert _version(any_db, Event, event_id) == 2
    # The window's next edit is based on the version the write left.
    assert (Record.EVENT, event_id, 2) in done.changes.versions


def test_a_stale_edit_is_refused_naming_who_and_when(
    any_db: Database, second: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    event_id = _event(any_db)
    seen = {(Record.EVENT, event_id): _version(any_db, Event, event_id)}  # I open it
    monkeypatch.setenv("PLANNER_USER", "Sana")
    apply(second, SetField(Record.EVENT, event_id, "title", "Sana's title", "Edit title"))
    monkeypatch.setenv("PLANNER_USER", "Omar")
    mine = SetField(Record.EVENT, event_id, "notes", "my notes", "Edit notes")
    with pytest.raises(StaleEdit) as refused:
        apply(any_db, mine, seen=seen)
    assert refused.value.who == "Sana"
    assert refused.value.headline.startswith("Changed by Sana at ")
    assert refused.value.headline.endswith(" since you opened it")
    assert "event “Sana's title”" in str(refused.value)
    with any_db.session(write=False) as session:
        event = session.get(Event, event_id)
        assert event is not None
        assert (event.title, event.notes, event.version) == ("Sana's title", "", 2)


def test_keep_mine_writes_over_the_other_edit_and_says_so(
    any_db: Database, second: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    event_id = _event(any_db)
    seen = {(Record.EVENT, event_id): 1}
    monkeypatch.setenv("PLANNER_USER", "Sana")
    apply(second, SetField(Record.EVENT, event_id, "title", "Sana's title", "Edit title"))
    monkeypatch.setenv("PLANNER_USER", "Omar")
    mine = SetField(Record.EVENT, event_id, "title", "Omar's title", "Edit title")
    with pytest.raises(StaleEdit):
        apply(any_db, mine, seen=seen)
    apply(any_db, mine, seen=seen, overwrite=True)
    assert _title(any_db, event_id) == "Omar's title"
    with any_db.session(write=False) as session:
        last = session.scalars(select(Change).order_by(Change.id.desc())).first()
        assert last is not None
        assert (last.kind, last.who, last.old_value, last.new_value) == (
            ChangeKind.OVERWRITE,
            "Omar",
            "Sana's title",
            "Omar's title",
        )


def test_an_edit_based_on_the_current_version_goes_through(
    any_db: Database, second: Database
) -> None:
    event_id = _event(any_db)
    apply(second, SetField(Record.EVENT, event_id, "title", "Theirs", "Edit title"))
    seen = {(Record.EVENT, event_id): _version(any_db, Event, event_id)}  # reloaded: sees 2
    apply(any_db, SetField(Record.EVENT, event_id, "notes", "mine", "Edit notes"), seen=seen)
    assert _version(any_db, Event, event_id) == 3


def test_a_stale_delete_is_refused(any_db: Database, second: Database) -> None:
    with any_db.session() as session:
        person = Person(given_name="Aisha", family_name="Rahman")
        session.add(person)
        session.flush()
        person_id = person.id
    seen = {(Record.PERSON, person_id): 1}
    apply(second, SetField(Record.PERSON, person_id, "position", "Director", "Edit position"))
    with pytest.raises(StaleEdit):
        apply(any_db, Delete(Record.PERSON, person_id, "Delete person"), seen=seen)
    assert _version(any_db, Person, person_id) == 2


@dataclass(frozen=True)
class _RacedEdit(Operation):
    """Reads the event, lets another organiser commit a change to it, then writes: the race
    the version check before the write cannot see (PostgreSQL runs both at once)."""

    event_id: int
    other: Database
    text: str = "Edit title"

    def apply_in(self, session: Session) -> Operation:
        event = session.get(Event, self.event_id)
        assert event is not None
        apply(self.other, SetField(Record.EVENT, self.event_id, "notes", "theirs", "Edit notes"))
        event.title = "mine"
        return self


def test_an_update_that_matches_no_row_is_a_stale_edit(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """version_id_col: the UPDATE says WHERE version = the one read, and matches nothing."""
    mine, theirs = Database.open(postgres_url), Database.open(postgres_url)
    try:
        event_id = _event(mine)
        monkeypatch.setenv("PLANNER_USER", "Sana")
        with pytest.raises(StaleEdit) as refused:
            apply(mine, _RacedEdit(event_id, theirs))
        assert refused.value.who == "Sana"
        assert _title(mine, event_id) == "Gulf Security"
    finally:
        mine.dispose()
        theirs.dispose()


def test_a_cli_import_of_the_same_event_makes_the_window_edit_stale(
    any_db: Database, second: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``planner import event.json`` updating the event the window has open (SQLite too)."""
    from planner.store.package import export_package, import_package

    event_id = _event(any_db)
    seen = {(Record.EVENT, event_id): _version(any_db, Event, event_id)}
    with any_db.session(write=False) as session:
        data = export_package(session, [event_id])
    data["events"][0]["title"] = "Gulf Security (imported)"
    monkeypatch.setenv("PLANNER_USER", "Sana")
    import_package(second, data)
    assert _title(any_db, event_id) == "Gulf Security (imported)"
    with pytest.raises(StaleEdit) as refused:
        apply(any_db, SetField(Record.EVENT, event_id, "notes", "mine", "Edit notes"), seen=seen)
    assert refused.value.who == "Sana"
