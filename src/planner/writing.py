"""Which writing system, and so which language, a piece of text is in (neutral ground).

Names arrive without a language; their script says enough for fonts and for HTML's ``lang``:
Arabic-script text with a letter only Urdu uses (ٹ ڈ ڑ ں ھ ہ ۂ ۃ ے ۓ) is Urdu, other Arabic
script Arabic, Hebrew Hebrew; Han characters Chinese, unless kana make them Japanese or Hangul
Korean. The printed documents pick Nastaliq or Naskh with it, the web announcement ``lang``
and ``dir``.
"""

from __future__ import annotations

import re

# Letters Urdu uses and Arabic does not: a passage with any of them is Urdu (set in Nastaliq).
URDU_LETTERS = frozenset("\u0679\u0688\u0691\u06ba\u06be\u06c1\u06c2\u06c3\u06d2\u06d3")
RTL_LANGUAGES = frozenset({"ur", "ar", "he"})

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_HEBREW = "\u0590-\u05ff"
_KANA = "\u3040-\u30ff\u31f0-\u31ff"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = _KANA + _HANGUL + _HAN
# A passage: words of one script with only spaces (and joiners) between them.
_PASSAGE = re.compile(
    f"[{_ARABIC}]+(?:[\\s\u200c\u200d]+[{_ARABIC}]+)*"
    f"|[{_HEBREW}]+(?:\\s+[{_HEBREW}]+)*"
    f"|[{_CJK}]+(?:\\s+[{_CJK}]+)*"
)


def language(passage: str) -> str:
    """The language of a passage of one script (see :func:`passages`): ur, ar, he, ja, ko or
    zh; "" for anything else (Latin, Cyrillic: the page's own language says enough)."""
    if re.search(f"[{_ARABIC}]", passage):
        return "ur" if not URDU_LETTERS.isdisjoint(passage) else "ar"
    if re.search(f"[{_HEBREW}]", passage):
        return "he"
    if re.search(f"[{_KANA}]", passage):
        return "ja"
    if re.search(f"[{_HANGUL}]", passage):
        return "ko"
    if re.search(f"[{_HAN}]", passage):
        return "zh"
    return ""


def passages(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (chars, language) pieces: each passage of Arabic, Hebrew or CJK script
    with its language, and what lies between them with "" ("Dr ڈاکٹر عائشہ رحمان, CPGS" is
    ("Dr ", ""), ("ڈاکٹر عائشہ رحمان", "ur"), (", CPGS", ""))."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in _PASSAGE.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], ""))
        pieces.append((match.group(), language(match.group())))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], ""))
    return pieces
