"""Fuzz every importer (event package, people CSV, vCard) with hostile files (issue 12).

Draws N files per importer with hypothesis (tests/hostile_files.py: valid files with hostile
changes, and garbage), imports each into a database holding a small package, and counts
tracebacks (any exception but a PlannerError) and refused imports that changed the database.
Prints "N inputs, 0 tracebacks, 0 changed databases after a refused import" per importer.

Run: ``uv run python benchmarks/fuzz_imports.py [--count 10000] [--only package|csv|vcard]``.
Exits 1 on any traceback or changed database.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile_files import IMPORTERS, attempt, seed_package
from planner.store import Database
from planner.store.package import import_package


def fuzz(kind: str, count: int) -> Counter[str]:
    """Outcomes of ``count`` files for ``kind``: imported, refused, traceback, changed."""
    outcomes: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        db_file = Path(folder) / "fuzz.sqlite3"
        db = Database.open(f"sqlite:///{db_file}")
        import_package(db, seed_package())

        @settings(
            max_examples=count,
            deadline=None,
            database=None,
            phases=[Phase.generate],  # count every file; no shrinking
            suppress_health_check=list(HealthCheck),
        )
        @given(data=IMPORTERS[kind][2])
        def one(data: bytes) -> None:
            try:
                outcomes[attempt(kind, db, db_file, data, Path(folder))] += 1
            except AssertionError as error:  # a refused import changed the database
                outcomes["changed"] += 1
                print(f"{kind}: {error}: {data[:200]!r}", file=sys.stderr)
            except Exception:
                outcomes["traceback"] += 1
                if outcomes["traceback"] <= 3:
                    print(f"{kind}: {data[:200]!r}\n{traceback.format_exc()}", file=sys.stderr)

        one()
        db.dispose()
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="files per importer")
    parser.add_argument("--only", choices=sorted(IMPORTERS))
    args = parser.parse_args()
    failed = False
    for kind in [args.only] if args.only else list(IMPORTERS):
        started = time.perf_counter()
        outcomes = fuzz(kind, args.count)
        total = sum(outcomes.values())
        print(
            f"{kind}: {total} inputs, {outcomes['traceback']} tracebacks, "
            f"{outcomes['changed']} changed databases after a refused import "
            f"({outcomes['refused']} refused, {outcomes['imported']} imported, "
            f"{time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        failed = failed or bool(outcomes["traceback"] or outcomes["changed"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
