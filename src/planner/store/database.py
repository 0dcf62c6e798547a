"""Engine, session factory and the one way to open a database.

``Database.open(url)`` is what the CLI, the GUI and the tests call: it configures SQLite (WAL,
foreign keys, busy timeout), backs the file up and migrates it to the current schema.

Concurrent writers queue instead of failing. On SQLite every writing transaction begins
IMMEDIATE: it takes the write lock first, waiting up to the busy timeout for another writer to
finish. A plain (deferred) BEGIN would read first and ask for the lock at its first write, and
when another process has committed in between SQLite refuses at once ("database is locked"),
however long the timeout. Reads (``session(write=False)``) begin deferred and, in WAL mode,
never wait for a writer.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from planner.errors import DamagedDatabaseError, PlannerError

from . import events as _events  # noqa: F401  (registers the SEQUENCE hook with the ORM)
from . import history as _history  # noqa: F401  (registers the history listeners)
from .health import driver_reason
from .live import (
    FILE_READ_ONLY,
    FOLDER_READ_ONLY,
    SERVER_READ_ONLY,
    Changed,
    LiveHooks,
    ReadOnlyDatabaseError,
)

# How long a writer waits for another one before giving up with "nothing was saved". A 50,000-
# row import holds the lock for about 11 s, and over a minute on a loaded machine (measured: 84 s
# at load 7 on 2 cores). Reads in WAL mode do not wait.
SQLITE_BUSY_TIMEOUT_MS = 300_000
# The window waits less: its reads and writes run on the GUI thread, and a window frozen for
# five minutes looks dead. Past this a write fails into the save-failure dialog (try again,
# save to a package, discard), and the user decides.
WINDOW_BUSY_TIMEOUT_MS = 10_000
# The execution option that marks a connection whose transactions only read.
READ_ONLY_OPTION = "planner_read_only"


def _configure_sqlite(dbapi_connection: Any, busy_timeout_ms: int) -> None:
    # The sqlite3 driver opens its own transaction; let SQLAlchemy decide (see the begin hook).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


# Per thread: the database files on which this thread holds the write lock, and through how
# many connections (a session opened inside another's block uses a second connection).
_writing = threading.local()
_HOLDS = "planner_holds_write_lock"


def _held() -> dict[str, int]:
    if not hasattr(_writing, "files"):
        _writing.files = {}
    files: dict[str, int] = _writing.files
    return files


def _begin_sqlite(conn: Any) -> None:
    file = str(conn.engine.url.database)
    if conn.get_execution_options().get(READ_ONLY_OPTION) or _held().get(file):
        # A read; or a session opened while this same thread holds the write lock through
        # another connection: BEGIN IMMEDIATE would wait for itself until the timeout. Deferred,
        # it reads as before (and, should it write, fails as it always did).
        conn.exec_driver_sql("BEGIN")
        return
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as error:
        if not str(getattr(error.orig, "sqlite_errorname", "")).startswith("SQLITE_READONLY"):
            raise
        # A read-only file (or folder, or query_only): no write lock to take, but reading it
        # must still work; a write in this transaction fails with "readonly", as it should.
        conn.exec_driver_sql("BEGIN")
        return
    conn.info[_HOLDS] = file
    _held()[file] = _held().get(file, 0) + 1


def _end_sqlite(conn: Any) -> None:
    file = conn.info.pop(_HOLDS, None)
    if file is not None:
        held = _held()
        held[file] = max(0, held.get(file, 0) - 1)


def _damaged_sqlite(context: Any) -> None:
    """Every statement's error passes here: a damaged file becomes one line for the user."""
    from .health import damage_reason

    reason = damage_reason(context.original_exception)
    if reason is not None:
        raise DamagedDatabaseError(_file_of(context.engine), reason)


def _file_of(engine: Engine | None) -> str:
    if engine is None:
        return "the database"
    from .backup import sqlite_file_path

    path = sqlite_file_path(engine)
    return str(path) if path is not None else engine.url.render_as_string(hide_password=True)


def _in_memory(url: str) -> bool:
    parsed = make_url(url)
    return parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"


