"""Exports the GUI and the CLI share: each builds the sheets it needs with the policy, hands them
to a renderer in ``planner.exports`` and writes the result atomically (a temporary file in the
same folder, then a rename), so a half-written .ics or .eml never replaces a good one.

Which sheet feeds what (DOMAIN.md, "What each document may show, by audience"):

- calendar, PUBLISH: the public sheet; REQUEST/CANCEL: the attendees' sheet, whose
  ``invitation_list`` says who every invitation may name (the policy's decision: under any rule
  but on the record, no one but the organiser); one copy per invitee adds that invitee, their
  entry taken from the organisers' sheet;
- invitation drafts: the attendees' sheet for the text and the programme PDF, the organisers'
  sheet for each invitee's address and salutation; each invitee's .ics is that invitee's copy
  (above), so no invitation reveals who else was asked unless the rule and their consent allow;
- briefing draft: the organisers' sheet (confidential);
- report draft: the public sheet and report, the distribution list in Bcc;
- participant CSV: the organisers' sheet; people CSV: the directory (organisers' own data);
- web announcement: the public sheet.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from planner.errors import PlannerError, not_found
from planner.exports.announcement import render_announcement_html, render_announcement_markdown
from planner.exports.contacts import PERSON_FIELDS, PersonRecord
from planner.exports.eml import (
    Attachment,
    briefing_message,
    draft_filename,
    message_bytes,
    report_message,
)
from planner.exports.ics import Method, render_ics, valid_email
from planner.exports.people_csv import render_participants_csv, render_people_csv
from planner.model import Event, Person, Series
from planner.policy.sheet import Audience, ParticipantEntry, PersonEntry, Sheet
from planner.services.drafts import Draft as Draft
from planner.services.drafts import pdf_name, render_pdf
from planner.services.sheets import build as build
from planner.services.sheets import build_for as build_for
from planner.store import Database
from planner.store.files import atomic_write as atomic_write  # its old home; callers use it

Progress = Callable[[int, int], None]


class DraftKind(enum.StrEnum):
    INVITATION = "invitation"
    BRIEFING = "briefing"
    REPORT = "report"


class AnnouncementFormat(enum.StrEnum):
    HTML = "html"
    MARKDOWN = "markdown"


# --- writing -------------------------------------------------------------------------------


def _out_dir(directory: Path) -> Path:
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise PlannerError(f"{directory} is a file; give a folder for the drafts")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlannerError(f"cannot create {directory}: {error.strerror or error}") from error
    return directory


# --- sheets --------------------------------------------------------------------------------


def series_event_ids(db: Database, series_id: int) -> tuple[str, list[int]]:
    """The series' title and its events in order of their start."""
    with db.session() as session:
        series = session.get(Series, series_id)
        if series is None:
            raise not_found("series", series_id)
        ids = session.scalars(
            select(Event.id).where(Event.series_id == series_id).order_by(Event.starts_at, Event.id)
        ).all()
        return series.title, list(ids)


# --- calendar ------------------------------------------------------------------------------


def ics_bytes(
    db: Database,
    *,
    event_id: int | None = None,
    series_id: int | None = None,
    method: Method | str = Method.PUBLISH,
    now: datetime | None = None,
) -> bytes:
    """The .ics of one event or of every event in a series."""
    if (event_id is None) == (series_id is None):
        raise PlannerError("give either an event or a series")
    method = _method(method)
    name = ""
    if event_id is not None:
        ids = [event_id]
    else:
        assert series_id is not None
        name, ids = series_event_ids(db, series_id)
        if not ids:
            raise PlannerError(f"the series {name!r} has no events yet")
    # PUBLISH goes to anyone: the public sheet. REQUEST and CANCEL go to the people invited:
    # the attendees' sheet, whose invitation list is all a copy for everyone may name.
    audience = Audience.PUBLIC if method is Method.PUBLISH else Audience.ATTENDEES
    sheets = [build(db, i, audience) for i in ids]
    return render_ics(sheets, method, calendar_name=name, now=now)


def _method(method: Method | str) -> Method:
    try:
        return Method(str(method).lower())
    except ValueError:
        raise PlannerError(
            f"unknown method {method!r}; use one of: publish, request, cancel"
        ) from None


