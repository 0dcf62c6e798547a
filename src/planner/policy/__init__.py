"""The attribution policy: the one gate between the data and every output.

It builds a :class:`Sheet` for an event and an audience; renderers see nothing else.
``check_report`` finds every mention of the event's people in its report.
"""

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
