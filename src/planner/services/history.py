"""An event's history as ``planner history`` and the editor's History section show it.

The rows are written by ``store.history`` (one per field changed, per row made or deleted, one
per bulk import); here they are read back, newest first, with their time in the organisation's
zone and their values made readable: a stored time (ISO 8601 in UTC) is shown in the event's
zone, as the editor shows it ("Moved ... starts at 13:00 -> 14:00").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from planner.errors import not_found
from planner.model import Change, ChangeKind, Event, Organisation
from planner.store import Database
from planner.zones import FALLBACK_ZONE, zone_or_utc

SHORT_VALUE = 60  # characters of a value the one-line summary shows (the JSON has them all)


@dataclass(frozen=True)
class HistoryEntry:
    """One change, ready to show."""

    id: int
    at: datetime  # in the organisation's zone
    who: str
    kind: ChangeKind
    table: str
    record_id: int | None
    what: str  # the record, in words ("speaker Sana Rahman")
    field: str
    old: str | None  # as stored: times in ISO 8601, UTC
    new: str | None
    summary: str  # one line: "Added speaker Sana Rahman", "agenda item “Opening”: title ..."

    def as_json(self) -> dict[str, Any]:
        """The stable keys of ``planner history --json`` (docs/guide/foundation.md)."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "who": self.who,
            "kind": self.kind.value,
            "table": self.table,
            "record_id": self.record_id,
            "what": self.what,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "summary": self.summary,
        }


@dataclass(frozen=True)
class EventHistory:
    event_id: int
    title: str  # "" when the event was deleted (its history stays)
    zone: str  # the organisation's, in which ``at`` is given
    entries: tuple[HistoryEntry, ...]  # newest first


def _shown(value: str | None, zone: str) -> str:
    """A stored value as a person reads it: empty said so, times in ``zone``, long text cut."""
    if value is None or value == "":
        return "(empty)"
    if len(value) >= 16 and value[4:5] == "-" and value[10:11] == "T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return f"{moment.astimezone(zone_or_utc(zone)):%Y-%m-%d %H:%M}"
    flat = " ".join(value.split())
    return flat if len(flat) <= SHORT_VALUE else flat[: SHORT_VALUE - 1] + "…"


def summary(change: Change, value_zone: str) -> str:
    """One line saying what ``change`` did."""
    if change.kind is ChangeKind.CREATE:
        return f"Added {change.label}"
    if change.kind is ChangeKind.DELETE:
        return f"Removed {change.label}"
    if change.kind is ChangeKind.IMPORT:
        return change.label
    old, new = _shown(change.old_value, value_zone), _shown(change.new_value, value_zone)
    line = f"{change.label}: {change.field.replace('_', ' ')} {old} -> {new}"
    if change.kind is ChangeKind.OVERWRITE:
        line += " (kept over someone else's change)"
    return line


def event_history(db: Database, event_id: int) -> EventHistory:
    """Every change of the event and of what hangs off it, newest first. Raises NotFoundError
    for an id that names no event and has no history."""
    with db.session(write=False) as session:
        event = session.get(Event, event_id)
        org_zone = session.scalar(select(Organisation.time_zone).limit(1)) or FALLBACK_ZONE
        changes = session.scalars(
            select(Change)
            .where(
                or_(
                    Change.event_id == event_id,
                    (Change.table_name == "event") & (Change.record_id == event_id),
                )
            )
            .order_by(Change.id.desc())
        ).all()
        if event is None and not changes:
            raise not_found("event", event_id)
        value_zone = event.time_zone if event is not None else org_zone
        zone = zone_or_utc(org_zone)
        entries = tuple(
            HistoryEntry(
                id=change.id,
                at=change.at.astimezone(zone),
                who=change.who,
                kind=change.kind,
                table=change.table_name,
                record_id=change.record_id,
                what=change.label,
                field=change.field,
                old=change.old_value,
                new=change.new_value,
                summary=summary(change, value_zone),
            )
            for change in changes
        )
        return EventHistory(event_id, event.title if event is not None else "", org_zone, entries)
