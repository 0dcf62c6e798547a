"""Deleting and merging people as operations: applied in one transaction, inverses restore
every person (same id and values), and the inverse of the inverse does it again."""

from __future__ import annotations

from planner.services import people as svc
from planner.services.operations import apply
from planner.services.people_edits import DeletePeople, MergePeople
from planner.store import Database


def _two(db: Database) -> tuple[int, int]:
    keep = svc.create_person(
        db, {"given_name": "عائشہ", "family_name": "صدیقی", "email": "a@example.org"}
    )
    dup = svc.create_person(db, {"given_name": "Aisha", "family_name": "Siddiqui"})
    return keep, dup


def test_deleting_people_round_trips(db: Database) -> None:
    keep, dup = _two(db)
    before = [svc.get_person(db, i).values for i in (keep, dup)]
    done = apply(db, DeletePeople((keep, dup), "Delete 2 people"))
    assert svc.count_people(db) == 0
    redo = apply(db, done.inverse)
    assert [svc.get_person(db, i).values for i in (keep, dup)] == before
    apply(db, redo.inverse)
    assert svc.count_people(db) == 0


def test_merging_people_round_trips(db: Database) -> None:
    keep, dup = _two(db)
    values = dict(svc.get_person(db, keep).values)
    values["family_name"] = "Siddiqui"
    done = apply(db, MergePeople(svc.MergePlan(keep, (dup,), values), "Merge"))
    assert svc.count_people(db) == 1
    assert svc.get_person(db, keep).values["family_name"] == "Siddiqui"
    redo = apply(db, done.inverse)
    assert svc.count_people(db) == 2
    assert svc.get_person(db, keep).values["family_name"] == "صدیقی"
    apply(db, redo.inverse)
    assert svc.count_people(db) == 1
