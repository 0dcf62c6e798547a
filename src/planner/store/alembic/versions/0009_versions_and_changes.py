"""Versions on every edited table, who changed each row last, and the history of changes.

- ``version`` (integer, 1 for existing rows): SQLAlchemy's ``version_id_col`` on every table the
  window or the CLI edits, so a write based on stale data is refused rather than silently
  overwriting another organiser's (model.base.Versioned);
- ``changed_at`` / ``changed_by``: who wrote the row last, for the conflict message;
- ``change``: the history (model.history.Change), written in the same transaction as each change.

Adding columns with a constant default needs no table rebuild, on SQLite either.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 09:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from planner.model.base import UTCDateTime
from planner.store.people_index import SEARCH_COLUMNS, rebuild_search_index

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED_TABLES = (
    "organisation",
    "person",
    "venue",
    "room",
    "series",
    "event",
    "agenda_item",
    "agenda_person",
    "participation",
    "invitation",
    "consent",
)


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        op.add_column(
            table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
        op.add_column(table, sa.Column("changed_at", UTCDateTime(), nullable=True))
        op.add_column(
            table,
            sa.Column("changed_by", sa.String(length=200), nullable=False, server_default=""),
        )
    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change")),
    )
    op.create_index("ix_change_event_id", "change", ["event_id", "id"])
    op.create_index("ix_change_record", "change", ["table_name", "record_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_change_record", table_name="change")
    op.drop_index("ix_change_event_id", table_name="change")
    op.drop_table("change")
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("changed_by")
            batch_op.drop_column("changed_at")
            batch_op.drop_column("version")
    # The batch rebuild of ``person`` dropped the search index's triggers with the old table.
    rebuild_search_index(op.get_bind(), SEARCH_COLUMNS)
