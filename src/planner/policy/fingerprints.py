"""Fingerprints of what went out: a stable hash of a sheet, and of the facts a message states.

Pure functions of a sheet (no database): ``planner render`` and the window fingerprint a
document as it is rendered, and :mod:`planner.services.dispatches` compares what was sent or
printed with the event as it is now.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from .sheet import Sheet, sheet_to_dict

# The facts of an event a message states, in the order a sentence names them.
FACETS = ("time", "place", "title", "cast")


def message_facets(sheet: Sheet) -> dict[str, Any]:
    """The facts a message about the event states, as ``sheet`` (the attendees') shows them."""
    when = sheet.when
    return {
        "time": f"{when.date_text}, {when.time_range_text} ({when.time_zone})",
        "place": sheet.venue.text if sheet.venue is not None else "",
        "title": sheet.title,
        "cast": [
            f"{group.label}: " + "; ".join(p.name for p in group.people) for group in sheet.cast
        ],
    }


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def facets_fingerprint(facets: Mapping[str, Any]) -> str:
    """A stable hash of a message's facts."""
    return _digest({key: facets.get(key) for key in FACETS})


def sheet_fingerprint(sheet: Sheet) -> str:
    """A stable hash of everything a document rendered from ``sheet`` can print (not the
    calendar SEQUENCE, which no document prints and an update raises)."""
    plain = sheet_to_dict(sheet)
    plain.pop("sequence", None)
    return _digest(plain)


def changed_facets(shown: Mapping[str, Any], now: Mapping[str, Any]) -> tuple[str, ...]:
    """The facts that differ between what was shown and what holds now, in ``FACETS`` order."""
    return tuple(key for key in FACETS if shown.get(key) != now.get(key))
