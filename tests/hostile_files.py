"""Hostile import files for fuzzing, shared by tests/services/test_import_fuzz.py (a few
hundred) and benchmarks/fuzz_imports.py (10,000 per importer).

Each strategy draws the bytes of one file: mostly a valid file with a few hostile changes
(so the fuzz reaches the checks deep inside an importer, not only the first "not JSON"), now
and then plain garbage. :func:`attempt` imports one file and says what happened: imported,
refused with a PlannerError, or a traceback; :func:`fingerprint` is every table's rows, so a
refused import can be shown to have left the database as it was.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from planner.errors import PlannerError
from planner.services.people_import import import_people_csv, import_vcard
from planner.store import Database
from planner.store.package import import_package

# Strings no file or database should choke on: lone surrogates, NUL and controls, right-to-left
# marks, Urdu, Arabic and Chinese names, a 10,000-character line.
HOSTILE_TEXTS = (
    "\ud800",
    "a\udfffb",
    "\x00",
    "\x1b[31m",
    "\u202eevil",
    "ڈاکٹر عائشہ صدیقہ",
    "عبد الله",
    "王小明",
    "",
    " ",
    "x" * 10_000,
    "0001-01-01T00:00:00",
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59",
    "9999-12-31T23:59:00-05:00",
    "2013-03-12T17:00:00+14:00",
    "Asia/Karachi",
    "../../etc/passwd",
    "\\",
)
HOSTILE_VALUES: tuple[Any, ...] = (
    *HOSTILE_TEXTS,
    None,
    True,
    0,
    -1,
    2**63,
    -(2**63) - 1,
    1e308,
    [],
    {},
    [[[[[[[[[[[]]]]]]]]]]],
)


def _json_values() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.sampled_from(HOSTILE_VALUES),
        st.text(max_size=20),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
    )
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=6,
    )


def seed_package() -> dict[str, Any]:
    """A small valid package: organisation, two people, a venue with rooms, a series, an event."""
    return {
        "format": "planner.event-package",
        "version": 2,
        "organisation": {"name": "Institute", "short_name": "INS", "time_zone": "Asia/Karachi"},
        "people": [
            {"key": "p1", "given_name": "Ayesha", "family_name": "Siddiqa", "email": "a@x.org"},
            {"key": "p2", "given_name": "小明", "family_name": "王"},
        ],
        "venues": [
            {
                "key": "v1",
                "name": "Islamabad Club",
                "opens_at": "08:00",
                "closes_at": "23:00",
                "rooms": [{"name": "Main Hall", "capacity": 80}, {"name": "Committee Room"}],
            }
        ],
        "series": [{"key": "s1", "title": "Gulf Dialogues"}],
        "events": [
            {
                "uid": "e1@example.org",
                "title": "Gulf Security",
                "starts_at": "2013-03-12T17:00:00",
                "ends_at": "2013-03-12T19:00:00",
                "time_zone": "Asia/Karachi",
                "venue": "v1",
                "room": "Main Hall",
                "series": "s1",
                "attribution": "chatham_house",
                "key_issues": ["What next?"],
                "roles": [{"person": "p1", "role": "chair"}, {"person": "p2", "role": "speaker"}],
                "agenda": [
                    {
                        "starts_at": "2013-03-12T17:00:00",
                        "ends_at": "2013-03-12T17:30:00",
                        "title": "Welcome",
                        "kind": "welcome",
                        "people": [{"person": "p1", "role": "chair"}],
                    }
                ],
            }
        ],
    }


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into ``value`` (keys and indexes), the root excluded."""
    out: list[tuple[Any, ...]] = []
    if isinstance(value, dict | list):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            out.append((*path, key))
            out += _places(item, (*path, key))
    return out


_SEED_PLACES = _places(seed_package())


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        if not isinstance(data, dict | list):
            return
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return
    last = path[-1]
    if isinstance(data, dict) or (
        isinstance(data, list) and isinstance(last, int) and last < len(data)
    ):
        data[last] = value


def deep_package(depth: int) -> bytes:
    return b'{"format": "planner.event-package", "version": 2, "x_deep": ' + (
        b"[" * depth + b"]" * depth + b"}"
    )


@st.composite
def package_files(draw: st.DrawFn) -> bytes:
    shape = draw(st.sampled_from(["mutated", "mutated", "mutated", "truncated", "deep", "bytes"]))
    if shape == "bytes":
        return draw(st.binary(max_size=200))
    if shape == "deep":
        return deep_package(draw(st.sampled_from([10, 1_000, 100_000])))
    data = seed_package()
    if draw(st.booleans()):  # two rooms of one name
        twin = draw(st.sampled_from(["Main Hall", "MAIN HALL"]))
        data["venues"][0]["rooms"].append({"name": twin})
    for _ in range(draw(st.integers(1, 4))):
        place = draw(st.sampled_from(_SEED_PLACES))
        _set(data, place, draw(_json_values()))
    # ensure_ascii writes a lone surrogate as the escape \ud800 that JSON allows.
    text = json.dumps(data, ensure_ascii=draw(st.booleans()) or _has_surrogate(data))
    if shape == "truncated":
        text = text[: draw(st.integers(0, len(text)))]
    return text.encode("utf-8")


