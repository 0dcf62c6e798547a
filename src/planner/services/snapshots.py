"""Rows as plain values, taken before a change and put back to undo it: the one way to do it.

A snapshot holds column values keyed by column name, never ORM objects, so it outlives the
session that read it and can be written back exactly, ids included, with one INSERT per table.
Deleting people (services.people), deleting an event (services.events) and the operations'
``Delete``/``Insert`` (services.operations) keep their undo this way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, insert, inspect, select
from sqlalchemy.orm import Session

from planner.model import Base


def row_values(row: Base) -> dict[str, Any]:
    """An ORM row's column values by column name: what an INSERT putting it back needs."""
    mapper = inspect(type(row))
    return {attr.columns[0].name: getattr(row, attr.key) for attr in mapper.column_attrs}


def table_of(model: type[Base]) -> Table:
    """The table an ORM class is mapped to."""
    return Base.metadata.tables[str(model.__tablename__)]


def select_rows(
    session: Session, table: Table, where: ColumnElement[bool]
) -> tuple[dict[str, Any], ...]:
    """The rows of ``table`` that ``where`` picks, as column values."""
    return tuple(dict(row._mapping) for row in session.execute(select(table).where(where)))


def insert_rows(session: Session, table: Table, rows: Iterable[Mapping[str, Any]]) -> None:
    """Write ``rows`` (column values, ids included) back into ``table`` in one statement."""
    values = [dict(row) for row in rows]
    if values:
        session.execute(insert(table), values)


@dataclass(frozen=True)
class RowSnapshot:
    """Rows of several tables, parents first, in the order they must be put back."""

    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...] = ()  # (table name, its rows)

    def add(self, table: Table, rows: Iterable[Mapping[str, Any]]) -> RowSnapshot:
        taken = tuple(dict(row) for row in rows)
        return RowSnapshot((*self.rows, (table.name, taken))) if taken else self

    def of(self, table: Table) -> tuple[dict[str, Any], ...]:
        """Every row taken of ``table``."""
        return tuple(row for name, rows in self.rows if name == table.name for row in rows)

    def put_back(self, session: Session) -> None:
        """Insert every row again, parents before the rows that point at them."""
        for name, rows in self.rows:
            insert_rows(session, Base.metadata.tables[name], rows)
