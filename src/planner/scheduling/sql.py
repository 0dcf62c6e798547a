"""SQL building blocks the conflict queries share: which events count, interval overlap,
and time arithmetic that works on SQLite and PostgreSQL alike.

Times are stored as naive UTC (``UTCDateTime``) in one fixed text format on SQLite, so comparing
two time columns compares instants and can use the indexes. Only the travel buffer needs
arithmetic (``a ends + 30 minutes``); :class:`epoch_seconds` does it per dialect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, bindparam, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from planner.model import EventStatus

# Events in these states are not going to happen (as planned): they clash with nothing.
INACTIVE_STATUSES: tuple[EventStatus, ...] = (EventStatus.CANCELLED, EventStatus.POSTPONED)


class epoch_seconds(FunctionElement[int]):
    """Whole seconds since 1970 of a UTC time column, as an integer."""

    type = Integer()
    inherit_cache = True
    name = "epoch_seconds"


@compiles(epoch_seconds)
def _epoch_default(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)}) AS BIGINT)"


@compiles(epoch_seconds, "sqlite")
def _epoch_sqlite(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(strftime('%s', {compiler.process(element.clauses, **kw)}) AS INTEGER)"


def is_active(event: Any) -> ColumnElement[bool]:
    """``event`` (the Event class or an alias of it) will take place."""
    condition: ColumnElement[bool] = event.status.not_in(INACTIVE_STATUSES)
    return condition


def near(a: tuple[Any, Any], b: tuple[Any, Any], gap_seconds: Any) -> ColumnElement[bool]:
    """Two stretches of time, each ``(starts_at, ends_at)`` (columns or expressions), overlap
    or are less than ``gap_seconds`` (an int or a bound parameter) apart."""
    return and_(
        epoch_seconds(a[0]) < epoch_seconds(b[1]) + gap_seconds,
        epoch_seconds(b[0]) < epoch_seconds(a[1]) + gap_seconds,
    )


def starts_within(a: Any, b: Any) -> ColumnElement[bool]:
    """``b`` starts during ``a`` (ties broken by id): each overlapping pair exactly once.

    Of two overlapping intervals one starts within the other, so this finds every overlapping
    pair, and it is a range on ``b.starts_at`` an index on ``(key, starts_at)`` can walk,
    where ``overlaps`` would compare every pair sharing the key.
    """
    return and_(
        b.starts_at >= a.starts_at,
        b.starts_at < a.ends_at,
        or_(b.starts_at > a.starts_at, b.id > a.id),
    )


# Which bounds a window has: statements are built once per shape and cached.
WindowShape = tuple[bool, bool]


@dataclass(frozen=True, slots=True)
class Window:
    """The events a whole-database check looks at: those that will happen and meet
    ``[start, end)`` (no bound when None)."""

    start: datetime | None = None
    end: datetime | None = None

    @property
    def shape(self) -> WindowShape:
        return (self.start is not None, self.end is not None)

    def params(self) -> dict[str, Any]:
        return {"window_start": self.start, "window_end": self.end}


def window_filter(event: Any, shape: WindowShape) -> list[ColumnElement[bool]]:
    """Conditions on one event: it will happen, and it meets the window (bound parameters
    ``window_start`` and ``window_end``)."""
    has_start, has_end = shape
    conditions: list[ColumnElement[bool]] = [is_active(event)]
    if has_start:
        conditions.append(event.ends_at > bindparam("window_start"))
    if has_end:
        conditions.append(event.starts_at < bindparam("window_end"))
    return conditions


def either_null(a: Any, b: Any) -> ColumnElement[bool]:
    return or_(a.is_(None), b.is_(None))
