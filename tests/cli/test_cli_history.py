"""``planner history EVENT_ID [--json]``: an event's changes, newest first."""

from __future__ import annotations

import json

import pytest

from planner.cli.main import main
from planner.model import Role
from planner.services.cast import AddToCast
from planner.services.operations import Record, SetField, apply
from planner.services.people import create_person
from planner.store import Database

JSON_KEYS = {
    "id",
    "at",
    "who",
    "kind",
    "table",
    "record_id",
    "what",
    "field",
    "old",
    "new",
    "summary",
}


@pytest.fixture
def edited(any_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The demo, then Sana renames event 1 and adds a speaker to it."""
    assert main(["--db", any_url, "demo"]) == 0
    db = Database.open(any_url)
    try:
        monkeypatch.setenv("PLANNER_USER", "Sana")
        apply(db, SetField(Record.EVENT, 1, "title", "Gulf Futures", "Edit title"))
        person = create_person(db, {"given_name": "خالد", "family_name": "الفارسي"})
        apply(db, AddToCast(1, person, Role.SPEAKER, "Add speaker"))
    finally:
        db.dispose()
    return any_url


def test_history_lists_the_newest_first(edited: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--db", edited, "history", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("History of event 1 “Gulf Futures”, newest first; times in Asia/Karachi")
    assert lines[1].endswith("Sana  Added speaker خالد الفارسي")
    # The header names the event; its lines say what changed.
    assert lines[2].endswith("Sana  Title: Gulf Security: Emerging Scenario -> Gulf Futures")
    assert not any("event “" in line for line in lines[1:])


def test_history_json_has_stable_keys(edited: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--db", edited, "history", "1", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(set(row) == JSON_KEYS for row in rows)
    newest, renamed = rows[0], rows[1]
    assert (newest["kind"], newest["who"], newest["table"]) == ("create", "Sana", "participation")
    assert (renamed["field"], renamed["old"], renamed["new"]) == (
        "title",
        "Gulf Security: Emerging Scenario",
        "Gulf Futures",
    )
    assert renamed["at"].endswith("+05:00")  # the organisation's zone
    assert [row["id"] for row in rows] == sorted((row["id"] for row in rows), reverse=True)


def test_history_of_an_unknown_event_is_one_line(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db.url, "history", "99"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "planner: no event with id 99"
