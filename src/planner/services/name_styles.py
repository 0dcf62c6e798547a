"""The styled forms of a name shown live on the person page (full style, short style, salutation).

``planner.policy.names`` is the authority (the same rules the documents use); it reads any object
with the name attributes, so the page styles the values being typed before they are saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planner.policy import names


@dataclass(frozen=True)
class _Typed:
    """The name fields of a person page (what ``names.NameParts`` asks for)."""

    honorific: str
    given_name: str
    family_name: str
    post_nominals: str
    short_style: str
    salutation: str


def styled_forms(values: Mapping[str, str]) -> tuple[str, str, str]:
    """(full style, short style, salutation) for a person's field values."""
    person = _Typed(
        values.get("honorific", ""),
        values.get("given_name", ""),
        values.get("family_name", ""),
        values.get("post_nominals", ""),
        values.get("short_style", ""),
        values.get("salutation", ""),
    )
    return names.full_style(person), names.short_style(person), names.salutation(person)
