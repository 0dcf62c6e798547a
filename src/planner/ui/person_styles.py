"""The styled forms of a name shown live on the person page (full style, short style, salutation).

The policy engineer's ``planner.policy.names`` is the authority; until it is importable, a plain
derivation stands in so the page still shows something sensible.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class _Fields:
    """Attribute access over a field mapping (what the policy's functions read)."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError as error:
            raise AttributeError(name) from error


def styled_forms(values: Mapping[str, str]) -> tuple[str, str, str]:
    """(full style, short style, salutation) for a person's field values."""
    try:
        from planner.policy import names  # type: ignore[attr-defined]

        person = _Fields(values)
        return (
            str(names.full_style(person)),
            str(names.short_style(person)),
            str(names.salutation(person)),
        )
    except (ImportError, AttributeError, TypeError):
        return _fallback(values)


def _fallback(values: Mapping[str, str]) -> tuple[str, str, str]:
    honorific = values.get("honorific", "").strip()
    given = values.get("given_name", "").strip()
    family = values.get("family_name", "").strip()
    post = values.get("post_nominals", "").strip()
    full = " ".join(p for p in (honorific, given, family, post) if p)
    short = values.get("short_style", "").strip() or " ".join(p for p in (honorific, family) if p)
    salutation = values.get("salutation", "").strip() or (
        f"Dear {short}" if short else f"Dear {given}".strip()
    )
    return full, short, salutation
