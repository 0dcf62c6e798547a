"""``planner FILE`` (a double-click, the desktop entry's ``Exec=planner %f``) opens the window
on that file; every command still parses as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli import main as cli_main
from planner.cli.main import _names_a_command, file_to_open


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], None),
        (["demo"], None),
        (["--db", "x.sqlite3", "events"], None),
        (["--db", "x.sqlite3"], None),
        (["talk.json"], "talk.json"),
        (["--db", "x.sqlite3", "people.csv"], "people.csv"),
        (["./package"], "./package"),
        (["/home/me/Downloads/Seminar package.json"], "/home/me/Downloads/Seminar package.json"),
        (["import", "talk.json"], None),  # a command with a file argument
    ],
)
def test_which_word_is_a_file_to_open(argv: list[str], expected: str | None) -> None:
    assert file_to_open(argv) == expected


def test_a_file_to_open_is_not_a_quick_exit_command() -> None:
    # The window must exit normally (Qt writes its settings from destructors).
    assert _names_a_command(["talk.json"]) is False
    assert _names_a_command(["--db", "x.sqlite3", "talk.json"]) is False
    assert _names_a_command(["import", "talk.json"]) is True


def test_planner_file_opens_the_window_on_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "talk.json"
    package.write_text("{}", encoding="utf-8")
    calls: list[tuple[str | None, Path | None]] = []

    def run_gui(db_option: str | None, open_path: Path | None = None) -> int:
        calls.append((db_option, open_path))
        return 0

    monkeypatch.setattr("planner.app.run_gui", run_gui)
    db = str(tmp_path / "p.db")
    assert cli_main.main(["--db", db, str(package)]) == 0
    assert calls == [(db, package)]
    assert cli_main.main(["--db", db]) == 0
    assert calls[-1] == (db, None)


def test_a_missing_file_is_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli_main.main(["--db", str(tmp_path / "p.db"), str(tmp_path / "gone.json")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "gone.json: no such file" in err
    assert "Traceback" not in err


def test_a_file_and_a_command_together_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "talk.json"
    package.write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit):
        cli_main.main(["--db", str(tmp_path / "p.db"), str(package), "events"])
    assert "not both" in capsys.readouterr().err
