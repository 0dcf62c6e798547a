"""How printed pages are laid out and worded: what an organiser sends to a venue.

Headings keep with what they head, withheld people are a count and not a list of blanks, a
draft is marked DRAFT on every page, each rule has its own sentence, the sign-in sheet says its
title once, table tents keep clear of the fold, CJK names on badges are as bold as Latin ones.
Positions are read back from the PDFs (pypdf's text visitor), not assumed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

import sheet_samples as samples
from pdf_reading import normalised, pages, read_pdf
from planner.documents import DocumentKind, render
from planner.documents.base import RenderContext
from planner.documents.parts import MIN_TIME_COLUMN, TIME_CELL_PADDING, timetable
from planner.documents.tents import FOLD_CLEAR
from planner.model.enums import TimeStyle
from planner.policy.sheet import Audience, CastGroup, Notice, PersonEntry, Sheet
from planner.policy.timefmt import agenda_time_text

ORG = Audience.ORGANISERS
MM = 72 / 25.4


def page_texts(pdf: bytes) -> list[str]:
    return [normalised(page) for page in pages(pdf)]


def runs(page: Any) -> list[tuple[str, float, float]]:
    """Each run of text on ``page``: (text, baseline y on the page, font size on the page)."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if not text.strip():
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3] + tm[2] * cm[1]) or 1.0
        found.append((text, y, size * scale))

    page.extract_text(visitor_text=visit)
    return found


# --- table tents ------------------------------------------------------------------------------

TENT_NAMES = {
    "short": "Mr Ali",
    "long": "Lt. Gen. (R) Syed Muhammad Owais Hilal-i-Imtiaz (Military) and Bar, retired",
    "very long": " ".join(["Abdulrahman Al-Mansouri"] * 6),
    "chinese": "王小明",
    "long chinese": "欧阳" * 20,
    "arabic": "د. خالد المنصوري",
    "urdu": "ڈاکٹر عائشہ رحمان",
}


def tent_sheet(short_name: str, affiliation: str) -> Sheet:
    person = samples.person(short_name, short_name, short_name, affiliation=affiliation)
    return dataclasses.replace(samples.gulf_security(ORG), present=(person,))


@pytest.mark.parametrize("name", TENT_NAMES.values(), ids=TENT_NAMES.keys())
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_tent_text_keeps_clear_of_the_fold(name: str, paper: str) -> None:
    sheet = tent_sheet(name, "Middle East Institute, Washington D.C., and " + name)
    page = read_pdf(render(DocumentKind.TENTS, sheet, paper=paper)).pages[0]
    fold = float(page.mediabox.height) / 2
    found = runs(page)
    assert found
    for text, baseline, size in found:
        # The letters rise a whole size from the baseline towards the fold (on the upper face
        # the text is upside down, so the fold is below it): none may come within 10 mm.
        assert abs(baseline - fold) - size >= FOLD_CLEAR - 0.01, (text, baseline, size)


def test_tent_prints_the_organisation_once_per_half() -> None:
    org = samples.CPGS.name
    staff = page_texts(render(DocumentKind.TENTS, tent_sheet("Mr Ali", org)))[0]
    guest = page_texts(render(DocumentKind.TENTS, tent_sheet("Prof. Weinbaum", "MEI")))[0]
    assert staff.count(org) == 2  # the affiliation on each half, and no footer repeating it
    assert guest.count(org) == 2  # the footer on each half
    assert guest.count("MEI") == 2


# --- badges -----------------------------------------------------------------------------------


def badge_stream(name: str, affiliation: str) -> bytes:
    person = samples.person(name, name, name, affiliation=affiliation)
    sheet = dataclasses.replace(samples.gulf_security(ORG), present=(person,))
    page = read_pdf(render(DocumentKind.BADGES, sheet)).pages[0]
    return bytes(page.get_contents().get_data())


HYPHENATED = "Prof. Dr. Maximilian Wolkenstein-Trostburg-Rodenegg-Hohenlohe PhD, FRSA"


