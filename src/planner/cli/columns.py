"""Text columns for a terminal: padded by the width each character takes on screen.

``str.ljust`` counts characters, but a Chinese character takes two columns and a combining
mark (an Arabic vowel sign, a Latin accent written apart) none: the tables of ``planner people``
and ``planner series`` were shifted on every row with such a name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TextIO


def width(text: str) -> int:
    """The number of terminal columns ``text`` takes."""
    if text.isascii():
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def pad(text: str, columns: int) -> str:
    """``text`` followed by spaces up to ``columns`` terminal columns."""
    return text + " " * max(0, columns - width(text))


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    """Columns padded to their widest cell, two spaces apart; the last column is not padded."""
    table = [list(header), *(list(row) for row in rows)]
    widths = [max(width(row[i]) for row in table) for i in range(len(header) - 1)]
    for row in table:
        cells = [pad(cell, columns) for cell, columns in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]), file=out)
