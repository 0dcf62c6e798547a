"""The rooms of the code (docs/ARCHITECTURE.md), checked on the source's import statements.

Every import counts: at the top of a module, inside a function (a lazy import is still a
dependency) and under ``if TYPE_CHECKING:``. Relative imports are resolved to the module they
name. Imports through strings (``importlib.import_module``) are not seen.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "planner"


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted name, relative imports resolved
    names: tuple[str, ...] = ()  # what ``from module import ...`` takes; () for ``import``


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


SOURCES = sorted(SRC.rglob("*.py"))
MODULES: dict[str, Path] = {_module_name(path): path for path in SOURCES}


@cache
def _imports(path: Path) -> tuple[Import, ...]:
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append(Import(target, tuple(alias.name for alias in node.names)))
    return tuple(found)


def _names(path: Path) -> set[str]:
    return {found.module for found in _imports(path)}


def _uses(names: Iterable[str], package: str) -> bool:
    return any(name == package or name.startswith(package + ".") for name in names)


# -- the rooms ----------------------------------------------------------------------------


def room(module: str) -> str:
    """A top-level package or module under planner; inside ui, each sub-package is a room of
    its own ("ui.editor") and the modules directly in ui/ (context, commands, worker) form
    "ui", the ground every ui room stands on."""
    parts = module.split(".")[1:]
    if not parts:
        return "planner"
    if parts[0] == "ui" and len(parts) > 2:
        return "ui." + parts[1]
    return parts[0]


def _planner_targets(found: Import) -> set[str]:
    """The planner modules an import loads by name: ``from planner.ui import worker`` is
    planner.ui.worker, ``from planner.model import Event`` is planner.model."""
    if found.module not in MODULES:
        return set()
    submodules = {f"{found.module}.{name}" for name in found.names} & MODULES.keys()
    return submodules if submodules else {found.module}


def module_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        targets: set[str] = set()
        for found in _imports(path):
            targets |= _planner_targets(found)
        graph[module] = targets - {module}
    return graph


def find_cycle(graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """One import cycle as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def rooms_both_ways(graph: Mapping[str, Iterable[str]]) -> dict[tuple[str, str], list[str]]:
    """Pairs of rooms that import each other, with the imports that make each direction."""
    edges: dict[tuple[str, str], list[str]] = {}
    for module, targets in graph.items():
        for target in targets:
            pair = (room(module), room(target))
            if pair[0] != pair[1]:
                edges.setdefault(pair, []).append(f"{module} -> {target}")
    return {
        (a, b): sorted(edges[(a, b)] + edges[(b, a)])
        for (a, b) in edges
        if a < b and (b, a) in edges
    }


# -- what ui may import -------------------------------------------------------------------

# Below services, ui may use only model's vocabularies (enums, their labels, field limits) and
# the neutral top-level modules (the checks' findings, zones, errors, config, logs). Everything
# else goes through planner.services.
UI_MAY_IMPORT = (
    "planner.ui",
    "planner.services",
    "planner.model.enums",
    "planner.model.labels",
    "planner.model.limits",
    "planner.findings",
    "planner.errors",
    "planner.zones",
    "planner.days",
    "planner.config",
    "planner.logs",
)
UI_MAY_NOT_IMPORT = ("sqlalchemy", "alembic")


