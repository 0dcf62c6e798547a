"""Two planners at once on one database: first starts racing in the migration, and the same
people imported twice at the same moment. On SQLite and on PostgreSQL (``any_url``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planner.store import Database
from planner.store.migrations import current_revision
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
