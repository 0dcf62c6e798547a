"""Throwaway PostgreSQL databases for the tests that run on the server too.

``PLANNER_TEST_POSTGRES_URL`` names a database on a server where its role may create databases
(``.ci/run`` starts such a cluster: ``postgresql+psycopg://postgres@/postgres?host=/tmp/...``).
Each test gets a new database of its own, dropped afterwards, so the tests run in parallel
workers and never see each other's rows. Without the variable the PostgreSQL tests are skipped.
"""

from __future__ import annotations

import atexit
import itertools
import os
from collections.abc import Callable

import pytest

SERVER_URL = os.environ.get("PLANNER_TEST_POSTGRES_URL", "")

needs_postgres = pytest.mark.skipif(
    not SERVER_URL,
    reason="set PLANNER_TEST_POSTGRES_URL to a server database whose role may create databases",
)

_numbers = itertools.count()


def _admin_connection() -> object:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(SERVER_URL)
    return psycopg.connect(
        dbname=url.database or "postgres",
        user=url.username,
        password=url.password,
        host=url.query.get("host") or url.host,  # type: ignore[arg-type]
        port=url.port,
        autocommit=True,
    )


def create_database(*, migrated: bool = False) -> str:
    """A new database on the test server, empty or (``migrated``) at the current schema; its
    SQLAlchemy URL (password included)."""
    from sqlalchemy.engine import make_url

    name = f"planner_test_{os.getpid()}_{next(_numbers)}"
    template = f' TEMPLATE "{_migrated_template()}"' if migrated else ""
    with _admin_connection() as connection:  # type: ignore[attr-defined]
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"{template}')
    return make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)


_template: list[str] = []  # this process's migrated template database, once made


def _migrated_template() -> str:
    """A database migrated once per test process, copied by CREATE DATABASE ... TEMPLATE
    (migrating costs each test about 0.2 s, copying an empty schema less). Dropped when the
    process ends; nothing may stay connected to it, or the copy is refused."""
    if not _template:
        from planner.store import Database

        url = create_database()
        Database.open(url).dispose()
        _template.append(url)
        atexit.register(drop_database, url)
    from sqlalchemy.engine import make_url

    return str(make_url(_template[0]).database)


def drop_database(url: str) -> None:
    """Drop the database at ``url`` (made by :func:`create_database`), ending its sessions."""
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    with _admin_connection() as connection:  # type: ignore[attr-defined]
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def read_only_role(url: str) -> tuple[str, Callable[[], None]]:
    """A new login role that may only read the tables of the database at ``url`` (already
    migrated); returns its URL and what drops the role again (call it before the database
    is dropped)."""
    import psycopg
    from sqlalchemy.engine import make_url

    role = f"planner_reader_{os.getpid()}_{next(_numbers)}"
    parsed = make_url(url)
    with psycopg.connect(
        dbname=parsed.database,
        user=parsed.username,
        host=parsed.query.get("host") or parsed.host,  # type: ignore[arg-type]
        port=parsed.port,
        password=parsed.password,
        autocommit=True,
    ) as connection:
        connection.execute(f'CREATE ROLE "{role}" LOGIN')
        connection.execute(f'GRANT CONNECT ON DATABASE "{parsed.database}" TO "{role}"')
        connection.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        connection.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')

    def drop() -> None:
        with psycopg.connect(
            dbname=parsed.database,
            user=parsed.username,
            host=parsed.query.get("host") or parsed.host,  # type: ignore[arg-type]
            port=parsed.port,
            password=parsed.password,
            autocommit=True,
        ) as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                (role,),
            )
            connection.execute(f'DROP OWNED BY "{role}"')
            connection.execute(f'DROP ROLE "{role}"')

    reader = parsed.set(username=role, password=None).render_as_string(hide_password=False)
    return reader, drop
