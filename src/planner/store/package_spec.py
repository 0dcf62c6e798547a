"""The event package read into typed specs, with every problem collected (docs/event-package.md).

``parse_package(data)`` checks a decoded JSON value against the format (version 2; version 1
files, written before packages carried the organisation's naming setting, are read too) and
returns a :class:`PackageSpec`, or raises :class:`planner.errors.ValidationError` listing *all*
problems, each with its JSON path (``events[0].agenda[2].ends_at: before starts_at``). Nothing
here touches a database; keys between sections (people, venues, series) are resolved here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time
from enum import StrEnum
from typing import Any, TypeVar

from planner.errors import PlannerError, ValidationError
from planner.model import (
    PERSON_FIELDS,
    AgendaItem,
    AgendaKind,
    AttributionRule,
    Consent,
    Event,
    EventAudience,
    EventFormat,
    EventStatus,
    InvitationStatus,
    NameOrder,
    Organisation,
    PaperSize,
    Person,
    Role,
    Room,
    Series,
    TimeStyle,
    Venue,
)
from planner.model.person import MULTILINE_PERSON_FIELDS
from planner.model.types import max_length
from planner.safety import clean_fields, stripped_note, url_problem
from planner.zones import FALLBACK_ZONE, unknown_zone, zone

FORMAT = "planner.event-package"
VERSION = 2
# Version 2 added the organisation's and each event's name_cast_publicly settings.
READABLE_VERSIONS = (1, 2)
# The largest whole number SQLite (and PostgreSQL's bigint) can store.
_LARGEST_INTEGER = 2**63 - 1

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


@dataclass(frozen=True)
class OrganisationSpec:
    fields: dict[str, Any]  # Organisation column -> value, only those the package gives

    @property
    def name_cast_publicly(self) -> bool | None:
        """The sender's naming setting; None when the package does not say (version 1)."""
        value = self.fields.get("name_cast_publicly_under_chatham_house")
        return value if isinstance(value, bool) else None


@dataclass(frozen=True)
class PersonSpec:
    key: str
    fields: dict[str, str]  # Person column -> value (``bio`` is stored as ``short_bio``)

    @property
    def email(self) -> str:
        return self.fields.get("email", "")


@dataclass(frozen=True)
class RoomSpec:
    name: str
    capacity: int | None


@dataclass(frozen=True)
class VenueSpec:
    key: str
    fields: dict[str, Any]
    rooms: tuple[RoomSpec, ...]

    @property
    def name(self) -> str:
        return str(self.fields["name"])


@dataclass(frozen=True)
class SeriesSpec:
    key: str
    fields: dict[str, str]

    @property
    def title(self) -> str:
        return self.fields["title"]


@dataclass(frozen=True)
class PersonRole:
    person: str  # a key into the package's people
    role: Role


@dataclass(frozen=True)
class AgendaSpec:
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    title: str
    kind: AgendaKind
    description: str
    attribution: AttributionRule | None
    people: tuple[PersonRole, ...]


@dataclass(frozen=True)
class InvitationSpec:
    person: str
    status: InvitationStatus
    attended: bool | None


@dataclass(frozen=True)
class ConsentSpec:
    person: str
    may_be_named: bool
    description: str


@dataclass(frozen=True)
class EventSpec:
    uid: str | None  # None: a new uid is made on import
    fields: dict[str, Any]  # Event columns (times aware in UTC, enums as members)
    series: str | None
    venue: str | None
    room: str | None
    sequence: int | None
    roles: tuple[PersonRole, ...]
    agenda: tuple[AgendaSpec, ...]
    invitations: tuple[InvitationSpec, ...]
    consents: tuple[ConsentSpec, ...]
    # Whether the sender's copy names the cast publicly under the Chatham House Rule (the
    # organisation's setting and the event's own, combined); None when the package does not say.
    name_cast_publicly: bool | None = None

    @property
    def title(self) -> str:
        return str(self.fields["title"])

    @property
    def uses_chatham_house(self) -> bool:
        """Whether the event or a part of it is held under the Chatham House Rule (where the
        naming setting matters)."""
        rules = [self.fields.get("attribution"), *(item.attribution for item in self.agenda)]
        return AttributionRule.CHATHAM_HOUSE in rules