def make_engine(url: str, *, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> Engine:
    """An engine with the project's SQLite settings (a plain engine for other back ends);
    ``busy_timeout_ms`` is how long a SQLite writer waits for another one."""
    if url.startswith("sqlite"):
        options: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if _in_memory(url):
            # One shared connection, or every session (and thread) would see its own empty DB.
            options["poolclass"] = StaticPool
        engine = create_engine(url, **options)
        event.listen(
            engine, "connect", lambda conn, _record: _configure_sqlite(conn, busy_timeout_ms)
        )
        event.listen(engine, "begin", _begin_sqlite)
        event.listen(engine, "commit", _end_sqlite)
        event.listen(engine, "rollback", _end_sqlite)
        event.listen(engine, "handle_error", _damaged_sqlite)
        return engine
    return _server_engine(url)


# psycopg is one of planner's own dependencies: missing, the installation itself is broken.
POSTGRES_DRIVER_MISSING = (
    "PostgreSQL needs the psycopg driver, which planner installs but this installation lacks: "
    "reinstall planner (`uv sync`, or `pip install --force-reinstall planner`)"
)


def _server_engine(url: str) -> Engine:
    """An engine for a database server; a missing driver or a malformed URL is one line."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        where = url.rsplit("@", 1)[-1]  # never echo a password
        raise PlannerError(
            f"{where}: not a database URL (e.g. postgresql://user@host/planner)"
        ) from None
    if parsed.drivername == "postgresql":
        # SQLAlchemy's default PostgreSQL driver is psycopg2; planner installs psycopg 3.
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


class Database:
    """One database: an engine and short, detached sessions over it."""

    def __init__(self, engine: Engine, *, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> None:
        self.engine = engine
        self.busy_timeout_ms = busy_timeout_ms
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._reads = sessionmaker(
            engine.execution_options(**{READ_ONLY_OPTION: True}), expire_on_commit=False
        )
        # Names this handle in the change notices it sends, so its own are told apart.
        self.origin = secrets.token_hex(8)
        self._live = LiveHooks(self.origin, postgres=engine.dialect.name == "postgresql")
        self._live.install(engine, self._sessions, self._reads)

    @property
    def read_only_reason(self) -> str | None:
        """Why this handle may read but not write (a sentence for the user), or None."""
        return self._live.read_only_reason

    @property
    def read_only(self) -> bool:
        return self._live.read_only_reason is not None

    def on_commit(self, listener: Callable[[Changed], None]) -> Callable[[], None]:
        """Call ``listener`` (in the committing thread) after each commit of this handle that
        changed something; returns what removes it again."""
        self._live.listeners.append(listener)
        return lambda: self._live.listeners.remove(listener)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @classmethod
    def open(
        cls, url: str, *, migrate: bool = True, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS
    ) -> Database:
        """Open ``url``; unless ``migrate`` is false, bring its schema up to date first (after
        a backup) and take the day's automatic backup if there is none yet.

        ``busy_timeout_ms``: how long a write waits for another program's (SQLite); the window
        passes :data:`WINDOW_BUSY_TIMEOUT_MS`."""
        from .migrations import upgrade_database

        engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
        if engine.dialect.name == "sqlite":
            problem = _cannot_create_here(engine)
            if problem is not None:
                engine.dispose()
                raise PlannerError(problem)
        if engine.dialect.name == "sqlite" and _unwritable_sqlite_file(engine):
            # Opened read-write, SQLite would fail at the first write (or at the WAL's creation)
            # with words nobody can act on; opened read-only it reads and refuses writes.
            engine.dispose()
            engine = make_engine(_read_only_url(engine), busy_timeout_ms=busy_timeout_ms)
        db = cls(engine, busy_timeout_ms=busy_timeout_ms)
        try:
            db._live.read_only_reason = _read_only_reason(engine)
        except OperationalError as error:
            db.dispose()
            raise _cannot_open(db, error) from None
        if migrate and db.read_only:
            from .migrations import check_schema_current

            try:
                check_schema_current(db.engine, db._live.read_only_reason or "")
            except BaseException:
                db.dispose()
                raise
        elif migrate:
            try:
                created = upgrade_database(db.engine)
                if db.engine.dialect.name == "sqlite":
                    db._fit_to_this_sqlite()
                    if not created:
                        from .backup import daily_backup

                        daily_backup(db.engine)
            except OperationalError as error:
                # Busy past the timeout, a read-only file or folder, a full disk.
                db.dispose()
                raise _cannot_open(db, error) from None
            except BaseException:
                db.dispose()
                raise
        return db

    def _fit_to_this_sqlite(self) -> None:
        from .people_index import fit_to_this_sqlite, fits_this_sqlite

        with self.engine.execution_options(**{READ_ONLY_OPTION: True}).begin() as conn:
            if fits_this_sqlite(conn):
                return  # nearly always: and a read does not wait for a writer
        with self.engine.begin() as conn:
            fit_to_this_sqlite(conn)

    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back if it raises.

        ``write=False`` for a transaction that only reads: on SQLite it then does not take
        the write lock, so it neither waits for a writer nor makes one wait. A write in it
        fails ("database is locked") whenever another process writes at the same time.
        """
        session = (self._sessions if write else self._reads)()
        try:
            yield session
            session.commit()
        except ReadOnlyDatabaseError:
            _rollback(session)
            raise
        except OperationalError as error:
            # Locked past the busy timeout, read-only file, disk full, server gone: the user
            # can act on these, so they get a line, not a traceback.
            _rollback(session)
            if self.read_only and _refused_write(error):
                raise ReadOnlyDatabaseError(self._live.read_only_reason or "") from error
            if str(getattr(error.orig, "sqlite_errorname", "")).startswith("SQLITE_BUSY"):
                waited = self.busy_timeout_ms / 1000
                raise PlannerError(
                    f"{self.url}: another program kept the database busy for {waited:g} s; "
                    "nothing was saved: try again when it has finished"
                ) from error
            raise PlannerError(f"{self.url}: {driver_reason(error)}; nothing was saved") from error
        except DBAPIError as error:
            _rollback(session)
            if self.read_only and _refused_write(error):
                # A write the hooks could not see (raw SQL): the server or file refused it.
                raise ReadOnlyDatabaseError(self._live.read_only_reason or "") from error
            raise
        except BaseException:
            _rollback(session)
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _cannot_open(db: Database, error: OperationalError) -> PlannerError:
    """Why ``db`` did not open, in one line; a full disk is said as such (the file is fine)."""
    from .backup import sqlite_file_path
    from .health import disk_full, out_of_space

    path = sqlite_file_path(db.engine)
    if path is not None and out_of_space(error, path):
        return PlannerError(disk_full(path))
    return PlannerError(f"{db.url}: cannot open the database ({driver_reason(error)})")


def _cannot_create_here(engine: Engine) -> str | None:
    """Why no new database can be made where ``engine``'s SQLite file would be (a folder that
    exists but is read-only), None when it can or the file is there. SQLite said "unable to
    open database file" under "could not update the database", of a file that did not exist."""
    from .backup import sqlite_file_path
    from .health import folder_read_only

    path = sqlite_file_path(engine)
    if path is None or path.exists() or not path.parent.is_dir() or not folder_read_only(path):
        return None
    return (
        f"{path}: there is no database there, and none can be made: the folder "
        f"{path.parent} is read-only (choose a folder you can write to)"
    )


def _unwritable_sqlite_file(engine: Engine) -> bool:
    """Whether ``engine``'s SQLite file exists but cannot be written here: the file itself is
    read-only, or its folder is (SQLite must write its journal beside the file to write)."""
    from .backup import sqlite_file_path
    from .health import folder_read_only

    if engine.url.query.get("mode") == "ro":
        return False  # asked for read-only already
    path = sqlite_file_path(engine)
    if path is None or not path.is_file():
        return False
    return not os.access(path, os.W_OK) or folder_read_only(path)


def _read_only_url(engine: Engine) -> str:
    """The SQLite file of ``engine`` as a read-only URI (SQLite's ``mode=ro``, and
    ``immutable=1`` where its folder is read-only: ``health.read_only_query``)."""
    from .backup import sqlite_file_path
    from .health import read_only_query

    path = sqlite_file_path(engine)
    assert path is not None
    # A URI filename: characters such as ``?``, ``#`` and ``%`` in the path are escaped.
    return f"sqlite:///file:{quote(str(path))}?{read_only_query(path)}&uri=true"


def _read_only_reason(engine: Engine) -> str | None:
    """Why ``engine`` may not write, asked once at open: a SQLite file opened with
    ``mode=ro``, or a PostgreSQL role without INSERT on the events (a database without the
    tables yet is not read-only: creating them shows whether the role may)."""
    if engine.dialect.name == "sqlite":
        if engine.url.query.get("mode") != "ro":
            return None
        from .backup import sqlite_file_path
        from .health import folder_read_only

        path = sqlite_file_path(engine)
        if path is not None and os.access(path, os.W_OK) and folder_read_only(path):
            return FOLDER_READ_ONLY  # the file could be written; where it is cannot
        return FILE_READ_ONLY
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        writable = conn.exec_driver_sql(
            "SELECT to_regclass('event') IS NULL OR has_table_privilege('event', 'INSERT')"
        ).scalar()
    return None if writable else SERVER_READ_ONLY


def _refused_write(error: DBAPIError) -> bool:
    """Whether the file or server refused a write for want of rights (not a lost connection,
    a lock or a full disk)."""
    orig = error.orig
    if str(getattr(orig, "sqlite_errorname", "")).startswith("SQLITE_READONLY"):
        return True
    return getattr(orig, "sqlstate", None) == "42501"  # PostgreSQL: insufficient_privilege


def _rollback(session: Session) -> None:
    """Roll back; on a damaged file the rollback can fail too, and the first error matters."""
    with suppress(SQLAlchemyError, PlannerError):
        session.rollback()
