"""The bulk people import (services.people_import): staged rows, one INSERT ... SELECT, one
UPDATE. It must give exactly what the row-by-row import gave: the outcomes below are written
out by hand from the matching rules (email first, then name unless the emails differ; a match
is completed, never overwritten; a repeat within the file is merged into its first row)."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from planner.errors import ValidationError
from planner.model import Person
from planner.services import people as people_service
from planner.services.people_import import import_people_csv, import_vcard
from planner.store import Database

FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "position",
    "affiliation",
    "email",
    "phone",
    "notes",
)


def directory(db: Database) -> list[tuple[str, ...]]:
    with db.session(write=False) as s:
        people = s.scalars(select(Person).order_by(Person.id))
        return [tuple(getattr(p, f) for f in FIELDS) for p in people]


def seed(db: Database) -> datetime:
    """Four people; returns a moment after they were written."""
    with db.session() as s:
        s.add_all(
            [
                Person(honorific="Lt. Gen. (R)", given_name="Syed Muhammad", family_name="Owais",
                       email="owais@example.org", phone="+92 51 111"),
                Person(given_name="Khalid", family_name="Khattak", position="Ambassador"),
                Person(given_name="Ayesha", family_name="Siddiqa", email="ayesha@soas.example",
                       affiliation="SOAS"),
                Person(given_name="Jörg", family_name="Müller", notes="Met in Berlin."),
            ]
        )  # fmt: skip
    return datetime.now(UTC)


MIXED_CSV = (
    "Title,First Name,Last Name,Email,Company,Job Title,Phone,Notes\n"
    "Gen.,Syed Muhammad,Owais,OWAIS@example.org,NDU,,+92 51 999,\n"  # 2: email match, completes
    "Amb,Khalid,Khattak,khattak@example.org,,Envoy,,\n"  # 3: name match (no email there)
    "Dr,Ayesha,Siddiqa,ayesha@other.example,LUMS,,,\n"  # 4: same name, other email: new
    ",Ayesha,Siddiqa,,,Professor,,\n"  # 5: name match, the directory's Ayesha comes first
    ",Ali,Khan,ali1@example.org,,,,\n"  # 6: new
    ",Ali,Khan,ali2@example.org,,,,\n"  # 7: same name, other email: another new person
    ",Ali,Khan,ALI1@example.org,IPRI,,,\n"  # 8: repeats line 6 by email, completes it
    ',Jorg,Muller,jorg@example.org,,,,"Second\x07 meeting"\n'  # 9: name match without accents
    "Gen.,Syed Muhammad,Owais,owais@example.org,Other,,,\n"  # 10: email match, nothing to add
    ",Syed Muhammad,Owais,,,Fellow,,\n"  # 11: name match, completes the same person again
)


MIXED_OUTCOME = [
    # The directory's four, in their order, completed and never overwritten.
    ("Lt. Gen. (R)", "Syed Muhammad", "Owais", "Fellow", "NDU", "owais@example.org",
     "+92 51 111", ""),
    ("Amb", "Khalid", "Khattak", "Ambassador", "", "khattak@example.org", "", ""),
    ("", "Ayesha", "Siddiqa", "Professor", "SOAS", "ayesha@soas.example", "", ""),
    ("", "Jörg", "Müller", "", "", "jorg@example.org", "", "Met in Berlin."),
    # The new three, in file order; line 8 completed line 6's person before it was written.
    ("Dr", "Ayesha", "Siddiqa", "", "LUMS", "ayesha@other.example", "", ""),
    ("", "Ali", "Khan", "", "IPRI", "ali1@example.org", "", ""),
    ("", "Ali", "Khan", "", "", "ali2@example.org", "", ""),
]  # fmt: skip


def test_a_mixed_file_gives_the_same_outcome_as_the_row_by_row_import(
    db: Database, tmp_path: Path
) -> None:
    before = seed(db)
    path = tmp_path / "mixed.csv"
    path.write_text(MIXED_CSV, encoding="utf-8")

    summary = import_people_csv(db, path)

    assert (summary.created, summary.updated, summary.skipped) == (3, 5, 2)
    assert summary.notes == (
        "merged into an earlier row: line 8 repeats line 6",
        "line 9, Notes: removed 1 control character",
    )
    assert directory(db) == MIXED_OUTCOME
    with db.session(write=False) as s:
        stamps = [
            (p.created_at, p.updated_at) for p in s.scalars(select(Person).order_by(Person.id))
        ]
    assert all(updated > before for _, updated in stamps)  # all four completed, three new
    assert all(created > before for created, _ in stamps[4:])
    assert all(created < before for created, _ in stamps[:4])

    # The search index followed both the insert and the update.
    assert [p.family_name for p in people_service.search_people(db, "NDU")] == ["Owais"]
    assert [p.email for p in people_service.search_people(db, "IPRI")] == ["ali1@example.org"]
    assert [p.given_name for p in people_service.search_people(db, "jorg@")] == ["Jörg"]

    again = import_people_csv(db, path)
    assert (again.created, again.updated, again.skipped) == (0, 0, 10)
    assert len(directory(db)) == 7


def test_a_driver_with_another_parameter_style_stages_through_sqlalchemy(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The staging rows go to the driver's executemany for the styles we know (sqlite3,
    psycopg); any other driver gets them through SQLAlchemy's insert, to the same outcome."""
    from planner.services import people_import

    monkeypatch.setattr(people_import, "_MARKS", {})
    seed(db)
    path = tmp_path / "mixed.csv"
    path.write_text(MIXED_CSV, encoding="utf-8")
    summary = import_people_csv(db, path)
    assert (summary.created, summary.updated, summary.skipped) == (3, 5, 2)
    assert directory(db) == MIXED_OUTCOME


