"""``planner restore`` holds the window's lock while it replaces the file: two restores started
together cannot interleave (the second is refused and changes nothing), and the lock is gone
when the restore ends, whether it succeeded or not."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.errors import PlannerError
from planner.store import Database
from planner.store.backup import backup_path
from planner.store.demo import load_demo
from planner.store.instance_lock import LockHeld, held, holder, lock_path
from planner.store.restore import restore

# A restore whose copy of the backup takes two seconds: long enough to start another meanwhile.
SLOW_RESTORE = """
import sys, time
from pathlib import Path
import planner.store.restore as r
copy = r.backup_file
def slow(*args, **kwargs):
    time.sleep(2)
    return copy(*args, **kwargs)
r.backup_file = slow
print(r.restore(Path(sys.argv[1]), Path(sys.argv[2])).summary(), flush=True)
"""


def _events(path: Path) -> int:
    db = Database.open(f"sqlite:///{path}")
    try:
        with db.engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM event").scalar_one())
    finally:
        db.dispose()


@pytest.fixture
def demo(db_path: Path) -> Path:
    db = Database.open(f"sqlite:///{db_path}")
    load_demo(db)
    db.dispose()
    return db_path


def test_two_restores_at_once_do_not_interleave(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_path(demo)
    first = subprocess.Popen(
        [sys.executable, "-c", SLOW_RESTORE, str(demo), str(backup)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while holder(demo) is None:  # the first restore has taken the lock
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert holder(demo).pid == first.pid  # type: ignore[union-attr]
        assert main(["--db", str(demo), "restore", str(backup)]) == 1
        err = capsys.readouterr().err
        assert f"process {first.pid}" in err
        with pytest.raises(PlannerError, match="has it open or is restoring it"), held(demo):
            pass
    finally:
        out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert out.startswith(f"restored {demo}")
    assert _events(demo) == 4
    assert not lock_path(demo).exists(), "the lock goes with the restore"
    before = list(demo.parent.glob("*before-restore*")) + list(
        backup.parent.glob("*before-restore*")
    )
    assert len(before) == 1, "one restore kept the replaced file, not two"


def test_the_lock_is_let_go_when_a_restore_is_refused(demo: Path, tmp_path: Path) -> None:
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("not a database " * 300)
    with pytest.raises(PlannerError, match="not a planner database"):
        restore(demo, not_a_database)
    assert not lock_path(demo).exists()
    with held(demo):  # free again
        assert holder(demo) is not None


def test_a_stale_lock_of_a_killed_restore_is_taken_over(demo: Path) -> None:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    host = socket.gethostname()
    lock_path(demo).write_text(f"{child.stdout.strip()}\npython3\n{host}\n")
    assert holder(demo) is None
    report = restore(demo, backup_path(demo))
    assert report.events == 4 and not lock_path(demo).exists()


def test_a_second_taker_in_this_process_is_refused_too(demo: Path) -> None:
    with held(demo), pytest.raises(LockHeld), held(demo):
        pass
