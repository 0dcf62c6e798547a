"""The demo data: the seed's events, names parsed properly, and loading twice adds nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from planner.model import (
    AgendaItem,
    AttributionRule,
    Event,
    EventFormat,
    Invitation,
    InvitationStatus,
    Organisation,
    Participation,
    Person,
    Role,
    Room,
    Series,
    TimeStyle,
    Venue,
)
from planner.store import Database
from planner.store.demo import load_demo
from planner.store.demo_texts import US_KEY_ISSUES
from planner.store.package import export_package

MODELS: tuple[type[Any], ...] = (
    Event,
    AgendaItem,
    Participation,
    Invitation,
    Person,
    Venue,
    Room,
    Series,
    Organisation,
)


def _counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m)) or 0 for m in MODELS}


def _event(db: Database, title_start: str) -> Event:
    with db.session() as s:
        event = s.scalars(select(Event).where(Event.title.startswith(title_start))).one()
        # Touch what the tests read, while the session is open.
        _ = [(p.person.family_name, p.role) for p in event.participations]
        _ = (event.venue, event.room, event.series, event.agenda, event.invitations)
        return event


def test_loading_twice_duplicates_nothing(db: Database) -> None:
    first = load_demo(db)
    counts = _counts(db)
    second = load_demo(db)
    assert _counts(db) == counts
    assert counts["Event"] == 4 and counts["Series"] == 1 and counts["Organisation"] == 1
    assert "4 new" in first and "nothing duplicated" in second
    with db.session() as s:
        before = export_package(s, s.scalars(select(Event.id)).all())
    load_demo(db)
    with db.session() as s:
        after = export_package(s, s.scalars(select(Event.id)).all())
    assert after == before, "reloading changes nothing, not even the SEQUENCE"


def test_the_seed_events(db: Database) -> None:
    load_demo(db)
    gulf = _event(db, "Gulf Security")
    # "Tuesday, March 12, 2013 at 1700 hours at the Islamabad Club, Islamabad"
    assert gulf.starts_at == datetime(2013, 3, 12, 12, 0, tzinfo=UTC)
    assert gulf.time_zone == "Asia/Karachi"
    assert gulf.attribution is AttributionRule.CHATHAM_HOUSE
    assert gulf.venue is not None and gulf.venue.name == "Islamabad Club"
    assert gulf.venue.city == "Islamabad"
    assert {(p.role, p.person.family_name) for p in gulf.participations} >= {
        (Role.CHAIR, "Kamran"),
        (Role.MODERATOR, "Ali"),
        (Role.SPEAKER, "Weinbaum"),
    }
    assert "Prof. Marvin G. Weinbaum" in gulf.report_summary, "something for the checker"
    assert {i.status for i in gulf.invitations} >= {
        InvitationStatus.ACCEPTED,
        InvitationStatus.DECLINED,
        InvitationStatus.TENTATIVE,
    }

    us = _event(db, "Pakistan – US")
    assert us.format is EventFormat.IN_HOUSE_ROUNDTABLE
    assert us.series is not None and us.series.title == "Pakistan Foreign Policy Review"
    assert us.series_number == 1
    assert us.key_issues == US_KEY_ISSUES and len(us.key_issues) == 5
    assert us.background.startswith("The US-Pakistan relations are characterized")
    speakers = sorted(
        (p.position, p.person.family_name) for p in us.participations if p.role is Role.SPEAKER
    )
    assert [name for _, name in speakers] == ["Owais", "Durrani", "Qureshi"]

    russia = _event(db, "Pakistan – Russia")
    assert russia.series_number == 2 and russia.series is not None
    cast = [(p.role, p.person.family_name) for p in russia.participations]
    assert (Role.CHAIR, "Khattak") in cast
    speakers = sorted(
        (p.position, p.person.family_name) for p in russia.participations if p.role is Role.SPEAKER
    )
    assert [name for _, name in speakers] == ["Owais", "Khan"]
    assert "Monthly Seminar Series" in russia.concept_note
    assert russia.agenda[0].title == "Welcome address" and len(russia.agenda) >= 5

    assert _event(db, "SALAM Roundtable").report_summary.startswith("The proceedings started")


def test_names_are_parsed_into_their_parts(db: Database) -> None:
    load_demo(db)
    with db.session() as s:
        owais = s.scalars(select(Person).where(Person.family_name == "Owais")).one()
        assert (owais.honorific, owais.given_name, owais.post_nominals) == (
            "Lt. Gen. (R)",
            "Syed Muhammad",
            "HI (M)",
        )
        assert owais.short_style == "Lt. Gen. Owais"
        assert owais.salutation == "Dear General Owais"
        durrani = s.scalars(select(Person).where(Person.family_name == "Durrani")).one()
        assert durrani.post_nominals == "HI (M), HJ (M)"
        kamran = s.scalars(select(Person).where(Person.family_name == "Kamran")).one()
        assert (kamran.honorific, kamran.post_nominals) == ("Senator", "(TI)")
        khattak = s.scalars(select(Person).where(Person.family_name == "Khattak")).one()
        assert khattak.honorific == "Amb (R)"
        emails = s.scalars(select(Person.email)).all()
        assert all(e.split("@")[1].split(".")[-2] in ("example",) for e in emails)
        scripts = {p.family_name for p in s.scalars(select(Person))}
        assert {"رحمان", "المنصوري", "Морозов"} <= scripts


def test_organisation_profile(db: Database) -> None:
    with db.session() as s:
        s.add(Organisation())  # a blank profile made at first start is filled in
    load_demo(db)
    with db.session() as s:
        org = s.scalars(select(Organisation)).one()
        assert org.short_name == "CPGS"
        assert org.time_zone == "Asia/Karachi"
        assert org.time_style is TimeStyle.HOURS
        assert org.brand_colour.startswith("#") and org.brand_colour != "#1F4E79"


def test_an_existing_profile_is_kept(db: Database) -> None:
    with db.session() as s:
        s.add(Organisation(name="Institute of Strategic Studies", short_name="ISS"))
    load_demo(db)
    with db.session() as s:
        assert s.scalars(select(Organisation.short_name)).one() == "ISS"


def test_demo_round_trips_through_a_package_file(db: Database, tmp_path: Path) -> None:
    from planner.store.package import import_package, write_package

    load_demo(db)
    with db.session() as s:
        exported = export_package(s, s.scalars(select(Event.id)).all())
    path = write_package(exported, tmp_path / "demo.json")
    assert "المنصوري" in path.read_text(encoding="utf-8"), "scripts are written as they are"
    other = Database.open("sqlite://")
    try:
        import_package(other, path)
        with other.session() as s:
            assert export_package(s, s.scalars(select(Event.id)).all()) == exported
    finally:
        other.dispose()
