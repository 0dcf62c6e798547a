"""The rooms of the code (ARCHITECTURE.md), checked on the source's import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "planner"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _room(path: Path) -> str:
    relative = path.relative_to(SRC)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


SOURCES = sorted(SRC.rglob("*.py"))


def _uses(names: set[str], package: str) -> bool:
    return any(name == package or name.startswith(package + ".") for name in names)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_rooms_import_only_what_they_may(path: Path) -> None:
    names = _imports(path)
    room = _room(path)
    if room not in {"ui", "app"}:
        assert not _uses(names, "PySide6"), "PySide6 belongs in ui/ and app.py only"
    if room != "documents":
        assert not _uses(names, "reportlab"), "ReportLab belongs in documents/ only"
    if room in {"documents", "exports"}:
        # Renderers see sheets only: no database, no person rows, nothing to leak from.
        for forbidden in ("sqlalchemy", "planner.model", "planner.store", "planner.services"):
            assert not _uses(names, forbidden), f"{room}/ renders sheets; no {forbidden}"
    if room == "model":
        for forbidden in ("planner.store", "planner.policy", "planner.services"):
            assert not _uses(names, forbidden), f"model/ may not depend on {forbidden}"
