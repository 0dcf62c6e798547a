"""The one length check for a value an editor writes to a column.

The package reader and the people CSV/vCard import check lengths as they read; the window's
edits reach the database through undoable commands (and, later, service operations), which
all call :func:`check_length` before they write. It answers from the same maxima as every
other entry point (``planner.model.types.max_length``: the String(n) length, or
``planner.model.limits`` for Text and list columns), so a text refused by an import is refused
by the window too, with a message naming the field and its limit.

Qt-free: the window shows the message under the field (or in the status bar), the services
raise it as a :class:`~planner.errors.ValidationError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.errors import ValidationError
from planner.model.limits import too_long
from planner.model.types import max_length

# What a user calls the columns whose name alone reads badly, by (table, column). A list
# column's label names one item: the message says which one ("Key issue 3").
LABELS: dict[tuple[str, str], str] = {
    ("event", "title"): "Title",
    ("event", "short_title"): "Short title",
    ("event", "subtitle"): "Subtitle",
    ("event", "concept_note"): "Concept note",
    ("event", "background"): "Background",
    ("event", "notes"): "Internal notes",
    ("event", "report_summary"): "Summary",
    ("event", "report_discussion"): "Discussion",
    ("event", "key_issues"): "Key issue",
    ("event", "report_recommendations"): "Recommendation",
    ("event", "report_url"): "Report link",
    ("event", "contact"): "Contact",
    ("agenda_item", "title"): "Agenda item title",
    ("agenda_item", "description"): "Agenda item description",
    ("consent", "description"): "Consent description",
    ("person", "short_bio"): "Short biography",
    ("person", "long_bio"): "Long biography",
    ("person", "honorific"): "Honorific or rank",
}

# How a table's other columns are named: "Venue address", "Series description".
NOUNS: dict[str, str] = {
    "agenda_item": "Agenda item",
    "organisation": "Organisation",
    "venue": "Venue",
    "room": "Room",
    "series": "Series",
}


def field_label(model: type[Any], field: str) -> str:
    """The name of ``model.field`` as a message shows it."""
    table = str(model.__tablename__)
    known = LABELS.get((table, field))
    if known is not None:
        return known
    words = field.replace("_", " ")
    noun = NOUNS.get(table)
    return f"{noun} {words}" if noun else words[:1].upper() + words[1:]


def check_length(model_or_record: type[Any] | object, field: str, value: object) -> str | None:
    """Why ``value`` may not be written to ``field`` (one line naming the field and its limit),
    or None when it fits. ``model_or_record`` is a model class or one of its rows.

    A list (key issues, recommendations) is checked item by item; values that are not text
    and columns without a limit always fit."""
    model = model_or_record if isinstance(model_or_record, type) else type(model_or_record)
    table = getattr(model, "__table__", None)
    if table is None or field not in table.c:
        return None  # not a column (a relationship, a computed name): nothing to measure
    limit = max_length(model, field)
    if limit is None:
        return None
    label = field_label(model, field)
    if isinstance(value, str):
        problem = too_long(label, value, limit)
        return f"{problem}." if problem else None
    if isinstance(value, list | tuple):
        for number, item in enumerate(value, start=1):
            if isinstance(item, str):
                problem = too_long(f"{label} {number}", item, limit)
                if problem:
                    return f"{problem}."
    return None


def check_values(model_or_record: type[Any] | object, values: Mapping[str, object]) -> None:
    """Raise a ValidationError naming every field of ``values`` that is too long."""
    problems = [
        problem
        for field, value in values.items()
        if (problem := check_length(model_or_record, field, value)) is not None
    ]
    if problems:
        # One line: the window's status bar and the CLI show the first line of an error.
        raise ValidationError(" ".join(problems))


__all__ = ["check_length", "check_values", "field_label"]
