"""The styled forms of a name shown live on the person page (full style, short style, salutation).

``planner.policy.names`` is the authority (the same rules the documents use); it reads any object
with the name attributes, so the page styles the values being typed before they are saved.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.policy import names


def styled_forms(values: Mapping[str, str]) -> tuple[str, str, str]:
    """(full style, short style, salutation) for a person's field values."""
    person = names.Name(
        honorific=values.get("honorific", ""),
        given_name=values.get("given_name", ""),
        family_name=values.get("family_name", ""),
        post_nominals=values.get("post_nominals", ""),
        short_style=values.get("short_style", ""),
        salutation=values.get("salutation", ""),
        name_order=values.get("name_order", ""),
    )
    return names.full_style(person), names.short_style(person), names.salutation(person)
