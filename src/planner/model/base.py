"""Declarative base with a naming convention, and the UTC timestamp column type."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, MetaData, String, text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

# Named constraints make Alembic batch migrations (which rebuild SQLite tables) reproducible.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores an aware datetime as naive UTC; returns it aware in UTC.

    A naive value handed in is refused: the caller must say which zone it meant.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give it a time zone before storing it")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # raw SQL paths on SQLite
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Versioned:
    """A row the window or the CLI edits: a version that every UPDATE raises and checks, and
    who changed it last and when (for "Changed by Sana at 14:02 since you opened it").

    ``version`` is SQLAlchemy's ``version_id_col``: an ORM UPDATE or DELETE says ``WHERE id = ?
    AND version = ?`` with the version the row was read at, so a write based on stale data
    matches no row and fails instead of overwriting (services.operations turns that into
    ``StaleEdit``). Core writes bump it themselves (people imports). ``changed_at`` and
    ``changed_by`` are set by the history listener (store.history) on every ORM write; the
    server defaults let Core inserts (imports, undo of deletes) leave them out.
    """

    # Server defaults only: a Core INSERT naming no version (imports, older revisions' rows in
    # the migration tests) gets 1, and the ORM numbers versions itself.
    version: Mapped[int] = mapped_column(server_default=text("1"))
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed_by: Mapped[str] = mapped_column(String(200), server_default="")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
