"""Every value of a vocabulary has a label (a new enum member must be given one)."""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path

import pytest

from planner.model import (
    PERSON_FIELDS,
    AgendaKind,
    AttributionRule,
    EventAudience,
    EventFormat,
    EventStatus,
    InvitationStatus,
    PaperSize,
    Role,
    TimeStyle,
    enums,
    labels,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "planner"


@pytest.mark.parametrize(
    ("table", "enum"),
    [
        (labels.RULE_LABELS, AttributionRule),
        (labels.RULE_BADGES, AttributionRule),
        (labels.ROLE_LABELS, Role),
        (labels.ROLE_PLURALS, Role),
        (labels.FORMAT_LABELS, EventFormat),
        (labels.FORMAT_CHOICE_LABELS, EventFormat),
        (labels.STATUS_LABELS, EventStatus),
        (labels.INVITATION_LABELS, InvitationStatus),
        (labels.AGENDA_KIND_LABELS, AgendaKind),
        (labels.AUDIENCE_LABELS, EventAudience),
        (labels.TIME_STYLE_LABELS, TimeStyle),
        (labels.PAPER_SIZE_LABELS, PaperSize),
    ],
)
def test_each_value_has_a_label(table: dict[StrEnum, str], enum: type[StrEnum]) -> None:
    assert list(table) == list(enum)
    assert all(label.strip() for label in table.values())


def test_documents_print_event_where_the_gui_offers_other() -> None:
    assert labels.FORMAT_LABELS[EventFormat.OTHER] == "Event"
    assert labels.FORMAT_CHOICE_LABELS[EventFormat.OTHER] == "Other"
    others = [f for f in EventFormat if f is not EventFormat.OTHER]
    assert all(labels.FORMAT_LABELS[f] == labels.FORMAT_CHOICE_LABELS[f] for f in others)


def test_every_vocabulary_has_a_table() -> None:
    enum_types = {
        value
        for value in vars(enums).values()
        if isinstance(value, type) and issubclass(value, StrEnum)
    } - {StrEnum}
    labelled = {
        type(next(iter(table)))
        for table in vars(labels).values()
        if isinstance(table, dict) and table and isinstance(next(iter(table)), StrEnum)
    }
    assert enum_types <= labelled, enum_types - labelled


def _enum_keyed_dicts(tree: ast.Module, enum_names: set[str]) -> list[tuple[str, ast.Dict]]:
    """(name it is assigned to, "" if none; the dict) for dicts written out with enum members
    as keys and text as values."""
    found: list[tuple[str, ast.Dict]] = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if (
            isinstance(value, ast.Dict)
            and value.keys
            and all(
                isinstance(key, ast.Attribute)
                and isinstance(key.value, ast.Name)
                and key.value.id in enum_names
                and isinstance(text, ast.Constant)
                and isinstance(text.value, str)
                for key, text in zip(value.keys, value.values, strict=True)
            )
        ):
            name = next((t.id for t in targets if isinstance(t, ast.Name)), "")
            found.append((name, value))
    return found


def test_no_label_table_outside_model_labels() -> None:
    """A table called ..._LABELS keyed by a vocabulary, or a copy of one of labels.py's tables
    under another name, belongs in labels.py. (Sentences, verbs and colours keyed by a
    vocabulary are not labels: they live where they are used.)"""
    enum_names = {name for name, value in vars(enums).items() if isinstance(value, type)}
    tables = [
        set(table.values())
        for table in vars(labels).values()
        if isinstance(table, dict) and table and isinstance(next(iter(table)), StrEnum)
    ]
    found = []
    for path in sorted(SRC.rglob("*.py")):
        where = path.relative_to(SRC).as_posix()
        if where == "model/labels.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, table in _enum_keyed_dicts(tree, enum_names):
            texts = {value.value for value in table.values if isinstance(value, ast.Constant)}
            if "LABELS" in name.upper() or any(texts <= known for known in tables):
                found.append(f"{where}:{table.lineno} {name}")
    assert not found, found


def test_person_fields_each_have_a_label() -> None:
    assert list(labels.PERSON_FIELD_LABELS) == list(PERSON_FIELDS)


@pytest.mark.parametrize(
    ("numbering", "number", "session", "series"),
    [
        ("Session {n}", 2, "Session 2", "Review \u00b7 Session 2"),
        ("Seminar No. {n}", 14, "Seminar No. 14", "Review \u00b7 Seminar No. 14"),
        ("", 3, "Session 3", "Review \u00b7 Session 3"),
        ("第{n}期", 5, "第5期", "Review \u00b7 第5期"),
    ],
)
def test_series_labels(numbering: str, number: int, session: str, series: str) -> None:
    assert labels.session_label(numbering, number) == session
    assert labels.series_label("Review", numbering, number) == series
    assert labels.series_label("Review", numbering, None) == "Review"
    assert labels.series_label("", numbering, number) == ""
