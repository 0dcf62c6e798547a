"""Builds the sheet of one event for one audience: the only way data reaches an output.

Everything a renderer may print is decided here, with :mod:`planner.policy.rules`:

- people the audience may not learn about appear only as their description ("a former
  diplomat"), with every identifying field empty;
- free texts the organiser wrote (title, subtitle, concept note, background, key issues, agenda
  titles and descriptions, the cast's positions and biographies, descriptions, contact, venue,
  room and series names) are read by the checker for public and attendee sheets, and any
  mention of a hidden person, by name or affiliation, is replaced by ``[withheld]`` (``planner
  check`` lists each one, so the organiser can rewrite the text rather than print a gap);
- the report is refused outright, never patched, when it mentions someone who has not
  consented, or when the event is off the record (its notices, too, are cleared by the
  report's rule: ``ReportSheet.notices``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from planner.days import over_days
from planner.errors import PlannerError
from planner.model.enums import CAST_ROLES, AgendaKind, InvitationStatus, Role
from planner.model.labels import FORMAT_LABELS, RULE_LABELS, STATUS_LABELS, series_label
from planner.safety import safe_url

from . import names
from .checker import (
    Mention,
    NameScanner,
    ReportCheck,
    check_report_with,
    organisation_names,
    report_fields,
)
from .rules import (
    PART_RULE_SENTENCES,
    PARTICIPANT_STATUS_LABELS,
    EventPolicy,
    Link,
    item_rule,
    notice,
    role_label,
    withheld_text,
)
from .sheet import (
    AgendaRow,
    Audience,
    CastGroup,
    Notice,
    OrganisationSheet,
    ParticipantEntry,
    PersonEntry,
    ReportSheet,
    Sheet,
    VenueSheet,
    WhenSheet,
)
from .source import (
    Rows,
    SourceEvent,
    SourceOrganisation,
    read_event,
    read_organisation,
    read_person,
)
from .timefmt import agenda_time_text, date_text, event_times, local

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CONFIDENTIAL = "CONFIDENTIAL"
OFF_THE_RECORD_REFUSAL = "The event is off the record: no report may be published."
# The organisers' copy of an off-the-record event's report: it never leaves their office.
OFF_THE_RECORD_COPY = (
    "The event was off the record: this report is for the organisers only and is not published."
)
BREAK_KINDS = frozenset({AgendaKind.BREAK, AgendaKind.MEAL})


def as_audience(value: Audience | str) -> Audience:
    try:
        return Audience(value)
    except ValueError as error:
        choices = ", ".join(a.value for a in Audience)
        raise PlannerError(f"unknown audience {value!r}; use one of: {choices}") from error


def session_rows(session: Session) -> Rows:
    """The rows of a statement run in ``session`` (which flushes pending changes first)."""
    from sqlalchemy import text

    def rows(sql: str, params: Mapping[str, object]) -> Sequence[Sequence[Any]]:
        return session.execute(text(sql), dict(params)).all()

    return rows


def load_event(session: Session, event_id: int) -> SourceEvent:
    """The event with everything a sheet or a check reads (NotFoundError for an unknown id)."""
    return read_event(session_rows(session), event_id)


def load_organisation(session: Session) -> SourceOrganisation | None:
    return read_organisation(session_rows(session))


def build_sheet(session: Session, event_id: int, audience: Audience | str) -> Sheet:
    """The sheet of event ``event_id`` for ``audience`` (NotFoundError for an unknown id)."""
    return build_sheet_from(session_rows(session), event_id, audience)


def build_sheet_from(rows: Rows, event_id: int, audience: Audience | str) -> Sheet:
    """The sheet of event ``event_id`` for ``audience``, read through ``rows`` (a session's,
    or ``sqlite3``'s in :mod:`planner.store.quick_read`)."""
    audience = as_audience(audience)
    return sheet_for(read_event(rows, event_id), read_organisation(rows), audience)


def sheet_for(
    event: SourceEvent, organisation: SourceOrganisation | None, audience: Audience | str
) -> Sheet:
    """The sheet of an event read by :func:`read_event` for ``audience``."""
    return SheetBuilder(EventPolicy(event, organisation), as_audience(audience)).build()


def recipient_entries(
    session: Session, event_id: int, person_ids: Iterable[int]
) -> dict[int, ParticipantEntry]:
    """Each of ``person_ids`` as the organisers' sheet shows them (address, salutation, their
    status and roles at the event), by id: whom one copy of an invitation, reminder, update or
    cancellation is addressed to. People no longer linked to the event are included (a speaker
    who withdrew is sent a cancellation), with no status of their own ("cast")."""
    rows = session_rows(session)
    policy = EventPolicy(read_event(rows, event_id), read_organisation(rows))
    builder = SheetBuilder(policy, Audience.ORGANISERS)
    entries: dict[int, ParticipantEntry] = {}
    for person_id in person_ids:
        link = builder.policy.links.get(person_id)
        if link is None:
            person = read_person(rows, person_id)
            if person is None:
                continue
            link = Link(person=person)
        entries[person_id] = _participant(link, builder.person(link, link.main_role, "recipient"))
    return entries


def _count_by_role(people: tuple[PersonEntry, ...]) -> list[tuple[Role, int]]:
    """How many withheld placeholders per role, roles in order of first appearance."""
    counts: dict[Role, int] = {}
    for person in people:
        if person.withheld:
            role = Role(person.role) if person.role else Role.PARTICIPANT
            counts[role] = counts.get(role, 0) + 1
    return list(counts.items())


@dataclass
class SheetBuilder:
    """One sheet's build; keeps what it withheld so ``planner check`` can list it."""

    policy: EventPolicy
    audience: Audience
    redactions: list[Mention] = field(default_factory=list)
    fallbacks: list[tuple[Link, str]] = field(default_factory=list)  # described neutrally
    report_check: ReportCheck | None = None

    def __post_init__(self) -> None:
        self.organisers = self.audience == Audience.ORGANISERS
        self._scanner: NameScanner | None = None
        if not self.organisers:
            hidden = self.policy.hidden_from(self.audience)
            shown = self.policy.shown_to(self.audience)
            # The people the sheet names are read too, as allowed: a form they share with a
            # hidden person (a given name, an affiliation) is no secret, and their own longer
            # name claims its words ("Dr Ayesha Siddiqa Rahmani" was printed "Dr [withheld]
            # Siddiqa Rahmani" for a hidden Dr Ayesha Rahman).
            if hidden:
                self._scanner = NameScanner(
                    (link.person for link in (*hidden, *shown)),
                    allowed=[link.person.id for link in shown],
                    exempt=organisation_names(self.policy.organisation),
                )

    # --- texts ------------------------------------------------------------------------------

    def text(self, value: object, where: str) -> str:
        """A free text as this audience may read it."""
        # Imported data may hold a number or null where text belongs: print it, never crash.
        value = "" if value is None else str(value)
        if self._scanner is None or not value:
            return value
        redacted, mentions = self._scanner.redact(value, where)
        self.redactions.extend(mentions)
        return redacted

    def contact(self) -> str:
        """The event's contact line as this audience may read it.

        A line that names someone the audience may not know of ("Ms Noor ul Ain Malik, +92 300
        000 0303") is not redacted in place: "[withheld], +92 300 000 0303" would still give
        out that person's own number. The organisation's contact stands in for the whole line
        (nothing, when the organisation has no phone or e-mail address); the mention is still
        recorded, so ``planner check`` lists it.
        """
        event = self.policy.event
        before = len(self.redactions)
        text = self.text(event.contact, "contact")
        if len(self.redactions) == before:
            return text
        return organisation_contact(self.policy.organisation)

    # --- people -----------------------------------------------------------------------------

    def person(self, link: Link, role: Role | None, where: str) -> PersonEntry:
        person = link.person
        role_value = role.value if role is not None else ""
        label = role_label(role) if role is not None else ""
        if not self.policy.named_for(person.id, self.audience):
            description, fallback = self.policy.description(person.id, role)
            if fallback:
                self.fallbacks.append((link, where))
            description = self.text(description, f"{where} description")
            return PersonEntry(
                role=role_value,
                role_label=label,
                name=description,
                short_name="",
                salutation="",
                sort_key=names.fold(description),
                position="",
                affiliation="",
                short_bio="",
                long_bio="",
                email="",
                phone="",
                described=True,
                withheld=fallback,
            )
        return PersonEntry(
            role=role_value,
            role_label=label,
            name=names.full_style(person),
            short_name=names.short_style(person),
            salutation=names.salutation(person) if self.organisers else "",
            sort_key=names.sort_key(person),
            position=self.text(person.position, f"{where} position"),
            affiliation=self.text(person.affiliation, f"{where} affiliation"),
            short_bio=self.text(person.short_bio, f"{where} short biography"),
            long_bio=self.text(person.long_bio, f"{where} biography"),
            email=person.email if self.organisers else "",
            phone=person.phone if self.organisers else "",
            honorific=person.honorific or "",
            given_name=person.given_name or "",
            family_name=person.family_name or "",
            post_nominals=person.post_nominals or "",
            name_order=person.name_order or "",
        )

    def cast(self) -> tuple[CastGroup, ...]:
        event = self.policy.event
        groups: list[CastGroup] = []
        for role in CAST_ROLES:
            participations = sorted(
                (p for p in event.participations if p.role == role),
                key=lambda p: (p.position, p.id),
            )
            people = tuple(
                self.person(self.policy.links[p.person_id], role, f"cast {role.value}")
                for p in participations
            )
            if people:
                label = role_label(role, plural=len(people) > 1)
                withheld = sum(1 for p in people if p.withheld)
                groups.append(
                    CastGroup(role=role.value, label=label, people=people, withheld=withheld)
                )
        return tuple(groups)

    def agenda(self) -> tuple[tuple[AgendaRow, ...], list[Notice]]:
        event = self.policy.event
        organisation = self.policy.organisation
        rows: list[AgendaRow] = []
        notices: list[Notice] = []
        # Over several days, each day's first row carries the day's heading in the timetable.
        several_days = over_days(
            local(event.starts_at, self.policy.time_zone),
            local(event.ends_at, self.policy.time_zone),
        )
        previous_day: date | None = None
        for number, item in enumerate(event.agenda, start=1):
            where = f"agenda[{number}]"
            rule, carved_out = item_rule(event, item.attribution)
            starts, ends = (
                local(item.starts_at, self.policy.time_zone),
                local(item.ends_at, self.policy.time_zone),
            )
            title = self.text(item.title, f"{where}.title")
            is_break = item.kind in BREAK_KINDS
            people = (
                ()
                if is_break
                else tuple(
                    self.person(self.policy.links[ap.person_id], ap.role, f"{where}.people")
                    for ap in item.people
                )
            )
            rows.append(
                AgendaRow(
                    starts_at=starts,
                    ends_at=ends,
                    time_text=agenda_time_text(starts, ends, organisation.time_style),
                    title=title,
                    kind=item.kind.value,
                    is_break=is_break,
                    description=self.text(item.description, f"{where}.description"),
                    rule=rule.value,
                    rule_label=RULE_LABELS[rule],
                    overrides_event_rule=carved_out,
                    people=people,
                    rule_sentence=PART_RULE_SENTENCES[rule] if carved_out else "",
                    withheld=withheld_text(_count_by_role(people)),
                    day_heading=(
                        date_text(starts) if several_days and starts.date() != previous_day else ""
                    ),
                )
            )
            previous_day = starts.date()
            if carved_out:
                notices.append(notice(rule, scope=title))
        return tuple(rows), notices

    def report(self) -> tuple[ReportSheet | None, str, tuple[str, ...]]:
        event = self.policy.event
        check = self.report_check = check_report_with(self.policy)
        # A link with another scheme (javascript:, data:, file:) may sit in a database written
        # before the checks existed: no renderer ever gets it.
        url = safe_url(event.report_url)
        if not self.organisers and not check.may_publish:
            # Off the record: no report, written or not, ever leaves the organisers' office.
            return None, OFF_THE_RECORD_REFUSAL, ()
        if not check.has_report and not url:
            return None, "", ()
        texts = dict(report_fields(event))
        full = ReportSheet(
            summary=texts["summary"],
            discussion=texts["discussion"],
            recommendations=tuple(t for name, t in report_fields(event)[2:]),
            url=url,
            notices=self.report_notices(),
            publication=publication_line(check, url),
        )
        if self.organisers:
            # The organisers read the draft as it is, with what blocks its publication.
            blocking = [m.describe() for m in check.unresolved]
            if check.has_report and not check.may_publish:
                blocking.insert(0, check.refusal)
            return full, "", tuple(blocking)
        if check.blocks_public_report:
            findings = tuple(m.describe_anonymously() for m in check.unresolved)
            return None, check.refusal, findings
        return full, "", ()

    def report_notices(self) -> tuple[Notice, ...]:
        """The event's notice and each part's, scopes cleared by the report's own rule."""
        event = self.policy.event
        notices = [] if event.attribution.value == "on_the_record" else [notice(event.attribution)]
        scanner: NameScanner | None = None
        if not self.organisers:
            named = [pid for pid in self.policy.links if self.policy.named_in_report(pid)]
            if len(named) < len(self.policy.links):
                scanner = NameScanner(
                    (link.person for link in self.policy.links.values()),
                    allowed=named,
                    exempt=organisation_names(self.policy.organisation),
                )
        for item in event.agenda:
            rule, carved_out = item_rule(event, item.attribution)
            if carved_out:
                title = item.title or ""
                if scanner is not None:
                    title = scanner.redact(title)[0]
                notices.append(notice(rule, scope=title))
        return tuple(notices)

    def participants(self) -> tuple[tuple[ParticipantEntry, ...] | None, tuple[PersonEntry, ...]]:
        if not self.organisers:
            return None, ()
        entries: list[ParticipantEntry] = []
        present: list[PersonEntry] = []
        for link in self.policy.links.values():
            if not _linked(link):
                continue  # a consent kept for someone no longer linked to the event
            entry = self.person(link, link.main_role, "participants")
            entries.append(_participant(link, entry))
            declined = link.invitation_status == InvitationStatus.DECLINED.value
            in_programme = link.is_cast or bool(link.other_roles)
            accepted = link.invitation_status == InvitationStatus.ACCEPTED.value
            if (in_programme and not declined) or accepted:
                present.append(entry)
        entries.sort(key=lambda e: (e.person.sort_key, e.person.name))
        present.sort(key=lambda e: (e.sort_key, e.name))
        return tuple(entries), tuple(present)

    def invitation_list(self) -> tuple[ParticipantEntry, ...]:
        """Who every invitation may name (``Sheet.invitation_list``), by family name."""
        if self.audience is Audience.PUBLIC:
            return ()
        entries: list[ParticipantEntry] = []
        for pid, link in self.policy.links.items():
            declined = link.invitation_status == InvitationStatus.DECLINED.value
            if not _linked(link) or declined or not self.policy.listed_on_invitations(pid):
                continue
            role = link.main_role
            # An ATTENDEE line is a name and an address: their consent names them to everyone
            # invited, and nothing else about them is needed there.
            entry = PersonEntry(
                role=role.value if role is not None else "",
                role_label=role_label(role) if role is not None else "",
                name=names.full_style(link.person),
                short_name=names.short_style(link.person),
                salutation="",
                sort_key=names.sort_key(link.person),
                position="",
                affiliation="",
                short_bio="",
                long_bio="",
                email=link.person.email or "",
                phone="",
            )
            entries.append(_participant(link, entry))
        entries.sort(key=lambda e: (e.person.sort_key, e.person.name))
        return tuple(entries)

    # --- the sheet --------------------------------------------------------------------------

    def build(self) -> Sheet:
        event = self.policy.event
        org = self.policy.organisation
        times = event_times(event.starts_at, event.ends_at, self.policy.time_zone, org.time_style)
        venue = self.venue()
        cast = self.cast()
        agenda, item_notices = self.agenda()
        notices: list[Notice] = []
        if event.attribution.value != "on_the_record":
            notices.append(notice(event.attribution))
        notices.extend(item_notices)
        report, refusal, findings = self.report()
        participants, present = self.participants()
        title = self.text(event.title, "title")
        series_title = self.text(event.series.title, "series") if event.series is not None else ""
        numbering = event.series.numbering if event.series is not None else ""
        label = series_label(series_title, numbering, event.series_number)
        date_line = " \u00b7 ".join(
            part
            for part in (
                times.date_text,
                # A conference gives its hours ("0900–1800 hours"), not only when it opens.
                times.time_range_text
                if over_days(times.starts_at, times.ends_at)
                else times.start_time_text,
                venue.text if venue else "",
            )
            if part
        )
        return Sheet(
            audience=self.audience,
            organisation=OrganisationSheet(
                name=org.name or "",
                short_name=org.short_name or "",
                address=org.address or "",
                website=safe_url(org.website),
                email=org.email or "",
                phone=org.phone or "",
                logo_path=org.logo_path or "",
                brand_colour=org.brand_colour or "#1F4E79",
                paper_size=org.paper_size.value if org.paper_size else "a4",
                language=org.language or "en",
            ),
            event_id=event.id,
            uid=event.uid,
            title=title,
            short_title=self.text(event.short_title, "short title") or title,
            subtitle=self.text(event.subtitle, "subtitle"),
            format=event.format.value,
            format_label=FORMAT_LABELS[event.format],
            status=event.status.value,
            status_label=STATUS_LABELS[event.status],
            sequence=event.sequence or 0,
            series_title=series_title,
            series_number=event.series_number,
            series_label=label,
            when=WhenSheet(
                starts_at=times.starts_at,
                ends_at=times.ends_at,
                time_zone=self.policy.time_zone,
                date_text=times.date_text,
                start_time_text=times.start_time_text,
                end_time_text=times.end_time_text,
                time_range_text=times.time_range_text,
                long_text=times.long_text,
            ),
            venue=venue,
            date_line=date_line,
            rule=event.attribution.value,
            rule_label=RULE_LABELS[event.attribution],
            notices=tuple(notices),
            confidential=self.organisers,
            marking=CONFIDENTIAL if self.organisers else "",
            event_audience=event.audience.value,
            cast=cast,
            agenda=agenda,
            concept_note=self.text(event.concept_note, "concept note"),
            background=self.text(event.background, "background"),
            key_issues=tuple(
                self.text(issue, f"key issues[{i}]")
                for i, issue in enumerate(event.key_issues or [], start=1)
            ),
            contact=self.contact(),
            report=report,
            report_refusal=refusal,
            report_findings=findings,
            participants=participants,
            present=present,
            invitation_list=self.invitation_list(),
            cast_withheld=withheld_text(
                [(Role(group.role), group.withheld) for group in cast if group.withheld]
            ),
        )

    def venue(self) -> VenueSheet | None:
        event = self.policy.event
        venue = event.venue
        if venue is None:
            return None
        room = event.room if event.room is not None and event.room.venue_id == venue.id else None
        # A venue may be someone's residence ("Residence of Amb Khattak"): checked like any text.
        name = self.text(venue.name, "venue")
        room_name = self.text(room.name, "room") if room else ""
        city = self.text(venue.city, "venue city")
        parts = [room_name, name, city]
        # "Islamabad Club, Islamabad": the city is not repeated when the name already ends with it.
        if city and name.endswith(city):
            parts = parts[:2]
        return VenueSheet(
            name=name,
            room=room_name,
            city=city,
            address=self.text(venue.address, "venue address"),
            capacity=room.capacity if room else None,
            contact=(venue.contact or "") if self.organisers else "",
            text=", ".join(part for part in parts if part),
        )


def organisation_contact(organisation: SourceOrganisation) -> str:
    """ "Centre for Pakistan and Gulf Studies, +92 51 111 222 333, info@cpakgulf.org", or ""
    when the organisation gives neither a phone number nor an e-mail address."""
    reach = [x.strip() for x in (organisation.phone or "", organisation.email or "") if x.strip()]
    if not reach:
        return ""
    name = (organisation.name or organisation.short_name or "").strip()
    return ", ".join([name, *reach] if name else reach)


def publication_line(check: ReportCheck, url: str) -> str:
    """The report's closing line on where it is published, for any audience that gets it.

    Only a report the rule lets out is "published at" its address: off the record the
    organisers' copy says it is theirs alone, and a report that names people who have not
    consented says it may not go out as it stands (the public never gets either).
    """
    if not check.may_publish:
        return OFF_THE_RECORD_COPY
    if check.blocks_public_report:
        return f"Not for publication as it stands. {check.refusal}"
    return f"This report is published at {url}" if url else ""


def _linked(link: Link) -> bool:
    """In the programme or invited (not a consent kept for someone no longer linked)."""
    return link.is_cast or bool(link.other_roles) or link.invitation_status is not None


def _participant(link: Link, entry: PersonEntry) -> ParticipantEntry:
    """``entry`` with the status and roles of ``link`` at this event."""
    roles: list[str] = []
    for role in [*link.cast_roles, *link.other_roles, *(part[1] for part in link.parts)]:
        if role_label(role) not in roles:
            roles.append(role_label(role))
    status = link.invitation_status or "cast"
    return ParticipantEntry(
        person=entry,
        status=status,
        status_label=PARTICIPANT_STATUS_LABELS[status],
        attended=link.attended,
        roles=tuple(roles),
    )
