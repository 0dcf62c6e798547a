"""Moving a database to another one (``planner db copy``) and describing one (``planner db info``).

The promise this keeps: a team outgrowing one laptop copies its SQLite file onto a shared
PostgreSQL server and points everyone at it. The copy

- goes only into an empty database (no tables, or planner's tables without rows): it never
  merges into, or overwrites, someone's data;
- migrates the target to the current schema first, with the same migrations as ever;
- copies every table of the model in dependency order (parents before children), rows in
  primary-key order and in batches, inside ONE transaction on the target: if anything fails,
  nothing is left half-copied;
- counts the rows of every table on both sides before it commits, and rolls back on a mismatch;
- on PostgreSQL, moves each table's id sequence past the copied ids, so new rows do not collide.

The source is read in one transaction too (SQLite gives it a consistent snapshot), so the
application may stay open while it runs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, create_engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from planner.errors import PlannerError

from .backup import sqlite_file_path
from .database import Database, make_engine
from .health import driver_reason, read_only_query
from .migrations import SchemaState, check_is_ours, inspect_schema, upgrade_database
from .revisions import HEAD_REVISION

BATCH_ROWS = 1000
Progress = Callable[[str, int], None]  # (table name, rows copied so far in it)


@dataclass(frozen=True)
class CopyReport:
    target: str  # the URL without its password
    revision: str
    counts: Mapping[str, int]  # table -> rows, in the order copied

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        tables = sum(1 for n in self.counts.values() if n)
        return (
            f"copied {self.rows} rows in {tables} tables to {self.target} "
            f"(schema {self.revision}); row counts checked"
        )


@dataclass(frozen=True)
class DatabaseInfo:
    url: str  # without the password
    backend: str  # "sqlite", "postgresql" ...
    server_version: str
    revision: str | None
    head_revision: str
    counts: Mapping[str, int]
    file_size: int | None  # SQLite files only
    search_index: bool

    def lines(self) -> list[str]:
        if self.revision is None:
            schema = "none (an empty database)"
        elif self.revision == self.head_revision:
            schema = f"{self.revision} (current)"
        else:
            schema = f"{self.revision} (opening it will update it to {self.head_revision})"
        out = [
            f"database: {self.url}",
            f"server:   {self.backend} {self.server_version}",
            f"schema:   {schema}",
        ]
        if self.file_size is not None:
            out.append(f"size:     {_size(self.file_size)}")
        if self.backend == "sqlite" and self.revision is not None:
            index = "full-text (FTS5 trigram)" if self.search_index else "none (search scans)"
            out.append(f"search:   {index}")
        if self.counts:
            out.append("rows:")
            width = max(len(name) for name in self.counts)
            out += [f"  {name:<{width}}  {count}" for name, count in self.counts.items()]
        return out


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    size = n / 1024
    for unit in ("KB", "MB"):
        if size < 1024:
            return f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def _tables() -> list[Table]:
    """The model's tables, parents before children."""
    from planner.model import Base

    return list(Base.metadata.sorted_tables)


def _hidden(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _counts(conn: Connection, tables: list[Table], present: frozenset[str]) -> dict[str, int]:
    return {
        table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        for table in tables
        if table.name in present
    }


def _same_database(a: Engine, b: Engine) -> bool:
    path_a, path_b = sqlite_file_path(a), sqlite_file_path(b)
    if path_a is not None or path_b is not None:
        return path_a == path_b
    return _hidden(a) == _hidden(b)


def _check_target_empty(engine: Engine, state: SchemaState) -> None:
    """Refuse a target holding anything: copying never merges into existing data."""
    check_is_ours(engine, state)
    if state.empty:
        return
    try:
        with engine.connect() as conn:
            counts = _counts(conn, _tables(), state.tables)
    except SQLAlchemyError as error:
        raise PlannerError(f"{_hidden(engine)}: cannot read it ({driver_reason(error)})") from None
    filled = [f"{name} ({n})" for name, n in counts.items() if n]
    if filled:
        shown = ", ".join(filled[:4]) + (" ..." if len(filled) > 4 else "")
        raise PlannerError(
            f"{_hidden(engine)}: not empty ({shown}); copy into an empty database only"
        )


def _copy_table(
    source: Connection, target: Connection, table: Table, progress: Progress | None
) -> None:
    order = list(table.primary_key.columns) or list(table.columns)
    result = source.execute(select(table).order_by(*order).execution_options(yield_per=BATCH_ROWS))
    done = 0
    for partition in result.mappings().partitions(BATCH_ROWS):
        batch = [dict(row) for row in partition]
        target.execute(table.insert(), batch)
        done += len(batch)
        if progress is not None:
            progress(table.name, done)


def _reset_sequences(target: Connection, tables: list[Table]) -> None:
    """PostgreSQL: an id inserted explicitly does not advance the column's sequence, so the
    next INSERT would reuse id 1. Move every sequence to the table's largest id."""
    if target.dialect.name != "postgresql":
        return
    quote = target.dialect.identifier_preparer.quote
    for table in tables:
        for column in table.primary_key.columns:
            # NULL for a column without a sequence (SERIAL and IDENTITY columns have one).
            sequence = target.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": quote(table.name), "column": column.name},
            ).scalar()
            if sequence is None:
                continue
            target.execute(
                text(
                    f"SELECT setval(:sequence, COALESCE(MAX({quote(column.name)}), 1), "
                    f"MAX({quote(column.name)}) IS NOT NULL) FROM {quote(table.name)}"
                ),
                {"sequence": sequence},
            )


