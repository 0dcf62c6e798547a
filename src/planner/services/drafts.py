"""An email draft made in memory, and the attachments every kind of draft shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.config import data_dir
from planner.policy.sheet import Sheet
from planner.store import Database
from planner.store.backup import folder_name, sqlite_url_path


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


def outbox_folder(db: Database, event_id: int, kind: str, now: datetime | None = None) -> Path:
    """A new folder in the user data folder for one batch of the window's drafts:
    ``outbox/<database>/event-<id>/<kind>-<local time>`` (not yet made).

    One folder a batch, so that the folder the window opens holds this batch alone: with one
    folder for every batch, the invitation to a chair who had since cancelled lay beside the
    new chair's, and numbers shifted between batches. One folder a database: two files each
    with an event 1 shared one before.
    """
    file = sqlite_url_path(db.url)
    moment = (now or datetime.now()).astimezone()
    base = data_dir() / "outbox" / folder_name(file or db.url) / f"event-{event_id}"
    name = f"{kind}-{moment:%Y-%m-%d-%H%M%S}"
    folder, n = base / name, 1
    while folder.exists():  # two batches within a second
        n += 1
        folder = base / f"{name}-{n}"
    return folder
