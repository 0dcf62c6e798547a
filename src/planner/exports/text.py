"""Plain-text helpers shared by the export renderers: one-line values, safe file names, and the
short description of an event that calendar entries and email drafts both carry.
"""

from __future__ import annotations

import re
import unicodedata

from planner.policy.sheet import Sheet

# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: none of them
# belongs in a header, a parameter or a file name, and CR/LF there would start a new header.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]+")
_SPACES = re.compile(r"\s+")
_SLUG_DROP = re.compile(r"[^A-Za-z0-9]+")
# Names Windows refuses as file names whatever the extension.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)
}


def one_line(value: str, limit: int | None = None) -> str:
    """``value`` on one line: control characters and line breaks become single spaces."""
    text = _SPACES.sub(" ", _CONTROL.sub(" ", value)).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


# Unicode's isolates (UAX #9): FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE.
FSI = "\u2068"
PDI = "\u2069"
_RTL = frozenset({"R", "AL"})
_OPENING, _CLOSING = "([{", ")]}"
# The separators English text puts between names (cast lines, salutations): each ends a run.
_LIST_SEPARATORS = frozenset(";,·|/")


def _direction(ch: str) -> str:
    kind = unicodedata.bidirectional(ch)
    return "rtl" if kind in _RTL else "ltr" if kind == "L" else ""


