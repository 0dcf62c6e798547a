"""``planner sheet`` and ``planner check`` on the demo, as an organiser would run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from planner.cli.main import main
from planner.model import Consent, Event
from planner.store import Database
from planner.store.demo import load_demo
from strategies import WEINBAUM, gulf_security, write_event

GULF = "gulf-security-2013-03-12@cpgs.example.org"
SALAM = "salam-roundtable-2013-06-27@cpgs.example.org"


@pytest.fixture
def demo(db: Database) -> dict[str, int]:
    load_demo(db)
    with db.session() as session:
        return {e.uid: e.id for e in session.scalars(select(Event))}


def weinbaum_in_summary(db_path: Path, event_id: int) -> str:
    """Where the demo's report summary first names Prof. Weinbaum, as "summary line:column"."""
    db = Database.open(f"sqlite:///{db_path}")
    try:
        with db.session() as session:
            event = session.get(Event, event_id)
            assert event is not None
            text = event.report_summary
    finally:
        db.dispose()
    start = text.index("Prof. Marvin G. Weinbaum")
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return f"summary {line}:{column}"


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def test_sheet_json_for_each_audience(
    db_path: Path, demo: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    for audience in ("public", "attendees", "organisers"):
        assert run(db_path, "sheet", str(demo[GULF]), "--audience", audience, "--json") == 0
        data = json.loads(capsys.readouterr().out)
        assert data["audience"] == audience
        assert data["title"] == "Gulf Security: Emerging Scenario"
        assert data["when"]["long_text"] == "Tuesday, 12 March 2013 at 1700 hours"
        assert (data["participants"] is None) == (audience != "organisers")
        assert data["marking"] == ("CONFIDENTIAL" if audience == "organisers" else "")
        # The report names people who have not consented: refused outside the office.
        assert (data["report"] is None) == (audience != "organisers")


def test_sheet_readable(
    db_path: Path, demo: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "sheet", str(demo[GULF])) == 0
    out = capsys.readouterr().out
    assert "Tuesday, 12 March 2013 · 1700 hours · Main Hall, Islamabad Club, Islamabad" in out
    assert "CHATHAM HOUSE RULE" in out
    assert "Speaker: Prof. Marvin G. Weinbaum" in out
    assert "Refused: The report names or identifies" in out
    assert "PARTICIPANTS" not in out and "Owais" not in out  # an invitee: never public


def test_check_lists_mentions_with_line_and_column_and_fails(
    db_path: Path, demo: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "check", str(demo[GULF])) == 1
    out = capsys.readouterr().out
    assert f"{weinbaum_in_summary(db_path, demo[GULF])} " in out
    assert "“Prof. Marvin G. Weinbaum”: full name of Prof. Marvin G. Weinbaum" in out
    assert "Not ready: a public report is blocked." in out
    # Scheduling's summary line is replaced by the detail above.
    assert "report_unresolved_mentions" not in out


def test_check_scans_the_report_once(
    db_path: Path, demo: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review, both sheets it builds and readiness share one check of the report."""
    from planner.policy.checker import NameScanner

    scanned: list[str] = []
    scan = NameScanner.scan

    def counted(self: NameScanner, text: str, field: str = "text") -> list[object]:
        scanned.append(field)
        return list(scan(self, text, field))

    monkeypatch.setattr(NameScanner, "scan", counted)
    assert run(db_path, "check", str(demo[GULF])) == 1
    report = [f for f in scanned if f in {"summary", "discussion"} or f.startswith("recommend")]
    assert report and len(report) == len(set(report)), report


def test_an_edited_report_is_checked_again(db: Database, demo: dict[str, int]) -> None:
    """The check is kept per policy and text: a report edited under a living policy is scanned
    again, never trusted from before the edit."""
    from dataclasses import replace

    from planner.policy.build import load_event, load_organisation
    from planner.policy.checker import check_report_with
    from planner.policy.rules import EventPolicy

    with db.session(write=False) as session:
        event = load_event(session, demo[GULF])
        policy = EventPolicy(event, load_organisation(session))
        before = check_report_with(policy)
        assert check_report_with(policy) is before
        # The records are frozen: an edit read again is a new event record under the policy.
        policy.event = replace(
            event, report_summary=(event.report_summary or "") + " Prof. Marvin G. Weinbaum agreed."
        )
        after = check_report_with(policy)
        assert after is not before and len(after.mentions) > len(before.mentions)
        session.rollback()


def test_check_passes_once_everyone_consents(
    db: Database, db_path: Path, demo: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as session:
        event = session.get(Event, demo[GULF])
        assert event is not None
        linked = {p.person_id for p in event.participations}
        linked |= {i.person_id for i in event.invitations}
        linked |= {ap.person_id for item in event.agenda for ap in item.people}
        for consent in list(event.consents):
            session.delete(consent)
        session.flush()
        for person_id in sorted(linked):
            session.add(Consent(event_id=event.id, person_id=person_id, may_be_named=True))
    assert run(db_path, "check", str(demo[GULF])) == 0
    out = capsys.readouterr().out
    assert "Report: may be published." in out
    assert "consented" in out and "BLOCKS" not in out
    assert run(db_path, "sheet", str(demo[GULF]), "--json") == 0
    assert json.loads(capsys.readouterr().out)["report"] is not None


def test_check_reports_neutral_descriptions(
    db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    consents = [{"person": WEINBAUM, "may_be_named": False, "description": "a visiting scholar"}]
    with db.session() as session:
        event_id = write_event(session, gulf_security("not_for_attribution", consents=consents))
    run(db_path, "check", str(event_id))  # the exit status also depends on readiness
    out = capsys.readouterr().out
    assert "Report: none written yet." in out
    assert "Described neutrally in public documents (write a description):" in out
    assert "Senator Sehar Kamran (TI) → “a participant”" in out
    assert "Weinbaum →" not in out  # his description is written


def test_unknown_event(
    db_path: Path, demo: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "check", "999") == 1
    assert capsys.readouterr().err.strip() == "planner: no event with id 999"
    assert run(db_path, "sheet", "999", "--json") == 1


def test_check_json_gives_spans_for_tools(
    db_path: Path, demo: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_path, "check", str(demo[GULF]), "--json") == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ready"] is False and data["public_report_blocked"] is True
    # What the report prints above its texts is read first: the demo's subtitle, "A roundtable
    # with Prof. Marvin G. Weinbaum", names him, and under the rule he has not consented.
    subtitle, first = (
        data["mentions"][0],
        next(m for m in data["mentions"] if m["field"] == "summary"),
    )
    assert (subtitle["field"], subtitle["text"]) == ("subtitle", "Prof. Marvin G. Weinbaum")
    where = weinbaum_in_summary(db_path, demo[GULF])
    assert f"{first['field']} {first['line']}:{first['column']}" == where
    assert first["text"] == "Prof. Marvin G. Weinbaum" and first["allowed"] is False
    assert {f["code"] for f in data["findings"]} >= {"report_mention"}


def test_check_warns_of_a_contact_taken_off_the_programme(
    db: Database, db_path: Path, demo: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.model import Participation, Person

    # The Gulf roundtable's contact is its rapporteur, Ms Noor ul Ain Malik.
    with db.session() as session:
        malik = session.scalars(select(Person.id).where(Person.family_name == "Malik")).one()
        session.execute(
            delete(Participation).where(
                Participation.event_id == demo[GULF], Participation.person_id == malik
            )
        )
    run(db_path, "check", str(demo[GULF]))
    out = capsys.readouterr().out
    assert "warning  The contact names Ms Noor ul Ain Malik, who is no longer part" in out


def test_check_names_what_the_cast_still_lacks_as_the_window_does(
    db: Database, db_path: Path, demo: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's roundtable moved to tomorrow and confirmed, with one speaker where its
    format wants two: the window's header and Checks said so and `planner check` did not."""
    from datetime import timedelta

    from planner.model import EventStatus, utcnow
    from planner.services.checks import event_findings_of

    event_id = demo[GULF]
    with db.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        length = event.ends_at - event.starts_at
        event.starts_at = utcnow() + timedelta(days=1)
        event.ends_at = event.starts_at + length
        event.status = EventStatus.CONFIRMED
    window = {f.message for f in event_findings_of(db, event_id) if f.code == "cast_still_needed"}
    assert window == {"Still needed: 1 speaker."}
    run(db_path, "check", str(event_id))
    assert "warning  Still needed: 1 speaker." in capsys.readouterr().out
    run(db_path, "check", str(event_id), "--json")
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "cast_still_needed" in codes


def test_sheet_text_gives_each_person_their_own_role(
    db_path: Path, demo: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """Each line is one person: "Speaker: …", not the group's plural on every line."""
    event = demo["pfpr-1-pakistan-us-2013-11-14@cpgs.example.org"]
    assert run(db_path, "sheet", str(event), "--audience", "organisers") == 0
    out = capsys.readouterr().out
    cast = out.split("CAST\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split(":")[0].strip() for line in cast] == ["Chair", *["Speaker"] * 3]
