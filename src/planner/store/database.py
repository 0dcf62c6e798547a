"""Engine, session factory and the one way to open a database.

``Database.open(url)`` is what the CLI, the GUI and the tests call: it configures SQLite (WAL,
foreign keys, busy timeout), backs the file up and migrates it to the current schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from planner.errors import PlannerError

SQLITE_BUSY_TIMEOUT_MS = 5000


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 driver opens its own transaction; let SQLAlchemy decide (see the begin hook).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_sqlite(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def _in_memory(url: str) -> bool:
    parsed = make_url(url)
    return parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"


def make_engine(url: str) -> Engine:
    """An engine with the project's SQLite settings (a plain engine for other back ends)."""
    if url.startswith("sqlite"):
        options: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if _in_memory(url):
            # One shared connection, or every session (and thread) would see its own empty DB.
            options["poolclass"] = StaticPool
        engine = create_engine(url, **options)
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    return _server_engine(url)


POSTGRES_DRIVER_MISSING = (
    "PostgreSQL needs the psycopg driver, which is not installed: run "
    "`uv run --extra postgres planner ...` or `pip install 'planner[postgres]'`"
)


def _server_engine(url: str) -> Engine:
    """An engine for a database server; a missing driver or a malformed URL is one line."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        where = url.rsplit("@", 1)[-1]  # never echo a password
        raise PlannerError(
            f"{where}: not a database URL (e.g. postgresql://user@host/planner)"
        ) from None
    if parsed.drivername == "postgresql":
        # SQLAlchemy's default PostgreSQL driver is psycopg2; planner's extra installs psycopg 3.
        parsed = parsed.set(drivername="postgresql+psycopg")
    shown = parsed.render_as_string(hide_password=True)
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except ModuleNotFoundError as error:
        if parsed.drivername == "postgresql+psycopg":
            raise PlannerError(POSTGRES_DRIVER_MISSING) from None
        raise PlannerError(f"{shown}: its driver ({error.name}) is not installed") from None
    except (NoSuchModuleError, ArgumentError) as error:
        raise PlannerError(f"{shown}: not a database planner can use ({error})") from None


def driver_reason(error: SQLAlchemyError) -> str:
    """The driver's message without SQLAlchemy's SQL echo and links."""
    return str(getattr(error, "orig", None) or error).splitlines()[0]


class Database:
    """One database: an engine and short, detached sessions over it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Database:
        """Open ``url``; unless ``migrate`` is false, bring its schema up to date first."""
        from .migrations import upgrade_database

        db = cls(make_engine(url))
        if migrate:
            upgrade_database(db.engine)
            if db.engine.dialect.name == "sqlite":
                from .people_index import fit_to_this_sqlite

                with db.engine.begin() as conn:
                    fit_to_this_sqlite(conn)
        return db

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except OperationalError as error:
            # Locked past the busy timeout, read-only file, disk full, server gone: the user
            # can act on these, so they get a line, not a traceback.
            session.rollback()
            raise PlannerError(f"{self.url}: {driver_reason(error)}; nothing was saved") from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