def copy_database(
    source: Database, target_url: str, progress: Progress | None = None
) -> CopyReport:
    """Copy everything in ``source`` into the empty database at ``target_url``."""
    target_engine = make_engine(target_url)
    try:
        if _same_database(source.engine, target_engine):
            raise PlannerError(f"{_hidden(target_engine)}: that is the database being copied")
        _check_target_empty(target_engine, inspect_schema(target_engine))
        upgrade_database(target_engine)
        tables = _tables()
        names = frozenset(table.name for table in tables)
        try:
            with source.engine.connect() as src, src.begin(), target_engine.begin() as dst:
                for table in tables:
                    _copy_table(src, dst, table, progress)
                _reset_sequences(dst, tables)
                expected = _counts(src, tables, names)
                copied = _counts(dst, tables, names)
                if copied != expected:
                    differ = [n for n in expected if expected[n] != copied.get(n)]
                    raise PlannerError(
                        "copy stopped, nothing written: row counts differ in "
                        + ", ".join(
                            f"{n} ({expected[n]} here, {copied.get(n)} there)" for n in differ
                        )
                    )
        except SQLAlchemyError as error:
            raise PlannerError(
                f"{_hidden(target_engine)}: copy stopped, nothing written ({driver_reason(error)})"
            ) from None
        return CopyReport(_hidden(target_engine), HEAD_REVISION, expected)
    finally:
        target_engine.dispose()


def database_info(url: str) -> DatabaseInfo:
    """What the database at ``url`` holds, without changing it (no migration, no WAL switch
    for a SQLite file: it is read through a read-only connection)."""
    from .people_index import SEARCH_INDEX_TABLE

    engine = make_engine(url)
    try:
        state = inspect_schema(engine)
        check_is_ours(engine, state)
        path = sqlite_file_path(engine)
        if path is not None and not path.is_file():
            raise PlannerError(f"{path}: no such database file")
        read_engine = engine if path is None else _readonly_engine(path)
        try:
            with read_engine.connect() as conn:
                counts = _counts(conn, _tables(), state.tables)
                version = _server_version(conn)
        except SQLAlchemyError as error:
            raise PlannerError(
                f"{_hidden(engine)}: cannot read it ({driver_reason(error)})"
            ) from None
        finally:
            if read_engine is not engine:
                read_engine.dispose()
        return DatabaseInfo(
            url=_hidden(engine),
            backend=engine.dialect.name,
            server_version=version,
            revision=state.revision,
            head_revision=HEAD_REVISION,
            counts=counts,
            file_size=path.stat().st_size if path is not None and path.exists() else None,
            search_index=SEARCH_INDEX_TABLE in state.tables,
        )
    finally:
        engine.dispose()


def _readonly_engine(path: Path) -> Engine:
    """A plain engine on a SQLite file opened read-only (no WAL switch, nothing written)."""
    uri = path.resolve().as_uri() + "?" + read_only_query(path)
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))


def _server_version(conn: Connection) -> str:
    info = conn.dialect.server_version_info
    return ".".join(str(part) for part in info) if info else ""
