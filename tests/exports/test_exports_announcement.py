"""The web announcement: valid, escaped, self-contained HTML and escaped Markdown."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path

import pytest

from export_samples import CHAIR, Audience, make_sheet, person, seed_database
from planner.errors import PlannerError
from planner.exports.announcement import (
    md_escape,
    render_announcement_html,
    render_announcement_markdown,
)
from planner.exports.text import cast_lines
from planner.services.exports import write_announcement
from planner.store import Database

VOID = {"meta", "br", "link", "img", "hr", "input"}


class Checker(HTMLParser):
    """Collects text, tags and attributes, and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(data: bytes) -> Checker:
    checker = Checker()
    checker.feed(data.decode("utf-8"))
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    return checker


def test_page_like_the_seed() -> None:
    page = check(render_announcement_html(make_sheet()))
    text = " ".join(page.text)
    for needed in (
        "Pakistan – Russia Relations: Challenges and Prospects",
        "Chair",
        "Amb (R) Khalid Khattak",
        "Lt. Gen. (R) Syed Muhammad Owais HI (M)",
        "held under the Chatham House Rule",
        "Download the report (PDF)",
        "Tuesday, 12 March 2013",
    ):
        assert needed in text
    assert ("href", "https://cpakgulf.org/Pak-Russia-Report.pdf") in page.attributes
    # Self-contained: no script, no external stylesheet, image or font.
    assert "script" not in page.tags
    assert "link" not in page.tags
    assert "img" not in page.tags
    assert all(
        value is None or "//" not in value or name == "href" for name, value in page.attributes
    )


def test_no_report_link_when_there_is_none_and_no_unsafe_links() -> None:
    page = check(render_announcement_html(make_sheet(report=False)))
    assert "Download the report (PDF)" not in " ".join(page.text)
    page = check(render_announcement_html(make_sheet(report_url="javascript:alert(1)")))
    assert all("javascript" not in (v or "") for _, v in page.attributes)


def test_hostile_text_is_escaped_everywhere() -> None:
    hostile = '<script>alert("x")</script> & <b onclick=1>'
    sheet = make_sheet(
        title=hostile,
        concept_note=hostile + "\n\n" + "ڈاکٹر " * 2000,
        cast=(person(hostile, role="chair", role_label="Chair"),),
    )
    data = render_announcement_html(sheet)
    page = check(data)
    assert b"<script>" not in data
    assert "script" not in page.tags and "b" not in page.tags
    assert hostile in " ".join(page.text)


def test_markdown_escapes_what_markdown_would_act_on() -> None:
    hostile = "[click](javascript:alert(1)) *bold* <img src=x> # heading"
    sheet = make_sheet(title=hostile, cast=(person(hostile, role="chair", role_label="Chair"),))
    text = render_announcement_markdown(sheet).decode("utf-8")
    assert "[click](" not in text
    assert "<img" not in text
    assert md_escape("a*b_c") == "a\\*b\\_c"
    assert "# \\[click\\]" in text
    assert "[Download the report (PDF)](<https://cpakgulf.org/Pak-Russia-Report.pdf>)" in text
    assert "held under the Chatham House Rule" in text


def test_only_the_public_sheet() -> None:
    for audience in (Audience.ATTENDEES, Audience.ORGANISERS):
        with pytest.raises(PlannerError):
            render_announcement_html(make_sheet(audience))
        with pytest.raises(PlannerError):
            render_announcement_markdown(make_sheet(audience))


def test_from_the_database(tmp_path: Path, db: Database) -> None:
    ids = seed_database(db)
    path = write_announcement(db, ids["roundtable"], tmp_path / "a.html")
    page = check(path.read_bytes())
    text = " ".join(page.text)
    assert "Amb (R) Khalid Khattak" in text
    # Invitees are never on the public page.
    assert "Siddiqa" not in text and "فاطمہ" not in text
    md = write_announcement(db, ids["roundtable"], tmp_path / "a.md", "markdown").read_text()
    assert "Khattak" in md and "Siddiqa" not in md
    cancelled = write_announcement(db, ids["cancelled"], tmp_path / "c.html")
    assert "has been cancelled" in cancelled.read_text()


def _markdown_text(source: str) -> str:
    """What a CommonMark renderer shows of ``source``: its HTML's text, entities decoded."""
    from markdown_it import MarkdownIt

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(MarkdownIt().render(source))
    return " ".join(" ".join(parser.parts).split())


