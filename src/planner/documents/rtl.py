"""Right-to-left text in display order, one line at a time (the Unicode bidi algorithm).

ReportLab sets a line's words left to right in the order it is given them, and its own bidi
support needs ``rlbidi``, which is not on PyPI. So Planner breaks a paragraph into lines on the
*logical* text itself (``paragraphs.BidiParagraph``) and only then puts each line in display
order (:func:`display_order`): a passage of Urdu that wraps reads top to bottom, each line right to
left, and an Arabic name inside an English sentence reads right to left where it stands.

The levels come from python-bidi (``bidi.algorithm``, its pure-Python implementation of UAX #9,
which exposes the resolved level of every character; ``bidi.get_display`` only returns the
reordered string). Reordering is done per *word*, not per character: an Arabic-script word is
handed to HarfBuzz in logical order and HarfBuzz returns its glyphs right to left; only when a
paragraph is not shaped (Hebrew without Arabic) are a right-to-left word's letters reversed here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from bidi import algorithm as uax9
from bidi import get_base_level

from .tounicode import ZWSP

_ATOMS = re.compile(r"\s+|\S+")
# Letters HarfBuzz sets right to left on its own (Arabic script, Hebrew).
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def is_rtl_paragraph(text: str) -> bool:
    """Whether ``text`` starts (its first strong letter) right to left: it then aligns right."""
    return bool(text) and get_base_level(text) == 1


# Bidi classes that cannot raise a character above level 1 in a right-to-left paragraph: strong
# right-to-left letters, marks, and neutrals (with no left-to-right letter and no number on the
# line, every neutral lies between right-to-left letters or the line's ends, so it resolves to
# right to left too: rules W1-W7, N1-N2). A line of Urdu or Arabic prose is all of these.
_PLAIN_RTL_CLASSES = frozenset({"R", "AL", "NSM", "WS", "ON", "CS", "ES", "ET", "B", "S", "BN"})


@cache
def _plain_rtl_char(char: str) -> bool:
    return unicodedata.bidirectional(char) in _PLAIN_RTL_CLASSES


def _all_at_level_one(line: str, rtl: bool) -> bool:
    """Whether every character of ``line`` resolves to level 1 (checked per distinct
    character: python-bidi takes about a millisecond a line in pure Python)."""
    return rtl and all(_plain_rtl_char(char) for char in set(line))


def levels(line: str, *, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of ``line`` (UAX #9, rules X1-I2)."""
    if _all_at_level_one(line, rtl):
        return [1] * len(line)  # what the full algorithm finds, without running it
    storage = uax9.get_empty_storage()
    base = 1 if rtl else 0
    storage["base_level"] = base
    storage["base_dir"] = "R" if rtl else "L"
    uax9.get_embedding_levels(line, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index  # survives rule X9, which drops embedding controls
    uax9.explicit_embed_and_overrides(storage, False)
    uax9.resolve_weak_types(storage, False)
    uax9.resolve_neutral_types(storage, False)
    uax9.resolve_implicit_levels(storage, False)
    resolved = [base] * len(line)
    for char in storage["chars"]:
        resolved[char["index"]] = char["level"]
    return resolved


def _mirror(char: str) -> str:
    return str(uax9.MIRRORED.get(char, char))


def display_order(line: str, *, rtl: bool, reverse_words: bool) -> str:
    """``line`` (one line, logical order) with its words in display order, left to right.

    ``rtl``: the paragraph's base direction. ``reverse_words``: reverse the letters of each
    right-to-left word too (when HarfBuzz will not shape it).
    """
    if not line:
        return line
    if _all_at_level_one(line, rtl):
        # A line of right-to-left prose: its atoms in reverse order, as rule L2 below would
        # leave them, each treated as the loop at the end treats an atom at level 1.
        return "".join(_right_to_left(atom, reverse_words) for atom in _ATOMS.findall(line)[::-1])
    char_levels = levels(line, rtl=rtl)
    # Atoms: words and runs of spaces, split where the level changes ("محمد2024" is two).
    atoms: list[tuple[str, int]] = []
    for match in _ATOMS.finditer(line):
        start = match.start()
        for offset, char in enumerate(match.group()):
            level = char_levels[start + offset]
            if atoms and offset and atoms[-1][1] == level:
                atoms[-1] = (atoms[-1][0] + char, level)
            else:
                atoms.append((char, level))
    # Rule L2 on atoms: from the highest level down to the lowest odd one, reverse every run
    # of atoms at that level or above.
    highest = max(level for _, level in atoms)
    lowest_odd = min((level for _, level in atoms if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(atoms):
            if atoms[index][1] >= level:
                end = index
                while end < len(atoms) and atoms[end][1] >= level:
                    end += 1
                atoms[index:end] = atoms[index:end][::-1]
                index = end
            else:
                index += 1
    if reverse_words:  # not shaped: HarfBuzz orders nothing
        return "".join(_right_to_left(text, True) if level % 2 else text for text, level in atoms)
    # HarfBuzz sets each word it is given in one direction, reversing and mirroring the whole
    # of a right-to-left one, digits too: "۲۰۲۶ء" or "٠٣٠٠١٢٣٤٥٦٧" printed backwards (a year
    # or a telephone number: a wrong fact). So where two atoms meet inside a word (the level
    # changes: a number beside Arabic letters) a zero-width space makes each a word of its own
    # (ReportLab breaks words there; no letter joins a digit), and each atom is handed over as
    # HarfBuzz must be given it to draw it as the rules order it.
    out: list[str] = []
    for index, (text, level) in enumerate(atoms):
        if index and not text.isspace() and not atoms[index - 1][0].isspace():
            out.append(ZWSP)
        out.append(_right_to_left(text, False) if level % 2 else _left_to_right(text))
    return "".join(out)


# Arabic-block characters of the Common script (comma, semicolon, question mark, tatweel):
# they do not make HarfBuzz set a word right to left.
_COMMON_ARABIC = frozenset("\u060c\u061b\u061f\u0640")


def _harfbuzz_right_to_left(atom: str) -> bool:
    """Whether HarfBuzz sets ``atom`` right to left: its first character of a script (not a
    digit 0-9, a space, a punctuation or combining mark) is Arabic (Arabic-Indic digits are)
    or Hebrew."""
    for char in atom:
        if _RTL_LETTER.match(char):
            if char not in _COMMON_ARABIC and unicodedata.category(char)[0] != "M":
                return True
        elif char.isalpha():
            return False
    return False


def _mirrored_reverse(text: str) -> str:
    return "".join(_mirror(c) for c in reversed(text))


def _right_to_left(atom: str, reverse_words: bool) -> str:
    """An atom at an odd (right-to-left) level, as it is to be handed over: reversed and
    mirrored, unless HarfBuzz sets it right to left itself (Arabic letters, Hebrew when shaped)
    and takes it in logical order."""
    if reverse_words or not _harfbuzz_right_to_left(atom):
        return _mirrored_reverse(atom)
    return atom


def _left_to_right(atom: str) -> str:
    """An atom at an even (left-to-right) level, as it is to be handed over: as it is, unless
    HarfBuzz would set it right to left (Arabic-Indic digits): then reversed and mirrored, so
    that HarfBuzz's reversal gives it back."""
    return _mirrored_reverse(atom) if _harfbuzz_right_to_left(atom) else atom


def break_lines(words: list[str], widths: list[float], space: float, width: float) -> list[str]:
    """Greedy line breaking of logical ``words`` (each ``widths`` wide) into ``width``."""
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word, word_width in zip(words, widths, strict=True):
        needed = word_width if not current else used + space + word_width
        if current and needed > width:
            lines.append(" ".join(current))
            current, used = [word], word_width
        else:
            current.append(word)
            used = needed
    if current:
        lines.append(" ".join(current))
    return lines
