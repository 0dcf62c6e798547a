"""Printed documents rendered from hand-built sheets: what they show, what they refuse, how."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import sheet_samples as samples
from pdf_reading import flat, fonts_used, pages, pdf_text, read_pdf
from planner.documents import (
    ALLOWED_AUDIENCES,
    DEFAULT_AUDIENCE,
    DocumentKind,
    render,
    render_with_warnings,
)
from planner.errors import PlannerError, PolicyRefusal
from planner.policy.sheet import Audience

ORG = Audience.ORGANISERS


def test_programme_shows_title_date_notice_agenda_cast() -> None:
    pdf = render(DocumentKind.PROGRAMME, samples.gulf_security())
    text = pdf_text(pdf)
    for expected in (
        "Centre for Pakistan and Gulf Studies",
        "Gulf Security: Emerging Scenario",
        "Tuesday, 12 March 2013 · 1700 hours · Islamabad Club, Islamabad",
        "Chatham House Rule",
        samples.CHATHAM_TEXT,
        "1700–1710",
        "Welcome and introduction of the panellist",
        "Tea break",
        "Senator Sehar Kamran (TI)",
        "Prof. Marvin G. Weinbaum",
        "Page 1 of 2",
        "www.cpakgulf.org",
    ):
        assert expected in text, expected
    # Attendees do not get the participant list, nor anything confidential.
    assert "Amb (R) Khalid Khattak" not in text
    assert "CONFIDENTIAL" not in text


def test_briefing_is_confidential_on_every_page_and_lists_participants() -> None:
    pdf = render(DocumentKind.BRIEFING, samples.gulf_security(ORG))
    texts = pages(pdf)
    assert len(texts) >= 2
    assert all("CONFIDENTIAL" in t for t in texts)
    text = pdf_text(pdf)
    for expected in (
        "Purpose and concept note",
        "Background",
        "Key issues",
        "1. How will the US drawdown",
        "Run of show",
        "Logistics",
        "Committee Room",
        "40 seats",
        "Front desk, +92 51 920 0000",
        "Confirmed participants",
        "Amb (R) Khalid Khattak",
        "Ministry of Foreign Affairs",
        "the Rule aloud",
        "Bureau of Intelligence and Research",  # the long biography
    ):
        assert expected in text, expected


def test_report_shows_summary_and_recommendations() -> None:
    text = pdf_text(render(DocumentKind.REPORT, samples.gulf_security(Audience.PUBLIC)))
    assert "Summary" in text and "Recommendations" in text
    assert "1. Pakistan should broaden its diplomatic options in the Gulf." in text
    assert samples.CHATHAM_TEXT in text


def test_refused_report_lists_the_findings() -> None:
    with pytest.raises(PolicyRefusal) as refused:
        render(DocumentKind.REPORT, samples.refused_report())
    message = str(refused.value)
    assert "names people under the Chatham House Rule" in message
    assert 'Summary names "Weinbaum"' in message
    assert refused.value.findings == list(samples.refused_report().report_findings)


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_each_document_refuses_audiences_it_is_not_for(kind: DocumentKind) -> None:
    assert DEFAULT_AUDIENCE[kind] in ALLOWED_AUDIENCES[kind]
    for audience in set(Audience) - ALLOWED_AUDIENCES[kind]:
        with pytest.raises(PolicyRefusal, match="not rendered for") as refused:
            render(kind, samples.gulf_security(audience))
        # "the name badges are for organisers; they are not ...", "the report is for ..."
        plural = kind in {DocumentKind.BADGES, DocumentKind.TENTS}
        assert (" are for " in str(refused.value)) is plural


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_output_is_deterministic(kind: DocumentKind) -> None:
    sheet = samples.gulf_security(DEFAULT_AUDIENCE[kind])
    assert render(kind, sheet) == render(kind, sheet)


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_metadata(kind: DocumentKind) -> None:
    reader = read_pdf(render(kind, samples.gulf_security(DEFAULT_AUDIENCE[kind])))
    meta = reader.metadata
    assert meta is not None
    assert meta.author == "Centre for Pakistan and Gulf Studies"
    assert "Gulf Security: Emerging Scenario" in (meta.title or "")
    assert meta.subject
    assert str(reader.trailer["/Root"]["/Lang"]) == "en"


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_font_is_embedded(kind: DocumentKind) -> None:
    # Every script, so the Arabic, Urdu and CJK faces are in too; tables included.
    sheet = samples.conference(DEFAULT_AUDIENCE[kind], items=4)
    reader = read_pdf(render(kind, sheet))
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, (name, font["/BaseFont"])
            assert "/FontFile2" in descriptor.get_object(), (name, font["/BaseFont"])


def test_creation_date_is_now_unless_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = samples.gulf_security()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    meta = read_pdf(render(DocumentKind.PROGRAMME, sheet)).metadata
    assert meta is not None and meta.creation_date is not None
    assert meta.creation_date.isoformat() == "2023-11-14T22:13:20+00:00"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = datetime.now(UTC).replace(microsecond=0)
    meta = read_pdf(render(DocumentKind.BADGES, samples.gulf_security(ORG))).metadata
    after = datetime.now(UTC)
    assert meta is not None and meta.creation_date is not None
    assert before <= meta.creation_date <= after


def test_markup_characters_print_as_written() -> None:
    sheet = samples.conference(ORG, items=6, bio_chars=300)
    for kind in (DocumentKind.PROGRAMME, DocumentKind.BRIEFING, DocumentKind.BADGES):
        audience = DEFAULT_AUDIENCE[kind]
        text = pdf_text(render(kind, dataclasses.replace(sheet, audience=audience)))
        assert "AT&T <Research>" in text, kind


def test_scripts_get_their_fonts_and_no_warning() -> None:
    result = render_with_warnings(DocumentKind.BADGES, samples.conference(ORG, items=4))
    assert result.warnings == ()
    used = fonts_used(result.pdf)
    assert {
        "NotoNastaliqUrdu-Regular",
        "NotoNaskhArabic-Regular",
        "NotoNaskhArabic-Bold",
        "DroidSansFallback",
    } <= used
    assert "PlannerSans" not in used  # the subsets carry the file's own names
    assert "DejaVuSans-Bold" in used
    text = pdf_text(result.pdf)
    # Cyrillic, Greek and Chinese extract as written (the base font and the CJK fallback).
    for name in ("Владимир Сергеевич Иванов", "Δημήτριος Παπαδόπουλος", "王小明"):
        assert name in text
    # Arabic is shaped into presentation forms, which extract (NFKC) back to its letters.
    assert "الراشد" in text


def test_uncovered_script_warns() -> None:
    speaker = dataclasses.replace(samples.WEINBAUM, name="ᚠᛇᚻ Runesson")
    sheet = dataclasses.replace(
        samples.gulf_security(),
        cast=(dataclasses.replace(samples.gulf_security().cast[2], people=(speaker,)),),
    )
    result = render_with_warnings(DocumentKind.PROGRAMME, sheet)
    assert len(result.warnings) == 1
    assert "Runic" in result.warnings[0] and "print as boxes" in result.warnings[0]


def test_forty_items_long_names_and_long_bios_wrap() -> None:
    sheet = samples.conference(ORG)
    pdf = render(DocumentKind.BRIEFING, sheet)
    texts = pages(pdf)
    assert len(texts) > 10
    total = len(texts)
    assert all(f"Page {n} of {total}" in t for n, t in enumerate(texts, start=1))
    text = pdf_text(pdf)
    # The last agenda item and the end of the longest biography made it onto the page.
    assert sheet.agenda[-1].title in text
    assert sheet.cast[0].people[0].long_bio[-60:] in text
    # The timetable's header row repeats on the pages it continues on.
    assert sum("TIME PROGRAMME" in flat(t) for t in texts) >= 2


def test_signin_sorted_by_family_name_with_header_on_every_page() -> None:
    sheet = samples.conference(ORG)
    texts = pages(render(DocumentKind.SIGNIN, sheet))
    assert len(texts) >= 2
    assert all("SIGNATURE" in t for t in texts)
    text = flat("\n".join(texts))
    positions = [text.index(p.name.split()[-1][:12]) for p in sheet.present if p.name.isascii()]
    assert positions == sorted(positions)


def test_badges_two_by_five_on_a4_and_one_per_person() -> None:
    sheet = samples.conference(ORG, items=4, bio_chars=100)
    pdf = render(DocumentKind.BADGES, sheet)
    reader = read_pdf(pdf)
    assert len(reader.pages) == -(-len(sheet.present) // 10)
    text = pdf_text(pdf)
    assert text.count("Annual Conference 2026") == len(sheet.present)


def test_tents_have_each_name_twice_on_a_landscape_page() -> None:
    sheet = samples.gulf_security(ORG)
    reader = read_pdf(render(DocumentKind.TENTS, sheet))
    assert len(reader.pages) == len(sheet.present)
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)
    short = sheet.present[0].short_name
    assert (first.extract_text() or "").count(short) == 2


def test_nobody_present_is_a_clear_error() -> None:
    sheet = dataclasses.replace(samples.gulf_security(ORG), present=())
    for kind in (DocumentKind.BADGES, DocumentKind.TENTS, DocumentKind.SIGNIN):
        with pytest.raises(PlannerError, match="nobody"):
            render(kind, sheet)


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.28, 841.89)), ("letter", (612.0, 792.0))])
def test_paper_size_override(paper: str, size: tuple[float, float]) -> None:
    reader = read_pdf(render(DocumentKind.PROGRAMME, samples.gulf_security(), paper=paper))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == size


def test_paper_from_the_organisation_and_unknown_paper() -> None:
    sheet = samples.gulf_security()
    letter = dataclasses.replace(
        sheet, organisation=dataclasses.replace(sheet.organisation, paper_size="letter")
    )
    box = read_pdf(render(DocumentKind.PROGRAMME, letter)).pages[0].mediabox
    assert round(float(box.width)) == 612
    with pytest.raises(PlannerError, match="unknown paper size"):
        render(DocumentKind.PROGRAMME, sheet, paper="a3")


def test_progress_is_reported_per_page() -> None:
    seen: list[int] = []
    pdf = render(DocumentKind.PROGRAMME, samples.conference(), progress=seen.append)
    assert seen == list(range(1, len(pages(pdf)) + 1))


def test_unreadable_logo_warns_and_renders() -> None:
    sheet = samples.gulf_security()
    broken = dataclasses.replace(
        sheet, organisation=dataclasses.replace(sheet.organisation, logo_path="/nonexistent.png")
    )
    result = render_with_warnings(DocumentKind.PROGRAMME, broken)
    assert result.pdf.startswith(b"%PDF")
    assert any("logo" in w for w in result.warnings)


def test_logo_on_the_first_page_only(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 120), "#1d5c4d").save(logo)
    sheet = samples.conference(items=12, bio_chars=200)
    sheet = dataclasses.replace(
        sheet, organisation=dataclasses.replace(sheet.organisation, logo_path=str(logo))
    )
    result = render_with_warnings(DocumentKind.PROGRAMME, sheet)
    assert result.warnings == ()
    reader = read_pdf(result.pdf)
    assert len(reader.pages) >= 2

    def images(page: Any) -> int:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        return sum(1 for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image")

    assert images(reader.pages[0]) == 1
    assert images(reader.pages[1]) == 0


def test_renders_from_worker_threads_match() -> None:
    from concurrent.futures import ThreadPoolExecutor

    sheet = samples.conference(ORG, items=8, bio_chars=500)
    expected = render(DocumentKind.BADGES, sheet)
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _: render(DocumentKind.BADGES, sheet), range(3)))
    assert all(result == expected for result in results)


def test_an_agenda_row_longer_than_a_page_splits_instead_of_failing() -> None:
    sheet = samples.gulf_security(ORG)
    long_row = dataclasses.replace(sheet.agenda[1], description=samples.prose(1800, 3))
    sheet = dataclasses.replace(sheet, agenda=(sheet.agenda[0], long_row, *sheet.agenda[2:]))
    text = pdf_text(render(DocumentKind.BRIEFING, sheet))
    assert long_row.description[-80:] in text
    assert "Vote of thanks" in text


def test_an_unwritten_report_is_not_a_refusal() -> None:
    sheet = dataclasses.replace(samples.gulf_security(Audience.PUBLIC), report=None)
    with pytest.raises(PlannerError, match="has no report yet") as raised:
        render(DocumentKind.REPORT, sheet)
    assert not isinstance(raised.value, PolicyRefusal)


@pytest.mark.parametrize("kind", [DocumentKind.PROGRAMME, DocumentKind.BRIEFING])
def test_an_almost_empty_event_still_renders(kind: DocumentKind) -> None:
    sheet = dataclasses.replace(
        samples.gulf_security(DEFAULT_AUDIENCE[kind]),
        subtitle="",
        venue=None,
        date_line="",
        notices=(),
        cast=(),
        agenda=(),
        concept_note="",
        background="",
        key_issues=(),
        contact="",
        participants=() if kind is DocumentKind.BRIEFING else None,
    )
    text = pdf_text(render(kind, sheet))
    assert "Gulf Security: Emerging Scenario" in text
    assert "Tuesday, 12 March 2013" in text


def test_long_right_to_left_text_wraps_instead_of_failing() -> None:
    sheet = samples.gulf_security(ORG)
    arabic = "ش" * 10_000
    prose_ar = " ".join(["مركز الخليج للأبحاث"] * 200)
    sheet = dataclasses.replace(
        sheet,
        concept_note=f"<img src=x> {arabic}",
        background=prose_ar,
        agenda=(dataclasses.replace(sheet.agenda[0], title=prose_ar[:500]), *sheet.agenda[1:]),
    )
    for kind in (DocumentKind.BRIEFING, DocumentKind.BADGES, DocumentKind.SIGNIN):
        assert render(kind, sheet).startswith(b"%PDF")


URDU_NOTE = (
    "پاکستان اور خلیجی ریاستوں کے تعلقات پر یہ گول میز کانفرنس ماہرین کو ایک جگہ جمع کرتی ہے۔ "
    "اس نشست میں سلامتی، توانائی اور تجارت کے مستقبل پر کھل کر بات ہوگی، اور شرکاء اپنی "
    "سفارشات پیش کریں گے۔ ڈاکٹر عائشہ صدیقہ اس گفتگو کی صدارت کریں گی۔"
)
ARABIC_BIO = (
    "الدكتور محمد بن عبد الله الراشد باحث أول في مركز الخليج للأبحاث، وقد عمل سفيراً في "
    "عدة عواصم قبل أن يتفرغ للبحث في شؤون الأمن الإقليمي والطاقة، وله مؤلفات كثيرة عن "
    "العلاقات بين دول الخليج وجنوب آسيا."
)


def rtl_sheet() -> Any:
    """The Gulf Security programme with a long Urdu concept note and a long Arabic biography."""
    sheet = samples.gulf_security()
    speakers = sheet.cast[-1]
    speaker = dataclasses.replace(
        speakers.people[0], name="ڈاکٹر عائشہ صدیقہ", short_bio=ARABIC_BIO, long_bio=ARABIC_BIO
    )
    cast = (*sheet.cast[:-1], dataclasses.replace(speakers, people=(speaker,)))
    return dataclasses.replace(sheet, concept_note=URDU_NOTE, cast=cast)


def test_wrapped_urdu_and_arabic_read_top_to_bottom_and_extract_as_typed() -> None:
    pdf = render(DocumentKind.PROGRAMME, rtl_sheet())
    lines = [line.strip() for line in pdf_text(pdf, keep_lines=True).splitlines()]
    # Each passage wraps over several lines (so this tests the order of lines) ...
    note_lines = [line for line in lines if line and line in URDU_NOTE]
    bio_lines = [line for line in lines if line and line in ARABIC_BIO]
    assert len(note_lines) >= 3 and len(bio_lines) >= 2
    # ... which, read top to bottom, each in logical order, give back the text as typed:
    # no private-use glyph codes, no presentation forms, no line read bottom-up.
    text = pdf_text(pdf)
    assert URDU_NOTE in text, "the note's lines as printed:\n" + "\n".join(note_lines)
    assert ARABIC_BIO in text
    assert "ڈاکٹر عائشہ صدیقہ" in text
    assert not re.search("[\ue000-\uf8ff\U000f0000-\U000fffff]", text)


def test_right_to_left_names_are_found_by_pdftotext(tmp_path: Path) -> None:
    """poppler (pdftotext, and the viewers built on it) reads shaped names as typed too."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "programme.pdf"
    path.write_bytes(render(DocumentKind.PROGRAMME, rtl_sheet()))
    out = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True)
    text = flat(out.stdout.replace("\u202b", "").replace("\u202c", ""))
    assert "ڈاکٹر عائشہ صدیقہ" in text
    assert "مركز الخليج للأبحاث" in text


