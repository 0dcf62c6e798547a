"""Every output writes only http, https and mailto links (or a bare web address), whatever the
database holds: the policy drops any other link from the sheet, so the .ics (URL and
DESCRIPTION), the report email, the invitation's signature, the web announcement's footer and
link, and every PDF's footer and report page never carry a javascript:, data: or file: link."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from export_reading import eml_text, html_text, ics_text
from export_samples import ADDRESSEE
from package_samples import sample
from pdf_reading import pdf_text
from planner.documents import DocumentKind, render
from planner.exports.announcement import render_announcement_html, render_announcement_markdown
from planner.exports.eml import Attachment, invitation_message, message_bytes, report_message
from planner.exports.ics import Method, render_ics
from planner.model import Event, Organisation
from planner.policy import Audience, Sheet, build_sheet
from planner.safety import ALLOWED_SCHEMES, safe_url
from planner.store import Database
from planner.store.package import import_package

MARK = "zqxmark"
PDF = Attachment("report.pdf", b"%PDF-1.4", "application", "pdf")


def _load(db: Database) -> int:
    package = sample()
    package["events"][0]["attribution"] = "on_the_record"  # a public report, names and all
    import_package(db, package)
    with db.session() as s:
        return int(s.scalars(select(Event.id)).one())


@pytest.fixture(scope="module")
def link_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, int]]:
    path = tmp_path_factory.mktemp("links") / "planner.sqlite3"
    database = Database.open(f"sqlite:///{path}")
    event_id = _load(database)
    yield database, event_id
    database.dispose()


def _sheets(db: Database, event_id: int, link: str) -> dict[Audience, Sheet]:
    """The sheets of an event whose report URL and organisation website are ``link``, written
    behind the checks' back (as a database from before them may hold it)."""
    with db.session() as s:
        s.execute(update(Event).where(Event.id == event_id).values(report_url=link))
        s.execute(update(Organisation).values(website=link))
    with db.session() as s:
        return {audience: build_sheet(s, event_id, audience) for audience in Audience}


def _text_outputs(sheets: dict[Audience, Sheet]) -> dict[str, str]:
    public = sheets[Audience.PUBLIC]
    assert public.report is not None
    return {
        "publish.ics": ics_text(render_ics([public], Method.PUBLISH)),
        "publish.ics raw": render_ics([public], Method.PUBLISH).decode().replace("\r\n ", ""),
        "announcement.html": html_text(render_announcement_html(public)),
        "announcement.md": render_announcement_markdown(public).decode("utf-8"),
        "report.eml": eml_text(message_bytes(report_message(public, [], [PDF]))),
        "invitation.eml": eml_text(
            message_bytes(invitation_message(sheets[Audience.ATTENDEES], ADDRESSEE, []))
        ),
    }


def _pdf_outputs(sheets: dict[Audience, Sheet]) -> dict[str, str]:
    out = {}
    for kind, audience in (
        (DocumentKind.REPORT, Audience.PUBLIC),  # the link on the report page, the footer
        (DocumentKind.PROGRAMME, Audience.ATTENDEES),  # the footer
    ):
        pdf = render(kind, sheets[audience])
        out[f"{kind.value}.pdf"] = pdf_text(pdf)
        out[f"{kind.value}.pdf raw"] = pdf.decode("latin-1")  # link annotations (/URI)
    return out


@pytest.mark.parametrize(
    "link",
    [
        f"javascript:alert('{MARK}')",
        f"data:text/html,<script>{MARK}</script>",
        f"file:///etc/{MARK}",
        f" JavaScript:{MARK}",
        f"java\nscript:{MARK}",
    ],
)
def test_no_output_carries_an_unsafe_link(link_db: tuple[Database, int], link: str) -> None:
    db, event_id = link_db
    sheets = _sheets(db, event_id, link)
    for audience, sheet in sheets.items():
        assert sheet.organisation.website == "", audience
        assert sheet.report is None or sheet.report.url == "", audience
    for name, text in {**_text_outputs(sheets), **_pdf_outputs(sheets)}.items():
        assert MARK not in text, name


