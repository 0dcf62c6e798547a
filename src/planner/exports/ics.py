"""Calendar files (.ics, RFC 5545 / iTIP RFC 5546) rendered from sheets.

One VEVENT per sheet, its times aware in the event's zone with a VTIMEZONE that covers only the
years the events need (a full IANA history would be a few hundred lines per zone that no
calendar reads). The UID is the event's stable uid and SEQUENCE the stored counter the store
raises whenever time, venue or status change, so a re-exported file updates the entry already
in a calendar instead of adding a second one.

An event held over several days (planner.days: Thursday 09:00 – Friday 18:00) is one VEVENT
with its first day's hours and ``RRULE:FREQ=DAILY;COUNT=<days>``: Outlook, Google Calendar and
Apple Calendar all show a daily rule as one entry per day (09:00–18:00 on Thursday and on
Friday), where a single 33-hour VEVENT shows as running through the night. One UID keeps
updates and cancellations whole: a later SEQUENCE replaces every day at once, a change to
three days or one day included. (RDATE, the other way, is not understood by Outlook; separate
UIDs per day would leave a dropped day behind in calendars.)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

import icalendar

from planner import __version__
from planner.days import held_days
from planner.errors import PlannerError
from planner.policy.sheet import Audience, ParticipantEntry, Sheet
from planner.zones import zone

from .text import event_description, isolate_rtl, one_line, series_note


class Method(enum.StrEnum):
    """iTIP methods: publish a calendar, request attendance, cancel an entry."""

    PUBLISH = "publish"
    REQUEST = "request"
    CANCEL = "cancel"


# EventStatus value -> VEVENT STATUS.
_STATUS = {
    "draft": "TENTATIVE",
    "planned": "TENTATIVE",
    "postponed": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
}
# InvitationStatus value (or "cast") -> ATTENDEE PARTSTAT.
_PARTSTAT = {
    "invited": "NEEDS-ACTION",
    "tentative": "TENTATIVE",
    "accepted": "ACCEPTED",
    "declined": "DECLINED",
    "cast": "NEEDS-ACTION",
}
# Role values that chair the meeting (RFC 5545's CHAIR); everyone else in the cast is a required
# participant. A moderator leads a session, not the meeting: calendars showing two chairs
# confused the people invited.
_CHAIR_ROLES = {"chair", "co_chair"}
_CAST_ROLES = {
    "guest_of_honour",
    "host",
    "keynote",
    "moderator",
    "speaker",
    "discussant",
    "rapporteur",
}
_EMAIL = re.compile(r"^[^@\s<>\",;:()\[\]\\]+@[^@\s<>\",;:()\[\]\\]+\.[^@\s<>\",;:()\[\]\\]+$")


def valid_email(address: str) -> bool:
    """A plain ``local@domain.tld`` with nothing that could close a header or a parameter."""
    return bool(_EMAIL.match(address))


def _param_text(value: str) -> str:
    # A parameter value may not hold a double quote (RFC 5545 3.2) nor a line break.
    return one_line(value.replace('"', "'"), limit=200)


def _method_for(sheets: Sequence[Sheet], method: Method) -> Method:
    # A single cancelled event can only be announced as a cancellation; a series calendar keeps
    # its PUBLISH and marks the cancelled sessions with STATUS:CANCELLED.
    if len(sheets) == 1 and sheets[0].status == "cancelled":
        return Method.CANCEL
    return method


def _vtimezones(sheets: Sequence[Sheet]) -> list[icalendar.Timezone]:
    spans: dict[str, tuple[date, date]] = {}
    for sheet in sheets:
        name = sheet.when.time_zone
        first, last = sheet.when.starts_at.date(), sheet.when.ends_at.date()
        if name in spans:
            first, last = min(first, spans[name][0]), max(last, spans[name][1])
        spans[name] = (first, last)
    zones = []
    for name, (first, last) in sorted(spans.items()):
        if name.upper() in {"UTC", "ETC/UTC", "Z"}:
            continue  # written as ...Z, no VTIMEZONE needed
        tzinfo = zone(name)
        # From 1 January of the first year to 1 January after the last: every transition an
        # event in these years can fall on, and nothing else.
        zones.append(
            icalendar.Timezone.from_tzinfo(
                tzinfo,
                tzid=name,
                first_date=date(first.year, 1, 1),
                last_date=date(last.year + 1, 1, 1),
            )
        )
    return zones


def _local(value: datetime, zone_name: str) -> datetime:
    if zone_name.upper() in {"UTC", "ETC/UTC", "Z"}:
        return value.astimezone(UTC)
    return value.astimezone(zone(zone_name))


def _organizer(sheet: Sheet) -> icalendar.vCalAddress | None:
    org = sheet.organisation
    if not valid_email(org.email):
        return None
    address = icalendar.vCalAddress(f"mailto:{org.email}")
    if org.name:
        address.params["CN"] = _param_text(org.name)
    return address


def _attendee(entry: ParticipantEntry) -> icalendar.vCalAddress | None:
    person = entry.person
    if not valid_email(person.email) or entry.status == "declined":
        return None
    address = icalendar.vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = _param_text(person.name)
    address.params["CUTYPE"] = "INDIVIDUAL"
    if person.role in _CHAIR_ROLES:
        address.params["ROLE"] = "CHAIR"
    elif person.role in _CAST_ROLES or entry.status == "cast":
        address.params["ROLE"] = "REQ-PARTICIPANT"
    else:
        address.params["ROLE"] = "OPT-PARTICIPANT"
    partstat = _PARTSTAT.get(entry.status, "NEEDS-ACTION")
    address.params["PARTSTAT"] = partstat
    if partstat == "NEEDS-ACTION":
        address.params["RSVP"] = "TRUE"
    return address


def _attendees(sheet: Sheet, recipient: ParticipantEntry | None) -> list[ParticipantEntry]:
    """Who an invitation names: the sheet's ``invitation_list`` (the policy's decision) and
    the one person this copy is addressed to, once each."""
    people = list(sheet.invitation_list)
    if recipient is not None:
        listed = {entry.person.email.casefold() for entry in people if entry.person.email}
        if not recipient.person.email or recipient.person.email.casefold() not in listed:
            people.append(recipient)
    return people


def _vevent(
    sheet: Sheet,
    method: Method,
    recipient: ParticipantEntry | None,
    stamp: datetime,
    sequence_at_least: int = 0,
    recipient_only: bool = False,
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", sheet.uid)
    event.add("dtstamp", stamp)
    start = _local(sheet.when.starts_at, sheet.when.time_zone)
    end = _local(sheet.when.ends_at, sheet.when.time_zone)
    days = held_days(start, end)
    if len(days) > 1 and end.time() > start.time():
        # A conference: its hours on each of its days, as a daily rule on one UID (see the
        # module's docstring), not one entry running through the nights.
        end = start.replace(hour=end.hour, minute=end.minute, second=end.second)
        event.add("rrule", {"freq": "daily", "count": len(days)})
    event.add("dtstart", start)
    event.add("dtend", end)
    note = series_note(sheet)
    summary = f"{sheet.title} ({note})" if note else sheet.title
    event.add("summary", one_line(summary))
    # "Chair: \u2068ڈاکٹر عائشہ رحمان\u2069": a right-to-left name isolated in an English line.
    event.add("description", isolate_rtl(event_description(sheet)))
    if sheet.venue is not None:
        event.add("location", one_line(sheet.venue.text))
    if sheet.format_label:
        event.add("categories", [one_line(sheet.format_label)])
    cancelled = method is Method.CANCEL or sheet.status == "cancelled"
    # Uninviting one attendee of an event that still takes place: RFC 5546 (3.2.5) says the
    # STATUS, which would cancel the whole event, must not be there.
    uninvite = recipient_only and method is Method.CANCEL and sheet.status != "cancelled"
    if not uninvite:
        event.add("status", "CANCELLED" if cancelled else _STATUS.get(sheet.status, "TENTATIVE"))
    # A cancellation must carry a SEQUENCE above the one calendars hold. The store raises it
    # when the status becomes cancelled; a cancellation of an event still stored as planned
    # (the organiser announcing it before changing the record) goes one above.
    sequence = sheet.sequence
    if method is Method.CANCEL and sheet.status != "cancelled":
        sequence += 1
    # An update or cancellation of an entry sent earlier must go above what that entry carried
    # (a new speaker does not raise the stored counter; the organiser's update must).
    event.add("sequence", max(sequence, sequence_at_least))
    event.add("transp", "OPAQUE")
    event.add("class", "PUBLIC" if sheet.audience is Audience.PUBLIC else "PRIVATE")
    if sheet.report is not None and sheet.report.url:
        event.add("url", sheet.report.url)
    organizer = _organizer(sheet)
    if organizer is not None:
        event.add("organizer", organizer)
    if method is not Method.PUBLISH:
        # A cancellation of one person's entry (a speaker who withdrew) names only them: in
        # iTIP a CANCEL removes the attendees it lists, and no one else's entry is cancelled.
        listed = [recipient] if recipient_only and recipient else _attendees(sheet, recipient)
        for entry in listed:
            address = _attendee(entry)
            if address is not None:
                event.add("attendee", address)
    return event


def render_ics(
    sheets: Sequence[Sheet],
    method: Method = Method.PUBLISH,
    *,
    recipients: Mapping[int, ParticipantEntry] | None = None,
    calendar_name: str = "",
    now: datetime | None = None,
    sequence_at_least: int = 0,
    recipient_only: bool = False,
) -> bytes:
    """A calendar holding one VEVENT per sheet.

    REQUEST and CANCEL, the two methods that address people, name the organiser, the people
    the sheet's ``invitation_list`` holds (the policy decided who every invitation may name)
    and, when this copy is for one person, that recipient (``recipients``, by event id: their
    entry of the organisers' sheet). PUBLISH never names attendees. A single cancelled event
    is always written as METHOD:CANCEL with STATUS:CANCELLED. ``sequence_at_least``: the
    lowest SEQUENCE to write (one above the entry sent earlier, for an update);
    ``recipient_only``: name no attendee but the recipient (a cancellation for one person).
    """
    if not sheets:
        raise PlannerError("nothing to put in the calendar: no events")
    method = _method_for(sheets, method)
    if method is not Method.PUBLISH and _organizer(sheets[0]) is None:
        raise PlannerError(
            "a calendar invitation or cancellation needs an organiser: "
            "set the organisation's email address first"
        )
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    org_name = one_line(sheets[0].organisation.name) or "Planner"
    calendar.add("prodid", f"-//{org_name.replace('//', '/')}//Planner {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method.value.upper())
    if calendar_name:
        calendar.add("x-wr-calname", one_line(calendar_name))
    for vtimezone in _vtimezones(sheets):
        calendar.add_component(vtimezone)
    ordered = sorted(sheets, key=lambda s: (s.when.starts_at, s.event_id))
    for sheet in ordered:
        recipient = (recipients or {}).get(sheet.event_id)
        calendar.add_component(
            _vevent(sheet, method, recipient, stamp, sequence_at_least, recipient_only)
        )
    data: bytes = calendar.to_ical()
    return data
