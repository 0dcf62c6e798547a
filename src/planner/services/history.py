"""An event's history as ``planner history`` and the editor's History section show it.

The rows are written by ``store.history`` (one per field changed, per row made or deleted, one
per bulk import); here they are read back, newest first, with their time in the organisation's
zone and their values made readable: a stored time (ISO 8601 in UTC) is shown in the event's
zone, as the editor shows it ("Moved ... starts at 13:00 -> 14:00").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from planner.errors import not_found
from planner.model import Change, ChangeKind, Event, Room, Series, Venue
from planner.services.field_limits import field_label
from planner.store import Database
from planner.store.queries import office_zone
from planner.zones import zone_or_utc

SHORT_VALUE = 60  # characters of a value the one-line summary shows (the JSON has them all)
# An event's fields as its history names them where the messages' names (field_label, which
# names one key issue of a list) read wrongly for a whole field.
EVENT_FIELDS = {
    "starts_at": "Starts",
    "ends_at": "Ends",
    "key_issues": "Key issues",
    "report_recommendations": "Recommendations",
}


# Event fields that hold another row's id: the history names that row ("Venue: Serena Hotel ->
# Marriott"), as the editor does, rather than its id. A row deleted since is "#2 (deleted)".
_REFERENCES: dict[str, tuple[Any, Any, str]] = {
    "venue_id": (Venue, Venue.name, "Venue"),
    "room_id": (Room, Room.name, "Room"),
    "series_id": (Series, Series.title, "Series"),
}
# What the history shows for a referenced row, by (field, the id as stored).
ReferenceNames = dict[tuple[str, str], str]


def _reference_names(session: Any, changes: Sequence[Change]) -> ReferenceNames:
    """The names of the venues, rooms and series the event's own changes refer to."""
    wanted: dict[str, set[int]] = {}
    for change in changes:
        if change.table_name == "event" and change.field in _REFERENCES:
            for value in (change.old_value, change.new_value):
                if value and value.isdigit():
                    wanted.setdefault(change.field, set()).add(int(value))
    names: ReferenceNames = {}
    for field, ids in wanted.items():
        entity, shown = _REFERENCES[field][:2]
        for row_id, name in session.execute(select(entity.id, shown).where(entity.id.in_(ids))):
            names[(field, str(row_id))] = name
    return names


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


def summary(
    change: Change,
    value_zone: str,
    listed_event: int | None = None,
    names: ReferenceNames | None = None,
) -> str:
    """One line saying what ``change`` did. In the history of one event (``listed_event``)
    a change of that event's own fields says only the field ("Starts at: ..."): its title on
    every line would be noise. A list of several events' changes (None) names the event."""
    own = listed_event is not None and (change.table_name, change.record_id) == (
        "event",
        listed_event,
    )
    if change.kind is ChangeKind.CREATE:
        return "Created the event" if own else f"Added {change.label}"
    if change.kind is ChangeKind.DELETE:
        return "Deleted the event" if own else f"Removed {change.label}"
    if change.kind is ChangeKind.IMPORT:
        return change.label
    old, new = _shown(change.old_value, value_zone), _shown(change.new_value, value_zone)
    if own and change.field in _REFERENCES:
        known = names or {}

        def named(value: str | None) -> str:
            if not value:
                return "(none)"
            return known.get((change.field, value)) or f"#{value} (deleted)"

        line = f"{_REFERENCES[change.field][2]}: {named(change.old_value)} -> "
        line += named(change.new_value)
    elif own:
        name = EVENT_FIELDS.get(change.field) or field_label(Event, change.field)
        line = f"{name}: {old} -> {new}"
    else:
        line = f"{change.label}: {change.field.replace('_', ' ')} {old} -> {new}"
    if change.kind is ChangeKind.OVERWRITE:
        line += " (kept over someone else's change)"
    return line


def event_history(db: Database, event_id: int) -> EventHistory:
    """Every change of the event and of what hangs off it, newest first. Raises NotFoundError
    for an id that names no event and has no history."""
    with db.session(write=False) as session:
        event = session.get(Event, event_id)
        org_zone = office_zone(session)
        changes = session.scalars(
            select(Change)
            .where(
                or_(
                    Change.event_id == event_id,
                    (Change.table_name == "event") & (Change.record_id == event_id),
                )
            )
            # By time: a row that folded later keystrokes took their time (store.history).
            .order_by(Change.at.desc(), Change.id.desc())
        ).all()
        if event is None and not changes:
            raise not_found("event", event_id)
        value_zone = event.time_zone if event is not None else org_zone
        zone = zone_or_utc(org_zone)
        names = _reference_names(session, changes)
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
                summary=summary(change, value_zone, event_id, names),
            )
            for change in changes
        )
        return EventHistory(event_id, event.title if event is not None else "", org_zone, entries)
