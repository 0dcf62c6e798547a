"""Import people from CSV and vCard files into the directory: all or nothing.

Every row is checked first (name present, email well formed, no field longer than its column,
no control character in a one-line field such as a name or an email: a line break there would
split an email header; in a biography or notes they are removed, and the summary says so);
if any row is wrong, nothing is written and the :class:`ValidationError` lists one message per
bad row with its line number. Then, in one transaction, each person is matched against the
directory and against the rows before it (the directory is read after any other import has
committed: one file imported twice at once never creates a person twice): by email first, then
by name (honorifics ignored) when no email contradicts it. A match is completed, never
overwritten: only the fields the directory has empty take the file's values, so an organiser's
careful "Lt. Gen. (R)" survives an Outlook export that says "Gen.".

In bulk, whatever the file's size: the directory's names and emails are read with one query into
an index (:class:`_Index`) that the file's rows are matched against in one pass, no ORM object
anywhere; the new people then go into a temporary table with ``executemany`` and into ``person``
with one ``INSERT ... SELECT``, the completed ones with one ``UPDATE`` (SQLite and PostgreSQL
alike). The search index's triggers run inside those statements. 100,000 people from CSV:
4 to 6 s of CPU and 195 MB, where adding ORM objects one by one took 26 s and 631 MB
(``benchmarks/bench_bulk_import.py``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Integer,
    MetaData,
    Table,
    Text,
    case,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.orm import Session

from planner.config import current_user
from planner.errors import PlannerError, ValidationError
from planner.exports.contacts import (
    CONTACT_COLUMNS,
    PERSON_FIELDS,
    ReadRecord,
    ReadResult,
    name_key,
    one_name_as_family,
)
from planner.exports.ics import valid_email
from planner.exports.people_csv import read_people_csv
from planner.exports.vcard import read_vcards
from planner.model import Person
from planner.model.base import UTCDateTime, utcnow
from planner.model.limits import too_long
from planner.model.person import MULTILINE_PERSON_FIELDS
from planner.model.types import max_length
from planner.safety import has_control, one_line_problem, strip_controls, stripped_note
from planner.store import Database
from planner.store.history import record_summary
from planner.store.people_index import (
    SEARCH_COLUMNS,
    SEARCH_TEXT,
    refresh_search_text,
    search_text,
)
from planner.store.server_locks import PEOPLE_LOCK, lock_for_transaction

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


_values_of = attrgetter(*PERSON_FIELDS)


def _one_name_as_family(read: ReadResult) -> ReadResult:
    """The records with a lone given name moved to the family name (contacts.one_name_as_family):
    the window refused such a person's empty family name once they were in."""
    records = list(read.records)
    for index, item in enumerate(records):
        record = item.record
        given, family = one_name_as_family(record.given_name, record.family_name)
        if family != record.family_name:
            named = dataclasses.replace(record, given_name=given, family_name=family)
            records[index] = dataclasses.replace(item, record=named)
    return dataclasses.replace(read, records=tuple(records))


def check_records(records: Sequence[ReadRecord]) -> list[str]:
    """One message per bad record, with its line."""
    limits = [
        (i, name, limit)
        for i, name in enumerate(PERSON_FIELDS)
        if (limit := _column_limits().get(name))
    ]
    one_line = [i for i, name in enumerate(PERSON_FIELDS) if name not in MULTILINE_PERSON_FIELDS]
    problems = []
    for read in records:
        record = read.record
        values: tuple[str, ...] = _values_of(record)
        issues = []
        if not (record.given_name.strip() or record.family_name.strip()):
            issues.append("no name (given name, family name or full name)")
        if record.email and not valid_email(record.email):
            shown = record.email if len(record.email) <= 60 else record.email[:57] + "..."
            issues.append(f"{shown!r} is not an email address")
        for i, name, limit in limits:
            if len(values[i]) > limit:
                issues.append(str(too_long(CONTACT_COLUMNS[name], values[i], limit)))
        # One search over the row's one-line fields; the field-by-field message only if it hits.
        if has_control("".join([values[i] for i in one_line])):
            for i in one_line:
                problem = one_line_problem(values[i])
                if problem:
                    issues.append(f"{CONTACT_COLUMNS[PERSON_FIELDS[i]]} {problem}")
        if issues:
            problems.append(f"line {read.line}: " + "; ".join(issues))
    return problems


