"""PostgreSQL advisory locks: what must not run twice at once on one server waits instead.

SQLite needs none of this: every writing transaction there takes the database's one write lock
first (BEGIN IMMEDIATE, see ``store.database``), so two planners' writes already queue.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Engine, TextClause, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from planner.errors import PlannerError

from .health import APPLICATION_ID, driver_reason

# PostgreSQL advisory locks: (planner's application id "PLNR", what is locked). Two planners on one
# server take them so that what must not run twice at once waits instead (SQLite gets the same
# from its one write lock, taken by BEGIN IMMEDIATE).
MIGRATION_LOCK = 1  # migrating the schema: a second first start waits, then finds it migrated
PEOPLE_LOCK = 2  # matching and inserting people: two imports never both create one person


@contextmanager
def server_lock(engine: Engine, what: int) -> Iterator[None]:
    """Hold a session-level advisory lock for the block (PostgreSQL; elsewhere nothing), on a
    connection of its own: the work inside may use other connections and commit as it likes."""
    if engine.dialect.name != "postgresql":
        yield
        return
    conn = None
    try:
        conn = engine.connect()
        conn.execute(_advisory("pg_advisory_lock"), _key(what))
        conn.commit()
    except SQLAlchemyError as error:
        if conn is not None:
            conn.close()
        shown = engine.url.render_as_string(hide_password=True)
        raise PlannerError(f"{shown}: cannot open the database ({driver_reason(error)})") from None
    with conn:
        try:
            yield
        finally:
            # Closing the connection ends the session and its locks anyway (a server gone
            # away must not hide the error that ended the block).
            with suppress(SQLAlchemyError):
                conn.execute(_advisory("pg_advisory_unlock"), _key(what))
                conn.commit()


def lock_for_transaction(session: Session, what: int) -> None:
    """Take an advisory lock until ``session``'s transaction ends (PostgreSQL; elsewhere
    nothing: a SQLite writer already holds the database's write lock)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_advisory("pg_advisory_xact_lock"), _key(what))


def _advisory(function: str) -> TextClause:
    return text(f"SELECT {function}(CAST(:space AS integer), CAST(:what AS integer))")


def _key(what: int) -> dict[str, int]:
    return {"space": APPLICATION_ID, "what": what}
