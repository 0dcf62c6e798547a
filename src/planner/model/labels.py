"""What a reader sees for each value of the vocabularies (enums.py), in one table each.

Documents, findings, the command line and the GUI all name a rule, role, format or status
from here, so the same value is never called two things on two screens. Forms for the middle
of a sentence ("a keynote speaker at") are derived where they are used, from these.
"""

from __future__ import annotations

from .enums import (
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

RULE_LABELS: dict[AttributionRule, str] = {
    AttributionRule.ON_THE_RECORD: "On the record",
    AttributionRule.CHATHAM_HOUSE: "Chatham House Rule",
    AttributionRule.NOT_FOR_ATTRIBUTION: "Not for attribution",
    AttributionRule.OFF_THE_RECORD: "Off the record",
}

# Short badge text shown beside an event's title in lists and the calendar.
RULE_BADGES: dict[AttributionRule, str] = {
    AttributionRule.ON_THE_RECORD: "ON",  # not "OTR": most readers take that for off the record
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

AGENDA_KIND_LABELS: dict[AgendaKind, str] = {
    AgendaKind.WELCOME: "Welcome",
    AgendaKind.KEYNOTE: "Keynote",
    AgendaKind.PRESENTATION: "Presentation",
    AgendaKind.PANEL: "Panel",
    AgendaKind.DISCUSSION: "Discussion",
    AgendaKind.QA: "Questions and answers",
    AgendaKind.BREAK: "Break",
    AgendaKind.MEAL: "Meal",
    AgendaKind.VOTE_OF_THANKS: "Vote of thanks",
    AgendaKind.CLOSING: "Closing",
    AgendaKind.OTHER: "Other",
}

AUDIENCE_LABELS: dict[EventAudience, str] = {
    EventAudience.PUBLIC: "Public",
    EventAudience.INVITATION: "By invitation",
    EventAudience.IN_HOUSE: "In-house",
}

# How each style writes five in the afternoon: the example is the label.
TIME_STYLE_LABELS: dict[TimeStyle, str] = {
    TimeStyle.HOURS: "1700 hours",
    TimeStyle.TWELVE_HOUR: "5:00 pm",
}

NAME_ORDER_LABELS: dict[NameOrder, str] = {
    NameOrder.AUTOMATIC: "As the script writes it",
    NameOrder.FAMILY_FIRST: "Family name first",
    NameOrder.GIVEN_FIRST: "Given name first",
}

PAPER_SIZE_LABELS: dict[PaperSize, str] = {
    PaperSize.A4: "A4 (210 × 297 mm)",
    PaperSize.LETTER: "US Letter (8.5 × 11 in)",
}

# A person's fields as forms and messages name them (model.PERSON_FIELDS). Contact files name
# their columns more briefly ("Short bio"): those headers are exports.contacts.CONTACT_COLUMNS,
# and messages about a file's line use the file's words.
PERSON_FIELD_LABELS: dict[str, str] = {
    "honorific": "Honorific or rank",
    "given_name": "Given name",
    "family_name": "Family name",
    "post_nominals": "Post-nominals",
    "position": "Position",
    "affiliation": "Affiliation",
    "email": "Email",
    "phone": "Phone",
    "short_style": "Short style",
    "salutation": "Salutation",
    "short_bio": "Short biography",
    "long_bio": "Long biography",
    "notes": "Notes",
    "name_order": "Name order",
}

# A series' session label: its numbering pattern with the number in place of "{n}".
DEFAULT_NUMBERING = "Session {n}"


def session_label(numbering: str, number: int) -> str:
    """``Session 3``, ``Seminar No. 3``: ``numbering`` (the default when empty) with the number."""
    return (numbering or DEFAULT_NUMBERING).replace("{n}", str(number))


def series_label(title: str, numbering: str, number: int | None) -> str:
    """``Pakistan Foreign Policy Review · Session 2``: the series an event belongs to, as lists
    and documents show it; the title alone without a number, "" outside a series."""
    if not title or number is None:
        return title
    return f"{title} \u00b7 {session_label(numbering, number)}"


# What a history row records (planner history, the editor's History section).
CHANGE_KIND_LABELS: dict[ChangeKind, str] = {
    ChangeKind.EDIT: "Edited",
    ChangeKind.CREATE: "Added",
    ChangeKind.DELETE: "Removed",
    ChangeKind.OVERWRITE: "Kept over someone else's change",
    ChangeKind.IMPORT: "Imported",
}


# What went out (a dispatch): the noun in "Write 3 invitation drafts" and the out-of-date bar.
DISPATCH_KIND_LABELS: dict[DispatchKind, str] = {
    DispatchKind.INVITATION: "invitation",
    DispatchKind.REMINDER: "reminder",
    DispatchKind.UPDATE: "update",
    DispatchKind.CANCELLATION: "cancellation",
    DispatchKind.DOCUMENT: "document",
}
