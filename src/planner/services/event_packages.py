"""Event packages for the window: export one event, plan an import, apply the plan.

The window shows a preview between reading a package and writing it (nothing is written before
the organiser presses Import), so planning and applying are two calls here, each in its own
transaction; ``planner import`` does both in one (:func:`import_package_file`). The plan
and the summary are the store's frozen records, named here so the window needs no import below
services.
"""

from __future__ import annotations

from pathlib import Path

from planner.model import Event
from planner.store import Database
from planner.store.package import (
    ImportPlan,
    Match,
    PackageImportSummary,
    apply_planned,
    export_package,
    import_package,
    plan_import,
    read_package_file,
    write_package,
)

__all__ = [
    "ImportPlan",
    "Match",
    "PackageImportSummary",
    "apply_package",
    "event_title",
    "export_event_package",
    "import_package_file",
    "plan_package",
    "write_package",
]


def event_title(db: Database, event_id: int) -> str | None:
    """The event's title (to suggest a file name); None when there is no such event."""
    with db.session(write=False) as session:
        event = session.get(Event, event_id)
        return event.title if event is not None else None


def export_event_package(db: Database, event_id: int, path: Path) -> Path:
    """Write event ``event_id`` as an event package at ``path``; the path written."""
    with db.session(write=False) as session:
        data = export_package(session, [event_id])
    return write_package(data, path)


def plan_package(db: Database, path: Path) -> ImportPlan:
    """Read and check ``path`` and match it against the database; writes nothing."""
    data = read_package_file(path)
    with db.session(write=False) as session:
        plan = plan_import(session, data)
        session.rollback()  # planning reads only; make sure of it
    return plan


def apply_package(db: Database, plan: ImportPlan) -> PackageImportSummary:
    """Write the previewed ``plan`` in one transaction, all of it or nothing: under the people
    lock, matched again (someone may have added a person since the preview; the summary's
    ``since_preview`` says what changed)."""
    with db.session() as session:
        return apply_planned(session, plan)


def import_package_file(db: Database, path: Path) -> PackageImportSummary:
    """Read, check, match and write the package at ``path`` in ONE transaction (no preview
    between: ``planner import``); errors name the file."""
    return import_package(db, path)
