"""Schema objects of one back end for the people directory, outside the model. On SQLite an FTS5
trigram search index and a case-insensitive name index (revision 0003); on PostgreSQL a pg_trgm
search index and a lower-case name index (revision 0007, see below).
``services.people`` uses them.

They are not in the SQLAlchemy model because they exist only on SQLite (PostgreSQL has no FTS5
and no NOCASE collation), so Alembic's comparison of schema and model must look past them:
:func:`include_name` is the filter the Alembic environment (and the migration tests) use.

Since revision 0010 both search indexes cover one column, ``person.search_text`` (see
:func:`person_search_text`), which the ORM hook in ``store.events`` and the Core writers (the
people import, merges: :func:`refresh_search_text`) keep in step.

- ``person_fts``: an external-content FTS5 table over ``search_text``, kept in step with
  ``person`` by three triggers. The trigram tokenizer matches any substring of three or more
  characters, as ``LIKE '%word%'`` does, from an index (< 10 ms at 100,000 people where the LIKE
  scan costs ~30 ms). It needs SQLite >= 3.34; where the tokenizer is missing the index is simply
  not created and search scans with LIKE (same answers, a little slower).
- ``ix_person_name_nocase``: ``(family_name COLLATE NOCASE, given_name COLLATE NOCASE)``, so the
  directory sorted by name ("de Silva" among the Ds) is read along an index.

A later revision that rebuilds ``person`` in batch mode (copy, drop, rename) loses both: dropping
the table drops its triggers, and Alembic re-creates the name index from reflection without its
collation. Such a revision must call :func:`restore_person_extras` after its batch block; as a
safety net, ``migrations`` runs :func:`repair_person_extras` after every upgrade.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from contextlib import closing
from functools import cache
from typing import Any

from sqlalchemy import Connection, String, bindparam, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.functions import FunctionElement

from planner.folding import fold, is_cjk

SEARCH_INDEX_TABLE = "person_fts"
NAME_INDEX = "ix_person_name_nocase"
# The columns search looks in (the directory, the pickers and ``planner people --search``); the
# FTS table indexes exactly these. Revision 0006 added the honorific, post-nominals and position
# ("Lt. Gen.", "Ambassador") to revision 0003's four.
SEARCH_COLUMNS = (
    "given_name",
    "family_name",
    "affiliation",
    "email",
    "honorific",
    "post_nominals",
    "position",
)
SEARCH_COLUMNS_0003 = SEARCH_COLUMNS[:4]
# Since revision 0010 both indexes cover one column, ``person.search_text``: the searched columns
# and a CJK full name written without a space in both orders ("王晓明", "晓明王"), folded as the
# import folds names (planner.folding: case, diacritics, Arabic letter variants). A trigram index
# over separate columns cannot find "王晓明" (family 王, given 晓明) nor "muller" in "Müller".
SEARCH_TEXT = "search_text"
INDEXED_COLUMNS = (SEARCH_TEXT,)


def person_search_text(values: Mapping[Any, Any]) -> str:
    """``person.search_text`` for a person's field values (a missing field counts as empty)."""
    return search_text([str(values.get(name) or "") for name in SEARCH_COLUMNS])


def search_text(searched: Sequence[str]) -> str:
    """``person.search_text`` for the values of ``SEARCH_COLUMNS``, in that order."""
    # Each value folded on its own (the same as folding them joined: folding never reaches
    # across a space), so that the many repeated ones (affiliations, positions, given names)
    # are folded once: a third of a 100,000-person import's time otherwise.
    parts = [_folded(value) for value in searched if value]
    given = "".join(searched[_GIVEN].split())
    family = "".join(searched[_FAMILY].split())
    # Chinese, Japanese and Korean names are written without a space (王晓明): the two orders
    # joined let one word find them. Not for other scripts, whose readers type the space
    # ("wang yi" finds Wang Yi word by word): the joined names would add a third to what the
    # import indexes, for searches nobody types.
    if given and family and (is_cjk(given) or is_cjk(family)):
        parts.append(fold(f"{family}{given} {given}{family}"))
    # Spaces collapsed after folding (folding may not add any).
    return " ".join(" ".join(parts).split())