# The person fields in the model's order (the contact files' order, a test keeps them equal).
_FIELDS = PERSON_FIELDS
_EMAIL = _FIELDS.index("email")
_GIVEN = _FIELDS.index("given_name")
_FAMILY = _FIELDS.index("family_name")
_MULTILINE = tuple(i for i, name in enumerate(_FIELDS) if name in MULTILINE_PERSON_FIELDS)
# Stands in for a directory value the import never reads (a biography, a phone number): all
# that matters about it is that it is not empty, so the field is not completed.
_KEPT = "\x00kept"
# Rows sent to the database per executemany: large enough to amortise the call, small enough
# that the parameter dictionaries of one batch are all that is held at a time.
WRITE_BATCH = 5_000
_PERSON = cast(Table, Person.__table__)


@dataclass(eq=False, slots=True)
class _Known:
    """A person already in the directory or created earlier in this import.

    ``values`` are the person fields in model order. For a person in the directory only the
    name and email are read (they decide matches); other fields hold ``_KEPT`` when the
    directory has them and "" when it does not, which is all completion needs.
    """

    values: list[str]
    line: int | None = None  # the file's line when created by this import
    person_id: int | None = None  # the directory's id, for a person already there
    # For a person in the directory: the fields this import completed, to be written.
    filled: set[int] | None = None

    def complete(self, row: Sequence[str]) -> bool:
        """Take the row's value for every field still empty; whether anything changed."""
        changed = False
        for index, value in enumerate(row):
            if value and not self.values[index]:
                self.values[index] = value
                if self.person_id is not None:
                    self.filled = self.filled or set()
                    self.filled.add(index)
                changed = True
        return changed


class _Index:
    """Everyone an import can match, by email and by name: the directory, read with ONE query
    (names and emails only), plus each person the import creates, as it goes."""

    def __init__(self) -> None:
        self.by_email: dict[str, _Known] = {}
        self.by_name: dict[str, list[_Known]] = {}

    @classmethod
    def of_directory(cls, session: Session) -> _Index:
        table = _PERSON
        others = [i for i in range(len(_FIELDS)) if i not in (_GIVEN, _FAMILY, _EMAIL)]
        # Which other fields hold text, as one number (a bit a field) computed by the
        # database: the import never reads 100,000 biographies to learn they are not empty.
        present = sum(
            (
                case((func.coalesce(table.c[_FIELDS[i]], "") != "", 1 << bit), else_=0)
                for bit, i in enumerate(others)
            ),
            start=literal(0),
        )
        query = select(
            table.c.id, table.c.given_name, table.c.family_name, table.c.email, present
        ).order_by(table.c.id)
        templates: dict[int, list[str]] = {}
        index = cls()
        for person_id, given, family, email, mask in session.execute(query):
            template = templates.get(mask)
            if template is None:
                template = [""] * len(_FIELDS)
                for bit, i in enumerate(others):
                    if mask & (1 << bit):
                        template[i] = _KEPT
                templates[mask] = template
            values = template.copy()
            values[_GIVEN], values[_FAMILY], values[_EMAIL] = given, family, email
            index.add(_Known(values, person_id=person_id))
        return index

    def add(self, known: _Known, key: str | None = None) -> None:
        """Index ``known`` under its email and its name (``key``, when already computed)."""
        email = known.values[_EMAIL].casefold()
        if email:
            self.by_email.setdefault(email, known)
        if key is None:
            key = name_key(known.values[_GIVEN], known.values[_FAMILY])
        entries = self.by_name.setdefault(key, [])
        if not any(entry is known for entry in entries):
            entries.append(known)

    def match(self, email: str, key: str) -> _Known | None:
        """By email first; then by name, unless the two emails differ (``email`` casefolded)."""
        if email and email in self.by_email:
            return self.by_email[email]
        for known in self.by_name.get(key, ()):
            # The same name with a different email is taken for a different person.
            theirs = known.values[_EMAIL]
            if not email or not theirs or theirs.casefold() == email:
                return known
        return None


