"""Shaped text that copies out as the letters it was typed with.

ReportLab draws a shaped word (HarfBuzz, see :mod:`planner.documents.scripts`) by glyph: each
glyph gets the first character the font's cmap maps to it, or a private-use code when none does.
Nastaliq's contextual forms, dots and stacked letters have no cmap entry, so an Urdu name copied
out of the PDF (or searched for in a viewer, or by the leak tests) was a string of U+E0xx codes;
Naskh's forms copied out as presentation forms (U+FExx) that few viewers' search folds back.

Here every glyph of a shaped word gets a code of its own for the *cluster* of characters HarfBuzz
shaped it from, and the font subset's ToUnicode CMap maps that code to those characters:

- the first glyph of a cluster (in drawing order) maps to the cluster's text, one character or
  several (a ligature); the cluster's other glyphs (Nastaliq's dots and marks) map to nothing;
- a code is kept per (font, glyph, text), so the same glyph reached from different letters (the
  dotless skeleton of ب, ت and ث) copies out as each of them;
- codes come from Supplementary Private Use Area-A, which the bundled fonts do not map.

Glyphs are still drawn right to left in visual order; PDF readers put right-to-left text back
in reading order (poppler's ``pdftotext`` and pypdf's ``extract_text`` both do).

:func:`install` swaps ReportLab's ``shapeFragWord`` and ``makeToUnicodeCMap`` for the versions
here. ReportLab has no hook for either; the wrappers call the originals and change only the
characters chosen for glyphs and the CMap's right-hand side, so layout is untouched.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

# Where a shaped word must be shaped in pieces (its font changes there, see scripts.markup; or
# its direction, see rtl.display_order): each piece is shaped on its own and the mark dropped.
ZWSP = "\u200b"

_FIRST_CODE = 0xF0000  # Supplementary Private Use Area-A, then -B
_LAST_CODE = 0x10FFFD
_lock = threading.Lock()
_codes: dict[tuple[str, int, str], int] = {}  # (font name, glyph id, text) -> code
_texts: dict[int, str] = {}  # code -> text it copies out as
_installed = False
# What HarfBuzz is asked for beyond a script's required forms (Arabic's joining forms and
# lam-alef are on whatever this says). ReportLab's default adds discretionary ligatures
# (dlig): DejaVu Serif's made "first" "fir\uFB06" in any paragraph shaped for an Arabic name.
# Latin faces get nothing, as in a paragraph that is not shaped (ReportLab draws those without
# ligatures or kerning), so a sentence reads the same with or without an Arabic name in it.
LATIN_FEATURES = {"kern": False, "liga": False, "clig": False, "dlig": False}
SCRIPT_FEATURES = {"kern": True, "liga": True}  # Naskh, Nastaliq: their standard ligatures


def text_of(code: int) -> str | None:
    """The text a code handed out here copies out as (None for any other code)."""
    return _texts.get(code)


def _code_for(font: Any, gid: int, text: str, width: int) -> int | None:
    """The code for ``gid`` copied out as ``text`` (None once both supplementary private use
    planes are spent, ~130,000 glyph forms: the glyph then keeps ReportLab's code)."""
    key = (font.fontName, gid, text)
    code = _codes.get(key)
    if code is None:
        with _lock:
            code = _codes.get(key)
            if code is None:
                if _FIRST_CODE + len(_codes) > _LAST_CODE:
                    return None
                code = _FIRST_CODE + len(_codes)
                face = font.face
                face.charToGlyph[code] = gid  # the subsetter draws this glyph for the code
                face.charWidths[code] = width
                _texts[code] = text
                _codes[key] = code
    return code


def _source_text(word: list[Any]) -> str:
    """The characters of a ReportLab frag word (``[width, (frag, text), ...]``) in order."""
    return "".join(text for frag, text in word[1:] if not hasattr(frag, "cbDefn"))


def _recode(word: list[Any], shaped: list[Any]) -> list[Any]:
    """``shaped`` with every glyph's character replaced by a code for its cluster's text."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import ShapedStr

    text = _source_text(word)
    pieces = [item for item in shaped[1:] if isinstance(item[1], ShapedStr)]
    clusters = sorted(
        {sd.cluster for _, s in pieces for sd in s.__shapeData__ if 0 <= sd.cluster < len(text)}
    )
    if not clusters:
        return shaped
    ends = dict(zip(clusters, [*clusters[1:], len(text)], strict=True))
    # The glyph of each cluster with the widest advance (its letter, not a dot) carries the text.
    carrier: dict[int, tuple[int, int, int]] = {}
    for n, (_, s) in enumerate(pieces):
        for i, sd in enumerate(s.__shapeData__):
            if sd.cluster in ends and (
                sd.cluster not in carrier or sd.x_advance > carrier[sd.cluster][2]
            ):
                carrier[sd.cluster] = (n, i, sd.x_advance)
    n = -1
    for index, item in enumerate(shaped):
        if index == 0 or not isinstance(item[1], ShapedStr):
            continue
        frag, glyphs = item[0], item[1]
        font = pdfmetrics.getFont(frag.fontName)
        chars = []
        n += 1
        for i, (char, sd) in enumerate(zip(glyphs, glyphs.__shapeData__, strict=True)):
            cluster = sd.cluster
            if cluster not in ends:  # a character ReportLab added itself: keep it
                chars.append(char)
                continue
            carried = carrier[cluster][:2] == (n, i)
            copied = text[cluster : ends[cluster]] if carried else ""
            gid = font.face.charToGlyph.get(ord(char))
            width = font.face.charWidths.get(ord(char), 0)
            code = None if gid is None else _code_for(font, gid, copied, width)
            chars.append(char if code is None else chr(code))
        recoded = ShapedStr("".join(chars), shapeData=glyphs.__shapeData__)
        if isinstance(item, list):
            item[1] = recoded
        else:
            shaped[index] = (frag, recoded, *item[2:])
    return shaped


def _features(word: list[Any]) -> dict[str, bool]:
    """The OpenType features to shape ``word`` (one font: see :func:`_font_runs`) with: the
    script's standard ligatures for right-to-left text, none for anything else (Latin)."""
    return SCRIPT_FEATURES if _RTL_TEXT.search(_source_text(word)) else LATIN_FEATURES


# Arabic script and Hebrew: text HarfBuzz joins and orders right to left.
_RTL_TEXT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _font_runs(word: list[Any]) -> list[list[Any]] | None:
    """A frag word as the frag words HarfBuzz must shape one by one, or None (the word is
    shaped whole; also a word with an inline image or link marker, which ReportLab places by
    cluster itself):

    - one per font, for a word set in more than one font (``scripts.markup`` puts a zero-width
      space where the font changes, but ReportLab splits words at it only inside a frag's text
      that also holds a no-break space);
    - one per piece between zero-width spaces, which ``rtl.display_order`` puts where the
      direction changes inside a word ("۲۰۲۶ء": HarfBuzz sets a word in one direction).

    The zero-width spaces themselves are dropped: they draw nothing.
    """
    items = word[1:]
    if len(items) < 2 and (not items or ZWSP not in (items[0][1] or "")):
        return None  # nearly every word: one frag, nothing to cut (this runs for each word)
    from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr

    if isinstance(word, ShapedFragWord) or any(
        hasattr(item[0], "cbDefn") or isinstance(item[1], ShapedStr) for item in items
    ):
        return None
    cut = any(ZWSP in item[1] for item in items)
    runs: list[list[Any]] = []
    start_run = True
    for item in items:
        frag, text = item[0], item[1]
        for index, piece in enumerate(text.split(ZWSP)):
            start_run = start_run or index > 0
            if not piece:
                continue
            if runs and not start_run and runs[-1][-1][0].fontName == frag.fontName:
                runs[-1].append((frag, piece))
            else:
                runs.append([(frag, piece)])
            start_run = False
    if not runs or (len(runs) < 2 and not cut):
        return None
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return [
        [sum(stringWidth(item[1], item[0].fontName, item[0].fontSize) for item in run), *run]
        for run in runs
    ]


# --- shaping each word once ---------------------------------------------------------------
#
# ReportLab shapes every word of a paragraph each time it breaks the paragraph into lines: when
# a frame wraps it, again for each part a page split leaves, again for each narrower try of a
# right-to-left paragraph. HarfBuzz with Noto Nastaliq Urdu is slow (about 0.1 ms a word), and
# words recur (the same names and particles in every sentence), so a word set in one font at
# one size is shaped once per process. Only a word in one style (one frag) is kept: the kept
# glyphs and widths depend on nothing but the text, the font and the size; the frag (its colour,
# link, underline) is the caller's own. ReportLab never changes a ShapedStr once made.


@dataclass(frozen=True, slots=True)
class _Shaped:
    """A one-frag word as shaping left it: unchanged, or its width and glyphs."""

    unchanged: bool
    width: float = 0.0
    glyphs: Any = None  # the ShapedStr
    item: type = tuple  # the type of the (frag, glyphs) entry

    def word(self, w: list[Any]) -> Any:
        """The shaped form of ``w`` (which has this word's text, font and size)."""
        if self.unchanged:
            return w
        from reportlab.pdfbase.ttfonts import makeShapedFragWord

        # The class ReportLab would give it: a word ending a line is of another list class
        # than one inside it, and the word measured on its own line is met again inside one.
        return makeShapedFragWord(w)([self.width, self.item((w[1][0], self.glyphs))])


_SHAPED_LIMIT = 200_000  # words kept; then the cache starts again
_shaped: dict[tuple[Any, ...], _Shaped] = {}


def _cache_key(w: Any) -> tuple[Any, ...] | None:
    """What a one-frag word's shape depends on (None: a word that is not kept)."""
    if not isinstance(w, list) or len(w) != 2:
        return None
    entry = w[1]
    if not isinstance(entry, tuple | list) or len(entry) != 2:
        return None
    frag, text = entry
    if hasattr(frag, "cbDefn") or not isinstance(text, str) or hasattr(text, "__shapeData__"):
        return None
    return (frag.fontName, frag.fontSize, text)


def _remember(key: tuple[Any, ...], w: Any, shaped: Any) -> None:
    from reportlab.pdfbase.ttfonts import ShapedStr

    if shaped is w:
        found = _Shaped(unchanged=True)
    elif (
        isinstance(shaped, list)
        and len(shaped) == 2
        and isinstance(shaped[1], tuple | list)
        and len(shaped[1]) == 2
        and isinstance(shaped[1][1], ShapedStr)
    ):
        found = _Shaped(False, shaped[0], shaped[1][1], type(shaped[1]))
    else:
        return  # an unusual shape (a ligature across frags): not kept
    with _lock:
        if len(_shaped) >= _SHAPED_LIMIT:
            _shaped.clear()
        _shaped[key] = found


def _cmap_entry(code: int, value: int) -> str:
    copied = _texts.get(value)
    if copied is None:
        copied = chr(value)
    return f"<{code:02X}> <{copied.encode('utf-16-be').hex().upper()}>"


def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with each code mapped to the text it was recoded for.

    Also right for characters beyond U+FFFF (ReportLab writes those as five hex digits).
    """
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block holds at most 100 entries (PDF reference, 5.9.2).
    for start in range(0, len(subset), 100):
        block = subset[start : start + 100]
        cmap.append(f"{len(block)} beginbfchar")
        cmap.extend(_cmap_entry(start + i, value) for i, value in enumerate(block))
        cmap.append("endbfchar")
    cmap += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(cmap)


def install() -> None:
    """Swap the two ReportLab functions for the ones here (once; idempotent)."""
    global _installed
    if _installed:
        return
    with _lock:
        if _installed:
            return
        from reportlab.pdfbase import ttfonts
        from reportlab.pdfgen import canvas
        from reportlab.platypus import paragraph

        original = ttfonts.shapeFragWord

        def shape_frag_word(w: Any, *args: Any, **kwargs: Any) -> Any:
            runs = None if args or kwargs else _font_runs(w)
            if runs is not None:
                # ReportLab shapes a word with its first font only and looks the glyphs up in
                # each frag's own font: a word that changes font crashed ("قریشیs": a Naskh
                # glyph id in DejaVu Sans) or drew wrong letters. Each font's part alone.
                parts = [shape_frag_word(run, force=True) for run in runs]
                joined = ttfonts.makeShapedFragWord(w)([sum(part[0] for part in parts)])
                for part in parts:
                    joined.extend(part[1:])
                return joined
            key = None if args or kwargs else _cache_key(w)
            if key is not None:
                known = _shaped.get(key)
                if known is not None:
                    return known.word(w)
            if not args and "features" not in kwargs:
                kwargs["features"] = _features(w)
            shaped = original(w, *args, **kwargs)
            if shaped is not w and isinstance(shaped, list):
                shaped = _recode(w, shaped)
            if key is not None:
                _remember(key, w, shaped)
            return shaped

        for module in (ttfonts, canvas, paragraph):
            module.shapeFragWord = shape_frag_word
        ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
        _installed = True
