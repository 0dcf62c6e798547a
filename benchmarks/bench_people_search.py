"""Time per search keystroke and per header-click sort in the People view's table model.

Generates a directory of 100,000 people (``--people``) in a temporary SQLite file, then types
queries one letter at a time into ``PeopleTableModel.set_filter`` (what the debounced search box
calls) and clicks each sortable header, timing each reset to the first page of rows, and the
match count shown under the table (a second query, which ``request_count`` runs in a worker).
The summary gives what the GUI thread spends per keystroke, and what it spent when it also
counted (before s20: 0.1-0.9 s for a word of 1-2 letters on PostgreSQL); "typing" types every
letter without waiting for the counts, which then run on the server beside the next search.

    uv run python benchmarks/bench_people_search.py [--people 100000]
    uv run python benchmarks/bench_people_search.py --db postgresql+psycopg://USER@HOST/DB

With ``--db URL`` it runs on that database instead (an empty one is filled with the people; one
that already holds people is used as it is, so a second run skips the filling): on PostgreSQL
it measures LIKE on ``search_text`` without and then with the pg_trgm index (0007, 0010).

Not a test: it prints figures (see docs/readme/directory.md). Target: < 50 ms per keystroke.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from sqlalchemy import func, insert, select

from planner.model import Person
from planner.services.people import forget_search_index
from planner.store import Database
from planner.store.people_index import (
    create_people_indexes,
    create_server_indexes,
    drop_people_indexes,
    drop_server_indexes,
    person_search_text,
)
from planner.ui.people.model import (
    COL_AFFILIATION,
    COL_EMAIL,
    COL_NAME,
    COL_POSITION,
    PeopleTableModel,
)
from planner.ui.worker import wait_for_all

GIVEN = [
    "Syed",
    "Muhammad",
    "Khalid",
    "Sehar",
    "Marvin",
    "Ayesha",
    "Imran",
    "Fatima",
    "Hassan",
    "Omar",
    "Nadia",
    "Zainab",
    "Tariq",
    "Bilal",
    "Sara",
    "John",
    "Maria",
    "Olga",
    "Wei",
    "Ahmed",
    "Farah",
    "Usman",
    "Hina",
    "Asad",
    "Rabia",
    "Kamal",
    "Noor",
    "Salman",
    "Amina",
    "Daniel",
]
FAMILY = [
    "Khan",
    "Ahmed",
    "Khattak",
    "Kamran",
    "Weinbaum",
    "Owais",
    "Malik",
    "Qureshi",
    "Smith",
    "Ivanova",
    "Chen",
    "Rahman",
    "Hussain",
    "Siddiqui",
    "Butt",
    "Chaudhry",
    "Mirza",
    "Shah",
    "Baig",
    "Javed",
    "Haider",
    "Abbasi",
    "Rizvi",
    "Naqvi",
    "Farooq",
    "Aziz",
    "Gilani",
]
HONORIFICS = ("", "", "", "Dr", "Prof.", "Amb (R)", "Lt. Gen. (R)", "Senator", "Mr", "Ms")
AFFILIATIONS = (
    "University of Illinois",
    "Centre for Pakistan and Gulf Studies",
    "National Defence University",
    "Ministry of Foreign Affairs",
    "Institute of Strategic Studies Islamabad",
    "Lahore University of Management Sciences",
    "Quaid-i-Azam University",
    "Brookings Institution",
    "Chatham House",
    "Senate of Pakistan",
)
POSITIONS = ("Fellow", "Director", "Professor", "Ambassador (retd)", "Analyst", "Senator", "")

QUERIES = ("khattak", "weinbaum", "illinois", "zzqx", "owais 12")


def generate(db: Database, count: int) -> None:
    rnd = random.Random(2013)
    rows = []
    for i in range(count):
        given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
        rows.append(
            {
                "honorific": rnd.choice(HONORIFICS),
                "given_name": given,
                "family_name": f"{family}{'' if i % 5 else rnd.randint(1, 999)}",
                "position": rnd.choice(POSITIONS),
                "affiliation": rnd.choice(AFFILIATIONS),
                "email": f"{given.lower()}.{family.lower()}{i}@example.org",
            }
        )
        # A bulk INSERT skips the ORM's hook: the search text is computed as the import does.
        rows[-1]["search_text"] = person_search_text(rows[-1])
    with db.session() as session:
        for start in range(0, count, 10_000):
            session.execute(insert(Person), rows[start : start + 10_000])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


Times = list[float]


def prefixes() -> list[str]:
    """Each query typed a letter at a time (a space starts a new word: no new search)."""
    return [q[:n] for q in QUERIES for n in range(1, len(q) + 1) if not q[:n].endswith(" ")]


def counted(model: PeopleTableModel) -> int:
    """Wait (running the event loop, as the window does) for the count ``request_count`` began."""
    if model.known_count is not None:
        return model.known_count
    loop = QEventLoop()
    model.count_changed.connect(loop.quit)
    model.count_failed.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    model.count_changed.disconnect(loop.quit)
    model.count_failed.disconnect(loop.quit)
    return model.known_count if model.known_count is not None else -1


class Keystrokes:
    """Per keystroke: the first page of rows, starting the count (both on the GUI thread), the
    count's arrival from its worker, and the CPU time of the rows."""

    def __init__(self) -> None:
        self.rows: Times = []
        self.start_count: Times = []
        self.count: Times = []
        # CPU time of this process too: on a busy machine wall time includes waiting for a core.
        self.cpu: Times = []

    @property
    def gui_thread(self) -> Times:
        """What typing waits for now: the rows and starting the count."""
        return [a + b for a, b in zip(self.rows, self.start_count, strict=True)]

    @property
    def counted_on_gui_thread(self) -> Times:
        """What typing waited for when the view counted on the GUI thread (before s20)."""
        return [a + b for a, b in zip(self.rows, self.count, strict=True)]


