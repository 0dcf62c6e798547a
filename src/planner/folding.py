"""Names folded for comparing and searching: case, diacritics and Urdu/Arabic letter variants.

Neutral ground: ``policy.names`` styles and sorts with it, ``store`` fills the people search
column with it (revision 0010) and ``services`` folds what the user types the same way, so
"muller" finds "Müller" as the import already matches them.
"""

from __future__ import annotations

import re
import unicodedata

# Han, kana and Hangul (CJK radicals to unified ideographs, Hangul syllables, compatibility
# ideographs). Searched by one regular expression: a Python step per character cost a tenth of
# a 100,000-person import, which asks this of every name.
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def is_cjk(text: str) -> bool:
    """True when ``text`` is written in Han, kana or Hangul (names written without spaces)."""
    return not text.isascii() and _CJK.search(text) is not None


# Letters written the same way in Urdu and Arabic but encoded differently: a report typed on an
# Arabic keyboard must still match a name entered on an Urdu one.
ARABIC_VARIANTS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
        "\u0640": "",  # TATWEEL (stretching, no meaning)
        "\u200c": "",  # ZERO WIDTH NON-JOINER
        "\u200d": "",  # ZERO WIDTH JOINER
        # Typographic apostrophes, so "O’Brien" is "O'Brien".
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
    }
)


class _FoldSteps(dict[int, str | int | None]):
    """``str.translate`` table of :func:`fold`'s middle steps: a combining mark dropped, an
    Arabic letter variant or a typographic apostrophe replaced. Each character is looked up
    once and remembered, so folding 100,000 imported names runs in C, not in a Python loop per
    character (a fifth of a vCard import's reading, issue 13)."""

    def __missing__(self, code: int) -> str | int | None:
        value = None if unicodedata.combining(chr(code)) else ARABIC_VARIANTS.get(code, code)
        self[code] = value
        return value


_FOLD_STEPS = _FoldSteps()


def fold(text: str) -> str:
    """Case-, diacritic- and script-variant-insensitive form of ``text`` (for comparing names)."""
    if text.isascii():
        # The same answer, a third of the time: NFKD leaves ASCII as it is and the only ASCII
        # character the steps change is the backtick (most names and every email are ASCII).
        return text.replace("`", "'").lower()
    return unicodedata.normalize("NFKD", text).translate(_FOLD_STEPS).casefold()
