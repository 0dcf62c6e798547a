"""Numbers in Arabic and Urdu text print left to right: a telephone number or a year is a fact.

HarfBuzz sets a word whose first character of a script is Arabic right to left, reversing all
of it, digits too: "٠٣٠٠١٢٣٤٥٦٧" printed as "٧٦٥٤٣٢١٠٠٣٠", "۲۰۲۶ء" as "۶۲۰۲ء", "2026م" as
"6202م". ``rtl.display_order`` hands such a word over reversed, so that HarfBuzz's reversal gives
the order the Unicode bidi algorithm gives (python-bidi's ``get_display`` is the reference).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

import sheet_samples
from planner.documents import DocumentKind, render, rtl
from planner.policy.sheet import Audience

# Arabic and Urdu letters, a combining mark, Arabic-Indic, Urdu and European digits, and the
# separators found around numbers. No brackets: python-bidi predates the paired-bracket rule.
ALPHABET = list("محمدعامسنہےیںء\u064b٠١٣٤٥٦۰۲۴۶0129 .,:-/%٪")


def _as_harfbuzz_draws(line: str, *, rtl_base: bool) -> str:
    """``line`` as it is seen: display_order's string with each word HarfBuzz sets right to
    left reversed and mirrored, as HarfBuzz draws it (the zero-width spaces between words
    draw nothing)."""
    out = rtl.display_order(line, rtl=rtl_base, reverse_words=False)
    # ReportLab hands HarfBuzz one word at a time, a zero-width space ending a word too.
    return "".join(
        "".join(rtl._mirror(c) for c in reversed(word))
        if not word.isspace() and rtl._harfbuzz_right_to_left(word)
        else word
        for word in re.findall(r"\s+|[^\s\u200b]+", out)
    )


@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet=ALPHABET, min_size=1, max_size=40), rtl_base=st.booleans())
def test_a_line_is_seen_in_the_order_the_bidi_algorithm_gives(line: str, rtl_base: bool) -> None:
    expected = get_display(line, base_dir="R" if rtl_base else "L")
    assert _as_harfbuzz_draws(line, rtl_base=rtl_base) == expected


@pytest.mark.parametrize(
    ("line", "rtl_base", "seen"),
    [
        ("رقم الهاتف ٠٣٠٠١٢٣٤٥٦٧", True, "٠٣٠٠١٢٣٤٥٦٧ فتاهلا مقر"),
        ("سنہ ۲۰۲۶ء میں", True, "ںیم ء۲۰۲۶ ہنس"),
        ("في عام 2026م", True, "م2026 ماع يف"),
        ("Call ٠٣٠٠١٢٣٤٥٦٧ today", False, "Call ٠٣٠٠١٢٣٤٥٦٧ today"),
        ("A: محمد2024 B", False, "A: 2024دمحم B"),
        ("و(٤٥)", True, "(٤٥)و"),  # the brackets mirrored: "(" opens towards the number
    ],
)
def test_numbers_keep_their_digits_left_to_right(line: str, rtl_base: bool, seen: str) -> None:
    assert _as_harfbuzz_draws(line, rtl_base=rtl_base) == seen


def test_a_telephone_number_in_arabic_digits_prints_as_typed(tmp_path: Path) -> None:
    """poppler gives each line in the order it is drawn, right-to-left runs marked: the
    number must come out as typed, not backwards."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    sheet = dataclasses.replace(
        sheet_samples.gulf_security(Audience.PUBLIC),
        concept_note="رقم الهاتف ٠٣٠٠١٢٣٤٥٦٧ للحجز، سنہ ۲۰۲۶ء میں۔",
    )
    path = tmp_path / "programme.pdf"
    path.write_bytes(render(DocumentKind.PROGRAMME, sheet))
    out = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    assert "٠٣٠٠١٢٣٤٥٦٧" in out.stdout
    assert "٧٦٥٤٣٢١٠٠٣٠" not in out.stdout
