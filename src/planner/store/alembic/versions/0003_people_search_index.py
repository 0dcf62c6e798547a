"""People directory indexes (SQLite only): the FTS5 trigram search index and a NOCASE name index.

``person_fts`` (an external-content FTS5 table over given name, family name, affiliation and
email), its three triggers on ``person``, filled from the rows already there; and
``ix_person_name_nocase`` on ``(family_name COLLATE NOCASE, given_name COLLATE NOCASE)`` so the
directory sorts by name without regard to case, along an index. The statements live in
``planner.store.people_index``. On other databases this revision changes nothing. Where SQLite
lacks the trigram tokenizer (before 3.34) only the name index is made and search scans with LIKE.

A later revision that batch-rebuilds ``person`` must call
``people_index.restore_person_extras(op.get_bind())`` after its batch block.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 20:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from planner.store.people_index import create_people_indexes, drop_people_indexes

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_people_indexes(op.get_bind())


def downgrade() -> None:
    drop_people_indexes(op.get_bind())
