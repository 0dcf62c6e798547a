"""Printed documents: programme, briefing note, report, name badges, table tents, sign-in sheet.

Every document is rendered from a :class:`planner.policy.Sheet` and nothing else. ReportLab is
imported only when something is rendered, so starting ``planner`` stays quick.

    from planner.documents import DocumentKind, render
    pdf = render(DocumentKind.PROGRAMME, sheet)            # bytes
    result = render_with_warnings(DocumentKind.BADGES, sheet)  # .pdf, .warnings
"""

from __future__ import annotations

import enum
import importlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from planner.errors import PlannerError, PolicyRefusal
from planner.policy.sheet import Audience, Sheet

from .deferred import defer_optional_imports

# Before anything imports ReportLab: every planner module that does is inside this package.
defer_optional_imports()

log = logging.getLogger(__name__)
_render_lock = threading.Lock()


class DocumentKind(enum.StrEnum):
    PROGRAMME = "programme"
    BRIEFING = "briefing"
    REPORT = "report"
    BADGES = "badges"
    TENTS = "tents"
    SIGNIN = "signin"


# Who each document is for, and who else may have it (DOMAIN.md, "What each document may show").
DEFAULT_AUDIENCE: dict[DocumentKind, Audience] = {
    DocumentKind.PROGRAMME: Audience.ATTENDEES,
    DocumentKind.BRIEFING: Audience.ORGANISERS,
    DocumentKind.REPORT: Audience.PUBLIC,
    DocumentKind.BADGES: Audience.ORGANISERS,
    DocumentKind.TENTS: Audience.ORGANISERS,
    DocumentKind.SIGNIN: Audience.ORGANISERS,
}
ALLOWED_AUDIENCES: dict[DocumentKind, frozenset[Audience]] = {
    DocumentKind.PROGRAMME: frozenset({Audience.ATTENDEES, Audience.PUBLIC}),
    DocumentKind.BRIEFING: frozenset({Audience.ORGANISERS}),
    # Organisers may read the draft report before it is published.
    DocumentKind.REPORT: frozenset({Audience.PUBLIC, Audience.ORGANISERS}),
    DocumentKind.BADGES: frozenset({Audience.ORGANISERS}),
    DocumentKind.TENTS: frozenset({Audience.ORGANISERS}),
    DocumentKind.SIGNIN: frozenset({Audience.ORGANISERS}),
}
# Lists of people are confidential whatever the rule.
ALWAYS_CONFIDENTIAL = frozenset({DocumentKind.BRIEFING, DocumentKind.SIGNIN})

TITLES: dict[DocumentKind, str] = {
    DocumentKind.PROGRAMME: "programme",
    DocumentKind.BRIEFING: "briefing note",
    DocumentKind.REPORT: "report",
    DocumentKind.BADGES: "name badges",
    DocumentKind.TENTS: "table tents",
    DocumentKind.SIGNIN: "sign-in sheet",
}


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    # Things the reader should know: characters no bundled font has, an unreadable logo.
    warnings: tuple[str, ...]


def document_kind(value: str) -> DocumentKind:
    try:
        return DocumentKind(value)
    except ValueError:
        kinds = ", ".join(k.value for k in DocumentKind)
        raise PlannerError(f"unknown document {value!r}; use one of: {kinds}") from None


def check_audience(kind: DocumentKind, audience: Audience) -> None:
    """Refuse a document for an audience it is not meant for."""
    allowed = ALLOWED_AUDIENCES[kind]
    if audience not in allowed:
        names = " or ".join(sorted(a.value for a in allowed))
        title = TITLES[kind]
        verb = "are" if title.endswith("s") else "is"  # "the name badges are", "the report is"
        raise PolicyRefusal(
            f"the {title} {verb} for {names}; {'they are' if verb == 'are' else 'it is'} not "
            f"rendered for the {audience.value} audience"
        )


def render_with_warnings(
    kind: DocumentKind | str,
    sheet: Sheet,
    *,
    paper: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Rendered:
    """Render ``kind`` from ``sheet``; ``paper`` ("a4"/"letter") overrides the organisation's.

    ``progress`` is called with the number of pages done so far. Raises PolicyRefusal when the
    sheet's audience may not have this document or the policy refused the report.
    """
    kind = document_kind(str(kind))
    check_audience(kind, sheet.audience)
    # ReportLab keeps process-wide state (registered fonts, shaping caches): one render at a
    # time, so the GUI's worker threads and the CLI can share the process safely.
    with _render_lock:
        return _render(kind, sheet, paper, progress)


def _render(
    kind: DocumentKind,
    sheet: Sheet,
    paper: str | None,
    progress: Callable[[int], None] | None,
) -> Rendered:
    from .base import RenderContext, page_size

    module = importlib.import_module(f"planner.documents.{kind.value}")
    ctx = RenderContext(
        sheet=sheet,
        pagesize=page_size(sheet, paper),
        progress=progress,
        confidential=kind in ALWAYS_CONFIDENTIAL,
    )
    pdf: bytes = module.render(ctx)
    warnings = tuple(ctx.all_warnings())
    for warning in warnings:
        log.warning("%s for event %s: %s", TITLES[kind], sheet.event_id, warning)
    return Rendered(pdf=pdf, warnings=warnings)


def render(
    kind: DocumentKind | str,
    sheet: Sheet,
    *,
    paper: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The PDF of ``kind`` for ``sheet`` (see :func:`render_with_warnings`)."""
    return render_with_warnings(kind, sheet, paper=paper, progress=progress).pdf


__all__ = [
    "ALLOWED_AUDIENCES",
    "DEFAULT_AUDIENCE",
    "DocumentKind",
    "Rendered",
    "check_audience",
    "document_kind",
    "render",
    "render_with_warnings",
]