_GIVEN = SEARCH_COLUMNS.index("given_name")
_FAMILY = SEARCH_COLUMNS.index("family_name")
_FOLDED: dict[str, str] = {}  # value -> fold(value), for the values an import repeats
_FOLDED_MAX = 100_000  # emptied when this full: a bound on memory, not an eviction policy


def _folded(value: str) -> str:
    folded = _FOLDED.get(value)
    if folded is None:
        if len(_FOLDED) >= _FOLDED_MAX:
            _FOLDED.clear()
        folded = _FOLDED[value] = fold(value)
    return folded


def refresh_search_text(conn: Connection, person_ids: Iterable[int]) -> None:
    """Recompute ``search_text`` of ``person_ids`` from their rows: after a Core UPDATE of their
    fields (an import completing people, a merge), which the ORM's hook does not see."""
    ids = sorted(set(person_ids))
    columns = ", ".join(SEARCH_COLUMNS)
    update = text("UPDATE person SET search_text = :text WHERE id = :id AND search_text <> :text")
    for start in range(0, len(ids), _REFRESH_BATCH):
        chunk = ids[start : start + _REFRESH_BATCH]
        rows = conn.execute(
            text(f"SELECT id, {columns} FROM person WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": chunk},
        ).mappings()
        values = [{"id": row["id"], "text": person_search_text(row)} for row in rows]
        if values:
            conn.execute(update, values)


_REFRESH_BATCH = 5_000


def _indexed_columns(conn: Connection) -> tuple[str, ...]:
    """What the search index covers at this database's revision: before 0010 the columns."""
    columns = conn.execute(text("SELECT * FROM person LIMIT 0")).keys()
    return INDEXED_COLUMNS if SEARCH_TEXT in columns else SEARCH_COLUMNS


def search_triggers_ddl(columns: tuple[str, ...] = INDEXED_COLUMNS) -> tuple[str, ...]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return (
        "CREATE TRIGGER IF NOT EXISTS person_fts_ai AFTER INSERT ON person BEGIN "
        f"INSERT INTO person_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER IF NOT EXISTS person_fts_ad AFTER DELETE ON person BEGIN "
        f"INSERT INTO person_fts(person_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        "CREATE TRIGGER IF NOT EXISTS person_fts_au AFTER UPDATE ON person BEGIN "
        f"INSERT INTO person_fts(person_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO person_fts(rowid, {cols}) VALUES (new.id, {new}); END",
    )


def search_index_ddl(columns: tuple[str, ...] = INDEXED_COLUMNS) -> tuple[str, ...]:
    """Creates the index over ``columns``, its triggers, and fills it from the rows there."""
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS person_fts USING fts5({', '.join(columns)}, "
        "content='person', content_rowid='id', tokenize='trigram')",
        *search_triggers_ddl(columns),
        "INSERT INTO person_fts(person_fts) VALUES ('rebuild')",
    )


SEARCH_INDEX_DROP: tuple[str, ...] = (
    "DROP TRIGGER IF EXISTS person_fts_ai",
    "DROP TRIGGER IF EXISTS person_fts_ad",
    "DROP TRIGGER IF EXISTS person_fts_au",
    "DROP TABLE IF EXISTS person_fts",
)

NAME_INDEX_DDL = (
    f"CREATE INDEX IF NOT EXISTS {NAME_INDEX} "
    "ON person (family_name COLLATE NOCASE, given_name COLLATE NOCASE)"
)
NAME_INDEX_DROP = f"DROP INDEX IF EXISTS {NAME_INDEX}"