def _rtl_runs(line: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of right-to-left text: from a right-to-left letter to the
    last one before a left-to-right letter or a list separator (spaces, digits and marks between
    them included, trailing punctuation not), widened to take a bracket whose partner is
    inside."""
    runs: list[tuple[int, int]] = []
    start = last = -1
    for index, ch in enumerate(line):
        direction = _direction(ch)
        if direction == "rtl":
            start = index if start < 0 else start
            last = index
        elif (direction == "ltr" or ch in _LIST_SEPARATORS) and start >= 0:
            # "Speakers: A; B": two names of an English list are two isolates, or a reader
            # would show them in right-to-left order, B before A.
            runs.append((start, last + 1))
            start = -1
    if start >= 0:
        runs.append((start, last + 1))
    widened = []
    for begin, end in runs:
        inside = line[begin:end]
        opened = sum(inside.count(c) for c in _OPENING) - sum(inside.count(c) for c in _CLOSING)
        if opened < 0 and begin > 0 and line[begin - 1] in _OPENING:
            begin -= 1
        elif opened > 0 and end < len(line) and line[end] in _CLOSING:
            end += 1
        widened.append((begin, end))
    return widened


def isolate_rtl(text: str) -> str:
    """Each right-to-left stretch (an Urdu or Arabic name) of a left-to-right line wrapped in
    isolates: "Dear Dr \u2068احمد\u2069," so that a mail client or calendar does not let the
    name pull the comma or the next word into its order. A line that starts right to left
    (an Urdu paragraph) is left alone: its direction is its own; so is text with isolates."""
    if FSI in text or not any(_direction(ch) == "rtl" for ch in text):
        return text
    lines = []
    for line in text.split("\n"):
        first = next((d for d in map(_direction, line) if d), "")
        if first == "ltr":
            for begin, end in reversed(_rtl_runs(line)):
                line = f"{line[:begin]}{FSI}{line[begin:end]}{PDI}{line[end:]}"
        lines.append(line)
    return "\n".join(lines)


def ascii_slug(value: str, *, limit: int = 60, fallback: str = "file") -> str:
    """An ASCII file-name stem: letters, digits and hyphens only, accents folded.

    "Pakistan – Russia Relations" -> "pakistan-russia-relations"; a title in a script with no
    ASCII folding (Urdu, Chinese) gives ``fallback``. Never a Windows device name, never empty,
    never starting with a dot, so it is safe on every file system the organisers use.
    """
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_DROP.sub("-", folded).strip("-").lower()
    if len(slug) > limit:
        # Cut at a word boundary when one is near, so the name does not end mid-word.
        cut = slug[: limit + 1].rfind("-")
        slug = slug[: cut if cut > limit // 2 else limit].rstrip("-")
    if not slug or slug in _WINDOWS_RESERVED:
        return fallback
    return slug


def time_zone_label(sheet: Sheet) -> str:
    """ "Asia/Karachi, UTC+05:00" for a reader in another zone."""
    offset = sheet.when.starts_at.utcoffset()
    if offset is None:
        return sheet.when.time_zone
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sheet.when.time_zone}, UTC{sign}{hours:02d}:{rest:02d}"


def series_note(sheet: Sheet) -> str:
    """What the series label adds to the title, to write after it in brackets: "" when the
    title already says it all ("Weekly Policy Seminar: Session 1" of "Weekly Policy Seminar ·
    Session 1"), else the parts of the label the title lacks, so the series is said once."""
    title = one_line(sheet.title).casefold()
    parts = [one_line(part) for part in sheet.series_label.split("\u00b7")]
    return " \u00b7 ".join(part for part in parts if part and part.casefold() not in title)


def when_line(sheet: Sheet) -> str:
    """ "Tuesday, 12 March 2013 · 1700–1900 hours (Asia/Karachi, UTC+05:00) · Islamabad Club":
    the times name their zone, for a reader in another one (as an email draft's do)."""
    time = f"{sheet.when.time_range_text} ({time_zone_label(sheet)})"
    venue = one_line(sheet.venue.text) if sheet.venue is not None else ""
    return " \u00b7 ".join(part for part in (sheet.when.date_text, time, venue) if part)


def cast_lines(sheet: Sheet) -> list[str]:
    """ "Chair: Amb (R) Khalid Khattak", one line per role, as the sheet's audience may see it.

    People the audience may not learn about are one closing line ("4 speakers, names withheld
    under the rule"), not "Speakers: a speaker; a speaker".
    """
    lines = []
    for group in sheet.cast:
        names = [one_line(p.name) for p in group.people if p.name and not p.withheld]
        if names:
            lines.append(f"{group.label}: {'; '.join(names)}")
    if sheet.cast_withheld:
        lines.append(f"{sheet.cast_withheld}.")
    return lines


def event_summary_lines(sheet: Sheet) -> list[str]:
    """Date, time, venue and cast: the facts an invitee needs, one per line."""
    lines = [
        f"Date: {sheet.when.date_text}",
        f"Time: {sheet.when.time_range_text} ({time_zone_label(sheet)})",
    ]
    if sheet.venue is not None:
        lines.append(f"Venue: {one_line(sheet.venue.text)}")
        if sheet.venue.address:
            lines.append(f"Address: {one_line(sheet.venue.address)}")
    return lines


def rule_sentence(sheet: Sheet, *, past: bool) -> str:
    """ "The roundtable will be held under the Chatham House Rule." ("" when on the record)."""
    noun = one_line(sheet.format_label or "event").lower()
    verb = "was held" if past else "will be held"
    if sheet.rule == "chatham_house":
        return f"The {noun} {verb} under the Chatham House Rule."
    if sheet.rule == "not_for_attribution":
        return f"The {noun} {verb} on a not-for-attribution basis."
    if sheet.rule == "off_the_record":
        return f"The {noun} {verb} off the record."
    if sheet.rule == "on_the_record":
        return ""
    return f"The {noun} {verb} under the rule: {one_line(sheet.rule_label)}."


def notice_paragraphs(sheet: Sheet) -> list[str]:
    """The rule's notices: "Chatham House Rule: When a meeting ..." (and any agenda item's)."""
    paragraphs = []
    for notice in sheet.notices:
        heading = notice.title if not notice.scope else f"{notice.title} ({notice.scope})"
        paragraphs.append(f"{heading}: {notice.text}")
    return paragraphs


def event_description(sheet: Sheet) -> str:
    """The plain-text description of an event for a calendar entry: built only from the sheet."""
    parts: list[str] = []
    heading: list[str] = []
    for candidate in (sheet.subtitle, sheet.series_label, sheet.format_label):
        # A subtitle that repeats the series' title says nothing the series label does not.
        if candidate and not any(
            candidate in other for other in (*heading, sheet.series_label) if other is not candidate
        ):
            heading.append(candidate)
    if heading:
        parts.append("\n".join(one_line(x) for x in heading))
    parts.append(when_line(sheet))
    cast = cast_lines(sheet)
    if cast:
        parts.append("\n".join(cast))
    parts.extend(notice_paragraphs(sheet))
    if sheet.concept_note:
        parts.append(sheet.concept_note.strip())
    if sheet.key_issues:
        parts.append(
            "Key issues:\n"
            + "\n".join(f"{n}. {one_line(q)}" for n, q in enumerate(sheet.key_issues, 1))
        )
    if sheet.report is not None and sheet.report.url:
        parts.append(f"Report: {sheet.report.url}")
    if sheet.contact:
        parts.append(f"Contact: {one_line(sheet.contact)}")
    return "\n\n".join(p for p in parts if p)
