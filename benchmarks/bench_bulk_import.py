"""Importing 100,000 people from CSV and from vCard, beside a bare ``executemany`` floor.

Generates a people CSV and a vCard file of ``--people`` people (Latin, Urdu, Arabic and Chinese
names; honorifics, positions, affiliations, phones, some notes), written by Planner's own
exporters, then measures each of these in a process of its own, so that its peak memory
(``ru_maxrss``) is its own:

- ``csv``: ``services.people_import.import_people_csv`` into a fresh database (what
  ``planner import people.csv`` and the window's import dialog call);
- ``csv again``: the same file into the database the first run filled (every row matched);
- ``vcard``: ``import_vcard`` into a fresh database;
- ``floor``: the same CSV read with ``csv.reader`` and written with a bare sqlite3
  ``executemany`` into the same (migrated, indexed) table in one transaction: no checks, no
  matching, no SQLAlchemy. Its search index triggers fire once per statement, that is per row,
  and FTS5 writes its index out at each: slower than the import, which inserts in one
  statement;
- ``bare``: the same without the search index's triggers: the floor of writing the rows at all.

The time is the import call alone (the database is created and migrated before the clock
starts); "start" is the process's resident memory just before the import, "peak" its maximum.

    uv run python benchmarks/bench_bulk_import.py [--people 100000] [--runs 1]

Not a test: it prints figures (see README.md, Performance, and docs/guide/exports.md).
Target (issue 13): under 5 s and under 300 MB for 100,000 people, CSV and vCard alike.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

GIVEN = {
    "latin": ["Ayesha", "Khalid", "Sehar", "Marvin", "Maria", "Jörg", "Olga", "Daniel", "Zoë"],
    "urdu": ["عائشہ", "خالد", "سحر", "عمران", "فاطمہ", "حسن", "نادیہ", "طارق", "بلال"],
    "arabic": ["محمد", "أحمد", "فاطمة", "علي", "مريم", "يوسف", "خديجة", "عمر", "ليلى"],
    "chinese": ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军"],
}
FAMILY = {
    "latin": ["Khattak", "Weinbaum", "Siddiqa", "Müller", "Ivanova", "Smith", "Owais", "Rizvi"],
    "urdu": ["خٹک", "صدیقہ", "قریشی", "ملک", "چوہدری", "رضوی", "نقوی", "عباسی"],
    "arabic": ["الحسيني", "القاسمي", "المنصوري", "الهاشمي", "العلي", "السعدي", "الخطيب"],
    "chinese": ["王", "李", "张", "刘", "陈", "杨", "黄", "赵"],
}
HONORIFICS = ("", "", "", "Dr", "Prof.", "Amb (R)", "Lt. Gen. (R)", "Senator", "Mr", "Ms")
AFFILIATIONS = (
    "Centre for Pakistan and Gulf Studies",
    "National Defence University",
    "جامعہ پنجاب",
    "جامعة القاهرة",
    "北京大学",
    "Chatham House",
    "",
)
POSITIONS = ("Fellow", "Director", "Professor", "Ambassador (retd)", "Analyst", "ڈائریکٹر", "")


def records(count: int) -> list[object]:
    """``count`` people as PersonRecords, the same for every run (seeded)."""
    from planner.exports.contacts import PersonRecord

    rnd = random.Random(13)
    scripts = list(GIVEN)
    people: list[object] = []
    for n in range(count):
        script = scripts[n % len(scripts)]
        people.append(
            PersonRecord(
                honorific=rnd.choice(HONORIFICS),
                given_name=rnd.choice(GIVEN[script]),
                family_name=f"{rnd.choice(FAMILY[script])} {n}",
                position=rnd.choice(POSITIONS),
                affiliation=rnd.choice(AFFILIATIONS),
                email=f"person{n}@example.org" if n % 10 else "",
                phone=f"+92 51 {9_000_000 + n}" if n % 3 == 0 else "",
                notes="Met at the Gulf roundtable.\nFollow up in spring." if n % 20 == 0 else "",
            )
        )
    return people


def write_files(folder: Path, count: int) -> tuple[Path, Path]:
    from planner.exports.people_csv import render_people_csv
    from planner.exports.vcard_writer import render_people_vcards

    people = records(count)
    csv_file = folder / "people.csv"
    vcf_file = folder / "people.vcf"
    csv_file.write_bytes(render_people_csv(people))  # type: ignore[arg-type]
    vcf_file.write_bytes(render_people_vcards(people))  # type: ignore[arg-type]
    return csv_file, vcf_file


def fresh_database(path: Path, *, search_index: bool = True) -> None:
    """A migrated database (search index, triggers and all), as ``planner`` creates one."""
    from planner.store import Database

    Database.open(f"sqlite:///{path}").dispose()
    if not search_index:
        with closing(sqlite3.connect(path)) as conn, conn:
            for trigger in ("person_fts_ai", "person_fts_ad", "person_fts_au"):
                conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")


def rss_mb() -> float:
    """This process's peak resident memory. On Linux VmHWM, not ru_maxrss: ru_maxrss survives
    exec, so a child would report its parent's peak (the parent forked it holding the files)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def current_rss_mb() -> float:
    try:
        fields = Path("/proc/self/statm").read_text().split()
        return int(fields[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return rss_mb()


# --- the measured processes -----------------------------------------------------------------


def child_import(kind: str, source: Path, database: Path) -> dict[str, object]:
    from planner.cli.main import GC_THRESHOLDS
    from planner.services.people_import import import_people_csv, import_vcard
    from planner.store import Database

    # As in the `planner` process (and the window), which collect garbage rarely.
    gc.set_threshold(*GC_THRESHOLDS)
    db = Database.open(f"sqlite:///{database}")
    importer = import_vcard if kind == "vcard" else import_people_csv
    start_mb = current_rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    summary = importer(db, source)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    db.dispose()
    return {
        "seconds": seconds,
        "cpu": cpu,
        "start_mb": start_mb,
        "peak_mb": rss_mb(),
        "result": summary.line().splitlines()[0],
    }


def child_floor(source: Path, database: Path) -> dict[str, object]:
    """csv.reader and one sqlite3 executemany: the least an import can do."""
    from planner.exports.contacts import PERSON_FIELDS  # the CSV's columns, in order

    start_mb = current_rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    with source.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        next(reader)  # our export's header: the person fields in order
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        rows = [(*row, now, now) for row in reader]
    parsed = time.perf_counter()
    names = [*PERSON_FIELDS, "created_at", "updated_at"]
    columns = ", ".join(names)
    with closing(sqlite3.connect(database)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        with conn:
            marks = ", ".join("?" * len(names))
            conn.executemany(f"INSERT INTO person ({columns}) VALUES ({marks})", rows)
    done = time.perf_counter()
    return {
        "seconds": done - started,
        "cpu": time.process_time() - cpu,
        "insert_seconds": done - parsed,
        "start_mb": start_mb,
        "peak_mb": rss_mb(),
        "result": f"{len(rows)} rows inserted",
    }


def measure(*args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def count_people(database: Path) -> int:
    with closing(sqlite3.connect(database)) as conn:
        found: int = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1, help="best of N for each measurement")
    parser.add_argument("--only", nargs="+", help="csv, again, vcard, floor, bare (default: all)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *paths = args.child
        if kind == "floor":
            result = child_floor(Path(paths[0]), Path(paths[1]))
        else:
            result = child_import(kind, Path(paths[0]), Path(paths[1]))
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="bulk-import-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        csv_file, vcf_file = write_files(folder, args.people)
        mb = (csv_file.stat().st_size / 2**20, vcf_file.stat().st_size / 2**20)
        print(
            f"generated {args.people:,} people in {time.perf_counter() - t0:.1f} s: "
            f"people.csv {mb[0]:.1f} MB, people.vcf {mb[1]:.1f} MB"
        )
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"load average {load:.1f}, {os.cpu_count()} CPUs; best of {args.runs}\n")
        plans = (
            ("csv", "csv", "import people.csv, fresh database", csv_file, "csv.sqlite3", True),
            ("again", "csv", "same file again (all matched)", csv_file, "csv.sqlite3", False),
            ("vcard", "vcard", "import people.vcf, fresh database", vcf_file, "vcf.sqlite3", True),
            ("floor", "floor", "floor: csv.reader + executemany", csv_file, "floor.sqlite3", True),
            ("bare", "floor", "same, no search index triggers", csv_file, "bare.sqlite3", True),
        )
        for plan, kind, label, source, name, fresh in plans:
            if args.only and plan not in args.only:
                continue
            best: dict[str, object] | None = None
            for _ in range(args.runs):
                database = folder / name
                if fresh:
                    for leftover in folder.glob(name + "*"):
                        leftover.unlink()
                    fresh_database(database, search_index=plan != "bare")
                result = measure(kind, str(source), str(database))
                if best is None or float(result["seconds"]) < float(best["seconds"]):  # type: ignore[arg-type]
                    best = result
            assert best is not None
            extra = (
                f" (executemany alone {best['insert_seconds']:.2f} s)"
                if "insert_seconds" in best
                else ""
            )
            print(
                f"{label:42} {best['seconds']:6.2f} s, CPU {best['cpu']:5.2f} s{extra}   "
                f"peak {best['peak_mb']:4.0f} MB "
                f"(start {best['start_mb']:3.0f} MB)   {best['result']}; "
                f"{count_people(database):,} people"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
