"""Connecting to a team server (PostgreSQL): the URL, the TLS rule and the password's keyring.

Qt-free, so the Connect dialog, ``planner --db postgresql+psycopg://...`` and
``PLANNER_DATABASE_URL`` follow the same rules:

- **TLS.** A server on another machine is reached with ``sslmode=require`` (``allow`` and
  ``prefer`` fall back to plain text without a word, so they are raised to ``require``). Only an
  explicit ``sslmode=disable`` turns it off: in a URL that is the user's knowing choice, in the
  dialog it follows a confirmation that explains the risk. A local server (localhost, a Unix
  socket) is left as it is: the traffic never leaves the machine.
- **Password.** Kept in the system keyring (the ``keyring`` package), never in the settings, the
  recent list, logs or messages. A URL without a password gets the one remembered for its
  user, host, port and database. A keyring that cannot be used (no Secret Service on a bare
  Linux machine) is said once; the connection works for this session without remembering.
- **Shown.** Everywhere a server is named, its URL has the password masked (:func:`masked_url`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from planner.config import APP_ID
from planner.errors import PlannerError

log = logging.getLogger(__name__)

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
# The keyring's "service": one entry per user@host:port/database under it.
KEYRING_SERVICE = APP_ID
# sslmode values that never send the password or the data in plain text.
TLS_MODES = frozenset({"require", "verify-ca", "verify-full"})
LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})

TLS_RISK = (
    "Without TLS your password and every name, email and event go over the network in plain "
    "text: anyone on the same Wi-Fi or network path can read them, and a server pretending to "
    "be yours can collect the password. Turn TLS off only for a server on a network you trust "
    "that cannot offer TLS."
)


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """Where a team database is, without the password (which lives in the keyring)."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    tls: bool = True

    @property
    def is_local(self) -> bool:
        return is_local_host(self.host)

    @property
    def key(self) -> str:
        """The keyring entry's user name: ``team@db.example.org:5432/planner``."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None = None) -> str:
        """The SQLAlchemy URL (the password in it only when given). A Unix socket folder
        (``/run/postgresql``) goes in the ``host`` query parameter, as psycopg wants it."""
        query: dict[str, str] = {}
        host: str | None = self.host
        port: int | None = self.port
        if self.host.startswith("/"):
            query["host"] = self.host
            host = None
            port = None if self.port == DEFAULT_PORT else self.port
        if not self.is_local:
            query["sslmode"] = "require" if self.tls else "disable"
        built = URL.create(
            DRIVER,
            username=self.user or None,
            password=password or None,
            host=host or None,
            port=port,
            database=self.database,
            query=query,
        )
        return built.render_as_string(hide_password=False)


def is_local_host(host: str | None) -> bool:
    """localhost, a loopback address or a Unix socket folder: traffic that stays here."""
    return host is None or host.strip().lower() in LOCAL_HOSTS or host.startswith("/")


def is_server_url(url: str) -> bool:
    return url.startswith("postgresql")


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as error:  # ValueError: a port that is not a number
        where = url.rsplit("@", 1)[-1]  # never echo a password
        why = (
            "its port is not a number"
            if isinstance(error, ValueError)
            else "e.g. postgresql://user@host/planner"
        )
        raise PlannerError(f"{where}: not a database URL ({why})") from None


def masked_url(url: str) -> str:
    """``url`` as it may be shown: the password replaced by ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.rsplit("@", 1)[-1]


def _host_of(parsed: URL) -> str | None:
    """The host the driver will connect to: the URL's, else a ``host`` query parameter (a
    Unix socket folder, as in ``?host=/tmp/pgshared``), else None (the default socket)."""
    if parsed.host:
        return parsed.host
    query_host = parsed.query.get("host")
    if isinstance(query_host, tuple):
        query_host = query_host[0] if query_host else None
    return query_host or None


def address_of(url: str) -> ServerAddress:
    """The address a server URL names (its password, if any, left out)."""
    parsed = _parse(url)
    sslmode = parsed.query.get("sslmode")
    return ServerAddress(
        host=_host_of(parsed) or "localhost",
        database=parsed.database or "",
        user=parsed.username or "",
        port=parsed.port or DEFAULT_PORT,
        tls=sslmode != "disable",
    )


def secure_url(url: str) -> str:
    """``url`` with the TLS rule applied: a remote server gets ``sslmode=require`` unless the
    URL says ``sslmode=disable`` (a knowing choice); others are returned unchanged."""
    if not is_server_url(url):
        return url
    parsed = _parse(url)
    if is_local_host(_host_of(parsed)):
        return url
    if parsed.query.get("sslmode") == "disable" or parsed.query.get("sslmode") in TLS_MODES:
        return url
    secured = parsed.update_query_dict({"sslmode": "require"})
    return secured.render_as_string(hide_password=False)


def title_of(url: str) -> str:
    """A server as the title bar and the recent list name it: ``team@db.example.org/planner``
    (no password, no port unless it is not the usual one)."""
    address = address_of(url)
    port = "" if address.port == DEFAULT_PORT else f":{address.port}"
    user = f"{address.user}@" if address.user else ""
    return f"{user}{address.host}{port}/{address.database}"


# --- the keyring ---------------------------------------------------------------------------------


class KeyringUnavailable(PlannerError):
    """The system keyring cannot be used here; the message says so in one line."""


def _unavailable(error: Exception) -> KeyringUnavailable:
    # The backend's own text may be long (install hints); its class says enough for the log.
    log.info("keyring unavailable: %s", type(error).__name__)
    return KeyringUnavailable(
        "The system keyring is not available here, so the password cannot be remembered: "
        "it is used for this session only."
    )


def remember_password(address: ServerAddress, password: str) -> None:
    """Keep ``password`` for ``address`` in the keyring. Raises KeyringUnavailable."""
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, address.key, password)
    except Exception as error:  # any backend failure (D-Bus gone, locked, none installed)
        raise _unavailable(error) from None


def forget_password(address: ServerAddress) -> None:
    """Remove a remembered password (unticked "Remember password"); nothing there is fine."""
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, address.key)
    except PasswordDeleteError:
        return
    except Exception as error:  # the keyring cannot be reached: nothing stored there either
        log.info("keyring unavailable: %s", type(error).__name__)


def stored_password(address: ServerAddress) -> str | None:
    """The password remembered for ``address``; None when none is, or the keyring cannot be
    used (asking for it then is the caller's business)."""
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, address.key)
    except Exception as error:  # an unusable keyring reads as "nothing remembered"
        log.info("keyring unavailable: %s", type(error).__name__)
        return None


def with_stored_password(url: str) -> str:
    """``url`` with the remembered password when it has none of its own (and one is kept)."""
    if not is_server_url(url):
        return url
    parsed = _parse(url)
    if parsed.password or not parsed.username:
        return url
    password = stored_password(address_of(url))
    if not password:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)


def prepare_url(url: str) -> str:
    """What ``--db``, ``PLANNER_DATABASE_URL`` or ``db copy --to`` names, ready to connect: the
    TLS rule applied and the remembered password filled in. Other URLs are returned unchanged,
    once they are known to parse (a malformed one is a PlannerError with no password in it)."""
    if not is_server_url(url):
        _parse(url)
        return url
    return with_stored_password(secure_url(url))


def without_password(url: str) -> str:
    """``url`` with any password left out (what the recent list may keep)."""
    if not is_server_url(url):
        return url
    parsed = _parse(url)
    # URL.set(password=None) keeps the password (None there means "unchanged").
    bare = URL.create(
        parsed.drivername,
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return bare.render_as_string(hide_password=False)