def keystrokes(model: PeopleTableModel) -> Keystrokes:
    """Type each query a letter at a time, waiting for each count as a slow typist would."""
    out = Keystrokes()
    for prefix in prefixes():
        c0, t0 = time.process_time(), time.perf_counter()
        model.set_filter(prefix)
        t1, c1 = time.perf_counter(), time.process_time()
        model.request_count()  # what the view does after each reset
        t2 = time.perf_counter()
        total = counted(model)
        t3 = time.perf_counter()
        out.rows.append(t1 - t0)
        out.cpu.append(c1 - c0)
        out.start_count.append(t2 - t1)
        out.count.append(t3 - t2)
        print(
            f"  {prefix!r:12} rows {ms(t1 - t0)}   count {ms(t3 - t2)} (in a worker)"
            f"   {total:>7,} match, {model.rowCount()} shown"
        )
    model.set_filter("")
    return out


def typing(model: PeopleTableModel) -> Times:
    """Type every prefix with no pause for the counts (each new search cancels or drops the
    last one's count, which may still be running on the server): the GUI thread's time per
    keystroke with counts in flight."""
    times: Times = []
    for prefix in prefixes():
        t0 = time.perf_counter()
        model.set_filter(prefix)
        model.request_count()
        times.append(time.perf_counter() - t0)
        QCoreApplication.processEvents()  # deliver what the workers sent, as the window would
    counted(model)
    wait_for_all()
    model.set_filter("")
    return times


def sorts(model: PeopleTableModel, filters: tuple[str, ...]) -> Times:
    times: Times = []
    for text in filters:
        model.set_filter(text)
        for column, name in (
            (COL_NAME, "name"),
            (COL_POSITION, "position"),
            (COL_AFFILIATION, "affiliation"),
            (COL_EMAIL, "email"),
        ):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                t0 = time.perf_counter()
                model.sort(column, order)
                started = time.perf_counter() - t0
                while model.ordering:  # the page in the new order comes from a worker (s20)
                    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
                elapsed = time.perf_counter() - t0
                times.append(elapsed)
                direction = "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
                print(
                    f"  {text!r:6} {name:12} {direction:4} {ms(elapsed)}"
                    f"   (GUI thread {ms(started)})"
                )
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    model.set_filter("")
    return times