def invitation_scope(sheet: Sheet, *, per_recipient: bool = False) -> str:
    """Whom an invitation built from ``sheet`` (the attendees') names, and why: for the line
    ``planner export ics --method request|cancel`` prints."""
    who = "its recipient and the organiser" if per_recipient else "the organiser"
    listed = len(sheet.invitation_list)
    if listed:
        people = "invitee who consented" if listed == 1 else "invitees who consented"
        return f"names {who} and the {listed} {people} to be named (on the record)"
    part = next((row for row in sheet.agenda if row.rule != "on_the_record"), None)
    if sheet.rule != "on_the_record":
        reason = (
            f"under the rule \u201c{sheet.rule_label}\u201d no invitation lists who else is invited"
        )
    elif part is not None:
        reason = (
            f"the part \u201c{part.title}\u201d is held under \u201c{part.rule_label}\u201d, "
            "so no invitation lists who else is invited"
        )
    else:
        reason = "no invitee has consented to be named"
    return f"names only {who}; {reason}"


def ics_copies(
    db: Database,
    event_id: int,
    method: Method | str = Method.REQUEST,
    *,
    now: datetime | None = None,
) -> list[Draft]:
    """One invitation (or cancellation) .ics per invitee who has not declined, each naming
    that invitee besides what the sheet's invitation list allows."""
    method = _method(method)
    if method is Method.PUBLISH:
        raise PlannerError("one copy per recipient is for --method request or cancel")
    attendees, organisers = build_for(db, event_id, Audience.ATTENDEES, Audience.ORGANISERS)
    entries = _invitee_entries(organisers)
    if not entries:
        raise PlannerError(f"{attendees.title}: nobody is invited yet")
    moment = (now or datetime.now(UTC)).replace(microsecond=0)
    kind = "invitation" if method is Method.REQUEST else "cancellation"
    copies = []
    for number, entry in enumerate(entries, 1):
        data = render_ics([attendees], method, recipients={event_id: entry}, now=moment)
        copies.append(
            Draft(
                filename=_with_suffix(draft_filename(kind, number, entry.person), ".ics"),
                content=data,
                recipient=entry.person.name,
                has_address=valid_email(entry.person.email),
            )
        )
    return copies


def _with_suffix(filename: str, suffix: str) -> str:
    return Path(filename).with_suffix(suffix).name


def write_ics(
    db: Database,
    path: Path,
    *,
    event_id: int | None = None,
    series_id: int | None = None,
    method: Method | str = Method.PUBLISH,
) -> Path:
    return atomic_write(path, ics_bytes(db, event_id=event_id, series_id=series_id, method=method))


# --- email drafts --------------------------------------------------------------------------


def _invitee_entries(organisers: Sheet) -> list[ParticipantEntry]:
    """Everyone linked to the event except those who declined, once each."""
    seen: set[str] = set()
    entries: list[ParticipantEntry] = []
    for entry in organisers.participants or ():
        if entry.status == "declined":
            continue
        key = entry.person.email.casefold() or f"{entry.person.sort_key}|{entry.person.name}"
        if key not in seen:
            seen.add(key)
            entries.append(entry)
    return entries


def _report_distribution(organisers: Sheet) -> list[PersonEntry]:
    """Who receives the report: those who came when attendance was taken, else all who did not
    decline; the cast always."""
    entries = [e for e in organisers.participants or () if e.status != "declined"]
    if any(e.attended is not None for e in entries):
        entries = [e for e in entries if e.attended or e.status == "cast"]
    return [e.person for e in entries]


def _invitation_drafts(db: Database, event_id: int, now: datetime) -> list[Draft]:
    """An invitation to everyone linked to the event who has not declined (``planner export
    eml --kind invitation``; the window chooses recipients: services.invitation_drafts)."""
    from planner.services.invitation_drafts import invitation_drafts
    from planner.services.invitations import Recipients

    batch = invitation_drafts(db, event_id, Recipients.EVERYONE, now=now)
    if not batch.drafts:
        raise PlannerError(
            f"{build(db, event_id, Audience.ATTENDEES).title}: nobody is invited yet"
        )
    return list(batch.drafts)


def _briefing_draft(db: Database, event_id: int, now: datetime) -> list[Draft]:
    organisers = build(db, event_id, Audience.ORGANISERS)
    note = Attachment(
        pdf_name("Briefing note", organisers),
        render_pdf("briefing", organisers),
        "application",
        "pdf",
    )
    message = briefing_message(organisers, [note], now=now)
    return [
        Draft(
            filename=draft_filename("briefing", 1),
            content=message_bytes(message),
            recipient="the chair and speakers",
            has_address="To" in message,
        )
    ]


