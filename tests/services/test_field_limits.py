"""The one length check every window edit passes (services.field_limits)."""

from __future__ import annotations

import pytest

from planner.errors import ValidationError
from planner.model import AgendaItem, Event, Organisation, Series, Venue, limits
from planner.services.field_limits import check_length, check_values


def test_a_text_at_its_maximum_fits_and_one_more_character_is_named_with_the_limit() -> None:
    assert check_length(Venue, "address", "a" * limits.ADDRESS) is None
    assert check_length(Venue, "address", "a" * (limits.ADDRESS + 1)) == (
        "Venue address is longer than 1,000 characters (1,001)."
    )
    assert check_length(Series, "description", "d" * (limits.NOTE + 1)) == (
        "Series description is longer than 20,000 characters (20,001)."
    )
    assert check_length(Organisation, "address", "o" * (limits.ADDRESS + 1)) == (
        "Organisation address is longer than 1,000 characters (1,001)."
    )


def test_short_columns_are_limited_by_their_own_length() -> None:
    assert check_length(AgendaItem, "title", "t" * 500) is None
    assert check_length(AgendaItem, "title", "t" * 501) == (
        "Agenda item title is longer than 500 characters (501)."
    )
    assert check_length(Venue, "name", "v" * 301) == (
        "Venue name is longer than 300 characters (301)."
    )


def test_a_list_names_the_item_that_is_too_long() -> None:
    issues = ["fine", "k" * 2_000_000]
    assert check_length(Event, "key_issues", issues) == (
        "Key issue 2 is longer than 2,000 characters (2,000,000)."
    )
    assert check_length(Event, "report_recommendations", ("r" * limits.LIST_ITEM,)) is None


def test_a_row_answers_like_its_class_and_what_is_no_text_always_fits() -> None:
    assert check_length(Venue(name="x"), "address", "a" * 1_001) is not None
    assert check_length(Venue, "opens_at", None) is None
    assert check_length(Event, "agenda", "not a column") is None


def test_check_values_raises_one_line_naming_every_field() -> None:
    check_values(Venue, {"name": "Serena", "address": "Islamabad"})
    with pytest.raises(ValidationError) as caught:
        check_values(Venue, {"name": "n" * 301, "address": "a" * 1_001, "city": "ok"})
    message = str(caught.value)
    assert "\n" not in message
    assert "Venue name is longer than 300" in message
    assert "Venue address is longer than 1,000" in message
