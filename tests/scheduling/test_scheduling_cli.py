"""`planner conflicts` and `planner series plan|list`, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.model import Event, EventStatus, Organisation, Role, Series
from planner.store import Database
from scheduling_builders import at, cast, event, person, room, venue


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


@pytest.fixture
def clashing(db: Database) -> tuple[int, int, int]:
    """Two overlapping events in one room with one chair; a third, later, clean."""
    with db.session() as s:
        s.add(Organisation(name="CPGS", time_zone="Asia/Karachi"))
        club = venue(s, "Islamabad Club")
        hall = room(s, club, "Main Hall")
        sehar = person(s, "Sehar", "Kamran", "Senator")
        gulf = event(
            s, "Gulf Security", at(2013, 3, 12, 16), at(2013, 3, 12, 18), venue=club, room=hall
        )
        salam = event(
            s, "SALAM Roundtable", at(2013, 3, 12, 17), at(2013, 3, 12, 19), venue=club, room=hall
        )
        later = event(s, "Later", at(2013, 4, 2, 17), at(2013, 4, 2, 19), venue=club, room=hall)
        cast(s, gulf, sehar, Role.CHAIR)
        cast(s, salam, sehar, Role.CHAIR)
        return gulf.id, salam.id, later.id


def test_conflicts_text_and_exit_status(
    db_path: Path, clashing: tuple[int, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "conflicts") == 1
    out = capsys.readouterr().out.splitlines()
    gulf, salam, _ = clashing
    assert out == [
        "error    Senator Sehar Kamran is chair of both 'Gulf Security' and 'SALAM Roundtable', "
        f"which overlap on Tue 12 Mar 2013 17:00–18:00.  [events {gulf}, {salam}]",
        "error    Main Hall, Islamabad Club is booked for both 'Gulf Security' and "
        "'SALAM Roundtable', which overlap on Tue 12 Mar 2013 17:00–18:00.  "
        f"[events {gulf}, {salam}]",
        "2 errors.",
    ]


def test_conflicts_json_and_window(
    db_path: Path, clashing: tuple[int, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "conflicts", "--json") == 1
    data = json.loads(capsys.readouterr().out)
    assert {d["code"] for d in data} == {"person_double_booked", "room_double_booked"}
    assert all(d["severity"] == "error" for d in data)
    assert data[0]["event_ids"] == list(clashing[:2])
    # The window is in the organisation's local days, both ends included.
    assert run(db_path, "conflicts", "--from", "2013-03-13", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert run(db_path, "conflicts", "--from", "2013-03-12", "--to", "2013-03-12", "--json") == 1
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert run(db_path, "conflicts", "--to", "2013-03-11") == 0
    assert capsys.readouterr().out == "No conflicts.\n"
    # "today": only what is still to come (these events are in 2013).
    assert run(db_path, "conflicts", "--from", "today") == 0
    assert capsys.readouterr().out == "No conflicts.\n"


def test_warnings_alone_exit_zero(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as s:
        club = venue(s, "Islamabad Club")
        event(s, "A", at(2013, 3, 12, 17), at(2013, 3, 12, 19), venue=club)
        event(s, "B", at(2013, 3, 12, 18), at(2013, 3, 12, 20), venue=club)
    assert run(db_path, "conflicts") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 warning."


def test_conflicts_bad_dates(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Usage errors (exit 2): a day that is not one is refused by argparse, naming the option.
    with pytest.raises(SystemExit) as exit_:
        run(db_path, "conflicts", "--from", "12/03/2013")
    assert exit_.value.code == 2
    assert "argument --from: '12/03/2013' is not a day" in capsys.readouterr().err
    assert run(db_path, "conflicts", "--from", "2013-03-12", "--to", "2013-03-01") == 2
    assert "--to is before --from" in capsys.readouterr().err


def test_series_plan_dry_run_then_real(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as s:
        club = venue(s, "Islamabad Club")
        hall = room(s, club, "Main Hall")
        series = Series(
            title="Pakistan Foreign Policy Review",
            default_venue_id=club.id,
            default_room_id=hall.id,
            default_time_zone="Asia/Karachi",
        )
        s.add(series)
        s.flush()
        # Something already booked in the hall on the second Tuesday of February.
        event(s, "Booked", at(2026, 2, 10, 16), at(2026, 2, 10, 18), venue=club, room=hall)
        sid = series.id
    args = ["series", "plan", str(sid), "--rrule", "FREQ=MONTHLY;BYDAY=2TU", "--count", "12"]
    args += ["--at", "17:00", "--start", "2026-01-01", "--skip-months", "12"]
    assert run(db_path, *args, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Pakistan Foreign Policy Review: 11 sessions, 120 minutes each, Asia/Karachi time" in out
    assert "  Session 1            Tue 13 Jan 2026 17:00–19:00" in out
    assert "skipped: Tue 8 Dec 2026" in out
    assert "is booked for both 'Pakistan Foreign Policy Review: Session 2' and 'Booked'" in out
    assert out.rstrip().endswith("Dry run: 11 sessions listed, nothing written.")
    with db.session() as s:
        assert s.query(Event).filter(Event.series_id == sid).count() == 0
    assert run(db_path, *args) == 0
    assert "Created 11 sessions as drafts" in capsys.readouterr().out
    with db.session() as s:
        created = s.query(Event).filter(Event.series_id == sid).all()
        assert len(created) == 11
        assert {e.status for e in created} == {EventStatus.DRAFT}
    assert run(db_path, "series", "list", "--json") == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["id"], row["sessions"], row["highest_number"]) == (sid, 11, 11)


def test_series_bad_input(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db_path, "series") == 2  # a usage error
    assert "planner series list" in capsys.readouterr().err
    assert run(db_path, "series", "plan", "7", "--rrule", "FREQ=DAILY", "--count", "1") == 1
    assert capsys.readouterr().err == "planner: no series with id 7\n"
    assert run(db_path, "series", "list") == 0
    assert capsys.readouterr().err == "no series yet\n"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--at", "25:00", "give HH:MM"),
        ("--skip-months", "13", "not a month"),
        ("--skip-dates", "tomorrow", "YYYY-MM-DD"),
        ("--start", "2026-02-30", "YYYY-MM-DD"),
    ],
)
def test_series_plan_bad_options(
    db: Database,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    value: str,
    message: str,
) -> None:
    with db.session() as s:
        series = Series(title="S")
        s.add(series)
        s.flush()
        sid = series.id
    args = ["series", "plan", str(sid), "--rrule", "FREQ=DAILY", "--count", "2", option, value]
    with pytest.raises(SystemExit) as exit_:  # a usage error, naming the option
        run(db_path, *args)
    assert exit_.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert f"argument {option}: " in last and message in last


def test_series_plan_refuses_hourly_rules(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as s:
        series = Series(title="S")
        s.add(series)
        s.flush()
        sid = series.id
    args = ["series", "plan", str(sid), "--rrule", "FREQ=HOURLY", "--count", "3"]
    with pytest.raises(SystemExit) as exit_:  # a rule the series cannot have: a usage error
        run(db_path, *args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "repeats FREQ=HOURLY: a seminar series meets daily at most" in err
    assert "Traceback" not in err
    with db.session() as s:
        assert s.query(Event).filter(Event.series_id == sid).count() == 0


def test_series_plan_says_what_ends_the_rule(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rule that never ends is a usage error (2), like a misspelt one; --count beside the
    rule's own COUNT or UNTIL says which one counts (it used to replace it silently)."""
    with db.session() as s:
        series = Series(title="Review")
        s.add(series)
        s.flush()
        sid = str(series.id)
    assert run(db_path, "series", "plan", sid, "--rrule", "FREQ=MONTHLY;BYDAY=2TU") == 2
    assert "the rule never ends: give --count N or UNTIL=" in capsys.readouterr().err
    rule = "FREQ=MONTHLY;BYDAY=2TU;COUNT=2"
    args = ["series", "plan", sid, "--rrule", rule, "--count", "5", "--start", "2027-01-01"]
    assert run(db_path, *args, "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("note: --count 5 replaces COUNT=2 in the rule\n")
    assert "Review: 5 sessions" in out
    assert run(db_path, "series", "plan", sid, "--rrule", rule, "--dry-run") == 0
    assert "note:" not in capsys.readouterr().out
