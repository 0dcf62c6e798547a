"""Damaged and foreign database files, each of every kind under every command: one line naming
the file and what is wrong, exit status 1, no traceback, and the file left as it was.

In-process calls of ``planner.cli.main.main`` (cheap): the refusal comes before anything slow.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from planner.cli.main import build_parser, main
from planner.store import Database
from planner.store.backup import backups_folder
from planner.store.demo import load_demo

# Every command that opens the database, with arguments that would work on a healthy demo.
# ``restore`` and ``backup --list`` are left out on purpose: they must work on a damaged file
# (that is when one needs them); tests/store/test_store_restore.py covers them.
COMMANDS: dict[str, list[str]] = {
    "export package": ["export", "package", "1"],
    "export ics": ["export", "ics", "1", "-o", "{tmp}/x.ics"],
    "export eml": ["export", "eml", "--kind", "invitation", "-o", "{tmp}/eml", "1"],
    "export csv": ["export", "csv", "people", "-o", "{tmp}/x.csv"],
    "export xlsx": ["export", "xlsx", "people", "-o", "{tmp}/x.xlsx"],
    "export vcard": ["export", "vcard", "people", "-o", "{tmp}/x.vcf"],
    "export announcement": ["export", "announcement", "-o", "{tmp}/x.html", "1"],
    "import": ["import", "{tmp}/people.csv"],
    "demo": ["demo"],
    "events": ["events"],
    "history": ["history", "1"],
    "people": ["people"],
    "backup": ["backup"],
    "db info": ["db", "info"],
    "db check": ["db", "check"],
    "db copy": ["db", "copy", "--to", "{tmp}/copy.sqlite3"],
    "sheet": ["sheet", "1"],
    "check": ["check", "1"],
    "conflicts": ["conflicts"],
    "series list": ["series", "list"],
    "series plan": ["series", "plan", "1", "--rrule", "FREQ=WEEKLY", "--count", "2"],
    "render": ["render", "programme", "1", "-o", "{tmp}/x.pdf"],
}
WORK_ON_DAMAGED_FILES = {"restore"}


def _leaf_commands() -> set[str]:
    parser, _ = build_parser()

    def walk(p: argparse.ArgumentParser, prefix: list[str]) -> Iterator[str]:
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            yield " ".join(prefix)
        for action in subs:
            for name, sub in action.choices.items():
                yield from walk(sub, [*prefix, name])

    return set(walk(parser, []))


def test_every_command_is_tried_on_damaged_files() -> None:
    """A new command must be added to COMMANDS (or say why it works on damaged files)."""
    assert _leaf_commands() == set(COMMANDS) | WORK_ON_DAMAGED_FILES


_TEMPLATE: dict[str, bytes] = {}


def _demo_bytes(tmp_path: Path) -> bytes:
    """A demo database's bytes (WAL folded in), made once per test session."""
    if "demo" not in _TEMPLATE:
        path = tmp_path / "template.sqlite3"
        db = Database.open(f"sqlite:///{path}")
        load_demo(db)
        db.dispose()
        _TEMPLATE["demo"] = path.read_bytes()
    return _TEMPLATE["demo"]


def _newer(demo: bytes, path: Path) -> None:
    path.write_bytes(demo)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()


def _foreign(_demo: bytes, path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 1196444487")  # GeoPackage's 'GPKG'
        conn.execute("CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY)")
        conn.commit()


PAGE = 4096
DAMAGE: dict[str, tuple[Callable[[bytes, Path], None], str]] = {
    "truncated": (
        lambda demo, path: path.write_bytes(demo[: len(demo) // 2]),
        "the database file is damaged: database disk image is malformed",
    ),
    "zeroed past the header": (
        lambda demo, path: path.write_bytes(demo[:PAGE] + bytes(len(demo) - PAGE)),
        "the database file is damaged: database disk image is malformed",
    ),
    "a text file": (
        lambda demo, path: path.write_text("Agenda for Tuesday\n" * 200, encoding="utf-8"),
        "not a planner database (not an SQLite file)",
    ),
    "empty": (
        lambda demo, path: path.write_bytes(b""),
        "the database file is damaged: it is empty (0 bytes)",
    ),
    "a newer schema": (_newer, "made by a newer version of planner (schema 9999_future)"),
    "a foreign SQLite file": (
        _foreign,
        "not a planner database (another program's SQLite file, application id 'GPKG')",
    ),
}


@pytest.fixture
def people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("First name,Last name,Email\nAmina,Rahman,amina@example.org\n", "utf-8")
    return path


@pytest.mark.parametrize("kind", DAMAGE)
@pytest.mark.parametrize("command", COMMANDS)
def test_each_damaged_file_gets_its_line_from_every_command(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    people_csv: Path,
    kind: str,
    command: str,
) -> None:
    make, expected = DAMAGE[kind]
    path = tmp_path / "planner.sqlite3"
    make(_demo_bytes(tmp_path), path)
    before = path.read_bytes()
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in COMMANDS[command]]
    capsys.readouterr()

    status = main(["--db", str(path), *argv])

    out, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in err
    assert path.read_bytes() == before, "a refused file must be left as it was"
    if command == "db check":  # its own report, on standard output
        assert out.startswith(f"{path}: 1 problem")
        assert expected.split(": ")[-1] in out
    else:
        assert err.startswith(f"planner: {path}: {expected}")
        assert len(err.splitlines()) == 1
        if "damaged" in expected:
            assert err.endswith(
                "; restore a backup with `planner restore` (`planner backup --list` shows them)\n"
            )
    for made in ("x.ics", "x.csv", "x.html", "x.pdf", "eml", "copy.sqlite3"):
        assert not (tmp_path / made).exists(), f"{made} was written from a damaged database"
    assert not backups_folder(path).exists() or not any(backups_folder(path).iterdir())


def _damage_table(path: Path, table: str) -> None:
    """Zero the root page of one table, leaving the schema and every other table readable."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * PAGE)
        handle.write(bytes(PAGE))


def test_damage_past_what_opening_reads_is_caught_where_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The open succeeds; the statement that meets the damaged page is the one that says so,
    through the session (not a DatabaseError traceback)."""
    path = tmp_path / "planner.sqlite3"
    path.write_bytes(_demo_bytes(tmp_path))
    _damage_table(path, "person")
    db = Database.open(f"sqlite:///{path}", migrate=False)
    try:
        from planner.errors import DamagedDatabaseError
        from planner.services.people import search_people

        with pytest.raises(DamagedDatabaseError) as caught:
            search_people(db, "", limit=None)
        assert str(caught.value).startswith(f"{path}: the database file is damaged: ")
        assert caught.value.path == str(path)
    finally:
        db.dispose()


def test_backup_refuses_a_damaged_source_and_leaves_no_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "planner.sqlite3"
    path.write_bytes(_demo_bytes(tmp_path))
    _damage_table(path, "person")
    target = tmp_path / "copy.sqlite3"
    assert main(["--db", str(path), "backup", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"planner: {path}: the database file is damaged: ")
    assert not target.exists()
    assert list(tmp_path.glob("*.partial")) == []
    assert not backups_folder(path).exists() or not any(backups_folder(path).iterdir())
