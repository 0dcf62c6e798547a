"""The window's package import (a preview, then Import) on a database others change meanwhile:
Import takes the people lock as every other import of people does, matches the package again,
and says what it did otherwise than the preview said. On both back ends."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from package_samples import sample
from planner.model import Event, Organisation, Person
from planner.services.event_packages import (
    PackageImportSummary,
    apply_package,
    import_package_file,
    plan_package,
)
from planner.services.people import create_person
from planner.store import Database
from planner.store.server_locks import PEOPLE_LOCK, lock_for_transaction

# One of the package's people, in Urdu script, so the sentences are checked with one too.
NEWCOMER = {
    "key": "p3",
    "given_name": "عائشہ",
    "family_name": "صدیقی",
    "email": "ayesha.siddiqui@example.org",
}


@pytest.fixture
def package(tmp_path: Path) -> Path:
    data = sample()
    data["people"].append(NEWCOMER)
    data["events"][0]["invitations"] = [{"person": "p3", "status": "accepted", "attended": None}]
    path = tmp_path / "gulf.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def someone_else(any_url: str, any_db: Database) -> Iterator[Database]:
    """Another organiser's planner on the same database (an engine of its own)."""
    other = Database.open(any_url)
    yield other
    other.dispose()


def _with_email(db: Database, email: str) -> list[int]:
    with db.session(write=False) as session:
        return list(session.scalars(select(Person.id).where(Person.email == email)))


def _events(db: Database) -> int:
    with db.session(write=False) as session:
        return int(session.scalar(select(func.count()).select_from(Event)) or 0)


def test_nothing_changed_since_the_preview_says_nothing(any_db: Database, package: Path) -> None:
    summary = apply_package(any_db, plan_package(any_db, package))
    assert summary.people_created == 3 and summary.since_preview == ()
    assert "since the preview" not in str(summary)


def test_a_person_added_after_the_preview_is_matched_not_duplicated(
    any_db: Database, someone_else: Database, package: Path
) -> None:
    plan = plan_package(any_db, package)
    assert [match.is_new for match in plan.people] == [True, True, True]
    added = create_person(
        someone_else,
        {"given_name": "Ayesha", "family_name": "Siddiqui", "email": NEWCOMER["email"]},
    )
    summary = apply_package(any_db, plan)
    assert _with_email(any_db, NEWCOMER["email"]) == [added]
    assert (summary.people_created, summary.people_matched) == (2, 1)
    assert summary.since_preview == (
        f"person “عائشہ صدیقی”: added meanwhile; matched #{added} (same email) instead of created",
    )
    assert "  since the preview: person “عائشہ صدیقی”: added meanwhile" in str(summary)
    # The invitation went to the person who was there already.
    with any_db.session(write=False) as session:
        event = session.scalars(select(Event)).one()
        assert [invitation.person_id for invitation in event.invitations] == [added]


def test_import_waits_for_another_import_of_people_then_matches_its_person(
    any_db: Database, someone_else: Database, package: Path
) -> None:
    """The lock: another import holds it and has added the person, not yet committed. Import
    must wait for it (on PostgreSQL, unlocked, it would not see the uncommitted row and would
    create the person a second time), then match the person."""
    plan = plan_package(any_db, package)
    added = threading.Event()
    finish = threading.Event()

    def other_import() -> int:
        with someone_else.session() as session:
            lock_for_transaction(session, PEOPLE_LOCK)
            person = Person(given_name="Ayesha", family_name="Siddiqui", email=NEWCOMER["email"])
            session.add(person)
            session.flush()
            added.set()
            assert finish.wait(timeout=20)
            return int(person.id)

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(other_import)
        assert added.wait(timeout=20)
        ours: Future[PackageImportSummary] = pool.submit(apply_package, any_db, plan)
        with pytest.raises(TimeoutError):
            ours.result(timeout=0.5)  # waiting for the other import's lock
        finish.set()
        theirs = first.result(timeout=20)
        summary = ours.result(timeout=20)
    assert _with_email(any_db, NEWCOMER["email"]) == [theirs]
    assert summary.people_matched == 1 and len(summary.since_preview) == 1


def test_the_same_event_imported_by_someone_else_meanwhile_is_updated_not_refused(
    any_db: Database, someone_else: Database, package: Path
) -> None:
    plan = plan_package(any_db, package)
    assert plan.events[0].is_new
    theirs = import_package_file(someone_else, package).event_ids[0]
    summary = apply_package(any_db, plan)
    assert summary.event_ids == (theirs,) and _events(any_db) == 1
    assert (summary.events_created, summary.events_updated) == (0, 1)
    assert summary.since_preview[0] == (
        f"event “Gulf Security: Emerging Scenario”: added meanwhile; updated #{theirs} "
        "(same uid) instead of created"
    )
    assert len(_with_email(any_db, NEWCOMER["email"])) == 1


def test_a_matched_person_deleted_meanwhile_is_created_anew(
    any_db: Database, someone_else: Database, package: Path
) -> None:
    first = create_person(
        any_db, {"given_name": "A", "family_name": "B", "email": NEWCOMER["email"]}
    )
    plan = plan_package(any_db, package)
    assert plan.people[2].existing_id == first
    with someone_else.session() as session:
        session.delete(session.get(Person, first))
    summary = apply_package(any_db, plan)
    assert summary.since_preview == (
        f"person “عائشہ صدیقی”: #{first} was deleted meanwhile; created anew",
    )
    assert len(_with_email(any_db, NEWCOMER["email"])) == 1


def test_an_organisation_profile_set_meanwhile_is_kept(
    any_db: Database, someone_else: Database, package: Path
) -> None:
    plan = plan_package(any_db, package)
    assert plan.create_organisation
    with someone_else.session() as session:
        session.add(Organisation(name="مرکز برائے پاکستان و خلیجی مطالعات", short_name="CPGS"))
    summary = apply_package(any_db, plan)
    assert summary.since_preview == (
        "the organisation profile was set meanwhile; it was kept as it is",
    )
    with any_db.session(write=False) as session:
        names = list(session.scalars(select(Organisation.name)))
    assert names == ["مرکز برائے پاکستان و خلیجی مطالعات"]
