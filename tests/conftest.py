"""Shared fixtures. Every test gets its own temporary SQLite database."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Qt must never try to open a real display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# PDFs carry the real CreationDate unless SOURCE_DATE_EPOCH is set: tests that compare two
# renders byte for byte must not see the clock tick between them.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
# Tests never read or write the developer's keyring: a password looked up is not there (tests
# of the keyring set an in-memory one, tests/keyrings.py). Subprocesses inherit it.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

from planner.store import Database
from planner.store.demo import load_demo
from postgres import SERVER_URL as POSTGRES_SERVER_URL
from postgres import create_database, drop_database, needs_postgres

# platformdirs follows XDG on Linux (data: backups and the outbox; config: settings; state: the
# log file; cache), and subprocesses inherit the variables.
_USER_FOLDERS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


def _point_user_folders(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in _USER_FOLDERS:
        monkeypatch.setenv(variable, str(home / variable.removeprefix("XDG_").lower()))


@pytest.fixture(scope="session", autouse=True)
def _session_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """User folders of this test process's own (each xdist worker has one), for what module-
    and session-scoped fixtures open before a test's own folders exist: automatic backups and
    logs never touch the developer's folders, nor another worker's."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _point_user_folders(tmp_path_factory.mktemp("session-user"), monkeypatch)
        yield


@pytest.fixture(autouse=True)
def _own_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test its own user folders: automatic backups, the settings file and the log never
    touch another test's."""
    _point_user_folders(tmp_path_factory.mktemp("user"), monkeypatch)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "planner.sqlite3"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database migrated once per test process: tests copy it rather than migrate
    their own (migrating costs ~80 ms of CPU in Alembic, copying under 1 ms; over the suite's
    1,500 databases that was a fifth of its time)."""
    template = tmp_path_factory.mktemp("template") / "planner.sqlite3"
    Database.open(f"sqlite:///{template}").dispose()
    # Closing the last connection checkpoints the WAL: the one file holds the whole database.
    assert not template.with_name(template.name + "-wal").exists()
    return template


@pytest.fixture
def db(db_path: Path, migrated_template: Path) -> Iterator[Database]:
    """A new, migrated, empty SQLite database of this test's own, at ``db_path``."""
    shutil.copyfile(migrated_template, db_path)
    database = Database.open(f"sqlite:///{db_path}")
    yield database
    database.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new empty PostgreSQL database of this test's own (skipped without a test server)."""
    if not POSTGRES_SERVER_URL:
        pytest.skip("set PLANNER_TEST_POSTGRES_URL to a server database that may create databases")
    url = create_database()
    yield url
    drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def any_url(
    request: pytest.FixtureRequest, db_path: Path, migrated_template: Path
) -> Iterator[str]:
    """The URL of a new database on each back end: tests taking it run twice, on SQLite and
    (with PLANNER_TEST_POSTGRES_URL) on PostgreSQL. Empty, unless the test takes ``any_db``
    too: then already migrated, from a template (see ``migrated_template``)."""
    migrated = "any_db" in request.fixturenames
    if request.param == "sqlite":
        if migrated:
            shutil.copyfile(migrated_template, db_path)
        yield f"sqlite:///{db_path}"
        return
    url = create_database(migrated=migrated)
    yield url
    drop_database(url)


@pytest.fixture
def any_db(any_url: str) -> Iterator[Database]:
    """A migrated empty database on each back end (see ``any_url``)."""
    database = Database.open(any_url)
    yield database
    database.dispose()


@pytest.fixture
def seeded(db: Database) -> dict[str, int]:
    """The export samples' events and people in ``db`` (a module's own ``db`` where it has one:
    ``any_db`` runs them on both back ends): their ids, and each person's id by the name part
    of their email ("fatima")."""
    from sqlalchemy import select

    from export_samples import seed_database
    from planner.model import Person

    ids = seed_database(db)
    with db.session() as s:
        for person in s.scalars(select(Person)):
            ids[person.email.split("@")[0]] = person.id
    return ids


@pytest.fixture(scope="module")
def leak_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A database of the module's own for the events hypothesis writes: the examples share one
    file (a fresh one each would spend the time on migrations) and ``db`` stays clean."""
    database = Database.open(f"sqlite:///{tmp_path_factory.mktemp('leaks') / 'planner.sqlite3'}")
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def read_only_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The demo data, loaded once for a module whose tests only read it (a test that writes
    takes ``db`` and loads the demo itself)."""
    database = Database.open(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'planner.sqlite3'}")
    load_demo(database)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def empty_database(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Path
) -> Callable[[], Database]:
    """A new, migrated, empty database at each call, for hypothesis examples that each need
    their own (a copy of ``migrated_template``). The caller disposes of it."""
    folder = tmp_path_factory.mktemp("empty")
    numbers = itertools.count()

    def new() -> Database:
        path = folder / f"{next(numbers)}.sqlite3"
        shutil.copyfile(migrated_template, path)
        return Database.open(f"sqlite:///{path}", migrate=False)

    return new


@pytest.hookimpl(optionalhook=True)  # xdist's hook: no error where xdist is absent
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """How many workers ``-n auto`` (addopts) starts: one process (0) when the run names test
    files or single tests, where starting workers costs more than it saves; otherwise, None:
    one per core (each PostgreSQL test makes a database of its own, see tests/postgres.py).
    ``-n 2`` on the command line still says how many."""
    named = [arg for arg in config.args if not arg.startswith("-")]
    if named and all("::" in arg or arg.endswith(".py") for arg in named):
        return 0
    return None
