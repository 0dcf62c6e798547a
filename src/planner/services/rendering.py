"""Rendering a printed document for an event: build the sheet with the policy, then render it.

The GUI calls :func:`render_document` from a worker thread (it opens its own short session and
touches no widget); ``progress`` receives the number of pages laid out so far.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planner.documents import (
    DEFAULT_AUDIENCE,
    DocumentKind,
    Rendered,
    check_audience,
    document_kind,
    render_with_warnings,
)
from planner.policy.build import as_audience, build_sheet
from planner.policy.sheet import Audience
from planner.store import Database


def _audience(kind: DocumentKind, audience: Audience | str | None) -> Audience:
    return DEFAULT_AUDIENCE[kind] if audience is None else as_audience(audience)


def render_event_document(
    db: Database,
    event_id: int,
    kind: DocumentKind | str,
    *,
    audience: Audience | str | None = None,
    paper: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Rendered:
    """The PDF of ``kind`` for event ``event_id`` and the warnings that go with it.

    The audience defaults per document (``DEFAULT_AUDIENCE``); one the document may not be
    rendered for is refused (PolicyRefusal) before any data is read.
    """
    kind = document_kind(str(kind))
    chosen = _audience(kind, audience)
    check_audience(kind, chosen)
    with db.session(write=False) as session:
        sheet = build_sheet(session, event_id, chosen)
    return render_with_warnings(kind, sheet, paper=paper, progress=progress)


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
    db: Database,
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
    atomic_write(Path(path), rendered.pdf)
    return rendered
