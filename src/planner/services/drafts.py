"""An email draft made in memory, and the attachments every kind of draft shares."""

from __future__ import annotations

from dataclasses import dataclass

from planner.policy.sheet import Sheet


@dataclass(frozen=True)
class Draft:
    filename: str
    content: bytes
    # Who it is for, for the GUI's list ("Dear General Owais", "no address on file").
    recipient: str
    has_address: bool


def pdf_name(label: str, sheet: Sheet) -> str:
    # An ASCII hyphen, not a dash: an English title then gives a plain ASCII file name that
    # even readers without RFC 2231 (munpack) save under its name.
    return f"{label} - {sheet.short_title or sheet.title}.pdf"


def render_pdf(kind: str, sheet: Sheet) -> bytes:
    from planner.documents import render

    return render(kind, sheet)