def test_a_safe_link_reaches_every_output(link_db: tuple[Database, int]) -> None:
    """The other side of the test above: the outputs do print a link when it is a safe one."""
    db, event_id = link_db
    link = f"https://cpgs.example.org/{MARK}.pdf"
    sheets = _sheets(db, event_id, link)
    outputs = {**_text_outputs(sheets), **_pdf_outputs(sheets)}
    for name in (
        "publish.ics",
        "announcement.html",
        "announcement.md",
        "report.eml",
        "invitation.eml",
        "report.pdf",
        "programme.pdf",
    ):
        assert MARK in outputs[name].replace(" ", ""), name


# --- any string as a link ---------------------------------------------------------------------

SCHEMES = st.one_of(
    st.sampled_from(["javascript", "JAVASCRIPT", "data", "file", "vbscript", "ftp", "blob"]),
    st.sampled_from(["http", "https", "mailto", "HTTPS"]),
    st.from_regex(r"[A-Za-z][A-Za-z0-9+.\-]{0,8}", fullmatch=True),
)
NOISE = st.text(st.sampled_from(" \t\n\r\x00\x01\x1b\x7f\x85\u2028/:."), max_size=3)
LINKS = st.one_of(
    st.builds(
        lambda before, scheme, middle, tail: f"{before}{scheme}:{middle}{tail}{MARK}",
        NOISE,
        SCHEMES,
        st.sampled_from(["", "//", "///", "//cpgs.example.org/", "%0a"]) | NOISE,
        st.text(max_size=12),
    ),
    st.text(max_size=30).map(lambda t: t + MARK),
)


def _scheme(link: str) -> str | None:
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", link)
    return match.group(1).lower() if match else None


@given(link=LINKS)
def test_safe_url_passes_only_allowed_schemes(link: str) -> None:
    kept = safe_url(link)
    if kept:
        assert _scheme(kept) in (*ALLOWED_SCHEMES, None)
        assert not any(c.isspace() or ord(c) < 32 or 127 <= ord(c) < 160 for c in kept)


@settings(
    max_examples=40,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(link=LINKS)
def test_no_output_holds_another_scheme(link_db: tuple[Database, int], link: str) -> None:
    """For any string stored as the report URL and the website, the text outputs hold it only
    when it is a link with an allowed scheme (or none): an unsafe one never appears."""
    db, event_id = link_db
    sheets = _sheets(db, event_id, link)
    kept = safe_url(link)
    for name, text in _text_outputs(sheets).items():
        if not kept:
            assert MARK not in text, name
            continue
        if name.endswith(" raw"):
            continue  # "URL:https://..." is the property's name, then the link (parsed above)
        # The link as written: the run of non-blank characters the mark ends (a kept link has
        # no blank), without the brackets or quotes around it. Its scheme is an allowed one.
        for found in re.finditer(r"\S*" + MARK, text):
            token = found.group(0).lstrip("([<\"'")
            assert _scheme(token) in (*ALLOWED_SCHEMES, None), (name, token)


def test_a_bare_web_address_links_as_https(link_db: tuple[Database, int]) -> None:
    """As printed, "www.cpakgulf.org" stays as written; as a link's target it is absolute (a
    bare address in an href would point inside the page's own site)."""
    db, event_id = link_db
    sheets = _sheets(db, event_id, "cpakgulf.org/reports/gulf.pdf")
    page = render_announcement_html(sheets[Audience.PUBLIC]).decode("utf-8")
    assert 'href="https://cpakgulf.org/reports/gulf.pdf"' in page
    assert "(<https://cpakgulf.org/reports/gulf.pdf>)" in render_announcement_markdown(
        sheets[Audience.PUBLIC]
    ).decode("utf-8")
    assert "cpakgulf.org/reports/gulf.pdf" in _pdf_outputs(sheets)["report.pdf"]
