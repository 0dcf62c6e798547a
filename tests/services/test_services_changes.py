"""Change notices (services.changes): another handle's commit is seen, our own is not, on
SQLite and PostgreSQL; a dropped server connection is reported once and comes back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from planner.cli.main import main
from planner.model import Event, Person, Venue
from planner.services.changes import ChangeNotice, ChangeWatcher, ConnectionLost, Notice
from planner.store import Database
from planner.store.demo import load_demo


@pytest.fixture
def two_handles(any_url: str) -> Iterator[tuple[Database, Database]]:
    first = Database.open(any_url)
    load_demo(first)
    second = Database.open(any_url)
    yield first, second
    second.dispose()
    first.dispose()


def _collect(watcher: ChangeWatcher, seconds: float) -> list[Notice]:
    found: list[Notice] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found += watcher.wait(0.2)
    return found


def _first_event(db: Database) -> int:
    with db.session() as session:
        found = session.scalar(select(Event.id).order_by(Event.id))
    assert found is not None
    return found


def test_another_handles_commit_is_a_notice_our_own_is_not(
    two_handles: tuple[Database, Database],
) -> None:
    first, second = two_handles
    event_id = _first_event(first)
    watcher = ChangeWatcher(first, poll_interval=0.1)
    try:
        with first.session() as session:
            event = session.get(Event, event_id)
            assert event is not None
            event.title = "Edited here"
        assert _collect(watcher, 0.6) == []  # our own write: the window shows it already

        with second.session() as session:
            event = session.get(Event, event_id)
            assert event is not None
            event.title = "Edited elsewhere"
        notices = _collect(watcher, 1.5)
        assert notices and all(isinstance(n, ChangeNotice) for n in notices)
        assert all(n.touches_event(event_id) for n in notices if isinstance(n, ChangeNotice))
    finally:
        watcher.close()


def test_a_rolled_back_write_is_no_notice(two_handles: tuple[Database, Database]) -> None:
    first, second = two_handles
    watcher = ChangeWatcher(first, poll_interval=0.1)
    try:
        with pytest.raises(RuntimeError), second.session() as session:
            session.add(Person(given_name="Never", family_name="Saved"))
            session.flush()
            raise RuntimeError("changed my mind")
        assert _collect(watcher, 0.6) == []
    finally:
        watcher.close()


def test_postgres_notices_name_the_tables_and_events(postgres_url: str) -> None:
    first = Database.open(postgres_url)
    load_demo(first)
    second = Database.open(postgres_url)
    event_id = _first_event(first)
    watcher = ChangeWatcher(first)
    try:
        with second.session() as session:
            session.add(Venue(name="Marriott Hotel, Islamabad"))
        with second.session() as session:
            event = session.get(Event, event_id)
            assert event is not None
            event.title = "Renamed elsewhere"
        notices = [n for n in _collect(watcher, 1.0) if isinstance(n, ChangeNotice)]
        assert [n.tables for n in notices] == [frozenset({"venue"}), frozenset({"event"})]
        assert notices[0].event_ids == frozenset() and not notices[0].touches_event(event_id)
        assert notices[1].event_ids == frozenset({event_id})
        # A bulk statement names its table; which events it changed is not known.
        with second.session() as session:
            session.execute(text("SELECT 1"))
            session.execute(Event.__table__.update().values(subtitle="All of them"))
        [bulk] = [n for n in _collect(watcher, 1.0) if isinstance(n, ChangeNotice)]
        assert bulk.tables == frozenset({"event"}) and bulk.event_ids is None
        assert bulk.touches_event(event_id)
    finally:
        watcher.close()
        second.dispose()
        first.dispose()


def test_a_people_import_in_another_program_is_a_notice(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The import writes with bulk statements on the session's connection, past the flush.
    first = Database.open(postgres_url)
    watcher = ChangeWatcher(first)
    people = tmp_path / "people.csv"
    people.write_text("given_name,family_name,email\nSana,Malik,sana@example.org\n", "utf-8")
    try:
        assert main(["--db", postgres_url, "import", str(people)]) == 0
        notices = [n for n in _collect(watcher, 1.0) if isinstance(n, ChangeNotice)]
        assert notices and notices[0].touches({"person"})
        assert not notices[0].touches({"event"})
    finally:
        watcher.close()
        first.dispose()


def test_the_watcher_survives_the_server_dropping_its_connection(postgres_url: str) -> None:
    first = Database.open(postgres_url)
    second = Database.open(postgres_url)
    watcher = ChangeWatcher(first, backoff=(0.2, 0.4))
    try:
        with second.session() as session:
            session.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                )
            )
        notices = _collect(watcher, 2.0)
        lost = [n for n in notices if isinstance(n, ConnectionLost)]
        assert len(lost) == 1, notices  # said once, not at every try
        assert "server closed the connection" in lost[0].reason
        assert any(isinstance(n, ChangeNotice) and n.resumed for n in notices)
        # Listening again: the next commit elsewhere arrives.
        with second.session() as session:
            session.add(Person(given_name="Sana", family_name="Malik"))
        after = [n for n in _collect(watcher, 1.0) if isinstance(n, ChangeNotice)]
        assert after and after[0].tables == frozenset({"person"})
    finally:
        watcher.close()
        second.dispose()
        first.dispose()


def test_a_server_that_stays_away_is_retried_with_growing_pauses(postgres_url: str) -> None:
    first = Database.open(postgres_url)
    watcher = ChangeWatcher(first, backoff=(0.3, 5.0))
    tries = 0
    real_connect = watcher._connect

    def failing_connect() -> list[Notice]:
        nonlocal tries
        tries += 1
        return watcher._lost("the server is restarting")

    try:
        watcher._listener.close()  # type: ignore[union-attr]
        watcher._connect = failing_connect  # type: ignore[method-assign]
        started = time.monotonic()
        notices = _collect(watcher, 1.5)
        # Lost once; one try after 0.3 s, the next not before 5 s: no spinning meanwhile.
        assert [type(n) for n in notices] == [ConnectionLost]
        assert tries == 1
        assert time.monotonic() - started < 2.5
        watcher._connect = real_connect  # type: ignore[method-assign]
    finally:
        watcher.close()
        first.dispose()


def test_an_in_memory_database_has_nobody_else_to_watch() -> None:
    db = Database.open("sqlite://")
    try:
        assert not ChangeWatcher.supported(db)
    finally:
        db.dispose()