@pytest.mark.parametrize("kind", [DocumentKind.BADGES, DocumentKind.TENTS])
def test_a_long_hyphenated_name_breaks_after_a_hyphen_never_inside_a_word(
    kind: DocumentKind,
) -> None:
    """ReportLab breaks only at spaces: the badge once cut "Wolkenstein-Trostb" / "urg-…"."""
    person = samples.person(HYPHENATED, HYPHENATED, HYPHENATED, affiliation="CPGS")
    sheet = dataclasses.replace(samples.gulf_security(ORG), present=(person,))
    found = runs(read_pdf(render(kind, sheet)).pages[0])
    pieces = [text.strip() for text, _y, _size in found if "-" in text or "Hohenlohe" in text]
    assert pieces, found
    for piece in pieces:
        for word in piece.split():
            # Every line ends a word or after a hyphen: each part is one of the name's own.
            parts = set(word.strip(",-").split("-"))
            assert parts <= set(re.split(r"[ ,-]+", HYPHENATED)), word


def test_break_at_hyphens_only_where_a_word_is_too_wide() -> None:
    from planner.documents.base import break_at_hyphens
    from planner.documents.fonts import SANS_BOLD

    assert break_at_hyphens("Mr Al-Mansouri", SANS_BOLD, 14, 200) == "Mr Al-Mansouri"
    broken = break_at_hyphens(HYPHENATED, SANS_BOLD, 14, 200)
    assert broken.replace("\n", "") == HYPHENATED
    lines = broken.split("\n")
    assert [line.endswith("-") for line in lines[:-1]] == [True] * (len(lines) - 1)
    assert all(stringWidth(line.split()[-1], SANS_BOLD, 14) <= 200 for line in lines)
    assert break_at_hyphens("د. خالد-المنصوري" * 5, SANS_BOLD, 14, 50) == "د. خالد-المنصوري" * 5


def test_cjk_name_on_a_badge_is_drawn_bold_and_latin_is_not_stroked() -> None:
    cjk = badge_stream("Prof. 王小明", "Institute of Strategic Studies")
    # Fill and stroke (render mode 2) with an outline in proportion to the size.
    assert b"2 Tr" in cjk
    assert re.search(rb"\.[0-9]+ w", cjk.split(b"2 Tr", 1)[1])
    latin = badge_stream("Prof. Marvin G. Weinbaum", "Middle East Institute")
    assert b"2 Tr" not in latin
    # A CJK affiliation under a Latin name stays in the regular weight.
    assert b"2 Tr" not in badge_stream("Prof. Marvin G. Weinbaum", "中国社会科学院")


# --- draft ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [DocumentKind.PROGRAMME, DocumentKind.BRIEFING])
def test_a_draft_is_marked_on_every_page_and_a_confirmed_event_is_not(kind: DocumentKind) -> None:
    audience = ORG if kind is DocumentKind.BRIEFING else Audience.ATTENDEES
    sheet = samples.conference(audience, items=20, bio_chars=800)
    draft = page_texts(render(kind, dataclasses.replace(sheet, status="draft")))
    assert len(draft) >= 2
    assert all("DRAFT" in text for text in draft)
    assert "DRAFT: DETAILS MAY CHANGE" in draft[0]
    for status in ("confirmed", "planned", "held"):
        texts = page_texts(render(kind, dataclasses.replace(sheet, status=status)))
        assert not any("DRAFT" in text for text in texts), status


# --- wording ----------------------------------------------------------------------------------


def test_a_part_under_another_rule_prints_that_rules_own_sentence() -> None:
    sheet = samples.gulf_security()
    sentence = "This part is on the record."
    row = dataclasses.replace(
        sheet.agenda[1],
        rule="on_the_record",
        rule_label="On the record",
        overrides_event_rule=True,
        rule_sentence=sentence,
    )
    text = " ".join(page_texts(render(DocumentKind.PROGRAMME, replace_row(sheet, 1, row))))
    assert sentence in text
    assert "Held under the On the record" not in text


def replace_row(sheet: Sheet, index: int, row: Any) -> Sheet:
    agenda = list(sheet.agenda)
    agenda[index] = row
    return dataclasses.replace(sheet, agenda=tuple(agenda))


def test_signin_sheet_says_its_title_once_and_prints_the_rule() -> None:
    text = " ".join(page_texts(render(DocumentKind.SIGNIN, samples.gulf_security(ORG))))
    assert text.upper().count("SIGN-IN SHEET") == 1
    assert samples.CHATHAM_TEXT in text
    # The confidentiality line sits above the list: it can never be alone on a last page.
    note = "This list is confidential"
    assert text.index(note) < text.index(samples.CHATHAM_TEXT) < text.index("SIGNATURE")
    # A part's own rule is announced in the room, not at the door.
    scoped = Notice(rule="off_the_record", title="Off the record", text="Nothing.", scope="Q&A")
    sheet = samples.gulf_security(ORG)
    sheet = dataclasses.replace(sheet, notices=(*sheet.notices, scoped))
    assert "Off the record" not in " ".join(page_texts(render(DocumentKind.SIGNIN, sheet)))


