"""Persistence: engine and sessions, migrations, backups, queries, the event package, demo data.

``Database`` is imported on first use (PEP 562), with SQLAlchemy: a command that reads a SQLite
file with the standard library alone (:mod:`planner.store.quick_read`) imports only that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .database import Database

__all__ = ["Database"]


def __getattr__(name: str) -> Any:
    if name != "Database":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .database import Database

    globals()[name] = Database
    return Database