def _has_surrogate(data: Any) -> bool:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# Python's codec registry holds many non-text "encodings"; a CHARSET may name any of them.
CHARSETS = (
    "UTF-8",
    "utf-7",
    "punycode",
    "unicode_escape",
    "raw_unicode_escape",
    "idna",
    "rot13",
    "zlib",
    "base64",
    "hex",
    "uu",
    "utf-16",
    "utf-32",
    "windows-1256",
    "iso-8859-6",
    "gb18030",
    "shift_jis",
    "bogus",
    "",
    "utf-8\x00",
)
_VCARD_NAMES = ("N", "FN", "ORG", "TITLE", "EMAIL", "TEL", "NOTE", "VERSION", "PHOTO", "X-A")


@st.composite
def _vcard_property(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(_VCARD_NAMES))
    params = ""
    if draw(st.booleans()):
        params += ";ENCODING=QUOTED-PRINTABLE"
    if draw(st.booleans()):
        params += ";CHARSET=" + draw(st.sampled_from(CHARSETS))
    if draw(st.booleans()):
        params += ";TYPE=" + draw(st.sampled_from(["WORK", "pref", '"a;b"', "=", ""]))
    value = draw(
        st.one_of(
            st.sampled_from(
                [
                    "=E2=82=AC=",
                    "=FF=FE=00",
                    "+AGEAYgBj-",
                    "\\x41\\u12",
                    "xn--a",
                    "Siddiqa;Ayesha;;Dr.;",
                    "3.0",
                    "=",
                    "\\",
                ]
            ),
            st.sampled_from(HOSTILE_TEXTS[2:]),
            st.text(max_size=30),
        )
    )
    return f"{name}{params}:{value}"


@st.composite
def vcard_files(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        lines.append("BEGIN:VCARD")
        lines += ["VERSION:" + draw(st.sampled_from(["2.1", "3.0", "4.0", "9"]))]
        lines += ["FN:Ayesha Siddiqa"] if draw(st.booleans()) else []
        lines += draw(st.lists(_vcard_property(), max_size=5))
        if draw(st.integers(0, 5)):
            lines.append("END:VCARD")
    text = "\r\n".join(lines)
    codec = draw(st.sampled_from(["utf-8", "cp1252", "utf-16", "gb18030"]))
    return text.encode(codec, errors="replace")


_CSV_COLUMNS = (
    "First name",
    "Last name",
    "Name",
    "Email",
    "Organisation",
    "Position",
    "Phone",
    "Notes",
    "Honorific",
    "Unknown",
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    header = draw(st.lists(st.sampled_from(_CSV_COLUMNS), min_size=1, max_size=5))
    cell = st.one_of(st.sampled_from(HOSTILE_TEXTS[2:]), st.text(max_size=20))
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(header) + 1), max_size=4))
    separator = draw(st.sampled_from([",", ";", "\t"]))

    def quote(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if draw(st.booleans()) else value

    text = "\n".join(separator.join(quote(c) for c in row) for row in [header, *rows])
    codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(codec, errors="replace")


Importer = Callable[[Database, Path], object]
IMPORTERS: dict[str, tuple[str, Importer, st.SearchStrategy[bytes]]] = {
    "package": ("event.json", import_package, package_files()),
    "csv": ("people.csv", import_people_csv, csv_files()),
    "vcard": ("contacts.vcf", import_vcard, vcard_files()),
}


def fingerprint(db_file: Path) -> str:
    """A hash of every row of every table (the SQL dump), to compare before and after."""
    digest = hashlib.sha256()
    with closing(sqlite3.connect(db_file)) as connection:
        for statement in connection.iterdump():
            digest.update(statement.encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()


def attempt(kind: str, db: Database, db_file: Path, data: bytes, folder: Path) -> str:
    """Import ``data`` as ``kind``: "imported", "refused", or raise AssertionError on a traceback
    or on a refused import that changed the database."""
    name, importer, _ = IMPORTERS[kind]
    path = folder / name
    path.write_bytes(data)
    before = fingerprint(db_file)
    try:
        importer(db, path)
    except PlannerError:
        after = fingerprint(db_file)
        if after != before:
            raise AssertionError(f"a refused {kind} import changed the database") from None
        return "refused"
    return "imported"
