"""Two writers at once: do both imports succeed, and do reads wait for them?

Starts ``planner import`` of a large people CSV (50,000 rows by default) and, a moment later,
a second import of a small one, as two processes on the same SQLite file; while they run it
times ``planner people --search`` (a read). Before BEGIN IMMEDIATE the second import failed with
"database is locked" (the big one took 10.8 s); now it waits for the first and both succeed.

Run: ``uv run python benchmarks/concurrent_imports.py [--rows 50000] [--small 1000]``.
Exits 1 if an import failed or the counts do not add up.

``--same``: one CSV of ``--small`` people imported twice at the same moment; each person must be
there once (on PostgreSQL this gave twice the people before the imports took an advisory lock).
``--db URL``: on that database instead of a new SQLite file (an empty one: the demo goes in
first), e.g. ``--same --small 2000 --db postgresql+psycopg://postgres@/empty?host=/tmp/pg``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text


def people_csv(path: Path, prefix: str, rows: int) -> Path:
    lines = ["First name,Last name,Email,Organisation"]
    lines += [
        f"{prefix}{n},Family{n},{prefix.lower()}{n}@example.org,Institute {n % 97}"
        for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--same", action="store_true", help="one file imported twice at once")
    parser.add_argument("--db", metavar="URL", help="an empty database (default: a new file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="two-writers-"))
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }
    db = args.db or f"sqlite:///{folder / 'planner.sqlite3'}"
    planner = [sys.executable, "-m", "planner.cli.main", "--db", db]
    subprocess.run([*planner, "demo"], env=env, check=True, capture_output=True)
    small = people_csv(folder / "small.csv", "Small", args.small)
    big = small if args.same else people_csv(folder / "big.csv", "Big", args.rows)

    started = time.perf_counter()
    first = subprocess.Popen(
        [*planner, "import", str(big)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    if not args.same:
        time.sleep(1.5)  # the big import is under way
    second = subprocess.Popen(
        [*planner, "import", str(small)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    reads: list[float] = []
    while first.poll() is None:
        t = time.perf_counter()
        subprocess.run(
            [*planner, "people", "--search", "rahman"], env=env, check=True, capture_output=True
        )
        reads.append(time.perf_counter() - t)
    outcomes = []
    for name, process in (("first", first), ("second", second)):
        out, err = process.communicate()
        outcomes.append(process.returncode)
        took = time.perf_counter() - started
        said = (out or err).decode().strip()
        print(f"{name} import: exit {process.returncode} after {took:.1f} s: {said}")
    engine = create_engine(db)
    with engine.connect() as conn:
        people = conn.execute(text("SELECT count(*) FROM person")).scalar_one()
    engine.dispose()
    expected = 15 + args.small + (0 if args.same else args.rows)  # the demo's 15 people
    print(f"people: {people} (expected {expected})")
    if reads:
        print(
            f"{len(reads)} reads (planner people --search) during the imports: "
            f"{min(reads):.2f}-{max(reads):.2f} s each (whole process)"
        )
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if outcomes == [0, 0] and people == expected else 1


if __name__ == "__main__":
    sys.exit(main())