# --- withheld people --------------------------------------------------------------------------


def placeholder(role: str, label: str) -> PersonEntry:
    return PersonEntry(
        role=role,
        role_label=label,
        name="a speaker",
        short_name="",
        salutation="",
        sort_key="a speaker",
        position="",
        affiliation="",
        short_bio="",
        long_bio="",
        email="",
        phone="",
        described=True,
        withheld=True,
    )


def test_withheld_people_are_one_line_not_a_list_of_placeholders() -> None:
    sheet = samples.gulf_security(Audience.PUBLIC)
    hidden = tuple(placeholder("speaker", "Speaker") for _ in range(4))
    cast = (
        *sheet.cast[:2],
        CastGroup(role="speaker", label="Speakers", people=hidden, withheld=4),
    )
    row = dataclasses.replace(
        sheet.agenda[1], people=hidden[:2], withheld="2 speakers, names withheld under the rule"
    )
    sheet = dataclasses.replace(
        replace_row(sheet, 1, row),
        cast=cast,
        cast_withheld="4 speakers, names withheld under the rule",
    )
    text = " ".join(page_texts(render(DocumentKind.PROGRAMME, sheet)))
    assert "4 speakers, names withheld under the rule" in text
    assert "2 speakers, names withheld under the rule" in text
    assert "a speaker" not in text
    assert "SPEAKERS" not in text  # no heading over nobody
    assert "Senator Sehar Kamran (TI)" in text  # the named cast as before


# --- keeping together -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [DocumentKind.PROGRAMME, DocumentKind.BRIEFING])
def test_headings_stay_with_what_they_head_and_no_one_is_left_alone(kind: DocumentKind) -> None:
    """Concept notes of every length push the cast to every height on the page."""
    audience = ORG if kind is DocumentKind.BRIEFING else Audience.ATTENDEES
    base = samples.gulf_security(audience)
    people = [p for group in base.cast for p in group.people]
    first, penultimate, last = people[0].name, people[-2].name, people[-1].name
    for words in range(60, 520, 12):
        sheet = dataclasses.replace(base, concept_note=samples.prose(words, 5))
        texts = page_texts(render(kind, sheet))
        heads = [n for n, t in enumerate(texts) if "Chair and speakers" in t]
        assert len(heads) == 1
        page = texts[heads[0]]
        # The heading's page also has the first person (the label and name under it) ...
        assert first in page.split("Chair and speakers", 1)[1], words
        # ... and the last person does not start a page alone.
        # The cast runs from its heading to the logistics (briefing) or the end (programme).
        pages = "\f".join(texts)
        cast = pages.split("Chair and speakers", 1)[1].split("Logistics", 1)[0]
        page_of_last = cast[: cast.rindex(last)].split("\f")[-1]
        assert penultimate in page_of_last, words
        if kind is DocumentKind.BRIEFING:
            # The closing section is whole on the last page: no tail of two lines there.
            assert "For the chair's opening remarks" in texts[-1], words
        else:
            # The contact note closes the programme with the last person, never alone.
            assert base.contact in texts[-1] and last in texts[-1], words


def test_a_cast_wholly_withheld_is_counted_under_the_rule_notice() -> None:
    sheet = samples.gulf_security(Audience.PUBLIC)
    hidden = tuple(placeholder("speaker", "Speaker") for _ in range(3))
    sheet = dataclasses.replace(
        sheet,
        cast=(CastGroup(role="speaker", label="Speakers", people=hidden, withheld=3),),
        cast_withheld="3 speakers, names withheld under the rule",
    )
    text = " ".join(page_texts(render(DocumentKind.PROGRAMME, sheet)))
    line = "3 speakers, names withheld under the rule."
    assert line in text
    assert "Chair and speakers" not in text  # no section of one line at the end
    assert text.index(samples.CHATHAM_TEXT) < text.index(line) < text.index("About this event")


