"""Hostile but realistic use of the ``planner`` command: every bad input gets one clear line
(exit 1 for user errors, 2 for usage errors), never a traceback, and leaves the data as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planner.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse's usage errors
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "demo.sqlite3")
    assert run(capsys, "--db", path, "demo")[0] == 0
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["sheet", "99999999999999999999"],
        ["render", "programme", "99999999999999999999", "-o", "x.pdf"],
        ["export", "ics", "--series", "99999999999999999999", "-o", "x.ics"],
        ["export", "package", "99999999999999999999"],
        ["export", "package", "abc"],
        ["series", "plan", "99999999999999999999", "--rrule", "FREQ=WEEKLY", "--count", "2"],
        ["series", "plan", "0", "--rrule", "FREQ=WEEKLY", "--count", "2"],
    ],
)
def test_ids_sqlite_cannot_hold_are_usage_errors(
    demo_db: str, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, _, err = run(capsys, "--db", demo_db, *argv)
    assert status == 2
    assert "id" in err.splitlines()[-1]


@pytest.mark.parametrize("empty", ["", "  "])
def test_empty_db_option_is_a_usage_error_not_the_default_database(
    capsys: pytest.CaptureFixture[str], empty: str
) -> None:
    status, _, err = run(capsys, "--db", empty, "demo")
    assert status == 2
    assert "--db needs a database file or URL" in err


def test_backup_to_an_unwritable_place_blames_the_target_not_the_database(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    status, _, err = run(capsys, "--db", demo_db, "backup", "-o", str(folder))
    assert status == 1
    assert err.startswith(f"planner: {folder}: cannot write the backup")
    # No half-written backup is left beside it.
    assert list(tmp_path.glob("*.partial")) == []
    status, _, err = run(capsys, "--db", demo_db, "backup", "-o", "/proc/x.sqlite3")
    assert status == 1
    assert err.startswith("planner: /proc/x.sqlite3: cannot write the backup")


def test_importing_a_folder_says_it_is_a_folder(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "people.csv"
    folder.mkdir()
    status, _, err = run(capsys, "--db", demo_db, "import", str(folder))
    assert status == 1
    assert "is a folder" in err


def _package(demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    out = tmp_path / "one.json"
    assert run(capsys, "--db", demo_db, "export", "package", "1", "-o", str(out))[0] == 0
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        (("events", 0, "series"), [], "events[0].series: should be a series' key"),
        (("events", 0, "venue"), {}, "events[0].venue: should be a venue's key"),
        (("events", 0, "series_number"), 10**19, "events[0].series_number: too large"),
        (("events", 0, "sequence"), 10**19, "events[0].sequence: too large"),
        (("events", 0, "time_zone"), "A" * 5000, "events[0].time_zone: unknown time zone"),
        (("organisation", "time_zone"), "A" * 5000, "organisation.time_zone: unknown time zone"),
    ],
)
def test_wrong_shaped_package_is_refused_whole_with_the_place_named(
    demo_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    where: tuple[str | int, ...],
    value: object,
    expected: str,
) -> None:
    data = _package(demo_db, tmp_path, capsys)
    node: Any = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = Path(demo_db).read_bytes()
    status, _, err = run(capsys, "--db", demo_db, "import", str(bad))
    assert status == 1
    assert expected in err
    assert Path(demo_db).read_bytes() == before


@pytest.mark.parametrize(
    ("rule", "extra", "expected", "status"),
    [
        # A rule that cannot be read is a bad value of --rrule: a usage error (exit 2).
        ("FOO", ["--count", "2"], "'FOO' is not NAME=VALUE", 2),
        ("FREQ=WEEKLY;INTERVAL=0", ["--count", "3"], "INTERVAL must be 1 or more", 2),
        # One that runs off the calendar from the series' start is found while planning.
        ("FREQ=WEEKLY", ["--count", "3", "--start", "9999-12-25"], "runs past the year 9999", 1),
    ],
)
def test_bad_recurrence_rules_are_one_clear_line(
    demo_db: str,
    capsys: pytest.CaptureFixture[str],
    rule: str,
    extra: list[str],
    expected: str,
    status: int,
) -> None:
    got, _, err = run(capsys, "--db", demo_db, "series", "plan", "1", "--rrule", rule, *extra)
    assert got == status
    assert expected in err.splitlines()[-1]


def test_a_calendars_until_in_utc_and_trailing_semicolon_are_understood(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", demo_db, "series", "plan", "1", "--start", "2030-01-01", "--dry-run"]
    status, out, _ = run(capsys, *argv, "--rrule", "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20300401T000000Z;")
    assert status == 0
    assert "3 sessions" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "ics", "-o", "x.ics"],
        ["export", "ics", "1", "--series", "1", "-o", "x.ics"],
        ["export", "csv", "people", "1", "-o", "x.csv"],
        ["export", "csv", "participants", "-o", "x.csv"],
        ["export", "xlsx", "people", "1", "-o", "x.xlsx"],
        ["export", "xlsx", "participants", "-o", "x.xlsx"],
        ["export", "vcard", "people", "1", "-o", "x.vcf"],
        ["export", "vcard", "participants", "-o", "x.vcf"],
        ["export", "vcard", "people", "--audience", "public", "-o", "x.vcf"],
        ["export", "package"],
        ["export", "package", "1", "--all"],
        ["import", "a", "b", "c"],
        ["series"],
        ["db"],
    ],
)
def test_arguments_that_do_not_fit_together_are_usage_errors(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, _, err = run(capsys, "--db", demo_db, *argv)
    assert status == 2
    # As argparse says its own: the usage of the command typed, then one error line.
    command = " ".join(argv[:2]) if argv[0] == "export" else argv[0]
    assert err.startswith(f"usage: planner {command} ")
    assert err.splitlines()[-1].startswith(f"planner {command}: error: ")
    assert list(tmp_path.glob("x.*")) == []


def test_the_gui_on_a_garbage_database_says_so_and_exits(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"\x00\xffnot a database" * 100)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # A modal message box would wait forever offscreen: the timeout catches that regression.
    done = subprocess.run(
        [sys.executable, "-m", "planner.cli.main", "--db", str(garbage)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert f"{garbage}: not a planner database" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_database_in_a_read_only_folder_is_not_called_unreadable(
    demo_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from planner.store import schema_state

    # What SQLite says for a WAL database whose folder it cannot write its -shm file into
    # (tests run as root in CI, for whom chmod does not bite, so the failure is staged).
    def refuse(*args: object, **kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(schema_state.sqlite3, "connect", refuse)
    monkeypatch.setattr(schema_state.os, "access", lambda path, mode: False)
    status, _, err = run(capsys, "--db", demo_db, "events")
    assert status == 1
    assert "its folder is read-only" in err
    assert "not a readable" not in err


@pytest.mark.parametrize(
    "bounds", [["--from", "0001-01-01"], ["--to", "9999-12-31"], ["--to", "0001-01-01"]]
)
def test_conflicts_at_the_ends_of_the_calendar(
    demo_db: str, capsys: pytest.CaptureFixture[str], bounds: list[str]
) -> None:
    status, out, _ = run(capsys, "--db", demo_db, "conflicts", *bounds)
    assert status == 0
    assert out.strip() == "No conflicts."


@pytest.mark.parametrize(
    ("target", "status", "message"),
    [
        ("", 2, "argument --to: give a database file or URL"),
        ("sqlite://", 2, "an in-memory database vanishes"),
        ("sqlite:///:memory:", 2, "an in-memory database vanishes"),
    ],
)
def test_db_copy_refuses_targets_that_would_hit_the_default_database_or_vanish(
    demo_db: str, capsys: pytest.CaptureFixture[str], target: str, status: int, message: str
) -> None:
    got, out, err = run(capsys, "--db", demo_db, "db", "copy", "--to", target)
    assert got == status
    assert message in err
    assert out == ""


def test_a_csv_cell_too_long_is_named_as_such_and_nothing_is_imported(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.csv"
    big.write_text("Name,Email\nAlice A,a@x.org\n" + "A" * 1_000_000 + " B,b@x.org\n")
    before = Path(demo_db).read_bytes()
    status, _, err = run(capsys, "--db", demo_db, "import", str(big))
    assert status == 1
    assert "line 3: cannot read the CSV: a cell is longer than 131072 characters" in err
    assert "quote" not in err
    assert Path(demo_db).read_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "programme", "1", "-o", ""],
        ["export", "eml", "--kind", "briefing", "2", "-o", ""],
        ["export", "ics", "1", "-o", " "],
        ["export", "csv", "people", "-o", ""],
        ["export", "xlsx", "people", "-o", ""],
        ["export", "vcard", "participants", "1", "-o", " "],
        ["export", "announcement", "1", "-o", ""],
        ["export", "package", "1", "-o", ""],
        ["backup", "-o", ""],
    ],
)
def test_an_empty_output_path_is_a_usage_error_not_the_current_folder(
    demo_db: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "--db", demo_db, *argv)
    assert status == 2
    assert "not an empty string" in err
    assert [p.name for p in tmp_path.iterdir()] == ["demo.sqlite3"]


def test_import_of_two_files_or_of_a_kind_alone_is_a_usage_error(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.csv"
    first.write_text("{}")
    second.write_text("Name\nA B\n")
    status, _, err = run(capsys, "--db", demo_db, "import", str(first), str(second))
    assert status == 2
    assert err == (
        "usage: planner import [-h] [KIND] FILE\n"
        "planner import: error: one file at a time; run planner import once per file\n"
    )
    status, _, err = run(capsys, "--db", demo_db, "import", "csv")
    assert status == 2
    assert err.splitlines()[-1] == "planner import: error: csv needs the FILE to import"


def test_a_db_in_a_folder_that_does_not_exist_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo" / "planner.sqlite3"
    status, out, err = run(capsys, "--db", str(typo), "events")
    assert status == 1
    assert err == f"planner: {typo}: the folder {typo.parent} does not exist\n"
    assert out == ""
    assert not typo.parent.exists()
    # A new file in an existing folder is how a database starts.
    assert run(capsys, "--db", str(tmp_path / "new.sqlite3"), "events")[0] == 0
