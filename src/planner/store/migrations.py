"""Schema migrations: Alembic revisions shipped in the package, applied when a database opens.

``upgrade_database(engine)`` is called by ``Database.open``. Before it changes anything it makes
sure the database is one of ours (a SQLite file that is not SQLite, a database full of someone
else's tables, or one written by a newer planner is refused with one clear line, untouched),
and it backs an existing SQLite file up with SQLite's backup API.

Foreign keys are switched off around the migration on SQLite: a batch migration rebuilds a table
by copying it and dropping the original, and with foreign keys on, dropping a parent table
cascades into its children (agenda items, participations ...). ``PRAGMA foreign_key_check``
runs before the commit, so a migration that would leave dangling references is rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import SQLAlchemyError

from planner.errors import PlannerError

from .backup import backup_before_migration, sqlite_file_path
from .health import APPLICATION_ID, driver_reason
from .people_index import repair_person_extras
from .revisions import (
    HEAD_REVISION,
    UNVERSIONED,
    VERSION_TABLE,
    alembic_config,
    known_revisions,
)
from .schema_state import SchemaState, inspect_sqlite_file
from .server_locks import MIGRATION_LOCK, server_lock

__all__ = [
    "HEAD_REVISION",
    "SchemaState",
    "check_is_ours",
    "current_revision",
    "downgrade_database",
    "inspect_schema",
    "upgrade_database",
]


# Tables later revisions added: a file from before planner shipped migrations (or one a newer
# planner made and an older would see) is recognised by the tables of the first revision.
LATER_TABLES = frozenset({"dispatch", "change"})  # revisions 0008 and 0009


def _planner_tables() -> frozenset[str]:
    from planner.model import Base

    return frozenset(Base.metadata.tables)


def _first_tables() -> frozenset[str]:
    """The tables every planner database has had since the first revision."""
    return _planner_tables() - LATER_TABLES


def _describe(engine: Engine) -> str:
    path = sqlite_file_path(engine)
    return str(path) if path is not None else engine.url.render_as_string(hide_password=True)


def _inspect_engine(engine: Engine) -> SchemaState:
    from alembic.runtime.migration import MigrationContext

    try:
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            revision = MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as error:
        raise PlannerError(
            f"{_describe(engine)}: cannot open the database ({driver_reason(error)})"
        ) from None
    return SchemaState(revision, frozenset(names - {VERSION_TABLE}))


def inspect_schema(engine: Engine) -> SchemaState:
    path = sqlite_file_path(engine)
    if path is not None:
        return inspect_sqlite_file(path)
    return _inspect_engine(engine)


def check_is_ours(engine: Engine, state: SchemaState) -> None:
    """Refuse, with one line, a database this version of planner must not migrate."""
    where = _describe(engine)
    if state.revision is not None:
        if state.revision != HEAD_REVISION and state.revision not in known_revisions():
            if not _first_tables() <= state.tables:
                raise PlannerError(
                    f"{where}: not a planner database (another program's, schema {state.revision})"
                )
            raise PlannerError(
                f"{where}: made by a newer version of planner (schema {state.revision}); "
                "update planner to open it"
            )
        return
    if state.empty:
        return
    foreign = sorted(state.tables - _planner_tables())
    if foreign or not _first_tables() <= state.tables:
        shown = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise PlannerError(
            f"{where}: not a planner database"
            + (f" (it holds other tables: {shown})" if foreign else " (tables are missing)")
        )
    # Planner's tables and no schema version: made before planner shipped migrations. Those
    # files were never given to anyone, so they are refused rather than guessed at.
    raise PlannerError(f"{where}: {UNVERSIONED}")


def current_revision(engine: Engine) -> str | None:
    return inspect_schema(engine).revision


@contextmanager
def _foreign_keys_off(conn: Connection) -> Iterator[None]:
    """SQLite: foreign keys off for the block. The pragma is a no-op inside a transaction,
    so it is sent on the raw connection before SQLAlchemy begins one."""
    if conn.dialect.name != "sqlite":
        yield
        return
    raw: Any = conn.connection.driver_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _broken_references(conn: Connection) -> set[tuple[Any, ...]]:
    if conn.dialect.name != "sqlite":
        return set()
    return {tuple(row) for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()}


def _check_foreign_keys(conn: Connection, before: set[tuple[Any, ...]]) -> None:
    """Fail (and so roll back) if the migration broke references. Ones that were already
    broken before it are not its doing, and refusing them would lock the user out."""
    broken = _broken_references(conn) - before
    if broken:
        tables = sorted({str(row[0]) for row in broken})
        raise PlannerError(
            "migration stopped, nothing changed: it would leave "
            f"{len(broken)} broken references in {', '.join(tables)}"
        )


def _run(engine: Engine, action: Literal["upgrade", "downgrade"], target: str) -> None:
    from alembic import command

    config = alembic_config()
    with engine.connect() as conn, _foreign_keys_off(conn), conn.begin():
        before = _broken_references(conn)
        config.attributes["connection"] = conn
        if action == "upgrade":
            command.upgrade(config, target)
            # A revision that rebuilt ``person`` may have dropped the search triggers.
            repair_person_extras(conn)
        else:
            command.downgrade(config, target)
        _check_foreign_keys(conn, before)


def _prepare_folder(engine: Engine) -> None:
    path = sqlite_file_path(engine)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlannerError(f"{path.parent}: cannot create the folder ({error.strerror})") from None


def upgrade_database(engine: Engine) -> bool:
    """Bring the database to the newest schema, after checking it is ours and backing it up.
    True when the database was new (empty) and has just been created."""
    state = inspect_schema(engine)
    check_is_ours(engine, state)
    if state.revision == HEAD_REVISION:
        _claim(engine, state)
        return False
    # Two first starts on one empty server database would both create the tables, and one
    # would fail on a duplicate pg_type key, losing its work. The second waits here instead
    # and then, looking again, finds the schema at head.
    with server_lock(engine, MIGRATION_LOCK):
        return _upgrade_locked(engine, inspect_schema(engine))


def _upgrade_locked(engine: Engine, state: SchemaState) -> bool:
    check_is_ours(engine, state)
    if state.revision == HEAD_REVISION:
        return False
    _prepare_folder(engine)
    if not state.empty:
        backup_before_migration(engine, state.revision or "unversioned")
    try:
        _run(engine, "upgrade", "head")
        _claim(engine, state)
    except SQLAlchemyError as error:
        raise PlannerError(
            f"{_describe(engine)}: could not update the database ({driver_reason(error)}); "
            "it was left as it was"
        ) from None
    return state.empty


def _claim(engine: Engine, state: SchemaState) -> None:
    """Write our application id into a SQLite file that is ours but does not carry it yet
    (new, or made before planner set it). Only after check_is_ours: never on a foreign file."""
    if engine.dialect.name != "sqlite" or state.application_id == APPLICATION_ID:
        return
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")


def downgrade_database(engine: Engine, revision: str = "base") -> None:
    """Step the schema back to ``revision`` ("base" drops everything). For tests and rescue."""
    _run(engine, "downgrade", revision)


def check_schema_current(engine: Engine, read_only_reason: str) -> None:
    """A database opened read-only cannot be migrated: it opens only when it is ours and its
    schema is the newest (an older one says so, with ``read_only_reason``)."""
    state = inspect_schema(engine)
    check_is_ours(engine, state)
    if state.revision != HEAD_REVISION:
        raise PlannerError(
            f"{_describe(engine)}: the database was made by an older planner and needs "
            f"updating, which this program cannot do here. {read_only_reason}"
        )