def test_display_order_of_a_line() -> None:
    from planner.documents.rtl import display_order, levels

    # An Arabic-script run inside English: its words right to left, each word left logical
    # (HarfBuzz orders its letters).
    assert display_order("Dr عائشہ صدیقی spoke", rtl=False, reverse_words=False) == (
        "Dr صدیقی عائشہ spoke"
    )
    # Numbers inside right-to-left text keep their digits left to right.
    assert display_order("عائشہ 2024 صدیقی", rtl=True, reverse_words=False) == ("صدیقی 2024 عائشہ")
    assert levels("abc אב", rtl=False) == [0, 0, 0, 0, 1, 1]
    # Unshaped (Hebrew) words are reversed here, brackets mirrored.
    assert display_order("(אבג) x", rtl=True, reverse_words=True) == "x (גבא)"
    # A bracket alone on the right-to-left side is mirrored here (HarfBuzz sees no Arabic
    # letter in it). python-bidi's algorithm module has no bracket-pair rule (N0, Unicode 6.3),
    # so the two brackets of "(2019)" after an Arabic name resolve apart, as they did before.
    # Where the direction changes inside a word, a zero-width space makes two words of it:
    # HarfBuzz sets each word in one direction (tests/documents/test_documents_rtl_numbers.py).
    assert display_order("from منصور (2019).", rtl=False, reverse_words=False) == (
        "from 2019\u200b) منصور\u200b)."
    )


