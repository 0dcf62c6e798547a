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


# The rooms of ui/ that already reach the database through services only (the one way down):
# the editor, the undo command, the worker and the shared widgets. Other ui rooms join this list
# as they are moved to services and operations.
THROUGH_SERVICES = sorted(
    [
        SRC / "ui" / "commands.py",
        SRC / "ui" / "worker.py",
        *(SRC / "ui" / "editor").glob("*.py"),
        *(SRC / "ui" / "widgets").glob("*.py"),
    ]
)


def _model_names(path: Path) -> set[str]:
    """The names imported from planner.model (its package, not its modules)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "planner.model"
        for alias in node.names
    }


@pytest.mark.parametrize("path", THROUGH_SERVICES, ids=lambda p: str(p.relative_to(SRC)))
def test_the_window_reaches_the_database_through_services_only(path: Path) -> None:
    import planner.model
    from planner.model import Base

    names = _imports(path)
    for forbidden in (
        "sqlalchemy",
        "planner.store",
        "planner.scheduling",
        "planner.policy",
        "planner.documents",
        "planner.exports",
    ):
        assert not _uses(names, forbidden), f"{forbidden}: go through planner.services"
    # Enums, labels and limits of the model are plain vocabulary; its ORM classes are not.
    for module in names:
        if module.startswith("planner.model."):
            assert module in {"planner.model.labels", "planner.model.limits"}, module
    for name in _model_names(path):
        value = getattr(planner.model, name)
        assert not (isinstance(value, type) and issubclass(value, Base)), (
            f"{name} is an ORM class: name the record with planner.services.operations.Record"
        )
