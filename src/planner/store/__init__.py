"""Persistence: engine and sessions, migrations, backups, queries, the event package, demo data."""

from . import events as _events  # noqa: F401  (registers the SEQUENCE hook)
from . import history as _history  # noqa: F401  (registers the history listeners)
from .database import Database

__all__ = ["Database"]
