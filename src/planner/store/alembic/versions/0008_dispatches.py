"""Invitations from draft to reply, and what is out of date.

- ``invitation.replied_at`` (nullable) and ``invitation.reply_note`` (the invitee's words with
  their answer, "" by default): "Record Reply" keeps both.
- ``dispatch``: one row per output that went out (an invitation, reminder, update or
  cancellation to one person; a document printed, saved or opened), with the fingerprint of what
  it showed (``planner.model.dispatch``). Existing databases start with none: nothing is out of
  date until something is sent or printed.

Adding columns with a server default and a new table needs no table rebuild, on SQLite either.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 09:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("invitation", sa.Column("replied_at", sa.DateTime(), nullable=True))
    op.add_column(
        "invitation",
        sa.Column("reply_note", sa.String(length=1000), nullable=False, server_default=""),
    )
    op.create_table(
        "dispatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("document", sa.String(length=32), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("shown", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_dispatch_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_dispatch_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispatch")),
    )
    op.create_index("ix_dispatch_event_person", "dispatch", ["event_id", "person_id"])


def downgrade() -> None:
    op.drop_index("ix_dispatch_event_person", table_name="dispatch")
    op.drop_table("dispatch")
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_column("reply_note")
        batch_op.drop_column("replied_at")
