"""An event's invitations: the rows the editor lists, whom a batch of drafts goes to, the counts
every view shows, and the edits on them.

Inviting is an ``Insert`` of an invitation, withdrawing one a ``Delete``, a status a
``SetField``; marking several as sent is one edit (:func:`mark_sent`), recording a reply one
edit per batch (:func:`record_reply`). Drafts are written by :mod:`.invitation_drafts`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.model import (
    CAST_ROLES,
    MESSAGE_KINDS,
    AgendaItem,
    AgendaPerson,
    Dispatch,
    DispatchKind,
    Event,
    EventStatus,
    Invitation,
    InvitationStatus,
    Participation,
    utcnow,
)
from planner.services.operations import Batch, Operation, Record, SetField
from planner.store import Database


@dataclass(frozen=True)
class InvitationRow:
    id: int
    person_id: int
    name: str
    affiliation: str
    status: InvitationStatus
    attended: bool | None
    sent_at: datetime | None = None
    reply_note: str = ""
    replied_at: datetime | None = None
    version: int = field(default=1, compare=False)  # as read (the window's edits build on it)


def mark_sent(
    invitation_ids: Sequence[int], when: datetime | None, text: str, event_id: int | None = None
) -> Operation:
    """Record ``when`` as the sending date of each invitation (None: not sent), as one edit;
    its inverse puts back each invitation's own earlier date."""
    return Batch(
        text,
        tuple(
            SetField(Record.INVITATION, invitation_id, "sent_at", when, text, event_id)
            for invitation_id in invitation_ids
        ),
        event_id,
    )


def record_reply(
    invitation_ids: Sequence[int],
    status: InvitationStatus,
    note: str,
    when: datetime,
    event_id: int | None = None,
) -> Operation:
    """Record one answer (accepted, declined, tentative; with the invitee's note) for each
    invitation, with the time it came in, as one edit."""
    label = status.value
    text = (
        f"Record reply ({label})"
        if len(invitation_ids) == 1
        else f"Record {len(invitation_ids)} replies ({label})"
    )
    operations: list[Operation] = []
    for invitation_id in invitation_ids:
        operations += [
            SetField(Record.INVITATION, invitation_id, "status", status, text, event_id, False),
            SetField(Record.INVITATION, invitation_id, "reply_note", note, text, event_id, False),
            SetField(Record.INVITATION, invitation_id, "replied_at", when, text, event_id, False),
        ]
    return Batch(text, tuple(operations), event_id)


# --- whom a batch of drafts goes to ----------------------------------------------------------


class Recipients(enum.StrEnum):
    """Whom a batch of invitation drafts is written for."""

    NEW = "new"  # invitees never sent one (the default: not the cast, not those who answered)
    INVITEES = "invitees"  # every invitee who has not declined
    NO_REPLY = "no-reply"  # sent one and have not answered
    CAST = "cast"  # chair, moderator, speakers and the rest of the programme
    # The cast never written to about the event: a chair added in place of one who cancelled.
    NEW_CAST = "new-cast"
    EVERYONE = "everyone"  # invitees and cast who have not declined
    CHOSEN = "chosen"  # the people picked by hand


RECIPIENT_LABELS: dict[Recipients, str] = {
    Recipients.NEW: "Not yet invited",
    Recipients.INVITEES: "All invitees",
    Recipients.NO_REPLY: "No reply yet",
    Recipients.CAST: "The cast",
    Recipients.NEW_CAST: "Cast not yet written to",
    Recipients.EVERYONE: "Invitees and cast",
    Recipients.CHOSEN: "The people selected",
}


@dataclass(frozen=True)
class _Linked:
    person_id: int
    invitation_id: int | None
    status: InvitationStatus | None
    sent_at: datetime | None
    in_cast: bool
    written: bool  # sent any message about the event (a Dispatch: invitation, update ...)


