"""Two planners at once on one database: first starts racing in the migration, and the same
event package imported twice at the same moment. On SQLite and on PostgreSQL (``any_url``)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.model import Event, Person
from planner.store import Database
from planner.store import package as package_module
from planner.store.demo import load_demo
from planner.store.migrations import current_revision
from planner.store.package import ImportPlan, export_package
from planner.store.queries import all_event_ids
from planner.store.revisions import head_revision

# A first start in a process of its own (threads of one process would share Alembic's loading
# of env.py). It looks at the database, then waits until the other start has looked too, so
# both decide to migrate from the same empty state: the race is certain, not a matter of timing.
FIRST_START = """
import sys, time
from pathlib import Path
from planner.store import Database, migrations
url, folder, me = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
real_inspect, looked = migrations.inspect_schema, []
def inspect_together(engine):
    state = real_inspect(engine)
    if not looked:  # the first look only: the one before any lock is taken
        looked.append(True)
        (folder / me).touch()
        deadline = time.monotonic() + 30
        while len(list(folder.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    return state
migrations.inspect_schema = inspect_together
Database.open(url).dispose()
"""


def test_two_first_starts_on_one_empty_database_both_succeed(any_url: str, tmp_path: Path) -> None:
    """The race reproduced on 2026-12-02: both first starts found the database empty and
    migrated, and one failed with a duplicate pg_type key. Now the second waits for the
    first's migration (an advisory lock on PostgreSQL, the write lock on SQLite) and then
    finds the schema at head."""
    folder = tmp_path / "looked"
    folder.mkdir()
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", FIRST_START, any_url, str(folder), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    for process in starts:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert len(list(folder.iterdir())) == 2, "both looked before either migrated"
    db = Database.open(any_url)
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()


def test_one_event_package_imported_twice_at_once_gives_each_person_once(
    any_url: str, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As for CSV imports (tests/services/test_people_import_concurrent.py): the second import
    plans against the first's committed rows, so people and events are there once."""
    load_demo(db)
    with db.session(write=False) as s:
        data = export_package(s, all_event_ids(s))
    Database.open(any_url).dispose()  # migrated before the imports start
    both_planned = threading.Barrier(2, timeout=1)
    real_plan = package_module.plan_import

    def plan_then_wait(session: Session, package: Any) -> ImportPlan:
        plan = real_plan(session, package)
        with contextlib.suppress(threading.BrokenBarrierError):
            both_planned.wait()
        return plan

    monkeypatch.setattr(package_module, "plan_import", plan_then_wait)

    def one_import(_: int) -> None:
        target = Database.open(any_url)
        try:
            package_module.import_package(target, data)
        finally:
            target.dispose()

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(one_import, range(2)))
    target = Database.open(any_url)
    try:
        with target.session(write=False) as s:
            assert s.scalar(select(func.count()).select_from(Person)) == len(data["people"])
            assert s.scalar(select(func.count()).select_from(Event)) == len(data["events"])
    finally:
        target.dispose()
