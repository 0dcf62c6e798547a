"""Hostile files for every importer (issue 12): each bad file is refused with one PlannerError,
never a traceback, and a refused import leaves the database exactly as it was. The fuzz here
runs a few hundred files; benchmarks/fuzz_imports.py runs 10,000 per importer."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from hostile_files import (
    attempt,
    csv_files,
    deep_package,
    fingerprint,
    package_files,
    seed_package,
    vcard_files,
)
from planner.errors import PlannerError
from planner.exports.vcard import read_vcards
from planner.store import Database
from planner.store.package import import_package

FUZZ = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def fuzz_db() -> Iterator[tuple[Database, Path, Path]]:
    """One database for all the examples of the module: a fresh one per file would spend the
    time budget on migrations."""
    with tempfile.TemporaryDirectory() as folder:
        db_file = Path(folder) / "fuzz.sqlite3"
        db = Database.open(f"sqlite:///{db_file}")
        import_package(db, seed_package())  # people and a venue to match against
        yield db, db_file, Path(folder)
        db.dispose()


@FUZZ
@given(data=package_files())
def test_fuzzed_packages_never_end_in_a_traceback(
    fuzz_db: tuple[Database, Path, Path], data: bytes
) -> None:
    attempt("package", *fuzz_db[:2], data, fuzz_db[2])


@FUZZ
@given(data=csv_files())
def test_fuzzed_people_csvs_never_end_in_a_traceback(
    fuzz_db: tuple[Database, Path, Path], data: bytes
) -> None:
    attempt("csv", *fuzz_db[:2], data, fuzz_db[2])


@FUZZ
@given(data=vcard_files())
def test_fuzzed_vcards_never_end_in_a_traceback(
    fuzz_db: tuple[Database, Path, Path], data: bytes
) -> None:
    attempt("vcard", *fuzz_db[:2], data, fuzz_db[2])


# --- each class of traceback the issue found, as one file ----------------------------------


def _refused(db: Database, db_file: Path, tmp_path: Path, data: bytes) -> str:
    before = fingerprint(db_file)
    path = tmp_path / "event.json"
    path.write_bytes(data)
    with pytest.raises(PlannerError) as error:
        import_package(db, path)
    assert fingerprint(db_file) == before
    return str(error.value)


def _package_with(tmp: dict[str, object]) -> bytes:
    data = seed_package()
    for dotted, value in tmp.items():
        target: object = data
        *head, last = dotted.split(".")
        for key in head:
            target = target[int(key)] if isinstance(target, list) else target[key]  # type: ignore[index]
        target[int(last) if isinstance(target, list) else last] = value  # type: ignore[index]
    return json.dumps(data).encode("utf-8")


def test_deep_nesting_is_refused_not_a_recursion_error(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    message = _refused(db, db_path, tmp_path, deep_package(100_000))
    assert "nested too deeply" in message


@pytest.mark.parametrize(
    "moment",
    ["0001-01-01T00:00:00", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:00-05:00"],
)
@pytest.mark.parametrize("field", ["events.0.starts_at", "events.0.agenda.0.ends_at"])
def test_dates_at_the_ends_of_the_calendar_are_refused_not_an_overflow(
    db: Database, db_path: Path, tmp_path: Path, moment: str, field: str
) -> None:
    message = _refused(db, db_path, tmp_path, _package_with({field: moment}))
    assert f"{field.replace('.0.', '[0].')}: {moment!r} is outside the years" in message


def test_a_lone_surrogate_is_refused_with_its_place(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    message = _refused(db, db_path, tmp_path, _package_with({"people.0.given_name": "A\ud800"}))
    assert "people[0].given_name: holds a broken character" in message


def test_two_rooms_of_one_name_are_refused_not_a_key_error(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    data = seed_package()
    data["venues"][0]["rooms"].append({"name": "Main Hall"})
    message = _refused(db, db_path, tmp_path, json.dumps(data).encode())
    assert "venues[0].rooms[2].name: 'Main Hall' is already venues[0].rooms[0]" in message


def _card(charset: str, value: str = "=41=79=65=73=68=61") -> bytes:
    return (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"N;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:Siddiqa;{value}\r\n"
        "END:VCARD\r\n"
    ).encode()


@pytest.mark.parametrize(
    "charset", ["utf-7", "punycode", "unicode_escape", "rot13", "zlib", "hex", "bogus"]
)
def test_a_vcard_charset_that_is_no_text_encoding_is_refused(charset: str) -> None:
    read = read_vcards(_card(charset))
    assert read.records == ()
    assert [f"line 3: N has CHARSET={charset!r}, not a text encoding"] == [
        p[: len(f"line 3: N has CHARSET={charset!r}, not a text encoding")] for p in read.problems
    ]


@pytest.mark.parametrize(
    ("charset", "value", "given"),
    [
        ("UTF-8", "=D8=B9=D8=A7=D8=A6=D8=B4=DB=81", "عائشہ"),
        ("windows-1256", "=DA=C7=C6=D4=C9", "عائشة"),
        ("ISO-8859-1", "=E9lo=EFse", "éloïse"),
        ("GB18030", "=D0=A1=C3=F7", "小明"),
        ("us-ascii", "Ayesha", "Ayesha"),
    ],
)
def test_known_text_encodings_are_still_honoured(charset: str, value: str, given: str) -> None:
    read = read_vcards(_card(charset, value))
    assert read.problems == ()
    assert read.records[0].record.given_name == given


def test_a_refused_vcard_leaves_the_database_as_it_was(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    good = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ayesha Siddiqa\r\nN:Siddiqa;Ayesha\r\nEND:VCARD\r\n"
    assert attempt("vcard", db, db_path, good + _card("utf-7"), folder) == "refused"