def _linked(session: Session, event_id: int) -> dict[int, _Linked]:
    """Everyone linked to the event: invitees, the cast (programme roles at the event or in
    an agenda item, as the policy counts them) and the other roles (participant, observer)."""
    roles = session.execute(
        select(Participation.person_id, Participation.role).where(
            Participation.event_id == event_id
        )
    ).all()
    parts = set(
        session.scalars(
            select(AgendaPerson.person_id)
            .join(AgendaItem, AgendaItem.id == AgendaPerson.agenda_item_id)
            .where(AgendaItem.event_id == event_id)
        )
    )
    cast = {pid for pid, role in roles if role in CAST_ROLES} | parts
    written = set(
        session.scalars(
            select(Dispatch.person_id).where(
                Dispatch.event_id == event_id,
                Dispatch.kind.in_([kind.value for kind in MESSAGE_KINDS]),
            )
        )
    )
    people: dict[int, _Linked] = {}
    for inv in session.scalars(select(Invitation).where(Invitation.event_id == event_id)):
        pid = inv.person_id
        people[pid] = _Linked(pid, inv.id, inv.status, inv.sent_at, pid in cast, pid in written)
    for person_id in (cast | {pid for pid, _r in roles}) - set(people):
        people[person_id] = _Linked(
            person_id, None, None, None, person_id in cast, person_id in written
        )
    return people


def _wanted(person: _Linked, choice: Recipients, chosen: frozenset[int]) -> bool:
    if person.status is InvitationStatus.DECLINED:
        return False
    invitee = person.invitation_id is not None
    if choice is Recipients.NEW:
        return (
            invitee
            and person.sent_at is None
            and person.status is InvitationStatus.INVITED
            and not person.in_cast
        )
    if choice is Recipients.INVITEES:
        return invitee
    if choice is Recipients.NO_REPLY:
        return invitee and person.sent_at is not None and person.status is InvitationStatus.INVITED
    if choice is Recipients.CAST:
        return person.in_cast
    if choice is Recipients.NEW_CAST:
        return person.in_cast and not person.written
    if choice is Recipients.EVERYONE:
        return True
    return person.person_id in chosen


def choose_recipients(
    db: Database,
    event_id: int,
    choice: Recipients | str = Recipients.NEW,
    chosen: Iterable[int] = (),
) -> list[int]:
    """The person ids ``choice`` names at the event (never anyone who declined)."""
    [ids] = choose_each(db, event_id, [Recipients(choice)], chosen)
    return ids


def choose_each(
    db: Database, event_id: int, choices: Sequence[Recipients], chosen: Iterable[int] = ()
) -> list[list[int]]:
    """:func:`choose_recipients` for each of ``choices``, the event's people read once."""
    picked = frozenset(chosen)
    with db.session(write=False) as session:
        people = _linked(session, event_id).values()
    return [sorted(p.person_id for p in people if _wanted(p, c, picked)) for c in choices]


def invitation_ids(db: Database, event_id: int, person_ids: Iterable[int]) -> list[int]:
    """The ids of the invitations of ``person_ids`` at the event (the cast who are not
    invitees have none)."""
    wanted = list(person_ids)
    with db.session(write=False) as session:
        return list(
            session.scalars(
                select(Invitation.id)
                .where(Invitation.event_id == event_id, Invitation.person_id.in_(wanted))
                .order_by(Invitation.id)
            )
        )


def invitation_people(db: Database, event_id: int, invitation_ids: Iterable[int]) -> dict[int, int]:
    """The person of each of ``invitation_ids`` at the event, by invitation id."""
    wanted = list(invitation_ids)
    with db.session(write=False) as session:
        rows = session.execute(
            select(Invitation.id, Invitation.person_id).where(
                Invitation.event_id == event_id, Invitation.id.in_(wanted)
            )
        ).all()
    return {invitation_id: person_id for invitation_id, person_id in rows}


# --- the counts every view shows -------------------------------------------------------------


