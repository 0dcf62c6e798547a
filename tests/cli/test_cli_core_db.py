"""``planner db info`` and ``planner db copy --to`` through the command line (in-process)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli.main import main
from planner.store.revisions import HEAD_REVISION


def test_copy_then_info_then_refuse_a_second_copy(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "demo"]) == 0
    capsys.readouterr()
    target = tmp_path / "shared" / "planner.sqlite3"

    assert main(["--db", str(db_path), "db", "copy", "--to", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"to sqlite:///{target} (schema {HEAD_REVISION}); row counts checked" in out
    assert f"use it with: planner --db 'sqlite:///{target}'" in out

    assert main(["--db", str(target), "db", "info"]) == 0
    info = capsys.readouterr().out
    assert f"database: sqlite:///{target}" in info
    assert f"schema:   {HEAD_REVISION} (current)" in info
    assert "  event          4" in info

    assert main(["--db", str(db_path), "db", "copy", "--to", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("planner: ") and "not empty" in err and err.count("\n") == 1


def test_db_without_an_action_says_what_to_do(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "db"]) == 2  # a usage error
    assert "planner db check [--full], or planner db copy --to URL" in capsys.readouterr().err


def test_copy_needs_a_target(db_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(db_path), "db", "copy"])
    assert caught.value.code == 2
