"""The closed vocabularies of the domain (DOMAIN.md). Stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class EventFormat(StrEnum):
    SEMINAR = "seminar"
    ROUNDTABLE = "roundtable"
    IN_HOUSE_ROUNDTABLE = "in_house_roundtable"
    LECTURE = "lecture"
    CONFERENCE = "conference"
    WORKSHOP = "workshop"
    BOOK_LAUNCH = "book_launch"
    BRIEFING = "briefing"
    OTHER = "other"


class EventStatus(StrEnum):
    DRAFT = "draft"
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class AttributionRule(StrEnum):
    ON_THE_RECORD = "on_the_record"
    CHATHAM_HOUSE = "chatham_house"
    NOT_FOR_ATTRIBUTION = "not_for_attribution"
    OFF_THE_RECORD = "off_the_record"


class EventAudience(StrEnum):
    """Who may come to the event (not who may read a document: see policy.Audience)."""

    PUBLIC = "public"
    INVITATION = "invitation"
    IN_HOUSE = "in_house"


class Role(StrEnum):
    CHAIR = "chair"
    CO_CHAIR = "co_chair"
    MODERATOR = "moderator"
    KEYNOTE = "keynote"
    SPEAKER = "speaker"
    DISCUSSANT = "discussant"
    RAPPORTEUR = "rapporteur"
    GUEST_OF_HONOUR = "guest_of_honour"
    HOST = "host"
    PARTICIPANT = "participant"
    OBSERVER = "observer"
    ORGANISER = "organiser"


# The cast of a programme, in the order a programme lists them.
CAST_ROLES: tuple[Role, ...] = (
    Role.GUEST_OF_HONOUR,
    Role.CHAIR,
    Role.CO_CHAIR,
    Role.HOST,
    Role.MODERATOR,
    Role.KEYNOTE,
    Role.SPEAKER,
    Role.DISCUSSANT,
    Role.RAPPORTEUR,
)


class InvitationStatus(StrEnum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"


class AgendaKind(StrEnum):
    WELCOME = "welcome"
    KEYNOTE = "keynote"
    PRESENTATION = "presentation"
    PANEL = "panel"
    DISCUSSION = "discussion"
    QA = "qa"
    BREAK = "break"
    MEAL = "meal"
    VOTE_OF_THANKS = "vote_of_thanks"
    CLOSING = "closing"
    OTHER = "other"


class PaperSize(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class TimeStyle(StrEnum):
    """How documents print a time: ``1700 hours`` or ``5:00 pm``."""

    HOURS = "hours"
    TWELVE_HOUR = "12h"


class DispatchKind(StrEnum):
    """What went out (a ``Dispatch``): a message to one person, or a printed or saved document."""

    INVITATION = "invitation"
    REMINDER = "reminder"
    UPDATE = "update"
    CANCELLATION = "cancellation"
    DOCUMENT = "document"


# The dispatches that are messages to a person (the rest are documents), in the order a
# programme officer sends them.
MESSAGE_KINDS: tuple[DispatchKind, ...] = (
    DispatchKind.INVITATION,
    DispatchKind.REMINDER,
    DispatchKind.UPDATE,
    DispatchKind.CANCELLATION,
)


class ChangeKind(StrEnum):
    """What a history row (model.history.Change) records."""

    EDIT = "edit"
    CREATE = "create"
    DELETE = "delete"
    # "Keep mine" in the conflict dialog: the user's edit written over someone else's.
    OVERWRITE = "overwrite"
    # One row for a whole bulk import (not one per person).
    IMPORT = "import"


class NameOrder(StrEnum):
    """Which of a person's names is written first (``Person.name_order``)."""

    AUTOMATIC = ""  # from the script: family first in Han, kana or Hangul, else given first
    FAMILY_FIRST = "family first"  # Wang Yi (family Wang), Orbán Viktor
    GIVEN_FIRST = "given first"
