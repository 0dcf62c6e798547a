"""An event and everything that hangs off it: agenda, cast, invitations, consents."""

# No ``from __future__ import annotations`` here: SQLAlchemy would eval every ``Mapped[...]``
# string at import (about a tenth of importing the model, paid by every command); classes
# defined further down the module are named in quotes instead.

import uuid
from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.zones import FALLBACK_ZONE

from .base import Base, UTCDateTime, Versioned, utcnow
from .enums import (
    AgendaKind,
    AttributionRule,
    EventAudience,
    EventFormat,
    EventStatus,
    InvitationStatus,
    Role,
)
from .person import Person
from .series import Series
from .types import str_enum
from .venue import Room, Venue


def new_event_uid() -> str:
    """A new event's ``uid``: unique across institutes too, since it is also the iCalendar UID
    that calendars match updates and cancellations on."""
    return f"{uuid.uuid4()}@planner"


class Event(Versioned, Base):
    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_starts_ends", "starts_at", "ends_at"),
        Index("ix_event_venue_starts", "venue_id", "starts_at"),
        # Named "ck_event_ends_after_starts" by the naming convention (revision 0002).
        CheckConstraint("ends_at >= starts_at", name="ends_after_starts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(200), unique=True)  # stable, also the iCalendar UID
    title: Mapped[str] = mapped_column(String(500))
    short_title: Mapped[str] = mapped_column(String(200), default="")
    subtitle: Mapped[str] = mapped_column(String(500), default="")
    format: Mapped[EventFormat] = mapped_column(
        str_enum(EventFormat), default=EventFormat.ROUNDTABLE
    )
    status: Mapped[EventStatus] = mapped_column(str_enum(EventStatus), default=EventStatus.DRAFT)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("series.id", ondelete="SET NULL"), default=None, index=True
    )
    series_number: Mapped[int | None] = mapped_column(default=None)
    # Stored in UTC; ``time_zone`` is the zone the event is held in and printed in.
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    time_zone: Mapped[str] = mapped_column(String(64), default=FALLBACK_ZONE)
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venue.id", ondelete="SET NULL"), default=None
    )
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("room.id", ondelete="SET NULL"), default=None
    )
    attribution: Mapped[AttributionRule] = mapped_column(
        str_enum(AttributionRule), default=AttributionRule.CHATHAM_HOUSE
    )
    audience: Mapped[EventAudience] = mapped_column(
        str_enum(EventAudience), default=EventAudience.INVITATION
    )
    # This event's own say on naming its cast publicly under the Chatham House Rule; None
    # follows the organisation. The policy takes the stricter of the two, so a value here can
    # only withhold names: an event imported from an institute that withholds them keeps doing
    # so in a database whose organisation names them (store.package).
    name_cast_publicly: Mapped[bool | None] = mapped_column()
    concept_note: Mapped[str] = mapped_column(Text, default="")
    background: Mapped[str] = mapped_column(Text, default="")
    key_issues: Mapped[list[str]] = mapped_column(JSON, default=list)
    report_summary: Mapped[str] = mapped_column(Text, default="")
    report_discussion: Mapped[str] = mapped_column(Text, default="")
    report_recommendations: Mapped[list[str]] = mapped_column(JSON, default=list)
    report_url: Mapped[str] = mapped_column(String(1000), default="")  # published PDF, if any
    contact: Mapped[str] = mapped_column(String(300), default="")  # organiser on the day
    notes: Mapped[str] = mapped_column(Text, default="")
    # iCalendar SEQUENCE: raised whenever time, venue or status change (see store.events).
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    series: Mapped[Series | None] = relationship()
    venue: Mapped[Venue | None] = relationship()
    room: Mapped[Room | None] = relationship()
    agenda: Mapped[list["AgendaItem"]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="(AgendaItem.position, AgendaItem.id)",
    )
    participations: Mapped[list["Participation"]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="(Participation.role, Participation.position, Participation.id)",
    )
    invitations: Mapped[list["Invitation"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Invitation.id"
    )
    consents: Mapped[list["Consent"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Consent.id"
    )

    def __repr__(self) -> str:
        return f"Event(id={self.id!r}, title={self.title!r})"


class AgendaItem(Versioned, Base):
    __tablename__ = "agenda_item"
    __table_args__ = (Index("ix_agenda_item_event_position", "event_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[AgendaKind] = mapped_column(str_enum(AgendaKind), default=AgendaKind.OTHER)
    description: Mapped[str] = mapped_column(Text, default="")
    # None: the event's rule applies. Set: this part is held under its own rule.
    attribution: Mapped[AttributionRule | None] = mapped_column(
        str_enum(AttributionRule), default=None
    )

    event: Mapped[Event] = relationship(back_populates="agenda")
    people: Mapped[list["AgendaPerson"]] = relationship(
        back_populates="agenda_item",
        cascade="all, delete-orphan",
        order_by="(AgendaPerson.position, AgendaPerson.id)",
    )


class AgendaPerson(Versioned, Base):
    """A person in a role within one agenda item (the keynote speaker of the keynote)."""

    __tablename__ = "agenda_person"
    __table_args__ = (
        UniqueConstraint("agenda_item_id", "person_id", "role"),
        Index("ix_agenda_person_person", "person_id", "agenda_item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(str_enum(Role), default=Role.SPEAKER)
    position: Mapped[int] = mapped_column(default=0)

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="people")
    person: Mapped[Person] = relationship()


class Participation(Versioned, Base):
    """A person in a role at the event (chair, moderator, speaker ...), in programme order."""

    __tablename__ = "participation"
    __table_args__ = (
        UniqueConstraint("event_id", "person_id", "role"),
        # Covering index for "which events is this person in" (conflict detection).
        Index("ix_participation_person_event", "person_id", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="participations")
    person: Mapped[Person] = relationship()


class Invitation(Versioned, Base):
    __tablename__ = "invitation"
    __table_args__ = (
        UniqueConstraint("event_id", "person_id"),
        Index("ix_invitation_person_event", "person_id", "event_id"),
        # Partial indexes for who is coming (conflicts, capacity): the scheduling queries write
        # status = 'accepted' literally so the planner can match these conditions. Revision 0004
        # makes them partial on PostgreSQL too; saying so here (postgresql_where) would make
        # every start import SQLAlchemy's whole PostgreSQL dialect (20-30 ms).
        Index(
            "ix_invitation_accepted_person_event",
            "person_id",
            "event_id",
            sqlite_where=text("status = 'accepted'"),
        ),
        Index(
            "ix_invitation_accepted_event",
            "event_id",
            sqlite_where=text("status = 'accepted'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    status: Mapped[InvitationStatus] = mapped_column(
        str_enum(InvitationStatus), default=InvitationStatus.INVITED
    )
    attended: Mapped[bool | None] = mapped_column(default=None)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # When the answer was recorded, and what the invitee said with it ("arriving late").
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    reply_note: Mapped[str] = mapped_column(String(1000), default="")

    event: Mapped[Event] = relationship(back_populates="invitations")
    person: Mapped[Person] = relationship()


class Consent(Versioned, Base):
    """Recorded per person per event, never assumed."""

    __tablename__ = "consent"
    __table_args__ = (UniqueConstraint("event_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    may_be_named: Mapped[bool] = mapped_column(default=False)
    # How a not-for-attribution report may describe this person ("a former diplomat").
    description: Mapped[str] = mapped_column(String(300), default="")

    event: Mapped[Event] = relationship(back_populates="consents")
    person: Mapped[Person] = relationship()
