"""Connecting to a team server: the URL, the TLS rule, the keyring, and where a password may
never appear (messages, titles, the recent list). Opening and creating database files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from keyrings import MemoryKeyring, failing, using
from planner.errors import PlannerError
from planner.services import team_server
from planner.services.database import create_database, location_title, open_url
from planner.services.team_server import (
    KeyringUnavailable,
    ServerAddress,
    address_of,
    masked_url,
    prepare_url,
    remember_password,
    secure_url,
    stored_password,
    title_of,
    without_password,
)

REMOTE = ServerAddress(host="db.example.org", database="planner", user="team")
SECRET = "s3cret-Pw!"


def test_a_remote_server_is_reached_with_tls_and_a_local_one_as_it_is() -> None:
    assert REMOTE.url() == "postgresql+psycopg://team@db.example.org:5432/planner?sslmode=require"
    plain = ServerAddress(host="db.example.org", database="planner", user="team", tls=False)
    assert plain.url().endswith("?sslmode=disable")
    local = ServerAddress(host="localhost", database="planner", user="team")
    assert "sslmode" not in local.url()
    socket = ServerAddress(host="/run/postgresql", database="planner", user="team")
    assert socket.url() == "postgresql+psycopg://team@/planner?host=%2Frun%2Fpostgresql"
    assert socket.is_local and not REMOTE.is_local


@pytest.mark.parametrize(
    ("url", "expected_mode"),
    [
        ("postgresql+psycopg://team@db.example.org/planner", "require"),
        ("postgresql+psycopg://team@db.example.org/planner?sslmode=prefer", "require"),
        ("postgresql+psycopg://team@db.example.org/planner?sslmode=allow", "require"),
        ("postgresql+psycopg://team@db.example.org/planner?sslmode=verify-full", "verify-full"),
        # Written out in the URL: the user's knowing choice.
        ("postgresql+psycopg://team@db.example.org/planner?sslmode=disable", "disable"),
        ("postgresql+psycopg://team@localhost/planner", None),
        ("postgresql+psycopg://team@127.0.0.1/planner", None),
        ("postgresql+psycopg://postgres@/postgres?host=/tmp/pgshared", None),
        ("postgresql+psycopg://postgres@/postgres", None),
    ],
)
def test_the_tls_rule_for_command_line_urls(url: str, expected_mode: str | None) -> None:
    assert make_url(secure_url(url)).query.get("sslmode") == expected_mode


def test_sqlite_urls_are_left_alone() -> None:
    url = "sqlite:////tmp/x.sqlite3"
    assert prepare_url(url) == secure_url(url) == url


def test_the_password_is_masked_wherever_a_server_is_shown() -> None:
    url = f"postgresql+psycopg://team:{SECRET}@db.example.org:5433/planner"
    for shown in (masked_url(url), title_of(url), location_title(url), without_password(url)):
        assert SECRET not in shown
    assert title_of(url) == "team@db.example.org:5433/planner"
    assert title_of("postgresql+psycopg://team@db.example.org/planner") == (
        "team@db.example.org/planner"
    )
    assert address_of(url) == ServerAddress("db.example.org", "planner", "team", 5433)


def test_a_remembered_password_fills_a_url_without_one() -> None:
    with using(MemoryKeyring()) as ring:
        remember_password(REMOTE, SECRET)
        assert ring.get_password(team_server.KEYRING_SERVICE, REMOTE.key) == SECRET
        prepared = make_url(prepare_url("postgresql+psycopg://team@db.example.org:5432/planner"))
        assert prepared.password == SECRET
        assert prepared.query["sslmode"] == "require"
        # A URL with a password of its own keeps it; another user gets nothing.
        own = "postgresql+psycopg://team:other@db.example.org:5432/planner"
        assert ":other@" in prepare_url(own)
        assert SECRET not in prepare_url("postgresql+psycopg://sana@db.example.org/planner")
        team_server.forget_password(REMOTE)
        assert stored_password(REMOTE) is None
        team_server.forget_password(REMOTE)  # nothing there: fine


def test_an_unusable_keyring_is_one_message_and_connecting_still_works() -> None:
    with using(failing()):
        with pytest.raises(KeyringUnavailable) as raised:
            remember_password(REMOTE, SECRET)
        message = str(raised.value)
        assert "keyring is not available" in message and "this session only" in message
        assert SECRET not in message and "\n" not in message
        assert stored_password(REMOTE) is None
        team_server.forget_password(REMOTE)
        url = "postgresql+psycopg://team@db.example.org/planner"
        assert prepare_url(url) == url + "?sslmode=require"


def test_a_server_that_cannot_be_reached_names_it_without_the_password() -> None:
    # Port 9 on localhost: nothing listens, the refusal is immediate (no network used).
    url = f"postgresql+psycopg://team:{SECRET}@localhost:9/planner?connect_timeout=2"
    with pytest.raises(PlannerError) as raised:
        open_url(url)
    assert SECRET not in str(raised.value)
    assert "localhost:9" in str(raised.value)


def test_location_titles_name_the_file_and_its_folder(tmp_path: Path) -> None:
    home = Path.home()
    assert location_title(f"sqlite:///{home / 'Documents' / 'planner.sqlite3'}") == (
        "planner.sqlite3 (~/Documents)"
    )
    assert location_title(f"sqlite:///{tmp_path / 'x.sqlite3'}") == f"x.sqlite3 ({tmp_path})"


def test_new_database_is_migrated_and_never_replaces_a_file(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = create_database(path)
    try:
        assert db.engine.dialect.name == "sqlite"
    finally:
        db.dispose()
    with sqlite3.connect(path) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "event" in tables or "events" in tables
    with pytest.raises(PlannerError, match="exists"):
        create_database(path)
    empty = tmp_path / "empty.sqlite3"
    empty.touch()  # an empty file is no database yet: it may become one
    create_database(empty).dispose()
    with pytest.raises(PlannerError, match="folder does not exist"):
        create_database(tmp_path / "missing" / "x.sqlite3")


@pytest.mark.parametrize("content", [b"%PDF-1.7 not a database at all" * 200, b"sqlite"])
def test_a_file_that_is_not_a_planner_database_is_refused_unchanged(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "other.sqlite3"
    path.write_bytes(content)
    with pytest.raises(PlannerError):
        open_url(f"sqlite:///{path}")
    assert path.read_bytes() == content


def test_another_programs_sqlite_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "music.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    before = path.read_bytes()
    with pytest.raises(PlannerError):
        open_url(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_without_password_leaves_the_password_out_and_keeps_the_rest() -> None:
    url = f"postgresql+psycopg://team:{SECRET}@db.example.org:5433/planner?sslmode=require"
    bare = make_url(without_password(url))
    assert bare.password is None and SECRET not in without_password(url)
    assert (bare.username, bare.host, bare.port, bare.database) == (
        "team",
        "db.example.org",
        5433,
        "planner",
    )
    assert bare.query == {"sslmode": "require"}


@given(
    password=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=24
    ),
    host=st.sampled_from(["db.example.org", "localhost", "/run/postgresql", "10.0.0.7"]),
)
def test_no_password_survives_in_what_is_shown_or_kept(password: str, host: str) -> None:
    from urllib.parse import quote

    secret = "Ω§" + password  # marks it: "plan" alone would be found in "planner"
    url = ServerAddress(host=host, database="planner", user="team").url(secret)
    assert make_url(url).password == secret  # it does reach the connection
    forms = {secret, quote(secret, safe=""), quote(secret)}
    for shown in (masked_url(url), title_of(url), location_title(url), without_password(url)):
        assert not any(form in shown for form in forms), shown
    assert make_url(prepare_url(without_password(url))).password is None
