"""People as an Excel workbook (.xlsx): the directory and an event's participant list.

The same rows as the CSV (:func:`~planner.exports.contacts.people_table`,
:func:`~planner.exports.contacts.participant_table`), but every cell is written as a string in a
text-formatted column, so no cell is ever a formula and no apostrophe is needed: ``=HYPERLINK(..)``
and ``+92 51 9207000`` both show exactly as typed. A bold, frozen header row, columns as wide as
their text (within bounds), wrapped long cells, and a page set up to print (landscape, one page
wide, the header row repeated, CONFIDENTIAL in the page header of the participant list).

The output is deterministic for a given ``created`` moment: XlsxWriter dates its zip entries
1980-01-01, and the document properties hold only what we pass.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime

import xlsxwriter

from planner.errors import ValidationError
from planner.policy.sheet import Sheet

from .contacts import PersonRecord, participant_table, people_table

# Excel's limit on one cell; longer text is refused with the column's name, never cut short.
MAX_CELL = 32_767
# Column widths in Excel's units (about one Latin character each).
MIN_WIDTH = 8
MAX_WIDTH = 32  # longer text wraps: a list printed one page wide stays readable


def _display_width(text: str) -> int:
    """How many Latin characters wide ``text`` looks: wide (CJK) characters count twice."""
    line = max(text.split("\n"), key=len) if "\n" in text else text
    if line.isascii():
        return len(line)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _check(table: Sequence[Sequence[str]], name_columns: Sequence[int]) -> None:
    header = table[0]
    for number, row in enumerate(table[1:], start=2):
        for column, cell in enumerate(row):
            if len(cell) > MAX_CELL:
                # The person, so the organiser can find them in the directory.
                who = " ".join(row[i] for i in name_columns if row[i])[:80]
                raise ValidationError(
                    f"row {number} ({who}): {header[column]} has {len(cell):,} characters; "
                    f"an Excel cell holds at most {MAX_CELL:,}"
                )


def render_workbook(
    table: Sequence[Sequence[str]],
    *,
    title: str,
    worksheet_name: str,
    name_columns: Sequence[int] = (0,),
    marking: str = "",
    created: datetime | None = None,
) -> bytes:
    """``table`` (header first) as a one-sheet workbook of text cells; ``name_columns`` name
    a row's person in messages."""
    _check(table, name_columns)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            # write_string() is used throughout; these guard any future write() as well.
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    # Without ``created`` XlsxWriter stamps the current time; tests pass one to compare bytes.
    properties: dict[str, object] = {"title": title}
    if created is not None:
        properties["created"] = created
    workbook.set_properties(properties)
    # num_format "@" is Excel's Text format: a cell edited later stays text too.
    body = workbook.add_format({"num_format": "@", "valign": "top", "text_wrap": True})
    bold = workbook.add_format(
        {"num_format": "@", "valign": "top", "bold": True, "bottom": 1, "text_wrap": True}
    )
    sheet = workbook.add_worksheet(worksheet_name[:31])
    widths = [MIN_WIDTH] * len(table[0])
    for row_number, row in enumerate(table):
        cell_format = bold if row_number == 0 else body
        for column, cell in enumerate(row):
            sheet.write_string(row_number, column, cell, cell_format)
            # A cell cannot be wider than twice its length: most need no measuring at all.
            if 2 * len(cell) + 2 > widths[column] < MAX_WIDTH:
                widths[column] = max(widths[column], min(MAX_WIDTH, _display_width(cell) + 2))
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(0, len(table) - 1), len(table[0]) - 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    if marking:
        sheet.set_header(f"&C&B{marking}")
    sheet.set_footer(f"&L{_header_text(title)}&RPage &P of &N")
    workbook.close()
    return buffer.getvalue()


def _header_text(text: str) -> str:
    # "&" starts a code in Excel's page header and footer: a literal one is doubled. Excel
    # refuses a footer longer than 255 characters: a long title is shortened there.
    text = " ".join(text.split())
    if len(text) > 80:
        text = text[:79] + "…"
    return text.replace("&", "&&")


def render_people_xlsx(
    records: Iterable[PersonRecord], *, created: datetime | None = None
) -> bytes:
    """The directory as a workbook, with the CSV's columns (``planner import csv`` headers)."""
    return render_workbook(
        people_table(records),
        title="People",
        worksheet_name="People",
        name_columns=(0, 1, 2),  # honorific, given name, family name
        created=created,
    )


def render_participants_xlsx(sheet: Sheet, *, created: datetime | None = None) -> bytes:
    """An event's participant list as a workbook, from the organisers' sheet only."""
    return render_workbook(
        participant_table(sheet),
        title=f"Participants – {sheet.title}",
        worksheet_name="Participants",
        marking=sheet.marking,
        created=created,
    )