@dataclass(frozen=True)
class InvitationCounts:
    """One event's invitations and what its cast still lacks: the header, the Invitations
    section and the Checks section all show these, from this one function.

    ``invited`` counts everyone invited: each invitation row (a guest, or someone of the cast
    who was also put on the list) and each member of the cast who was sent an invitation
    (drafted or marked sent) without one. ``cast`` says how many of them are in the cast;
    ``in_programme`` how many of those have no invitation row, so no answer of theirs is
    recorded: the answers (accepted ... no reply) add up to ``invited - in_programme``."""

    invited: int
    accepted: int
    declined: int
    tentative: int
    no_reply: int
    not_sent: int
    attended: int
    still_needed: tuple[str, ...]
    cast: int = 0
    in_programme: int = 0

    @property
    def guests(self) -> int:
        return self.invited - self.cast

    def line(self, *, keep_parts_whole: bool = False) -> str:
        """ "12 invited · 5 accepted · 2 declined · 1 tentative · 4 no reply"; with the cast
        among them, "15 invited (12 guests, 3 of the cast) · ...". ``keep_parts_whole``: each
        part's spaces are non-breaking, so a label that wraps the line wraps it between parts
        ("1 not sent yet" never becomes "1 not" and "sent yet")."""
        invited = f"{self.invited} invited"
        if self.cast:
            guests = f"{self.guests} guest{'s' if self.guests != 1 else ''}"
            invited += f" ({guests}, {self.cast} of the cast)"
        parts = [
            invited,
            f"{self.accepted} accepted",
            f"{self.declined} declined",
            f"{self.tentative} tentative",
            f"{self.no_reply} no reply",
        ]
        if self.not_sent:
            parts.append(f"{self.not_sent} not sent yet")
        if keep_parts_whole:
            parts = [part.replace(" ", "\u00a0") for part in parts]
        return " · ".join(parts)

    def programme_text(self) -> str:
        """Why the answers add up to fewer than the invited ("" when they do not)."""
        n = self.in_programme
        if not n:
            return ""
        if n == 1:
            return (
                "1 of the cast was sent an invitation without being on this list: "
                "no answer of theirs is recorded (invite them here to record one)."
            )
        return (
            f"{n} of the cast were sent an invitation without being on this list: "
            "no answer of theirs is recorded (invite them here to record one)."
        )

    def needed_text(self) -> str:
        """ "Still needed: 2 speakers, a moderator" ("" when nothing is)."""
        return ("Still needed: " + ", ".join(self.still_needed)) if self.still_needed else ""


def still_needed(db: Database, event_id: int) -> list[str]:
    """What the event's format still needs in its cast ("2 speakers"), for an event still to
    come; nothing for one held, past, cancelled or postponed (the checks ask nothing of it)."""
    from planner.services.cast import missing_cast

    with db.session(write=False) as session:
        event = session.get(Event, event_id)
        if event is None:
            return []
        inactive = event.status in (EventStatus.CANCELLED, EventStatus.POSTPONED)
        if inactive or event.status is EventStatus.HELD or event.ends_at <= utcnow():
            return []
    return missing_cast(db, event_id)


def invitation_counts(db: Database, event_id: int) -> InvitationCounts:
    with db.session(write=False) as session:
        rows = session.execute(
            select(
                Invitation.person_id, Invitation.status, Invitation.sent_at, Invitation.attended
            ).where(Invitation.event_id == event_id)
        ).all()
        cast = {p.person_id for p in _linked(session, event_id).values() if p.in_cast}
        # The cast are not on the invitation list; a draft written (or marked sent) to one
        # of them is an invitation all the same, and its dispatch says so.
        sent_to = set(
            session.scalars(
                select(Dispatch.person_id).where(
                    Dispatch.event_id == event_id, Dispatch.kind == DispatchKind.INVITATION
                )
            )
        )
    listed = {person_id for person_id, *_rest in rows}
    in_programme = (cast & sent_to) - listed
    tally = dict.fromkeys(InvitationStatus, 0)
    for _person, status, _sent, _attended in rows:
        tally[status] += 1
    return InvitationCounts(
        invited=len(rows) + len(in_programme),
        accepted=tally[InvitationStatus.ACCEPTED],
        declined=tally[InvitationStatus.DECLINED],
        tentative=tally[InvitationStatus.TENTATIVE],
        no_reply=tally[InvitationStatus.INVITED],
        not_sent=sum(1 for _p, _s, sent, _a in rows if sent is None),
        attended=sum(1 for _p, _s, _sent, attended in rows if attended),
        still_needed=tuple(still_needed(db, event_id)),
        cast=len(cast & (listed | in_programme)),
        in_programme=len(in_programme),
    )


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
