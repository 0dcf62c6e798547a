"""``planner db copy`` and ``planner db info`` (store.transfer): SQLite to SQLite always,
SQLite to PostgreSQL when PLANNER_TEST_POSTGRES_URL names a test server (tests/postgres.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Table, func, select

from planner.errors import PlannerError
from planner.model import Person
from planner.services import people as people_service
from planner.store import Database
from planner.store import transfer as transfer_module
from planner.store.demo import load_demo
from planner.store.migrations import current_revision, downgrade_database
from planner.store.package import export_package
from planner.store.queries import all_event_ids
from planner.store.revisions import head_revision
from planner.store.transfer import copy_database, database_info


def _everything(db: Database) -> dict[str, Any]:
    with db.session() as s:
        return export_package(s, all_event_ids(s))


def _rows(db: Database) -> dict[str, int]:
    return dict(database_info(db.url).counts)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db)
    return db


def test_copy_to_a_new_sqlite_file_copies_everything(demo: Database, tmp_path: Path) -> None:
    target_path = tmp_path / "copy" / "planner.sqlite3"
    report = copy_database(demo, f"sqlite:///{target_path}")
    target = Database.open(f"sqlite:///{target_path}")
    try:
        assert current_revision(target.engine) == head_revision()
        assert _everything(target) == _everything(demo)
        assert _rows(target) == _rows(demo) == dict(report.counts)
        assert report.rows == sum(report.counts.values()) > 100
        # Ids are kept, so links between rows and ids users noted still hold.
        with demo.session() as a, target.session() as b:
            assert list(a.scalars(select(Person.id).order_by(Person.id))) == list(
                b.scalars(select(Person.id).order_by(Person.id))
            )
        # The target's search index was filled by its triggers as the rows went in.
        assert people_service.has_search_index(target)
        assert [r.family_name for r in people_service.search_people(target, "weinbaum")] == [
            "Weinbaum"
        ]
    finally:
        target.dispose()


def test_a_target_with_data_is_refused_and_left_alone(demo: Database, tmp_path: Path) -> None:
    other = Database.open(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    with other.session() as s:
        s.add(Person(given_name="Asma", family_name="Dar"))
    before = _rows(other)
    # The person and the history row recording that she was added.
    with pytest.raises(
        PlannerError, match=r"not empty \(change \(1\), person \(1\)\); copy into an empty"
    ):
        copy_database(demo, other.url)
    assert _rows(other) == before
    other.dispose()


def test_copying_a_database_onto_itself_is_refused(demo: Database) -> None:
    with pytest.raises(PlannerError, match="that is the database being copied"):
        copy_database(demo, demo.url)


def test_a_count_mismatch_rolls_the_whole_copy_back(
    demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_copy = transfer_module._copy_table

    def lose_consents(src: Connection, dst: Connection, table: Table, progress: Any) -> None:
        if table.name != "consent":
            real_copy(src, dst, table, progress)

    monkeypatch.setattr(transfer_module, "_copy_table", lose_consents)
    url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    with pytest.raises(
        PlannerError, match=r"nothing written: row counts differ in consent \(3 here"
    ):
        copy_database(demo, url)
    target = Database.open(url)
    try:
        assert set(_rows(target).values()) == {0}, "not one row left behind"
    finally:
        target.dispose()
    monkeypatch.undo()
    copy_database(demo, url)  # the empty, migrated target takes a second try


def test_copy_reports_progress_per_table(demo: Database, tmp_path: Path) -> None:
    seen: dict[str, int] = {}
    copy_database(demo, f"sqlite:///{tmp_path / 't.sqlite3'}", progress=seen.__setitem__)
    assert seen == {name: n for name, n in _rows(demo).items() if n}


def test_info_describes_without_changing(demo: Database, db_path: Path) -> None:
    info = database_info(demo.url)
    lines = "\n".join(info.lines())
    assert f"database: sqlite:///{db_path}" in lines
    assert f"schema:   {head_revision()} (current)" in lines
    assert "search:   full-text (FTS5 trigram)" in lines
    assert info.counts["event"] == 4 and info.file_size and info.file_size > 0
    downgrade_database(demo.engine, "0002")
    demo.dispose()
    older = database_info(f"sqlite:///{db_path}")
    assert older.revision == "0002"
    assert "(opening it will update it to" in "\n".join(older.lines())
    assert current_revision(demo.engine) == "0002", "info did not migrate it"


def test_info_on_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "typo.sqlite3"
    with pytest.raises(PlannerError, match="no such database file"):
        database_info(f"sqlite:///{path}")
    assert not path.exists()


def test_a_missing_postgresql_driver_is_one_line_with_the_remedy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """psycopg is a regular dependency: missing, the installation is broken (``import psycopg``
    fails as in an installation without it)."""
    from planner.store.database import make_engine

    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(PlannerError) as caught:
        make_engine("postgresql://planner:s3cret@127.0.0.1/planner")
    message = str(caught.value)
    assert "psycopg driver" in message and "reinstall planner" in message
    assert "--extra" not in message, "there is no extra to ask for any more"
    assert "s3cret" not in message and "\n" not in message


def test_an_unusable_url_is_one_line_without_the_password() -> None:
    from planner.store.database import make_engine

    with pytest.raises(PlannerError, match="not a database planner can use") as caught:
        make_engine("nosuchdb://planner:s3cret@host/planner")
    assert "s3cret" not in str(caught.value)


def test_copy_to_postgresql_and_keep_working_there(demo: Database, postgres_url: str) -> None:
    report = copy_database(demo, postgres_url)
    server = Database.open(postgres_url)
    try:
        assert report.rows == sum(_rows(demo).values())
        assert _everything(server) == _everything(demo)
        info = database_info(postgres_url)
        assert info.backend == "postgresql" and info.revision == head_revision()
        assert dict(info.counts) == _rows(demo)
        # Search finds the same people there, whatever the case (ILIKE on the server).
        for query in ("centre", "CPGS", "khat", "морозов", "100%"):
            assert people_service.search_people(server, query) == people_service.search_people(
                demo, query
            ), query
        # The id sequences were moved past the copied ids: new rows get fresh ids.
        with server.session() as s:
            highest = s.scalar(select(func.max(Person.id)))
            newcomer = Person(given_name="Noor", family_name="Zahidi")
            s.add(newcomer)
            s.flush()
            assert highest is not None and newcomer.id > highest
        with pytest.raises(PlannerError, match="not empty"):
            copy_database(demo, postgres_url)
    finally:
        downgrade_database(server.engine, "base")
        server.dispose()
