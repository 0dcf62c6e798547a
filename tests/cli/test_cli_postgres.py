"""Every ``planner`` command against a PostgreSQL ``--db`` URL, and ``db copy --to`` both ways:
SQLite to the server and back (an organiser taking an offline copy on a trip) with nothing lost.

Skipped without PLANNER_TEST_POSTGRES_URL (tests/postgres.py; ``.ci/run`` starts a server). The
commands that only read share one database loaded with the demo; those that write get their own.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from planner.cli.main import main
from planner.model import Base
from planner.store.revisions import HEAD_REVISION
from postgres import create_database, drop_database, needs_postgres

pytestmark = needs_postgres


def run(db: str | Path, *args: str) -> tuple[int, str, str]:
    """``planner --db DB ARGS`` in-process: (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(["--db", str(db), *args])
        except SystemExit as exit_:  # argparse's usage errors
            status = int(exit_.code or 0)
    return status, out.getvalue(), err.getvalue()


def ok(db: str | Path, *args: str) -> str:
    status, out, err = run(db, *args)
    assert status == 0, err
    return out


def refused(db: str | Path, *args: str) -> str:
    """A command that fails as the user should see it: status 1 and one line, no traceback."""
    status, out, err = run(db, *args)
    assert status == 1, (out, err)
    assert err.startswith("planner: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@pytest.fixture(scope="module")
def server_demo() -> Iterator[str]:
    """A PostgreSQL database with the demo, shared by the tests that only read it."""
    url = create_database()
    assert "4 new" in ok(url, "demo")
    yield url
    drop_database(url)


@pytest.fixture
def sqlite_demo(tmp_path: Path) -> Path:
    path = tmp_path / "laptop.sqlite3"
    ok(path, "demo")
    return path


def every_row(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the model, in primary-key order."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table.name: [
                    tuple(row)
                    for row in conn.execute(select(table).order_by(*table.primary_key.columns))
                ]
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def test_events_people_and_search(server_demo: str) -> None:
    events = json.loads(ok(server_demo, "events", "--json"))
    assert events[0]["title"] == "Gulf Security: Emerging Scenario"
    assert len(events) == 4
    people = json.loads(ok(server_demo, "people", "--json"))
    assert len(people) == 15
    found = ok(server_demo, "people", "--search", "WEINBAUM")
    assert "Weinbaum" in found and "Khattak" not in found


@pytest.mark.parametrize("audience", ["public", "attendees", "organisers"])
def test_sheet(server_demo: str, audience: str) -> None:
    sheet = json.loads(ok(server_demo, "sheet", "1", "--audience", audience, "--json"))
    assert sheet["title"] == "Gulf Security: Emerging Scenario"


def test_check_conflicts_and_series(server_demo: str) -> None:
    status, out, err = run(server_demo, "check", "1", "--json")
    assert status in (0, 1) and not err, err  # 1: a finding, still a report
    assert isinstance(json.loads(out), dict)
    assert isinstance(json.loads(ok(server_demo, "conflicts", "--json")), list)
    assert json.loads(ok(server_demo, "series", "list", "--json"))


@pytest.mark.parametrize(
    ("document", "audience", "event"),
    [
        ("programme", "attendees", "1"),
        ("briefing", "organisers", "1"),
        ("report", "public", "2"),  # event 1's report is blocked (no consent): by design
        ("badges", "organisers", "1"),
        ("tents", "organisers", "1"),
        ("signin", "organisers", "1"),
    ],
)
def test_render(server_demo: str, tmp_path: Path, document: str, audience: str, event: str) -> None:
    pdf = tmp_path / f"{document}.pdf"
    ok(server_demo, "render", document, event, "--audience", audience, "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_exports(server_demo: str, tmp_path: Path) -> None:
    ok(server_demo, "export", "package", "--all", "-o", str(tmp_path / "all.json"))
    assert len(json.loads((tmp_path / "all.json").read_text("utf-8"))["events"]) == 4
    ok(server_demo, "export", "ics", "1", "-o", str(tmp_path / "e.ics"))
    assert "BEGIN:VEVENT" in (tmp_path / "e.ics").read_text("utf-8")
    ok(server_demo, "export", "eml", "--kind", "invitation", "1", "-o", str(tmp_path / "mail"))
    assert list((tmp_path / "mail").glob("*.eml"))
    ok(server_demo, "export", "csv", "people", "-o", str(tmp_path / "p.csv"))
    with (tmp_path / "p.csv").open(encoding="utf-8") as f:
        assert len(list(csv.reader(f))) == 16  # a header and 15 people
    ok(server_demo, "export", "xlsx", "people", "-o", str(tmp_path / "p.xlsx"))
    ok(server_demo, "export", "vcard", "people", "-o", str(tmp_path / "p.vcf"))
    assert (tmp_path / "p.vcf").read_text("utf-8").count("BEGIN:VCARD") == 15
    ok(server_demo, "export", "announcement", "1", "-o", str(tmp_path / "a.html"))
    assert "Gulf Security" in (tmp_path / "a.html").read_text("utf-8")


def test_db_info(server_demo: str) -> None:
    info = ok(server_demo, "db", "info")
    assert "server:   postgresql " in info and f"schema:   {HEAD_REVISION} (current)" in info
    assert "  person         15" in info


@pytest.mark.parametrize(
    "command",
    [("backup",), ("backup", "--list"), ("db", "check"), ("restore", "nothing.sqlite3")],
)
def test_sqlite_only_commands_say_so_in_one_line(server_demo: str, command: tuple[str]) -> None:
    refused(server_demo, *command)


def test_imports_of_package_csv_and_vcard(sqlite_demo: Path, tmp_path: Path) -> None:
    ok(sqlite_demo, "export", "package", "--all", "-o", str(tmp_path / "all.json"))
    ok(sqlite_demo, "export", "csv", "people", "-o", str(tmp_path / "people.csv"))
    ok(sqlite_demo, "export", "vcard", "people", "-o", str(tmp_path / "people.vcf"))
    url = create_database()
    try:
        assert "4 new" in ok(url, "import", str(tmp_path / "all.json"))
        csv_line = ok(url, "import", str(tmp_path / "people.csv"))
        assert "0 created" in csv_line, "the package brought them all"
        assert "0 created" in ok(url, "import", str(tmp_path / "people.vcf"))
        assert len(json.loads(ok(url, "people", "--json"))) == 15
        ok(url, "series", "plan", "1", "--rrule", "FREQ=MONTHLY;BYDAY=2TU", "--count", "2")
        assert len(json.loads(ok(url, "events", "--json"))) == 6
    finally:
        drop_database(url)


def test_db_copy_round_trip_sqlite_server_sqlite_loses_nothing(
    sqlite_demo: Path, tmp_path: Path
) -> None:
    url = create_database()
    try:
        copied = ok(sqlite_demo, "db", "copy", "--to", url)
        assert f"(schema {HEAD_REVISION}); row counts checked" in copied
        # The team works on the server: new rows get fresh ids past the copied ones.
        person = tmp_path / "new.csv"
        person.write_text("First name,Last name,Email\nNoor,Zahidi,noor@example.org\n", "utf-8")
        assert "1 created" in ok(url, "import", str(person))
        # An organiser takes an offline copy on a trip.
        trip = tmp_path / "trip" / "planner.sqlite3"
        ok(url, "db", "copy", "--to", str(trip))
        back = every_row(f"sqlite:///{trip}")
        assert back == every_row(url)
        before = every_row(f"sqlite:///{sqlite_demo}")
        new_people = [row for row in back["person"] if row not in before["person"]]
        assert [row[2:4] for row in new_people] == [("Noor", "Zahidi")]
        # The import is one new history row; everything else is as it was.
        imported = [row for row in back["change"] if row not in before["change"]]
        assert len(imported) == 1
        assert {n: rows for n, rows in back.items() if n not in {"person", "change"}} == {
            n: rows for n, rows in before.items() if n not in {"person", "change"}
        }
        # The copy is a working database with its SQLite search index.
        assert "Zahidi" in ok(trip, "people", "--search", "zahid")
    finally:
        drop_database(url)


def test_db_copy_refuses_a_target_that_is_not_empty_on_both_sides(
    sqlite_demo: Path, tmp_path: Path
) -> None:
    url = create_database()
    try:
        ok(sqlite_demo, "db", "copy", "--to", url)
        assert "not empty" in refused(sqlite_demo, "db", "copy", "--to", url)
        other = tmp_path / "other.sqlite3"
        ok(other, "demo")
        assert "not empty" in refused(url, "db", "copy", "--to", str(other))
    finally:
        drop_database(url)
