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

# The facts of an event a message states, in the order a sentence names them. An invitation
# states the time and place (the room with the venue), the title and the cast in its text, the
# attribution rule (the event's and any part's own) in its notice, and the agenda in the
# programme it attaches: a change to any of them makes what was sent out of date.
FACETS = ("time", "place", "title", "cast", "rule", "agenda")


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
        "rule": [
            sheet.rule,
            *(f"{row.title}: {row.rule}" for row in sheet.agenda if row.overrides_event_rule),
        ],
        "agenda": [
            f"{row.time_text} {row.title}: "
            + "; ".join(p.name for p in row.people)
            + (f" ({row.withheld})" if row.withheld else "")
            for row in sheet.agenda
        ],
    }


def as_stated(now: Mapping[str, Any], shown: Mapping[str, Any]) -> dict[str, Any]:
    """``now`` restricted to the facts ``shown`` recorded. A message recorded before a fact
    was compared (the rule and the agenda came later) is judged on the facts it recorded, so
    an upgrade does not make every message sent before it out of date at once."""
    return {key: value for key, value in now.items() if not shown or key in shown}


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def facets_fingerprint(facets: Mapping[str, Any]) -> str:
    """A stable hash of a message's facts (those of ``FACETS`` it has: see :func:`as_stated`)."""
    return _digest({key: facets[key] for key in FACETS if key in facets})


def still_current(fingerprint: str, shown: Mapping[str, Any], now: Mapping[str, Any]) -> bool:
    """Whether a message recorded with ``fingerprint`` and ``shown`` still states ``now``."""
    return fingerprint == facets_fingerprint(as_stated(now, shown))


def sheet_fingerprint(sheet: Sheet) -> str:
    """A stable hash of everything a document rendered from ``sheet`` can print (not the
    calendar SEQUENCE, which no document prints and an update raises)."""
    plain = sheet_to_dict(sheet)
    plain.pop("sequence", None)
    return _digest(plain)


def changed_facets(shown: Mapping[str, Any], now: Mapping[str, Any]) -> tuple[str, ...]:
    """The facts that differ between what was shown and what holds now, in ``FACETS`` order
    (of those ``shown`` recorded)."""
    stated = as_stated(now, shown)
    return tuple(key for key in FACETS if key in stated and shown.get(key) != stated[key])
