"""Event package: import, matching, preview, re-import, and every kind of bad file."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from package_samples import sample
from planner.errors import NotFoundError, PlannerError, ValidationError
from planner.model import (
    AgendaItem,
    AttributionRule,
    Event,
    EventStatus,
    Invitation,
    Participation,
    Person,
    Role,
    Venue,
)
from planner.store import Database
from planner.store.package import (
    export_package,
    import_package,
    plan_import,
    read_package_file,
    write_package,
)


def _count(db: Database, model: type[Any]) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _problems(db: Database, data: Any) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        import_package(db, data)
    assert _count(db, Event) == 0 and _count(db, Person) == 0, "nothing may be written"
    return caught.value.problems


def test_import_stores_everything_with_local_times_in_utc(db: Database) -> None:
    summary = import_package(db, sample())
    assert (summary.events_created, summary.people_created, summary.venues_created) == (1, 2, 1)
    with db.session() as s:
        event = s.scalars(select(Event)).one()
        # 1700 in Karachi (UTC+5) is 1200 UTC.
        assert event.starts_at == datetime(2013, 3, 12, 12, 0, tzinfo=UTC)
        assert event.time_zone == "Asia/Karachi"
        assert event.status is EventStatus.HELD
        assert event.venue is not None and event.venue.name == "Islamabad Club"
        assert event.room is not None and event.room.capacity == 80
        assert event.series is not None and event.series_number == 2
        assert [(p.role, p.person.family_name) for p in event.participations] == [
            (Role.CHAIR, "Kamran"),
            (Role.SPEAKER, "Owais"),
        ]
        assert [a.title for a in event.agenda] == ["Welcome", "Talk", "Discussion"]
        assert event.agenda[1].attribution is AttributionRule.ON_THE_RECORD
        assert event.consents[0].description == "a retired general"
        assert event.report_recommendations == ["R1"]
        owais = s.scalars(select(Person).where(Person.family_name == "Owais")).one()
        assert owais.short_bio == "A retired general."


def test_people_are_matched_by_email_then_by_styled_name(db: Database) -> None:
    with db.session() as s:
        s.add(Person(given_name="S. M.", family_name="Owais", email="OWAIS@Example.org"))
        s.add(
            Person(
                honorific="senator",
                given_name="Sehar",
                family_name="Kamran",
                post_nominals="(TI)",
                position="President, CPGS",
            )
        )
    with db.session() as s:
        plan = plan_import(s, sample())
        assert [(m.key, m.matched_by) for m in plan.people] == [("p1", "email"), ("p2", "name")]
        assert any("use existing person #1" in line for line in plan.lines())
        assert _count(db, Person) == 2, "planning writes nothing"
    summary = import_package(db, sample())
    assert (summary.people_created, summary.people_matched) == (0, 2)
    with db.session() as s:
        kamran = s.scalars(select(Person).where(Person.family_name == "Kamran")).one()
        assert kamran.position == "President, CPGS", "existing values are kept"
        owais = s.scalars(select(Person).where(Person.family_name == "Owais")).one()
        assert owais.short_bio == "A retired general.", "blanks are filled from the package"
        assert owais.given_name == "S. M."


def test_same_name_but_different_email_is_another_person(db: Database) -> None:
    with db.session() as s:
        s.add(
            Person(
                honorific="Lt. Gen. (R)",
                given_name="Syed Muhammad",
                family_name="Owais",
                post_nominals="HI (M)",
                email="someone.else@example.org",
            )
        )
    summary = import_package(db, sample())
    assert summary.people_created == 2
    assert _count(db, Person) == 3


def test_reimport_updates_the_event_with_the_same_uid(db: Database) -> None:
    import_package(db, sample())
    changed = sample()
    changed["events"][0]["title"] = "Gulf Security: the Emerging Scenario"
    changed["events"][0]["agenda"] = changed["events"][0]["agenda"][:2]
    summary = import_package(db, changed)
    assert (summary.events_created, summary.events_updated) == (0, 1)
    assert _count(db, Event) == 1 and _count(db, AgendaItem) == 2
    assert _count(db, Person) == 2 and _count(db, Venue) == 1
    with db.session() as s:
        assert s.scalars(select(Event.title)).one() == "Gulf Security: the Emerging Scenario"


def test_times_with_an_offset_are_taken_as_given(db: Database) -> None:
    data = sample()
    data["events"][0]["starts_at"] = "2013-03-12T12:00:00+00:00"
    import_package(db, data)
    with db.session() as s:
        assert s.scalars(select(Event.starts_at)).one() == datetime(2013, 3, 12, 12, tzinfo=UTC)


def test_import_from_file_and_export_to_file(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(sample(), ensure_ascii=False), encoding="utf-8")
    import_package(db, source)
    with db.session() as s:
        exported = export_package(s, [1])
    target = write_package(exported, tmp_path / "out" / "gulf.json")
    again = read_package_file(target)
    assert again == exported
    assert again["events"][0]["starts_at"] == "2013-03-12T17:00:00"
    assert again["people"][0]["key"] == "p1"


def test_export_of_an_unknown_event_names_it(db: Database) -> None:
    import_package(db, sample())
    with db.session() as s, pytest.raises(NotFoundError, match="no event with id 42"):
        export_package(s, [1, 42])


# --- bad files ------------------------------------------------------------------------------


def test_bad_files_get_one_clear_line(tmp_path: Path, db: Database) -> None:
    cases: dict[str, tuple[bytes, str]] = {
        "not-json.json": (b"{'format': 1}", "not JSON (line 1, column 2"),
        "latin1.json": ('{"title": "Caf\u00e9"}'.encode("latin-1"), "not UTF-8 text"),
        "utf16.json": (json.dumps(sample()).encode("utf-16"), "UTF-16"),
        "dupes.json": (b'{"format": 1, "format": 2}', "appears twice"),
        "nan.json": (b'{"version": NaN}', "NaN"),
    }
    for name, (content, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(PlannerError) as caught:
            import_package(db, path)
        message = str(caught.value)
        assert expected in message and str(path) in message and "\n" not in message, name
    with pytest.raises(PlannerError, match="no such file"):
        import_package(db, tmp_path / "missing.json")
    assert _count(db, Event) == 0


def test_utf8_with_bom_is_accepted(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(sample()).encode("utf-8"))
    assert import_package(db, path).events_created == 1


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ([], "should be an object"),
        ({"format": "something.else", "version": 1}, "expected 'planner.event-package'"),
        ({"format": "planner.event-package", "version": 3}, "newer than this planner"),
        ({"format": "planner.event-package", "version": "1"}, "unsupported event package"),
        ({"version": 1}, "format: missing"),
    ],
)
def test_wrong_format_or_version(db: Database, top: Any, expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        import_package(db, top)
    assert expected in str(caught.value)


def test_every_problem_is_reported_with_its_path(db: Database) -> None:
    data = sample()
    event = data["events"][0]
    event["agenda"][2]["ends_at"] = "2013-03-12T17:00:00"
    event["format"] = "party"
    event["status"] = 3
    event["roles"].append({"person": "p9", "role": "chair"})
    event["roles"].append({"person": "p1", "role": "star"})
    event["venue"] = "v2"
    event["series"] = "s7"
    event["key_issues"] = ["fine", 7]
    event["colour"] = "red"
    event["invitations"].append({"person": "p2", "status": "maybe", "attended": "yes"})
    data["events"].append(
        {"title": "", "starts_at": "12 March 2013", "ends_at": None, "room": "Main Hall"}
    )
    data["events"].append(
        {
            "title": "Later",
            "starts_at": "2013-03-12T19:00:00",
            "ends_at": "2013-03-12T18:00:00",
            "time_zone": "UTC",
        }
    )
    data["events"].append(
        {
            "title": "Nowhere",
            "starts_at": "2013-03-12T19:00:00",
            "ends_at": "2013-03-12T20:00:00",
            "time_zone": "Mars/Olympus_Mons",
            "agenda": [
                {"title": "A", "starts_at": "2013-03-12T19:00:00", "ends_at": "2013-03-12T18:00"}
            ],
        }
    )
    data["people"].append({"key": "p1", "family_name": "Twice"})
    data["people"].append({"key": "p3", "given_name": "", "email": "nobody"})
    data["venues"][0]["rooms"].append({"name": "main hall", "capacity": -1})
    data["venues"][0]["opens_at"] = "nine"
    problems = _problems(db, data)
    expected = [
        "events[0].agenda[2].ends_at: before starts_at",
        "events[0].format: unknown value 'party'; use one of seminar, roundtable, "
        "in_house_roundtable, lecture, conference, workshop, book_launch, briefing, other",
        "events[0].status: should be one of draft, planned, confirmed, held, postponed, "
        "cancelled, not the number 3",
        "events[0].roles[2].person: unknown person 'p9' (not a key in people)",
        "events[0].roles[3].role: unknown value 'star'",
        "events[0].venue: unknown venue 'v2' (not a key in venues)",
        "events[0].series: unknown series 's7' (not a key in series)",
        "events[0].key_issues[1]: should be text, not the number 7",
        "events[0].colour: unknown field",
        "events[0].invitations[1].status: unknown value 'maybe'; use one of invited, "
        "accepted, declined, tentative",
        "events[0].invitations[1].attended: should be true or false, not the text 'yes'",
        "events[1].title: empty",
        "events[1].starts_at: not a date and time: '12 March 2013'",
        "events[1].ends_at: missing",
        "events[1].room: a room needs a venue",
        "events[2].ends_at: before starts_at",
        "events[3].time_zone: unknown time zone 'Mars/Olympus_Mons'",
        "people[2].key: 'p1' is already used by people[0]",
        "people[3]: needs a given_name or a family_name",
        "people[3].email: not an email address: 'nobody'",
        "venues[0].rooms[1].name: 'main hall' is already",
        "venues[0].rooms[1].capacity: should be at least 0",
        "venues[0].opens_at: not a time of day: 'nine'",
    ]
    for line in expected:
        assert any(p.startswith(line) for p in problems), f"{line!r} not in {problems}"
    # Agenda times of an event with an unknown zone are not blamed on the agenda.
    assert not any(p.startswith("events[3].agenda") for p in problems)


def test_wrong_types_at_every_level(db: Database) -> None:
    problems = _problems(
        db,
        {
            "format": "planner.event-package",
            "version": 1,
            "people": {"p1": {}},
            "venues": ["Islamabad Club"],
            "series": [{"title": "No key"}],
            "events": [
                {
                    "title": ["x"],
                    "starts_at": 1700,
                    "ends_at": "2013-03-12T19:00:00",
                    "agenda": "all day",
                    "report": "fine",
                    "series_number": 2.5,
                }
            ],
        },
    )
    for line in [
        "people: should be a list, not an object",
        "venues[0]: should be an object, not the text 'Islamabad Club'",
        "series[0].key: missing",
        "events[0].title: should be text, not a list",
        "events[0].starts_at: should be a date and time as text, not the number 1700",
        "events[0].agenda: should be a list, not the text 'all day'",
        "events[0].report: should be an object, not the text 'fine'",
        "events[0].series_number: should be a whole number, not the number 2.5",
    ]:
        assert line in problems, f"{line!r} not in {problems}"


def test_validation_error_message_heads_with_the_file(tmp_path: Path, db: Database) -> None:
    data = copy.deepcopy(sample())
    data["events"][0]["ends_at"] = "2013-03-12T16:00:00"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        import_package(db, path)
    first, *rest = str(caught.value).splitlines()
    assert first == f"{path}: the event package has 1 problem; nothing was imported"
    assert rest == ["  events[0].ends_at: before starts_at"]


def test_nothing_is_written_when_the_database_refuses_a_row(db: Database) -> None:
    """All or nothing even past validation: a failure while writing rolls everything back."""
    import_package(db, sample())
    data = sample()
    data["events"][0]["uid"] = "another@cpgs.example.org"
    data["events"].append(copy.deepcopy(data["events"][0]))
    data["events"][1]["uid"] = "x" * 300  # over the column's length: caught by validation
    problems = _problems_keep(db, data)
    assert problems == ["events[1].uid: longer than 200 characters"]
    assert _count(db, Event) == 1 and _count(db, Participation) == 2
    assert _count(db, Invitation) == 1


def _problems_keep(db: Database, data: Any) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        import_package(db, data)
    return caught.value.problems


def test_importing_an_events_newer_copy_keeps_when_invitations_were_sent(db: Database) -> None:
    """Back from a trip: the package of an event we already have replaces its lists, but an
    invitation the package still holds keeps its row, its sent time and its reply note (a
    package carries neither); one the package dropped goes."""
    from planner.model import Invitation
    from planner.store.demo import load_demo

    load_demo(db)
    sent = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    with db.session() as s:
        event_id = s.scalars(select(Invitation.event_id).limit(1)).one()
        invitations = s.scalars(
            select(Invitation).where(Invitation.event_id == event_id).order_by(Invitation.id)
        ).all()
        assert len(invitations) >= 2
        first = invitations[0]
        first.sent_at, first.reply_note = sent, "will come with a colleague"
        kept_id, before = first.id, len(invitations)
    with db.session(write=False) as s:
        package = export_package(s, [event_id])
    (entry,) = package["events"]
    entry["invitations"] = entry["invitations"][:-1]  # the package no longer invites one
    import_package(db, package)
    with db.session(write=False) as s:
        row = s.get(Invitation, kept_id)
        assert row is not None and row.event_id == event_id
        assert (row.sent_at, row.reply_note) == (sent, "will come with a colleague")
        count = s.scalar(
            select(func.count()).select_from(Invitation).where(Invitation.event_id == event_id)
        )
        assert count == before - 1
