"""Hostile but realistic use of the ``planner`` command: every bad input gets one clear line
(exit 1 for user errors, 2 for usage errors), never a traceback, and leaves the data as it was."""

from __future__ import annotations

from pathlib import Path

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
