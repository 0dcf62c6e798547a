"""The domain entities (SQLAlchemy 2 typed declarative) and their vocabularies."""

from .base import Base, UTCDateTime, Versioned, utcnow
from .dispatch import Dispatch
from .enums import (
    CAST_ROLES,
    AgendaKind,
    AttributionRule,
    ChangeKind,
    DispatchKind,
    EventAudience,
    EventFormat,
    EventStatus,
    InvitationStatus,
    PaperSize,
    Role,
    TimeStyle,
)
from .event import (
    AgendaItem,
    AgendaPerson,
    Consent,
    Event,
    Invitation,
    Participation,
    new_event_uid,
)
from .history import Change
from .organisation import Organisation
from .person import PERSON_FIELDS, Person
from .series import Series
from .venue import Room, Venue

__all__ = [
    "CAST_ROLES",
    "PERSON_FIELDS",
    "AgendaItem",
    "AgendaKind",
    "AgendaPerson",
    "AttributionRule",
    "Base",
    "Change",
    "ChangeKind",
    "Consent",
    "Dispatch",
    "DispatchKind",
    "Event",
    "EventAudience",
    "EventFormat",
    "EventStatus",
    "Invitation",
    "InvitationStatus",
    "Organisation",
    "PaperSize",
    "Participation",
    "Person",
    "Role",
    "Room",
    "Series",
    "TimeStyle",
    "UTCDateTime",
    "Venue",
    "Versioned",
    "new_event_uid",
    "utcnow",
]
