"""Does a SIGKILL ever cost a committed transaction, or damage the file?

A child process writes to a planner database in a loop through ``Database.session()`` (the way
every command and the window write: WAL, synchronous=NORMAL, BEGIN IMMEDIATE), transactions of
1 to 500 people, and prints each transaction's token once its commit has returned. The parent
kills it with SIGKILL at a random moment, then opens the file as the next program would and
checks that ``integrity_check`` passes and that every token the child reported is there.
Repeated ``--kills`` times on the same file, which grows as it goes.

Run: ``uv run python benchmarks/crash_kill.py [--kills 200] [--seed 1] [--keep PATH]``.
Prints e.g. "200 kills, 0 committed rows lost". Exits 1 if anything was lost or damaged.

A process kill, not a power cut: with synchronous=NORMAL a power cut may lose the last
transactions before a checkpoint (never the file's consistency), which this cannot show.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = "--child"


def child(path: Path, run: int) -> None:
    """Write until killed; a token on stdout means that transaction has committed."""
    from planner.model import Person
    from planner.store import Database

    db = Database.open(f"sqlite:///{path}", migrate=False)
    rng = random.Random(run)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        token = f"{run}-{n}"
        rows = 500 if rng.random() < 0.05 else rng.randint(1, 20)
        with db.session() as session:
            session.add_all(
                Person(given_name=token, family_name=f"row {i}", email=f"{token}.{i}@example.org")
                for i in range(rows)
            )
        print(f"{token} {rows}", flush=True)


def check(path: Path) -> tuple[bool, dict[str, int]]:
    """Open the file as the next program would (recovering the WAL): is it whole, and how
    many rows does each token have?"""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        counts = dict(
            conn.execute("SELECT given_name, count(*) FROM person GROUP BY given_name").fetchall()
        )
    return ok, counts


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == CHILD:
        child(Path(sys.argv[2]), int(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="the database file to use (kept afterwards)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="crash-kill-"))
    path = args.keep or folder / "crash.sqlite3"
    # The child's automatic backups and settings stay in the temporary folder.
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }
    os.environ.update(env)
    from planner.store import Database

    Database.open(f"sqlite:///{path}").dispose()

    committed: dict[str, int] = {}
    lost = damaged = 0
    started = time.perf_counter()
    for run in range(1, args.kills + 1):
        process = subprocess.Popen(
            [sys.executable, __file__, CHILD, str(path), str(run)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert process.stdout is not None
        if process.stdout.readline().strip() != "ready":
            print(f"kill {run}: the child did not start", file=sys.stderr)
            return 1
        time.sleep(rng.uniform(0.0, 0.4))
        process.send_signal(signal.SIGKILL)
        for line in process.stdout:
            token, rows = line.split()
            committed[token] = int(rows)
        process.wait()
        ok, counts = check(path)
        missing = {t: n for t, n in committed.items() if counts.get(t, 0) != n}
        if not ok or missing:
            damaged += not ok
            lost += sum(n - counts.get(t, 0) for t, n in missing.items())
            print(f"kill {run}: integrity {'ok' if ok else 'FAILED'}, missing {missing}")
            for token in missing:
                committed.pop(token)
    elapsed = time.perf_counter() - started
    rows = sum(committed.values())
    print(
        f"{args.kills} kills, {lost} committed rows lost "
        f"({len(committed)} transactions, {rows} rows reported committed; "
        f"integrity_check failed after {damaged} kills; {elapsed:.0f} s)"
    )
    shutil.rmtree(folder, ignore_errors=True)  # --keep names a file outside it
    return 1 if lost or damaged else 0


if __name__ == "__main__":
    sys.exit(main())
