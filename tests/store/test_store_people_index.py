"""Revision 0003: the FTS5 trigram search index and the NOCASE name index on ``person``."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Connection, insert, text

from planner.errors import DamagedDatabaseError
from planner.model import Person
from planner.services import people as svc
from planner.store import Database, people_index
from planner.store.migrations import current_revision, downgrade_database, upgrade_database
from planner.store.people_index import (
    NAME_INDEX,
    SEARCH_TEXT,
    case_insensitive,
    refresh_search_text,
    restore_person_extras,
    trigram_available,
)
from planner.store.revisions import HEAD_REVISION

NAMES = [
    ("Khalid", "Khattak", "Ministry of Foreign Affairs", "kk@mofa.gov.pk"),
    ("Sehar", "Kamran", "Senate of Pakistan", ""),
    ("Nimal", "de Silva", "University of Colombo", "nimal@cmb.ac.lk"),
    ("Asma", "Dar", "CPGS", "asma@cpgs.org"),
    ("ahmed", "abbasi", "", "a@b.pk"),
    ("Ольга", "Иванова", "МГИМО", ""),
]


def _add(db: Database) -> list[int]:
    """Through Core with the columns every revision has: some tests add the people to a
    database downgraded to before the versions of 0007, which the ORM would name."""
    table = Person.__table__
    with db.session() as s:
        ids = [
            int(
                s.execute(
                    insert(table).values(given_name=g, family_name=f, affiliation=a, email=e)
                ).inserted_primary_key[0]
            )
            for g, f, a, e in NAMES
        ]
        # Core skips the ORM's hook: at revision 0010 and later compute the search text too.
        if SEARCH_TEXT in s.execute(text("SELECT * FROM person LIMIT 0")).keys():  # noqa: SIM118
            refresh_search_text(s.connection(), ids)
        return ids


def _schema(conn: Connection) -> dict[str, str]:
    rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE name LIKE '%person%'"))
    return {str(name): str(sql) for name, sql in rows}


def _index_agrees_with_table(conn: Connection) -> None:
    """FTS5 compares every indexed row with ``person`` (raises 'malformed' when they differ)."""
    conn.execute(text("INSERT INTO person_fts(person_fts, rank) VALUES ('integrity-check', 1)"))


def test_this_sqlite_has_the_trigram_tokenizer() -> None:
    # The tokenizer arrived in SQLite 3.34; every supported Python build bundles a newer one.
    assert trigram_available() == (sqlite3.sqlite_version_info >= (3, 34, 0))
    assert trigram_available(), f"SQLite {sqlite3.sqlite_version}: search will scan with LIKE"


def test_upgrade_indexes_existing_people_and_downgrade_removes_it(db: Database) -> None:
    downgrade_database(db.engine, "0002")
    with db.engine.connect() as conn:
        assert not any(name.startswith(("person_fts", NAME_INDEX)) for name in _schema(conn))
    ids = _add(db)
    upgrade_database(db.engine)
    assert current_revision(db.engine) == HEAD_REVISION
    with db.engine.connect() as conn:
        schema = _schema(conn)
        assert {"person_fts", "person_fts_ai", "person_fts_au", "person_fts_ad"} <= set(schema)
        assert "COLLATE NOCASE" in schema[NAME_INDEX]
        found = conn.execute(text("SELECT rowid FROM person_fts WHERE person_fts MATCH '\"olom\"'"))
        assert [row[0] for row in found] == [ids[2]]
        _index_agrees_with_table(conn)
    svc.forget_search_index(db)
    assert [r.family_name for r in svc.search_people(db, "colombo")] == ["de Silva"]
    downgrade_database(db.engine, "0002")
    with db.engine.connect() as conn:
        assert not any(name.startswith(("person_fts", NAME_INDEX)) for name in _schema(conn))


def test_index_follows_inserts_updates_and_deletes(db: Database) -> None:
    ids = _add(db)
    with db.session() as s:
        s.get_one(Person, ids[0]).affiliation = "Islamabad Policy Research Institute"
        s.delete(s.get_one(Person, ids[1]))
        s.add(Person(given_name="Marvin G.", family_name="Weinbaum", email="mgw@illinois.edu"))
    with db.engine.connect() as conn:
        _index_agrees_with_table(conn)
    svc.forget_search_index(db)
    assert svc.has_search_index(db)
    assert [r.family_name for r in svc.search_people(db, "islamabad")] == ["Khattak"]
    assert svc.search_people(db, "ministry") == []
    assert svc.search_people(db, "senate") == []
    assert [r.family_name for r in svc.search_people(db, "illinois")] == ["Weinbaum"]


def test_without_the_tokenizer_the_migration_skips_the_index_and_search_scans(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    downgrade_database(db.engine, "0002")
    _add(db)
    monkeypatch.setattr(people_index, "trigram_available", lambda: False)
    upgrade_database(db.engine)
    assert current_revision(db.engine) == HEAD_REVISION
    with db.engine.connect() as conn:
        schema = _schema(conn)
    assert "person_fts" not in schema and NAME_INDEX in schema
    svc.forget_search_index(db)
    assert not svc.has_search_index(db)
    assert [r.family_name for r in svc.search_people(db, "colombo")] == ["de Silva"]
    assert svc.count_people(db, "pakistan") == 1


def test_directory_sorts_by_name_without_regard_to_case(db: Database) -> None:
    _add(db)
    assert [r.family_name for r in svc.search_people(db)] == [
        "abbasi",
        "Dar",
        "de Silva",
        "Kamran",
        "Khattak",
        "Иванова",
    ]
    descending = svc.search_people(db, "a", descending=True)
    assert [r.family_name for r in descending] == ["Khattak", "Kamran", "de Silva", "Dar", "abbasi"]


def test_sorting_by_name_reads_the_nocase_index(db: Database) -> None:
    _add(db)
    query = svc.search_query(db=db).limit(50)
    with db.engine.connect() as conn:
        sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = " | ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert NAME_INDEX in plan and "TEMP B-TREE" not in plan, plan


def test_case_insensitive_is_lower_elsewhere() -> None:
    from sqlalchemy.dialects import postgresql, sqlite

    expression = case_insensitive(Person.family_name)
    assert str(expression.compile(dialect=postgresql.dialect())) == "lower(person.family_name)"
    assert str(expression.compile(dialect=sqlite.dialect())) == "person.family_name COLLATE NOCASE"
    wrapped = case_insensitive(Person.family_name + "")
    assert "COLLATE NOCASE" in str(wrapped.compile(dialect=sqlite.dialect()))
    assert str(wrapped.compile(dialect=sqlite.dialect())).startswith("(")


def _batch_rebuild_person(conn: Connection) -> None:
    """What a later revision that changes ``person`` in batch mode does to the table."""
    with Operations(MigrationContext.configure(conn)).batch_alter_table(
        "person", recreate="always"
    ):
        pass


def test_a_batch_rebuild_of_person_needs_restore_person_extras(db_path: Path) -> None:
    db = Database.open(f"sqlite:///{db_path}")
    try:
        ids = _add(db)
        with db.engine.begin() as conn:
            _batch_rebuild_person(conn)
            lost = _schema(conn)
            # Why the helper exists: the triggers went with the old table, and the name index
            # came back from reflection without its collation.
            assert "person_fts_ai" not in lost
            assert "NOCASE" not in lost.get(NAME_INDEX, "")
            restore_person_extras(conn)
        with db.session() as s:
            s.get_one(Person, ids[3]).affiliation = "Quaid-i-Azam University"
            s.add(Person(given_name="Noor", family_name="Zahidi"))
        with db.engine.connect() as conn:
            schema = _schema(conn)
            assert {"person_fts_ai", "person_fts_au", "person_fts_ad"} <= set(schema)
            assert "COLLATE NOCASE" in schema[NAME_INDEX]
            _index_agrees_with_table(conn)
        svc.forget_search_index(db)
        assert [r.family_name for r in svc.search_people(db, "quaid")] == ["Dar"]
        assert [r.family_name for r in svc.search_people(db, "zahid")] == ["Zahidi"]
    finally:
        db.dispose()


def test_integrity_check_notices_an_index_out_of_step(db: Database) -> None:
    """The check the tests above rely on does fail when a trigger is missing."""
    ids = _add(db)
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER person_fts_au"))
        conn.execute(
            text("UPDATE person SET search_text = 'changed' WHERE id = :id"), {"id": ids[0]}
        )
    with db.engine.connect() as conn, pytest.raises(DamagedDatabaseError, match="malformed"):
        _index_agrees_with_table(conn)


def test_repair_finds_and_fixes_a_forgotten_restore(db: Database) -> None:
    ids = _add(db)
    with db.engine.begin() as conn:
        assert not people_index.repair_person_extras(conn), "nothing to repair after 0003"
        _batch_rebuild_person(conn)
        assert people_index.repair_person_extras(conn)
        assert not people_index.repair_person_extras(conn)
    with db.session() as s:
        s.get_one(Person, ids[0]).family_name = "Khattak-Niazi"
    with db.engine.connect() as conn:
        _index_agrees_with_table(conn)


def test_every_upgrade_repairs_a_revision_that_rebuilt_person(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A future revision that rebuilds ``person`` and forgets the triggers is caught."""
    from alembic import command

    from planner.store import migrations

    def forgetful_revision(config: Any, _target: str) -> None:
        _batch_rebuild_person(config.attributes["connection"])

    _add(db)
    monkeypatch.setattr(command, "upgrade", forgetful_revision)
    migrations._run(db.engine, "upgrade", "head")
    with db.engine.connect() as conn:
        assert {"person_fts_ai", "person_fts_au", "person_fts_ad"} <= set(_schema(conn))
        assert "COLLATE NOCASE" in _schema(conn)[NAME_INDEX]
        _index_agrees_with_table(conn)