# --- PostgreSQL (revision 0007) ---------------------------------------------------
# PostgreSQL's ILIKE over seven columns scans 100,000 people in 0.3 to 0.9 s, and sorting them
# by lower(name) costs 0.2 s. Two expression indexes answer both:
# - ``ix_person_search_trgm``: a pg_trgm GIN index over the searched columns joined by spaces.
#   ``text ILIKE '%word%'`` is answered from it for words of three characters or more, with the
#   same answers as ILIKE on each column (a search word holds no space, so it cannot match
#   across two columns). It needs the pg_trgm extension (a trusted extension since PostgreSQL
#   13, so the database's owner may create it); where that fails, search scans as before.
# - ``ix_person_name_lower``: ``(lower(family_name), lower(given_name), id)``, the directory's
#   order, so the first page of a short or empty search is read along it.
SERVER_SEARCH_INDEX = "ix_person_search_trgm"
SERVER_NAME_INDEX = "ix_person_name_lower"
# The indexed expression before revision 0010 (the columns joined by spaces); since, the
# ``search_text`` column (services.people searches it with LIKE, the text being folded).
SERVER_SEARCH_TEXT_0007 = " || ' ' || ".join(SEARCH_COLUMNS)


def create_server_indexes(conn: Connection) -> bool:
    """Create the PostgreSQL search and name indexes (elsewhere nothing); returns whether the
    search index is there afterwards (pg_trgm may be missing or refused)."""
    if conn.dialect.name != "postgresql":
        return False
    conn.execute(
        text(
            f"CREATE INDEX IF NOT EXISTS {SERVER_NAME_INDEX} "
            "ON person (lower(family_name), lower(given_name), id)"
        )
    )
    try:
        with conn.begin_nested():  # a refusal must not abort the migration's transaction
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except SQLAlchemyError:
        return False
    indexed = _indexed_columns(conn)
    expression = SEARCH_TEXT if indexed == INDEXED_COLUMNS else SERVER_SEARCH_TEXT_0007
    conn.execute(
        text(
            f"CREATE INDEX IF NOT EXISTS {SERVER_SEARCH_INDEX} "
            f"ON person USING gin (({expression}) gin_trgm_ops)"
        )
    )
    return True


def drop_server_indexes(conn: Connection) -> None:
    """Drop what :func:`create_server_indexes` made (the extension stays: others may use it)."""
    if conn.dialect.name != "postgresql":
        return
    _exec(
        conn,
        [
            f"DROP INDEX IF EXISTS {SERVER_SEARCH_INDEX}",
            f"DROP INDEX IF EXISTS {SERVER_NAME_INDEX}",
        ],
    )


def has_server_search_index(conn: Connection) -> bool:
    if conn.dialect.name != "postgresql":
        return False
    found = conn.execute(
        text("SELECT 1 FROM pg_indexes WHERE tablename = 'person' AND indexname = :name"),
        {"name": SERVER_SEARCH_INDEX},
    ).first()
    return found is not None


def include_name(name: str | None, type_: str, _parent_names: Any = None) -> bool:
    """Alembic's ``include_name`` hook: skip the objects of one back end only above (and FTS5's
    shadow tables ``person_fts_data`` ...) when comparing the database with the model."""
    if name is None:
        return True
    if type_ == "table" and (name == SEARCH_INDEX_TABLE or name.startswith("person_fts_")):
        return False
    return not (type_ == "index" and name in (NAME_INDEX, SERVER_SEARCH_INDEX, SERVER_NAME_INDEX))


@cache
def trigram_available() -> bool:
    """Whether this process's SQLite has FTS5 with the trigram tokenizer (3.34 and later).

    Asked of a scratch in-memory database: the same library serves every connection, and
    probing there cannot disturb a migration's transaction."""
    try:
        with closing(sqlite3.connect(":memory:")) as conn:
            conn.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='trigram')")
    except sqlite3.Error:
        return False
    return True


def _exec(conn: Connection, statements: tuple[str, ...] | list[str]) -> None:
    for statement in statements:
        conn.execute(text(statement))


def create_people_indexes(conn: Connection) -> bool:
    """Create the name index and, where the tokenizer exists, the search index (SQLite only;
    elsewhere nothing). Returns whether the search index is there afterwards."""
    if conn.dialect.name != "sqlite":
        return False
    _exec(conn, [NAME_INDEX_DDL])
    if not trigram_available():
        return False
    _exec(conn, search_index_ddl(_indexed_columns(conn)))
    return True


