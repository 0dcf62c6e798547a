"""People search also looks in the honorific, post-nominals and position (SQLite's FTS5 index).

``planner people --search "lt. gen."`` and the directory find people by rank and by position
("Ambassador") through the index, as they find them by name, affiliation and email. The index,
its triggers and its contents are re-created over the wider set of columns
(``planner.store.people_index.SEARCH_COLUMNS``); where there is no index (another database, or a
SQLite without the trigram tokenizer) nothing changes and search scans the same columns with LIKE.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 07:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from planner.store.people_index import SEARCH_COLUMNS, SEARCH_COLUMNS_0003, rebuild_search_index

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    rebuild_search_index(op.get_bind(), SEARCH_COLUMNS)


def downgrade() -> None:
    rebuild_search_index(op.get_bind(), SEARCH_COLUMNS_0003)
