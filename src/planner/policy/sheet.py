"""The sheet: an immutable snapshot of one event for one audience.

Built only by the attribution policy (``planner.policy.build_sheet``); every document and export
is rendered from a sheet and nothing else. A sheet holds plain values, already styled, formatted
and filtered for its audience: a renderer never decides whether a name may appear. What a sheet
leaves out (a name, an affiliation, the participant list) is simply not there to leak.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any


class Audience(enum.StrEnum):
    """Who will read an output (DOMAIN.md, "What each document may show, by audience")."""

    PUBLIC = "public"
    ATTENDEES = "attendees"
    ORGANISERS = "organisers"


@dataclass(frozen=True, slots=True)
class OrganisationSheet:
    name: str
    short_name: str
    address: str
    website: str
    email: str
    phone: str
    logo_path: str  # "" when none; an absolute path to a PNG/JPEG
    brand_colour: str  # "#RRGGBB"
    paper_size: str  # "a4" | "letter"
    language: str  # BCP 47, e.g. "en"


@dataclass(frozen=True, slots=True)
class WhenSheet:
    """The event's times, aware, and already written the organisation's way."""

    starts_at: datetime  # aware, in the event's zone
    ends_at: datetime  # aware, in the event's zone
    time_zone: str  # IANA name, "Asia/Karachi"
    date_text: str  # "Tuesday, 12 March 2013"
    start_time_text: str  # "1700 hours" | "5:00 pm"
    end_time_text: str  # "1900 hours" | "7:00 pm"
    time_range_text: str  # "1700–1900 hours" | "5:00–7:00 pm"
    long_text: str  # "Tuesday, 12 March 2013 at 1700 hours"


@dataclass(frozen=True, slots=True)
class VenueSheet:
    name: str
    room: str
    city: str
    address: str
    capacity: int | None  # the room's
    contact: str
    # "Islamabad Club, Islamabad" or "Main Hall, Islamabad Club, Islamabad"
    text: str


@dataclass(frozen=True, slots=True)
class Notice:
    """A rule notice to print: the Chatham House Rule's 2002 text verbatim, or a plain sentence."""

    rule: str  # AttributionRule value
    title: str  # "Chatham House Rule"
    text: str
    scope: str = ""  # "" for the whole event, else the agenda item's title it applies to


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """One person as this audience may see them.

    ``name`` is the full style (``Lt. Gen. (R) Syed Muhammad Owais HI (M)``), or, where the rule
    allows only a description, that description ("a former diplomat") with ``described`` set and
    every identifying field empty. Fields the audience may not see are "".
    """

    role: str  # Role value ("chair"); "" for plain participants
    role_label: str  # "Chair", "Speaker"
    name: str
    short_name: str  # table-tent style: "Lt. Gen. Owais"
    salutation: str  # "Dear General Owais" (organisers only)
    sort_key: str  # family name first, honorifics ignored, casefolded
    position: str
    affiliation: str
    short_bio: str
    long_bio: str
    email: str  # organisers only
    phone: str  # organisers only
    described: bool = False
    # The parts ``name`` is styled from, for exports that keep them apart (a vCard's N);
    # "" when described, like every identifying field.
    honorific: str = ""
    given_name: str = ""
    family_name: str = ""
    post_nominals: str = ""
    name_order: str = ""  # "family first" / "given first" / "" (the script decides)
    # A neutral placeholder ("a speaker"): the audience may not learn who this is and nobody
    # wrote a description. Documents print such people only as a count ("4 speakers, names
    # withheld under the rule", ``CastGroup.withheld``, ``AgendaRow.withheld``), never as a
    # list of blanks.
    withheld: bool = False


@dataclass(frozen=True, slots=True)
class CastGroup:
    """People in one role, in programme order: ("CHAIR", [..]), ("SPEAKERS", [...])."""

    role: str
    label: str  # "Chair" / "Speakers" (plural when more than one)
    people: tuple[PersonEntry, ...]
    withheld: int = 0  # how many of ``people`` are withheld placeholders


