"""One way to read an event for its sheets: the standard library's sqlite3 (``planner render``
on a SQLite file) and SQLAlchemy (every other reader, and PostgreSQL) run the same SQL through
the same record-building code, and every sheet comes out the same whichever answered."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import select, text

from planner.errors import NotFoundError, PlannerError
from planner.model import AttributionRule, Event
from planner.policy import Audience, Sheet
from planner.policy.build import build_sheet, build_sheet_from, load_event, session_rows
from planner.policy.source import SourceEvent, read_event, read_organisation
from planner.store import Database
from planner.store.backup import sqlite_url_path
from planner.store.demo import load_demo
from planner.store.quick_read import plain_sqlite_path, reading, ready_file
from strategies import event_specs, write_event


def _file_sheets(path: Path, event_id: int) -> dict[Audience, Sheet]:
    with reading(path) as rows:
        return {audience: build_sheet_from(rows, event_id, audience) for audience in Audience}


def _session_sheets(db: Database, event_id: int) -> dict[Audience, Sheet]:
    with db.session(write=False) as session:
        return {audience: build_sheet(session, event_id, audience) for audience in Audience}


def same_as_orm(record: object, orm: object, where: str = "event") -> None:
    """Every field of a record equals the ORM object's attribute of that name, of the same
    type (True, not 1; an aware datetime, not text), collections item by item."""
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        mine, theirs = getattr(record, field.name), getattr(orm, field.name)
        here = f"{where}.{field.name}"
        if dataclasses.is_dataclass(mine):
            same_as_orm(mine, theirs, here)
        elif isinstance(mine, tuple):
            assert len(mine) == len(theirs), here
            for i, (a, b) in enumerate(zip(mine, theirs, strict=True)):
                same_as_orm(a, b, f"{here}[{i}]")
        else:
            assert (mine, type(mine)) == (theirs, type(theirs)), here


def _same_as_orm_in(db: Database, event_id: int) -> None:
    with db.session(write=False) as session:
        orm = session.get(Event, event_id)
        assert orm is not None
        same_as_orm(load_event(session, event_id), orm)
    with reading(_file(db)) as rows:
        from_file = read_event(rows, event_id)
    with db.session(write=False) as session:
        same_as_orm(from_file, session.get(Event, event_id))


def _file(db: Database) -> Path:
    path = sqlite_url_path(db.engine.url)
    assert path is not None
    return path


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database.open(f"sqlite:///{tmp_path_factory.mktemp('src') / 'planner.sqlite3'}")
    load_demo(database)
    yield database
    database.dispose()


def _event_ids(db: Database) -> list[int]:
    with db.session(write=False) as session:
        return list(session.scalars(select(Event.id).order_by(Event.id)))


@pytest.mark.parametrize("rule", list(AttributionRule))
def test_every_demo_sheet_is_the_same_read_either_way(
    demo_file: Database, rule: AttributionRule
) -> None:
    ids = _event_ids(demo_file)
    assert len(ids) >= 4
    with demo_file.session() as session:  # every event under this rule, committed
        for event in session.scalars(select(Event)):
            event.attribution = rule
    for event_id in ids:
        assert _file_sheets(_file(demo_file), event_id) == _session_sheets(demo_file, event_id)


def test_the_records_are_the_same_read_either_way(demo_file: Database) -> None:
    for event_id in _event_ids(demo_file):
        _same_as_orm_in(demo_file, event_id)
        with reading(_file(demo_file)) as rows:
            from_file = read_event(rows, event_id), read_organisation(rows)
        with demo_file.session(write=False) as session:
            from_session = (
                read_event(session_rows(session), event_id),
                read_organisation(session_rows(session)),
            )
        assert from_file == from_session
        # Typed as the ORM types them, not as a driver hands them over (0/1, text, JSON text).
        event, organisation = from_file
        assert isinstance(event, SourceEvent) and event.starts_at.tzinfo is not None
        assert isinstance(event.key_issues, list)
        assert organisation is not None
        assert organisation.name_cast_publicly_under_chatham_house in (True, False)
        for consent in event.consents:
            assert consent.may_be_named in (True, False)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=event_specs())
def test_random_events_read_the_same_either_way(leak_db: Database, spec: dict[str, Any]) -> None:
    with leak_db.session() as session:
        event_id = write_event(session, spec)
    _same_as_orm_in(leak_db, event_id)
    assert _file_sheets(_file(leak_db), event_id) == _session_sheets(leak_db, event_id)


def test_postgresql_gives_the_same_sheets_as_a_sqlite_file(db: Database, postgres_url: str) -> None:
    """The demo on a server, read through SQLAlchemy and psycopg (datetimes, booleans and
    JSON as Python values), against the demo in a file read by sqlite3 (all of them as text
    or numbers)."""
    server = Database.open(postgres_url)
    try:
        load_demo(server)
        load_demo(db)
        ids = _event_ids(server)
        assert ids == _event_ids(db)
        for event_id in ids:
            assert _session_sheets(server, event_id) == _file_sheets(_file(db), event_id)
    finally:
        server.dispose()


def test_pending_changes_of_a_session_are_read(demo_file: Database) -> None:
    """The GUI checks a report while it edits: a session's reads see its own unsaved edits."""
    event_id = _event_ids(demo_file)[0]
    with demo_file.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        event.title = "An unsaved title"
        assert load_event(session, event_id).title == "An unsaved title"
        session.rollback()


