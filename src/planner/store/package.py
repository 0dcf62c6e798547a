"""The event package: a JSON file of events with their people, venues and series.

Users share it by email, and every test feeds events in through it. The format is documented in
``docs/event-package.md``; ``package_spec`` checks it. Importing goes in two steps so that the
GUI can show what will happen first::

    plan = plan_import(session, data)    # checks everything, matches existing rows, writes nothing
    summary = apply_import(session, plan)
    # or, a preview later, in a transaction of its own: the plan matched again under the
    # people lock, with what changed in between in summary.since_preview
    summary = apply_planned(session, plan)

``import_package(db, path_or_data)`` does both in one transaction. ``export_package(session,
event_ids)`` writes the same format; exporting, importing into an empty database and exporting
again gives the same dict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.errors import NotFoundError, PlannerError, ValidationError, not_found
from planner.model import (
    CAST_ROLES,
    AgendaItem,
    AgendaPerson,
    Base,
    Consent,
    Event,
    Invitation,
    Organisation,
    Participation,
    Person,
    Role,
    Room,
    Series,
    Venue,
    new_event_uid,
)
from planner.zones import held_in, zone

from .database import Database
from .files import atomic_write
from .package_spec import (
    FORMAT,
    VERSION,
    EventSpec,
    InvitationSpec,
    PackageSpec,
    PersonRole,
    PersonSpec,
    parse_package,
)
from .server_locks import PEOPLE_LOCK, lock_for_transaction

__all__ = [
    "FORMAT",
    "VERSION",
    "ImportPlan",
    "Match",
    "PackageImportSummary",
    "apply_import",
    "apply_planned",
    "changes_since",
    "dumps_package",
    "export_package",
    "import_package",
    "plan_import",
    "read_package_file",
    "styled_name_key",
    "write_package",
]


# --- reading and writing files -------------------------------------------------------------


def read_package_file(path: Path) -> Any:
    """The decoded JSON of ``path``; a clear PlannerError if it is not UTF-8 JSON."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlannerError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PlannerError(f"{path}: is a folder, not an event package") from None
    except OSError as error:
        raise PlannerError(f"{path}: cannot read it ({error.strerror})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlannerError(f"{path}: saved as UTF-16; an event package must be UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = raw[error.start]
        raise PlannerError(
            f"{path}: not UTF-8 text (byte 0x{bad:02X} at position {error.start}); save it as UTF-8"
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise PlannerError(
            f"{path}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except ValueError as error:  # from the hooks below
        raise PlannerError(f"{path}: {error}") from None
    except RecursionError:  # the decoder recurses once per [ or {
        raise PlannerError(
            f"{path}: lists or objects nested too deeply to be an event package"
        ) from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the field {key!r} appears twice in one object")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def dumps_package(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_package(data: Mapping[str, Any], path: Path) -> Path:
    """Write ``data`` as UTF-8 JSON; through a temporary file, so a failure leaves no half file.
    A missing folder is made (a package is often written to a new folder to carry away)."""
    path = path.expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlannerError(f"{path}: cannot write it ({error.strerror})") from None
    return atomic_write(path, dumps_package(data).encode("utf-8"))


# --- planning an import ---------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """One person, venue, series or event of the package and what the import does with it."""

    key: str  # the package's key (events: "events[3]")
    label: str  # a name a person recognises
    existing_id: int | None  # the row it matched; None: a new row is made
    matched_by: str = ""  # "email", "name", "title", "uid" (empty for new rows)

    @property
    def is_new(self) -> bool:
        return self.existing_id is None


@dataclass(frozen=True)
class ImportPlan:
    """What ``apply_import`` will do; nothing has been written yet."""

    package: PackageSpec
    create_organisation: bool
    people: tuple[Match, ...]
    venues: tuple[Match, ...]
    series: tuple[Match, ...]
    events: tuple[Match, ...]
    # Per event (in the package's order): False when the event must withhold its cast's names
    # under the Chatham House Rule although this database's organisation would name them
    # (the stricter setting wins), else None (it follows the organisation).
    cast_named: tuple[bool | None, ...] = ()
    # What the summary must tell: settings that differ, control characters removed.
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The plan as sentences for a preview."""
        out: list[str] = list(self.notes)
        if self.create_organisation:
            name = (
                self.package.organisation.fields.get("name", "")
                if self.package.organisation
                else ""
            )
            out.append(f"organisation profile: set from the package ({name})")
        for title, matches in (
            ("event", self.events),
            ("person", self.people),
            ("venue", self.venues),
            ("series", self.series),
        ):
            for match in matches:
                if match.is_new:
                    out.append(f"new {title}: {match.label}")
                else:
                    verb = "update" if title == "event" else "use existing"
                    out.append(
                        f"{verb} {title} #{match.existing_id}: {match.label} "
                        f"(same {match.matched_by})"
                    )
        return out


@dataclass(frozen=True)
class PackageImportSummary:
    events_created: int = 0
    events_updated: int = 0
    people_created: int = 0
    people_matched: int = 0
    venues_created: int = 0
    series_created: int = 0
    event_ids: tuple[int, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())  # ImportPlan.notes
    # What the import did otherwise than its preview said (others' changes in between).
    since_preview: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        events = self.events_created + self.events_updated
        people = self.people_created + self.people_matched
        text = (
            f"imported {_count(events, 'event')} ({self.events_created} new, "
            f"{self.events_updated} updated), {_count(people, 'person', 'people')} "
            f"({self.people_created} new, {self.people_matched} already in the database), "
            f"{_count(self.venues_created, 'new venue')}, "
            f"{_count(self.series_created, 'new series', 'new series')}"
        )
        return "\n".join(
            [
                text,
                *(f"  note: {note}" for note in self.notes),
                *(f"  since the preview: {change}" for change in self.since_preview),
            ]
        )


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def styled_name_key(honorific: str, given: str, family: str, post_nominals: str) -> str:
    """The full style, folded for comparison: case, spacing and dots do not make a new person."""
    text = " ".join((honorific, given, family, post_nominals)).replace(".", " ")
    return " ".join(text.casefold().split())


def _person_key(fields: Mapping[str, str]) -> str:
    return styled_name_key(
        fields.get("honorific", ""),
        fields.get("given_name", ""),
        fields.get("family_name", ""),
        fields.get("post_nominals", ""),
    )


def _person_label(fields: Mapping[str, str]) -> str:
    parts = (fields.get(k, "") for k in ("honorific", "given_name", "family_name", "post_nominals"))
    return " ".join(" ".join(parts).split())


def _match_people(session: Session, people: tuple[PersonSpec, ...]) -> tuple[Match, ...]:
    """Same email (any case) first; else the same styled name, unless both have emails that
    differ (two people can share a name; an address is one person's)."""
    rows = session.execute(
        select(
            Person.id,
            Person.email,
            Person.honorific,
            Person.given_name,
            Person.family_name,
            Person.post_nominals,
        ).order_by(Person.id)
    ).all()
    by_email: dict[str, int] = {}
    by_name: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        email = row.email.strip().casefold()
        if email:
            by_email.setdefault(email, row.id)
        key = styled_name_key(row.honorific, row.given_name, row.family_name, row.post_nominals)
        by_name.setdefault(key, []).append((row.id, email))
    out: list[Match] = []
    for person in people:
        label = _person_label(person.fields)
        email = person.email.strip().casefold()
        if email and email in by_email:
            out.append(Match(person.key, label, by_email[email], "email"))
            continue
        candidates = [
            pid
            for pid, their in by_name.get(_person_key(person.fields), [])
            if not (email and their)
        ]
        if candidates:
            out.append(Match(person.key, label, candidates[0], "name"))
        else:
            out.append(Match(person.key, label, None))
    return tuple(out)


def _match_by_text(
    session: Session, model: type[Venue] | type[Series], column: str, wanted: list[tuple[str, str]]
) -> tuple[Match, ...]:
    existing: dict[str, int] = {}
    for row_id, text in session.execute(
        select(model.id, getattr(model, column)).order_by(model.id)
    ).all():
        existing.setdefault(" ".join(str(text).casefold().split()), row_id)
    out = []
    for key, text in wanted:
        found = existing.get(" ".join(text.casefold().split()))
        out.append(Match(key, text, found, column if found is not None else ""))
    return tuple(out)


def plan_import(session: Session, data: Any) -> ImportPlan:
    """Check ``data`` and decide, for each row, whether it is new or already in the database.

    Raises ValidationError listing every problem. Writes nothing.
    """
    organisation = session.scalars(select(Organisation).order_by(Organisation.id)).first()
    package = parse_package(
        data, default_zone=held_in(organisation.time_zone if organisation else None)
    )
    return _plan(session, package, organisation)


def _plan(session: Session, package: PackageSpec, organisation: Organisation | None) -> ImportPlan:
    """Match the checked ``package`` against what the database holds now."""
    uids = [spec.uid for spec in package.events if spec.uid]
    existing_events = (
        {
            uid: id_
            for uid, id_ in session.execute(select(Event.uid, Event.id).where(Event.uid.in_(uids)))
        }
        if uids
        else {}
    )
    events = tuple(
        Match(
            f"events[{i}]",
            spec.title,
            existing_events.get(spec.uid) if spec.uid else None,
            "uid" if spec.uid in existing_events else "",
        )
        for i, spec in enumerate(package.events)
    )
    cast_named, setting_notes = _naming_settings(organisation, package)
    return ImportPlan(
        package=package,
        create_organisation=organisation is None and package.organisation is not None,
        people=_match_people(session, package.people),
        venues=_match_by_text(session, Venue, "name", [(v.key, v.name) for v in package.venues]),
        series=_match_by_text(session, Series, "title", [(s.key, s.title) for s in package.series]),
        events=events,
        cast_named=cast_named,
        notes=(*setting_notes, *package.notes),
    )


def _naming_settings(
    organisation: Organisation | None, package: PackageSpec
) -> tuple[tuple[bool | None, ...], list[str]]:
    """Each event's ``name_cast_publicly`` after the import, and a note for each event whose
    sender's setting differs from this database's: the stricter (not naming) wins, and the
    event keeps it even if either organisation changes its mind later."""
    if organisation is not None:
        ours = organisation.name_cast_publicly_under_chatham_house
    elif package.organisation is not None and package.organisation.name_cast_publicly is not None:
        ours = package.organisation.name_cast_publicly  # the profile is made from the package
    else:
        ours = True  # the default profile's
    out: list[bool | None] = []
    notes: list[str] = []
    for i, spec in enumerate(package.events):
        theirs = spec.name_cast_publicly
        if theirs is None or theirs == ours:
            out.append(None)
            continue
        out.append(False)
        if not spec.uses_chatham_house:
            continue  # the setting changes nothing in this event; no need to say so
        label = f"events[{i}] {spec.title!r}"
        if ours:
            notes.append(
                f"{label}: the sender's copy does not name the cast publicly under the Chatham "
                "House Rule and this database's organisation does; the stricter setting wins: "
                "not named in public documents"
            )
        else:
            notes.append(
                f"{label}: the sender's copy names the cast publicly under the Chatham House "
                "Rule and this database's organisation does not; the stricter setting wins: "
                "not named in public documents"
            )
    return tuple(out), notes


# --- applying it ----------------------------------------------------------------------------

_Row = TypeVar("_Row", bound=Base)


def _fill_blanks(row: Any, fields: Mapping[str, Any]) -> None:
    """An existing row keeps what it has; the package only fills what is empty."""
    for name, value in fields.items():
        if getattr(row, name) in ("", None) and value not in ("", None):
            setattr(row, name, value)


def _existing(session: Session, model: type[_Row], match: Match) -> _Row:
    row = session.get(model, match.existing_id)
    if row is None:
        raise PlannerError(
            f"{match.label}: #{match.existing_id} was deleted since the import was planned; "
            "plan the import again"
        )
    return row


def _add_or_fill(
    session: Session, model: type[_Row], match: Match, fields: Mapping[str, Any]
) -> _Row:
    """A new row made from the package's ``fields``, or the matched one with its blanks filled."""
    if match.is_new:
        row = model(**fields)
        session.add(row)
        return row
    row = _existing(session, model, match)
    _fill_blanks(row, fields)
    return row


def apply_import(session: Session, plan: ImportPlan) -> PackageImportSummary:
    """Write the plan in ``session`` (the caller commits). All or nothing with the transaction."""
    package = plan.package
    if (
        plan.create_organisation
        and package.organisation is not None
        and session.scalars(select(Organisation)).first() is None
    ):
        session.add(Organisation(**package.organisation.fields))

    people: dict[str, Person] = {
        spec.key: _add_or_fill(session, Person, match, spec.fields)
        for spec, match in zip(package.people, plan.people, strict=True)
    }

    venues: dict[str, Venue] = {}
    for venue_spec, match in zip(package.venues, plan.venues, strict=True):
        venue = _add_or_fill(session, Venue, match, venue_spec.fields)
        rooms = {room.name.casefold(): room for room in venue.rooms}
        for room_spec in venue_spec.rooms:
            room = rooms.get(room_spec.name.casefold())
            if room is None:
                venue.rooms.append(Room(name=room_spec.name, capacity=room_spec.capacity))
            elif room.capacity is None:
                room.capacity = room_spec.capacity
        venues[venue_spec.key] = venue

    series: dict[str, Series] = {
        spec.key: _add_or_fill(session, Series, match, spec.fields)
        for spec, match in zip(package.series, plan.series, strict=True)
    }

    saved: list[Event] = []
    for event_spec, match, cast_named in zip(
        package.events, plan.events, plan.cast_named or [None] * len(plan.events), strict=True
    ):
        kept: dict[int, Invitation] = {}
        if match.is_new:
            event = Event(uid=event_spec.uid or new_event_uid(), sequence=event_spec.sequence or 0)
            session.add(event)
        else:
            event = _existing(session, Event, match)
            event.sequence = max(event.sequence, event_spec.sequence or 0)
            # The package is the newer copy of this event: its agenda and lists replace ours.
            # Invitations are kept where the package still invites the person: when it was
            # sent and what the reply said exist only here (a package does not carry them).
            kept = {invitation.person_id: invitation for invitation in event.invitations}
            event.agenda.clear()
            event.participations.clear()
            event.consents.clear()
            session.flush()  # delete the old rows before their replacements hit unique keys
        _fill_event(event, event_spec, people, venues, series)
        _merge_invitations(event, event_spec, people, kept)
        event.name_cast_publicly = cast_named
        saved.append(event)
    session.flush()
    return PackageImportSummary(
        events_created=sum(m.is_new for m in plan.events),
        events_updated=sum(not m.is_new for m in plan.events),
        people_created=sum(m.is_new for m in plan.people),
        people_matched=sum(not m.is_new for m in plan.people),
        venues_created=sum(m.is_new for m in plan.venues),
        series_created=sum(m.is_new for m in plan.series),
        event_ids=tuple(event.id for event in saved),
        notes=plan.notes,
    )


def _fill_event(
    event: Event,
    spec: EventSpec,
    people: Mapping[str, Person],
    venues: Mapping[str, Venue],
    series: Mapping[str, Series],
) -> None:
    for name, value in spec.fields.items():
        setattr(event, name, value)
    event.series = series[spec.series] if spec.series else None
    event.venue = venues[spec.venue] if spec.venue else None
    event.room = None
    if event.venue is not None and spec.room:
        event.room = next(
            room for room in event.venue.rooms if room.name.casefold() == spec.room.casefold()
        )
    for person, role in _unique_people(spec.roles, people):
        # Positions count within a role: the second speaker is speaker 1.
        same_role = sum(1 for p in event.participations if p.role == role)
        event.participations.append(Participation(person=person, role=role, position=same_role))
    for position, item in enumerate(spec.agenda):
        agenda_item = AgendaItem(
            position=position,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            title=item.title,
            kind=item.kind,
            description=item.description,
            attribution=item.attribution,
        )
        for slot, (person, role) in enumerate(_unique_people(item.people, people)):
            agenda_item.people.append(AgendaPerson(person=person, role=role, position=slot))
        event.agenda.append(agenda_item)
    seen: set[int] = set()
    for consent in spec.consents:
        person = people[consent.person]
        if id(person) not in seen:
            seen.add(id(person))
            event.consents.append(
                Consent(
                    person=person,
                    may_be_named=consent.may_be_named,
                    description=consent.description,
                )
            )


def _merge_invitations(
    event: Event, spec: EventSpec, people: Mapping[str, Person], kept: dict[int, Invitation]
) -> None:
    """The package's invitations on ``event``: a person invited before keeps their row (its
    sent time and reply note), with the package's answer; the others are added; an invitation
    the package no longer has is removed."""
    wanted: dict[int, tuple[Person, InvitationSpec]] = {}
    for invitation in spec.invitations:
        person = people[invitation.person]
        wanted.setdefault(id(person), (person, invitation))  # two keys may be one person
    wanted_ids = {person.id for person, _invitation in wanted.values()}
    for person_id, old in kept.items():
        if person_id not in wanted_ids:
            event.invitations.remove(old)
    for person, invitation in wanted.values():
        row = kept.get(person.id) if person.id is not None else None
        if row is None:
            event.invitations.append(
                Invitation(person=person, status=invitation.status, attended=invitation.attended)
            )
            continue
        # Only what differs is set: an unchanged answer is no change in the history.
        if row.status != invitation.status:
            row.status = invitation.status
        if row.attended != invitation.attended:
            row.attended = invitation.attended


def _unique_people(
    entries: Iterable[PersonRole], people: Mapping[str, Person]
) -> list[tuple[Person, Role]]:
    """Two keys of the package may be one person of the database: keep one row per role."""
    out: list[tuple[Person, Role]] = []
    seen: set[tuple[int, Role]] = set()
    for entry in entries:
        person = people[entry.person]
        if (id(person), entry.role) not in seen:
            seen.add((id(person), entry.role))
            out.append((person, entry.role))
    return out


def import_package(db: Database, source: Path | str | Any) -> PackageImportSummary:
    """Read (given a path), check, match and write a package in one transaction.

    ``source`` is a file path, or the package already decoded (a dict).
    """
    if isinstance(source, Path | str):
        path = Path(source)
        data = read_package_file(path)
        where = f"{path}: "
    else:
        data = source
        where = ""
    try:
        with db.session() as session:
            # Matched after any other import of people has committed (see server_locks).
            lock_for_transaction(session, PEOPLE_LOCK)
            return apply_import(session, plan_import(session, data))
    except ValidationError as error:
        if not where:
            raise
        head = str(error).split("\n", 1)[0]
        raise ValidationError(where + head, error.problems) from None


def apply_planned(session: Session, previewed: ImportPlan) -> PackageImportSummary:
    """Write a plan someone saw in a preview (the window's Import button), in ``session``.

    The database may have changed since the preview: another organiser may have added one of
    the package's people, imported the same event or deleted a matched venue. So, as
    ``import_package`` does, this takes the people lock (after any other import of people has
    committed), matches the package again and writes what it finds now, never a duplicate of
    a person added in between. What differs from the preview is in ``since_preview``."""
    lock_for_transaction(session, PEOPLE_LOCK)
    organisation = session.scalars(select(Organisation).order_by(Organisation.id)).first()
    now = _plan(session, previewed.package, organisation)
    summary = apply_import(session, now)
    return replace(summary, since_preview=changes_since(previewed, now))


def changes_since(previewed: ImportPlan, now: ImportPlan) -> tuple[str, ...]:
    """What ``now`` (the same package matched again) does otherwise than ``previewed`` said,
    one sentence each."""
    out: list[str] = []
    for kind, before, after in (
        ("event", previewed.events, now.events),
        ("person", previewed.people, now.people),
        ("venue", previewed.venues, now.venues),
        ("series", previewed.series, now.series),
    ):
        for old, new in zip(before, after, strict=True):
            if old.existing_id != new.existing_id:
                out.append(_changed_match(kind, old, new))
    if previewed.create_organisation and not now.create_organisation:
        out.append("the organisation profile was set meanwhile; it was kept as it is")
    out += [f"new note: {note}" for note in now.notes if note not in previewed.notes]
    return tuple(out)


def _changed_match(kind: str, old: Match, new: Match) -> str:
    # The name in quotes: the window isolates quoted parts, so a name in Urdu or Arabic keeps
    # the English sentence around it in order (ui.widgets.bidi).
    reused = "updated" if kind == "event" else "matched"
    what = f"{kind} “{new.label}”"
    if old.is_new:
        return (
            f"{what}: added meanwhile; {reused} #{new.existing_id} "
            f"(same {new.matched_by}) instead of created"
        )
    if new.is_new:
        return f"{what}: #{old.existing_id} was deleted meanwhile; created anew"
    return (
        f"{what}: {reused} #{new.existing_id} (same {new.matched_by}) instead of #{old.existing_id}"
    )


# --- export ---------------------------------------------------------------------------------


def _role_rank(role: Role) -> int:
    order = [*CAST_ROLES, *(r for r in Role if r not in CAST_ROLES)]
    return order.index(role)


def _local_text(moment: datetime, zone_name: str) -> str:
    """Local wall time without an offset, as people write it; with the offset only where the
    wall time alone is ambiguous (the repeated hour when clocks go back)."""
    where = zone(zone_name)
    local = moment.astimezone(where)
    naive = local.replace(tzinfo=None)
    if naive.replace(tzinfo=where).astimezone(UTC) == moment.astimezone(UTC):
        return naive.isoformat()
    return local.isoformat()


def _person_dict(key: str, person: Person) -> dict[str, Any]:
    return {
        "key": key,
        "honorific": person.honorific,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "post_nominals": person.post_nominals,
        "position": person.position,
        "affiliation": person.affiliation,
        "email": person.email,
        "phone": person.phone,
        "short_style": person.short_style,
        "salutation": person.salutation,
        "bio": person.short_bio,
        "long_bio": person.long_bio,
        "notes": person.notes,
        # Only when set: a package of people whose script decides stays as it was before 0010.
        **({"name_order": person.name_order} if person.name_order else {}),
    }


def _venue_dict(key: str, venue: Venue) -> dict[str, Any]:
    return {
        "key": key,
        "name": venue.name,
        "city": venue.city,
        "address": venue.address,
        "contact": venue.contact,
        "notes": venue.notes,
        "opens_at": venue.opens_at.isoformat("minutes") if venue.opens_at else None,
        "closes_at": venue.closes_at.isoformat("minutes") if venue.closes_at else None,
        "rooms": [
            {"name": room.name, "capacity": room.capacity}
            for room in sorted(venue.rooms, key=lambda r: (r.name.casefold(), r.name, r.id))
        ],
    }


def _series_dict(key: str, series: Series) -> dict[str, Any]:
    return {
        "key": key,
        "title": series.title,
        "short_title": series.short_title,
        "description": series.description,
        "numbering": series.numbering,
    }


def _organisation_dict(organisation: Organisation) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "address": organisation.address,
        "website": organisation.website,
        "email": organisation.email,
        "phone": organisation.phone,
        "time_zone": organisation.time_zone,
        "brand_colour": organisation.brand_colour,
        "paper_size": organisation.paper_size.value,
        "time_style": organisation.time_style.value,
        "default_attribution": organisation.default_attribution.value,
        "name_cast_publicly_under_chatham_house": (
            organisation.name_cast_publicly_under_chatham_house
        ),
        "language": organisation.language,
    }


def export_package(session: Session, event_ids: Iterable[int]) -> dict[str, Any]:
    """The events ``event_ids`` (in date order) with everyone and everything they refer to."""
    wanted = sorted(set(event_ids))
    events = list(
        session.scalars(
            select(Event)
            .where(Event.id.in_(wanted))
            .options(
                selectinload(Event.agenda).selectinload(AgendaItem.people),
                selectinload(Event.participations),
                selectinload(Event.invitations),
                selectinload(Event.consents),
                selectinload(Event.venue).selectinload(Venue.rooms),
            )
        )
    )
    missing = sorted(set(wanted) - {event.id for event in events})
    if missing:
        raise NotFoundError(f"{not_found('event', *missing)} (planner events lists them)")
    events.sort(key=lambda e: (e.starts_at, e.id))

    person_ids: set[int] = set()
    for event in events:
        person_ids.update(p.person_id for p in event.participations)
        person_ids.update(p.person_id for item in event.agenda for p in item.people)
        person_ids.update(i.person_id for i in event.invitations)
    # A consent kept for someone no longer linked to an event is not a reason to hand their
    # contact details and notes to whoever receives the file (see _event_dict's consents).
    people = list(
        session.scalars(select(Person).where(Person.id.in_(person_ids)).order_by(Person.id))
    )
    person_key = {person.id: f"p{n}" for n, person in enumerate(people, 1)}
    venue_list = sorted(
        {e.venue.id: e.venue for e in events if e.venue}.values(), key=lambda v: v.id
    )
    venue_key = {venue.id: f"v{n}" for n, venue in enumerate(venue_list, 1)}
    series_list = sorted(
        {e.series.id: e.series for e in events if e.series}.values(), key=lambda s: s.id
    )
    series_key = {series.id: f"s{n}" for n, series in enumerate(series_list, 1)}

    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    organisation = session.scalars(select(Organisation).order_by(Organisation.id)).first()
    if organisation is not None:
        data["organisation"] = _organisation_dict(organisation)
    data["people"] = [_person_dict(person_key[p.id], p) for p in people]
    data["venues"] = [_venue_dict(venue_key[v.id], v) for v in venue_list]
    data["series"] = [_series_dict(series_key[s.id], s) for s in series_list]
    names_cast = organisation.name_cast_publicly_under_chatham_house if organisation else True
    data["events"] = [_event_dict(e, person_key, venue_key, series_key, names_cast) for e in events]
    return data


def _event_dict(
    event: Event,
    person_key: Mapping[int, str],
    venue_key: Mapping[int, str],
    series_key: Mapping[int, str],
    organisation_names_cast: bool,
) -> dict[str, Any]:
    zone = event.time_zone
    roles = sorted(event.participations, key=lambda p: (_role_rank(p.role), p.position, p.id))
    agenda = sorted(event.agenda, key=lambda a: (a.position, a.id))
    return {
        "uid": event.uid,
        "title": event.title,
        "short_title": event.short_title,
        "subtitle": event.subtitle,
        "format": event.format.value,
        "status": event.status.value,
        "series": series_key[event.series_id] if event.series_id is not None else None,
        "series_number": event.series_number,
        "starts_at": _local_text(event.starts_at, zone),
        "ends_at": _local_text(event.ends_at, zone),
        "time_zone": zone,
        "venue": venue_key[event.venue_id] if event.venue_id is not None else None,
        "room": event.room.name if event.room is not None else None,
        "attribution": event.attribution.value,
        # What this copy does (the policy's stricter of the two settings), so the receiver's
        # copy withholds every name this one withholds.
        "name_cast_publicly": organisation_names_cast and event.name_cast_publicly is not False,
        "audience": event.audience.value,
        "concept_note": event.concept_note,
        "background": event.background,
        "key_issues": list(event.key_issues),
        "roles": [{"person": person_key[p.person_id], "role": p.role.value} for p in roles],
        "agenda": [
            {
                "starts_at": _local_text(item.starts_at, zone),
                "ends_at": _local_text(item.ends_at, zone),
                "title": item.title,
                "kind": item.kind.value,
                "description": item.description,
                "attribution": item.attribution.value if item.attribution else None,
                "people": [
                    {"person": person_key[p.person_id], "role": p.role.value}
                    for p in sorted(item.people, key=lambda p: (p.position, p.id))
                ],
            }
            for item in agenda
        ],
        "invitations": [
            {"person": person_key[i.person_id], "status": i.status.value, "attended": i.attended}
            for i in sorted(event.invitations, key=lambda i: i.id)
        ],
        "consents": [
            {
                "person": person_key[c.person_id],
                "may_be_named": c.may_be_named,
                "description": c.description,
            }
            for c in sorted(event.consents, key=lambda c: c.id)
            if c.person_id in person_key
        ],
        "report": {
            "summary": event.report_summary,
            "discussion": event.report_discussion,
            "recommendations": list(event.report_recommendations),
            "url": event.report_url,
        },
        "contact": event.contact,
        "notes": event.notes,
        "sequence": event.sequence,
    }