def rebuild_search_index(conn: Connection, columns: tuple[str, ...]) -> None:
    """Re-create the search index over ``columns`` where there is one (SQLite only)."""
    if has_search_table(conn):
        _exec(conn, [*SEARCH_INDEX_DROP, *search_index_ddl(columns)])


def drop_people_indexes(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    _exec(conn, [*SEARCH_INDEX_DROP, NAME_INDEX_DROP])


def has_search_table(conn: Connection) -> bool:
    if conn.dialect.name != "sqlite":
        return False
    found = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": SEARCH_INDEX_TABLE},
    ).first()
    return found is not None


def restore_person_extras(conn: Connection) -> None:
    """After a batch rebuild of ``person``: put the name index back with its collation, the
    triggers back on the new table, and refill the search index (rows copied by the rebuild
    went past the triggers). Call it in the revision, after the ``batch_alter_table`` block."""
    if conn.dialect.name != "sqlite":
        return
    _exec(conn, [NAME_INDEX_DROP, NAME_INDEX_DDL])
    if has_search_table(conn):
        _exec(conn, search_index_ddl(_indexed_columns(conn)))


def repair_person_extras(conn: Connection) -> bool:
    """Run after every migration: if a revision rebuilt ``person`` and forgot
    :func:`restore_person_extras`, do it now. Returns whether anything needed repair."""
    if conn.dialect.name != "sqlite":
        return False
    if _extras_broken(conn):
        restore_person_extras(conn)
        return True
    return False


def _extras_broken(conn: Connection) -> bool:
    rows = conn.execute(
        text("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('person', :fts)"),
        {"fts": SEARCH_INDEX_TABLE},
    ).all()
    schema = {str(name): (str(kind), str(sql or "")) for kind, name, sql in rows}
    triggers = {"person_fts_ai", "person_fts_ad", "person_fts_au"}
    broken_search = SEARCH_INDEX_TABLE in schema and not triggers <= set(schema)
    broken_names = NAME_INDEX in schema and "NOCASE" not in schema[NAME_INDEX][1].upper()
    return broken_search or broken_names


def fits_this_sqlite(conn: Connection) -> bool:
    """Whether :func:`fit_to_this_sqlite` has nothing to do: asked in a read transaction at
    every open, so that opening never waits for another program's write."""
    if conn.dialect.name != "sqlite":
        return True
    if trigram_available():
        return not _extras_broken(conn)
    return not conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'person_fts_%'")
    ).first()


def fit_to_this_sqlite(conn: Connection) -> None:
    """Run whenever a database opens. A file moves between machines: where this SQLite lacks
    the trigram tokenizer, the search triggers would make every change to ``person`` fail, so
    they are dropped (search scans with LIKE); where it has the tokenizer and the triggers are
    gone, they are put back and the index refilled."""
    if conn.dialect.name != "sqlite":
        return
    if trigram_available():
        repair_person_extras(conn)
        return
    present = conn.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'person_fts_%'")
    ).all()
    for (name,) in present:
        conn.execute(text(f'DROP TRIGGER IF EXISTS "{name}"'))


class case_insensitive(FunctionElement[str]):  # lower case: it reads as SQL in a query
    """A text column compared without regard to case, for ORDER BY.

    On SQLite ``col COLLATE NOCASE``, which ``ix_person_name_nocase`` serves; elsewhere
    ``lower(col)`` (PostgreSQL has no NOCASE collation)."""

    name = "case_insensitive"
    type = String()
    inherit_cache = True


@compiles(case_insensitive)
def _lower(element: case_insensitive, compiler: SQLCompiler, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(case_insensitive, "sqlite")
def _nocase(element: case_insensitive, compiler: SQLCompiler, **kw: Any) -> str:
    [argument] = element.clauses.clauses
    inner = compiler.process(argument, **kw)
    # A bare column keeps its form (so the index matches); any other expression is wrapped.
    if not isinstance(argument, ColumnClause):
        inner = f"({inner})"
    return f"{inner} COLLATE NOCASE"