@pytest.mark.parametrize(
    "name",
    [
        "Amb. (R) Khalid Khattak",
        "AT&T <Research> & R&D",
        "Lt. Gen. (R) Syed Muhammad Owais HI (M)",
        "1. Not a list",
        "# not a heading",
        "- not an item",
        "a < b &amp; c",
        "[x](javascript:alert(1)) *b* _i_ `c`",
    ],
)
def test_markdown_escapes_only_what_markdown_needs(name: str) -> None:
    sheet = make_sheet(title=name, cast=(person(name, role="chair", role_label="Chair"),))
    source = render_announcement_markdown(sheet).decode("utf-8")
    # Read as Markdown, the text is exactly as written ...
    shown = _markdown_text(source)
    assert f"{name} " in shown + " "
    # ... and the source stays readable: no escapes where Markdown would not act.
    if name[0].isalpha() and not set(name) & set("\\`*_[]<&"):
        assert name in source
    assert "\\." not in source.replace("1\\. Not", "")
    assert "\\(" not in source.replace("\\]\\(", "")  # only a "(" right after "]"


def test_markdown_has_the_html_footer() -> None:
    sheet = make_sheet()
    html_page = check(render_announcement_html(sheet))
    source = render_announcement_markdown(sheet).decode("utf-8")
    org = sheet.organisation
    footer = " · ".join(x for x in (org.name, org.address, org.website) if x)
    assert footer in " ".join(html_page.text)
    assert source.rstrip().endswith(footer)
    assert "\n---\n" in source


def test_withheld_people_are_one_line_on_the_page_and_in_markdown() -> None:
    hidden = dataclasses.replace(
        person("a speaker", role="speaker", role_label="Speaker"), described=True, withheld=True
    )
    sheet = make_sheet(cast=(CHAIR, hidden, hidden, hidden))
    sheet = dataclasses.replace(sheet, cast_withheld="3 speakers, names withheld under the rule")
    page = " ".join(check(render_announcement_html(sheet)).text)
    source = render_announcement_markdown(sheet).decode("utf-8")
    for text in (page, source):
        assert "3 speakers, names withheld under the rule." in text
        assert "a speaker" not in text
        assert "Speakers" not in text  # no heading over nobody
    assert CHAIR.name in page
    lines = cast_lines(sheet)
    assert lines[-1] == "3 speakers, names withheld under the rule."
    assert not any("a speaker" in line for line in lines)


class Elements(HTMLParser):
    """Each element's attributes and the text directly in it (for the innermost element)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict[str, str | None]]] = []
        self.found: list[tuple[str, dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and data.strip():
            tag, attrs = self.open[-1]
            self.found.append((tag, attrs, data.strip()))


def element_of(html: bytes, text: str) -> tuple[str, dict[str, str | None]]:
    parser = Elements()
    parser.feed(html.decode("utf-8"))
    return next((tag, attrs) for tag, attrs, data in parser.found if data == text)


URDU_NAME = "ڈاکٹر عائشہ رحمان"
ARABIC_NAME = "الدكتور خالد المنصوري"
CHINESE_NAME = "王毅"


def test_right_to_left_and_chinese_names_carry_dir_and_lang() -> None:
    """Try-out 20: the Urdu and Arabic names were plain <p> lines, left-aligned, and Urdu got
    no Nastaliq."""
    cast = (
        CHAIR,
        person(URDU_NAME, role="speaker", role_label="Speaker", affiliation="جامعہ کراچی"),
        person(ARABIC_NAME, role="speaker", role_label="Speaker", affiliation="CPGS"),
        person(CHINESE_NAME, role="speaker", role_label="Speaker", position="Professor"),
        person(f"Prof. {CHINESE_NAME}", role="speaker", role_label="Speaker"),
    )
    html = render_announcement_html(make_sheet(cast=cast))
    check(html)
    assert element_of(html, URDU_NAME) == ("p", {"lang": "ur", "dir": "rtl"})
    assert element_of(html, ARABIC_NAME) == ("p", {"lang": "ar", "dir": "rtl"})
    assert element_of(html, CHINESE_NAME) == ("p", {"lang": "zh"})
    # A name mixing scripts: the Chinese passage is marked inside the line.
    assert element_of(html, "Prof.")[0] == "p"
    assert f'<span lang="zh">{CHINESE_NAME}</span>' in html.decode()
    assert element_of(html, "CPGS") == ("p", {"class": "detail"})
    # The fonts for each are named, installed ones only: no web font, nothing fetched.
    page = html.decode()
    style = page[page.index("<style>") : page.index("</style>")]
    for lang, font in (("ur", "Noto Nastaliq Urdu"), ("ar", "Noto Naskh Arabic"), ("zh", "")):
        assert f":lang({lang})" in style and font in style
    assert "@font-face" not in style and "url(" not in style and "@import" not in style


def test_an_urdu_paragraph_takes_its_direction_from_its_text() -> None:
    note = "یہ گفتگو پاکستان اور خلیجی ریاستوں کے تعلقات پر ہے۔"
    html = render_announcement_html(make_sheet(concept_note=f"{note}\n\nIn English."))
    page = html.decode()
    assert f'<p dir="auto"><span lang="ur" dir="rtl">{note.rstrip("۔")}' in page
    assert "<p>In English.</p>" in page