def test_a_file_opened_where_sqlite_lacks_the_tokenizer_stays_writable(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database made on one machine, opened on another with an older SQLite (< 3.34)."""
    url = f"sqlite:///{db_path}"
    Database.open(url).dispose()
    monkeypatch.setattr(people_index, "trigram_available", lambda: False)
    monkeypatch.setattr(svc, "trigram_available", lambda: False)
    older = Database.open(url)
    try:
        with older.engine.connect() as conn:
            assert not any(name.startswith("person_fts_a") for name in _schema(conn))
        _add(older)  # no trigger reaches for the missing tokenizer
        svc.forget_search_index(older)
        assert not svc.has_search_index(older)
        assert [r.family_name for r in svc.search_people(older, "colombo")] == ["de Silva"]
    finally:
        svc.forget_search_index(older)
        older.dispose()
    monkeypatch.undo()
    newer = Database.open(url)  # back on a machine with the tokenizer: triggers and rows back
    try:
        with newer.engine.connect() as conn:
            assert {"person_fts_ai", "person_fts_au", "person_fts_ad"} <= set(_schema(conn))
            _index_agrees_with_table(conn)
        assert svc.has_search_index(newer)
        assert [r.family_name for r in svc.search_people(newer, "colombo")] == ["de Silva"]
    finally:
        svc.forget_search_index(newer)
        newer.dispose()


@given(st.lists(st.text(max_size=12), min_size=7, max_size=7))
def test_search_text_folds_each_value_as_the_whole_line_would_be(values: list[str]) -> None:
    # Each value is folded on its own (repeated ones once): the same as folding them joined.
    from planner.folding import fold, is_cjk
    from planner.store.people_index import SEARCH_COLUMNS, search_text

    given_name = "".join(values[SEARCH_COLUMNS.index("given_name")].split())
    family_name = "".join(values[SEARCH_COLUMNS.index("family_name")].split())
    joined = " ".join(values)
    if given_name and family_name and (is_cjk(given_name) or is_cjk(family_name)):
        joined += f" {family_name}{given_name} {given_name}{family_name}"
    assert search_text(values) == " ".join(fold(joined).split())
