"""Start-up cost of the ``planner`` command: registering every subcommand imports no heavy
library, and each command imports only what it uses. Checked in fresh interpreters."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from planner.store import Database
from planner.store.demo import load_demo

HEAVY = ("sqlalchemy", "alembic", "reportlab", "PySide6", "icalendar")


def _modules_after(code: str) -> set[str]:
    """The top-level packages imported once ``code`` has run in a new interpreter."""
    script = (
        code
        + "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_building_the_parser_imports_no_heavy_library() -> None:
    # build_parser() imports every command module and registers its subcommands: what
    # ``planner --help`` and every command pay before doing anything.
    loaded = _modules_after("from planner.cli.main import build_parser\nbuild_parser()")
    assert "planner" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_render_imports_neither_qt_nor_the_calendar_library(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    url = db.url
    db.dispose()
    output = tmp_path / "programme.pdf"
    loaded = _modules_after(
        "from planner.cli.main import main\n"
        f"assert main(['--db', {url!r}, 'render', 'programme', '1', '-o', {str(output)!r}]) == 0"
    )
    assert output.read_bytes().startswith(b"%PDF")
    assert "reportlab" in loaded  # it did the work
    # A SQLite file at the current schema is read with sqlite3: SQLAlchemy's import alone
    # costs more CPU than rendering the document (docs/guide/documents.md).
    assert not loaded & {"PySide6", "icalendar", "alembic", "sqlalchemy"}


def test_render_of_a_file_to_migrate_goes_through_database_open(
    db: Database, tmp_path: Path
) -> None:
    from planner.store.migrations import downgrade_database
    from planner.store.quick_read import ready_file

    load_demo(db)
    downgrade_database(db.engine, "0005")
    url = db.url
    db.dispose()
    assert ready_file(url) is None
    output = tmp_path / "programme.pdf"
    loaded = _modules_after(
        "from planner.cli.main import main\n"
        f"assert main(['--db', {url!r}, 'render', 'programme', '1', '-o', {str(output)!r}]) == 0"
    )
    assert output.read_bytes().startswith(b"%PDF")
    assert {"sqlalchemy", "alembic", "reportlab"} <= loaded  # migrated, then rendered
    assert ready_file(url) is not None  # at the current schema now


def test_sheet_audiences_written_out_match_the_policy() -> None:
    """``planner sheet --audience`` lists the values without importing the policy package."""
    from planner.cli.policy import AUDIENCES
    from planner.policy import Audience

    assert tuple(a.value for a in Audience) == AUDIENCES
