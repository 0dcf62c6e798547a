"""A command imports and registers only the modules that add it (``main.COMMAND_MODULES``).

If the table forgot a module, that module's subcommands would vanish from the command they
belong to ("planner export xlsx: invalid choice"); these tests compare the parser a command
builds for itself with the whole parser that ``planner --help`` shows.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from planner.cli.main import COMMAND_MODULES, _command_word, build_parser
from planner.cli.registry import Importer, Registry


def _leaves(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> Iterator[str]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield " ".join(prefix)
    for action in subs:
        for name, sub in action.choices.items():
            yield from _leaves(sub, (*prefix, name))


def _top_level_commands(parser: argparse.ArgumentParser) -> set[str]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(action.choices)


ALL_COMMANDS = sorted({word for words in COMMAND_MODULES.values() for word in words})


@pytest.mark.parametrize("module", sorted(COMMAND_MODULES))
def test_each_module_adds_exactly_the_commands_the_table_names(module: str) -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers()
    exports = commands.add_parser("export").add_subparsers()
    importers: dict[str, Importer] = {}
    registry = Registry(commands=commands, exports=exports, importers=importers)
    importlib.import_module(module).register(registry)
    added = set(commands.choices) - {"export"}
    if exports.choices:
        added.add("export")
    if importers:
        added.add("import")
    assert added == set(COMMAND_MODULES[module])


def test_the_table_covers_every_command_of_the_whole_parser() -> None:
    whole, _ = build_parser()
    assert _top_level_commands(whole) == set(ALL_COMMANDS)


@pytest.mark.parametrize("command", ALL_COMMANDS)
def test_a_commands_own_parser_has_all_its_subcommands(command: str) -> None:
    whole, whole_importers = build_parser()
    own, own_importers = build_parser(command)
    assert _top_level_commands(own) <= set(ALL_COMMANDS)
    assert command in _top_level_commands(own)
    mine = {leaf for leaf in _leaves(whole) if leaf.split()[0] == command}
    assert {leaf for leaf in _leaves(own) if leaf.split()[0] == command} == mine
    if command == "import":
        assert own_importers.keys() == whole_importers.keys()


def test_an_unknown_word_gets_the_whole_parser() -> None:
    # "planner rendr" must still answer with the list of every command.
    parser, _ = build_parser("rendr")
    assert _top_level_commands(parser) == set(ALL_COMMANDS)


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["render", "programme", "1", "-o", "x.pdf"], "render"),
        (["--db", "render", "events"], "events"),  # "render" is the database's file name
        (["--db=x.sqlite3", "export", "ics", "1"], "export"),
        (["--help", "render"], None),
        (["--version"], None),
        (["--db", "x.sqlite3"], None),
        ([], None),
    ],
)
def test_the_command_word(argv: list[str], word: str | None) -> None:
    assert _command_word(argv) == word


def test_render_loads_no_other_command_module() -> None:
    # Building the parser for `planner render` imports planner.cli.render and nothing else of
    # the command modules (the whole process: see tests/cli/test_startup_imports.py).
    code = (
        "import json, sys\nfrom planner.cli.main import build_parser\nbuild_parser('render')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('planner.cli.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == ["planner.cli.main", "planner.cli.registry", "planner.cli.render"]
