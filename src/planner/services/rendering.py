"""Rendering a printed document for an event: build the sheet with the policy, then render it.

The GUI calls :func:`render_document` from a worker thread (it opens its own short session and
touches no widget); ``progress`` receives the number of pages laid out so far.

The sheet is read from a :class:`~planner.store.Database`, or from a :class:`SqliteFile` that
``sqlite3`` reads without SQLAlchemy (``planner render``: :func:`quick_source`); the same SQL and
the same records either way (:mod:`planner.policy.source`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.documents import (
    DEFAULT_AUDIENCE,
    DocumentKind,
    Rendered,
    check_audience,
    document_kind,
    render_with_warnings,
)
from planner.policy.build import as_audience, build_sheet, build_sheet_from
from planner.policy.sheet import Audience, Sheet

if TYPE_CHECKING:
    from planner.store import Database


@dataclass(frozen=True)
class SqliteFile:
    """A SQLite database file at the current schema, read with ``sqlite3`` alone."""

    path: Path


def quick_source(url: str) -> SqliteFile | None:
    """The file ``url`` names when ``sqlite3`` can read it as it is (after the day's backup,
    which opening takes); None when it must be opened as a :class:`Database` (a server, a new
    file, one to migrate: ``planner.store.quick_read.ready_file``)."""
    from planner.store.quick_read import ready_file

    path = ready_file(url)
    return None if path is None else SqliteFile(path)


def read_sheet(source: Database | SqliteFile, event_id: int, audience: Audience) -> Sheet:
    """The sheet of event ``event_id`` for ``audience``, read from ``source``."""
    if isinstance(source, SqliteFile):
        from planner.store.quick_read import reading

        with reading(source.path) as rows:
            return build_sheet_from(rows, event_id, audience)
    with source.session(write=False) as session:
        return build_sheet(session, event_id, audience)


def _audience(kind: DocumentKind, audience: Audience | str | None) -> Audience:
    return DEFAULT_AUDIENCE[kind] if audience is None else as_audience(audience)


@dataclass(frozen=True)
class EventDocument(Rendered):
    """A rendered document and what it was rendered from: its kind, audience and the
    fingerprint of its sheet (what :func:`record_output` remembers when it goes out)."""

    event_id: int = 0
    kind: str = ""
    audience: str = ""
    fingerprint: str = ""
    facets: Mapping[str, Any] = field(default_factory=dict)


def render_event_document(
    db: Database | SqliteFile,
    event_id: int,
    kind: DocumentKind | str,
    *,
    audience: Audience | str | None = None,
    paper: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> EventDocument:
    """The PDF of ``kind`` for event ``event_id``, the warnings that go with it and the
    fingerprint of the sheet it was rendered from.

    The audience defaults per document (``DEFAULT_AUDIENCE``); one the document may not be
    rendered for is refused (PolicyRefusal) before any data is read.
    """
    from planner.policy.fingerprints import message_facets, sheet_fingerprint

    kind = document_kind(str(kind))
    chosen = _audience(kind, audience)
    check_audience(kind, chosen)
    sheet = read_sheet(db, event_id, chosen)
    rendered = render_with_warnings(kind, sheet, paper=paper, progress=progress)
    return EventDocument(
        rendered.pdf,
        rendered.warnings,
        event_id=event_id,
        kind=kind.value,
        audience=chosen.value,
        fingerprint=sheet_fingerprint(sheet),
        facets=message_facets(sheet),
    )


def record_output(db: Database, document: EventDocument, how: str) -> None:
    """Remember that ``document`` was printed, saved or opened (``how``): after an edit the
    event then says it is out of date and offers a fresh copy."""
    from planner.services.dispatches import record_document

    record_document(
        db,
        document.event_id,
        document.kind,
        document.audience,
        document.fingerprint,
        document.facets,
        how,
    )


def render_document(
    db: Database,
    event_id: int,
    kind: DocumentKind | str,
    *,
    audience: Audience | str | None = None,
    paper: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The PDF bytes of ``kind`` for event ``event_id`` (see :func:`render_event_document`)."""
    return render_event_document(
        db, event_id, kind, audience=audience, paper=paper, progress=progress
    ).pdf


def write_document(
    db: Database | SqliteFile,
    event_id: int,
    kind: DocumentKind | str,
    path: Path,
    *,
    audience: Audience | str | None = None,
    paper: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Rendered:
    """Render and write the PDF to ``path`` atomically (temporary file, then rename)."""
    from planner.store.files import atomic_write

    rendered = render_event_document(
        db, event_id, kind, audience=audience, paper=paper, progress=progress
    )
    # Not recorded as sent (record_output): ``planner render`` makes files for scripts and
    # reads a SQLite file without SQLAlchemy (no writes); the window records what it prints,
    # saves or opens.
    atomic_write(Path(path), rendered.pdf)
    return rendered
