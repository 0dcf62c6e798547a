"""The same people imported twice at the same moment (issue 14: on PostgreSQL 2,000 people
became 4,000, neither import seeing the other's uncommitted rows). On both back ends."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.model import Person
from planner.services import people_import
from planner.services.people_import import ImportSummary, import_people_csv
from planner.store import Database

PEOPLE = 2000


def _csv(path: Path) -> Path:
    lines = ["First name,Last name,Email,Organisation"]
    lines += [f"Given{n},Family{n},given{n}@example.org,Institute {n % 97}" for n in range(PEOPLE)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_one_file_imported_twice_at_once_gives_each_person_once(
    any_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Database.open(any_url).dispose()  # migrated once, before the imports start
    path = _csv(tmp_path / "people.csv")
    # Each import waits (up to a second) after reading the directory for the other to have
    # read it too: without a lock both read it empty and both insert everyone. With the lock
    # the second cannot read before the first commits, so the first waits in vain and goes on.
    both_read = threading.Barrier(2, timeout=1)
    real_directory = people_import._Index.of_directory

    def read_then_wait(session: Session) -> people_import._Index:
        index = real_directory(session)
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait()
        return index

    monkeypatch.setattr(people_import._Index, "of_directory", staticmethod(read_then_wait))

    def one_import(_: int) -> ImportSummary:
        db = Database.open(any_url)  # an engine of its own, as another planner would have
        try:
            return import_people_csv(db, path)
        finally:
            db.dispose()

    with ThreadPoolExecutor(2) as pool:
        summaries = list(pool.map(one_import, range(2)))
    assert sorted((s.created, s.skipped) for s in summaries) == [(0, PEOPLE), (PEOPLE, 0)]
    db = Database.open(any_url)
    try:
        with db.session(write=False) as s:
            assert s.scalar(select(func.count()).select_from(Person)) == PEOPLE
    finally:
        db.dispose()
