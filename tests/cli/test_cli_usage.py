"""Usage errors: every bad value of every typed option, an unknown option, a document asked for
an audience it is not for. Each exits 2 with argparse's one error line naming the argument and
the usage of the command typed (not of ``planner``), before the database is opened."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from planner.cli.main import build_parser, main
from planner.cli.render import DOCUMENT_AUDIENCES

# For each (command, option) the parser converts or restricts (a ``type`` or ``choices``): the
# words before it and one bad value. A new typed option without a row here fails
# test_every_typed_option_has_a_bad_value_row, so that it gets one.
BAD_VALUES: dict[tuple[str, str], list[str]] = {
    ("check", "EVENT_ID"): ["abc"],
    ("conflicts", "--from"): ["--from", "yesterday"],
    ("conflicts", "--to"): ["--to", "2026-02-30"],
    ("db copy", "--to"): ["--to", "sqlite://"],
    ("backup", "-o/--output"): ["-o", ""],
    ("export announcement", "EVENT_ID"): ["0"],
    ("export announcement", "--format"): ["1", "--format", "pdf"],
    ("export announcement", "-o/--output"): ["1", "-o", " "],
    ("export csv", "what"): ["everyone"],
    ("export csv", "EVENT_ID"): ["participants", "x"],
    ("export csv", "-o/--output"): ["people", "-o", ""],
    ("export eml", "EVENT_ID"): ["-1"],
    ("export eml", "--kind"): ["1", "--kind", "memo"],
    ("export eml", "--to"): ["1", "--to", "nobody"],
    ("export eml", "-o/--output"): ["1", "-o", ""],
    ("export ics", "EVENT_ID"): ["1.5"],
    ("export ics", "--series"): ["--series", "one"],
    ("export ics", "--method"): ["1", "--method", "reply"],
    ("export ics", "-o/--output"): ["1", "-o", ""],
    ("export package", "EVENT_ID"): ["abc"],
    ("export package", "-o/--output"): ["1", "-o", ""],
    ("export vcard", "what"): ["everyone"],
    ("export vcard", "EVENT_ID"): ["participants", "0"],
    ("export vcard", "-o/--output"): ["people", "-o", ""],
    ("export vcard", "--version"): ["people", "--version", "2.1"],
    ("export vcard", "--audience"): ["participants", "1", "--audience", "press"],
    ("export xlsx", "what"): ["everyone"],
    ("export xlsx", "EVENT_ID"): ["participants", "99999999999999999999"],
    ("export xlsx", "-o/--output"): ["people", "-o", ""],
    ("history", "EVENT_ID"): ["seven"],
    ("import", "[KIND] FILE"): [""],
    ("restore", "FILE"): [" "],
    ("render", "{programme,briefing,report,badges,tents,signin}"): ["poster"],
    ("render", "EVENT_ID"): ["programme", "x"],
    ("render", "-o/--output"): ["programme", "1", "-o", "programme.txt"],
    ("render", "--audience"): ["programme", "1", "--audience", "press"],
    ("render", "--paper"): ["programme", "1", "--paper", "a3"],
    ("series plan", "SERIES_ID"): ["first"],
    ("series plan", "--rrule"): ["1", "--rrule", "FREQ=FORTNIGHTLY"],
    ("series plan", "--count"): ["1", "--count", "-3"],
    ("series plan", "--at"): ["1", "--at", "25:00"],
    ("series plan", "--start"): ["1", "--start", "tomorrow"],
    ("series plan", "--skip-months"): ["1", "--skip-months", "13"],
    ("series plan", "--skip-dates"): ["1", "--skip-dates", "2026-12-25,xmas"],
    ("sheet", "EVENT_ID"): ["0"],
    ("sheet", "--audience"): ["1", "--audience", "press"],
}


def _commands(
    parser: argparse.ArgumentParser, path: str = ""
) -> list[tuple[str, argparse.ArgumentParser]]:
    """Every (sub)command below ``parser``: ``("export ics", its parser)``, ...."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                words = f"{path} {name}".strip()
                found.append((words, sub))
                found.extend(_commands(sub, words))
    return found


def _name(action: argparse.Action) -> str:
    """The argument as argparse's error names it."""
    if action.option_strings:
        return "/".join(action.option_strings)
    return str(action.metavar or action.dest)


def _typed_options() -> set[tuple[str, str]]:
    parser, _ = build_parser()
    return {
        (path, _name(action))
        for path, sub in _commands(parser)
        for action in sub._actions
        if not isinstance(action, argparse._SubParsersAction)
        and (action.type is not None or action.choices is not None)
    }


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse's usage errors
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def test_every_typed_option_has_a_bad_value_row() -> None:
    assert _typed_options() == set(BAD_VALUES)


