"""The `planner` commands end to end: demo, events, people, import, export, backup.

Run in-process through ``main()`` with the output captured: a subprocess each cost an interpreter
start and the imports. ``test_cli_quick_exit`` runs the real console script.
"""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
from contextlib import closing, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from planner.cli.main import main


def planner(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``planner --db DB ARGS``: its status and what it wrote, as a subprocess would give them."""
    argv = ["--db", str(db), *args]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit_:  # argparse's usage errors
            status = int(exit_.code or 0)
    return subprocess.CompletedProcess(argv, status, out.getvalue(), err.getvalue())


def ok(db: Path, *args: str) -> str:
    result = planner(db, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def fails(db: Path, *args: str, status: int = 1) -> str:
    result = planner(db, *args)
    assert result.returncode == status, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    if status == 1:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("planner: ")
    return result.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "planner.sqlite3"
    assert "4 new" in ok(path, "demo")  # loading twice: tests/store/test_store_demo.py
    return path


def test_events_as_table_and_json(demo_db: Path) -> None:
    table = ok(demo_db, "events")
    assert "Gulf Security: Emerging Scenario" in table and "2013-03-12 17:00" in table
    events = json.loads(ok(demo_db, "events", "--json"))
    assert len(events) == 4
    gulf = events[0]
    assert set(gulf) >= {"id", "uid", "title", "starts_at", "status", "attribution"}
    assert gulf["starts_at"] == "2013-03-12T17:00:00+05:00"
    assert gulf["attribution"] == "chatham_house"


def test_people_search(demo_db: Path) -> None:
    people = json.loads(ok(demo_db, "people", "--json", "--search", "owais"))
    assert [p["name"] for p in people] == ["Lt. Gen. (R) Syed Muhammad Owais HI (M)"]
    table = ok(demo_db, "people")
    assert "Senator Sehar Kamran (TI)" in table


def test_export_import_round_trip_through_files(demo_db: Path, tmp_path: Path) -> None:
    events = json.loads(ok(demo_db, "events", "--json"))
    ids = [str(e["id"]) for e in events[:2]]
    out = tmp_path / "two.json"
    ok(demo_db, "export", "package", *ids, "-o", str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["format"] == "planner.event-package" and len(exported["events"]) == 2

    fresh = tmp_path / "fresh.sqlite3"
    assert "2 new" in ok(fresh, "import", str(out))
    assert "0 new, 2 updated" in ok(fresh, "import", "package", str(out))
    again = tmp_path / "again.json"
    ok(fresh, "export", "package", "--all", "-o", str(again))
    assert json.loads(again.read_text(encoding="utf-8")) == exported


def test_backup(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    assert str(target) in ok(demo_db, "backup", "-o", str(target))
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT count(*) FROM event").fetchone() == (4,)


def test_user_errors_exit_1_with_one_line(demo_db: Path, tmp_path: Path) -> None:
    assert "no event with id 999" in fails(demo_db, "export", "package", "999")
    assert "no such file" in fails(demo_db, "import", str(tmp_path / "missing.json"))
    text = tmp_path / "notes.sqlite3"
    text.write_text("hello", encoding="utf-8")
    assert "not a planner database" in fails(text, "events")
    assert text.read_text(encoding="utf-8") == "hello"


def test_a_package_with_problems_lists_them_all(demo_db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "problems.json"
    bad.write_text(
        json.dumps(
            {
                "format": "planner.event-package",
                "version": 1,
                "events": [
                    {
                        "title": "X",
                        "starts_at": "2013-03-12T17:00:00",
                        "ends_at": "nope",
                        "format": "party",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    result = planner(demo_db, "import", str(bad))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].endswith("the event package has 2 problems; nothing was imported")
    assert any("events[0].ends_at: not a date and time" in line for line in lines)
    assert any("events[0].format: unknown value 'party'" in line for line in lines)


def test_usage_errors_exit_2(demo_db: Path) -> None:
    assert "not-a-number" in fails(demo_db, "export", "package", "not-a-number", status=2)
