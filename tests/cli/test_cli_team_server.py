"""``--db postgresql+psycopg://...``, ``db info`` and ``db copy --to URL`` follow the Connect
dialog's rules: TLS for a remote host unless the URL says ``sslmode=disable``, the remembered
password when the URL has none, and the password never in a message. The connection itself is
stopped before it is made (no network in tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from keyrings import MemoryKeyring, failing, using
from planner.cli.main import main
from planner.errors import PlannerError
from planner.services.team_server import ServerAddress, remember_password
from planner.store import Database

SECRET = "s3cret-Pw!"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the CLI opened; each refused at once as an unreachable server would be."""
    urls: list[str] = []

    def refuse(url: str, **_options: object) -> Database:
        urls.append(url)
        shown = make_url(url).render_as_string(hide_password=True)
        raise PlannerError(f"{shown}: cannot open the database (connection refused)")

    monkeypatch.setattr(Database, "open", staticmethod(refuse))
    return urls


def test_a_remote_server_gets_tls_and_the_remembered_password(
    opened: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with using(MemoryKeyring()):
        remember_password(ServerAddress("db.example.org", "planner", "team"), SECRET)
        assert main(["--db", "postgresql+psycopg://team@db.example.org/planner", "events"]) == 1
    url = make_url(opened[0])
    assert url.password == SECRET and url.query["sslmode"] == "require"
    assert SECRET not in capsys.readouterr().err


def test_sslmode_disable_in_the_url_is_a_knowing_choice(
    opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "PLANNER_DATABASE_URL", "postgresql+psycopg://team@db.example.org/planner?sslmode=disable"
    )
    assert main(["events"]) == 1
    assert make_url(opened[0]).query["sslmode"] == "disable"


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs ``db copy`` and ``db info`` made engines for; each refused at once, as an
    unreachable server would be (the source database of a copy is opened as usual)."""
    from planner.store import transfer

    urls: list[str] = []

    def refuse(url: str, **_options: object) -> object:
        urls.append(url)
        shown = make_url(url).render_as_string(hide_password=True)
        raise PlannerError(f"{shown}: cannot open the database (connection refused)")

    monkeypatch.setattr(transfer, "make_engine", refuse)
    return urls


def test_db_copy_to_a_remote_server_gets_tls_and_the_remembered_password(
    db_path: Path, engines: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with using(MemoryKeyring()):
        remember_password(ServerAddress("db.example.org", "planner", "team"), SECRET)
        to = "postgresql+psycopg://team@db.example.org/planner"
        assert main(["--db", str(db_path), "db", "copy", "--to", to]) == 1
    url = make_url(engines[0])
    assert url.password == SECRET and url.query["sslmode"] == "require"
    out = capsys.readouterr()
    assert SECRET not in out.out + out.err
    assert out.err.startswith("planner: postgresql+psycopg://team:***@db.example.org/planner")


def test_db_copy_keeps_sslmode_disable_and_a_password_of_its_own(
    db_path: Path, engines: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with using(MemoryKeyring()):
        remember_password(ServerAddress("db.example.org", "planner", "team"), "not this one")
        to = f"postgresql+psycopg://team:{SECRET}@db.example.org/planner?sslmode=disable"
        assert main(["--db", str(db_path), "db", "copy", "--to", to]) == 1
    url = make_url(engines[0])
    assert url.password == SECRET and url.query["sslmode"] == "disable"
    assert SECRET not in "".join(capsys.readouterr())


def test_db_copy_with_no_usable_keyring_connects_without_a_password(
    db_path: Path, engines: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with using(failing()):
        to = "postgresql://team@db.example.org/planner"
        assert main(["--db", str(db_path), "db", "copy", "--to", to]) == 1
    url = make_url(engines[0])
    assert url.password is None and url.query["sslmode"] == "require"
    assert capsys.readouterr().err.count("\n") == 1  # one line, no traceback


def test_db_info_on_a_server_follows_the_same_rules(
    engines: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLANNER_DATABASE_URL", "postgresql+psycopg://team@db.example.org/planner")
    with using(MemoryKeyring()):
        remember_password(ServerAddress("db.example.org", "planner", "team"), SECRET)
        assert main(["db", "info"]) == 1
    url = make_url(engines[0])
    assert url.password == SECRET and url.query["sslmode"] == "require"
    assert SECRET not in "".join(capsys.readouterr())


def test_a_local_server_is_left_as_it_is(
    db_path: Path, engines: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for to in (
        "postgresql+psycopg://team@localhost/planner",
        "postgresql+psycopg://team@/planner?host=/run/postgresql",
    ):
        assert main(["--db", str(db_path), "db", "copy", "--to", to]) == 1
    assert [make_url(url).query.get("sslmode") for url in engines] == [None, None]


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["db", "info"],
        ["db", "copy", "--to", f"postgresql://team:{SECRET}@db.example.org:notaport/planner"],
        ["db", "copy", "--to", f"mysql://team:{SECRET}@db.example.org:x/planner"],
    ],
)
def test_a_port_that_is_not_a_number_is_one_line_without_the_password(
    command: list[str], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = f"postgresql://team:{SECRET}@db.example.org:5x/planner"
    db = bad if command[0] != "db" or command[1] != "copy" else str(db_path)
    assert main(["--db", db, *command]) == 1
    err = capsys.readouterr().err
    assert "not a database URL (its port is not a number)" in err
    assert SECRET not in err and err.count("\n") == 1


def test_a_refused_connection_does_not_show_the_password(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Port 1 on this machine: refused at once, no network and no server needed.
    to = f"postgresql+psycopg://team:{SECRET}@127.0.0.1:1/planner"
    assert main(["--db", str(db_path), "db", "copy", "--to", to]) == 1
    err = capsys.readouterr().err
    assert "team:***@127.0.0.1:1/planner" in err and SECRET not in err
