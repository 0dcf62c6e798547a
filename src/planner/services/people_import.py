"""Import people from CSV and vCard files into the directory: all or nothing.

Every row is checked first (name present, email well formed, no field longer than its column,
no control character in a one-line field such as a name or an email: a line break there would
split an email header; in a biography or notes they are removed, and the summary says so);
if any row is wrong, nothing is written and the :class:`ValidationError` lists one message per
bad row with its line number. Then, in one transaction, each person is matched against the
directory and against the rows before it: by email first, then by name (honorifics ignored) when
no email contradicts it. A match is completed, never overwritten: only the fields the directory
has empty take the file's values, so an organiser's careful "Lt. Gen. (R)" survives an Outlook
export that says "Gen.".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.errors import PlannerError, ValidationError
from planner.exports.contacts import (
    CONTACT_COLUMNS,
    PERSON_FIELDS,
    ReadRecord,
    ReadResult,
    name_key,
)
from planner.exports.ics import valid_email
from planner.exports.people_csv import read_people_csv
from planner.exports.vcard import read_vcards
from planner.model import Person
from planner.model.limits import too_long
from planner.model.person import MULTILINE_PERSON_FIELDS
from planner.model.types import max_length
from planner.safety import clean_fields, one_line_problem, stripped_note
from planner.store import Database

# (rows done, rows in all): called every few hundred rows, and once at the end.
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 250
# Bad rows listed in the error message; a file with thousands of them needs fixing at the source.
MAX_PROBLEMS_SHOWN = 50


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, for the CLI's line and the GUI's message."""

    source: str
    created: int
    updated: int
    skipped: int
    notes: tuple[str, ...] = field(default=())

    def line(self) -> str:
        text = (
            f"{self.source}: {self.created} created, {self.updated} updated, {self.skipped} skipped"
        )
        if self.notes:
            text += "\n" + "\n".join(f"  note: {n}" for n in self.notes)
        return text


def _column_limits() -> dict[str, int]:
    limits = {name: max_length(Person, name) for name in PERSON_FIELDS}
    return {name: limit for name, limit in limits.items() if limit}


def check_records(records: Sequence[ReadRecord]) -> list[str]:
    """One message per bad record, with its line."""
    limits = _column_limits()
    problems = []
    for read in records:
        record = read.record
        issues = []
        if not (record.given_name.strip() or record.family_name.strip()):
            issues.append("no name (given name, family name or full name)")
        if record.email and not valid_email(record.email):
            shown = record.email if len(record.email) <= 60 else record.email[:57] + "..."
            issues.append(f"{shown!r} is not an email address")
        for name, limit in limits.items():
            problem = too_long(CONTACT_COLUMNS[name], getattr(record, name), limit)
            if problem:
                issues.append(problem)
        for name in PERSON_FIELDS:
            problem = (
                None if name in MULTILINE_PERSON_FIELDS else one_line_problem(getattr(record, name))
            )
            if problem:
                issues.append(f"{CONTACT_COLUMNS[name]} {problem}")
        if issues:
            problems.append(f"line {read.line}: " + "; ".join(issues))
    return problems


@dataclass
class _Known:
    """A person already in the directory or created earlier in this import."""

    person: Person
    line: int | None  # the file's line when created by this import


def _index(session: Session) -> tuple[dict[str, list[_Known]], dict[str, list[_Known]]]:
    by_email: dict[str, list[_Known]] = {}
    by_name: dict[str, list[_Known]] = {}
    for person in session.scalars(select(Person)):
        known = _Known(person, None)
        if person.email:
            by_email.setdefault(person.email.casefold(), []).append(known)
        by_name.setdefault(name_key(person.given_name, person.family_name), []).append(known)
    return by_email, by_name


