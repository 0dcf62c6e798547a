"""Every ORM entity, imported together: SQLAlchemy resolves the relationships named in quotes
and ``Base.metadata`` lists every table only once all of them are defined.

``planner.model`` hands these out on first use (its ``__getattr__``), so importing the enums,
labels or limits alone does not import SQLAlchemy's ORM (about 0.4 s of CPU; ``planner render``
reads a SQLite file without it).
"""

from .base import Base, UTCDateTime, Versioned, utcnow
from .dispatch import Dispatch
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
]
