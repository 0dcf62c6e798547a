"""People search at scale on PostgreSQL: a pg_trgm index over the searched columns, and the
directory's name order as an index (PostgreSQL only; SQLite keeps revision 0003's FTS5 index).

At 100,000 people ILIKE over seven columns scanned the table in 0.3 to 0.9 s a keystroke and the
name sort took 0.2 s; from the indexes a keystroke of three letters or more, and the first page
of the directory, take milliseconds (``benchmarks/bench_people_search.py --db URL``). Where the
pg_trgm extension is missing or refused, only the name index is made and search scans.
See ``planner.store.people_index``.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from planner.store.people_index import create_server_indexes, drop_server_indexes

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_server_indexes(op.get_bind())


def downgrade() -> None:
    drop_server_indexes(op.get_bind())
