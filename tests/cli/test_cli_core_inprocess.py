"""The same handlers called in-process (cheap), for the cases the subprocess tests skip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.services.people import search_people
from planner.store import Database
from planner.store.demo import load_demo


def _found(db: Database, text: str) -> list[str]:
    """Family names ``planner people --search`` lists, in id order."""
    return [p.family_name for p in sorted(search_people(db, text, limit=None), key=lambda p: p.id)]


def test_people_search_in_any_script(db: Database) -> None:
    """The command line searches with the directory's search (services.people, FTS5)."""
    load_demo(db)
    assert _found(db, "رحمان") == ["رحمان"]
    assert _found(db, "МОРОЗОВ") == ["Морозов"]
    assert _found(db, "  lt.  gen.  (r) ") == ["Owais", "Durrani"]
    assert _found(db, "nobody at all") == []


def test_people_command_lists_what_the_search_finds(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "people", "--json", "--search", "lt. gen. (r)"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert sorted(p["family_name"] for p in found) == ["Durrani", "Owais"]


def test_export_to_standard_output_and_bad_json(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "export", "package", "1", "2"]) == 0
    package = json.loads(capsys.readouterr().out)
    assert [e["title"] for e in package["events"]] == [
        "Gulf Security: Emerging Scenario",
        "SALAM Roundtable",
    ]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["--db", str(db_path), "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"planner: {bad}: not JSON (line 1, column 2")
    assert main(["--db", str(db_path), "export", "package", "1", "--all"]) == 2
    assert "not both" in capsys.readouterr().err


def test_events_on_an_empty_database(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "events", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", str(db_path), "events"]) == 0
    assert "planner demo" in capsys.readouterr().err
