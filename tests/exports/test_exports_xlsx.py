"""People and participant workbooks (.xlsx): read back with openpyxl and as raw XML."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from export_samples import Audience, make_sheet, seed_database
from planner.cli.main import main
from planner.errors import PolicyRefusal, ValidationError
from planner.exports.contacts import CONTACT_COLUMNS, PERSON_FIELDS, PersonRecord
from planner.exports.people_xlsx import render_participants_xlsx, render_people_xlsx
from planner.services.contact_exports import write_participants_xlsx, write_people_xlsx
from planner.store import Database

CREATED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

HOSTILE = PersonRecord(
    honorific="=1+1",
    given_name='=HYPERLINK("http://evil.test","click")',
    family_name="+1+cmd|' /C calc'!A0",
    post_nominals="-2+3",
    position="@SUM(A1:A9)",
    affiliation="\tTabbed",
    email="x@example.org",
    phone="+92 51 9207000",
    notes="Line one\nLine two",
)
URDU = PersonRecord(given_name="فاطمہ", family_name="علی", affiliation="جامعہ پنجاب")
ARABIC = PersonRecord(honorific="الدكتور", given_name="خالد", family_name="المنصوري")
CHINESE = PersonRecord(given_name="秀英", family_name="欧阳", affiliation="北京大学")


def cells(data: bytes) -> list[list[openpyxl.cell.cell.Cell]]:
    sheet = openpyxl.load_workbook(BytesIO(data)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows()]


def sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def assert_text_only(data: bytes) -> None:
    """No formula anywhere, and every cell that holds something is a string."""
    assert "<f>" not in sheet_xml(data) and "<f " not in sheet_xml(data)
    for row in cells(data):
        for cell in row:
            assert cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
            assert cell.value is None or isinstance(cell.value, str)


def test_people_workbook_holds_every_value_as_typed_text() -> None:
    records = [HOSTILE, URDU, ARABIC, CHINESE]
    data = render_people_xlsx(records, created=CREATED)
    assert_text_only(data)
    rows = cells(data)
    assert [c.value for c in rows[0]] == [CONTACT_COLUMNS[f] for f in PERSON_FIELDS]
    assert all(c.font.b for c in rows[0]) and not rows[1][0].font.b
    for row, record in zip(rows[1:], records, strict=True):
        # Exactly as typed: no apostrophe in front of the phone number or the formula.
        assert [c.value or "" for c in row] == [getattr(record, f) for f in PERSON_FIELDS]
    assert rows[1][PERSON_FIELDS.index("phone")].value == "+92 51 9207000"
    # Excel's Text format, so a cell edited later stays text too.
    assert rows[1][0].number_format == "@"


def test_workbook_layout_header_frozen_widths_and_print_setup() -> None:
    data = render_participants_xlsx(make_sheet(Audience.ORGANISERS), created=CREATED)
    sheet = openpyxl.load_workbook(BytesIO(data)).active
    assert sheet is not None
    assert sheet.title == "Participants"
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert "CONFIDENTIAL" in sheet.oddHeader.center.text
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    # The name column is wider than "Attended" and no column is absurdly wide.
    assert widths["A"] > widths["E"] >= 8
    assert max(widths.values()) <= 33


def test_wide_characters_widen_their_column() -> None:
    latin = render_people_xlsx([PersonRecord(given_name="a", affiliation="x" * 12)])
    chinese = render_people_xlsx([PersonRecord(given_name="a", affiliation="北" * 12)])

    def width(data: bytes) -> float:
        sheet = openpyxl.load_workbook(BytesIO(data)).active
        assert sheet is not None
        return float(sheet.column_dimensions["F"].width)

    assert width(chinese) > width(latin)


def test_output_is_deterministic_for_a_given_moment() -> None:
    records = [HOSTILE, URDU]
    assert render_people_xlsx(records, created=CREATED) == render_people_xlsx(
        records, created=CREATED
    )


def test_participant_workbook_is_for_the_organisers_only() -> None:
    data = render_participants_xlsx(make_sheet(Audience.ORGANISERS))
    assert_text_only(data)
    names = {row[0].value for row in cells(data)[1:]}
    assert "ڈاکٹر فاطمہ علی" in names and "Dr Ayesha Siddiqa" in names
    for audience in (Audience.PUBLIC, Audience.ATTENDEES):
        with pytest.raises(PolicyRefusal):
            render_participants_xlsx(make_sheet(audience))


def test_a_cell_longer_than_excel_holds_is_refused_naming_the_field() -> None:
    record = PersonRecord(honorific="Dr", given_name="Ayesha", family_name="Siddiqa")
    with pytest.raises(ValidationError, match=r"row 3 \(Dr Ayesha Siddiqa\): Notes has 40,000"):
        render_people_xlsx([URDU, replace(record, notes="x" * 40_000)])


# Any text a person's fields may hold, control characters and Excel's _xHHHH_ escapes too.
field_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=40
)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(field_text, min_size=len(PERSON_FIELDS), max_size=len(PERSON_FIELDS)))
@example(values=["_x0041_", "\x07", "=A1", *[""] * (len(PERSON_FIELDS) - 3)])
def test_any_text_comes_back_as_the_same_string(values: list[str]) -> None:
    record = PersonRecord(**dict(zip(PERSON_FIELDS, values, strict=True)))
    data = render_people_xlsx([record])
    assert_text_only(data)
    shown = excel_strings(data)
    assert [shown.get(f"{column}2", "") for column in "ABCDEFGHIJKLMN"[: len(values)]] == values


def excel_strings(data: bytes) -> dict[str, str]:
    """Each cell's text as Excel shows it, from the raw XML: OOXML writes a character XML
    cannot hold as ``_xHHHH_`` and a literal ``_x`` run as ``_x005F_x``; openpyxl decodes only
    the latter, so the test decodes both itself, left to right as the standard says."""
    namespace = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(BytesIO(data)) as archive:
        strings = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    table = ["".join(t.text or "" for t in si.iter(f"{{{namespace['m']}}}t")) for si in strings]
    shown: dict[str, str] = {}
    for cell in sheet.iterfind(".//m:c", namespace):
        value = cell.find("m:v", namespace)
        assert cell.get("t") == "s" and value is not None and value.text is not None
        raw = table[int(value.text)]
        shown[cell.get("r", "")] = re.sub(
            r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), raw
        )
    return shown


# --- through the database and the command line ------------------------------------------------


def test_people_and_participants_from_the_database(tmp_path: Path, db: Database) -> None:
    ids = seed_database(db)
    assert write_people_xlsx(db, tmp_path / "people.xlsx") == 6
    rows = cells((tmp_path / "people.xlsx").read_bytes())
    assert [r[2].value for r in rows[1:3]] == ["Khan", "Khattak"]  # by family name
    count = write_participants_xlsx(db, ids["roundtable"], tmp_path / "p.xlsx")
    rows = cells((tmp_path / "p.xlsx").read_bytes())
    assert count == len(rows) - 1
    statuses = {r[0].value: r[3].value for r in rows[1:]}
    assert statuses["Dr Ayesha Siddiqa"] == "Accepted"


def test_cli_writes_workbooks_and_refuses_misuse(
    tmp_path: Path, db: Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = seed_database(db)
    base = ["--db", str(db_path), "export", "xlsx"]
    assert main([*base, "people", "-o", str(tmp_path / "a.xlsx")]) == 0
    rt = str(ids["roundtable"])
    assert main([*base, "participants", rt, "-o", str(tmp_path / "b.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "wrote 6 people" in out and "participants to" in out
    assert main([*base, "participants", "-o", str(tmp_path / "c.xlsx")]) == 2
    assert "needs an EVENT_ID" in capsys.readouterr().err
    assert main([*base, "people", rt, "-o", str(tmp_path / "c.xlsx")]) == 2
    assert "takes no EVENT_ID" in capsys.readouterr().err
    assert main([*base, "participants", "999", "-o", str(tmp_path / "c.xlsx")]) == 1
    assert "no event with id 999" in capsys.readouterr().err
    assert not (tmp_path / "c.xlsx").exists()