def summary(label: str, values: Times) -> None:
    q = statistics.quantiles(values, n=20, method="inclusive") if len(values) > 1 else values
    print(
        f"  {label:42} median {ms(statistics.median(values))}   p95 {ms(q[-1])}"
        f"   max {ms(max(values))}"
    )


def drop_indexes(db: Database) -> None:
    with db.engine.begin() as conn:
        drop_people_indexes(conn)
        drop_server_indexes(conn)
    forget_search_index(db)


def create_indexes(db: Database) -> None:
    with db.engine.begin() as conn:
        create_people_indexes(conn)
        create_server_indexes(conn)
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE person")
    forget_search_index(db)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", metavar="URL", help="measure on this database (see above)")
    args = parser.parse_args()
    QCoreApplication.instance() or QCoreApplication(sys.argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        server = db.engine.dialect.name != "sqlite"
        index_name = "pg_trgm index" if server else "FTS5 index"
        scan_name = "LIKE scan"
        # Migrations create the search index; take it away to measure the plain scan first.
        drop_indexes(db)
        with db.session(write=False) as session:
            present = session.scalar(select(func.count()).select_from(Person)) or 0
        if present:
            print(f"using the {present:,} people already in {db.url}")
        else:
            started = time.perf_counter()
            generate(db, args.people)
            print(f"generated {args.people:,} people in {time.perf_counter() - started:.1f} s")
        if server:
            with db.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE person")
        model = PeopleTableModel(db)
        model.reload()
        model.count()  # warm the page cache as a running application would be

        print(f"\nsearch keystrokes, {scan_name} (first page of rows, then the match count):")
        like = keystrokes(model)
        like_typing = typing(model)
        print("\nsort by clicking a header (no filter, then with filter 'kha'):")
        like_sorts = sorts(model, ("", "kha"))
        t0 = time.perf_counter()
        for _ in range(20):
            model.fetchMore()
        elapsed = time.perf_counter() - t0
        print(f"\nscrolling: 20 more pages of {model.page_size} rows in {ms(elapsed)}")

        # The same with the search index the migrations create (0003 SQLite, 0007 PostgreSQL).
        t0 = time.perf_counter()
        create_indexes(db)
        print(f"\nbuilt the {index_name} in {time.perf_counter() - t0:.1f} s")
        print(f"search keystrokes, {index_name} (words of 1-2 letters still scan):")
        fts = keystrokes(model)
        fts_typing = typing(model)
        print(f"\nsort by clicking a header (no filter, then with filter 'kha'), {index_name}:")
        fts_sorts = sorts(model, ("", "kha"))

        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        cpus = os.cpu_count()
        print(f"\nsummary at {model.count():,} people (load average {load:.1f}, {cpus} CPUs):")
        short = [len(p) <= 2 for p in prefixes()]
        for label, strokes, typed in (
            (scan_name, like, like_typing),
            (index_name, fts, fts_typing),
        ):
            summary(f"{label}: keystroke (rows)", strokes.rows)
            summary(f"{label}: keystroke, CPU time", strokes.cpu)
            summary(f"{label}: GUI thread (rows + start count)", strokes.gui_thread)
            summary(f"{label}: count arrives (worker)", strokes.count)
            summary(f"{label}: GUI thread if counted there", strokes.counted_on_gui_thread)
            summary(
                f"{label}: 1-2 letters, GUI thread",
                [t for t, s in zip(strokes.gui_thread, short, strict=True) if s],
            )
            summary(
                f"{label}: 1-2 letters, if counted there",
                [t for t, s in zip(strokes.counted_on_gui_thread, short, strict=True) if s],
            )
            summary(f"{label}: typing, counts in flight", typed)
        summary(f"sort by header ({scan_name})", like_sorts)
        summary(f"sort by header ({index_name})", fts_sorts)
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
