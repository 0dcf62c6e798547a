"""People as CSV: the directory and an event's participant list out, contacts in.

Written cells that a spreadsheet would run as a formula are prefixed with an apostrophe (OWASP's
advice against CSV injection): a cell starting with ``=``, ``@``, a tab or a carriage return, or
with ``+`` or ``-`` followed by anything but a plain number. Reading our own files back removes
that apostrophe again.

A phone number such as ``+92 51 9207000`` is left alone: a sign, digits, spaces, dots and
parentheses hold no operator, function or reference, so no spreadsheet can compute anything
from it (LibreOffice and Google Sheets read it as text, Excel as text or a number); an apostrophe
there would only be shown, and printed, on every row. ``+92-51-9207000`` still gets one (Excel
would subtract), as does ``-2+3+cmd|' /C calc'!A0``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence

from planner.errors import ValidationError
from planner.policy.names import FAMILY_FIRST, GIVEN_FIRST
from planner.policy.sheet import Sheet

from .contacts import (
    CONTACT_COLUMNS,
    PersonRecord,
    ReadRecord,
    ReadResult,
    decode_text,
    participant_table,
    people_table,
    read_name_order,
    split_full_name,
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A sign, then a digit, then only digits, spaces, dots and parentheses: "+92 51 9207000",
# "+44 (0)20 7957 5700", "-1". Nothing in it is an operator, a name or a reference.
_PLAIN_NUMBER = re.compile(r"[+-][0-9][0-9 .()]*")
UTF8_BOM = "\ufeff"


def is_formula(value: str) -> bool:
    """Whether a spreadsheet opening a CSV would evaluate ``value`` (or hand it to DDE)."""
    return value.startswith(_FORMULA_START) and _PLAIN_NUMBER.fullmatch(value) is None


def neutralise(value: str) -> str:
    """A cell a spreadsheet shows as text and never runs: ``=SUM(A1)`` -> ``'=SUM(A1)``;
    ``+92 51 9207000`` stays as it is."""
    if is_formula(value):
        return "'" + value
    return value


def _restore(value: str) -> str:
    # Undo neutralise() on the way back in: the apostrophe was ours, not the person's.
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def _write(rows: Iterable[Sequence[str]], bom: bool) -> bytes:
    buffer = io.StringIO(newline="")
    # QUOTE_MINIMAL with "\r\n": what Excel writes and reads; quoted cells keep their line breaks.
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    text = buffer.getvalue()
    return ((UTF8_BOM if bom else "") + text).encode("utf-8")


def render_people_csv(records: Iterable[PersonRecord], *, bom: bool = False) -> bytes:
    """The directory, one person a row, with a header ``planner import csv`` reads back."""
    return _write(people_table(records), bom)


def render_participants_csv(sheet: Sheet, *, bom: bool = False) -> bytes:
    """An event's participant list, from the organisers' sheet (and only from it)."""
    return _write(participant_table(sheet), bom)


def _normal(header: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", header.casefold())


# Normalised header -> field. "name" and "middle" are handled specially (split, appended).
# Outlook, Google Contacts, Apple Numbers and hand-made sheets, plus our own export's labels.
_COLUMNS: dict[str, str] = {}
for _field, _names in {
    "given_name": "firstname givenname forename forenames first given",
    "family_name": "lastname surname familyname last family",
    "middle": "middlename additionalname middle",
    "name": "name fullname displayname contactname",
    "honorific": "title honorific honorifictitle prefix nameprefix rank salutationtitle",
    "post_nominals": "postnominals postnominal suffix namesuffix honours honors",
    "position": "jobtitle position designation organizationtitle organisationtitle "
    "organization1title organisation1title jobposition",
    "affiliation": "organisation organization company affiliation institution institute "
    "organizationname organisationname organization1name organisation1name employer "
    "companyname department",
    "email": "email emailaddress mail email1 email1value primaryemail emailaddress1 "
    "workemail businessemail email1address",
    "phone": "phone telephone tel mobile mobilephone cell cellphone businessphone "
    "phonenumber phone1value primaryphone workphone homephone telephonenumber",
    "name_order": "nameorder",
    "short_style": "shortstyle",
    "salutation": "salutation dear greeting",
    "short_bio": "shortbio bio biography",
    "long_bio": "longbio",
    "notes": "notes note comments comment",
}.items():
    for _name in _names.split():
        _COLUMNS[_name] = _field


def map_header(header: Sequence[str]) -> tuple[dict[int, str], list[str]]:
    """Column index -> field, and the headers nothing reads (for a note)."""
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    for index, cell in enumerate(header):
        key = _normal(cell)
        field = _COLUMNS.get(key)
        if field is None and key:
            # "E-mail 2 Address", "Phone 3 - Value": the numbered variants of a known column.
            field = _COLUMNS.get(re.sub(r"\d+", "1", key)) or _COLUMNS.get(re.sub(r"\d+", "", key))
        if field is None:
            if cell.strip():
                ignored.append(cell.strip())
            continue
        mapping[index] = field
    return mapping, ignored


# A line as str.splitlines() finds one, blank lines included; matched lazily, so finding the
# header of a 100,000-row file does not split the whole file.
_SPLITLINES_LINE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
# A line as the csv module reads a file opened with newline="": its ending kept, CR LF, CR or LF.
_CSV_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _sniff(text: str) -> csv.Dialect:
    """Excel's dialect with the delimiter the header line uses most (outside quotes).

    The header decides rather than csv.Sniffer: headers rarely hold a delimiter of their own,
    while data cells (addresses, "Khan, Ali") often do and mislead a statistical guess.
    """
    first = next((m.group() for m in _SPLITLINES_LINE.finditer(text) if m.group().strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    dialect = csv.excel()
    dialect.delimiter = best if counts[best] else ","
    dialect.strict = True
    return dialect


def _csv_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` for csv.reader, one at a time: what ``io.StringIO(text,
    newline="")`` gives, without its copy of the whole file (four bytes a character)."""
    for match in _CSV_LINE.finditer(text):
        yield match.group()


