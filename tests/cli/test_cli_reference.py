"""docs/guide/cli.md stays the complete and true reference of the ``planner`` command: every
subcommand and option is in its table, every example line parses, and the ``sh`` examples run,
in order, on a demo database with the exit status their comment says (0 when it says none)."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

from planner.cli.main import _command_word, build_parser, file_to_open, main

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "cli.md"
_BLOCK = re.compile(r"^```(sh|text)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_STATUS = re.compile(r"#\s*exit (\d+)")


def _examples(kind: str | None = None) -> list[tuple[str, int]]:
    """The ``planner ...`` lines of the guide's sh (run) or text (parsed only) blocks, with
    the exit status each is documented to have."""
    found = []
    for block_kind, body in _BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        if kind is not None and block_kind != kind:
            continue
        for line in body.splitlines():
            if line == "planner" or line.startswith("planner "):
                status = _STATUS.search(line)
                found.append((line, int(status.group(1)) if status else 0))
    return found


def _argv(line: str) -> list[str]:
    return shlex.split(line, comments=True)[1:]


def _commands(
    parser: argparse.ArgumentParser, path: str = ""
) -> dict[str, argparse.ArgumentParser]:
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                words = f"{path} {name}".strip()
                found[words] = sub
                found.update(_commands(sub, words))
    return found


def _table_row(path: str) -> str:
    """The commands table's row of ``planner PATH``."""
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        if line.startswith((f"| `planner {path} ", f"| `planner {path}`")):
            return line
    raise AssertionError(f"planner {path} has no row in the commands table of {GUIDE.name}")


def test_every_command_and_option_is_in_the_table() -> None:
    parser, _ = build_parser()
    for path, sub in _commands(parser).items():
        if any(isinstance(action, argparse._SubParsersAction) for action in sub._actions):
            continue  # planner db, planner series, planner export: their actions have rows
        row = _table_row(path)
        for action in sub._actions:
            flags = [flag for flag in action.option_strings if flag not in ("-h", "--help")]
            if flags:
                assert any(flag in row for flag in flags), (path, flags)


def test_there_are_examples_of_every_command() -> None:
    parser, _ = build_parser()
    written = {" ".join(_argv(line)[:2]) for line, _ in _examples()}
    for path in _commands(parser):
        assert any(words == path or words.startswith(f"{path} ") for words in written), path


@pytest.mark.parametrize(
    "line",
    # Those shown refused (exit 2) are run, and their status checked, below.
    [line for line, status in _examples() if status != 2],
)
def test_every_example_parses(line: str) -> None:
    argv = _argv(line)
    opened = file_to_open(argv)
    if opened is not None:
        argv.remove(opened)  # planner FILE: the window opens it (as main does)
    parser, _ = build_parser(_command_word(argv))
    args = parser.parse_args(argv)
    assert (args.command is None) == (_command_word(argv) is None)


def test_only_examples_that_run_are_shown_refused() -> None:
    assert [line for line, status in _examples("text") if status] == []


def test_the_examples_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANNER_DATABASE_URL", "planner.sqlite3")
    lines = _examples("sh")
    assert len(lines) > 40
    for line, expected in lines:
        try:
            status = main(_argv(line))
        except SystemExit as exit_:  # argparse's usage errors
            status = int(exit_.code or 0)
        err = capsys.readouterr().err
        assert status == expected, (line, err)
        assert "Traceback" not in err
