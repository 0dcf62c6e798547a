"""Fingerprints of what went out: a stable hash of a sheet, and of the facts a message states.

Pure functions of a sheet (no database): ``planner render`` and the window fingerprint a
document as it is rendered, and :mod:`planner.services.dispatches` compares what was sent or
printed with the event as it is now.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from planner.model.enums import CAST_ROLES, Role
from planner.model.labels import ROLE_LABELS, ROLE_PLURALS

from .sheet import Sheet, sheet_to_dict

# The facts of an event a message states, in the order a sentence names them. An invitation
# states the time and place (the room with the venue), the title and the cast in its text, the
# attribution rule (the event's and any part's own) in its notice, and the agenda in the
# programme it attaches: a message is out of date when one of them differs from the event now.
FACETS = ("time", "place", "title", "cast", "rule", "agenda")
# Facts added after messages were first recorded: a message recorded without one is not taken
# as out of date for it (it never stated it), so an upgrade raises no false alarm.
LATER_FACETS = frozenset({"rule", "agenda"})
# The only facets the stored fingerprint hashes (it was defined before the rule and the agenda
# were facts; staleness is decided fact by fact, by :func:`changed_facets`).
FINGERPRINTED = ("time", "place", "title", "cast")
# Kept beside the facts only to word a change ("the room", not "the venue"); never compared.
PLACE_DETAILS = ("venue", "room")


def _minutes(start: datetime, moment: datetime) -> str:
    """A time as minutes after the event's start ("+70"): moving the whole event is a change
    of time, not of its agenda."""
    return f"{round((moment - start).total_seconds() / 60):+d}"


def message_facets(sheet: Sheet) -> dict[str, Any]:
    """The facts a message about the event states, as ``sheet`` (the attendees') shows them:
    when, where, the title, the cast by role ("Speakers: A; B"), and the timetable of the
    programme the message carries (times from the start, titles, the people in each part)."""
    when = sheet.when
    start = when.starts_at
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
            f"{_minutes(start, row.starts_at)}/{_minutes(start, row.ends_at)} {row.title}: "
            + "; ".join(f"{p.role_label} {p.name}" for p in row.people)
            + (f" ({row.withheld})" if row.withheld else "")
            for row in sheet.agenda
        ],
        "venue": sheet.venue.name if sheet.venue is not None else "",
        "room": sheet.venue.room if sheet.venue is not None else "",
    }


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def facets_fingerprint(facets: Mapping[str, Any]) -> str:
    """A stable hash of a message's facts (those it has hashed since messages were first
    recorded: a record, not what decides staleness)."""
    return _digest({key: facets.get(key) for key in FINGERPRINTED})


def sheet_fingerprint(sheet: Sheet) -> str:
    """A stable hash of everything a document rendered from ``sheet`` can print (not the
    calendar SEQUENCE, which no document prints and an update raises)."""
    plain = sheet_to_dict(sheet)
    plain.pop("sequence", None)
    return _digest(plain)


def changed_facets(shown: Mapping[str, Any], now: Mapping[str, Any]) -> tuple[str, ...]:
    """The facts that differ between what was shown and what holds now, in ``FACETS`` order
    (a later fact the message never recorded is not compared)."""
    return tuple(
        key
        for key in FACETS
        if (key in shown or key not in LATER_FACETS) and shown.get(key) != now.get(key)
    )


# --- what changed, in words -------------------------------------------------------------------

_ROLE_BY_LABEL: dict[str, Role] = {
    **{label: role for role, label in ROLE_LABELS.items()},
    **{label: role for role, label in ROLE_PLURALS.items()},
}


@dataclass(frozen=True)
class ChangedFact:
    """One thing a change notice names: "time", "venue", "room", "title", a role ("rapporteur",
    "speakers"), "agenda"; never a person."""

    name: str  # "time", "venue", "room", "title", a Role value, "cast", "rule", "agenda"
    plural: bool = False

    @property
    def word(self) -> str:
        if self.name in _ROLES:
            role = Role(self.name)
            return (ROLE_PLURALS if self.plural else ROLE_LABELS)[role].lower()
        return _WORDS.get(self.name, self.name)


_ROLES = frozenset(role.value for role in Role)
# Facts whose key is not the word a sentence uses.
_WORDS = {"rule": "attribution rule"}
# The order a notice names them: the facts' order, the roles in the programme's order.
_ORDER = (
    "time",
    "venue",
    "room",
    "title",
    *(role.value for role in CAST_ROLES),
    *(role.value for role in Role if role not in CAST_ROLES),
    "cast",
    "rule",
    "agenda",
)


def _cast_by_role(lines: Any) -> dict[str, tuple[str, ...]] | None:
    """The names of "Speakers: A; B" lines (``message_facets``' cast) by role value; None
    when a label is not one of ours (a label renamed since the message was recorded)."""
    groups: dict[str, tuple[str, ...]] = {}
    for line in lines or ():
        label, _sep, names = str(line).partition(": ")
        role = _ROLE_BY_LABEL.get(label)
        if role is None:
            return None
        groups[role.value] = tuple(n for n in names.split("; ") if n)
    return groups


def _cast_changes(shown: Any, now: Any) -> list[ChangedFact]:
    before, after = _cast_by_role(shown), _cast_by_role(now)
    if before is None or after is None:
        return [ChangedFact("cast")]
    changes: list[ChangedFact] = []
    for role in sorted(set(before) | set(after), key=_ORDER.index):
        old, new = before.get(role, ()), after.get(role, ())
        if old != new:
            changes.append(ChangedFact(role, plural=max(len(old), len(new)) > 1))
    return changes or [ChangedFact("cast")]


def _place_changes(shown: Mapping[str, Any], now: Mapping[str, Any]) -> list[ChangedFact]:
    if not all(key in shown for key in PLACE_DETAILS):
        return [ChangedFact("venue")]  # recorded before the details were kept
    if shown.get("venue") == now.get("venue") and shown.get("room") != now.get("room"):
        return [ChangedFact("room")]
    return [ChangedFact("venue")]


def changed_facts(shown: Mapping[str, Any], now: Mapping[str, Any]) -> tuple[ChangedFact, ...]:
    """What a notice says changed between ``shown`` and ``now``: each fact by its own word,
    a change of cast by the label of each role that changed."""
    facts: list[ChangedFact] = []
    for key in changed_facets(shown, now):
        if key == "place":
            facts += _place_changes(shown, now)
        elif key == "cast":
            facts += _cast_changes(shown.get(key), now.get(key))
        else:
            facts.append(ChangedFact(key))
    return tuple(facts)


def merged_facts(groups: Iterable[Iterable[ChangedFact]]) -> tuple[ChangedFact, ...]:
    """The facts of several notices as one list, each once (plural when any says so), in the
    order a sentence names them."""
    plural: dict[str, bool] = {}
    for facts in groups:
        for fact in facts:
            plural[fact.name] = plural.get(fact.name, False) or fact.plural
    return tuple(ChangedFact(name, plural[name]) for name in sorted(plural, key=_ORDER.index))


def facts_phrase(facts: Sequence[ChangedFact]) -> tuple[str, bool]:
    """ "time and rapporteur" and whether a verb after it is plural ("speakers" is)."""
    words = [fact.word for fact in facts]
    if len(words) <= 1:
        return "".join(words), any(fact.plural for fact in facts)
    return ", ".join(words[:-1]) + " and " + words[-1], True