def _report_draft(db: Database, event_id: int, now: datetime) -> list[Draft]:
    public = build(db, event_id, Audience.PUBLIC)
    # Refuse before rendering anything: report_message raises PolicyRefusal when the policy
    # refused the public report.
    placeholder = Attachment("report.pdf", b"", "application", "pdf")
    report_message(public, [], [placeholder], now=now)
    assert public.report is not None
    text = public.report
    attachments: list[Attachment] = []
    if text.summary.strip() or text.discussion.strip() or text.recommendations:
        pdf = render_pdf("report", public)
        attachments.append(Attachment(pdf_name("Report", public), pdf, "application", "pdf"))
    # Without text the report lives only at its address: the draft sends the link.
    organisers = build(db, event_id, Audience.ORGANISERS)
    message = report_message(public, _report_distribution(organisers), attachments, now=now)
    return [
        Draft(
            filename=draft_filename("report", 1),
            content=message_bytes(message),
            recipient="the organiser, distribution in Bcc",
            has_address="To" in message,
        )
    ]


def email_drafts(
    db: Database, event_id: int, kind: DraftKind | str, *, now: datetime | None = None
) -> list[Draft]:
    """The drafts of ``kind`` for one event, in memory (the GUI previews them)."""
    try:
        kind = DraftKind(str(kind))
    except ValueError:
        raise PlannerError(
            f"unknown draft kind {kind!r}; use one of: invitation, briefing, report"
        ) from None
    moment = (now or datetime.now(UTC)).replace(microsecond=0)
    if kind is DraftKind.INVITATION:
        return _invitation_drafts(db, event_id, moment)
    if kind is DraftKind.BRIEFING:
        return _briefing_draft(db, event_id, moment)
    return _report_draft(db, event_id, moment)


def write_email_drafts(
    db: Database,
    event_id: int,
    kind: DraftKind | str,
    out_dir: Path,
    *,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the drafts into ``out_dir`` (created if needed); the paths written, in order."""
    return write_drafts(email_drafts(db, event_id, kind), out_dir, progress=progress)


def write_drafts(
    drafts: Sequence[Draft], out_dir: Path, *, progress: Progress | None = None
) -> list[Path]:
    """Write drafts already made (see :func:`email_drafts`) into ``out_dir``."""
    folder = _out_dir(out_dir)
    paths = []
    for done, draft in enumerate(drafts, 1):
        paths.append(atomic_write(folder / draft.filename, draft.content))
        if progress is not None:
            progress(done, len(drafts))
    return paths


# --- CSV -----------------------------------------------------------------------------------


def directory_records(db: Database, *, batch: int = 500) -> Iterator[PersonRecord]:
    """Everyone in the directory, by family name, as plain records.

    Read in batches with a short session each, so a caller iterating slowly (writing a file,
    updating a progress bar) never holds a transaction open; 500 ids per ``IN`` stays under
    the 999 bound parameters of older SQLite builds.
    """
    order = (Person.family_name, Person.given_name, Person.id)
    with db.session() as session:
        ids = session.scalars(select(Person.id).order_by(*order)).all()
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with db.session() as session:
            rows = session.scalars(select(Person).where(Person.id.in_(chunk))).all()
            by_id = {p.id: p for p in rows}
            for person_id in chunk:
                person = by_id.get(person_id)
                if person is not None:
                    values = {f: getattr(person, f) or "" for f in PERSON_FIELDS}
                    yield PersonRecord(**values)


def write_people_csv(db: Database, path: Path, *, bom: bool = False) -> int:
    """The whole directory as CSV; returns how many people were written."""
    records = list(directory_records(db))
    atomic_write(path, render_people_csv(records, bom=bom))
    return len(records)


def write_participants_csv(db: Database, event_id: int, path: Path, *, bom: bool = False) -> int:
    """An event's participant list (organisers' audience) as CSV; returns the row count."""
    sheet = build(db, event_id, Audience.ORGANISERS)
    atomic_write(path, render_participants_csv(sheet, bom=bom))
    return len(sheet.participants or ())


# --- web announcement ----------------------------------------------------------------------


def announcement_bytes(
    db: Database, event_id: int, fmt: AnnouncementFormat | str = AnnouncementFormat.HTML
) -> bytes:
    try:
        fmt = AnnouncementFormat(str(fmt).lower())
    except ValueError:
        raise PlannerError(f"unknown format {fmt!r}; use html or markdown") from None
    sheet = build(db, event_id, Audience.PUBLIC)
    if fmt is AnnouncementFormat.MARKDOWN:
        return render_announcement_markdown(sheet)
    return render_announcement_html(sheet)


def write_announcement(
    db: Database,
    event_id: int,
    path: Path,
    fmt: AnnouncementFormat | str = AnnouncementFormat.HTML,
) -> Path:
    return atomic_write(path, announcement_bytes(db, event_id, fmt))
