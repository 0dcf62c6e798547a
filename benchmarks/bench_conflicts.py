"""How fast is conflict detection on a big database?

Generates a temporary SQLite database (10,000 events, 100,000 people, 50,000 participations by
default: five years of an institute's events at 30 venues), then times

- ``conflicted_event_ids`` (the GUI's warning icons), and ``all_conflicts`` (every finding with
  its sentence) over all events;
- ``event_conflicts`` for single events (the event editor, ``planner check``).

Run: ``uv run python benchmarks/bench_conflicts.py [--events N] [--people N]
[--participations N] [--invitations N] [--agenda-items N] [--repeat N] [--keep PATH]``.
Not a test: the figures depend on the machine. Targets: all events under 100 ms, one event
under 5 ms, on a 2-core machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from planner.model import (
    AgendaItem,
    AgendaPerson,
    Event,
    EventFormat,
    EventStatus,
    Invitation,
    InvitationStatus,
    Participation,
    Person,
    Role,
    Room,
    Venue,
)
from planner.scheduling.conflicts import all_conflicts, conflicted_event_ids, event_conflicts
from planner.store import Database

ZONE_OFFSET = timedelta(hours=5)  # Asia/Karachi, no daylight saving
ROLES = [Role.CHAIR, Role.MODERATOR, Role.SPEAKER, Role.SPEAKER, Role.DISCUSSANT, Role.PARTICIPANT]


def _bulk(db: Database, model: Any, rows: list[dict[str, Any]]) -> None:
    with db.session() as s:
        for i in range(0, len(rows), 20_000):
            s.execute(insert(model), rows[i : i + 20_000])


def populate(db: Database, args: argparse.Namespace, rng: random.Random) -> None:
    venues = 30
    _bulk(
        db,
        Venue,
        [
            {
                "id": v + 1,
                "name": f"Venue {v + 1}",
                # A third of the venues keep opening hours.
                "opens_at": clock(9) if v % 3 == 0 else None,
                "closes_at": clock(21) if v % 3 == 0 else None,
            }
            for v in range(venues)
        ],
    )
    rooms = [(r + 1, r // 3 + 1) for r in range(venues * 3)]
    _bulk(
        db,
        Room,
        [
            {
                "id": rid,
                "venue_id": vid,
                "name": f"Room {rid}",
                "capacity": rng.choice([20, 40, 80]),
            }
            for rid, vid in rooms
        ],
    )
    _bulk(
        db,
        Person,
        [
            {"id": p + 1, "given_name": f"Given{p}", "family_name": f"Family{p}", "honorific": ""}
            for p in range(args.people)
        ],
    )
    first_day = datetime(2021, 1, 4, tzinfo=UTC)
    events: list[dict[str, Any]] = []
    for e in range(args.events):
        day = first_day + timedelta(days=rng.randrange(5 * 365))
        local_hour = rng.choice([9, 10, 11, 14, 15, 16, 17, 18])
        starts = day + timedelta(hours=local_hour) - ZONE_OFFSET
        room_id, venue_id = rng.choice(rooms)
        events.append(
            {
                "id": e + 1,
                "uid": f"bench-{e + 1}@planner",
                "title": f"Roundtable {e + 1}",
                "format": rng.choice(list(EventFormat)),
                "status": EventStatus.CANCELLED if e % 20 == 0 else EventStatus.PLANNED,
                "starts_at": starts,
                "ends_at": starts + timedelta(minutes=rng.choice([60, 90, 120, 180])),
                "time_zone": "Asia/Karachi",
                "venue_id": venue_id,
                "room_id": room_id if e % 10 else None,
            }
        )
    _bulk(db, Event, events)
    seen: set[tuple[int, int]] = set()
    participations: list[dict[str, Any]] = []
    while len(participations) < args.participations:
        pair = (rng.randrange(args.events) + 1, rng.randrange(args.people) + 1)
        if pair in seen:
            continue
        seen.add(pair)
        participations.append(
            {"event_id": pair[0], "person_id": pair[1], "role": rng.choice(ROLES), "position": 0}
        )
    _bulk(db, Participation, participations)
    invitations: list[dict[str, Any]] = []
    invited: set[tuple[int, int]] = set()
    while len(invitations) < args.invitations:
        pair = (rng.randrange(args.events) + 1, rng.randrange(args.people) + 1)
        if pair in invited:
            continue
        invited.add(pair)
        invitations.append(
            {
                "event_id": pair[0],
                "person_id": pair[1],
                "status": rng.choice(list(InvitationStatus)),
            }
        )
    # Regulars: the same people at many events (the directory's first people), which makes
    # many pairs of events per person.
    for person_id in range(1, args.regulars + 1):
        for event_id in rng.sample(range(1, args.events + 1), args.regular_events):
            if (event_id, person_id) not in invited:
                invited.add((event_id, person_id))
                invitations.append(
                    {"event_id": event_id, "person_id": person_id, "status": "accepted"}
                )
    _bulk(db, Invitation, invitations)
    items: list[dict[str, Any]] = []
    item_people: list[dict[str, Any]] = []
    for i in range(args.agenda_items):
        event = events[i % len(events)]
        item_start: datetime = event["starts_at"]
        slot = timedelta(minutes=20 * (i // len(events)))
        items.append(
            {
                "id": i + 1,
                "event_id": event["id"],
                "position": i // len(events),
                "title": f"Item {i + 1}",
                "starts_at": item_start + slot,
                "ends_at": item_start + slot + timedelta(minutes=20),
            }
        )
        item_people.append(
            {
                "agenda_item_id": i + 1,
                "person_id": rng.randrange(args.people) + 1,
                "role": Role.SPEAKER,
                "position": 0,
            }
        )
    _bulk(db, AgendaItem, items)
    _bulk(db, AgendaPerson, item_people)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, float, object]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs after one warm-up (statement
    cache, page cache), and the last result. CPU time shows the cost when others share the
    machine; wall-clock is what a user waits."""
    result = run()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def _ms(wall: float, cpu: float) -> str:
    return f"{wall * 1000:7.1f} ms (CPU {cpu * 1000:.1f} ms)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--participations", type=int, default=50_000)
    parser.add_argument("--invitations", type=int, default=0)
    parser.add_argument(
        "--regulars", type=int, default=0, help="people who accept --regular-events each"
    )
    parser.add_argument("--regular-events", type=int, default=50)
    parser.add_argument("--agenda-items", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the database here instead of a temp file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.sqlite3"
        if path.exists():
            path.unlink()
        db = Database.open(f"sqlite:///{path}")
        started = time.perf_counter()
        populate(db, args, random.Random(args.seed))
        print(
            f"generated {args.events:,} events, {args.people:,} people, "
            f"{args.participations:,} participations, {args.invitations:,} invitations, "
            f"{args.agenda_items:,} agenda items in {time.perf_counter() - started:.1f} s"
        )
        with db.session() as s:
            wall, cpu, ids = best_of(args.repeat, lambda: conflicted_event_ids(s))
            assert isinstance(ids, set)
            print(f"conflicted_event_ids, all events: {_ms(wall, cpu)}  {len(ids):,} events")
            wall, cpu, findings = best_of(args.repeat, lambda: all_conflicts(s))
            assert isinstance(findings, list)
            print(f"all_conflicts, with sentences:    {_ms(wall, cpu)}  {len(findings):,} findings")
            sample = random.Random(1).sample(range(1, args.events + 1), min(500, args.events))
            walls, cpus = [], []
            for event_id in sample:
                wall, cpu, _ = best_of(1, partial(event_conflicts, s, event_id))
                walls.append(wall)
                cpus.append(cpu)
            typical = _ms(statistics.median(walls), statistics.median(cpus))
            print(
                f"event_conflicts, one event:       {typical}"
                f"  median of {len(sample)}; 95th percentile "
                f"{statistics.quantiles(walls, n=20)[-1] * 1000:.1f} ms"
            )
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
