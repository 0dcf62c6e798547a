"""A paragraph that mixes Latin, Urdu and Arabic (try-out 20): each script in its own font.

The report printed "The first session heard ڈاکٹر عائشہ رحمان and محمد بن سلمان ..." with the
Arabic name in the Urdu Nastaliq face (the whole paragraph was taken for Urdu), its words run
together ("محمدبن": Nastaliq's space is an eighth of an em), and "first" with a discretionary
"st" ligature (ReportLab asks HarfBuzz for ``dlig`` in any shaped paragraph).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import sheet_samples as samples
from pdf_reading import pages, pdf_text, read_pdf
from planner.documents import DocumentKind, fonts, render, scripts
from planner.policy.sheet import Audience

URDU_NAME = "ڈاکٹر عائشہ رحمان"
ARABIC_NAME = "محمد بن سلمان"
MIXED = f"The first session heard {URDU_NAME} and {ARABIC_NAME} discuss the Gulf."


def report(summary: str) -> bytes:
    sheet = samples.gulf_security(Audience.PUBLIC)
    assert sheet.report is not None
    return render(
        DocumentKind.REPORT,
        dataclasses.replace(sheet, report=dataclasses.replace(sheet.report, summary=summary)),
    )


def font_runs(pdf: bytes) -> list[tuple[str, str]]:
    """Each run of text on the first page with the base name of the font it is set in."""
    found: list[tuple[str, str]] = []

    def visit(text: str, _cm: Any, _tm: Any, font: Any, _size: float) -> None:
        if text.strip() and font is not None:
            found.append((text.strip(), str(font["/BaseFont"]).split("+")[-1]))

    read_pdf(pdf).pages[0].extract_text(visitor_text=visit)
    return found


def test_arabic_is_set_in_naskh_and_urdu_in_nastaliq_in_one_paragraph() -> None:
    runs = font_runs(report(MIXED))
    fonts_of = {text: font for text, font in runs}
    assert fonts_of[URDU_NAME] == "NotoNastaliqUrdu-Regular"
    assert fonts_of[ARABIC_NAME] == "NotoNaskhArabic-Regular"


def test_the_words_keep_their_spaces_and_latin_gets_no_discretionary_ligature() -> None:
    pdf = report(MIXED)
    assert MIXED in pdf_text(pdf)
    raw = "".join(pages(pdf))  # before NFKC, which would fold "ﬆ" back to "st"
    assert "The first session heard" in raw
    assert not any("\ufb00" <= char <= "\ufb06" for char in raw)


def test_an_urdu_passage_stays_in_nastaliq_on_a_line_without_urdu_only_letters() -> None:
    words = scripts.urdu_words(MIXED)
    assert {"ڈاکٹر", "عائشہ", "رحمان"} <= words
    assert not words & {"محمد", "بن", "سلمان"}
    # "رحمان" has no letter only Urdu uses; wrapped onto a line of its own it is still Urdu.
    assert fonts.NASTALIQ in scripts.markup("رحمان and", urdu_words=words)
    assert fonts.NASTALIQ not in scripts.markup(f"{ARABIC_NAME} and", urdu_words=words)
    # An Urdu paragraph (no other script) is one passage: every word of it.
    assert scripts.urdu_words("ڈاکٹر عائشہ رحمان نے کہا") >= {"رحمان", "نے", "کہا"}


@pytest.mark.parametrize(
    ("text", "name"),
    [("We heard from قریشی's view.", "قریشی"), ("x محمدs x", "محمد"), ("(محمد) x", "محمد")],
)
def test_a_word_that_changes_font_renders_its_letters(text: str, name: str) -> None:
    """ReportLab shaped a word set in two fonts with the first font's glyph ids ("قریشیs": a
    crash, or wrong letters), and Noto Naskh Arabic has no apostrophe or brackets (boxes)."""
    pdf = report(text)
    assert name in pdf_text(pdf)
    for run, font in font_runs(pdf):
        if font == "NotoNaskhArabic-Regular":
            assert all(fonts.covers(fonts.NASKH, char) for char in run if not char.isspace())


@pytest.mark.parametrize("word", ["first", "Christian", "aesthetics", "office"])
def test_shaping_sets_latin_without_discretionary_ligatures(word: str) -> None:
    """The glyphs of a Latin word in a shaped paragraph: one a letter, as typed (the PDF's
    text maps a ligature back to its letters, so only the glyph count shows it)."""
    from reportlab.lib.abag import ABag
    from reportlab.platypus import paragraph

    from planner.documents import tounicode

    fonts.ensure_base_fonts()
    fonts.ensure_family(fonts.SERIF)
    tounicode.install()
    frag = ABag(fontName=fonts.SERIF, fontSize=10.5)
    shaped = paragraph.shapeFragWord([0.0, (frag, word)])
    glyphs = "".join(str(item[1]) for item in shaped[1:])
    assert len(glyphs) == len(word)