@dataclass(frozen=True)
class PackageSpec:
    organisation: OrganisationSpec | None
    people: tuple[PersonSpec, ...]
    venues: tuple[VenueSpec, ...]
    series: tuple[SeriesSpec, ...]
    events: tuple[EventSpec, ...]
    # What the reading changed harmlessly, for the import summary ("people[2].long_bio: removed
    # 1 control character").
    notes: tuple[str, ...] = ()


@dataclass
class _Reader:
    """Walks the JSON value, collecting problems instead of stopping at the first."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def object(
        self, path: str, value: Any, allowed: set[str], required: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, f"should be an object, not {_kind(value)}")
            return None
        for key in value:
            # "_comment", "x_anything": room for notes and extensions that readers skip.
            if key not in allowed and not key.startswith(("_", "x_")):
                self.problem(_join(path, key), "unknown field")
        for key in required:
            if key not in value:
                self.problem(_join(path, key), "missing")
        return value

    def array(self, path: str, value: Any) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, f"should be a list, not {_kind(value)}")
            return []
        return value

    def text(
        self,
        obj: dict[str, Any],
        path: str,
        key: str,
        *,
        required: bool = False,
        max_length: int | None = None,
    ) -> str:
        value = obj.get(key, "")
        where = _join(path, key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problem(where, f"should be text, not {_kind(value)}")
            return ""
        if required and not value.strip():
            if key in obj:
                self.problem(where, "empty")
            return ""
        if max_length is not None and len(value) > max_length:
            self.problem(where, f"longer than {max_length} characters")
        return value

    def choice(
        self, obj: dict[str, Any], path: str, key: str, enum: type[E], default: E | None
    ) -> E | None:
        value = obj.get(key)
        where = _join(path, key)
        if value is None:
            return default
        allowed = ", ".join(member.value for member in enum)
        if not isinstance(value, str):
            self.problem(where, f"should be one of {allowed}, not {_kind(value)}")
            return default
        try:
            return enum(value)
        except ValueError:
            self.problem(where, f"unknown value {value!r}; use one of {allowed}")
            return default

    def integer(
        self, obj: dict[str, Any], path: str, key: str, *, minimum: int | None = None
    ) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        where = _join(path, key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(where, f"should be a whole number, not {_kind(value)}")
            return None
        if minimum is not None and value < minimum:
            self.problem(where, f"should be at least {minimum}")
            return None
        if value > _LARGEST_INTEGER:
            # A database cannot store it (SQLite raises OverflowError mid-import).
            self.problem(where, "too large")
            return None
        return value

    def boolean(self, obj: dict[str, Any], path: str, key: str) -> bool | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.problem(_join(path, key), f"should be true or false, not {_kind(value)}")
            return None
        return value

    def url(self, obj: dict[str, Any], path: str, key: str, max_length: int | None) -> str:
        """A link: http, https, mailto or a bare web address (planner.safety)."""
        value = self.text(obj, path, key, max_length=max_length)
        problem = url_problem(value)
        if problem:
            self.problem(_join(path, key), problem)
            return ""
        return value.strip()

    def one_line(self, path: str, fields: dict[str, str], multiline: frozenset[str]) -> None:
        """Refuse control characters in ``fields``' one-line texts; strip them from the
        ``multiline`` ones (in place), with a note."""
        cleaned = clean_fields(fields, multiline)
        fields.update(cleaned.values)
        for name, problem in cleaned.problems.items():
            self.problem(_join(path, _package_name(name)), problem)
        for name, removed in cleaned.stripped.items():
            self.notes.append(stripped_note(_join(path, _package_name(name)), removed))

    def zone_name(self, obj: dict[str, Any], path: str, key: str, default: str) -> str | None:
        value = obj.get(key)
        if value is None or value == "":
            return default
        where = _join(path, key)
        if not isinstance(value, str):
            self.problem(where, f"should be a time zone name, not {_kind(value)}")
            return None
        try:
            zone(value)
        except PlannerError:
            self.problem(where, unknown_zone(value))
            return None
        return value

    def moment(
        self, obj: dict[str, Any], path: str, key: str, zone_name: str | None
    ) -> datetime | None:
        """An ISO 8601 date-time; without an offset it is local time in ``zone_name``."""
        value = obj.get(key)
        where = _join(path, key)
        if value is None:
            self.problem(where, "missing")
            return None
        if not isinstance(value, str):
            self.problem(where, f"should be a date and time as text, not {_kind(value)}")
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.problem(where, f"not a date and time: {value!r} (write 2013-03-12T17:00:00)")
            return None
        if parsed.tzinfo is None:
            if zone_name is None:
                return None  # the zone's own problem is reported already
            parsed = parsed.replace(tzinfo=zone(zone_name))
        try:
            moment = parsed.astimezone(UTC)
        except OverflowError:  # 0001-01-01 east of Greenwich, 9999-12-31 west of it
            moment = None
        # A day's margin at either end of the calendar, so that every time zone can show it.
        if moment is None or not _FIRST_YEAR <= moment.year <= _LAST_YEAR:
            self.problem(where, f"{value!r} is outside the years {_FIRST_YEAR} to {_LAST_YEAR}")
            return None
        return moment

    def clock(self, obj: dict[str, Any], path: str, key: str) -> time | None:
        value = obj.get(key)
        if value is None or value == "":
            return None
        where = _join(path, key)
        if not isinstance(value, str):
            self.problem(where, f"should be a time as text (09:00), not {_kind(value)}")
            return None
        try:
            parsed = time.fromisoformat(value)
        except ValueError:
            self.problem(where, f"not a time of day: {value!r} (write 09:00)")
            return None
        if parsed.tzinfo is not None:
            self.problem(where, "give the venue's local time, without an offset")
            return None
        return parsed

    def texts(
        self, obj: dict[str, Any], path: str, key: str, max_length: int | None = None
    ) -> list[str]:
        """A list of texts, each at most ``max_length`` characters."""
        out: list[str] = []
        for i, item in enumerate(self.array(_join(path, key), obj.get(key))):
            if isinstance(item, str):
                if max_length is not None and len(item) > max_length:
                    self.problem(f"{_join(path, key)}[{i}]", f"longer than {max_length} characters")
                out.append(item)
            else:
                self.problem(f"{_join(path, key)}[{i}]", f"should be text, not {_kind(item)}")
        return out


_FIRST_YEAR = 2
_LAST_YEAR = 9998


def _surrogate_problems(data: Any) -> list[str]:
    """Where ``data`` holds a lone UTF-16 surrogate (JSON's ``"\\ud800"``): Python reads it
    into a string that no file or database can store (UnicodeEncodeError mid-import).

    Walks with a stack, not recursion, so any depth json.loads returned is safe."""
    problems: list[str] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack and len(problems) < _MAX_SURROGATE_PROBLEMS:
        path, value = stack.pop()
        if isinstance(value, str):
            if _has_surrogate(value):
                problems.append(f"{path or 'the package'}: {_SURROGATE_MESSAGE}")
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                if isinstance(key, str) and _has_surrogate(key):
                    problems.append(
                        f"{_join(path, ascii(key))}: {_SURROGATE_MESSAGE} (in the name)"
                    )
                else:
                    stack.append((_join(path, str(key)), item))
    return problems


_MAX_SURROGATE_PROBLEMS = 20
_SURROGATE_MESSAGE = "holds a broken character (a lone UTF-16 surrogate such as \\ud800)"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) <= 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_ORGANISATION_TEXT = ("name", "short_name", "address", "email", "phone", "language")
_ORGANISATION_MULTILINE = frozenset({"address"})
# A package calls the short biography "bio" and reads it on its own.
_PERSON_TEXT = tuple(name for name in PERSON_FIELDS if name != "short_bio")
_VENUE_TEXT = ("name", "city", "address", "contact", "notes")
_SERIES_TEXT = ("title", "short_title", "description", "numbering")
_EVENT_TEXT = ("short_title", "subtitle", "concept_note", "background", "contact", "notes")


def _package_name(column: str) -> str:
    """The package's name for a column (the short biography is ``bio``)."""
    return "bio" if column == "short_bio" else column


def _text_fields(
    r: _Reader, obj: dict[str, Any], path: str, model: type[Any], names: tuple[str, ...]
) -> dict[str, str]:
    return {
        name: r.text(obj, path, name, max_length=max_length(model, name))
        for name in names
        if name in obj
    }


def _organisation(r: _Reader, value: Any) -> OrganisationSpec | None:
    if value is None:
        return None
    allowed = {
        *_ORGANISATION_TEXT,
        "website",
        "name_cast_publicly_under_chatham_house",
        "time_zone",
        "brand_colour",
        "paper_size",
        "time_style",
        "default_attribution",
    }
    obj = r.object("organisation", value, allowed)
    if obj is None:
        return None
    texts = _text_fields(r, obj, "organisation", Organisation, _ORGANISATION_TEXT)
    r.one_line("organisation", texts, _ORGANISATION_MULTILINE)
    fields: dict[str, Any] = dict(texts)
    if "website" in obj:
        fields["website"] = r.url(
            obj, "organisation", "website", max_length(Organisation, "website")
        )
    if "name_cast_publicly_under_chatham_house" in obj:
        fields["name_cast_publicly_under_chatham_house"] = r.boolean(
            obj, "organisation", "name_cast_publicly_under_chatham_house"
        )
    if "time_zone" in obj:
        fields["time_zone"] = r.zone_name(obj, "organisation", "time_zone", FALLBACK_ZONE)
    if "brand_colour" in obj:
        colour = r.text(obj, "organisation", "brand_colour")
        if colour and not _is_colour(colour):
            r.problem("organisation.brand_colour", f"not a colour {colour!r} (write #1F4E79)")
        fields["brand_colour"] = colour.upper() if colour else "#1F4E79"
    for key, enum in (
        ("paper_size", PaperSize),
        ("time_style", TimeStyle),
        ("default_attribution", AttributionRule),
    ):
        if key in obj:
            fields[key] = r.choice(obj, "organisation", key, enum, None)
    return OrganisationSpec({k: v for k, v in fields.items() if v is not None})


def _is_colour(text: str) -> bool:
    return (
        len(text) == 7
        and text.startswith("#")
        and all(c in "0123456789abcdefABCDEF" for c in text[1:])
    )


def _keyed(
    r: _Reader,
    section: str,
    value: Any,
    read: Callable[[dict[str, Any], str, str], T | None],
    allowed: set[str],
) -> tuple[list[T], set[str]]:
    """Read a list of objects that each carry a unique ``key``."""
    out: list[T] = []
    keys: dict[str, int] = {}
    for i, item in enumerate(r.array(section, value)):
        path = f"{section}[{i}]"
        obj = r.object(path, item, allowed | {"key"}, ("key",))
        if obj is None:
            continue
        key = obj.get("key")
        if not isinstance(key, str) or not key.strip():
            if "key" in obj:
                r.problem(f"{path}.key", "should be non-empty text")
            continue
        if key in keys:
            r.problem(f"{path}.key", f"{key!r} is already used by {section}[{keys[key]}]")
            continue
        keys[key] = i
        spec = read(obj, path, key)
        if spec is not None:
            out.append(spec)
    return out, set(keys)


def _person(r: _Reader, obj: dict[str, Any], path: str, key: str) -> PersonSpec:
    fields = _text_fields(r, obj, path, Person, _PERSON_TEXT)
    if "bio" in obj:
        fields["short_bio"] = r.text(obj, path, "bio", max_length=max_length(Person, "short_bio"))
    r.one_line(path, fields, MULTILINE_PERSON_FIELDS)
    if not (fields.get("given_name", "").strip() or fields.get("family_name", "").strip()):
        r.problem(path, "needs a given_name or a family_name")
    if fields.get("email", "") and "@" not in fields["email"]:
        r.problem(f"{path}.email", f"not an email address: {fields['email']!r}")
    orders = tuple(order.value for order in NameOrder)
    if fields.get("name_order", "") not in orders:
        r.problem(
            f"{path}.name_order",
            f"not a name order: {fields['name_order']!r} (one of {', '.join(map(repr, orders))})",
        )
    return PersonSpec(key, fields)


def _venue(r: _Reader, obj: dict[str, Any], path: str, key: str) -> VenueSpec:
    fields: dict[str, Any] = _text_fields(r, obj, path, Venue, _VENUE_TEXT)
    if not fields.get("name", "").strip():
        r.problem(f"{path}.name", "missing")
    for clock in ("opens_at", "closes_at"):
        if clock in obj:
            fields[clock] = r.clock(obj, path, clock)
    rooms: list[RoomSpec] = []
    seen: dict[str, int] = {}
    for j, item in enumerate(r.array(f"{path}.rooms", obj.get("rooms"))):
        room_path = f"{path}.rooms[{j}]"
        room = r.object(room_path, item, {"name", "capacity"}, ("name",))
        if room is None:
            continue
        name = r.text(room, room_path, "name", required=True, max_length=max_length(Room, "name"))
        capacity = r.integer(room, room_path, "capacity", minimum=0)
        if not name:
            continue
        if name.casefold() in seen:
            earlier = seen[name.casefold()]
            r.problem(f"{room_path}.name", f"{name!r} is already {path}.rooms[{earlier}]")
            continue
        seen[name.casefold()] = j
        rooms.append(RoomSpec(name, capacity))
    return VenueSpec(key, fields, tuple(rooms))


def _series(r: _Reader, obj: dict[str, Any], path: str, key: str) -> SeriesSpec:
    fields = _text_fields(r, obj, path, Series, _SERIES_TEXT)
    if not fields.get("title", "").strip():
        r.problem(f"{path}.title", "missing")
    if "numbering" in fields and "{n}" not in fields["numbering"]:
        r.problem(f"{path}.numbering", "should contain {n} where the session number goes")
    return SeriesSpec(key, fields)


_EVENT_FIELDS = {
    "uid",
    "title",
    *_EVENT_TEXT,
    "format",
    "status",
    "series",
    "series_number",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue",
    "room",
    "attribution",
    "audience",
    "key_issues",
    "roles",
    "agenda",
    "invitations",
    "consents",
    "report",
    "sequence",
    "name_cast_publicly",
}


def _person_ref(r: _Reader, obj: dict[str, Any], path: str, people: set[str]) -> str | None:
    value = obj.get("person")
    if not isinstance(value, str):
        r.problem(f"{path}.person", f"should be a person's key, not {_kind(value)}")
        return None
    if value not in people:
        r.problem(f"{path}.person", f"unknown person {value!r} (not a key in people)")
        return None
    return value


def _people_in_roles(
    r: _Reader, obj: dict[str, Any], path: str, key: str, people: set[str], default: Role | None
) -> tuple[PersonRole, ...]:
    out: list[PersonRole] = []
    seen: dict[tuple[str, Role], int] = {}
    for i, item in enumerate(r.array(_join(path, key), obj.get(key))):
        item_path = f"{_join(path, key)}[{i}]"
        entry = r.object(item_path, item, {"person", "role"}, ("person",))
        if entry is None:
            continue
        if "role" not in entry and default is None:
            r.problem(f"{item_path}.role", "missing")
        person = _person_ref(r, entry, item_path, people)
        role = r.choice(entry, item_path, "role", Role, default)
        if person is None or role is None:
            continue
        if (person, role) in seen:
            r.problem(
                item_path, f"same person and role as {_join(path, key)}[{seen[person, role]}]"
            )
            continue
        seen[person, role] = i
        out.append(PersonRole(person, role))
    return tuple(out)


def _agenda(
    r: _Reader, obj: dict[str, Any], path: str, zone_name: str | None, people: set[str]
) -> tuple[AgendaSpec, ...]:
    out: list[AgendaSpec] = []
    allowed = {"starts_at", "ends_at", "title", "kind", "description", "attribution", "people"}
    for i, item in enumerate(r.array(f"{path}.agenda", obj.get("agenda"))):
        item_path = f"{path}.agenda[{i}]"
        entry = r.object(item_path, item, allowed, ("starts_at", "ends_at", "title"))
        if entry is None:
            continue
        starts = (
            r.moment(entry, item_path, "starts_at", zone_name) if "starts_at" in entry else None
        )
        ends = r.moment(entry, item_path, "ends_at", zone_name) if "ends_at" in entry else None
        title = r.text(
            entry, item_path, "title", required=True, max_length=max_length(AgendaItem, "title")
        )
        kind = r.choice(entry, item_path, "kind", AgendaKind, AgendaKind.OTHER)
        description = r.text(
            entry, item_path, "description", max_length=max_length(AgendaItem, "description")
        )
        rule = r.choice(entry, item_path, "attribution", AttributionRule, None)
        cast = _people_in_roles(r, entry, item_path, "people", people, Role.SPEAKER)
        if starts and ends and ends < starts:
            r.problem(f"{item_path}.ends_at", "before starts_at")
        if starts is None or ends is None or not title or kind is None:
            continue
        out.append(AgendaSpec(starts, ends, title, kind, description, rule, cast))
    return tuple(out)


def _event(
    r: _Reader,
    value: Any,
    path: str,
    default_zone: str,
    people: set[str],
    venues: dict[str, VenueSpec],
    series: set[str],
) -> EventSpec | None:
    obj = r.object(path, value, _EVENT_FIELDS, ("title", "starts_at", "ends_at"))
    if obj is None:
        return None
    ok = True
    fields: dict[str, Any] = _text_fields(r, obj, path, Event, _EVENT_TEXT)
    fields["title"] = r.text(
        obj, path, "title", required=True, max_length=max_length(Event, "title")
    )
    uid = r.text(obj, path, "uid", max_length=max_length(Event, "uid")) or None
    zone_name = r.zone_name(obj, path, "time_zone", default_zone)
    fields["time_zone"] = zone_name
    starts = r.moment(obj, path, "starts_at", zone_name) if "starts_at" in obj else None
    ends = r.moment(obj, path, "ends_at", zone_name) if "ends_at" in obj else None
    if starts and ends and ends < starts:
        r.problem(f"{path}.ends_at", "before starts_at")
    fields["starts_at"], fields["ends_at"] = starts, ends
    for key, enum, default in (
        ("format", EventFormat, EventFormat.ROUNDTABLE),
        ("status", EventStatus, EventStatus.DRAFT),
        ("attribution", AttributionRule, AttributionRule.CHATHAM_HOUSE),
        ("audience", EventAudience, EventAudience.INVITATION),
    ):
        fields[key] = r.choice(obj, path, key, enum, default)
    fields["key_issues"] = r.texts(obj, path, "key_issues", max_length(Event, "key_issues"))
    fields["series_number"] = r.integer(obj, path, "series_number", minimum=0)
    sequence = r.integer(obj, path, "sequence", minimum=0)
    name_cast_publicly = r.boolean(obj, path, "name_cast_publicly")

    series_key = obj.get("series")
    if series_key is not None and not isinstance(series_key, str):
        r.problem(f"{path}.series", f"should be a series' key, not {_kind(series_key)}")
        ok = False
    elif series_key is not None and series_key not in series:
        r.problem(f"{path}.series", f"unknown series {series_key!r} (not a key in series)")
        ok = False
    venue_key = obj.get("venue")
    room = obj.get("room")
    if venue_key is not None and not isinstance(venue_key, str):
        r.problem(f"{path}.venue", f"should be a venue's key, not {_kind(venue_key)}")
        venue_key = None
        room = None  # not also "a room needs a venue": the venue's problem is reported
        ok = False
    elif venue_key is not None and venue_key not in venues:
        r.problem(f"{path}.venue", f"unknown venue {venue_key!r} (not a key in venues)")
        ok = False
    if room is not None:
        if not isinstance(room, str):
            r.problem(f"{path}.room", f"should be a room's name, not {_kind(room)}")
            ok = False
        elif venue_key is None:
            r.problem(f"{path}.room", "a room needs a venue")
            ok = False
        elif venue_key in venues and room.casefold() not in {
            known.name.casefold() for known in venues[venue_key].rooms
        }:
            r.problem(f"{path}.room", f"venue {venue_key!r} has no room {room!r}")
            ok = False

    roles = _people_in_roles(r, obj, path, "roles", people, None)
    agenda = _agenda(r, obj, path, zone_name, people)
    invitations: list[InvitationSpec] = []
    invited: dict[str, int] = {}
    for i, item in enumerate(r.array(f"{path}.invitations", obj.get("invitations"))):
        item_path = f"{path}.invitations[{i}]"
        entry = r.object(item_path, item, {"person", "status", "attended"}, ("person",))
        if entry is None:
            continue
        person = _person_ref(r, entry, item_path, people)
        status = r.choice(entry, item_path, "status", InvitationStatus, InvitationStatus.INVITED)
        attended = r.boolean(entry, item_path, "attended")
        if person is None or status is None:
            continue
        if person in invited:
            r.problem(
                item_path, f"{person!r} is already invited in {path}.invitations[{invited[person]}]"
            )
            continue
        invited[person] = i
        invitations.append(InvitationSpec(person, status, attended))
    consents: list[ConsentSpec] = []
    consenting: dict[str, int] = {}
    for i, item in enumerate(r.array(f"{path}.consents", obj.get("consents"))):
        item_path = f"{path}.consents[{i}]"
        entry = r.object(item_path, item, {"person", "may_be_named", "description"}, ("person",))
        if entry is None:
            continue
        person = _person_ref(r, entry, item_path, people)
        named = r.boolean(entry, item_path, "may_be_named")
        description = r.text(
            entry, item_path, "description", max_length=max_length(Consent, "description")
        )
        if person is None:
            continue
        if person in consenting:
            r.problem(item_path, f"{person!r} already has {path}.consents[{consenting[person]}]")
            continue
        consenting[person] = i
        consents.append(ConsentSpec(person, bool(named), description))

    report = obj.get("report")
    if report is not None:
        report_path = f"{path}.report"
        entry = r.object(report_path, report, {"summary", "discussion", "recommendations", "url"})
        if entry is not None:
            fields["report_summary"] = r.text(
                entry, report_path, "summary", max_length=max_length(Event, "report_summary")
            )
            fields["report_discussion"] = r.text(
                entry, report_path, "discussion", max_length=max_length(Event, "report_discussion")
            )
            fields["report_recommendations"] = r.texts(
                entry, report_path, "recommendations", max_length(Event, "report_recommendations")
            )
            fields["report_url"] = r.url(entry, report_path, "url", max_length(Event, "report_url"))
    if not ok or any(value is None for key, value in fields.items() if key != "series_number"):
        return None
    return EventSpec(
        uid=uid,
        fields=fields,
        series=series_key,
        venue=venue_key,
        room=room,
        sequence=sequence,
        roles=roles,
        agenda=agenda,
        invitations=tuple(invitations),
        consents=tuple(consents),
        name_cast_publicly=name_cast_publicly,
    )


def parse_package(data: Any, *, default_zone: str = FALLBACK_ZONE) -> PackageSpec:
    """Check ``data`` (decoded JSON) and return it as specs; raise ValidationError listing all
    problems. ``default_zone`` applies to events without a ``time_zone`` when the package's
    organisation gives none either."""
    r = _Reader()
    top = r.object(
        "",
        data,
        {"format", "version", "organisation", "people", "venues", "series", "events"},
        ("format", "version"),
    )
    if top is None:
        raise ValidationError("not an event package", r.problems)
    if "format" in top and top["format"] != FORMAT:
        raise ValidationError(
            f"not an event package: format is {top.get('format')!r}, expected {FORMAT!r}"
        )
    version = top.get("version")
    if "version" in top and (isinstance(version, bool) or version not in READABLE_VERSIONS):
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise ValidationError(
                f"event package version {version} is newer than this planner reads "
                f"(version {VERSION}); update planner"
            )
        raise ValidationError(f"unsupported event package version {version!r}")
    if r.problems:  # format or version missing: say so before anything else
        raise ValidationError("not an event package", r.problems)
    broken = _surrogate_problems(top)
    if broken:
        raise ValidationError(
            f"the event package has {_plural(len(broken), 'problem')}; nothing was imported", broken
        )

    organisation = _organisation(r, top.get("organisation"))
    if organisation and organisation.fields.get("time_zone"):
        default_zone = organisation.fields["time_zone"]
    sender_names_cast = organisation.name_cast_publicly if organisation else None

    people, people_keys = _keyed(
        r,
        "people",
        top.get("people"),
        lambda obj, path, key: _person(r, obj, path, key),
        {*_PERSON_TEXT, "bio"},
    )
    emails: dict[str, int] = {}
    for i, person in enumerate(people):
        email = person.email.strip().casefold()
        if not email:
            continue
        if email in emails:
            r.problem(f"people[{i}].email", f"same email as people[{emails[email]}]")
        else:
            emails[email] = i
    venues, _ = _keyed(
        r,
        "venues",
        top.get("venues"),
        lambda obj, path, key: _venue(r, obj, path, key),
        {*_VENUE_TEXT, "opens_at", "closes_at", "rooms"},
    )
    series, series_keys = _keyed(
        r,
        "series",
        top.get("series"),
        lambda obj, path, key: _series(r, obj, path, key),
        set(_SERIES_TEXT),
    )
    venue_by_key = {venue.key: venue for venue in venues}
    events: list[EventSpec] = []
    uids: dict[str, int] = {}
    for i, value in enumerate(r.array("events", top.get("events"))):
        spec = _event(
            r, value, f"events[{i}]", default_zone, people_keys, venue_by_key, series_keys
        )
        if spec is None:
            continue
        if sender_names_cast is not None:
            # The event's own setting and its organisation's, the stricter winning (a version 1
            # package says neither; a hand-written one may give only the organisation's).
            own = spec.name_cast_publicly
            spec = replace(spec, name_cast_publicly=sender_names_cast and own is not False)
        if spec.uid is not None:
            if spec.uid in uids:
                r.problem(f"events[{i}].uid", f"same uid as events[{uids[spec.uid]}]")
            uids.setdefault(spec.uid, i)
        events.append(spec)
    if r.problems:
        count = len(r.problems)
        raise ValidationError(
            f"the event package has {_plural(count, 'problem')}; nothing was imported",
            r.problems,
        )
    return PackageSpec(
        organisation,
        tuple(people),
        tuple(venues),
        tuple(series),
        tuple(events),
        notes=tuple(r.notes),
    )
