"""Persistence: engine and sessions, migrations, backups, queries, the event package, demo data."""

from .database import Database

__all__ = ["Database"]
