"""Bad links and control characters are refused at every way in, with one message naming the
field; harmless control characters in a biography are removed and the summary says so."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from package_samples import sample
from planner.errors import ValidationError
from planner.model import Event, Organisation, Person
from planner.safety import (
    has_control,
    is_control,
    one_line_problem,
    safe_url,
    strip_controls,
    url_problem,
)
from planner.services.people import create_person, field_problem
from planner.services.people_import import import_people_csv, import_vcard
from planner.store import Database
from planner.store.package import import_package

BAD_LINKS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox",
    "ftp://cpakgulf.org/report.pdf",
    "//evil.example/report.pdf",
    "https://",
    "https://cpakgulf.org/a\nb",
]
GOOD_LINKS = [
    "https://cpakgulf.org/report.pdf",
    "http://cpakgulf.org/wp-content/uploads/2013/11/Gulf.pdf",
    "mailto:info@cpgs.example.org",
    "www.cpakgulf.org",
    "cpakgulf.org/reports?id=1#top",
]


@pytest.mark.parametrize("link", BAD_LINKS)
def test_unsafe_links_are_refused_and_never_passed_on(link: str) -> None:
    assert url_problem(link)
    assert safe_url(link) == ""


@pytest.mark.parametrize("link", GOOD_LINKS)
def test_web_and_mail_links_are_kept(link: str) -> None:
    assert url_problem(link) is None
    assert safe_url(link) == link


def test_strip_controls_keeps_tabs_and_line_breaks() -> None:
    assert strip_controls("Served\tin Quetta.\r\nThen\x00 Lahore\x1b.") == (
        "Served\tin Quetta.\nThen Lahore.",
        2,
    )


ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
_BREAKING = {"Cc", "Zl", "Zp"}


@given(ANY_TEXT)
def test_a_one_line_field_accepts_no_control_character(text: str) -> None:
    has_control = any(unicodedata.category(c) in _BREAKING for c in text)
    assert (one_line_problem(text) is not None) == has_control
    # Nothing Python (or a mail or calendar library) splits lines on gets through.
    if one_line_problem(text) is None:
        assert len(text.splitlines()) <= 1


@given(ANY_TEXT)
def test_a_multi_line_text_keeps_only_tabs_and_line_feeds(text: str) -> None:
    kept, removed = strip_controls(text)
    assert all(c in "\t\n" or unicodedata.category(c) not in _BREAKING for c in kept)
    assert strip_controls(kept) == (kept, 0)  # cleaning twice changes nothing
    assert removed <= len(text)


def test_the_control_character_regex_is_exactly_is_control() -> None:
    # has_control, one_line_problem and strip_controls search with a regex (a bulk import checks
    # millions of fields); it must hold exactly the characters is_control() names, in this
    # Python's Unicode, or a new control character would slip through.
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    controls = {c for c in every if is_control(c)}
    assert {c for c in every if has_control(c)} == controls
    assert {c for c in every if one_line_problem(c) is not None} == controls
    # strip_controls as it was written before, character by character.
    lines = every.replace("\r\n", "\n").replace("\r", "\n")
    lines = lines.replace("\u2028", "\n").replace("\u2029", "\n\n")
    expected = "".join(c for c in lines if c in "\t\n" or c not in controls)
    assert strip_controls(every) == (expected, len(lines) - len(expected))


# --- the event package -------------------------------------------------------------------


def _count(db: Database, model: type[Event] | type[Person]) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"])
def test_package_refuses_unsafe_links_naming_the_field(db: Database, link: str) -> None:
    package = sample()
    package["organisation"]["website"] = link
    package["events"][0]["report"]["url"] = link
    with pytest.raises(ValidationError) as caught:
        import_package(db, package)
    message = str(caught.value)
    assert "organisation.website: only http://, https:// and mailto: links are allowed" in message
    assert "events[0].report.url: only http://, https:// and mailto: links are allowed" in message
    assert _count(db, Event) == 0  # all or nothing


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("given_name", "Sehar\r\nBcc: all@evil.test", "a line break (CR)"),
        ("family_name", "Kamran\x00", "a NUL character"),
        ("email", "sehar@example.org\nBcc: x@evil.test", "a line break (LF)"),
        ("honorific", "Senator\x1b[31m", "a control character (U+001B)"),
        ("affiliation", "Senate\u2028of Pakistan", "a line separator"),
        ("phone", "051\x85123", "a line break (NEL)"),
    ],
)
def test_package_refuses_control_characters_in_one_line_fields(
    db: Database, field: str, value: str, said: str
) -> None:
    package = sample()
    package["people"][1][field] = value
    with pytest.raises(ValidationError) as caught:
        import_package(db, package)
    assert f"people[1].{field}: contains {said}; it must be one line of text" in str(caught.value)
    assert _count(db, Person) == 0


def test_package_strips_control_characters_from_biographies_and_says_so(db: Database) -> None:
    package = sample()
    package["people"][0]["bio"] = "A retired\x00 general.\r\nServed in Quetta."
    package["people"][0]["notes"] = "Tab\tkept\x07"
    summary = str(import_package(db, package))
    assert "people[0].bio: removed 1 control character" in summary
    assert "people[0].notes: removed 1 control character" in summary
    with db.session() as s:
        owais = s.scalars(select(Person).where(Person.family_name == "Owais")).one()
        assert owais.short_bio == "A retired general.\nServed in Quetta."
        assert owais.notes == "Tab\tkept"


def test_package_organisation_name_is_one_line(db: Database) -> None:
    package = sample()
    package["organisation"]["name"] = "CPGS\r\nX-Header: 1"
    with pytest.raises(ValidationError, match=r"organisation\.name: contains a line break"):
        import_package(db, package)
    with db.session() as s:
        assert s.scalars(select(Organisation)).first() is None


# --- CSV and vCard -------------------------------------------------------------------------


def test_csv_refuses_a_line_break_in_a_name(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        'Given name,Family name,Email\nSehar,"Kamran\nBcc: all@evil.test",s@example.org\n'
        "Ali,Khan\x00,ali@example.org\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        import_people_csv(db, path)
    message = str(caught.value)
    assert "line 2: Family name contains a line break (LF)" in message
    assert "line 4: Family name contains a NUL character" in message
    assert _count(db, Person) == 0


def test_csv_strips_control_characters_from_notes_and_says_so(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        'Given name,Family name,Notes\nSehar,Kamran,"Met in\x0b Islamabad\x1b."\n',
        encoding="utf-8",
    )
    summary = import_people_csv(db, path).line()
    assert "line 2, Notes: removed 2 control characters" in summary
    with db.session() as s:
        assert s.scalars(select(Person.notes)).one() == "Met in Islamabad."


def test_vcard_refuses_a_line_break_in_an_email(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kamran;Sehar;;;\r\nFN:Sehar Kamran\r\n"
        "EMAIL:sehar@example.org\\nBcc: all@evil.test\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        import_vcard(db, path)
    assert "Email contains a line break (LF)" in str(caught.value)
    assert _count(db, Person) == 0


# --- the GUI's person fields and the services ----------------------------------------------


def test_person_fields_refuse_control_characters(db: Database) -> None:
    assert field_problem("given_name", "Sehar\nKamran") == (
        "Given name contains a line break (LF); it must be one line of text."
    )
    assert field_problem("long_bio", "Two\nparagraphs\twith a tab.") is None
    with pytest.raises(ValidationError, match="Family name contains a NUL character"):
        create_person(db, {"given_name": "Sehar", "family_name": "Kam\x00ran"})
