"""A person's name order, and one folded search column that both search indexes cover.

- ``person.name_order`` ("" = as the script writes it, "family first", "given first"): a
  romanised Chinese, Korean, Japanese or Hungarian name (Wang Yi, family Wang) is written family
  name first on every output, as 王毅 already is.
- ``person.search_text``: the searched columns and a CJK full name without a space in both orders,
  folded (case, diacritics, Arabic letter variants; ``planner.folding``), filled here for every
  person and kept in step on every write. SQLite's FTS5 trigram index and PostgreSQL's pg_trgm
  index are re-created over it alone, so "王晓明" finds 王 晓明 and "muller" finds Müller.

Adding columns with a constant default needs no table rebuild, on SQLite either.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 12:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from planner.store.people_index import (
    INDEXED_COLUMNS,
    SEARCH_COLUMNS,
    SEARCH_INDEX_DROP,
    SERVER_SEARCH_INDEX,
    create_server_indexes,
    has_search_table,
    person_search_text,
    restore_person_extras,
    search_index_ddl,
)

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5_000


def _fill_search_text(conn: sa.Connection) -> None:
    person = sa.table("person", sa.column("id"), *(sa.column(c) for c in SEARCH_COLUMNS))
    rows = conn.execute(sa.select(person)).mappings().all()
    update = sa.text("UPDATE person SET search_text = :text WHERE id = :id")
    values = [{"id": row["id"], "text": person_search_text(row)} for row in rows]
    for start in range(0, len(values), _BATCH):
        conn.execute(update, values[start : start + _BATCH])


def _drop_search_indexes(conn: sa.Connection) -> bool:
    """Drop either back end's search index; whether SQLite had one (to make it again)."""
    if conn.dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {SERVER_SEARCH_INDEX}")
    indexed = has_search_table(conn)
    if indexed:
        for statement in SEARCH_INDEX_DROP:
            op.execute(statement)
    return indexed


def upgrade() -> None:
    conn = op.get_bind()
    op.add_column(
        "person", sa.Column("name_order", sa.String(length=20), nullable=False, server_default="")
    )
    op.add_column("person", sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    # The old index goes first: its update trigger would re-index seven columns per row filled.
    indexed = _drop_search_indexes(conn)
    _fill_search_text(conn)
    if indexed:
        for statement in search_index_ddl(INDEXED_COLUMNS):
            op.execute(statement)
    create_server_indexes(conn)


def downgrade() -> None:
    conn = op.get_bind()
    indexed = _drop_search_indexes(conn)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("search_text")
        batch_op.drop_column("name_order")
    if indexed:
        for statement in search_index_ddl(SEARCH_COLUMNS):
            op.execute(statement)
    # The batch rebuild lost the name index's collation (SQLite); PostgreSQL's search index is
    # made again over the columns.
    restore_person_extras(conn)
    create_server_indexes(conn)
