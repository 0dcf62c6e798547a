"""Every value of a vocabulary has a label (a new enum member must be given one)."""

from __future__ import annotations

from enum import StrEnum

import pytest

from planner.model import AttributionRule, EventFormat, EventStatus, InvitationStatus, Role, labels


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
