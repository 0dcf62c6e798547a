"""Export, import into an empty database, export again: the same dict (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from planner.model import (
    AgendaKind,
    AttributionRule,
    Event,
    EventAudience,
    EventFormat,
    EventStatus,
    InvitationStatus,
    Role,
)
from planner.store import Database
from planner.store.package import export_package, import_package

ZONES = ["Asia/Karachi", "Europe/London", "America/New_York", "UTC", "Australia/Lord_Howe"]
# Any script, but no lone surrogates (not encodable in UTF-8, so not in a JSON file either).
TEXT = st.text(st.characters(codec="utf-8"), max_size=24)
NAME = TEXT.filter(lambda t: t.strip() != "")
# A person's one-line fields refuse control characters and line separators (planner.safety).
LINE = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Zl", "Zp")), max_size=24)
PERSON_NAME = LINE.filter(lambda t: t.strip() != "")
LINKS = ["", "https://cpgs.example.org/reports/gulf.pdf", "www.cpakgulf.org", "mailto:a@b.org"]


def _moment(draw: st.DrawFn, zone: str, utc: datetime) -> str:
    """Write a time as a package author might: local wall time, or with an offset."""
    if draw(st.booleans()):
        return utc.isoformat()
    local = utc.astimezone(ZoneInfo(zone))
    naive = local.replace(tzinfo=None)
    if naive.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC) == utc:
        return naive.isoformat()
    return local.isoformat()


@st.composite
def packages(draw: st.DrawFn) -> dict[str, Any]:
    n_people = draw(st.integers(1, 5))
    people = []
    for i in range(n_people):
        people.append(
            {
                "key": f"p{i}",
                "honorific": draw(LINE),
                "given_name": draw(LINE),
                "family_name": draw(PERSON_NAME),
                "post_nominals": draw(LINE),
                "position": draw(LINE),
                "affiliation": draw(LINE),
                "email": draw(st.sampled_from(["", f"person{i}@example.org"])),
                "bio": draw(TEXT),
                "long_bio": draw(TEXT),
            }
        )
    keys = [p["key"] for p in people]
    venues: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, 2))):
        room_names = draw(st.lists(NAME, max_size=3, unique_by=lambda t: t.casefold()))
        venues.append(
            {
                "key": f"v{i}",
                "name": draw(NAME),
                "city": draw(TEXT),
                "opens_at": draw(st.sampled_from([None, "08:00", "09:30"])),
                "rooms": [
                    {"name": name, "capacity": draw(st.none() | st.integers(0, 500))}
                    for name in room_names
                ],
            }
        )
    series = [
        {
            "key": f"s{i}",
            "title": draw(NAME),
            "numbering": draw(st.sampled_from(["No. {n}", "Session {n}"])),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    events = []
    for i in range(draw(st.integers(1, 3))):
        zone = draw(st.sampled_from(ZONES))
        starts = draw(
            st.datetimes(datetime(2000, 1, 1), datetime(2035, 1, 1)).map(
                lambda d: d.replace(microsecond=0, tzinfo=UTC)
            )
        )
        ends = starts + timedelta(minutes=draw(st.integers(0, 600)))
        venue = draw(st.sampled_from([None, *venues]))
        agenda = []
        moment = starts
        for _ in range(draw(st.integers(0, 3))):
            length = timedelta(minutes=draw(st.integers(0, 90)))
            agenda.append(
                {
                    "starts_at": _moment(draw, zone, moment),
                    "ends_at": _moment(draw, zone, moment + length),
                    "title": draw(NAME),
                    "kind": draw(st.sampled_from(list(AgendaKind))).value,
                    "attribution": draw(st.none() | st.sampled_from(list(AttributionRule))),
                    "people": [
                        {"person": key, "role": role.value}
                        for key, role in draw(
                            st.lists(
                                st.tuples(st.sampled_from(keys), st.sampled_from(list(Role))),
                                max_size=3,
                                unique=True,
                            )
                        )
                    ],
                }
            )
            moment += length
        events.append(
            {
                "uid": draw(st.sampled_from([None, f"event-{i}@example.org"])),
                "title": draw(NAME),
                "subtitle": draw(TEXT),
                "format": draw(st.sampled_from(list(EventFormat))).value,
                "status": draw(st.sampled_from(list(EventStatus))).value,
                "series": draw(st.sampled_from([None, *(s["key"] for s in series)])),
                "series_number": draw(st.none() | st.integers(1, 50)),
                "starts_at": _moment(draw, zone, starts),
                "ends_at": _moment(draw, zone, ends),
                "time_zone": zone,
                "venue": venue["key"] if venue else None,
                "room": draw(st.sampled_from([None, *(r["name"] for r in venue["rooms"])]))
                if venue
                else None,
                "attribution": draw(st.sampled_from(list(AttributionRule))).value,
                "audience": draw(st.sampled_from(list(EventAudience))).value,
                "concept_note": draw(TEXT),
                "key_issues": draw(st.lists(TEXT, max_size=3)),
                "roles": [
                    {"person": key, "role": role.value}
                    for key, role in draw(
                        st.lists(
                            st.tuples(st.sampled_from(keys), st.sampled_from(list(Role))),
                            max_size=4,
                            unique=True,
                        )
                    )
                ],
                "agenda": agenda,
                "invitations": [
                    {
                        "person": key,
                        "status": draw(st.sampled_from(list(InvitationStatus))).value,
                        "attended": draw(st.none() | st.booleans()),
                    }
                    for key in draw(st.lists(st.sampled_from(keys), unique=True))
                ],
                "consents": [
                    {"person": key, "may_be_named": draw(st.booleans()), "description": draw(TEXT)}
                    for key in draw(st.lists(st.sampled_from(keys), unique=True))
                ],
                "report": {
                    "summary": draw(TEXT),
                    "recommendations": draw(st.lists(TEXT, max_size=2)),
                    "url": draw(st.sampled_from(LINKS)),
                },
                "sequence": draw(st.none() | st.integers(0, 5)),
                "name_cast_publicly": draw(st.none() | st.booleans()),
            }
        )
    package: dict[str, Any] = {
        "format": "planner.event-package",
        "version": draw(st.sampled_from([1, 2])),
        "people": people,
        "venues": venues,
        "series": series,
        "events": events,
    }
    if package["version"] == 1:
        for event in events:
            del event["name_cast_publicly"]
    if draw(st.booleans()):
        package["organisation"] = {
            "name": draw(PERSON_NAME),
            "time_zone": draw(st.sampled_from(ZONES)),
            "website": draw(st.sampled_from(LINKS)),
        }
        if package["version"] == 2:
            flag = draw(st.none() | st.booleans())
            package["organisation"]["name_cast_publicly_under_chatham_house"] = flag
    return package


def _export_all(db: Database) -> dict[str, Any]:
    with db.session() as s:
        return export_package(s, s.scalars(select(Event.id)).all())


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(packages())
def test_export_import_export_is_exact(package: dict[str, Any]) -> None:
    first = Database.open("sqlite://")
    second = Database.open("sqlite://")
    try:
        import_package(first, package)
        exported = _export_all(first)
        assert len(exported["events"]) == len(package["events"])
        assert sorted(e["title"] for e in exported["events"]) == sorted(
            e["title"] for e in package["events"]
        )
        import_package(second, exported)
        assert _export_all(second) == exported
    finally:
        first.dispose()
        second.dispose()


def test_demo_like_package_round_trips_through_a_file(tmp_path: Any) -> None:
    """The same property on a fixed package, through the file writer and reader."""
    from package_samples import sample
    from planner.store.package import read_package_file, write_package

    first = Database.open("sqlite://")
    second = Database.open("sqlite://")
    try:
        import_package(first, sample())
        path = write_package(_export_all(first), tmp_path / "p.json")
        import_package(second, path)
        assert _export_all(second) == read_package_file(path)
    finally:
        first.dispose()
        second.dispose()


def test_the_package_holds_no_one_the_event_only_kept_a_consent_for() -> None:
    from planner.model import Consent, Person
    from strategies import gulf_security, write_event

    db = Database.open("sqlite://")
    try:
        with db.session() as s:
            event_id = write_event(s, gulf_security())
            event = s.get(Event, event_id)
            assert event is not None
            # Once on the programme, since removed: only their consent is left.
            gone = Person(given_name="Nasreen", family_name="Gone", email="gone@example.org")
            event.consents.append(Consent(person=gone, may_be_named=True))
        with db.session() as s:
            data = export_package(s, [event_id])
    finally:
        db.dispose()
    assert "gone@example.org" not in {p["email"] for p in data["people"]}
    assert all(
        c["person"] in {p["key"] for p in data["people"]} for c in data["events"][0]["consents"]
    )


def test_the_organisations_chatham_house_naming_travels_with_the_package() -> None:
    from strategies import gulf_security, write_event

    first, second = Database.open("sqlite://"), Database.open("sqlite://")
    try:
        with first.session() as s:
            write_event(s, gulf_security(name_cast_publicly=False))
        import_package(second, _export_all(first))
        from planner.model import Organisation

        with second.session() as s:
            organisation = s.scalars(select(Organisation)).one()
            # Lost, it would default to naming the Chatham House cast on public documents.
            assert organisation.name_cast_publicly_under_chatham_house is False
    finally:
        first.dispose()
        second.dispose()