def _match(
    values: dict[str, str],
    by_email: dict[str, list[_Known]],
    by_name: dict[str, list[_Known]],
) -> _Known | None:
    email = values.get("email", "").casefold()
    if email and email in by_email:
        return by_email[email][0]
    for known in by_name.get(name_key(values["given_name"], values["family_name"]), []):
        # The same name with a different email is taken for a different person.
        if not email or not known.person.email or known.person.email.casefold() == email:
            return known
    return None


def _line_of(problem: str) -> int:
    match = re.match(r"line (\d+)", problem)
    return int(match.group(1)) if match else 0


def import_records(
    db: Database,
    read: ReadResult,
    source: str,
    *,
    progress: Progress | None = None,
    unit: str = "row",
) -> ImportSummary:
    """Write what a reader read, all or nothing (see the module's docstring)."""
    # In file order, whichever check found them, so the organiser can walk down the file.
    problems = sorted([*read.problems, *check_records(read.records)], key=_line_of)
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > len(shown):
            shown.append(f"... and {len(problems) - len(shown)} more")
        raise ValidationError(
            f"{source}: nothing imported; {len(problems)} "
            + (f"{unit} has a problem" if len(problems) == 1 else f"{unit}s have problems"),
            shown,
        )
    total = len(read.records)
    skipped = len(read.skipped)
    created = updated = 0
    notes = list(read.notes) + list(read.skipped)
    repeats: list[str] = []
    stripped: list[str] = []
    with db.session() as session:
        by_email, by_name = _index(session)
        for done, item in enumerate(read.records, 1):
            cleaned = clean_fields(
                {k: v.strip() for k, v in item.record.values().items()}, MULTILINE_PERSON_FIELDS
            )
            values = cleaned.values
            stripped += [
                stripped_note(f"line {item.line}, {CONTACT_COLUMNS[name]}", removed)
                for name, removed in cleaned.stripped.items()
            ]
            known = _match(values, by_email, by_name)
            if known is None:
                person = Person(**values)
                session.add(person)
                known = _Known(person, item.line)
                created += 1
            else:
                changed = False
                for name, value in values.items():
                    if value and not getattr(known.person, name):
                        setattr(known.person, name, value)
                        changed = True
                if known.line is not None:
                    repeats.append(f"line {item.line} repeats line {known.line}")
                    skipped += 1
                elif changed:
                    updated += 1
                else:
                    skipped += 1
            if values.get("email"):
                by_email.setdefault(values["email"].casefold(), []).append(known)
            key = name_key(known.person.given_name, known.person.family_name)
            if known not in by_name.setdefault(key, []):
                by_name[key].append(known)
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
    if repeats:
        shown = repeats[:10] + ([f"... and {len(repeats) - 10} more"] if len(repeats) > 10 else [])
        notes.append("merged into an earlier row: " + "; ".join(shown))
    if stripped:
        # Tabs and line breaks are kept; NUL, escape and the like are never meant as text.
        shown = stripped[:10] + (
            [f"... and {len(stripped) - 10} more"] if len(stripped) > 10 else []
        )
        notes.append("; ".join(shown))
    return ImportSummary(source, created, updated, skipped, tuple(notes))


def _read_file(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise PlannerError(f"cannot read {path}: {error.strerror or error}") from error


def import_people_csv(
    db: Database, path: Path, *, progress: Progress | None = None
) -> ImportSummary:
    """People from a CSV file, its columns found by their header (``exports.people_csv``)."""
    try:
        read = read_people_csv(_read_file(path))
    except ValidationError as error:
        raise ValidationError(f"{Path(path).name}: {error}") from error
    return import_records(db, read, Path(path).name, progress=progress)


def import_vcard(db: Database, path: Path, *, progress: Progress | None = None) -> ImportSummary:
    """Contacts from a .vcf file exported by Outlook, Apple Contacts or Google."""
    try:
        read = read_vcards(_read_file(path))
    except ValidationError as error:
        raise ValidationError(f"{Path(path).name}: {error}") from error
    return import_records(db, read, Path(path).name, progress=progress, unit="contact")
