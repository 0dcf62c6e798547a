"""The ``planner export`` and ``planner import`` commands, run as a user would."""

from __future__ import annotations

import csv
import email
import email.policy
from pathlib import Path

import icalendar
import pytest

from export_samples import seed_database
from planner.cli.main import main
from planner.model import Event
from planner.store import Database


@pytest.fixture
def setup(db: Database, db_path: Path) -> tuple[str, dict[str, int]]:
    return str(db_path), seed_database(db)


def run(db: str, *args: str) -> int:
    return main(["--db", db, *args])


def test_export_commands_write_files_that_parse(
    setup: tuple[str, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, ids = setup
    rt = str(ids["roundtable"])
    assert run(db, "export", "ics", rt, "-o", str(tmp_path / "e.ics")) == 0
    assert run(db, "export", "ics", rt, "--method", "request", "-o", str(tmp_path / "r.ics")) == 0
    series = ["export", "ics", "--series", str(ids["series"]), "-o", str(tmp_path / "s.ics")]
    assert run(db, *series) == 0
    for name in ("e.ics", "r.ics", "s.ics"):
        icalendar.Calendar.from_ical((tmp_path / name).read_bytes())
    assert run(db, "export", "eml", rt, "--kind", "invitation", "-o", str(tmp_path / "d")) == 0
    drafts = sorted((tmp_path / "d").glob("*.eml"))
    assert len(drafts) == 5
    for draft in drafts:
        message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
        assert message["X-Unsent"] == "1"
    assert run(db, "export", "csv", "people", "-o", str(tmp_path / "p.csv")) == 0
    csv_args = ["export", "csv", "participants", rt, "--bom", "-o", str(tmp_path / "q.csv")]
    assert run(db, *csv_args) == 0
    with (tmp_path / "q.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle))[0] == "Name"
    assert run(db, "export", "announcement", rt, "-o", str(tmp_path / "a.html")) == 0
    md = ["export", "announcement", rt, "--format", "markdown", "-o", str(tmp_path / "a.md")]
    assert run(db, *md) == 0
    out = capsys.readouterr().out
    assert "wrote 5 drafts" in out


def test_invitation_calendars_say_whom_they_name(
    setup: tuple[str, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, ids = setup
    rt = str(ids["roundtable"])
    shared = tmp_path / "invite.ics"
    assert run(db, "export", "ics", rt, "--method", "request", "-o", str(shared)) == 0
    out = capsys.readouterr().out
    assert "names only the organiser" in out and "Chatham House Rule" in out
    assert "--per-recipient" in out
    assert b"ATTENDEE" not in shared.read_bytes()
    folder = tmp_path / "copies"
    args = ["export", "ics", rt, "--method", "cancel", "--per-recipient", "-o", str(folder)]
    assert run(db, *args) == 0
    out = capsys.readouterr().out
    assert f"wrote 5 files to {folder}, one per invitee" in out
    copies = sorted(folder.glob("cancellation-*.ics"))
    assert len(copies) == 5
    assert "cancellation-001-" in out
    for copy in copies:
        [event] = icalendar.Calendar.from_ical(copy.read_bytes()).walk("VEVENT")
        assert isinstance(event["ATTENDEE"], icalendar.vCalAddress)  # one: the recipient


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [
        (["export", "ics", "999", "-o", "x.ics"], "no event with id 999", 1),
        # Arguments that do not fit together are usage errors, like argparse's: exit 2.
        (["export", "ics", "-o", "x.ics"], "EVENT_ID or --series", 2),
        (["export", "eml", "3", "--kind", "report", "-o", "d"], "off the record", 1),
        (["export", "csv", "participants", "-o", "x.csv"], "needs an EVENT_ID", 2),
        (["export", "ics", "1", "--per-recipient", "-o", "d"], "request or cancel", 2),
        (
            ["export", "ics", "--series", "1", "--method", "request", "--per-recipient", "-o", "d"],
            "one EVENT_ID",
            2,
        ),
        (["export", "announcement", "1", "-o", "no/such/folder/a.html"], "does not exist", 1),
    ],
)
def test_errors_are_one_clear_line_and_exit_1_or_2(
    setup: tuple[str, dict[str, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
    status: int,
) -> None:
    db, _ = setup
    monkeypatch.chdir(tmp_path)
    assert run(db, *args) == status
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_import_csv_and_vcard(
    setup: tuple[str, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = setup
    people = tmp_path / "people.csv"
    people.write_text("First Name,Last Name,E-mail Address\nNew,Person,new@example.org\n")
    assert run(db, "import", "csv", str(people)) == 0
    assert "1 created, 0 updated, 0 skipped" in capsys.readouterr().out
    card = tmp_path / "c.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nN:Other;Person;;;\nEND:VCARD\n")
    assert run(db, "import", str(card)) == 0  # kind from the file's ending
    assert "1 created" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("First Name,Last Name,Email\nA,B,not-an-email\n")
    assert run(db, "import", "csv", str(bad)) == 1
    err = capsys.readouterr().err
    assert "nothing imported" in err and "line 2" in err


def test_eml_invitations_are_recorded_then_an_edit_is_followed_by_an_update(
    setup: tuple[str, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, ids = setup
    rt = str(ids["roundtable"])
    new = ["export", "eml", rt, "--kind", "invitation", "--to", "new"]
    assert run(db, *new, "-o", str(tmp_path / "i")) == 0
    assert len(list((tmp_path / "i").glob("invitation-001*.eml"))) == 1
    # Sent: nobody is left who was never invited, and no update is due yet.
    assert run(db, *new, "-o", str(tmp_path / "again")) == 0
    assert "no invitation is due" in capsys.readouterr().out
    assert run(db, "export", "eml", rt, "--kind", "update", "-o", str(tmp_path / "u")) == 0
    assert "no update is due" in capsys.readouterr().out
    database = Database.open(f"sqlite:///{db}")
    with database.session() as session:
        event = session.get(Event, ids["roundtable"])
        assert event is not None
        event.title = "Pakistan and Russia"
    database.dispose()
    assert run(db, "export", "eml", rt, "--kind", "update", "-o", str(tmp_path / "u")) == 0
    [update] = (tmp_path / "u").glob("update-001*.eml")
    message = email.message_from_bytes(update.read_bytes(), policy=email.policy.default)
    assert str(message["Subject"]).startswith("Updated: Pakistan and Russia")


def test_eml_to_new_cast_writes_to_a_chair_added_in_place_of_one_who_cancelled(
    setup: tuple[str, dict[str, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import delete

    from planner.model import Participation, Person, Role

    db, ids = setup
    rt = str(ids["roundtable"])
    cast = ["export", "eml", rt, "--kind", "invitation", "--to", "cast"]
    assert run(db, *cast, "-o", str(tmp_path / "cast")) == 0
    assert len(list((tmp_path / "cast").glob("*.eml"))) == 3
    database = Database.open(f"sqlite:///{db}")
    with database.session() as session:
        [old, new] = [
            session.query(Person).filter_by(email=f"{name}@example.org").one().id
            for name in ("khattak", "ayesha")
        ]
        session.execute(
            delete(Participation).where(
                Participation.event_id == ids["roundtable"], Participation.person_id == old
            )
        )
        session.add(Participation(event_id=ids["roundtable"], person_id=new, role=Role.CHAIR))
    database.dispose()
    new_cast = ["export", "eml", rt, "--kind", "invitation", "--to", "new-cast"]
    assert run(db, *new_cast, "-o", str(tmp_path / "new")) == 0
    [draft] = (tmp_path / "new").glob("*.eml")
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert "ayesha@example.org" in str(message["To"])
    assert run(db, *new_cast, "-o", str(tmp_path / "again")) == 0
    assert "no invitation is due" in capsys.readouterr().out


def test_eml_says_when_the_organisation_is_not_set_up(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new database: the drafts said "on behalf of the organisers" and had no From line,
    without a word."""
    from sqlalchemy import select

    from planner.model import Organisation
    from planner.services.organisation import sender_problem

    ids = seed_database(db)
    assert sender_problem(db) is None
    with db.session() as session:
        organisation = session.scalars(select(Organisation)).one()
        organisation.name, organisation.email = "", ""
    assert sender_problem(db) == (
        "The organisation's name and email address are not set (Organisation section): these "
        "drafts say “on behalf of the organisers” and have no From line."
    )
    rt = str(ids["roundtable"])
    assert run(str(db_path), "export", "eml", rt, "--kind", "invitation", "-o", str(tmp_path)) == 0
    out = capsys.readouterr().out
    assert "note: The organisation's name and email address are not set" in out
    with db.session() as session:
        session.scalars(select(Organisation)).one().name = "CPGS"
    assert sender_problem(db) == (
        "The organisation's email address is not set (Organisation section): these drafts "
        "have no From line."
    )
