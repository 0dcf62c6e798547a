"""Invitations, reminders, updates and cancellations as email drafts, one per person, and the
edit that remembers them.

Every draft is rendered from sheets like any other export (services/exports.py explains which):
the attendees' sheet for the text, the programme and the calendar entry; the organisers' entry
of the one addressee (``policy.build.recipient_entries``) for their address and salutation.
A batch comes back with one :class:`~planner.services.operations.Operation` that marks the
invitations as sent (for an invitation), records a ``Dispatch`` per draft with the fingerprint
of what it states, and raises the event's calendar SEQUENCE to the one the drafts carry. The
window pushes it as one undoable step; the command line applies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from planner.errors import PlannerError
from planner.exports.eml import (
    Attachment,
    cancellation_message,
    draft_filename,
    invitation_message,
    message_bytes,
    reminder_message,
    update_message,
)
from planner.exports.ics import Method, render_ics
from planner.exports.text import ascii_slug
from planner.model import MESSAGE_KINDS, DispatchKind
from planner.model.enums import AttributionRule
from planner.policy.fingerprints import changed_facets, facts_phrase, message_facets
from planner.policy.rules import RULE_PHRASES
from planner.policy.sheet import Audience, ParticipantEntry, Sheet
from planner.services.dispatches import Sent, latest_messages, out_of_date, record_messages
from planner.services.drafts import Draft, pdf_name, render_pdf
from planner.services.invitations import Recipients, choose_recipients, now_utc
from planner.services.operations import Batch, Operation, Record, SetField
from planner.services.sheets import build
from planner.store import Database


@dataclass(frozen=True)
class DraftBatch:
    """Drafts made in memory and the edit that records them (None when there are none)."""

    kind: DispatchKind
    drafts: tuple[Draft, ...]
    operation: Operation | None


def _entries_by_id(
    db: Database, event_id: int, person_ids: Sequence[int]
) -> list[tuple[int, ParticipantEntry]]:
    from planner.policy.build import recipient_entries

    with db.session(write=False) as session:
        entries = recipient_entries(session, event_id, person_ids)
    pairs = [(pid, entries[pid]) for pid in person_ids if pid in entries]
    pairs.sort(key=lambda pair: (pair[1].person.sort_key, pair[1].person.name))
    return pairs


def _calendar(
    sheet: Sheet,
    method: Method,
    entry: ParticipantEntry,
    now: datetime,
    sequence: int,
    *,
    recipient_only: bool = False,
) -> Attachment:
    name = f"{ascii_slug(sheet.short_title or sheet.title, fallback='event')}.ics"
    try:
        data = render_ics(
            [sheet],
            method,
            recipients={sheet.event_id: entry},
            now=now,
            sequence_at_least=sequence,
            recipient_only=recipient_only,
        )
        params: tuple[tuple[str, str], ...] = (("method", method.value.upper()),)
    except PlannerError:
        if method is Method.CANCEL:
            raise
        # No organiser address to reply to: an entry to add to the calendar instead.
        data = render_ics([sheet], Method.PUBLISH, now=now, sequence_at_least=sequence)
        params = (("method", "PUBLISH"),)
    return Attachment(name, data, "text", "calendar", params)


def _refuse_cancelled(sheet: Sheet) -> None:
    if sheet.status == "cancelled":
        raise PlannerError(
            f"{sheet.title} is cancelled: send a cancellation instead "
            f"(planner export ics {sheet.event_id} --method cancel)"
        )


def _sequence(sheet: Sheet, last_sequence: int | None, same_facts: bool) -> int:
    """The SEQUENCE a calendar entry to one person carries: the event's, and above the entry
    they hold when its facts changed since."""
    if last_sequence is None:
        return sheet.sequence
    return max(sheet.sequence, last_sequence + (0 if same_facts else 1))


def _batch(
    db: Database,
    event_id: int,
    kind: DispatchKind,
    person_ids: Sequence[int],
    now: datetime | None,
    *,
    changes: Sequence[str] = (),
    changes_plural: bool = False,
    rule_changed: bool = False,
) -> DraftBatch:
    moment = (now or now_utc()).replace(microsecond=0)
    attendees = build(db, event_id, Audience.ATTENDEES)
    if kind is not DispatchKind.CANCELLATION:
        _refuse_cancelled(attendees)
    pairs = _entries_by_id(db, event_id, person_ids)
    if not pairs:
        return DraftBatch(kind, (), None)
    facets = message_facets(attendees)
    latest = latest_messages(db, event_id)
    programme: list[Attachment] = []
    if kind is not DispatchKind.CANCELLATION:
        pdf = render_pdf("programme", attendees)
        programme = [Attachment(pdf_name("Programme", attendees), pdf, "application", "pdf")]
    drafts: list[Draft] = []
    sent: list[Sent] = []
    top = attendees.sequence
    for number, (person_id, entry) in enumerate(pairs, 1):
        last = latest.get(person_id)
        same = last is not None and not changed_facets(last.shown or {}, facets)
        sequence = _sequence(attendees, last.sequence if last else None, same)
        invitee = entry.person
        if kind is DispatchKind.CANCELLATION:
            # Above the entry they hold; render_ics itself goes one above the stored counter
            # when the event is not cancelled.
            above = (last.sequence + 1) if last is not None else 0
            cancelled = attendees.status == "cancelled"
            sequence = max(attendees.sequence + (0 if cancelled else 1), above)
            calendar = _calendar(
                attendees, Method.CANCEL, entry, moment, sequence, recipient_only=True
            )
            message = cancellation_message(attendees, invitee, [calendar], now=moment)
        else:
            calendar = _calendar(attendees, Method.REQUEST, entry, moment, sequence)
            attachments = [*programme, calendar]
            if kind is DispatchKind.INVITATION:
                message = invitation_message(attendees, invitee, attachments, now=moment)
            elif kind is DispatchKind.REMINDER:
                sent_on = f"{last.at:%d %B %Y}".lstrip("0") if last is not None else ""
                message = reminder_message(
                    attendees, invitee, attachments, sent_on=sent_on, now=moment
                )
            else:
                rule_now = RULE_PHRASES[AttributionRule(attendees.rule)] if rule_changed else ""
                message = update_message(
                    attendees,
                    invitee,
                    attachments,
                    changes=changes,
                    plural=changes_plural,
                    rule_now=rule_now,
                    now=moment,
                )
        top = max(top, sequence)
        drafts.append(
            Draft(
                filename=draft_filename(kind.value, number, invitee),
                content=message_bytes(message),
                recipient=invitee.name,
                has_address="To" in message,
            )
        )
        sent.append(Sent(person_id, kind, sequence, facets))
    return DraftBatch(kind, tuple(drafts), _operation(db, event_id, kind, sent, moment, top))


def _operation(
    db: Database,
    event_id: int,
    kind: DispatchKind,
    sent: Sequence[Sent],
    when: datetime,
    sequence: int,
) -> Operation:
    from planner.model.labels import DISPATCH_KIND_LABELS

    noun = DISPATCH_KIND_LABELS[kind]
    text = f"Write {len(sent)} {noun} draft{'s' if len(sent) != 1 else ''}"
    operations: list[Operation] = []
    if kind is DispatchKind.INVITATION:
        from planner.services.invitations import invitation_ids

        for invitation_id in invitation_ids(db, event_id, [s.person_id for s in sent]):
            operations.append(
                SetField(Record.INVITATION, invitation_id, "sent_at", when, text, event_id, False)
            )
    operations += record_messages(event_id, sent, when, text)
    # The event's own counter follows the highest SEQUENCE sent, so a calendar exported later
    # (PUBLISH, a shared REQUEST) is not taken for an older version.
    operations.append(SetField(Record.EVENT, event_id, "sequence", sequence, text, event_id, False))
    return Batch(text, tuple(operations), event_id)


def marked_sent(
    db: Database, event_id: int, invitation_ids: Sequence[int], when: datetime
) -> Operation:
    """ "Mark Sent": the invitations were sent by other means (a letter, a mail written by
    hand), as the event is now. One edit: their sending date, and a dispatch each, so an edit
    later makes them out of date like drafts written here."""
    from planner.services.invitations import invitation_people

    attendees = build(db, event_id, Audience.ATTENDEES)
    facets = message_facets(attendees)
    people = invitation_people(db, event_id, invitation_ids)
    n = len(people)
    text = f"Mark {n} invitation{'s' if n != 1 else ''} sent"
    operations: list[Operation] = [
        SetField(Record.INVITATION, invitation_id, "sent_at", when, text, event_id, False)
        for invitation_id in people
    ]
    sent = [
        Sent(person_id, DispatchKind.INVITATION, attendees.sequence, facets, "marked sent")
        for person_id in people.values()
    ]
    operations += record_messages(event_id, sent, when, text)
    return Batch(text, tuple(operations), event_id)


# --- the four kinds ------------------------------------------------------------------------------


def invitation_drafts(
    db: Database,
    event_id: int,
    choice: Recipients | str = Recipients.NEW,
    chosen: Sequence[int] = (),
    *,
    now: datetime | None = None,
) -> DraftBatch:
    """Invitations to the people ``choice`` names (by default those never sent one: not the
    cast, not those who answered); applying the operation marks each as sent now."""
    people = choose_recipients(db, event_id, choice, chosen)
    return _batch(db, event_id, DispatchKind.INVITATION, people, now)


def reminder_drafts(
    db: Database,
    event_id: int,
    choice: Recipients | str = Recipients.NO_REPLY,
    chosen: Sequence[int] = (),
    *,
    now: datetime | None = None,
) -> DraftBatch:
    """Reminders to invitees who were sent an invitation and have not answered."""
    people = choose_recipients(db, event_id, choice, chosen)
    no_reply = set(choose_recipients(db, event_id, Recipients.NO_REPLY))
    return _batch(db, event_id, DispatchKind.REMINDER, [p for p in people if p in no_reply], now)


def update_drafts(db: Database, event_id: int, *, now: datetime | None = None) -> DraftBatch:
    """Updates to everyone whose last message states facts that changed since (a REQUEST with
    a higher SEQUENCE and the same UID, replacing their calendar entry)."""
    stale = out_of_date(db, event_id)
    facts = stale.message_facts()
    words = [fact.word for fact in facts]
    people = [m.person_id for m in stale.messages]
    plural = facts_phrase(facts)[1]
    return _batch(
        db,
        event_id,
        DispatchKind.UPDATE,
        people,
        now,
        changes=words,
        changes_plural=plural,
        rule_changed=any(fact.name == "rule" for fact in facts),
    )


def cancellation_drafts(db: Database, event_id: int, *, now: datetime | None = None) -> DraftBatch:
    """Cancellations (METHOD:CANCEL, naming only the addressee) to everyone sent an invitation
    who no longer takes part, or to everyone sent one when the event is cancelled."""
    people = [w.person_id for w in out_of_date(db, event_id).withdrawn]
    return _batch(db, event_id, DispatchKind.CANCELLATION, people, now)


# --- by name, for the command line ---------------------------------------------------------------

# The message kinds by name: invitation, reminder, update, cancellation.
MESSAGE_NAMES = tuple(kind.value for kind in MESSAGE_KINDS)


def message_drafts(
    db: Database,
    event_id: int,
    kind: str,
    choice: Recipients | str = Recipients.NEW,
    *,
    now: datetime | None = None,
) -> DraftBatch:
    """The batch of ``kind`` (one of :data:`MESSAGE_NAMES`); ``choice`` picks the recipients
    of invitations and reminders (updates and cancellations go to whom they are due)."""
    if kind == "invitation":
        return invitation_drafts(db, event_id, choice, now=now)
    if kind == "reminder":
        return reminder_drafts(db, event_id, choice, now=now)
    if kind == "update":
        return update_drafts(db, event_id, now=now)
    if kind == "cancellation":
        return cancellation_drafts(db, event_id, now=now)
    raise PlannerError(f"unknown kind {kind!r}; use one of: {', '.join(MESSAGE_NAMES)}")
