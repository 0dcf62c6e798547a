"""The command line on a database it may only read: writing commands refuse in one line with
exit status 1, reading ones work."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.cli.main import main
from planner.store import Database
from planner.store.demo import load_demo
from planner.store.live import FILE_READ_ONLY, FOLDER_READ_ONLY, SERVER_READ_ONLY
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
    # Drafts recorded as sent are not written when the record cannot be kept.
    drafts = tmp_path / "drafts"
    command = ["export", "eml", "1", "--kind", "invitation", "-o", str(drafts)]
    assert main(["--db", url, *command]) == 1
    assert capsys.readouterr().err.startswith(f"planner: {reason} No drafts were written")
    assert not drafts.exists() or not list(drafts.iterdir())
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


def test_a_writable_file_in_a_read_only_folder(
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import os

    setup = Database.open(f"sqlite:///{db_path}")
    load_demo(setup)
    setup.dispose()
    csv = _people_csv(tmp_path)  # written before the folder turns read-only
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        # Staged: root (who may run the tests) writes to a chmod 555 folder anyway.
        if Path(str(path)) == db_path.parent and mode & os.W_OK:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    for command in (["demo"], ["import", str(csv)]):
        assert main(["--db", str(db_path), *command]) == 1, command
        assert capsys.readouterr().err == f"planner: {FOLDER_READ_ONLY}\n", command
    assert main(["--db", str(db_path), "events"]) == 0
    assert "Pakistan" in capsys.readouterr().out
    # The file is checked, not reported as a problem.
    assert main(["--db", str(db_path), "db", "check"]) == 0
    assert capsys.readouterr().out.startswith(f"{db_path}: ok (quick_check")
    assert main(["--db", str(db_path), "db", "info"]) == 0
    assert "schema:" in capsys.readouterr().out
    pdf = tmp_path / "out" / "programme.pdf"
    pdf.parent.mkdir()
    assert main(["--db", str(db_path), "render", "programme", "1", "-o", str(pdf)]) == 0
    assert pdf.is_file()
    assert not list(db_path.parent.glob(db_path.name + "-*"))  # no -wal, -shm or journal


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


def test_no_database_in_a_read_only_folder_says_none_can_be_made_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "could not update the database (unable to open database file); it was left as
    it was" of a file that did not exist."""
    import os

    folder = tmp_path / "cd-rom"
    folder.mkdir()
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == folder and mode & os.W_OK:
            return False  # staged: root writes to a chmod 555 folder anyway
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    for command in (["events"], ["demo"]):
        assert main(["--db", str(folder / "new.sqlite3"), *command]) == 1
        err = capsys.readouterr().err
        assert err == (
            f"planner: {folder / 'new.sqlite3'}: there is no database there, and none can be "
            f"made: the folder {folder} is read-only (choose a folder you can write to)\n"
        )
    assert not any(folder.iterdir())
