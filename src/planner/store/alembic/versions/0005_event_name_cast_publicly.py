"""An event's own setting for naming its cast publicly under the Chatham House Rule.

``event.name_cast_publicly`` (nullable boolean): NULL follows the organisation's
``name_cast_publicly_under_chatham_house``; the policy takes the stricter of the two. An event
package imported from an institute that withholds its cast's names sets it to false, so the
copy prints no name the sender's copy withheld. Existing events get NULL: nothing changes.

Adding a nullable column needs no table rebuild, on SQLite either.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 04:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("event", sa.Column("name_cast_publicly", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("name_cast_publicly")
