"""Series for the Series editor: the list, a series' events by number, and deleting one.

A series' fields are edited as ``SetField`` operations on ``Record.SERIES`` and a new one is an
``Insert`` (services/operations.py). Deleting a series keeps its events, on their own; the
deletion remembers them, so its inverse puts the series back (same id) with its events in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.model import Event, Series
from planner.model.labels import STATUS_LABELS, session_label
from planner.services.operations import Operation
from planner.services.snapshots import insert_rows, row_values, table_of
from planner.store import Database
from planner.zones import zone_or_utc


@dataclass(frozen=True)
class SeriesLine:
    """One line of the series list."""

    id: int
    title: str
    short_title: str
    events: int


@dataclass(frozen=True)
class SeriesEventLine:
    """One event of a series, as its list shows it."""

    id: int
    number: str  # the series' numbering applied ("Session 3"), empty when unnumbered
    starts: str  # local date and time, YYYY-MM-DD HH:MM
    title: str
    status: str


@dataclass(frozen=True)
class SeriesUsage:
    title: str
    event_ids: tuple[int, ...]


def list_series(db: Database) -> list[SeriesLine]:
    """Every series with its number of events, by title."""
    with db.session(write=False) as session:
        counts = (
            select(Event.series_id, func.count().label("n")).group_by(Event.series_id).subquery()
        )
        rows = session.execute(
            select(Series.id, Series.title, Series.short_title, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.series_id == Series.id)
            .order_by(func.lower(Series.title), Series.id)
        ).all()
    return [SeriesLine(int(a), b, c or "", int(d)) for a, b, c, d in rows]


def _local(when: datetime, zone: str) -> str:
    return when.astimezone(zone_or_utc(zone)).strftime("%Y-%m-%d %H:%M")


def series_events(db: Database, series_id: int) -> list[SeriesEventLine]:
    """The events of ``series_id`` by number (unnumbered ones last), then start."""
    with db.session(write=False) as session:
        numbering = session.scalar(select(Series.numbering).where(Series.id == series_id))
        events = session.execute(
            select(
                Event.id,
                Event.series_number,
                Event.starts_at,
                Event.time_zone,
                Event.title,
                Event.status,
            )
            .where(Event.series_id == series_id)
            # Unnumbered sessions (cancelled ones after renumbering) last, on either back end.
            .order_by(Event.series_number.is_(None), Event.series_number, Event.starts_at)
        ).all()
    return [
        SeriesEventLine(
            int(event_id),
            session_label(numbering or "", number) if number is not None else "",
            _local(starts_at, zone),
            title,
            STATUS_LABELS.get(status, str(status)),
        )
        for event_id, number, starts_at, zone, title, status in events
    ]


def series_usage(db: Database, series_id: int) -> SeriesUsage | None:
    """The series' title and its events; None if it is gone."""
    with db.session(write=False) as session:
        series = session.get(Series, series_id)
        if series is None:
            return None
        ids = session.scalars(select(Event.id).where(Event.series_id == series_id))
        return SeriesUsage(series.title, tuple(int(i) for i in ids))


@dataclass(frozen=True)
class DeleteSeries(Operation):
    """Delete a series; its events stay, on their own."""

    series_id: int
    text: str
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        series = session.get(Series, self.series_id)
        if series is None:  # already gone: nothing to do, nothing to put back
            return RestoreSeries(self.text, {}, ())
        kept = row_values(series)
        events = session.scalars(select(Event).where(Event.series_id == self.series_id)).all()
        for event in events:
            event.series_id = None
        session.delete(series)
        return RestoreSeries(self.text, kept, tuple(e.id for e in events))


@dataclass(frozen=True)
class RestoreSeries(Operation):
    """Put back a deleted series (same id) with the events that were in it."""

    text: str
    series: dict[str, Any]
    events: tuple[int, ...]
    event_id: int | None = None

    def apply_in(self, session: Session) -> Operation:
        if not self.series:
            return DeleteSeries(-1, self.text)
        series_id = int(self.series["id"])
        insert_rows(session, table_of(Series), [self.series])
        for event in session.scalars(select(Event).where(Event.id.in_(self.events))):
            event.series_id = series_id
        return DeleteSeries(series_id, self.text)
