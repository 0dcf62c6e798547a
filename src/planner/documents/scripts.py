"""Text to ReportLab paragraph markup: escaped, with each run of a script in a font that has it.

Names arrive in any script. DejaVu Sans (the base family) covers Latin, Greek, Cyrillic and
many symbols; Arabic-script runs go to Noto Naskh Arabic, or Noto Nastaliq Urdu when the run
has letters only Urdu uses; Chinese, Japanese and Korean go to Droid Sans Fallback.

Right-to-left text: ReportLab shapes a paragraph's words with HarfBuzz when the style has
``shaping`` set (see :func:`needs_shaping`), and HarfBuzz returns an RTL word's glyphs in visual
order. The order of the *words* on a line is the Unicode bidi algorithm's, applied per line by
:mod:`planner.documents.rtl` (ReportLab's own needs ``rlbidi``, which is not on PyPI).

Characters no bundled font has are reported once per render (see :class:`Coverage`) and
printed in the base font, which shows a box: the document still renders.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html import escape as _html_escape

from planner.writing import URDU_LETTERS

from . import fonts
from .tounicode import ZWSP


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` escaped for Paragraph markup, as ``xml.sax.saxutils.escape`` does.

    ``html`` is imported by ReportLab's paragraph parser anyway; ``xml.sax.saxutils`` would
    import ``urllib.request`` and ``http.client`` at start-up (5 ms) for nothing.
    """
    return _html_escape(text, quote=False)


ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
HEBREW_RANGE = (0x0590, 0x05FF)
CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x31FF),  # Bopomofo, Hangul compatibility Jamo, Katakana extensions
    (0x3200, 0x4DBF),  # enclosed CJK, CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0x20000, 0x2FA1F),  # CJK extensions B-F
)

# What the bundled fonts cover, for the README and the warning.
COVERED_SCRIPTS = (
    "Latin, Greek, Cyrillic, Armenian, Georgian (DejaVu Sans); Arabic, Persian (Noto Naskh "
    "Arabic); Urdu (Noto Nastaliq Urdu); Chinese, Japanese, Korean (Droid Sans Fallback); "
    "Hebrew in DejaVu Sans, ordered right to left"
)

BASE, ARABIC, URDU, CJK, HEBREW, SPACE, NEUTRAL = (
    "base",
    "arabic",
    "urdu",
    "cjk",
    "hebrew",
    "space",
    "neutral",
)
FONT_OF_KIND = {ARABIC: fonts.NASKH, URDU: fonts.NASTALIQ, CJK: fonts.CJK}
RTL_KINDS = frozenset({ARABIC, URDU, HEBREW})


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


@dataclass
class Coverage:
    """Characters the bundled fonts lack, collected over one render."""

    missing: set[str] = field(default_factory=set)

    def warnings(self) -> list[str]:
        if not self.missing:
            return []
        chars = "".join(sorted(self.missing))
        scripts = sorted({_script_name(c) for c in self.missing})
        return [
            f"no bundled font has {len(self.missing)} character(s) ({', '.join(scripts)}): "
            f"{chars!r}; they print as boxes. Covered: {COVERED_SCRIPTS}."
        ]


def _script_name(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ")[0].title() if name else f"U+{ord(char):04X}"


def _kind(char: str, coverage: Coverage | None) -> str:
    if char.isspace():
        return SPACE
    code = ord(char)
    if _in(code, ARABIC_RANGES):
        category = unicodedata.category(char)
        return ARABIC if category[0] in "LM" else NEUTRAL_ARABIC
    if HEBREW_RANGE[0] <= code <= HEBREW_RANGE[1]:
        return HEBREW
    if code < 0x0250:  # Latin, digits, ASCII punctuation: the base font has them all
        return BASE if char.isalpha() else NEUTRAL
    if _in(code, CJK_RANGES):
        if fonts.covers(fonts.CJK, char):
            return CJK
    elif fonts.covers(fonts.SANS, char):
        category = unicodedata.category(char)
        return BASE if category[0] in "LM" else NEUTRAL
    if unicodedata.category(char) in ("Cf", "Cc", "Mn"):
        return NEUTRAL  # joiners, marks, controls: no glyph of their own needed
    if coverage is not None:
        coverage.missing.add(char)
    return BASE


# Arabic-block punctuation and digits (، ؟ ٪ ٣): set in the Arabic font, but they do not start
# an Arabic run on their own.
NEUTRAL_ARABIC = "neutral_arabic"


def _runs(
    text: str,
    coverage: Coverage | None,
    urdu: bool = False,
    urdu_words: frozenset[str] = frozenset(),
) -> list[tuple[str, str]]:
    """``text`` as (kind, chars) runs, with neutrals and spaces resolved to a side.

    ``urdu``: every Arabic-script run is Urdu. ``urdu_words``: an Arabic-script run with one
    of these words (:func:`urdu_words` of the paragraph it comes from) is Urdu, though this
    line of it has no letter only Urdu uses.
    """
    if _arabic_line(text):
        # Arabic-script letters at both ends and nothing strong of another kind between: the
        # rules below make every character Arabic (one run), and a per-character loop over a
        # line of Urdu prose was a tenth of an Urdu report's render.
        return [(URDU if urdu or is_urdu(text, urdu_words) else ARABIC, text)]
    kinds = [_kind(c, coverage) for c in text]
    n = len(kinds)
    strong = [k if k in (BASE, ARABIC, CJK, HEBREW) else "" for k in kinds]
    # Neutral characters take the kind of the strong character on their left when the one on
    # their right agrees (so spaces between two Arabic words stay in the run), and punctuation
    # touching an RTL letter with no space between joins it (so "(محمد)" is one unit).
    resolved = list(kinds)
    prev = [""] * n
    last = ""
    for i, k in enumerate(strong):
        prev[i] = last
        if k:
            last = k
    nxt = [""] * n
    last = ""
    for i in range(n - 1, -1, -1):
        nxt[i] = last
        if strong[i]:
            last = strong[i]
    for i, k in enumerate(kinds):
        if k in (SPACE, NEUTRAL, NEUTRAL_ARABIC):
            left, right = prev[i], nxt[i]
            if left and left == right and left in RTL_KINDS:
                resolved[i] = left
            elif k == NEUTRAL_ARABIC:
                resolved[i] = ARABIC
            elif k == NEUTRAL and _touches_rtl(kinds, i):
                resolved[i] = left if left in RTL_KINDS else right
            elif k == NEUTRAL:
                resolved[i] = BASE
    runs: list[tuple[str, str]] = []
    for char, kind in zip(text, resolved, strict=True):
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + char)
        else:
            runs.append((kind, char))
    # An Arabic-script run with an Urdu-only letter is set in Nastaliq.
    return [
        (URDU if kind == ARABIC and (urdu or is_urdu(chars, urdu_words)) else kind, chars)
        for kind, chars in runs
    ]


