"""``planner render`` and the rendering service, on events built by the real policy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pdf_reading import pages, pdf_text, read_pdf
from planner.cli.main import main
from planner.errors import PolicyRefusal
from planner.services.rendering import render_document, render_event_document
from planner.store import Database
from strategies import write_event


def spec() -> dict[str, Any]:
    def person(given: str, family: str, affiliation: str, honorific: str = "") -> dict[str, str]:
        return {
            "script": "latin",
            "honorific": honorific,
            "given_name": given,
            "family_name": family,
            "post_nominals": "",
            "position": "Senior Fellow",
            "affiliation": affiliation,
            "short_bio": f"{given} {family} works on Gulf security.",
            "email": f"{given.lower()}@example.org",
        }

    return {
        "organisation": {
            "name": "Centre for Pakistan and Gulf Studies",
            "short_name": "CPGS",
            "name_cast_publicly_under_chatham_house": True,
            "time_style": "hours",
        },
        "event": {
            "title": "Gulf Security: Emerging Scenario",
            "subtitle": "A roundtable",
            "rule": "chatham_house",
            "concept_note": "Why this roundtable, now.",
            "background": "The background.",
            "key_issues": ["Will the rapprochement last?"],
            "contact": "Programme office",
            "report_summary": "The discussion turned to energy security.",
            "report_discussion": "Questions followed on maritime routes.",
            "report_recommendations": ["Broaden diplomatic options."],
        },
        "people": [
            person("Sehar", "Kamran", "CPGS", "Senator"),
            person("Marvin", "Weinbaum", "Middle East Institute", "Prof."),
            person("Khalid", "Khattak", "AT&T <Research>", "Amb (R)"),
        ],
        "cast": [{"person": 0, "role": "chair"}, {"person": 1, "role": "speaker"}],
        "agenda": [
            {
                "title": "Keynote",
                "kind": "keynote",
                "rule": None,
                "description": "",
                "people": [{"person": 1, "role": "speaker"}],
            }
        ],
        "invitations": [{"person": 2, "status": "accepted"}],
        "consents": [],
    }


@pytest.fixture
def event_id(db: Database) -> int:
    with db.session() as session:
        return write_event(session, spec())


def test_service_defaults_the_audience_per_document(db: Database, event_id: int) -> None:
    programme = pdf_text(render_document(db, event_id, "programme"))
    assert "Gulf Security: Emerging Scenario" in programme
    assert "Weinbaum" in programme  # the cast, named under the Chatham House Rule
    assert "Khattak" not in programme  # an invitee: attendees never see the list
    briefing = pdf_text(render_document(db, event_id, "briefing"))
    assert "Khattak" in briefing and "AT&T <Research>" in briefing
    assert "CONFIDENTIAL" in briefing


def test_service_refuses_an_audience_before_reading(db: Database, event_id: int) -> None:
    with pytest.raises(PolicyRefusal):
        render_document(db, event_id, "badges", audience="public")


def test_service_reports_progress(db: Database, event_id: int) -> None:
    seen: list[int] = []
    result = render_event_document(db, event_id, "signin", progress=seen.append)
    assert seen and seen[-1] == len(pages(result.pdf))


def run(db_path: Path, *args: str) -> int:
    try:
        return main(["--db", str(db_path), *args])
    except SystemExit as exit_:  # argparse's usage errors
        return int(exit_.code or 0)


def test_cli_writes_every_document(
    db: Database, db_path: Path, event_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in ("programme", "briefing", "badges", "tents", "signin"):
        out = tmp_path / f"{kind}.pdf"
        assert run(db_path, "render", kind, str(event_id), "-o", str(out)) == 0
        assert out.read_bytes().startswith(b"%PDF")
        assert f"wrote {out}" in capsys.readouterr().out
    # Written through a temporary file and a rename: nothing half-written is left behind.
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_cli_paper_and_audience(db: Database, db_path: Path, event_id: int, tmp_path: Path) -> None:
    out = tmp_path / "programme.pdf"
    args = ["render", "programme", str(event_id), "-o", str(out)]
    assert run(db_path, *args, "--paper", "letter", "--audience", "public") == 0
    box = read_pdf(out).pages[0].mediabox
    assert round(float(box.width)) == 612


def test_cli_refusal_is_one_clear_line(
    db: Database, db_path: Path, event_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "b.pdf"
    status = run(
        db_path, "render", "briefing", str(event_id), "-o", str(out), "--audience", "attendees"
    )
    # The parser knows each document's audiences: a usage error, naming the ones allowed.
    assert status == 2
    err = capsys.readouterr().err
    assert "the briefing document is for organisers" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_cli_unknown_event_and_bad_output(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "render", "programme", "999", "-o", str(tmp_path / "x.pdf")) == 1
    assert "999" in capsys.readouterr().err
    assert run(db_path, "render", "programme", "1", "-o", str(tmp_path / "x.txt")) == 2
    assert "must end in .pdf" in capsys.readouterr().err


def test_cli_missing_folder_is_a_clear_error(
    db: Database, db_path: Path, event_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "p.pdf"
    assert run(db_path, "render", "programme", str(event_id), "-o", str(out)) == 1
    assert "does not exist" in capsys.readouterr().err


def test_reportlab_is_imported_only_to_render() -> None:
    import subprocess
    import sys

    code = (
        "import sys, planner.documents, planner.services.rendering, planner.cli.main\n"
        "planner.cli.main.build_parser()\n"
        "assert not [m for m in sys.modules if m.startswith('reportlab')], 'reportlab loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
