"""Column types shared by the entities."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Enum

from planner.model.limits import TEXT_LIMITS


def str_enum(enum_cls: type[StrEnum]) -> Enum:
    """An enum stored as its string value in a VARCHAR (no native enum, no CHECK constraint).

    Without a CHECK constraint a new enum member needs no table rebuild on SQLite.
    """
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def max_length(model: type[Any], column: str) -> int | None:
    """How many characters ``model.column`` holds (for a list: each item); None if unlimited.

    String(n) columns hold n; Text and JSON list columns hold what planner.model.limits says.
    """
    length = getattr(model.__table__.c[column].type, "length", None)
    if isinstance(length, int):
        return length
    return TEXT_LIMITS.get((model.__tablename__, column))
