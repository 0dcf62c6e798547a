"""Parsed fonts read back from the user cache folder make exactly the PDF a fresh parse makes.

Each render runs in a fresh interpreter (ReportLab registers a face once per process), with
this test's own cache folder; ``SOURCE_DATE_EPOCH`` (conftest) keeps the PDFs byte-comparable.
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.documents import fontcache, fonts

TESTS = Path(__file__).resolve().parent.parent

# The multi-script conference (Urdu, Arabic, Chinese, Cyrillic, Greek names): every bundled
# face but the serif, shaped and not, goes through the cache.
RENDER = f"""
import sys
sys.path.insert(0, {str(TESTS)!r})
import sheet_samples
from planner.documents import render
from planner.policy.sheet import Audience
audience = Audience.ORGANISERS if sys.argv[1] == "badges" else Audience.ATTENDEES
sheet = sheet_samples.conference(audience, items=6, bio_chars=300)
sys.stdout.buffer.write(render(sys.argv[1], sheet))
"""


def _render(kind: str, cache: Path, *, disabled: bool = False) -> bytes:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop(fontcache.DISABLE_ENV, None)
    if disabled:
        env[fontcache.DISABLE_ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-c", RENDER, kind],
        env=env,
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.startswith(b"%PDF")
    return done.stdout


def _cached_faces(cache: Path) -> set[str]:
    return {file.name.rsplit("-", 1)[0] for file in (cache / "planner" / "fonts").glob("*")}


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The programme with every face parsed, no cache."""
    none = tmp_path_factory.mktemp("no-cache")
    pdf = _render("programme", none, disabled=True)
    assert not any(none.iterdir())
    return pdf


def test_a_cached_face_makes_the_same_pdf_as_a_parsed_one(parsed: bytes, tmp_path: Path) -> None:
    cold = _render("programme", tmp_path)  # parses and writes the cache
    faces = _cached_faces(tmp_path)
    assert {"DejaVuSans", "NotoNastaliqUrdu-Regular", "DroidSansFallbackFull"} <= faces
    warm = _render("programme", tmp_path)  # reads it
    assert cold == parsed
    assert warm == parsed


def test_a_damaged_or_foreign_cache_file_is_parsed_again_and_replaced(
    parsed: bytes, tmp_path: Path
) -> None:
    folder = tmp_path / "planner" / "fonts"
    folder.mkdir(parents=True)
    # Planted under the names the render will look for (the key is the font file's state).
    names = [
        file
        for name in (fonts.SANS, fonts.SANS_BOLD, fonts.NASTALIQ)
        if (file := fontcache._cache_file(fonts.font_path(name))) is not None
    ]
    damaged = {
        folder / name.name: data
        for name, data in zip(
            names,
            [b"\x00\xffnot marshal at all", marshal.dumps(["a list, not a face"]), b""],
            strict=True,
        )
    }
    for file, data in damaged.items():
        file.write_bytes(data)
    assert _render("programme", tmp_path) == parsed
    for file, data in damaged.items():
        assert file.read_bytes() != data  # written again from the fresh parse


def test_an_unwritable_cache_folder_only_costs_the_parse(parsed: bytes, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go")
    assert _render("programme", blocked) == parsed


def test_a_changed_font_file_is_not_read_from_the_old_entry(tmp_path: Path) -> None:
    font = tmp_path / "face.ttf"
    font.write_bytes(fonts.font_path(fonts.SANS).read_bytes())
    first = fontcache._cache_file(font)
    os.utime(font, ns=(1, 1))
    assert fontcache._cache_file(font) != first


def test_a_font_from_the_cache_is_the_font_reportlab_makes(tmp_path: Path) -> None:
    # fontcache rebuilds TTFont without its constructor; a ReportLab release that adds or
    # changes what the constructor sets must fail here, not in a printed document.
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (fonts.SANS, fonts.NASTALIQ):
        path = fonts.font_path(name)
        parsed = TTFont(name, str(path), shapable=True)
        stored = tmp_path / f"{name}.marshal"
        fontcache._write(stored, parsed.face)
        face = fontcache._read(stored)
        assert face is not None
        rebuilt = fontcache._font_with_face(name, face)
        mine, theirs = vars(rebuilt), vars(parsed)
        assert mine.keys() == theirs.keys()
        for key in mine.keys() - {"face", "state", "encoding"}:
            assert mine[key] == theirs[key], key
        assert vars(rebuilt.encoding) == vars(parsed.encoding)
        assert len(rebuilt.state) == len(parsed.state) == 0
        assert type(face) is type(parsed.face)
        ours, original = vars(face), vars(parsed.face)
        assert ours.keys() == original.keys()
        for key in ours.keys() - {"_pdfScale"}:
            assert ours[key] == original[key], key
            assert type(ours[key]) is type(original[key]), key
        assert [face.name.ustr, face.familyName.ustr] == [
            parsed.face.name.ustr,
            parsed.face.familyName.ustr,
        ]
        for units in (0, 1, 517, 2048, -90):
            assert face._pdfScale(units) == parsed.face._pdfScale(units)


def test_a_file_that_is_not_this_faces_copy_is_not_read(tmp_path: Path) -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    path = fonts.font_path(fonts.SANS)
    good = tmp_path / "DejaVuSans-0123.marshal"
    fontcache._write(good, TTFont(fonts.SANS, str(path)).face)
    assert fontcache._read(good) is not None
    stored = marshal.loads(good.read_bytes())
    wrong: dict[str, object] = {
        "another face's file": {**stored, "key": "DejaVuSans-Bold-4567"},
        "no attributes": {**stored, "attributes": {}},
        "a name field that is missing": {**stored, "name_fields": ("nothing",)},
        "a name that is not bytes": {**stored, "attributes": {**stored["attributes"], "name": 3}},
        "no key": {k: v for k, v in stored.items() if k != "key"},
        "not a dict": ["attributes"],
    }
    for what, data in wrong.items():
        good.write_bytes(marshal.dumps(data))
        assert fontcache._read(good) is None, what