def is_urdu(chars: str, urdu_words: frozenset[str]) -> bool:
    """Whether an Arabic-script run is Urdu: it has a letter only Urdu uses, or a word of a
    passage that has (``urdu_words``)."""
    if not URDU_LETTERS.isdisjoint(chars):
        return True
    return bool(urdu_words) and any(_word_key(w) in urdu_words for w in chars.split())


def _word_key(word: str) -> str:
    """A word's Arabic-script letters: the same key in logical and display order, whatever
    punctuation (mirrored brackets) clings to it."""
    return "".join(c for c in word if _in(ord(c), ARABIC_RANGES) and c.isalpha())


def _peel(chars: str, face: str) -> tuple[str, str, str]:
    """A run's punctuation at either end that ``face`` has no glyph for, and the rest: Noto
    Naskh Arabic has no brackets, hyphen or apostrophe, so "(محمد)" or "محمد's" in Naskh
    printed boxes; those are set in the base font beside the run instead."""
    start, end = 0, len(chars)
    while start < end and not chars[start].isspace() and not fonts.covers(face, chars[start]):
        start += 1
    while end > start and not chars[end - 1].isspace() and not fonts.covers(face, chars[end - 1]):
        end -= 1
    return chars[:start], chars[start:end], chars[end:]


def urdu_words(text: str) -> frozenset[str]:
    """The words of ``text``'s Urdu passages, to set them in Nastaliq on every line they wrap
    to, while an Arabic name beside them stays in Naskh.

    A passage is a stretch of Arabic-script words with nothing of another script between
    them; it is Urdu when it has a letter only Urdu uses (ٹ ڈ ڑ ں ہ ے ...): "ڈاکٹر عائشہ
    رحمان" is Urdu, "محمد بن سلمان" in the same sentence Arabic. A word that occurs in both
    kinds of passage is left to its own letters.
    """
    if not has_urdu(text):
        return frozenset()
    urdu: set[str] = set()
    arabic: set[str] = set()
    for kind, chars in _runs(text, None):
        if kind in (URDU, ARABIC):
            (urdu if kind == URDU else arabic).update(_word_key(w) for w in chars.split())
    return frozenset(urdu - arabic - {""})


