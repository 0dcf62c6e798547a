"""People and participant CSV out, people CSV in: parsed with the csv module."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from export_samples import Audience, make_sheet, person, seed_database
from planner.errors import PolicyRefusal, ValidationError
from planner.exports.contacts import PERSON_FIELDS, PersonRecord
from planner.exports.people_csv import (
    neutralise,
    read_people_csv,
    render_participants_csv,
    render_people_csv,
)
from planner.model import PERSON_FIELDS as MODEL_PERSON_FIELDS
from planner.model import Person
from planner.services.exports import write_participants_csv, write_people_csv
from planner.services.people_import import import_people_csv
from planner.store import Database


def test_contact_files_carry_every_person_field_in_the_models_order() -> None:
    # Renderers may not import the model, so contacts.py writes the list again; a column added
    # to Person must reach the CSV and vCard files too.
    assert PERSON_FIELDS == MODEL_PERSON_FIELDS


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def people(db: Database) -> list[Person]:
    with db.session() as s:
        return list(s.scalars(select(Person).order_by(Person.id)))


def count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count(Person.id))) or 0)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        # Phone numbers and plain numbers compute nothing: no apostrophe to show and print.
        ("+92 51 1234567", "+92 51 1234567"),
        ("+44 (0)20 7957 5700", "+44 (0)20 7957 5700"),
        ("-1", "-1"),
        ("-1.5", "-1.5"),
        # An operator, a name or a reference after the sign is a formula.
        ("+92-51-1234567", "'+92-51-1234567"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("+A1", "'+A1"),
        ("-SUM(1)", "'-SUM(1)"),
        ("+", "'+"),
        ("+92 51 1234567\n=1+1", "'+92 51 1234567\n=1+1"),
        ("=1", "'=1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Khan", "Khan"),
        ("", ""),
    ],
)
def test_formulas_are_neutralised(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_people_csv_round_trips_through_the_reader() -> None:
    hostile = PersonRecord(
        honorific="Dr",
        given_name='Ali "the, great"',
        family_name='=HYPERLINK("http://evil")',
        affiliation="Line one\nLine two",
        email="ali@example.org",
        phone="+92 300 1234567",
        notes="<b>" + "x" * 10_000,
    )
    urdu = PersonRecord(given_name="فاطمہ", family_name="علی", email="fatima@example.org")
    data = render_people_csv([hostile, urdu], bom=True)
    assert data.startswith(b"\xef\xbb\xbf")
    table = rows(data)
    assert table[0][:3] == ["Honorific", "Given name", "Family name"]
    assert table[1][2].startswith("'=")
    assert table[1][7] == "+92 300 1234567"  # a phone number is not a formula
    read = read_people_csv(data)
    assert read.problems == ()
    assert [r.record for r in read.records] == [hostile, urdu]


def test_participants_csv_is_for_the_organisers_only() -> None:
    data = render_participants_csv(make_sheet(Audience.ORGANISERS))
    table = rows(data)
    assert table[0][0] == "Name"
    assert {r[0] for r in table[1:]} == {
        "Amb (R) Khalid Khattak",
        "Lt. Gen. (R) Syed Muhammad Owais HI (M)",
        "Dr Ayesha Siddiqa",
        "ڈاکٹر فاطمہ علی",
    }
    for audience in (Audience.PUBLIC, Audience.ATTENDEES):
        with pytest.raises(PolicyRefusal):
            render_participants_csv(make_sheet(audience))


OUTLOOK = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Job Title",'
    '"E-mail Address","Business Phone","Notes"\r\n'
    '"Lt. Gen. (R)","Syed","Muhammad","Owais","HI (M)","NDU","Professor",'
    '"owais@example.org","+92 51 1","Met in 2013"\r\n'
    '"Amb (R)","Khalid","","Khattak","","Foreign Office","","khattak@example.org","",""\r\n'
)

GOOGLE = (
    "Name,Given Name,Family Name,Name Prefix,E-mail 1 - Type,E-mail 1 - Value,"
    "Phone 1 - Value,Organization 1 - Name,Organization 1 - Title\n"
    "Ayesha Siddiqa,Ayesha,Siddiqa,Dr,* Work,ayesha@example.org,,SOAS,Research Associate\n"
)


def test_outlook_export_maps_by_header(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "outlook.csv"
    path.write_text(OUTLOOK, encoding="utf-8")
    summary = import_people_csv(db, path)
    assert (summary.created, summary.updated, summary.skipped) == (2, 0, 0)
    owais, khattak = people(db)
    assert owais.honorific == "Lt. Gen. (R)"
    assert owais.given_name == "Syed Muhammad"
    assert owais.post_nominals == "HI (M)"
    assert owais.affiliation == "NDU"
    assert owais.position == "Professor"
    assert owais.phone == "+92 51 1"
    assert owais.notes == "Met in 2013"
    assert khattak.email == "khattak@example.org"


def test_google_export_and_semicolons_and_cp1252(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "google.csv"
    path.write_text(GOOGLE, encoding="utf-8")
    import_people_csv(db, path)
    [ayesha] = people(db)
    assert (ayesha.honorific, ayesha.position, ayesha.affiliation) == (
        "Dr",
        "Research Associate",
        "SOAS",
    )
    excel = tmp_path / "excel.csv"
    excel.write_bytes("Vorname;Nachname;E-Mail\nJörg;Müller;joerg@example.de\n".encode("cp1252"))
    # German headers are not ours; an English Excel on Windows in a semicolon locale is:
    excel.write_bytes("First name;Last name;Email\nJörg;Müller;joerg@example.de\n".encode("cp1252"))
    summary = import_people_csv(db, excel)
    assert any("Windows-1252" in n for n in summary.notes)
    assert any("semicolons" in n for n in summary.notes)
    assert people(db)[-1].family_name == "Müller"


def test_utf16_excel_unicode_text_is_read(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(
        "Name\tEmail\r\nSenator Sehar Kamran (TI)\tsehar@example.pk\r\n".encode("utf-16")
    )
    import_people_csv(db, path)
    [sehar] = people(db)
    assert (sehar.honorific, sehar.given_name, sehar.family_name, sehar.post_nominals) == (
        "Senator",
        "Sehar",
        "Kamran",
        "(TI)",
    )


def test_dedupe_by_email_then_name_within_the_file_and_against_the_directory(
    tmp_path: Path, db: Database
) -> None:
    with db.session() as s:
        s.add(Person(honorific="Lt. Gen. (R)", given_name="Syed Muhammad", family_name="Owais",
                     email="owais@example.org"))  # fmt: skip
        s.add(Person(given_name="Khalid", family_name="Khattak"))
    path = tmp_path / "people.csv"
    path.write_text(
        "Title,First Name,Last Name,Email,Company\n"
        "Gen.,Syed Muhammad,Owais,OWAIS@example.org,NDU\n"  # email match: completes, keeps rank
        "Amb,Khalid,Khattak,khattak@example.org,\n"  # name match, no email on file: completes
        "Dr,Ayesha,Siddiqa,ayesha@example.org,SOAS\n"  # new
        ",Ayesha,Siddiqa,,SOAS\n"  # repeats the row above by name
        ",Ali,Khan,ali1@example.org,\n"  # new
        ",Ali,Khan,ali2@example.org,\n"  # same name, other email: another person
        ",Ali,Khan,ali1@example.org,\n",  # repeats by email
        encoding="utf-8",
    )
    summary = import_people_csv(db, path)
    assert (summary.created, summary.updated, summary.skipped) == (3, 2, 2)
    by_email = {p.email: p for p in people(db)}
    assert by_email["owais@example.org"].honorific == "Lt. Gen. (R)"
    assert by_email["owais@example.org"].affiliation == "NDU"
    assert by_email["khattak@example.org"].honorific == "Amb"
    assert count(db) == 5
    again = import_people_csv(db, path)
    assert (again.created, again.updated) == (0, 0)


def test_bad_rows_each_get_a_message_and_nothing_is_written(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "First Name,Last Name,Email\n"
        "Good,Person,good@example.org\n"
        ",,nobody@example.org\n"
        "Bad,Email,not an address\n"
        f"Long,{'x' * 10_000},long@example.org\n"
        "Ragged,Row,r@example.org,extra,cells\n"
        '"Multi\nLine",Name,multi@example.org\n'
        ",Fine,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        import_people_csv(db, path)
    problems = caught.value.problems
    assert len(problems) == 5
    assert problems[0].startswith("line 3: no name")
    assert problems[1].startswith("line 4: 'not an address' is not an email")
    assert problems[2].startswith("line 5: Family name is longer than 200 characters (10,000)")
    assert problems[3].startswith("line 6: 5 cells")
    # A line break in a name would split an email header or a calendar line: refused.
    assert (
        problems[4] == "line 7: Given name contains a line break (LF); it must be one line of text"
    )
    assert "nothing imported" in str(caught.value)
    assert count(db) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\n\n", "empty"),
        (b"Company,Phone\nACME,1\n", "no column for names"),
        (b'First Name,Last Name\n"unclosed,quote\nA,B\n', "line 2: .* never closed"),
        (b'First Name,Last Name\nA,B\n"A"B,C\n', "line 3: .* quote is out of place"),
        (b"\xff\xfe\x00\xd8", "no column for names"),
    ],
)
def test_unreadable_files_are_refused_clearly(
    tmp_path: Path, db: Database, content: bytes, message: str
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        import_people_csv(db, path)


def test_every_script_survives_import(tmp_path: Path, db: Database) -> None:
    names = [("فاطمہ", "علی"), ("Анна", "Петрова"), ("伟", "王"), ("Ελένη", "Παππά"), ("ส", "ช")]
    path = tmp_path / "scripts.csv"
    path.write_text(
        "Given name,Family name\n" + "".join(f"{g},{f}\n" for g, f in names), encoding="utf-8"
    )
    assert import_people_csv(db, path).created == len(names)
    assert [(p.given_name, p.family_name) for p in people(db)] == names


def test_progress_is_reported_for_thousands_of_rows(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "many.csv"
    path.write_text(
        "First Name,Last Name,Email\n"
        + "".join(f"P{i},Family{i},p{i}@example.org\n" for i in range(3000)),
        encoding="utf-8",
    )
    calls: list[tuple[int, int]] = []
    summary = import_people_csv(db, path, progress=lambda done, total: calls.append((done, total)))
    assert summary.created == 3000
    assert calls[-1] == (3000, 3000)
    assert len(calls) >= 10


# --- through the database ------------------------------------------------------------------


def test_people_and_participants_from_the_database(tmp_path: Path, db: Database) -> None:
    ids = seed_database(db)
    n = write_people_csv(db, tmp_path / "people.csv")
    table = rows((tmp_path / "people.csv").read_bytes())
    assert n == len(table) - 1 == 6
    assert [r[2] for r in table[1:]][:2] == ["Khan", "Khattak"]  # by family name
    write_participants_csv(db, ids["roundtable"], tmp_path / "p.csv", bom=True)
    data = (tmp_path / "p.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = rows(data)
    statuses = {r[0]: r[3] for r in table[1:]}
    assert statuses["Dr Ayesha Siddiqa"] == "Accepted"
    assert "Decli Ned" in statuses


def test_people_export_reimports_without_duplicates(tmp_path: Path, db: Database) -> None:
    seed_database(db)
    write_people_csv(db, tmp_path / "people.csv")
    summary = import_people_csv(db, tmp_path / "people.csv")
    assert (summary.created, summary.updated, summary.skipped) == (0, 0, 6)


def test_hostile_person_in_the_directory_exports_safely(tmp_path: Path, db: Database) -> None:
    entry = person("x")
    del entry
    with db.session() as s:
        s.add(Person(given_name="=cmd|' /C calc'!A0", family_name="@SUM(1+1)", email="x@x.org"))
    write_people_csv(db, tmp_path / "people.csv")
    table = rows((tmp_path / "people.csv").read_bytes())
    assert table[1][1] == "'=cmd|' /C calc'!A0"
    assert table[1][2] == "'@SUM(1+1)"


def test_names_match_without_their_accents(tmp_path: Path, db: Database) -> None:
    with db.session() as s:
        s.add(Person(given_name="Jörg", family_name="Müller"))
    path = tmp_path / "plain.csv"
    path.write_text("First Name,Last Name,Company\nJorg,MULLER,SWP\n", encoding="utf-8")
    summary = import_people_csv(db, path)
    assert (summary.created, summary.updated) == (0, 1)
    [joerg] = people(db)
    assert (joerg.family_name, joerg.affiliation) == ("Müller", "SWP")
