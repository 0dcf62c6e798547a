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

from sqlalchemy import ColumnElement, Integer, and_, or_
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


def overlaps(a: Any, b: Any) -> ColumnElement[bool]:
    """Half-open intervals ``[starts_at, ends_at)`` meet: back-to-back is no overlap."""
    return and_(a.starts_at < b.ends_at, b.starts_at < a.ends_at)


def near(a: Any, b: Any, gap_seconds: int) -> ColumnElement[bool]:
    """Overlapping, or less than ``gap_seconds`` apart (either way round)."""
    if gap_seconds <= 0:
        return overlaps(a, b)
    return and_(
        epoch_seconds(a.starts_at) < epoch_seconds(b.ends_at) + gap_seconds,
        epoch_seconds(b.starts_at) < epoch_seconds(a.ends_at) + gap_seconds,
    )


@dataclass(frozen=True, slots=True)
class Scope:
    """Which events a check looks at.

    ``event_id`` set: pairs involving that event (the event itself is ``a``, the other ``b``).
    Otherwise every unordered pair once (``a.id < b.id``), of events that meet the window
    ``[start, end)`` when one is given.
    """

    event_id: int | None = None
    start: datetime | None = None
    end: datetime | None = None

    def event_filter(self, event: Any) -> list[ColumnElement[bool]]:
        """Conditions on one event: it will happen, and it lies in the window."""
        conditions: list[ColumnElement[bool]] = [is_active(event)]
        if self.start is not None:
            conditions.append(event.ends_at > self.start)
        if self.end is not None:
            conditions.append(event.starts_at < self.end)
        return conditions

    def single_filter(self, event: Any) -> list[ColumnElement[bool]]:
        """Conditions for a check on one event at a time (agenda, capacity, hours)."""
        conditions = self.event_filter(event)
        if self.event_id is not None:
            conditions.append(event.id == self.event_id)
        return conditions

    def pair_filter(self, a: Any, b: Any) -> list[ColumnElement[bool]]:
        """Conditions on a pair of events: both count, each pair once."""
        conditions = self.event_filter(a) + self.event_filter(b)
        if self.event_id is not None:
            conditions += [a.id == self.event_id, b.id != self.event_id]
        else:
            conditions.append(a.id < b.id)
        return conditions


def either_null(a: Any, b: Any) -> ColumnElement[bool]:
    return or_(a.is_(None), b.is_(None))