def _touches_rtl(kinds: list[str], i: int) -> bool:
    """Whether the neutral at ``i`` is in the same word (no space between) as an RTL letter."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(kinds) and kinds[j] in (NEUTRAL, NEUTRAL_ARABIC):
            j += step
        if 0 <= j < len(kinds) and kinds[j] in RTL_KINDS:
            return True
    return False


def is_rtl_only(text: str) -> bool:
    """Whether every letter of ``text`` is right-to-left (it then aligns right on its own)."""
    letters = [c for c in text if unicodedata.category(c)[0] == "L"]
    return bool(letters) and all(
        _in(ord(c), ARABIC_RANGES) or HEBREW_RANGE[0] <= ord(c) <= HEBREW_RANGE[1] for c in letters
    )


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


# Regular expressions scan long biographies far faster than a per-character Python loop.
_ARABIC_SEARCH = re.compile(f"[{_char_class(ARABIC_RANGES)}]").search
_RTL_SEARCH = re.compile(f"[{_char_class((*ARABIC_RANGES, HEBREW_RANGE))}]").search
_ARABIC_CLASS = _char_class(ARABIC_RANGES)
# Arabic-script characters and ASCII characters that are not letters (spaces, digits,
# punctuation: neutral for _runs).
_ARABIC_OR_ASCII_NEUTRAL = re.compile(
    f"[{_ARABIC_CLASS}\\x00-\\x40\\x5b-\\x60\\x7b-\\x7f]+"
).fullmatch


def _arabic_line(text: str) -> bool:
    """Whether _runs finds ``text`` one Arabic run: Arabic script and ASCII neutrals only, and
    at each end, before any space or ASCII neutral, an Arabic-script letter or mark (Arabic
    punctuation and digits are Arabic wherever they are; a space or a Latin comma is only
    where Arabic letters stand on both sides of it)."""
    if _ARABIC_OR_ASCII_NEUTRAL(text) is None:
        return False
    for chars in (text, reversed(text)):
        for char in chars:
            if not _in(ord(char), ARABIC_RANGES):
                return False
            if unicodedata.category(char)[0] in "LM":
                break
    return True


# Latin letters and the punctuation DejaVu Sans has (dashes, quotes, the middle dot, the euro).
_NOT_PLAIN_SEARCH = re.compile("[^\\u0000-\\u024f\\u2010-\\u2027\\u2030-\\u205e\\u20ac]").search


def has_urdu(text: str) -> bool:
    """Whether ``text`` has a letter only Urdu uses (it is then set in Nastaliq)."""
    return not URDU_LETTERS.isdisjoint(text)


def needs_shaping(text: str) -> bool:
    """Whether a paragraph holding ``text`` must be shaped (it has Arabic-script letters)."""
    return _ARABIC_SEARCH(text) is not None


def is_plain(text: str) -> bool:
    """Latin text needs no font switching: the fast path for almost every string."""
    return _NOT_PLAIN_SEARCH(text) is None


BOLD_FACE = {fonts.NASKH: fonts.NASKH_BOLD}

# Arabic-script faces look smaller than DejaVu Sans at the same size (a smaller x-height):
# runs set in them are enlarged so a name reads as large as its Latin neighbours.
SIZE_FACTOR = {fonts.NASKH: 1.15, fonts.NASTALIQ: 1.2}


def has_rtl(text: str) -> bool:
    """Whether ``text`` has right-to-left letters (Arabic script or Hebrew)."""
    return _RTL_SEARCH(text) is not None


def markup(
    text: str,
    coverage: Coverage | None = None,
    *,
    bold: bool = False,
    size: float | None = None,
    rtl: bool | None = None,
    urdu: bool = False,
    urdu_words: frozenset[str] = frozenset(),
) -> str:
    """``text`` escaped for a Paragraph, with non-Latin runs wrapped in ``<font name=...>``.

    Line breaks in ``text`` become ``<br/>``. ``bold``: the text is set bold (a ``<font>`` tag
    resets ReportLab's bold flag, so the bold face is named here). ``size``: the paragraph's
    font size, to enlarge Arabic-script runs by ``SIZE_FACTOR``.

    Each line with right-to-left text is put in display order (:func:`rtl.display_order`),
    as if it were set on one line; ``rtl`` is the paragraph's base direction (by default, that
    of ``text``). ``urdu``: set every Arabic-script run in Nastaliq; ``urdu_words``: set the
    runs with these words in Nastaliq (``text`` is one line of a paragraph with Urdu passages,
    and this line of one may have no letter only Urdu uses; see :func:`urdu_words`). Text that
    may wrap goes through ``paragraphs.BidiParagraph`` instead, which breaks lines before
    reordering them (see ``RenderContext.p``).
    """
    if is_plain(text):
        return escape(text).replace("\n", "<br/>")
    shaped = needs_shaping(text)
    if has_rtl(text):
        from . import rtl as bidi

        base = bidi.is_rtl_paragraph(text) if rtl is None else rtl
        text = "\n".join(
            bidi.display_order(line, rtl=base, reverse_words=not shaped)
            for line in text.split("\n")
        )
    parts: list[str] = []
    previous = ""
    for kind, chars in _runs(text, coverage, urdu, urdu_words):
        if shaped and previous and not previous[-1].isspace() and not chars[0].isspace():
            # HarfBuzz shapes a whole word with one font: split words where the font changes.
            parts.append(ZWSP)
        font = FONT_OF_KIND.get(kind)
        if font:
            fonts.ensure_family(font)
            face = BOLD_FACE.get(font, font) if bold else font
            factor = SIZE_FACTOR.get(font)
            scale = f' size="{size * factor:.1f}"' if size and factor else ""
            lead, inner, trail = _peel(chars, face)
            parts.append(escape(lead))
            body = escape(inner).replace("\n", "<br/>")
            parts.append(f'<font name="{face}"{scale}>{body}</font>' if inner else "")
            parts.append(escape(trail))
        else:
            parts.append(escape(chars).replace("\n", "<br/>"))
        previous = chars
    return "".join(parts)
