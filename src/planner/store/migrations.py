"""Schema upgrades. (Interim: creates the tables; the Alembic version replaces this module.)"""

from __future__ import annotations

from sqlalchemy import Engine

from planner.model import Base


def upgrade_database(engine: Engine) -> None:
    Base.metadata.create_all(engine)
