"""Parsed TrueType faces kept between runs, so that a render does not parse its fonts again.

ReportLab parses a whole TrueType file (cmap, widths, glyph offsets) in Python each time a face
is registered: 10-15 ms for each DejaVu face, several times that for the 4 MB CJK fallback, and
every ``planner render`` registers four faces before drawing a line. What the parse produces is
plain data (dicts, lists, numbers, the file's bytes), so it is written once with :mod:`marshal`
(the format of Python's own bytecode cache) to the user cache folder and read back in a few
milliseconds.

The cache is an optimisation only: a file that is missing, stale, damaged or unwritable means
the font is parsed as before. A cached face is keyed by the font file's size and modification
time, the ReportLab version (its parser decides what a face holds) and the Python version (the
marshal format).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import sys
import tempfile
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

# Bump when what is stored changes.
FORMAT = 2
# Set (to anything) to parse every face, e.g. to time the parse itself.
DISABLE_ENV = "PLANNER_NO_FONT_CACHE"
# Face attributes ReportLab holds as TTFNameBytes (bytes with the decoded text beside them).
_NAME_FIELDS = "name_fields"
# The face's scale function: a closure, rebuilt from unitsPerEm (see _pdf_scale).
_SKIPPED = frozenset({"_pdfScale"})
# Some of what ReportLab's parse always sets: a stored face without them is not one.
_PARSED = frozenset({"_ttf_data", "charToGlyph", "charWidths", "glyphPos", "name", "unitsPerEm"})


def load_font(name: str, path: Path) -> Any:
    """A ReportLab ``TTFont`` named ``name`` for the file at ``path``, as ``TTFont(name, path,
    shapable=True)`` makes it, its face read from the cache when there is a current copy."""
    from reportlab.pdfbase.ttfonts import TTFont

    if os.environ.get(DISABLE_ENV):
        return TTFont(name, str(path), shapable=True)
    cached = _cache_file(path)
    face = _read(cached) if cached is not None else None
    if face is None:
        font = TTFont(name, str(path), shapable=True)
        if cached is not None:
            _write(cached, font.face)
        return font
    return _font_with_face(name, face)


def _font_with_face(name: str, face: Any) -> Any:
    """What ``TTFont.__init__`` makes, with a face already parsed (tests/documents/
    test_documents_font_cache.py compares the two attribute by attribute, so a ReportLab
    release that changes the constructor fails there rather than in a document)."""
    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, unShapedFontGlob

    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)
    return font


def _cache_file(path: Path) -> Path | None:
    """Where the face of the font at ``path`` is kept; None when the font cannot be read."""
    import reportlab

    from planner.config import cache_dir

    try:
        stat = path.stat()
    except OSError:
        return None
    key = "|".join(
        (
            str(FORMAT),
            str(path.resolve()),
            str(stat.st_size),
            str(stat.st_mtime_ns),
            reportlab.Version,
            f"{sys.version_info[0]}.{sys.version_info[1]}",
        )
    )
    digest = hashlib.sha256(key.encode()).hexdigest()[:20]
    return cache_dir() / "fonts" / f"{path.stem}-{digest}.marshal"


def _read(file: Path) -> Any | None:
    """The face stored in ``file``, or None when there is none or it is not one."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

    try:
        blob = file.read_bytes()
    except OSError:
        return None
    # The face is some 100,000 acyclic objects (the CJK face 300,000): with the collector on,
    # building them sets off collections that walk the whole heap, which cost more than the
    # load (CJK face: 105 ms instead of 31 at the default thresholds).
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
    try:
        attributes: dict[str, Any] = data["attributes"]
        if data["key"] != file.stem or not attributes.keys() >= _PARSED:
            return None  # another face's file, or not a face at all
        for field in data[_NAME_FIELDS]:
            attributes[field] = TTFNameBytes(attributes[field])
        attributes["_pdfScale"] = _pdf_scale(int(attributes["unitsPerEm"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(attributes)
    return face


def _write(file: Path, face: Any) -> None:
    """Store ``face`` (freshly parsed, not yet used by a document) in ``file``; quietly
    nothing when the folder cannot be written or the face holds something marshal cannot."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    attributes: dict[str, Any] = {}
    names: list[str] = []
    for key, value in vars(face).items():
        if key in _SKIPPED:
            continue
        if isinstance(value, TTFNameBytes):
            names.append(key)
            value = bytes(value)
        attributes[key] = value
    try:
        blob = marshal.dumps(
            {"key": file.stem, _NAME_FIELDS: tuple(names), "attributes": attributes}
        )
        file.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: two renders starting together never read half a file.
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".font-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(blob)
            os.replace(temporary, file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except (OSError, ValueError):
        return


def _pdf_scale(units_per_em: int) -> Any:
    """The face's glyph-units-to-PDF-units function, as ReportLab's parser builds it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor
