"""File ▸ Connect to Team Server…: the window switches to the shared PostgreSQL test server
through the dialog; the password goes to the keyring only (never the settings, the title, the
recent list or a message); remote servers need TLS unless the user knowingly turns it off."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from keyrings import MemoryKeyring, failing, using
from planner.errors import PlannerError
from planner.services.database import address
from planner.services.events import list_events
from planner.services.team_server import KEYRING_SERVICE, ServerAddress
from planner.ui.shell import connect_dialog, recent
from planner.ui.shell.connect_dialog import ConnectDialog
from planner.ui.shell.main_window import MainWindow

SECRET = "s3cret-Pw!"

# The message boxes a test saw: (title, text), in order (the ``boxes`` fixture).
Boxes = list[tuple[str, str]]


@pytest.fixture
def window(open_window: Callable[..., MainWindow]) -> MainWindow:
    return open_window()


def _fill(dialog: ConnectDialog, url: str, *, remember: bool = True) -> ServerAddress:
    parsed = make_url(url)
    host = str(parsed.query.get("host") or parsed.host or "localhost")
    dialog.host.setText(host)
    if parsed.port:
        dialog.port.setValue(parsed.port)
    dialog.database.setText(parsed.database or "")
    dialog.user.setText(parsed.username or "")
    dialog.password.setText(SECRET)
    dialog.remember.setChecked(remember)
    return dialog.address()


def _settings_text(window: MainWindow) -> str:
    window.settings.sync()
    return Path(window.settings.fileName()).read_text(encoding="utf-8")


def test_connect_switches_the_window_to_the_team_server(
    window: MainWindow, postgres_url: str, boxes: Boxes
) -> None:
    with using(MemoryKeyring()) as ring:
        dialog = ConnectDialog(window)
        server = _fill(dialog, postgres_url)
        assert dialog.try_connect()
        assert not boxes
        assert window.ctx.db.engine.dialect.name == "postgresql"  # type: ignore[attr-defined]
        assert list_events(window.ctx.db) == []
        name = make_url(postgres_url).database
        socket_folder = make_url(postgres_url).query["host"]
        assert window.windowTitle() == f"Planner — postgres@{socket_folder}/{name}"
        # Remembered in the keyring, and nowhere else.
        assert ring.get_password(KEYRING_SERVICE, server.key) == SECRET  # type: ignore[attr-defined]
        assert SECRET not in _settings_text(window)
        assert SECRET not in address(window.ctx.db) and SECRET not in window.windowTitle()
        entries = recent.entries(window.settings)
        assert entries[0].startswith("postgresql+psycopg://postgres@/") and SECRET not in entries[0]
        # Open Recent on the server: the dialog comes filled in, the password from the keyring.
        again = ConnectDialog(window, entries[0])
        assert again.password.text() == SECRET and again.remember.isChecked()
        assert again.database.text() == name
        window.ctx.db.dispose()


def test_a_keyring_that_cannot_be_used_is_one_message_and_the_connection_works(
    window: MainWindow, postgres_url: str, boxes: Boxes
) -> None:
    with using(failing()):
        dialog = ConnectDialog(window)
        _fill(dialog, postgres_url)
        assert dialog.try_connect()
    assert window.ctx.db.engine.dialect.name == "postgresql"  # type: ignore[attr-defined]
    assert len(boxes) == 1 and boxes[0][0] == "Password not remembered"
    assert SECRET not in boxes[0][1]
    window.ctx.db.dispose()


def test_a_refused_connection_names_the_server_never_the_password(
    window: MainWindow, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def refuse(url: str) -> object:
        opened.append(url)
        raise PlannerError(
            "postgresql+psycopg://team:***@db.example.org/planner: cannot open the database "
            "(password authentication failed)"
        )

    monkeypatch.setattr(connect_dialog, "open_url", refuse)
    title = window.windowTitle()
    dialog = ConnectDialog(window)
    dialog.host.setText("db.example.org")
    dialog.database.setText("planner")
    dialog.user.setText("team")
    dialog.password.setText(SECRET)
    with using(MemoryKeyring()) as ring:
        assert not dialog.try_connect()
        assert ring.passwords == {}  # type: ignore[attr-defined]  # nothing kept on failure
    # The remote server was asked for TLS; the message names it without the password.
    assert make_url(opened[0]).query["sslmode"] == "require"
    assert len(boxes) == 1 and "team@db.example.org/planner" in boxes[0][1]
    assert SECRET not in boxes[0][1]
    assert window.windowTitle() == title  # the open database stays open


def test_turning_tls_off_for_a_remote_server_asks_first(
    window: MainWindow, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        connect_dialog,
        "open_url",
        lambda url: opened.append(url) or (_ for _ in ()).throw(PlannerError("refused")),
    )
    dialog = ConnectDialog(window)
    dialog.host.setText("db.example.org")
    dialog.database.setText("planner")
    dialog.user.setText("team")
    dialog.tls.setChecked(False)
    answers = [False, True]
    asked: list[str] = []

    def confirm(server: ServerAddress) -> bool:
        asked.append(server.host)
        return answers.pop(0)

    monkeypatch.setattr(dialog, "confirm_plain_text", confirm)
    assert not dialog.try_connect()
    assert asked == ["db.example.org"] and not opened  # Cancel: nothing was sent
    assert dialog.tls.isChecked()  # put back on
    dialog.tls.setChecked(False)
    assert not dialog.try_connect()
    assert make_url(opened[0]).query["sslmode"] == "disable"  # knowingly
    # A server on this machine needs no TLS and no question.
    dialog.host.setText("localhost")
    asked.clear()
    dialog.try_connect()
    assert not asked and "sslmode" not in opened[-1]


def test_a_missing_field_is_one_message_naming_it(window: MainWindow, boxes: Boxes) -> None:
    dialog = ConnectDialog(window)
    dialog.host.setText("db.example.org")
    dialog.database.setText("")
    assert not dialog.try_connect()
    assert boxes[-1][1].startswith("Database:")
    dialog.database.setText("planner")
    assert not dialog.try_connect()
    assert boxes[-1][1].startswith("User:")
