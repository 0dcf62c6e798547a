"""The window's lock file, read without Qt: held while its process lives, stale after."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from planner.store.instance_lock import holder, lock_path


def test_no_lock_file_means_nobody_holds_the_database(tmp_path: Path) -> None:
    assert holder(tmp_path / "planner.sqlite3") is None


def test_a_live_process_holds_it_and_a_dead_one_does_not(tmp_path: Path) -> None:
    database = tmp_path / "planner.sqlite3"
    lock_path(database).write_text(f"{os.getpid()}\nPlanner\n{socket.gethostname()}\n")
    found = holder(database)
    assert found is not None and found.pid == os.getpid() and found.app == "Planner"

    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    lock_path(database).write_text(f"{child.stdout.strip()}\nPlanner\n{socket.gethostname()}\n")
    assert holder(database) is None  # killed or ended: stale


def test_a_lock_from_another_host_counts_as_held(tmp_path: Path) -> None:
    database = tmp_path / "planner.sqlite3"
    lock_path(database).write_text("1\nPlanner\nsomewhere-else.example\n")
    assert holder(database) is not None


def test_a_damaged_lock_file_holds_nothing(tmp_path: Path) -> None:
    database = tmp_path / "planner.sqlite3"
    lock_path(database).write_bytes(b"\xff\xfe garbage")
    assert holder(database) is None