@dataclass(frozen=True, slots=True)
class AgendaRow:
    starts_at: datetime  # aware, event zone
    ends_at: datetime
    time_text: str  # "1700–1710"
    title: str
    kind: str  # AgendaKind value
    is_break: bool  # tea break, lunch: printed in italics, no people
    description: str
    rule: str  # the rule in force for this item (override or the event's)
    rule_label: str
    overrides_event_rule: bool
    people: tuple[PersonEntry, ...]
    # "This part is held under the Chatham House Rule." when the item overrides the event's
    # rule, else "".
    rule_sentence: str = ""
    # The withheld placeholders among ``people`` as one line: "2 speakers, names withheld
    # under the rule" ("" when none).
    withheld: str = ""
    # "Friday, 15 January 2027" on each day's first row of an event held over several days,
    # printed above it in the timetable; "" otherwise.
    day_heading: str = ""


@dataclass(frozen=True, slots=True)
class ParticipantEntry:
    """A row of the participant list (organisers only)."""

    person: PersonEntry
    status: str  # InvitationStatus value, or "cast" for members of the cast not invited
    status_label: str
    attended: bool | None
    roles: tuple[str, ...]  # role labels at this event


@dataclass(frozen=True, slots=True)
class ReportSheet:
    summary: str
    discussion: str
    recommendations: tuple[str, ...]
    url: str  # where the published PDF lives, "" if nowhere yet
    # The notices to print on the report. Unlike ``Sheet.notices`` (for the programme), an
    # agenda part's scope here names no one the report may not name: an on-the-record
    # "Keynote by Prof. Weinbaum" may be on the public programme, yet under the Chatham House
    # Rule the report may not say he was there unless he consented.
    notices: tuple[Notice, ...] = ()
    # The closing line on where the report is published, as this audience may be told it:
    # "This report is published at <url>", or for the organisers' copy of a report that may
    # not be published (off the record, or naming people who did not consent) why not.
    publication: str = ""


@dataclass(frozen=True, slots=True)
class Sheet:
    audience: Audience
    organisation: OrganisationSheet
    event_id: int
    uid: str
    title: str
    short_title: str  # for running heads; the title when none is set
    subtitle: str
    format: str  # EventFormat value
    format_label: str  # "Roundtable"
    status: str  # EventStatus value
    status_label: str
    sequence: int  # iCalendar SEQUENCE
    series_title: str
    series_number: int | None
    series_label: str  # "Pakistan Foreign Policy Review · Session 2", "" when not in a series
    when: WhenSheet
    venue: VenueSheet | None
    date_line: str  # "Tuesday, 12 March 2013 · 1700 hours · Islamabad Club, Islamabad"
    rule: str  # AttributionRule value
    rule_label: str  # "Chatham House Rule"
    notices: tuple[Notice, ...]
    confidential: bool
    marking: str  # "CONFIDENTIAL" or ""
    event_audience: str  # EventAudience value: who may come
    cast: tuple[CastGroup, ...]
    agenda: tuple[AgendaRow, ...]
    concept_note: str
    background: str
    key_issues: tuple[str, ...]
    contact: str
    # The report as this audience may read it; None when there is none or it is refused.
    report: ReportSheet | None
    # Why the report is missing for this audience ("" when it is there or simply unwritten),
    # and the checker's findings that block it, one sentence each.
    report_refusal: str
    report_findings: tuple[str, ...]
    # Everyone linked to the event with their status; None when this audience may not see it.
    participants: tuple[ParticipantEntry, ...] | None
    # Everyone expected in the room (cast and accepted invitees), once each, sorted by family
    # name: one badge and one table tent each. Empty unless the audience is organisers.
    present: tuple[PersonEntry, ...] = field(default=())
    # Who every invitation to the event may name besides its own recipient and the organiser
    # (the ATTENDEE lines of a REQUEST or CANCEL): when the whole event is on the record, the
    # invitees and cast who consented to be named, with their email (an ATTENDEE is an
    # address); under any other rule no one. Empty for the public.
    invitation_list: tuple[ParticipantEntry, ...] = field(default=())
    # The cast's withheld placeholders as one line, in programme order: "Chair, moderator and
    # 4 speakers, names withheld under the rule" ("" when none).
    cast_withheld: str = ""


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def sheet_to_dict(sheet: Sheet) -> dict[str, Any]:
    """The sheet as JSON-ready plain data (``planner sheet --json``, and the leak tests)."""
    result = _plain(sheet)
    assert isinstance(result, dict)
    return result
