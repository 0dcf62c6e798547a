"""How many characters each long text field holds: the one list every entry point checks.

Short fields are limited by their String(n) column; the Text and JSON list columns below have
no length in the database, so their maximum is kept here. ``planner.model.types.max_length``
answers for both, and the package reader, the people CSV/vCard import and the services the
window calls all ask it. Documented in docs/guide/foundation.md ("Field lengths").

The maxima keep rendering quick (the longest report body lays out in well under a second) and
are far beyond what a programme or briefing note holds in practice.
"""

from __future__ import annotations

BIOGRAPHY = 20_000
NOTE = 20_000  # concept note, background, internal notes, descriptions
REPORT_BODY = 200_000
LIST_ITEM = 2_000  # one key issue or recommendation
# An agenda item's description sits in a timetable cell, which cannot continue on the next
# page: 2,000 characters is about half a page in that column.
AGENDA_DESCRIPTION = 2_000
ADDRESS = 1_000
# A history row: what the row was ("speaker Sana Rahman"), and a field's old and new values,
# which are never longer than the longest field.
HISTORY_LABEL = 2_000
HISTORY_VALUE = REPORT_BODY

# (table, column) -> maximum characters, for columns without a length of their own.
TEXT_LIMITS: dict[tuple[str, str], int] = {
    ("person", "short_bio"): BIOGRAPHY,
    ("person", "long_bio"): BIOGRAPHY,
    ("person", "notes"): NOTE,
    # Derived, never typed (store.people_index.person_search_text): seven fields of at most
    # 1,540 characters and the two names twice; folding may lengthen a character (NFKD).
    ("person", "search_text"): NOTE,
    ("event", "concept_note"): NOTE,
    ("event", "background"): NOTE,
    ("event", "notes"): NOTE,
    ("event", "report_summary"): REPORT_BODY,
    ("event", "report_discussion"): REPORT_BODY,
    ("event", "key_issues"): LIST_ITEM,
    ("event", "report_recommendations"): LIST_ITEM,
    ("agenda_item", "description"): AGENDA_DESCRIPTION,
    ("series", "description"): NOTE,
    ("organisation", "address"): ADDRESS,
    ("venue", "address"): ADDRESS,
    ("venue", "notes"): NOTE,
    ("change", "label"): HISTORY_LABEL,
    ("change", "old_value"): HISTORY_VALUE,
    ("change", "new_value"): HISTORY_VALUE,
}


def too_long(label: str, value: str, limit: int | None) -> str | None:
    """The one message for a text over its limit, or None if it fits."""
    if limit is None or len(value) <= limit:
        return None
    return f"{label} is longer than {limit:,} characters ({len(value):,})"
