"""One time-zone helper (planner/zones.py) and one fallback zone, used by every room."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from planner.errors import PlannerError
from planner.model import Event, Organisation
from planner.services.events import create_from_template
from planner.store import Database
from planner.zones import FALLBACK_ZONE, held_in, is_zone, unknown_zone, zone, zone_or_utc

SRC = Path(__file__).resolve().parents[2] / "src" / "planner"
# The demo data may name its own zone; everything else asks the organisation (or zones.py).
MAY_NAME_A_ZONE = {"zones.py", "store/demo.py", "store/demo_texts.py"}


def _sources() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(SRC).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(SRC.rglob("*.py"))
    ]


def test_the_fallback_zone_is_named_in_one_place() -> None:
    named = [
        f"{where}:{node.lineno}"
        for where, tree in _sources()
        if where not in MAY_NAME_A_ZONE
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value == FALLBACK_ZONE
    ]
    assert not named, f"use planner.zones (held_in, FALLBACK_ZONE): {named}"


def test_only_zones_py_builds_zones() -> None:
    """No second ``zone()`` with its own idea of an unknown name, no bare ZoneInfo(...)."""
    found = []
    for where, tree in _sources():
        if where == "zones.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.lstrip("_") == "zone":
                found.append(f"{where}:{node.lineno} def {node.name}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "ZoneInfo"
            ):
                found.append(f"{where}:{node.lineno} ZoneInfo(...)")
    assert not found, found


def test_strict_zone_names_the_bad_name() -> None:
    assert zone("Europe/London").key == "Europe/London"
    for bad in ("Mars/Olympus_Mons", "", "A" * 5000, "../etc/passwd"):
        with pytest.raises(PlannerError) as raised:
            zone(bad)
        assert str(raised.value) == unknown_zone(bad)


def test_lenient_zone_falls_back_to_utc() -> None:
    assert zone_or_utc("Asia/Tokyo").key == "Asia/Tokyo"
    assert zone_or_utc("").key == "UTC"
    assert zone_or_utc("Mars/Olympus_Mons").key == "UTC"


def test_held_in_takes_the_first_zone_named() -> None:
    assert held_in("Asia/Tokyo", "Europe/London") == "Asia/Tokyo"
    assert held_in("", "Europe/London") == "Europe/London"
    assert held_in(None, "") == FALLBACK_ZONE
    assert held_in() == FALLBACK_ZONE
    assert is_zone("Europe/London") and not is_zone("Europe/Atlantis") and is_zone(FALLBACK_ZONE)


def test_a_new_event_is_held_in_the_organisations_zone(db: Database) -> None:
    with db.session() as session:
        session.add(Organisation(name="Institute", time_zone="Europe/London"))
    event_id = create_from_template(db, "seminar", title="Talk", day=date(2026, 3, 10))
    with db.session(write=False) as session:
        event = session.get(Event, event_id)
        assert event is not None and event.time_zone == "Europe/London"
        assert event.starts_at.astimezone(zone("Europe/London")).hour == 17


def test_a_fresh_database_falls_back_to_the_one_fallback(db: Database) -> None:
    with db.session() as session:
        assert session.scalars(select(Organisation)).first() is None
    event_id = create_from_template(db, "seminar", title="Talk", day=date(2026, 3, 10))
    with db.session(write=False) as session:
        event = session.get(Event, event_id)
        assert event is not None and event.time_zone == FALLBACK_ZONE
