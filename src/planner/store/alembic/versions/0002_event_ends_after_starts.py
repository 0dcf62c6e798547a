"""An event cannot end before it starts: CHECK (ends_at >= starts_at) on ``event``.

SQLite cannot add a constraint to an existing table, so this rebuilds ``event`` in batch mode
(copy into a new table, drop the old one, rename). ``event`` is the parent of agenda items,
participations, invitations and consents: the rebuild is only safe because
``migrations.upgrade_database`` switches foreign keys off around it.

Rows that already break the rule get their end moved to their start, so the copy cannot fail.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 19:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE event SET ends_at = starts_at WHERE ends_at < starts_at"))
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_check_constraint("ends_after_starts", "ends_at >= starts_at")


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_constraint("ends_after_starts", type_="check")
