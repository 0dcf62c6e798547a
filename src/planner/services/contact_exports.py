"""People and participant lists as Excel workbooks and vCards, for the GUI and the CLI.

The CSV twins live in :mod:`planner.services.exports`; these follow the same rules: the
directory is the organisers' own data (no sheet), an event's people come from the sheet of the
audience the file is for, and files are written atomically.

Which sheet feeds what:

- participant workbook: the organisers' sheet (the list is not circulated, DOMAIN.md);
- participant vCards: the sheet of the chosen audience, organisers by default; the attendees'
  and the public sheet give only the people their programme names, without addresses.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from planner.errors import PlannerError
from planner.exports.people_xlsx import render_participants_xlsx, render_people_xlsx
from planner.exports.vcard_writer import (
    VCardVersion,
    as_version,
    render_people_vcards,
    render_sheet_vcards,
    sheet_people,
)
from planner.policy.build import as_audience
from planner.policy.sheet import Audience
from planner.store import Database
from planner.store.files import atomic_write

from .exports import build, directory_records, write_participants_csv, write_people_csv


class ContactFormat(enum.StrEnum):
    """The formats people and participant lists leave in, in the order the window offers them:
    the workbook first (no apostrophes, nothing runs), then CSV, then vCard."""

    XLSX = "xlsx"
    CSV = "csv"
    VCARD = "vcard"


# For the GUI's save dialogs: label, file ending.
FORMAT_CHOICES: tuple[tuple[ContactFormat, str, str], ...] = (
    (ContactFormat.XLSX, "Excel workbook (.xlsx)", ".xlsx"),
    (ContactFormat.CSV, "CSV (.csv)", ".csv"),
    (ContactFormat.VCARD, "vCard (.vcf)", ".vcf"),
)


def write_people_xlsx(db: Database, path: Path, *, now: datetime | None = None) -> int:
    """The whole directory as a workbook; returns how many people were written."""
    records = list(directory_records(db))
    atomic_write(path, render_people_xlsx(records, created=now or datetime.now(UTC)))
    return len(records)


def write_participants_xlsx(
    db: Database, event_id: int, path: Path, *, now: datetime | None = None
) -> int:
    """An event's participant list (organisers' audience) as a workbook; returns the row count."""
    sheet = build(db, event_id, Audience.ORGANISERS)
    atomic_write(path, render_participants_xlsx(sheet, created=now or datetime.now(UTC)))
    return len(sheet.participants or ())


def write_people_vcard(
    db: Database, path: Path, *, version: VCardVersion | str = VCardVersion.V4
) -> int:
    """The whole directory as vCards; returns how many people were written."""
    chosen = as_version(version)
    records = list(directory_records(db))
    if not records:
        raise PlannerError("the directory is empty: no one to write as a vCard")
    atomic_write(path, render_people_vcards(records, chosen))
    return len(records)


def write_participants_vcard(
    db: Database,
    event_id: int,
    path: Path,
    *,
    version: VCardVersion | str = VCardVersion.V4,
    audience: Audience | str = Audience.ORGANISERS,
) -> int:
    """An event's people as vCards, from the sheet for ``audience``; returns the card count."""
    chosen = as_version(version)
    sheet = build(db, event_id, as_audience(audience))
    count = len(sheet_people(sheet))
    if not count:
        whom = (
            "nobody is linked to it yet"
            if sheet.audience is Audience.ORGANISERS
            else f"its programme names no one the {sheet.audience.value} may have as a contact"
        )
        raise PlannerError(f"{sheet.title}: no vCards to write; {whom}")
    atomic_write(path, render_sheet_vcards(sheet, chosen))
    return count


@dataclass(frozen=True)
class Written:
    """What a contact export wrote, for the window's message."""

    path: Path
    count: int


def write_people(db: Database, fmt: ContactFormat | str, path: Path) -> Written:
    """The directory in ``fmt``: one entry point for the People view."""
    chosen = _format(fmt)
    if chosen is ContactFormat.XLSX:
        return Written(path, write_people_xlsx(db, path))
    if chosen is ContactFormat.CSV:
        # With a byte-order mark: Excel then reads the file as UTF-8 (Urdu, Arabic, Chinese).
        return Written(path, write_people_csv(db, path, bom=True))
    return Written(path, write_people_vcard(db, path))


def write_participants(
    db: Database, event_id: int, fmt: ContactFormat | str, path: Path
) -> Written:
    """An event's participants in ``fmt`` for the organisers: one entry point for the window."""
    chosen = _format(fmt)
    if chosen is ContactFormat.XLSX:
        return Written(path, write_participants_xlsx(db, event_id, path))
    if chosen is ContactFormat.CSV:
        return Written(path, write_participants_csv(db, event_id, path, bom=True))
    return Written(path, write_participants_vcard(db, event_id, path))


def _format(fmt: ContactFormat | str) -> ContactFormat:
    try:
        return ContactFormat(str(fmt).lower())
    except ValueError:
        choices = ", ".join(f.value for f in ContactFormat)
        raise PlannerError(f"unknown format {fmt!r}; use one of: {choices}") from None
