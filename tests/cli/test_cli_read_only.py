"""The command line on a database it may only read: writing commands refuse in one line with
exit status 1, reading ones work."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli.main import main
from planner.store import Database
from planner.store.demo import load_demo
from planner.store.live import FILE_READ_ONLY, SERVER_READ_ONLY
from postgres import read_only_role


def _people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("given_name,family_name,email\nSana,Malik,sana@example.org\n", "utf-8")
    return path


def _check(url: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["demo"], ["import", str(_people_csv(tmp_path))]):
        assert main(["--db", url, *command]) == 1, command
        captured = capsys.readouterr()
        assert captured.err == f"planner: {reason}\n", command
        assert "Traceback" not in captured.err
    assert main(["--db", url, "events"]) == 0
    assert "Pakistan" in capsys.readouterr().out
    assert main(["--db", url, "people", "--search", "Owais"]) == 0
    assert "Owais" in capsys.readouterr().out


def test_a_read_only_file(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = Database.open(f"sqlite:///{db_path}")
    load_demo(setup)
    setup.dispose()
    _check(f"sqlite:///file:{db_path}?mode=ro&uri=true", FILE_READ_ONLY, tmp_path, capsys)


def test_a_role_with_read_rights_only(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = Database.open(postgres_url)
    load_demo(setup)
    setup.dispose()
    reader_url, drop_role = read_only_role(postgres_url)
    try:
        _check(reader_url, SERVER_READ_ONLY, tmp_path, capsys)
    finally:
        drop_role()
