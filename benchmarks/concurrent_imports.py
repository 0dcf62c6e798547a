"""Two writers at once: do both imports succeed, and do reads wait for them?

Starts ``planner import`` of a large people CSV (50,000 rows by default) and, a moment later,
a second import of a small one, as two processes on the same SQLite file; while they run it
times ``planner people --search`` (a read). Before BEGIN IMMEDIATE the second import failed with
"database is locked" (the big one took 10.8 s); now it waits for the first and both succeed.

Run: ``uv run python benchmarks/concurrent_imports.py [--rows 50000] [--small 1000]``.
Exits 1 if an import failed or the counts do not add up.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path


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
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="two-writers-"))
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }
    db = folder / "planner.sqlite3"
    planner = [sys.executable, "-m", "planner.cli.main", "--db", str(db)]
    subprocess.run([*planner, "demo"], env=env, check=True, capture_output=True)
    big = people_csv(folder / "big.csv", "Big", args.rows)
    small = people_csv(folder / "small.csv", "Small", args.small)

    started = time.perf_counter()
    first = subprocess.Popen(
        [*planner, "import", str(big)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
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
        text = (out or err).decode().strip()
        print(f"{name} import: exit {process.returncode} after {took:.1f} s: {text}")
    with closing(sqlite3.connect(db)) as conn:
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    expected = 15 + args.rows + args.small  # the demo's 15 people
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
