"""Shared fixtures. Every test gets its own temporary SQLite database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never try to open a real display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# PDFs carry the real CreationDate unless SOURCE_DATE_EPOCH is set: tests that compare two
# renders byte for byte must not see the clock tick between them.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

from planner.store import Database


@pytest.fixture(autouse=True)
def _own_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test its own user data, config and cache folders (platformdirs follows XDG on Linux, and
    subprocesses inherit the variables): automatic backups and the settings file never touch
    the developer's own, nor another test's."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "planner.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(f"sqlite:///{db_path}")
    yield database
    database.dispose()
