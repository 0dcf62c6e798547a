"""The web announcement of an event, as HTML or Markdown, from the public sheet.

Like the seed's events page: title, concept paragraph, date line, chair and speakers, the
rule ("held under the Chatham House Rule"), key issues, and a link to the report's PDF when
there is one. The HTML page is self-contained (a small inline stylesheet, no scripts, fonts or
images from elsewhere) and every value from the sheet is escaped; so is the Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from planner.errors import PlannerError
from planner.policy.sheet import Audience, Sheet
from planner.safety import link_target
from planner.writing import RTL_LANGUAGES, passages

from .text import one_line, rule_sentence

_STYLE = """
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif;
  color: #1a1a1a; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
header { border-bottom: 2px solid var(--brand); margin-bottom: 1.5rem; }
.org { color: var(--brand); font-weight: bold; letter-spacing: .02em; margin: 0; }
h1 { font-size: 1.6rem; margin: .4rem 0 .2rem; }
.subtitle { font-size: 1.1rem; color: #444; margin: 0 0 .6rem; }
.when { font-weight: bold; }
h2 { color: var(--brand); font-size: 1rem; text-transform: uppercase; letter-spacing: .06em;
  margin: 1.4rem 0 .3rem; }
.cast p { margin: .1rem 0; }
.cast .detail { color: #555; font-size: .9rem; }
.notice { background: #f4f6f9; border: 1px solid #c9d2de; padding: .6rem .9rem; margin: 1rem 0; }
.notice strong { display: block; margin-bottom: .2rem; }
.report a { font-weight: bold; color: var(--brand); }
footer { border-top: 1px solid #ddd; margin-top: 2rem; padding-top: .5rem; font-size: .85rem;
  color: #555; }
:lang(ur) { font-family: "Noto Nastaliq Urdu", "Jameel Noori Nastaleeq", "Urdu Typesetting",
  serif; line-height: 2.2; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Arabic Typesetting",
  "Traditional Arabic", serif; }
:lang(zh) { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Droid Sans Fallback",
  "Microsoft YaHei", "PingFang SC", sans-serif; }
"""
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _require_public(sheet: Sheet) -> None:
    if sheet.audience is not Audience.PUBLIC:
        raise PlannerError(
            "the web announcement is built from the public sheet, "
            f"not the {sheet.audience.value} one"
        )


def _held_under(sheet: Sheet) -> str:
    return rule_sentence(sheet, past=sheet.status == "held")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _marked(text: str) -> str:
    """``text`` escaped, each Urdu, Arabic, Hebrew or CJK passage in a ``<span>`` with its
    ``lang`` (the page's fonts for it) and, right to left, ``dir="rtl"``."""
    out = []
    for chars, lang in passages(text):
        if not lang:
            out.append(_e(chars))
        else:
            out.append(f"<span{_lang_attrs(lang)}>{_e(chars)}</span>")
    return "".join(out)


def _lang_attrs(lang: str) -> str:
    return f' lang="{lang}"' + (' dir="rtl"' if lang in RTL_LANGUAGES else "")


def _element(tag: str, text: str, css_class: str = "") -> str:
    """``<tag>text</tag>``: a text wholly in one such script carries its ``lang`` and ``dir``
    itself (an Urdu name then sits at the right, as it reads); mixed text marks its passages
    and lets the browser take the direction from its first letter (``dir="auto"``)."""
    attrs = f' class="{css_class}"' if css_class else ""
    pieces = passages(text.strip())
    if len(pieces) == 1 and pieces[0][1]:
        return f"<{tag}{attrs}{_lang_attrs(pieces[0][1])}>{_e(text)}</{tag}>"
    if any(lang in RTL_LANGUAGES for _, lang in pieces):
        attrs += ' dir="auto"'
    return f"<{tag}{attrs}>{_marked(text)}</{tag}>"


def _lines_html(text: str) -> str:
    return "<br>".join(_marked(line) for line in text.splitlines())


def _paragraph_html(text: str) -> str:
    """A paragraph that may hold line breaks; one in Urdu or Arabic aligns right."""
    direction = ' dir="auto"' if any(lang in RTL_LANGUAGES for _, lang in passages(text)) else ""
    return f"<p{direction}>{_lines_html(text)}</p>"


def render_announcement_html(sheet: Sheet) -> bytes:
    """A complete, valid HTML5 page in UTF-8."""
    _require_public(sheet)
    org = sheet.organisation
    brand = org.brand_colour if _COLOUR.match(org.brand_colour) else "#1F4E79"
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(org.language or "en")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(one_line(sheet.title))}</title>",
        f"<style>:root {{ --brand: {brand}; }}{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
    ]
    if org.name:
        out.append(_element("p", one_line(org.name), "org"))
    if sheet.series_label:
        out.append(_element("p", one_line(sheet.series_label), "series"))
    out.append(_element("h1", one_line(sheet.title)))
    if sheet.subtitle:
        out.append(_element("p", one_line(sheet.subtitle), "subtitle"))
    out.append(_element("p", one_line(sheet.date_line), "when"))
    if sheet.status == "cancelled":
        out.append('<p class="cancelled"><strong>This event has been cancelled.</strong></p>')
    elif sheet.status == "postponed":
        out.append('<p class="cancelled"><strong>This event has been postponed.</strong></p>')
    out.append("</header>")
    out.append("<main>")
    for paragraph in _paragraphs(sheet.concept_note):
        out.append(_paragraph_html(paragraph))
    if sheet.cast:
        out.append('<section class="cast">')
        for group in sheet.cast:
            shown = [person for person in group.people if not person.withheld]
            if not shown:
                continue
            out.append(f"<h2>{_e(one_line(group.label))}</h2>")
            for person in shown:
                out.append(_element("p", one_line(person.name)))
                detail = ", ".join(one_line(x) for x in (person.position, person.affiliation) if x)
                if detail:
                    out.append(_element("p", detail, "detail"))
        if sheet.cast_withheld:
            out.append(f'<p class="detail">{_e(sheet.cast_withheld)}.</p>')
        out.append("</section>")
    held = _held_under(sheet)
    if held:
        out.append(f"<p>{_e(held)}</p>")
    for notice in sheet.notices:
        title = notice.title if not notice.scope else f"{notice.title} ({notice.scope})"
        heading = f"<strong>{_marked(one_line(title))}</strong>"
        out.append(f'<div class="notice">{heading}{_marked(one_line(notice.text))}</div>')
    if sheet.key_issues:
        out.append("<h2>Key issues</h2>")
        out.append("<ol>")
        out.extend(_element("li", one_line(issue)) for issue in sheet.key_issues)
        out.append("</ol>")
    for index, paragraph in enumerate(_paragraphs(sheet.background)):
        if index == 0:
            out.append("<h2>Background</h2>")
        out.append(_paragraph_html(paragraph))
    report_url = link_target(sheet.report.url) if sheet.report is not None else ""
    if report_url:
        out.append(
            f'<p class="report"><a href="{_e(report_url)}">Download the report (PDF)</a></p>'
        )
    out.append("</main>")
    footer = [one_line(x) for x in (org.name, org.address, org.website) if x]
    if footer:
        out.append(_element("footer", " · ".join(footer)))
    out.append("</body>")
    out.append("</html>")
    return ("\n".join(out) + "\n").encode("utf-8")


# What CommonMark (and GitHub's tables and strikethrough) acts on anywhere in a line: emphasis,
# code, links and images, backslashes themselves. Dots, parentheses, hyphens and "#" inside a
# line are plain text and stay as written ("Amb. (R) Khattak", never "Amb\. \(R\)").
_MD_INLINE = re.compile(r"([\\`*_\[\]~|])")
# "&" only where it could start an entity, "<" only where it could open an HTML tag, a comment
# or an autolink: elsewhere both are text as written ("R&D", "a < b"), never "&amp;".
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")
# At the start of a line: a heading, quote, list item, thematic break or setext underline, or
# a number and a dot ("2013. ") that would begin a numbered list.
_MD_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


def md_escape(text: str) -> str:
    """Text that a Markdown renderer shows literally, with only what Markdown would act on
    escaped: ``<script>`` or ``[x](javascript:..)`` stay text, "Amb. (R)" and "R&D" stay as
    written."""
    # "(" right after a bracket is escaped as well: no renderer, however lax, reads a link
    # destination there.
    escaped = _MD_INLINE.sub(r"\\\1", text).replace("\\](", "\\]\\(")
    escaped = _MD_ENTITY.sub("&amp;", escaped)
    escaped = _MD_TAG.sub("&lt;", escaped)
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark, number, dot = match.groups()
    return indent + (f"\\{mark}" if mark else f"{number}\\{dot}")


def _md_lines(text: str) -> str:
    # A hard line break in Markdown is a backslash at the end of the line.
    return "\\\n".join(md_escape(line.strip()) for line in text.splitlines() if line.strip())


def _md_blocks(sheet: Sheet) -> Iterable[str]:
    org = sheet.organisation
    if org.name:
        yield f"*{md_escape(one_line(org.name))}*"
    if sheet.series_label:
        yield md_escape(one_line(sheet.series_label))
    yield f"# {md_escape(one_line(sheet.title))}"
    if sheet.subtitle:
        yield f"## {md_escape(one_line(sheet.subtitle))}"
    yield f"**{md_escape(one_line(sheet.date_line))}**"
    if sheet.status == "cancelled":
        yield "**This event has been cancelled.**"
    elif sheet.status == "postponed":
        yield "**This event has been postponed.**"
    for paragraph in _paragraphs(sheet.concept_note):
        yield _md_lines(paragraph)
    for group in sheet.cast:
        shown = [person for person in group.people if not person.withheld]
        if not shown:
            continue
        lines = [f"### {md_escape(one_line(group.label))}", ""]
        for person in shown:
            detail = ", ".join(one_line(x) for x in (person.position, person.affiliation) if x)
            entry = md_escape(one_line(person.name))
            lines.append(f"- {entry}" + (f", {md_escape(detail)}" if detail else ""))
        yield "\n".join(lines)
    if sheet.cast_withheld:
        yield md_escape(f"{sheet.cast_withheld}.")
    held = _held_under(sheet)
    if held:
        yield md_escape(held)
    for notice in sheet.notices:
        title = notice.title if not notice.scope else f"{notice.title} ({notice.scope})"
        yield f"> **{md_escape(one_line(title))}**  \n> {md_escape(one_line(notice.text))}"
    if sheet.key_issues:
        items = [f"{n}. {md_escape(one_line(q))}" for n, q in enumerate(sheet.key_issues, 1)]
        yield "### Key issues\n\n" + "\n".join(items)
    background = _paragraphs(sheet.background)
    if background:
        yield "### Background"
        yield from (_md_lines(p) for p in background)
    report_url = link_target(sheet.report.url) if sheet.report is not None else ""
    if report_url:
        # Angle brackets keep spaces and parentheses in the address from ending the link.
        target = report_url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
        yield f"[Download the report (PDF)](<{target}>)"
    # The same footer as the HTML page: who runs the event and where to find them.
    footer = [one_line(x) for x in (org.name, org.address, org.website) if x]
    if footer:
        yield "---"
        yield md_escape(" · ".join(footer))


def render_announcement_markdown(sheet: Sheet) -> bytes:
    """The same announcement in Markdown, UTF-8."""
    _require_public(sheet)
    return ("\n\n".join(_md_blocks(sheet)) + "\n").encode("utf-8")
