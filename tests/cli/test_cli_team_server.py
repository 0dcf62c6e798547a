"""``--db postgresql+psycopg://...`` follows the Connect dialog's rules: TLS for a remote host
unless the URL says ``sslmode=disable``, the remembered password when the URL has none, and
the password never in a message. The connection itself is stopped before it is made (no
network in tests)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from keyrings import MemoryKeyring, using
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