def test_a_vcard_file_is_matched_and_merged_the_same_way(db: Database, tmp_path: Path) -> None:
    seed(db)
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Khattak;Khalid;;Amb;\r\nEMAIL:khattak@example.org\r\n"
        "END:VCARD\r\n"  # line 1: name match, completes honorific and email
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;小明;;;\r\nFN:王小明\r\nORG:北京大学\r\n"
        "EMAIL:wang@example.cn\r\nEND:VCARD\r\n"  # line 6: new
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:صدیقہ;عائشہ;;ڈاکٹر;\r\nEND:VCARD\r\n"  # line 13: new
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;小明;;;\r\nTITLE:教授\r\n"
        "EMAIL:WANG@example.cn\r\nEND:VCARD\r\n",  # line 17: repeats line 6
        encoding="utf-8",
    )
    summary = import_vcard(db, path)
    assert (summary.created, summary.updated, summary.skipped) == (2, 1, 1)
    assert summary.notes == ("merged into an earlier row: line 17 repeats line 6",)
    assert directory(db)[1] == (
        "Amb", "Khalid", "Khattak", "Ambassador", "", "khattak@example.org", "", ""
    )  # fmt: skip
    assert directory(db)[4:] == [
        ("", "小明", "王", "教授", "北京大学", "wang@example.cn", "", ""),
        ("ڈاکٹر", "عائشہ", "صدیقہ", "", "", "", "", ""),
    ]


def fingerprint(db_file: Path) -> str:
    """Every row of every table (the search index's included)."""
    digest = hashlib.sha256()
    with closing(sqlite3.connect(db_file)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in sorted(tables):
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "people.csv",
            MIXED_CSV + ",Bad,Row,not-an-email,,,,\n",
            "line 12: 'not-an-email' is not an email address",
        ),
        (
            "people.csv",
            MIXED_CSV.replace("Khalid,Khattak", "Khalid,Khat\x1btak"),
            "line 3: Family name contains a control character (U+001B)",
        ),
        (
            "contacts.vcf",
            "BEGIN:VCARD\r\nN:Khan;Ali;;;\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nN:Khan;Sara;;;\r\nEMAIL:sara@\r\nEND:VCARD\r\n",
            "line 4: 'sara@' is not an email address",
        ),
    ],
)
def test_a_refused_file_changes_nothing(
    db: Database, db_path: Path, tmp_path: Path, name: str, text: str, message: str
) -> None:
    seed(db)
    before = fingerprint(db_path)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    importer = import_vcard if name.endswith(".vcf") else import_people_csv
    with pytest.raises(ValidationError) as refused:
        importer(db, path)
    assert "nothing imported; 1 " in str(refused.value)
    assert any(p.startswith(message) for p in refused.value.problems)
    assert fingerprint(db_path) == before


