"""Readiness: what an event still lacks before its invitations go out, and after it is held.

``event_readiness(session, event_id)`` returns findings (``findings.Finding``), errors first.

- ``no_chair`` (error): a roundtable or in-house roundtable has no chair (or co-chair); the
  chair also moderates unless a moderator is named, so roundtables need no separate moderator.
- ``no_speakers`` (error): a seminar, lecture, conference or book launch has no speaker or
  keynote speaker.
- ``no_moderator`` (warning): a panel (agenda item of kind "panel") has neither a moderator nor
  a chair of its own and the event names no moderator; or a conference without panels has no
  moderator.
- ``speaker_without_biography`` (warning): a speaker, keynote speaker or discussant has neither
  a short nor a long biography (the briefing note needs one).
- ``no_venue`` (error): no venue set. ``no_room`` (warning): the venue has rooms but none is
  chosen. ``room_not_in_venue`` (error): the room belongs to another venue.
- ``rule_unconfirmed`` (info): a draft still carries the organisation's default rule. The
  column always holds a rule (default Chatham House), so "no rule chosen" cannot be told apart
  from "the default chosen"; a draft is the state in which nobody has confirmed it yet, and the
  invitation will state the rule.
- ``invitations_not_sent`` (warning): invitations with status "invited" but no sent date.
- ``report_missing`` (warning): the event was held (status held, or it has ended and was not
  cancelled or postponed) and has no report: no summary, discussion, recommendations or
  published URL (not asked of off-the-record events, which publish no report).
- ``report_unresolved_mentions`` (error): under the Chatham House Rule or not for attribution,
  the report names or identifies people who have not consented (the policy's report checker
  decides).

Preparation rules (cast, venue, rule, invitations) apply to events still to come; the report
rules to events held. A cancelled or postponed event has nothing to get ready.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from planner.errors import not_found
from planner.findings import Finding, Severity
from planner.model import (
    AgendaKind,
    AttributionRule,
    Event,
    EventFormat,
    EventStatus,
    Invitation,
    InvitationStatus,
    Organisation,
    Person,
    Role,
    Room,
    utcnow,
)
from planner.model.labels import FORMAT_LABELS
from planner.policy.build import load_event, load_organisation
from planner.policy.checker import ReportCheck, check_report
from planner.safety import safe_url, url_problem
from planner.zones import zone_or_utc

from .sql import INACTIVE_STATUSES
from .wording import count_text, day_text, person_name, quoted

NEEDS_CHAIR = frozenset({EventFormat.ROUNDTABLE, EventFormat.IN_HOUSE_ROUNDTABLE})
NEEDS_SPEAKERS = frozenset(
    {EventFormat.SEMINAR, EventFormat.LECTURE, EventFormat.CONFERENCE, EventFormat.BOOK_LAUNCH}
)
CHAIR_ROLES = frozenset({Role.CHAIR, Role.CO_CHAIR})
SPEAKER_ROLES = frozenset({Role.SPEAKER, Role.KEYNOTE})
# Whose biography the briefing note and the programme print.
BIOGRAPHY_ROLES = frozenset({Role.SPEAKER, Role.KEYNOTE, Role.DISCUSSANT})
PANEL_LEADS = frozenset({Role.MODERATOR, Role.CHAIR, Role.CO_CHAIR})
# Rules under which the report may not name people who have not consented.
CHECKED_REPORT_RULES = frozenset(
    {AttributionRule.CHATHAM_HOUSE, AttributionRule.NOT_FOR_ATTRIBUTION}
)

RULE_NAMES = {
    AttributionRule.ON_THE_RECORD: "on the record",
    AttributionRule.CHATHAM_HOUSE: "under the Chatham House Rule",
    AttributionRule.NOT_FOR_ATTRIBUTION: "not for attribution",
    AttributionRule.OFF_THE_RECORD: "off the record",
}
# A format in the middle of a sentence ("a roundtable"): the printed labels, in lower case.
FORMAT_NAMES = {form: label.lower() for form, label in FORMAT_LABELS.items()}
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def event_readiness(
    session: Session,
    event_id: int,
    *,
    now: datetime | None = None,
    report: ReportCheck | None = None,
) -> list[Finding]:
    """The readiness findings of one event, errors first. ``now`` (aware) is for tests;
    ``report`` is the report's check when the caller has it already (``planner check``), so
    the report is scanned once."""
    event = session.get(Event, event_id)
    if event is None:
        raise not_found("event", event_id)
    if event.status in INACTIVE_STATUSES:
        return []
    moment = now or utcnow()
    organisation = session.scalars(select(Organisation).limit(1)).first()
    held = event.status == EventStatus.HELD or event.ends_at <= moment
    findings: list[Finding] = _naming_rules(event, organisation)
    if held:
        findings += _report_rules(event, organisation, report)
    else:
        findings += _cast_rules(event)
        findings += _place_rules(session, event)
        findings += _rule_rules(event, organisation)
        findings += _invitation_rules(session, event)
    return sorted(findings, key=lambda f: _ORDER[f.severity])


# --- who takes part ----------------------------------------------------------------------


def _roles(event: Event) -> dict[Role, list[Person]]:
    """Everyone with a role at the event, by role: the programme's cast and the agenda's."""
    by_role: dict[Role, list[Person]] = {}
    for part in event.participations:
        by_role.setdefault(part.role, []).append(part.person)
    for item in event.agenda:
        for ap in item.people:
            by_role.setdefault(ap.role, []).append(ap.person)
    return by_role


def _unique(people: Iterable[Person]) -> list[Person]:
    seen: dict[int, Person] = {}
    for person in people:
        seen.setdefault(person.id, person)
    return list(seen.values())


def _name(person: Person) -> str:
    return person_name(person.honorific, person.given_name, person.family_name)


def _cast_rules(event: Event) -> list[Finding]:
    roles = _roles(event)
    title = quoted(event.title)
    kind = FORMAT_NAMES.get(event.format, "event")
    findings: list[Finding] = []
    if event.format in NEEDS_CHAIR and not any(roles.get(r) for r in CHAIR_ROLES):
        findings.append(
            Finding(
                Severity.ERROR,
                "no_chair",
                f"The {kind} {title} has no chair.",
                (event.id,),
            )
        )
    if event.format in NEEDS_SPEAKERS and not any(roles.get(r) for r in SPEAKER_ROLES):
        findings.append(
            Finding(
                Severity.ERROR,
                "no_speakers",
                f"The {kind} {title} has no speakers.",
                (event.id,),
            )
        )
    findings += _moderator_rules(event, roles)
    for person in _unique(p for r in BIOGRAPHY_ROLES for p in roles.get(r, [])):
        if not (person.short_bio.strip() or person.long_bio.strip()):
            findings.append(
                Finding(
                    Severity.WARNING,
                    "speaker_without_biography",
                    f"{_name(person)}, who speaks at {title}, has no biography for the "
                    "briefing note.",
                    (event.id,),
                    (),
                    (person.id,),
                )
            )
    return findings


def _moderator_rules(event: Event, roles: dict[Role, list[Person]]) -> list[Finding]:
    event_moderator = any(part.role == Role.MODERATOR for part in event.participations)
    if event_moderator:
        return []
    panels = [item for item in event.agenda if item.kind == AgendaKind.PANEL]
    findings = [
        Finding(
            Severity.WARNING,
            "no_moderator",
            f"The panel {quoted(item.title)} of {quoted(event.title)} has no moderator.",
            (event.id,),
            (item.id,),
        )
        for item in panels
        if not any(ap.role in PANEL_LEADS for ap in item.people)
    ]
    if event.format == EventFormat.CONFERENCE and not panels and not roles.get(Role.MODERATOR):
        findings.append(
            Finding(
                Severity.WARNING,
                "no_moderator",
                f"The conference {quoted(event.title)} has no moderator.",
                (event.id,),
            )
        )
    return findings


# --- where -------------------------------------------------------------------------------


def _place_rules(session: Session, event: Event) -> list[Finding]:
    title = quoted(event.title)
    if event.venue_id is None:
        return [Finding(Severity.ERROR, "no_venue", f"{title} has no venue.", (event.id,))]
    venue = event.venue
    venue_name = venue.name if venue is not None else "its venue"
    if event.room_id is None:
        rooms = session.scalar(select(func.count()).where(Room.venue_id == event.venue_id))
        if rooms:
            return [
                Finding(
                    Severity.WARNING,
                    "no_room",
                    f"{title} has no room chosen at {venue_name}.",
                    (event.id,),
                )
            ]
        return []
    room = event.room
    if room is not None and room.venue_id != event.venue_id:
        return [
            Finding(
                Severity.ERROR,
                "room_not_in_venue",
                f"The room {room.name} of {title} is not at {venue_name}.",
                (event.id,),
            )
        ]
    return []


# --- the rule ----------------------------------------------------------------------------


def _rule_rules(event: Event, organisation: Organisation | None) -> list[Finding]:
    default = organisation.default_attribution if organisation else AttributionRule.CHATHAM_HOUSE
    if event.status != EventStatus.DRAFT or event.attribution != default:
        return []
    return [
        Finding(
            Severity.INFO,
            "rule_unconfirmed",
            f"{quoted(event.title)} is a draft held {RULE_NAMES[event.attribution]}, the "
            "organisation's default: confirm the rule before the invitations go out.",
            (event.id,),
        )
    ]


def _naming_rules(event: Event, organisation: Organisation | None) -> list[Finding]:
    """Say why an event withholds a cast its organisation would name: else it looks like a bug."""
    organisation_names = organisation is None or organisation.name_cast_publicly_under_chatham_house
    rules = [event.attribution, *(item.attribution for item in event.agenda)]
    if not (
        event.name_cast_publicly is False
        and organisation_names
        and AttributionRule.CHATHAM_HOUSE in rules
    ):
        return []
    return [
        Finding(
            Severity.INFO,
            "cast_withheld_by_event",
            f"Public documents of {quoted(event.title)} do not name its cast under the Chatham "
            "House Rule, although the organisation names its cast: the event keeps the stricter "
            "setting it was imported with.",
            (event.id,),
        )
    ]


# --- invitations -------------------------------------------------------------------------


def _invitation_rules(session: Session, event: Event) -> list[Finding]:
    unsent = session.scalars(
        select(Invitation.person_id).where(
            Invitation.event_id == event.id,
            Invitation.status == InvitationStatus.INVITED,
            Invitation.sent_at.is_(None),
        )
    ).all()
    if not unsent:
        return []
    return [
        Finding(
            Severity.WARNING,
            "invitations_not_sent",
            f"{count_text(len(unsent), 'invitation')} to {quoted(event.title)} "
            f"{'has' if len(unsent) == 1 else 'have'} not been sent.",
            (event.id,),
            (),
            tuple(unsent),
        )
    ]


# --- after the event ---------------------------------------------------------------------


def _has_report(event: Event) -> bool:
    # A link no document may print (javascript:, file:...) is no published report.
    texts = [event.report_summary, event.report_discussion, safe_url(event.report_url)]
    texts += list(event.report_recommendations or [])
    return any((text or "").strip() for text in texts)


def _report_rules(
    event: Event, organisation: Organisation | None, report: ReportCheck | None
) -> list[Finding]:
    if event.attribution == AttributionRule.OFF_THE_RECORD:
        return []
    title = quoted(event.title)
    findings: list[Finding] = []
    link_problem = url_problem(event.report_url or "")
    if link_problem:
        # Stored before links were checked: the sheet drops it, the organiser should know why.
        findings.append(
            Finding(
                Severity.WARNING,
                "report_link_unsafe",
                f"The report link of {title} is left out of every document: {link_problem}.",
                (event.id,),
            )
        )
    return findings + _report_text_rules(event, organisation, title, report)


def _report_text_rules(
    event: Event, organisation: Organisation | None, title: str, report: ReportCheck | None
) -> list[Finding]:
    if not _has_report(event):
        if event.status == EventStatus.HELD:
            message = f"{title} has been held but has no report yet."
        else:
            # Past, yet never marked held: say so, the status may be what is out of date.
            ended = day_text(event.ends_at.astimezone(zone_or_utc(event.time_zone)))
            message = (
                f"{title} ended on {ended} and has no report yet (it is still marked "
                f"{event.status.value}: mark it held, cancelled or postponed)."
            )
        return [Finding(Severity.WARNING, "report_missing", message, (event.id,))]
    if event.attribution not in CHECKED_REPORT_RULES:
        return []
    check = report if report is not None else _check_report(event)
    unresolved = [(int(mention.person_id), mention) for mention in check.unresolved]
    if not unresolved:
        return []
    people = sorted({person_id for person_id, _ in unresolved})
    return [
        Finding(
            Severity.ERROR,
            "report_unresolved_mentions",
            f"The report of {title}, held {RULE_NAMES[event.attribution]}, names or identifies "
            f"{count_text(len(people), 'person', 'people')} who have not consented to be named "
            f"({count_text(len(unresolved), 'mention')}): change the text or record consent.",
            (event.id,),
            (),
            tuple(people),
        )
    ]


def _check_report(event: Event) -> ReportCheck:
    """The report check of ``event``, read the one way the policy reads an event."""
    session = object_session(event)
    assert session is not None, "readiness reads events in a session"
    return check_report(load_event(session, event.id), load_organisation(session))
