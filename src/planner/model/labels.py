"""What a reader sees for each value of the vocabularies (enums.py), in one table each.

Documents, findings, the command line and the GUI all name a rule, role, format or status
from here, so the same value is never called two things on two screens. Forms for the middle
of a sentence ("a keynote speaker at") are derived where they are used, from these.
"""

from __future__ import annotations

from .enums import AttributionRule, EventFormat, EventStatus, InvitationStatus, Role

RULE_LABELS: dict[AttributionRule, str] = {
    AttributionRule.ON_THE_RECORD: "On the record",
    AttributionRule.CHATHAM_HOUSE: "Chatham House Rule",
    AttributionRule.NOT_FOR_ATTRIBUTION: "Not for attribution",
    AttributionRule.OFF_THE_RECORD: "Off the record",
}

# Short badge text shown beside an event's title in lists and the calendar.
RULE_BADGES: dict[AttributionRule, str] = {
    AttributionRule.ON_THE_RECORD: "OTR",
    AttributionRule.CHATHAM_HOUSE: "CHR",
    AttributionRule.NOT_FOR_ATTRIBUTION: "NFA",
    AttributionRule.OFF_THE_RECORD: "OFF",
}

ROLE_LABELS: dict[Role, str] = {
    Role.CHAIR: "Chair",
    Role.CO_CHAIR: "Co-chair",
    Role.MODERATOR: "Moderator",
    Role.KEYNOTE: "Keynote speaker",
    Role.SPEAKER: "Speaker",
    Role.DISCUSSANT: "Discussant",
    Role.RAPPORTEUR: "Rapporteur",
    Role.GUEST_OF_HONOUR: "Guest of honour",
    Role.HOST: "Host",
    Role.PARTICIPANT: "Participant",
    Role.OBSERVER: "Observer",
    Role.ORGANISER: "Organiser",
}

# Headings over several people in one role ("Speakers", "Guests of honour").
ROLE_PLURALS: dict[Role, str] = {
    Role.CHAIR: "Chairs",
    Role.CO_CHAIR: "Co-chairs",
    Role.MODERATOR: "Moderators",
    Role.KEYNOTE: "Keynote speakers",
    Role.SPEAKER: "Speakers",
    Role.DISCUSSANT: "Discussants",
    Role.RAPPORTEUR: "Rapporteurs",
    Role.GUEST_OF_HONOUR: "Guests of honour",
    Role.HOST: "Hosts",
    Role.PARTICIPANT: "Participants",
    Role.OBSERVER: "Observers",
    Role.ORGANISER: "Organisers",
}

# As printed on documents: a programme of an event of no listed format is headed "Event".
FORMAT_LABELS: dict[EventFormat, str] = {
    EventFormat.SEMINAR: "Seminar",
    EventFormat.ROUNDTABLE: "Roundtable",
    EventFormat.IN_HOUSE_ROUNDTABLE: "In-house roundtable",
    EventFormat.LECTURE: "Lecture",
    EventFormat.CONFERENCE: "Conference",
    EventFormat.WORKSHOP: "Workshop",
    EventFormat.BOOK_LAUNCH: "Book launch",
    EventFormat.BRIEFING: "Briefing",
    EventFormat.OTHER: "Event",
}

# As offered in the GUI's lists and menus, where "Event" among the formats would not read as a
# choice of its own: the last one is "Other" there.
FORMAT_CHOICE_LABELS: dict[EventFormat, str] = {
    **FORMAT_LABELS,
    EventFormat.OTHER: "Other",
}

STATUS_LABELS: dict[EventStatus, str] = {
    EventStatus.DRAFT: "Draft",
    EventStatus.PLANNED: "Planned",
    EventStatus.CONFIRMED: "Confirmed",
    EventStatus.HELD: "Held",
    EventStatus.POSTPONED: "Postponed",
    EventStatus.CANCELLED: "Cancelled",
}

INVITATION_LABELS: dict[InvitationStatus, str] = {
    InvitationStatus.INVITED: "Invited",
    InvitationStatus.ACCEPTED: "Accepted",
    InvitationStatus.DECLINED: "Declined",
    InvitationStatus.TENTATIVE: "Tentative",
}