SCRIPTS = (
    ("Ayesha", "Khattak"),
    ("عائشہ", "صدیقہ"),  # Urdu
    ("محمد", "الحسيني"),  # Arabic
    ("小明", "王"),  # Chinese
)


def test_two_thousand_imported_people_are_found_by_the_people_search(
    db: Database, tmp_path: Path
) -> None:
    seed(db)
    lines = ["First Name,Last Name,Email,Organisation"]
    for n in range(2000):
        given, family = SCRIPTS[n % len(SCRIPTS)]
        lines.append(f"{given},{family}{n:04d},person{n:04d}@example.org,Institute {n % 7}")
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []

    summary = import_people_csv(db, path, progress=lambda done, total: calls.append((done, total)))

    assert (summary.created, summary.updated, summary.skipped) == (2000, 0, 0)
    assert calls[-1] == (2000, 2000) and len(calls) == 8
    assert people_service.has_search_index(db)
    assert people_service.count_people(db) == 2004
    assert people_service.count_people(db, "example.org") == 2001  # and Owais
    assert people_service.count_people(db, "institute") == 2000
    for n in (0, 1, 2, 3, 1998, 1999):
        given, family = SCRIPTS[n % len(SCRIPTS)]
        found = people_service.search_people(db, f"{family}{n:04d}")
        assert [(p.given_name, p.email) for p in found] == [(given, f"person{n:04d}@example.org")]
    # Ids follow the file's order, as when the rows were added one by one.
    with db.session(write=False) as s:
        emails = s.scalars(select(Person.email).where(Person.id > 4).order_by(Person.id)).all()
    assert emails == [f"person{n:04d}@example.org" for n in range(2000)]


def test_the_bulk_import_works_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    # Temporary tables, INSERT ... SELECT and the correlated UPDATE, on the other back end.
    db = Database.open(postgres_url)
    try:
        with db.session(write=False) as s:
            assert not s.scalar(select(func.count()).select_from(Person)), "an empty database"
        seed(db)
        path = tmp_path / "mixed.csv"
        path.write_text(MIXED_CSV, encoding="utf-8")
        summary = import_people_csv(db, path)
        assert (summary.created, summary.updated, summary.skipped) == (3, 5, 2)
        assert directory(db) == MIXED_OUTCOME
        assert import_people_csv(db, path).skipped == 10
    finally:
        with db.session() as s:
            s.execute(delete(Person))
        db.dispose()


def test_a_person_with_one_name_has_it_as_the_family_name(db: Database, tmp_path: Path) -> None:
    """The window requires a family name (lists sort by it): a row with only a first name came
    in with an empty one, shown in red on the person page as not saved."""
    from planner.services.cast import AddNewPerson
    from planner.services.operations import apply

    csv = tmp_path / "one-name.csv"
    csv.write_text(
        "Title,First Name,Last Name,E-mail Address\n"
        ",Suharto,,suharto@example.org\n"
        "Dr,Ayesha,Siddiqa,ayesha@example.org\n",
        encoding="utf-8",
    )
    import_people_csv(db, csv)
    # The same file again matches them, nobody is created twice.
    assert import_people_csv(db, csv).created == 0
    with db.session() as s:
        names = {(p.given_name, p.family_name) for p in s.scalars(select(Person))}
    assert names == {("", "Suharto"), ("Ayesha", "Siddiqa")}
    assert people_service.field_problem("family_name", "Suharto") is None
    # The event editor's "New person…" keeps the same rule.
    with db.session() as s:
        from planner.model import Event

        start = datetime(2027, 1, 5, 9, tzinfo=UTC)
        event = Event(uid="e@x", title="Seminar", starts_at=start, ends_at=start)
        s.add(event)
        s.flush()
        event_id = event.id
    from planner.model import Role

    apply(db, AddNewPerson(event_id, {"given_name": "Pelé", "family_name": " "}, Role.SPEAKER))
    with db.session() as s:
        pele = s.scalars(select(Person).where(Person.family_name == "Pelé")).one()
        assert pele.given_name == ""
