"""The console script exits quickly after a command, and normally after the GUI.

``run()`` is tested in-process with ``os._exit`` caught (cheap); one real console script, whose
quick exit must not lose what the command wrote, checks the same in a process of its own.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pdf_reading import pdf_text
from planner.cli import main as cli_main
from planner.cli.main import _names_a_command, run
from planner.store import Database
from planner.store.demo import load_demo


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], False),
        (["--db", "x.sqlite3"], False),
        (["--db=x.sqlite3"], False),
        (["--db", "events", "demo"], True),
        (["events"], True),
        (["--db", "x.sqlite3", "render", "programme", "1"], True),
    ],
)
def test_which_argv_names_a_command(argv: list[str], expected: bool) -> None:
    assert _names_a_command(argv) is expected


class QuickExit(Exception):
    """Raised in place of ``os._exit``, which would end the test process."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _quick_exit(status: int) -> None:
    raise QuickExit(status)


def _run(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    """``planner ARGV`` through :func:`run`; the status it quick-exits with."""
    monkeypatch.setattr(sys, "argv", ["planner", *argv])
    with pytest.raises(QuickExit) as exited:
        run()
    return exited.value.status


def test_a_command_quick_exits_with_its_status_after_writing_everything(
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(cli_main.os, "_exit", _quick_exit)
    db = str(db_path)
    assert _run(monkeypatch, "--db", db, "demo") == 0
    assert "demo data loaded" in capsys.readouterr().out
    assert _run(monkeypatch, "--db", db, "events", "--json") == 0
    assert "Gulf Security" in capsys.readouterr().out
    pdf = tmp_path / "programme.pdf"
    assert _run(monkeypatch, "--db", db, "render", "programme", "1", "-o", str(pdf)) == 0
    assert f"wrote {pdf}" in capsys.readouterr().out
    assert "Gulf Security" in pdf_text(pdf)
    assert _run(monkeypatch, "--db", db, "render", "programme", "999", "-o", str(pdf)) == 1
    assert "999" in capsys.readouterr().err


def test_without_a_command_the_application_exits_normally(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The GUI path: ``sys.exit``, so Qt's destructors write the settings."""
    monkeypatch.setattr(cli_main.os, "_exit", _quick_exit)
    monkeypatch.setattr(cli_main, "main", lambda argv: 3)
    monkeypatch.setattr(sys, "argv", ["planner", "--db", "x.sqlite3"])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 3


def _script() -> list[str]:
    installed = shutil.which("planner", path=str(Path(sys.executable).parent))
    if installed:
        return [installed]
    return [sys.executable, "-c", "from planner.cli.main import run; run()"]


def test_the_console_script_writes_everything_before_its_quick_exit(
    db: Database, tmp_path: Path
) -> None:
    load_demo(db)
    url = db.url
    db.dispose()
    pdf = tmp_path / "programme.pdf"
    rendered = subprocess.run(
        [*_script(), "--db", url, "render", "programme", "1", "-o", str(pdf)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert rendered.returncode == 0, rendered.stderr
    assert f"wrote {pdf}" in rendered.stdout  # flushed before the quick exit
    assert "Gulf Security" in pdf_text(pdf)
