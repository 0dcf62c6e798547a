"""One event as the editor shows it: an immutable snapshot of its details, agenda, cast,
invitations and consents, read in one short transaction (the editor reloads it after every
edit, so it is read with one query per collection)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session, joinedload, selectinload

from planner.errors import not_found
from planner.model import (
    AgendaItem,
    AgendaPerson,
    AttributionRule,
    Event,
    EventAudience,
    EventFormat,
    EventStatus,
    Invitation,
)
from planner.policy.names import full_style
from planner.services.agenda import AgendaItemRow, AgendaPersonRow
from planner.services.cast import CastMember, cast_in
from planner.services.invitations import InvitationRow
from planner.store import Database
from planner.store.queries import office_zone
from planner.zones import FALLBACK_ZONE, zone_or_utc


@dataclass(frozen=True)
class ConsentRow:
    id: int
    person_id: int
    may_be_named: bool
    description: str


@dataclass(frozen=True)
class EventSnapshot:
    """Everything the editor shows of one event, read in one short session."""

    id: int
    title: str
    short_title: str
    subtitle: str
    format: EventFormat
    status: EventStatus
    series_id: int | None
    series_number: int | None
    starts_at: datetime  # in the event's zone
    ends_at: datetime
    time_zone: str
    venue_id: int | None
    room_id: int | None
    room_capacity: int | None
    attribution: AttributionRule
    audience: EventAudience
    concept_note: str
    background: str
    key_issues: tuple[str, ...]
    report_summary: str
    report_discussion: str
    report_recommendations: tuple[str, ...]
    contact: str
    notes: str
    agenda: tuple[AgendaItemRow, ...]
    cast: tuple[CastMember, ...]
    # Sent and answered in the organisation's time zone, as the history shows its times (the
    # team may sit in several zones; the event's own may be abroad).
    invitations: tuple[InvitationRow, ...]
    consents: tuple[ConsentRow, ...]
    office_zone: str = FALLBACK_ZONE  # the organisation's time zone, named where times are shown
    # The event row's version as read: the window's edits of the event build on it (a write
    # based on an older one is refused: someone else changed it since).
    version: int = field(default=1, compare=False)

    def consent_of(self, person_id: int) -> ConsentRow | None:
        for consent in self.consents:
            if consent.person_id == person_id:
                return consent
        return None


def event_snapshot(db: Database, event_id: int) -> EventSnapshot:
    """The event as the editor shows it, read in one short transaction."""
    with db.session(write=False) as session:
        return _snapshot(session, event_id)


def _snapshot(session: Session, event_id: int) -> EventSnapshot:
    # One query per collection instead of one per row: the editor reloads after every edit.
    event = session.get(
        Event,
        event_id,
        options=[
            selectinload(Event.agenda)
            .selectinload(AgendaItem.people)
            .joinedload(AgendaPerson.person),
            selectinload(Event.invitations).joinedload(Invitation.person),
            selectinload(Event.consents),
            joinedload(Event.room),
        ],
    )
    if event is None:
        raise not_found("event", event_id)
    tz = zone_or_utc(event.time_zone)
    office_name = office_zone(session)
    office = zone_or_utc(office_name)
    agenda = tuple(
        AgendaItemRow(
            id=item.id,
            position=item.position,
            starts_at=item.starts_at.astimezone(tz),
            ends_at=item.ends_at.astimezone(tz),
            title=item.title,
            kind=item.kind,
            description=item.description,
            attribution=item.attribution,
            people=tuple(
                AgendaPersonRow(p.id, p.person_id, p.role, full_style(p.person))
                for p in item.people
            ),
            version=item.version,
        )
        for item in event.agenda
    )
    invitations = tuple(
        InvitationRow(
            inv.id,
            inv.person_id,
            full_style(inv.person),
            inv.person.affiliation or inv.person.position,
            inv.status,
            inv.attended,
            inv.sent_at.astimezone(office) if inv.sent_at else None,
            inv.reply_note,
            inv.replied_at.astimezone(office) if inv.replied_at else None,
            inv.version,
        )
        for inv in event.invitations
    )
    consents = tuple(
        ConsentRow(c.id, c.person_id, c.may_be_named, c.description) for c in event.consents
    )
    return EventSnapshot(
        id=event.id,
        title=event.title,
        short_title=event.short_title,
        subtitle=event.subtitle,
        format=event.format,
        status=event.status,
        series_id=event.series_id,
        series_number=event.series_number,
        starts_at=event.starts_at.astimezone(tz),
        ends_at=event.ends_at.astimezone(tz),
        time_zone=event.time_zone,
        venue_id=event.venue_id,
        room_id=event.room_id,
        room_capacity=event.room.capacity if event.room is not None else None,
        attribution=event.attribution,
        audience=event.audience,
        concept_note=event.concept_note,
        background=event.background,
        key_issues=tuple(event.key_issues or ()),
        report_summary=event.report_summary,
        report_discussion=event.report_discussion,
        report_recommendations=tuple(event.report_recommendations or ()),
        contact=event.contact,
        notes=event.notes,
        agenda=agenda,
        cast=tuple(cast_in(session, event_id)),
        invitations=invitations,
        consents=consents,
        office_zone=office_name,
        version=event.version,
    )
