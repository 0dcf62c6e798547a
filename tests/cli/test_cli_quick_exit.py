"""The console script exits quickly after a command, and normally after the GUI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pdf_reading import pdf_text
from planner.cli.main import _names_a_command


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


def _script() -> list[str]:
    installed = shutil.which("planner", path=str(Path(sys.executable).parent))
    if installed:
        return [installed]
    return [sys.executable, "-c", "from planner.cli.main import run; run()"]


def test_a_command_through_the_console_script_writes_everything_before_exiting(
    tmp_path: Path,
) -> None:
    db = tmp_path / "demo.sqlite3"
    run = [*_script(), "--db", str(db)]
    loaded = subprocess.run([*run, "demo"], capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    assert "demo data loaded" in loaded.stdout
    listed = subprocess.run([*run, "events", "--json"], capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and "Gulf Security" in listed.stdout
    pdf = tmp_path / "programme.pdf"
    rendered = subprocess.run(
        [*run, "render", "programme", "1", "-o", str(pdf)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert rendered.returncode == 0, rendered.stderr
    assert "Gulf Security" in pdf_text(pdf)
    missing = subprocess.run(
        [*run, "render", "programme", "999", "-o", str(pdf)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 1 and "999" in missing.stderr
