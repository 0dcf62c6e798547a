"""The attribution policy: the one gate between the data and every output.

It builds a :class:`Sheet` for an event and an audience; renderers see nothing else.
``check_report`` finds every mention of the event's people in its report.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for mypy and readers; at run time see __getattr__ below
    from .build import build_sheet, load_event, load_organisation, sheet_for
    from .checker import (
        Mention,
        NameScanner,
        ReportCheck,
        check_report,
        check_text,
        report_findings,
        scanner_for_event,
    )
    from .review import AttributionReview, review_event
    from .rules import EventPolicy
    from .sheet import (
        AgendaRow,
        Audience,
        CastGroup,
        Notice,
        OrganisationSheet,
        ParticipantEntry,
        PersonEntry,
        ReportSheet,
        Sheet,
        VenueSheet,
        WhenSheet,
        sheet_to_dict,
    )

_HOME: dict[str, str] = {
    "AgendaRow": "sheet",
    "AttributionReview": "review",
    "Audience": "sheet",
    "CastGroup": "sheet",
    "EventPolicy": "rules",
    "Mention": "checker",
    "NameScanner": "checker",
    "Notice": "sheet",
    "OrganisationSheet": "sheet",
    "ParticipantEntry": "sheet",
    "PersonEntry": "sheet",
    "ReportCheck": "checker",
    "ReportSheet": "sheet",
    "Sheet": "sheet",
    "VenueSheet": "sheet",
    "WhenSheet": "sheet",
    "build_sheet": "build",
    "check_report": "checker",
    "check_text": "checker",
    "load_event": "build",
    "load_organisation": "build",
    "report_findings": "checker",
    "review_event": "review",
    "scanner_for_event": "checker",
    "sheet_for": "build",
    "sheet_to_dict": "sheet",
}

__all__ = [
    "AgendaRow",
    "AttributionReview",
    "Audience",
    "CastGroup",
    "EventPolicy",
    "Mention",
    "NameScanner",
    "Notice",
    "OrganisationSheet",
    "ParticipantEntry",
    "PersonEntry",
    "ReportCheck",
    "ReportSheet",
    "Sheet",
    "VenueSheet",
    "WhenSheet",
    "build_sheet",
    "check_report",
    "check_text",
    "load_event",
    "load_organisation",
    "report_findings",
    "review_event",
    "scanner_for_event",
    "sheet_for",
    "sheet_to_dict",
]


def __getattr__(name: str) -> Any:
    # Each name is imported from its module on first use (PEP 562), so that importing a light
    # part alone (``planner.policy.sheet`` for the renderers, ``names`` for the GUI) does not
    # import the sheet builder and with it SQLAlchemy and the model.
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