_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}


def read_people_csv(data: bytes) -> ReadResult:
    """The people in a CSV file, mapped by its header row.

    Raises :class:`ValidationError` when the file cannot be read as a people list at all (empty,
    no header naming a name column); rows that are wrong each get one message with their line.
    Rows are read one at a time and become records as they come (a 100,000-row file is never
    held as rows of cells as well as records).
    """
    text, encoding_note = decode_text(data)
    notes = [encoding_note] if encoding_note else []
    if not text or text.isspace():
        raise ValidationError("the file is empty")
    dialect = _sniff(text)
    reader = csv.reader(_csv_lines(text), dialect)
    header: _Header | None = None
    records: list[ReadRecord] = []
    problems: list[str] = []
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not "".join(row).strip():
                continue  # a blank row, or one of empty cells
            if header is None:
                header = _Header(line, row)
            elif header.problem is None:
                read = header.read(line, row)
                if isinstance(read, str):
                    problems.append(read)
                else:
                    records.append(read)
    except csv.Error as error:
        # strict mode: an unclosed quote would otherwise swallow the rest of the file into one
        # cell and import it as somebody's name.
        if "unexpected end of data" in str(error):
            reason = 'a quoted cell is never closed (a " is missing)'
        elif "field larger than field limit" in str(error):
            # No quote is involved: one cell is simply too long for a people list.
            reason = f"a cell is longer than {csv.field_size_limit()} characters"
        else:
            reason = (
                f'a quote is out of place ({error}); quote the whole cell and double any " in it'
            )
        raise ValidationError(f"line {start}: cannot read the CSV: {reason}") from error
    if header is None:
        raise ValidationError("the file has no rows")
    if header.problem is not None:
        raise ValidationError(header.problem)
    delimiter = dialect.delimiter
    if delimiter != ",":
        notes.append(f"columns separated by {_DELIMITER_NAMES.get(delimiter, repr(delimiter))}")
    if header.ignored:
        notes.append("ignored columns: " + ", ".join(header.ignored))
    return ReadResult(records=tuple(records), problems=tuple(problems), notes=tuple(notes))


class _Header:
    """The header row, and how it turns each row after it into a record."""

    def __init__(self, line: int, row: list[str]) -> None:
        self.mapping, self.ignored = map_header(row)
        self.width = len(row)
        self.problem: str | None = None
        if not set(self.mapping.values()) & {"given_name", "family_name", "name"}:
            shown = ", ".join(repr(h) for h in row[:8]) or "nothing"
            # Raised once the whole file is read: a broken quote further down is reported first.
            self.problem = (
                f"line {line}: no column for names; the header holds {shown}; "
                "expected e.g. 'First Name' and 'Last Name', or 'Name'"
            )

    def read(self, line: int, row: list[str]) -> ReadRecord | str:
        """The row as a record, or the message saying why it cannot be one."""
        width = self.width
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            return (
                f"line {line}: {len(row)} cells but the header has {width} columns; "
                "a separator or a quote is out of place"
            )
        values: dict[str, str] = {}
        middle = ""
        full_name = ""
        for index, field in self.mapping.items():
            if index >= len(row):
                continue
            cell = row[index].strip()
            if not cell:
                continue
            if cell[0] == "'":
                cell = _restore(cell)
            if field == "middle":
                middle = middle or cell
            elif field == "name":
                full_name = full_name or cell
            elif field == "name_order":
                order = read_name_order(cell)
                if order is None:
                    return (
                        f"line {line}: {CONTACT_COLUMNS['name_order']} {cell!r} is not "
                        f"'{FAMILY_FIRST}' or '{GIVEN_FIRST}'"
                    )
                values[field] = order
            elif field not in values:  # first non-empty of several columns wins
                values[field] = cell
        if full_name and not (values.get("given_name") or values.get("family_name")):
            # "Dr. Li Wei" of a row that says the name is written family name first: family Li.
            first = values.get("name_order") == FAMILY_FIRST
            honorific, given, family, post = split_full_name(full_name, family_first=first)
            values["given_name"], values["family_name"] = given, family
            if honorific and not values.get("honorific"):
                values["honorific"] = honorific
            if post and not values.get("post_nominals"):
                values["post_nominals"] = post
        if middle:
            values["given_name"] = " ".join(x for x in (values.get("given_name", ""), middle) if x)
        return ReadRecord(line=line, record=PersonRecord(**values))