@cache
def _model_enum_names() -> frozenset[str]:
    """What planner.model re-exports from model/enums.py: ``from planner.model import Role``
    is an enum, ``from planner.model import Event`` an ORM class."""
    tree = ast.parse((SRC / "model" / "enums.py").read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return frozenset(names)


def ui_violations(imports: Iterable[Import]) -> list[str]:
    """The imports of a ui module that reach below services."""
    bad: list[str] = []
    for found in imports:
        if found.module == "planner":
            # ``from planner import __version__``; ``from planner import store`` is the store.
            modules = [f"planner.{name}" for name in found.names if f"planner.{name}" in MODULES]
            bad.extend(ui_violations([Import(module) for module in modules]))
        elif _uses([found.module], "planner"):
            if found.module == "planner.model":
                orm = sorted(set(found.names) - _model_enum_names())
                if orm:
                    bad.append(f"planner.model: {', '.join(orm)}")
            elif not any(_uses([found.module], allowed) for allowed in UI_MAY_IMPORT):
                bad.append(found.module)
        elif any(_uses([found.module], forbidden) for forbidden in UI_MAY_NOT_IMPORT):
            bad.append(found.module)
    return bad


# The database handle the window holds (AppContext.db) is opaque: ui passes it to services and
# never opens a session on it, reaches its engine or disposes of it, imports or no imports
# (services/database.py does what the shell needs of the handle itself).
HANDLE_NAMES = frozenset({"db"})
HANDLE_MISUSE = frozenset({"session", "engine", "dispose"})


def handle_misuse(tree: ast.AST) -> list[str]:
    """``db.session()``, ``ctx.db.engine``, ``self.db.dispose()``: the handle used directly."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in HANDLE_MISUSE:
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name in HANDLE_NAMES:
                found.append(f"line {node.lineno}: {name}.{node.attr}")
    return found


@cache
def _handle_misuse_in(path: Path) -> tuple[str, ...]:
    return tuple(handle_misuse(ast.parse(path.read_text(encoding="utf-8"))))


UI_SOURCES = [path for path in SOURCES if room(_module_name(path)).startswith("ui")]


def _short(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


# -- the tests ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", SOURCES, ids=_short)
def test_rooms_import_only_what_they_may(path: Path) -> None:
    names = _names(path)
    here = room(_module_name(path)).split(".")[0]
    if here not in {"ui", "app"}:
        assert not _uses(names, "PySide6"), "PySide6 belongs in ui/ and app.py only"
    if here != "documents":
        assert not _uses(names, "reportlab"), "ReportLab belongs in documents/ only"
    if here in {"documents", "exports"}:
        # Renderers see sheets only: no database, no person rows, nothing to leak from.
        for forbidden in ("sqlalchemy", "planner.model", "planner.store", "planner.services"):
            assert not _uses(names, forbidden), f"{here}/ renders sheets; no {forbidden}"
    if here == "model":
        for forbidden in ("planner.store", "planner.policy", "planner.services"):
            assert not _uses(names, forbidden), f"model/ may not depend on {forbidden}"
    if here in {"model", "store", "policy", "scheduling", "services", "cli"}:
        assert not _uses(names, "planner.ui"), f"{here}/ is below the window; no planner.ui"


@pytest.mark.parametrize("path", UI_SOURCES, ids=_short)
def test_ui_goes_through_services(path: Path) -> None:
    violations = [*ui_violations(_imports(path)), *_handle_misuse_in(path)]
    assert not violations, (
        f"{_short(path)} reaches below services ({'; '.join(violations)}): ask a "
        "planner.services module instead"
    )


# ``planner render`` on a SQLite file reads it with sqlite3 and never imports SQLAlchemy (whose
# import costs more than the rendering): the modules on that path may not import it, not even
# lazily (tests/cli/test_startup_imports.py checks the whole process).
SQLITE_READ_PATH = (
    "planner.model",
    "planner.model.enums",
    "planner.model.labels",
    "planner.policy.source",
    "planner.policy.rules",
    "planner.policy.checker",
    "planner.policy.names",
    "planner.store",
    "planner.store.quick_read",
    "planner.store.schema_state",
    "planner.store.health",
    "planner.store.revisions",
)


@pytest.mark.parametrize("module", SQLITE_READ_PATH)
def test_the_sqlite_read_path_imports_no_sqlalchemy(module: str) -> None:
    names = _names(MODULES[module])
    assert not _uses(names, "sqlalchemy"), f"{module} is on planner render's sqlite3 path"
    assert not _uses(names, "planner.model.entities") or module == "planner.model"


def test_no_two_rooms_import_each_other() -> None:
    both_ways = rooms_both_ways(module_graph())
    assert not both_ways, "\n".join(
        f"{a} and {b} import each other: {'; '.join(edges)}"
        for (a, b), edges in sorted(both_ways.items())
    )


def test_no_import_cycle_between_modules() -> None:
    cycle = find_cycle(module_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_every_planner_import_names_a_module_that_exists() -> None:
    """A module moved without its importers (a lazy import is only found when it runs)."""
    missing = [
        f"{_short(path)}: {found.module}"
        for path in SOURCES
        for found in _imports(path)
        if _uses([found.module], "planner") and found.module not in MODULES
    ]
    assert not missing, "\n".join(missing)


# -- the checks themselves can fail -------------------------------------------------------


def test_find_cycle_reports_the_path() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_rooms_both_ways_sees_a_pair() -> None:
    graph = {"planner.policy.x": {"planner.scheduling.y"}, "planner.scheduling.y": set()}
    assert rooms_both_ways(graph) == {}
    graph["planner.scheduling.y"] = {"planner.policy.z"}
    assert set(rooms_both_ways(graph)) == {("policy", "scheduling")}
    ui = {
        "planner.ui.editor.a": {"planner.ui.shell.b"},
        "planner.ui.shell.b": {"planner.ui.editor.c"},
    }
    assert set(rooms_both_ways(ui)) == {("ui.editor", "ui.shell")}


@pytest.mark.parametrize(
    ("line", "bad"),
    [
        ("from sqlalchemy import select", True),
        ("from sqlalchemy.orm import Session", True),
        ("from planner.store import Database", True),
        ("from planner.model import Event", True),
        ("from planner.model import AttributionRule, Person", True),
        ("from planner.policy.names import full_style", True),
        ("from planner.model import AttributionRule, CAST_ROLES", False),
        ("from planner.model.labels import RULE_LABELS", False),
        ("from planner.findings import Finding", False),
        ("from planner.services.people import search_people", False),
        ("from planner.ui.context import AppContext", False),
        ("from planner import __version__", False),
        ("from planner import store", True),
        ("from planner import zones", False),
        ("from PySide6.QtWidgets import QWidget", False),
    ],
)
def test_ui_rule_tells_allowed_from_forbidden(line: str, bad: bool) -> None:
    node = ast.parse(line).body[0]
    assert isinstance(node, ast.ImportFrom) and node.module
    found = Import(node.module, tuple(alias.name for alias in node.names))
    assert bool(ui_violations([found])) is bad


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ("with ctx.db.session() as session: pass", True),
        ("with self.db.session(write=False) as s: pass", True),
        ("db.session()", True),
        ("url = self.ctx.db.engine.url", True),
        ("self.ctx.db.dispose()", True),
        ("rows = list_events(self.ctx.db, flt)", False),
        ("let_go(self.ctx.db)", False),
        ("self.series_session = 1", False),
    ],
)
def test_handle_rule_tells_allowed_from_forbidden(source: str, bad: bool) -> None:
    assert bool(handle_misuse(ast.parse(source))) is bad
