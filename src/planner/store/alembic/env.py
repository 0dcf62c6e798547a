"""Alembic environment for planner's schema, run in-process by ``planner.store.migrations``.

There is no alembic.ini: the caller builds the Config in code and hands over an open
connection in ``config.attributes["connection"]`` (already inside its transaction, with
SQLite's foreign keys switched off, see ``migrations.upgrade_database``).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from planner.model import Base
from planner.store.people_index import include_name

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("planner migrations run in-process: pass a connection in attributes")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table (copy and rename).
        render_as_batch=True,
        compare_type=True,
        # The SQLite-only directory indexes (revision 0003) are not in the model.
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("planner has no offline (SQL script) migrations")
run_migrations_online()