def test_an_unknown_event_is_not_found_either_way(demo_file: Database) -> None:
    with pytest.raises(NotFoundError, match="no event with id 999"):
        _file_sheets(_file(demo_file), 999)
    with pytest.raises(NotFoundError, match="no event with id 999"):
        _session_sheets(demo_file, 999)


def test_a_value_no_enum_knows_is_one_line_naming_the_field(db: Database) -> None:
    load_demo(db)
    event_id = _event_ids(db)[0]
    with db.session() as session:
        session.execute(
            text("UPDATE event SET attribution = 'gossip' WHERE id = :id"), {"id": event_id}
        )
    with pytest.raises(PlannerError, match=f"event {event_id} attribution: 'gossip'"):
        _file_sheets(_file(db), event_id)


def test_added_columns_are_not_read(db: Database) -> None:
    """Later revisions add columns: the reader names the columns it reads."""
    load_demo(db)
    event_id = _event_ids(db)[0]
    before = _file_sheets(_file(db), event_id)
    with db.session() as session:
        for table in ("event", "person", "agenda_item", "organisation", "consent"):
            session.execute(text(f"ALTER TABLE {table} ADD COLUMN added_later INTEGER DEFAULT 7"))
    assert _file_sheets(_file(db), event_id) == before


def test_only_a_plain_file_url_is_read_with_sqlite3(tmp_path: Path) -> None:
    assert plain_sqlite_path(f"sqlite:///{tmp_path}/a.sqlite3") == tmp_path / "a.sqlite3"
    for url in (
        "sqlite://",
        "sqlite:///:memory:",
        f"sqlite:///{tmp_path}/a.sqlite3?timeout=5",
        f"sqlite:///file:{tmp_path}/a.sqlite3?mode=ro&uri=true",
        f"sqlite:///{tmp_path}/a%20b.sqlite3",
        "postgresql+psycopg://postgres@/planner",
    ):
        assert plain_sqlite_path(url) is None, url


def test_a_file_to_migrate_or_claim_is_left_to_database_open(db_path: Path) -> None:
    url = f"sqlite:///{db_path}"
    assert ready_file(url) is None  # no file yet: Database.open creates it
    Database.open(url).dispose()
    assert ready_file(url) == db_path.resolve()
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA application_id = 0")  # made before planner set its id
    assert ready_file(url) is None
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0005'")
    assert ready_file(url) is None
