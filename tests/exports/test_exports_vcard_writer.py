"""vCard export: RFC 6350 / 2426 form (escaping, folding, CRLF), what each audience's file
holds, and the round trip through our own vCard import, in every script."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from export_samples import Audience, make_sheet, seed_database
from planner.cli.main import main
from planner.errors import PlannerError
from planner.exports.contacts import PersonRecord, one_name_as_family
from planner.exports.vcard import read_vcards
from planner.exports.vcard_writer import (
    escape,
    fold,
    render_people_vcards,
    render_sheet_vcards,
)
from planner.model import Invitation, Person
from planner.services.contact_exports import write_participants_vcard, write_people_vcard
from planner.services.people_import import import_vcard
from planner.store import Database

# What a vCard carries of a person; the rest (biographies, short style, salutation) is the
# CSV's and the workbook's.
CARRIED = (
    "honorific",
    "given_name",
    "family_name",
    "post_nominals",
    "position",
    "affiliation",
    "email",
    "phone",
    "notes",
)

OWAIS = PersonRecord(
    honorific="Lt. Gen. (R)",
    given_name="Syed Muhammad",
    family_name="Owais",
    post_nominals="HI (M), PhD",
    position="Professor, Strategic Studies; Visiting",
    affiliation="National Defence University, Islamabad",
    email="owais@example.org",
    phone="+92 51 9207000",
    notes="Met at the roundtable, 2013\nBack\\slash; semicolon",
)
URDU = PersonRecord(
    honorific="ڈاکٹر",
    given_name="فاطمہ",
    family_name="علی",
    affiliation="جامعہ پنجاب",
    notes=("یہ ایک بہت لمبا نوٹ ہے " * 8).strip(),
)
ARABIC = PersonRecord(honorific="الدكتور", given_name="خالد", family_name="المنصوري")
CHINESE = PersonRecord(given_name="秀英", family_name="欧阳", affiliation="北京大学" * 12)


def carried(record: PersonRecord) -> tuple[str, ...]:
    return tuple(getattr(record, f) for f in CARRIED)


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines), "bare LF or CR"
    return lines


def test_escape_commas_semicolons_backslashes_and_newlines() -> None:
    assert escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    assert escape("bell\x07") == "bell"


@pytest.mark.parametrize("text", ["x" * 200, "ب" * 200, "北" * 120, "a" + "😀" * 60, "é" * 150])
def test_folding_at_75_octets_never_splits_a_character(text: str) -> None:
    folded = fold(f"NOTE:{text}").encode("utf-8")
    lines = physical_lines(folded)
    assert len(lines) > 1
    for number, line in enumerate(lines):
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is whole UTF-8: no sequence cut in two
        if number:
            assert line.startswith(b" ")
    assert b"".join(line[1:] if n else line for n, line in enumerate(lines)) == (
        f"NOTE:{text}".encode()
    )


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_directory_cards_read_back_as_the_same_people(version: str) -> None:
    records = [OWAIS, URDU, ARABIC, CHINESE]
    data = render_people_vcards(records, version)
    for line in physical_lines(data):
        assert len(line) <= 75
    text = data.decode("utf-8")
    assert text.count("BEGIN:VCARD") == 4 and f"VERSION:{version}" in text
    assert "N:Owais;Syed Muhammad;;Lt. Gen. (R);HI (M)\\, PhD\r\n" in text
    assert "FN:Lt. Gen. (R) Syed Muhammad Owais HI (M), PhD\r\n" in text.replace("\\,", ",")
    assert "ORG:National Defence University\\, Islamabad\r\n" in text
    if version == "3.0":
        # Outlook reads 3.0 as Windows-1252 unless the value says otherwise.
        assert "FN;CHARSET=UTF-8:ڈاکٹر فاطمہ علی\r\n" in text
        assert "EMAIL;TYPE=INTERNET,WORK:owais@example.org" in text
    else:
        assert "KIND:individual" in text and "CHARSET" not in text
    read = read_vcards(data)
    assert read.problems == () and read.skipped == ()
    assert [carried(r.record) for r in read.records] == [carried(r) for r in records]


def test_a_comma_inside_a_name_component_is_not_a_list_separator() -> None:
    # The reader split N's components on commas after unescaping them: "HI (M)\, PhD" came
    # back as "HI (M) PhD".
    card = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Owais;Syed;;Gen.;HI (M)\\, PhD\r\nEND:VCARD\r\n"
    [read] = read_vcards(card.encode()).records
    assert read.record.post_nominals == "HI (M), PhD"
    listed = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Owais;Syed;Muhammad;Lt.,Gen.;\r\nEND:VCARD\r\n"
    [read] = read_vcards(listed.encode()).records
    assert (read.record.given_name, read.record.honorific) == ("Syed Muhammad", "Lt. Gen.")


# --- the round trip, in every script -------------------------------------------------------------

SCRIPTS = (
    "abcdefghijklmnopqrstuvwxyzÀÉÖÜÑÇŁØßñ",
    "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیے",
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "欧阳秀英建国丽华志强海燕北京大学司马诸葛",
    "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯабвгдежз",
)
PUNCTUATION = " ,;\\:.'\"-()+=@&<>"


@st.composite
def names(draw: st.DrawFn) -> str:
    script = draw(st.sampled_from(SCRIPTS))
    words = draw(st.lists(st.text(script, min_size=1, max_size=8), min_size=1, max_size=3))
    return " ".join(words)


@st.composite
def free_texts(draw: st.DrawFn, lines: bool = False) -> str:
    alphabet = "".join(SCRIPTS) + PUNCTUATION + ("\n" if lines else "")
    return draw(st.text(alphabet, max_size=160)).strip()


@st.composite
def records(draw: st.DrawFn, index: int = 0) -> PersonRecord:
    return PersonRecord(
        honorific=draw(st.sampled_from(["", "Dr", "Lt. Gen. (R)", "ڈاکٹر", "الدكتور", "教授"])),
        given_name=draw(names()),
        family_name=draw(st.one_of(st.just(""), names())),
        post_nominals=draw(st.sampled_from(["", "HI (M)", "OBE, PhD", "(TI)"])),
        position=draw(free_texts()),
        affiliation=draw(free_texts()),
        email=draw(st.sampled_from(["", f"person{index}@example.org"])),
        phone=draw(st.sampled_from(["", "+92 51 9207000", "+44 (0)20 7957 5700; ext. 12"])),
        notes=draw(free_texts(lines=True)),
    )


@settings(max_examples=80, deadline=None)
@given(people=st.lists(records(), min_size=1, max_size=4), version=st.sampled_from(["4.0", "3.0"]))
def test_any_directory_reads_back_the_same(people: list[PersonRecord], version: str) -> None:
    data = render_people_vcards(people, version)
    for line in physical_lines(data):
        assert len(line) <= 75
        line.decode("utf-8")
    read = read_vcards(data)
    assert read.problems == () and read.skipped == ()
    assert [carried(r.record) for r in read.records] == [carried(p) for p in people]


@st.composite
def directories(draw: st.DrawFn) -> list[PersonRecord]:
    """A few people the importer keeps apart: distinct names and addresses."""
    count = draw(st.integers(1, 4))
    people = [draw(records(index)) for index in range(count)]
    return [
        replace(p, given_name=f"{p.given_name} {chr(0x0660 + i)}") for i, p in enumerate(people)
    ]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=directories(), version=st.sampled_from(["4.0", "3.0"]))
def test_export_then_import_into_an_empty_database_gives_the_same_people(
    tmp_path_factory: pytest.TempPathFactory,
    empty_database: Callable[[], Database],
    people: list[PersonRecord],
    version: str,
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    source = empty_database()
    target = empty_database()
    try:
        with source.session() as s:
            for p in people:
                # As Planner keeps a person with one name (contacts.one_name_as_family); the
                # window refuses an empty family name, and an import moves a lone given name.
                given, family = one_name_as_family(p.given_name, p.family_name)
                s.add(Person(**{**p.values(), "given_name": given, "family_name": family}))
        assert write_people_vcard(source, folder / "people.vcf", version=version) == len(people)
        summary = import_vcard(target, folder / "people.vcf")
        assert (summary.created, summary.updated, summary.skipped) == (len(people), 0, 0)

        def directory(db: Database) -> list[tuple[str, ...]]:
            with db.session() as s:
                rows = s.scalars(select(Person)).all()
                return sorted(tuple(getattr(p, f) for f in CARRIED) for p in rows)

        assert directory(target) == directory(source)
    finally:
        source.dispose()
        target.dispose()


# --- an event's people, by audience --------------------------------------------------------------


def test_each_audience_gets_only_what_its_sheet_holds() -> None:
    organisers = render_sheet_vcards(make_sheet(Audience.ORGANISERS)).decode("utf-8")
    assert organisers.count("BEGIN:VCARD") == 4
    assert "EMAIL;TYPE=work:" in organisers
    for audience in (Audience.ATTENDEES, Audience.PUBLIC):
        sheet = make_sheet(audience)
        text = render_sheet_vcards(sheet).decode("utf-8")
        named = {p.name for group in sheet.cast for p in group.people if not p.described} | {
            p.name for row in sheet.agenda for p in row.people if not p.described
        }
        fns = set(re.findall(r"^FN[^:]*:(.*)\r$", text, re.MULTILINE))
        assert fns == {n.replace(",", "\\,") for n in named}
        assert "EMAIL" not in text and "TEL" not in text


def test_participants_from_the_database_by_audience(tmp_path: Path, db: Database) -> None:
    ids = seed_database(db)
    rt = ids["roundtable"]
    count = write_participants_vcard(db, rt, tmp_path / "o.vcf", version="3.0")
    read = read_vcards((tmp_path / "o.vcf").read_bytes())
    assert len(read.records) == count
    assert {r.record.email for r in read.records} >= {"ayesha@example.org", "fatima@example.org"}
    attendees = write_participants_vcard(db, rt, tmp_path / "a.vcf", audience="attendees")
    text = (tmp_path / "a.vcf").read_text(encoding="utf-8")
    assert 0 < attendees < count
    assert "@" not in text  # no addresses for the attendees
    assert "Siddiqa" not in text  # an invitee, not in the programme
    # The off-the-record briefing names no one to the public: refused, with the reason.
    with pytest.raises(PlannerError, match="names no one the public may have"):
        write_participants_vcard(db, ids["off_record"], tmp_path / "p.vcf", audience="public")
    assert not (tmp_path / "p.vcf").exists()


def test_cli_writes_vcards_and_refuses_misuse(
    tmp_path: Path, db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = seed_database(db)
    base = ["--db", str(db_path), "export", "vcard"]
    assert main([*base, "people", "--version", "3.0", "-o", str(tmp_path / "a.vcf")]) == 0
    assert "VERSION:3.0" in (tmp_path / "a.vcf").read_text(encoding="utf-8")
    rt = str(ids["roundtable"])
    args = [*base, "participants", rt, "--audience", "attendees", "-o", str(tmp_path / "b.vcf")]
    assert main(args) == 0
    assert "wrote 6 people" in capsys.readouterr().out
    assert main([*base, "people", "--audience", "public", "-o", str(tmp_path / "c.vcf")]) == 2
    assert "takes no --audience" in capsys.readouterr().err
    assert main([*base, "participants", "-o", str(tmp_path / "c.vcf")]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main([*base, "people", "--version", "2.1", "-o", str(tmp_path / "c.vcf")])
    assert exit_info.value.code == 2
    assert "invalid choice: '2.1'" in capsys.readouterr().err
    assert not (tmp_path / "c.vcf").exists()


def test_organisers_participant_cards_import_as_the_same_people(
    tmp_path: Path, db: Database
) -> None:
    # The cards come from the organisers' sheet, not the directory: N must still carry each
    # name's parts (honorific, given, family, post-nominals), in Urdu too.
    ids = seed_database(db)
    with db.session() as s:
        # Names the styled form cannot be split back into: written family name first without
        # a space (欧阳秀英), and a family name of several words.
        for given, family in (("秀英", "欧阳"), ("Anna", "van der Berg")):
            person = Person(given_name=given, family_name=family, affiliation="北京大学")
            s.add(person)
            s.flush()
            s.add(Invitation(event_id=ids["roundtable"], person_id=person.id))
    write_participants_vcard(db, ids["roundtable"], tmp_path / "rt.vcf")
    target = Database.open(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    try:
        summary = import_vcard(target, tmp_path / "rt.vcf")
        assert summary.created == 8

        def linked(database: Database) -> list[tuple[str, ...]]:
            fields = CARRIED[:-1]  # no notes: the sheet does not carry them
            with database.session() as s:
                rows = s.scalars(select(Person)).all()
                return sorted(tuple(getattr(p, f) for f in fields) for p in rows)

        assert linked(target) == linked(db)
    finally:
        target.dispose()