def test_cjk_names_in_the_programme_cast_are_bold_too() -> None:
    sheet = samples.gulf_security()
    chinese = samples.person("Prof. 王小明", "Prof. 王", "Wang", role="speaker", affiliation="CASS")
    cast = (*sheet.cast[:2], dataclasses.replace(sheet.cast[2], people=(chinese,)))
    reader = read_pdf(render(DocumentKind.PROGRAMME, dataclasses.replace(sheet, cast=cast)))
    streams = b"".join(bytes(page.get_contents().get_data()) for page in reader.pages)
    assert streams.count(b"2 Tr") == 1  # the name in the cast, not the regular text anywhere


def test_a_timetable_never_leaves_one_row_alone_overleaf() -> None:
    time = re.compile(r"\d{4}–\d{4}")
    lone = []
    for items in range(3, 40, 2):
        sheet = samples.conference(Audience.ATTENDEES, items=items, bio_chars=100)
        texts = page_texts(render(DocumentKind.PROGRAMME, sheet))
        for number, text in enumerate(texts[1:], start=2):
            if "TIME PROGRAMME" in text and len(time.findall(text)) == 1:
                lone.append((items, number))
    assert lone == []


def test_sign_in_walk_in_rows_fill_the_last_page_and_never_start_one() -> None:
    for guests in range(4, 40, 3):
        sheet = samples.conference(ORG, items=4, bio_chars=100)
        people = tuple(
            samples.person(f"Guest {n:02d}", f"Guest {n}", f"guest {n:02d}", affiliation="MEI")
            for n in range(guests)
        )
        texts = page_texts(render(DocumentKind.SIGNIN, dataclasses.replace(sheet, present=people)))
        # Every page lists somebody: no page of blank rows alone.
        assert all("Guest" in text for text in texts), guests


# --- the timetable's time column --------------------------------------------------------------

# The widest 12-hour ranges: two-digit hours at both ends, and am before pm.
TWELVE_HOUR_RANGES = [(10, 45, 12, 45), (11, 15, 12, 15), (9, 30, 9, 45), (12, 0, 13, 0)]


def twelve_hour_sheet(audience: Audience) -> Sheet:
    """The Gulf Security sheet with its agenda printed in 12-hour times."""
    sheet = samples.gulf_security(audience)
    rows = []
    for row, (h1, m1, h2, m2) in zip(sheet.agenda, TWELVE_HOUR_RANGES, strict=False):
        start = row.starts_at.replace(hour=h1, minute=m1)
        end = row.ends_at.replace(hour=h2, minute=m2)
        text = agenda_time_text(start, end, TimeStyle.TWELVE_HOUR)
        rows.append(dataclasses.replace(row, starts_at=start, ends_at=end, time_text=text))
    return dataclasses.replace(sheet, agenda=tuple(rows) + sheet.agenda[len(rows) :])


@pytest.mark.parametrize(
    ("kind", "audience"),
    [(DocumentKind.PROGRAMME, Audience.ATTENDEES), (DocumentKind.BRIEFING, ORG)],
)
def test_a_12_hour_time_prints_on_one_line(kind: DocumentKind, audience: Audience) -> None:
    sheet = twelve_hour_sheet(audience)
    times = [row.time_text for row in sheet.agenda[: len(TWELVE_HOUR_RANGES)]]
    assert "11:15 am–12:15 pm" in times  # the widest, both suffixes printed
    lines = {
        line.strip()
        for page in pages(render(kind, sheet))
        for line in normalised(page, keep_lines=True).splitlines()
    }
    # A time that wrapped reads back as "11:15 am–12:15" and "pm" on lines of their own.
    assert [t for t in times if t not in lines] == []


def test_the_time_column_is_as_wide_as_its_widest_time() -> None:
    sheet = twelve_hour_sheet(Audience.ATTENDEES)
    ctx = RenderContext(sheet, A4)
    width = 170 * MM
    table = timetable(ctx, sheet.agenda, width)
    style = ctx.styles.time
    widest = max(stringWidth(r.time_text, style.fontName, style.fontSize) for r in sheet.agenda)
    assert table._colWidths[0] >= widest + 2 * TIME_CELL_PADDING
    # The 24-hour style keeps the narrow column the page was designed with.
    hours = samples.gulf_security(Audience.ATTENDEES)
    assert timetable(ctx, hours.agenda, width)._colWidths[0] == MIN_TIME_COLUMN
