"""The attribution policy: the one gate between the data and every output.

It builds a :class:`Sheet` for an event and an audience; renderers see nothing else.
"""

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
    "Audience",
    "CastGroup",
    "Notice",
    "OrganisationSheet",
    "ParticipantEntry",
    "PersonEntry",
    "ReportSheet",
    "Sheet",
    "VenueSheet",
    "WhenSheet",
    "sheet_to_dict",
]