def _line_of(problem: str) -> int:
    match = re.match(r"line (\d+)", problem)
    return int(match.group(1)) if match else 0


def _shown(items: list[str]) -> list[str]:
    return items[:10] + ([f"... and {len(items) - 10} more"] if len(items) > 10 else [])


def _row(item: ReadRecord, stripped: list[str]) -> list[str]:
    """The record's fields in model order, trimmed; control characters are removed from the
    multi-line ones (checked already: the one-line ones have none), each removal noted."""
    row = [value.strip() for value in _values_of(item.record)]
    for i in _MULTILINE:
        if row[i]:
            row[i], removed = strip_controls(row[i])
            if removed:
                where = f"line {item.line}, {CONTACT_COLUMNS[_FIELDS[i]]}"
                stripped.append(stripped_note(where, removed))
    return row


def import_records(
    db: Database,
    read: ReadResult,
    source: str,
    *,
    progress: Progress | None = None,
    unit: str = "row",
) -> ImportSummary:
    """Write what a reader read, all or nothing (see the module's docstring)."""
    read = _one_name_as_family(read)
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
    updated = 0
    notes = list(read.notes) + list(read.skipped)
    repeats: list[str] = []
    stripped: list[str] = []
    created: list[_Known] = []
    completed: list[_Known] = []  # people of the directory this import completes
    with db.session() as session:
        # Two imports at once must not both create one person: each reads the directory and
        # inserts only after the other has committed (on SQLite the write lock, taken by the
        # first statement, already makes them queue).
        lock_for_transaction(session, PEOPLE_LOCK)
        index = _Index.of_directory(session)
        for done, item in enumerate(read.records, 1):
            row = _row(item, stripped)
            email = row[_EMAIL].casefold()
            key = name_key(row[_GIVEN], row[_FAMILY])
            known = index.match(email, key)
            if known is None:
                known = _Known(row, line=item.line)
                created.append(known)
            else:
                first_change = known.filled is None
                changed = known.complete(row)
                if known.line is not None:
                    repeats.append(f"line {item.line} repeats line {known.line}")
                    skipped += 1
                elif changed:
                    updated += 1
                    if first_change:
                        completed.append(known)
                else:
                    skipped += 1
                names = known.values[_GIVEN], known.values[_FAMILY]
                if names != (row[_GIVEN], row[_FAMILY]):
                    key = name_key(*names)
            index.add(known, key)
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
        _write(session, created, completed)
        if created or completed:
            # One history row for the whole file, not one per person (store.history).
            record_summary(
                session.connection(),
                f"Imported {source}: {len(created)} people added, {updated} completed",
                table_name="person",
            )
    if repeats:
        notes.append("merged into an earlier row: " + "; ".join(_shown(repeats)))
    if stripped:
        # Tabs and line breaks are kept; NUL, escape and the like are never meant as text.
        notes.append("; ".join(_shown(stripped)))
    return ImportSummary(source, len(created), updated, skipped, tuple(notes))


T = TypeVar("T")


def _batches(rows: Iterable[T]) -> Iterator[list[T]]:
    batch: list[T] = []
    for row in rows:
        batch.append(row)
        if len(batch) == WRITE_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _staging(name: str, key: Column[int], nullable: bool) -> Table:
    """A temporary table holding rows on their way into ``person`` (SQLite and PostgreSQL).

    Rows go in with ``executemany`` and then into ``person`` with ONE statement. The search
    index's triggers (``store.people_index``) then run inside that statement; sent one row per
    statement, FTS5 writes its pending index out at every statement: a bare executemany of
    100,000 rows into ``person`` takes 8 to 10 s of CPU with the triggers, 1.3 s without.
    """
    return Table(
        name,
        MetaData(),
        key,
        *(Column(field_name, Text, nullable=nullable) for field_name in _FIELDS),
        # The new person's search text (store.people_index), computed here: Core skips the
        # ORM's hook. A completed person's is recomputed from the row after the update.
        Column(SEARCH_TEXT, Text, nullable=True),
        prefixes=["TEMPORARY"],
    )


