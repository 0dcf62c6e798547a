"""``planner check`` of a two-day conference at a venue open 08:00–20:00: its heading gives both
days, and no opening-hours warning (a try-out saw "Thursday, 14 January 2027 at 0900 hours" and
a warning as if the conference ran through the night)."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from planner.cli.main import main
from planner.model import Event, Venue
from planner.store import Database
from planner.store.demo import load_demo

KARACHI = ZoneInfo("Asia/Karachi")


@pytest.mark.parametrize(
    ("ends", "warned"),
    [
        (datetime(2027, 1, 15, 18, tzinfo=KARACHI), False),
        (datetime(2027, 1, 15, 21, tzinfo=KARACHI), True),
    ],
)
def test_check_names_both_days_and_keeps_to_each_days_hours(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str], ends: datetime, warned: bool
) -> None:
    load_demo(db)
    with db.session() as s:
        event = s.scalars(select(Event).order_by(Event.id).limit(1)).one()
        event.venue = Venue(
            name="Serena Hotel", city="Islamabad", opens_at=time(8), closes_at=time(20)
        )
        event.room = None
        event.starts_at = datetime(2027, 1, 14, 9, tzinfo=KARACHI)
        event.ends_at = ends
        event.time_zone = "Asia/Karachi"
        event_id = event.id
    main(["--db", str(db_path), "check", str(event_id)])
    out = capsys.readouterr().out
    hours = "1800" if not warned else "2100"
    assert out.splitlines()[1].startswith(
        f"Thursday, 14 January – Friday, 15 January 2027, 0900–{hours} hours"
    )
    assert ("outside the opening hours of Serena Hotel" in out) is warned