def _glyph_reach(face: str, text: str) -> tuple[float, float]:
    """How far ``text``'s shaped glyphs reach above and below the baseline, in em (HarfBuzz)."""
    import uharfbuzz as hb

    from planner.documents import fonts

    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(fonts.font_path(face)))))
    top = bottom = 0.0
    for word in text.split():
        buffer = hb.Buffer()
        buffer.add_str(word)
        buffer.guess_segment_properties()
        hb.shape(font, buffer)
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            extents = font.get_glyph_extents(info.codepoint)
            if extents is not None:
                top = max(top, pos.y_offset + extents.y_bearing)
                bottom = min(bottom, pos.y_offset + extents.y_bearing + extents.height)
    return top / font.face.upem, bottom / font.face.upem


@pytest.mark.parametrize(
    ("face", "text"),
    [
        ("NotoNastaliqUrdu", "گفتگو: پاکستان اور خلیجی ریاستیں"),
        ("NotoNastaliqUrdu", URDU_NOTE),
        ("NotoNaskhArabic", ARABIC_BIO),
    ],
)
def test_leading_is_sized_by_script_so_lines_stay_inside_their_box(face: str, text: str) -> None:
    """A timetable cell's Urdu title: its letters stay below the row's top, lines do not touch."""
    from planner.documents.base import RenderContext
    from planner.documents.scripts import SIZE_FACTOR

    ctx = RenderContext(samples.gulf_security(), (595.0, 842.0))
    para = ctx.p(text, ctx.styles.cell_bold)
    _, height = para.wrap(130 * 2.83465, 10_000)
    lines = para.blPara.lines
    size = ctx.styles.cell_bold.fontSize * SIZE_FACTOR[face]
    top, bottom = _glyph_reach(face, text)
    # The first baseline is far enough below the paragraph's top for the tallest letter ...
    first_baseline = lines[0].fontSize + para.top_room()
    assert first_baseline >= top * size
    # ... each line is at least as tall as the letters reach above and below it ...
    for line in lines[1:]:
        assert line.ascent - line.descent >= (top - bottom) * size * 0.95
    # ... and the last line's lowest letters are inside the height the table reserves.
    assert (
        height
        >= first_baseline
        + sum(line.ascent - line.descent for line in lines[1:])
        - bottom * size * 0.95
    )


def test_a_wrapped_right_to_left_passage_aligns_right_a_one_line_name_keeps_its_column() -> None:
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT

    from planner.documents.base import RenderContext

    ctx = RenderContext(samples.gulf_security(), (595.0, 842.0))
    passage = ctx.p(URDU_NOTE, ctx.styles.body)
    passage.wrap(300, 10_000)
    assert len(passage.blPara.lines) > 1
    assert passage.style.alignment == TA_RIGHT
    name = ctx.p("ڈاکٹر عائشہ صدیقہ", ctx.styles.cell)
    name.wrap(300, 10_000)
    assert len(name.blPara.lines) == 1
    assert name.style.alignment == TA_LEFT