def _new_row(known: _Known) -> tuple[Any, ...]:
    """The staging row of a new person: its line, its fields in model order, its search text."""
    values = known.values
    return (known.line, *values, search_text([values[i] for i in _SEARCHED]))


_SEARCHED = [_FIELDS.index(name) for name in SEARCH_COLUMNS]  # search_text's fields, in order


def _completed_row(known: _Known, touched: Sequence[int]) -> tuple[Any, ...]:
    """The staging row of a completed person: its id, then each touched field (None: kept)."""
    filled = known.filled or set()
    return (known.person_id, *(known.values[i] if i in filled else None for i in touched))


# How each driver marks a positional parameter (sqlite3: qmark; psycopg: format/pyformat).
_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _stage(
    connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Any]
) -> None:
    """Insert positional ``rows`` into the staging ``table`` by ``executemany`` straight to the
    driver: SQLAlchemy's processing of each row's parameters for ``insert(table)`` took more
    CPU than the driver's own insert (1.1 against 0.45 s for 100,000 rows, issue 13). The
    values are text and integers, which need no processing."""
    mark = _MARKS.get(connection.dialect.paramstyle)
    for batch in _batches(rows):
        if mark is None:  # a driver with another style: through SQLAlchemy, as before
            connection.execute(
                insert(table), [dict(zip(columns, row, strict=True)) for row in batch]
            )
            continue
        names = ", ".join(columns)
        marks = ", ".join([mark] * len(columns))
        connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", batch)


def _write(session: Session, created: Sequence[_Known], completed: Sequence[_Known]) -> None:
    """Insert the new people in file order, then complete the directory's: a few statements
    whatever the number of rows, inside the caller's transaction."""
    person = _PERSON
    connection = session.connection()
    now = utcnow()
    who = current_user()
    if created:
        new = _staging("planner_import_new", Column("line", Integer, primary_key=True), False)
        new.create(connection)
        _stage(connection, new, ["line", *_FIELDS, SEARCH_TEXT], (_new_row(k) for k in created))
        stamp = literal(now, UTCDateTime)
        connection.execute(
            insert(person).from_select(
                [*_FIELDS, SEARCH_TEXT, "created_at", "updated_at", "changed_at", "changed_by"],
                select(
                    *(new.c[f] for f in (*_FIELDS, SEARCH_TEXT)),
                    stamp,
                    stamp,
                    stamp,
                    literal(who, Text),
                ).order_by(new.c.line),
            )
        )
        new.drop(connection)
    if completed:
        key = Column("person_id", Integer, primary_key=True)
        changes = _staging("planner_import_completed", key, True)
        changes.create(connection)
        # Only the fields some row completes are written; NULL keeps that person's own value.
        touched = sorted(set().union(*(k.filled or () for k in completed)))
        columns = ["person_id", *(_FIELDS[i] for i in touched)]
        _stage(connection, changes, columns, (_completed_row(k, touched) for k in completed))

        def staged(name: str) -> ColumnElement[Any]:
            row = select(changes.c[name]).where(changes.c.person_id == person.c.id)
            return func.coalesce(row.scalar_subquery(), person.c[name])

        # A correlated subquery rather than UPDATE ... FROM, which SQLite has only since 3.33.
        connection.execute(
            update(person)
            .where(person.c.id.in_(select(changes.c.person_id)))
            .values(
                {_FIELDS[i]: staged(_FIELDS[i]) for i in touched}
                # A Core UPDATE raises the version itself (no version_id_col here): a window
                # holding one of these people refuses its stale edit.
                | {
                    "updated_at": now,
                    "changed_at": now,
                    "changed_by": who,
                    "version": person.c.version + 1,
                }
            )
        )
        changes.drop(connection)
        if any(_FIELDS[i] in SEARCH_COLUMNS for i in touched):
            refresh_search_text(connection, (k.person_id for k in completed if k.person_id))


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