@pytest.mark.parametrize(("command", "option"), sorted(BAD_VALUES))
def test_a_bad_value_is_a_usage_error_naming_the_argument(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, option: str
) -> None:
    db = tmp_path / "planner.sqlite3"
    status, out, err = run(capsys, "--db", str(db), *command.split(), *BAD_VALUES[command, option])
    assert status == 2
    assert out == ""
    assert err.startswith(f"usage: planner {command} ")
    assert err.splitlines()[-1].startswith(f"planner {command}: error: argument {option}: ")
    assert not db.exists()  # refused before the database was opened (or created)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["conflicts", "--from", "yesterday"],
            "'yesterday' is not a day: give YYYY-MM-DD or today",
        ),
        (["series", "plan", "1", "--rrule", "FREQ=WEEKLY", "--at", "25:00"], "'25:00' is not a"),
        (["series", "plan", "1", "--rrule", "FREQ=WEEKLY", "--count", "-3"], "'-3': give 1 or"),
        (["series", "plan", "1", "--rrule", "FOO"], "'FOO' is not NAME=VALUE"),
        (["series", "plan", "1", "--rrule", "FREQ=WEEKLY;INTERVAL=0"], "INTERVAL must be 1 or"),
        (["db", "copy", "--to", "sqlite:///:memory:"], "an in-memory database vanishes"),
    ],
)
def test_the_try_outs_bad_values_say_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, _, err = run(capsys, "--db", str(tmp_path / "p.sqlite3"), *argv)
    assert status == 2
    assert message in err.splitlines()[-1]


@pytest.mark.parametrize("command", sorted({path for path, _ in _typed_options()} | {"events"}))
def test_an_unknown_option_is_reported_against_the_command_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    status, _, err = run(capsys, "--db", str(tmp_path / "p.sqlite3"), *command.split(), "--bogus")
    assert status == 2
    assert err.startswith(f"usage: planner {command} ")
    assert err.splitlines()[-1].startswith(f"planner {command}: error: ")


@pytest.mark.parametrize("command", ["events", "backup", "people", "demo", "db info", "db check"])
def test_an_unknown_option_of_a_command_without_arguments_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    db = tmp_path / "p.sqlite3"
    status, _, err = run(capsys, "--db", str(db), *command.split(), "--bogus")
    assert status == 2
    assert err.startswith(f"usage: planner {command} ")
    assert err.splitlines()[-1] == f"planner {command}: error: unrecognized arguments: --bogus"
    assert not db.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "bogus", "people.csv"], "unknown import kind 'bogus'"),
        (["import", "people.txt"], "cannot tell the kind from the file's ending"),
    ],
)
def test_an_import_of_an_unknown_kind_is_a_usage_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "people.csv").write_text("Name\nA B\n", encoding="utf-8")
    (tmp_path / "people.txt").write_text("Name\nA B\n", encoding="utf-8")
    db = tmp_path / "p.sqlite3"
    status, _, err = run(capsys, "--db", str(db), *argv)
    assert status == 2
    assert err.startswith("usage: planner import ")
    assert err.splitlines()[-1].startswith("planner import: error: ")
    assert message in err.splitlines()[-1]
    assert not db.exists()


def test_the_render_commands_audiences_are_the_documents() -> None:
    from planner.documents import ALLOWED_AUDIENCES, DEFAULT_AUDIENCE

    written = {kind: (allowed[0], set(allowed)) for kind, allowed in DOCUMENT_AUDIENCES.items()}
    assert written == {
        kind.value: (DEFAULT_AUDIENCE[kind].value, {a.value for a in allowed})
        for kind, allowed in ALLOWED_AUDIENCES.items()
    }


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("usage") / "demo.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    return path


@pytest.mark.parametrize("kind", sorted(DOCUMENT_AUDIENCES))
@pytest.mark.parametrize("audience", ["public", "attendees", "organisers"])
def test_render_offers_and_refuses_the_documents_audiences(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, audience: str
) -> None:
    output = tmp_path / "out.pdf"
    argv = ["--db", str(demo_db), "render", kind, "1", "--audience", audience, "-o", str(output)]
    status, _, err = run(capsys, *argv)
    allowed = DOCUMENT_AUDIENCES[kind]
    if audience in allowed:
        # Rendered, or (the demo's public report) refused by the policy: never for its audience.
        assert status in (0, 1), err
        assert "not rendered for the" not in err
        assert status == 1 or output.is_file()
    else:
        assert status == 2
        assert err.splitlines()[-1] == (
            f"planner render: error: argument --audience: the {kind} document is for "
            f"{' or '.join(allowed)}, not {audience}"
        )
        assert not output.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["history", "999"],
        ["sheet", "999"],
        ["check", "999"],
        ["render", "programme", "999", "-o", "x.pdf"],
        ["export", "ics", "999", "-o", "x.ics"],
        ["export", "announcement", "999", "-o", "x.html"],
        ["export", "eml", "999", "--kind", "briefing", "-o", "drafts"],
    ],
)
def test_an_unknown_event_has_one_wording(
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "--db", str(demo_db), *argv)[1:] == ("", "planner: no event with id 999\n")


def test_a_search_that_finds_nobody_prints_only_that(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "--db", str(demo_db), "people", "--search", "zzzqx")
    assert (status, out, err) == (0, "", "nobody found for 'zzzqx'\n")


@pytest.mark.parametrize(
    ("command", "message"),
    [("events", "no events yet (planner demo loads some)"), ("people", "no people yet")],
)
def test_an_empty_listing_prints_only_the_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, message: str
) -> None:
    status, out, err = run(capsys, "--db", str(tmp_path / "empty.sqlite3"), command)
    assert (status, out, err) == (0, "", message + "\n")
