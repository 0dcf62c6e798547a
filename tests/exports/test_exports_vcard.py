"""vCard import: the formats Outlook, Apple Contacts and Google write, and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from planner.errors import ValidationError
from planner.exports.vcard import read_vcards
from planner.model import Person
from planner.services.people_import import import_vcard
from planner.store import Database

# Outlook 2016 on Windows: vCard 2.1, QUOTED-PRINTABLE with a CHARSET, soft line breaks,
# bare parameters, a BASE64 photo continued on indented lines.
OUTLOOK_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;LANGUAGE=de;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg;;Dr.;\r\n"
    "FN;CHARSET=utf-8;ENCODING=QUOTED-PRINTABLE:Dr. J=C3=B6rg M=C3=BC=\r\n"
    "ller\r\n"
    "ORG:Institut f=C3=BCr Sicherheit;Abteilung 2\r\n"
    "TITLE:Senior Fellow\r\n"
    "TEL;WORK;VOICE:+49 30 1234\r\n"
    "EMAIL;PREF;INTERNET:joerg@example.de\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Line one=0D=0ALine two\r\n"
    "PHOTO;TYPE=JPEG;ENCODING=BASE64:\r\n"
    " /9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRof\r\n"
    " Hh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwh\r\n"
    "\r\n"
    "END:VCARD\r\n"
)

# Apple Contacts: vCard 3.0, item groups, escaped commas, a company card.
APPLE_30 = (
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "PRODID:-//Apple Inc.//macOS 14.0//EN\n"
    "N:Owais;Syed Muhammad;;Lt. Gen. (R);HI (M)\n"
    "FN:Lt. Gen. (R) Syed Muhammad Owais HI (M)\n"
    "ORG:National Defence University\\, Islamabad;\n"
    "item1.EMAIL;type=INTERNET;type=pref:owais@example.org\n"
    "item1.X-ABLabel:_$!<Other>!$_\n"
    "TEL;type=CELL;type=VOICE;type=pref:+92 300 1234567\n"
    "NOTE:Met at the roundtable\\, 2013\\nSecond line\\; with semicolon\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "N:;;;;\n"
    "FN:ACME Corporation\n"
    "ORG:ACME Corporation;\n"
    "X-ABShowAs:COMPANY\n"
    "END:VCARD\n"
)

# Google Contacts: vCard 3.0 with long lines folded at 75 octets, in the middle of a character.
GOOGLE_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Senator Sehar Kamran (TI)\r\n"
    "N:Kamran;Sehar;;Senator;(TI)\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:sk@home.pk\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK:sehar@example.pk\r\n"
    "ORG:Centre for Pakistan and Gulf Studies\r\n"
    "NOTE:A very long note that Google folds across lines because it is longer \r\n"
    " than seventy-five octets: ڈاکٹر\r\n"
    "END:VCARD\r\n"
)

# vCard 4.0 (RFC 6350): PREF=1, quoted parameter lists, tel: URIs.
V40 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:فاطمہ علی\r\n"
    "N:علی;فاطمہ;;;\r\n"
    "EMAIL;TYPE=home:home@example.org\r\n"
    'EMAIL;TYPE="work,voice";PREF=1:fatima@example.org\r\n'
    'TEL;VALUE=uri;TYPE="voice,work":tel:+92-51-555\r\n'
    "END:VCARD\r\n"
)


def records(text: str, encoding: str = "utf-8") -> list[dict[str, str]]:
    result = read_vcards(text.encode(encoding))
    assert result.problems == ()
    return [r.record.values() for r in result.records]


def test_outlook_21_quoted_printable_charset_and_photo() -> None:
    [joerg] = records(OUTLOOK_21)
    assert (joerg["honorific"], joerg["given_name"], joerg["family_name"]) == (
        "Dr.",
        "Jörg",
        "Müller",
    )
    assert joerg["position"] == "Senior Fellow"
    assert joerg["email"] == "joerg@example.de"
    assert joerg["phone"] == "+49 30 1234"
    assert joerg["notes"] == "Line one\nLine two"


def test_apple_30_groups_escapes_and_company_cards() -> None:
    result = read_vcards(APPLE_30.encode())
    [owais] = [r.record for r in result.records]
    assert owais.honorific == "Lt. Gen. (R)"
    assert owais.post_nominals == "HI (M)"
    assert owais.affiliation == "National Defence University, Islamabad"
    assert owais.email == "owais@example.org"
    assert owais.notes == "Met at the roundtable, 2013\nSecond line; with semicolon"
    assert len(result.skipped) == 1
    assert "company" in result.skipped[0]


def test_google_folding_and_preferred_work_email() -> None:
    [sehar] = records(GOOGLE_30)
    assert sehar["email"] == "sehar@example.pk"
    assert sehar["notes"].endswith("longer than seventy-five octets: ڈاکٹر")
    assert sehar["post_nominals"] == "(TI)"


def test_v40_pref_and_tel_uri() -> None:
    [fatima] = records(V40)
    assert fatima["email"] == "fatima@example.org"
    assert fatima["phone"] == "+92-51-555"
    assert (fatima["given_name"], fatima["family_name"]) == ("فاطمہ", "علی")


def test_fn_only_is_split_into_parts() -> None:
    [khattak] = records("BEGIN:VCARD\nVERSION:3.0\nFN:Amb (R) Khalid Khattak\nEND:VCARD\n")
    assert (khattak["honorific"], khattak["given_name"], khattak["family_name"]) == (
        "Amb (R)",
        "Khalid",
        "Khattak",
    )


def test_cp1252_file_without_charset_is_read_with_a_note() -> None:
    data = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Müller;Jörg\r\nEND:VCARD\r\n".encode("cp1252")
    result = read_vcards(data)
    assert result.records[0].record.family_name == "Müller"
    assert any("Windows-1252" in n for n in result.notes)


def test_import_all_formats_into_the_directory(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(OUTLOOK_21 + APPLE_30 + GOOGLE_30 + V40, encoding="utf-8", newline="")
    summary = import_vcard(db, path)
    assert (summary.created, summary.updated, summary.skipped) == (4, 0, 1)
    with db.session() as s:
        names = sorted(p.family_name for p in s.scalars(select(Person)))
    assert names == sorted(["Müller", "Owais", "Kamran", "علی"])
    again = import_vcard(db, path)
    assert (again.created, again.updated) == (0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a vCard"),
        (b"Name,Email\nA,b@c.org\n", "not a vCard"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short\n", "without END:VCARD"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:A B\nEMAIL:not-an-address\nEND:VCARD\n", "not an email"),
        (
            b"BEGIN:VCARD\nVERSION:3.0\nFN:A " + b"x" * 10_000 + b"\nEND:VCARD\n",
            r"(?s)1 contact has a problem.*Family name is longer than 200 characters \(10,000\)",
        ),
    ],
)
def test_broken_files_are_refused_with_nothing_written(
    tmp_path: Path, db: Database, content: bytes, message: str
) -> None:
    path = tmp_path / "broken.vcf"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        import_vcard(db, path)
    with db.session() as s:
        assert s.scalars(select(Person)).first() is None


def test_hostile_values_stay_data() -> None:
    card = (
        "BEGIN:VCARD\nVERSION:3.0\n"
        'N:<script>alert(1)</script>;=HYPERLINK("x");;;\n'
        "EMAIL:ok@example.org\nEND:VCARD\n"
    )
    [record] = records(card)
    assert record["family_name"] == "<script>alert(1)</script>"
    assert record["given_name"] == '=HYPERLINK("x")'


def test_8_bit_values_are_read_in_their_own_charset() -> None:
    # Outlook's vCard 2.1 for an Arabic contact: the name in Windows-1256 bytes, not quoted
    # (a try-out imported it as "ÇáÔíÎ äÇÕÑ ÇáÕÈÇÍ"); a folded FN keeps its CHARSET; a TITLE
    # with no CHARSET in Windows-1252 is read so, with the note.
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        + "N;CHARSET=windows-1256:الصباح;ناصر;;الشيخ\r\n".encode("cp1256")
        + "FN;CHARSET=windows-1256:الشيخ ناصر\r\n الصباح\r\n".encode("cp1256")
        + "TITLE:Director für Sicherheit\r\n".encode("cp1252")
        + b"END:VCARD\r\n"
        + b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        + "N;CHARSET=koi8-r:Иванова;Ольга\r\n".encode("koi8-r")
        + b"END:VCARD\r\n"
    )
    result = read_vcards(data)
    arabic, russian = (read.record for read in result.records)
    assert (arabic.given_name, arabic.family_name, arabic.honorific) == ("ناصر", "الصباح", "الشيخ")
    assert arabic.position == "Director für Sicherheit"
    assert (russian.given_name, russian.family_name) == ("Ольга", "Иванова")
    assert not result.problems
    assert result.notes == (
        "not UTF-8: read as Windows-1252 where no CHARSET is given; check accented names",
    )


def test_8_bit_values_that_all_name_their_charset_need_no_note() -> None:
    data = (
        b"BEGIN:VCARD\nVERSION:2.1\n"
        + "N;CHARSET=cp1256:الصباح;ناصر\n".encode("cp1256")
        + b"END:VCARD\n"
    )
    result = read_vcards(data)
    assert result.records[0].record.family_name == "الصباح"
    assert result.notes == ()


def test_an_8_bit_value_in_a_charset_that_is_no_text_encoding_is_refused_by_line() -> None:
    data = b"BEGIN:VCARD\nVERSION:2.1\nFN:Ayesha\nN;CHARSET=utf-7:\xe4;Ayesha\nEND:VCARD\n"
    result = read_vcards(data)
    assert result.problems == (
        "line 4: N has CHARSET='utf-7', not a text encoding Planner reads (use UTF-8, or a "
        "Windows, ISO 8859, Chinese, Japanese, Korean or KOI8 code page)",
    )
