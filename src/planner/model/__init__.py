"""The domain entities (SQLAlchemy 2 typed declarative) and their vocabularies.

The vocabularies (enums) are imported with the package; the entities (``Event``, ``Person``,
``Base`` ...) on first use, all at once from :mod:`planner.model.entities`, so that a command
that needs only the enums and labels (``planner render`` reading a SQLite file) does not pay
for SQLAlchemy's ORM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .enums import (
    CAST_ROLES,
    MESSAGE_KINDS,
    AgendaKind,
    AttributionRule,
    ChangeKind,
    DispatchKind,
    EventAudience,
    EventFormat,
    EventStatus,
    InvitationStatus,
    NameOrder,
    PaperSize,
    Role,
    TimeStyle,
)

if TYPE_CHECKING:  # for mypy and readers; at run time see __getattr__ below
    from .entities import (
        PERSON_FIELDS,
        AgendaItem,
        AgendaPerson,
        Base,
        Change,
        Consent,
        Dispatch,
        Event,
        Invitation,
        Organisation,
        Participation,
        Person,
        Room,
        Series,
        UTCDateTime,
        Venue,
        Versioned,
        new_event_uid,
        utcnow,
    )

_ENTITIES = frozenset(
    {
        "PERSON_FIELDS",
        "AgendaItem",
        "AgendaPerson",
        "Base",
        "Change",
        "Consent",
        "Dispatch",
        "Event",
        "Invitation",
        "Organisation",
        "Participation",
        "Person",
        "Room",
        "Series",
        "UTCDateTime",
        "Venue",
        "Versioned",
        "new_event_uid",
        "utcnow",
    }
)

__all__ = [
    "CAST_ROLES",
    "MESSAGE_KINDS",
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
    "NameOrder",
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


def __getattr__(name: str) -> Any:
    # PEP 562: the first use of any entity imports them all (see the module docstring).
    if name not in _ENTITIES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import entities

    value = getattr(entities, name)
    globals()[name] = value
    return value
