"""What went out, and what of it is now out of date (DOMAIN.md, "Dispatch").

Every invitation, reminder, update or cancellation written for a person, and every document
printed, saved or opened, is remembered as a ``Dispatch`` row with a fingerprint of what it
showed:

- a message: the time, the place (venue and room), the title, the cast, the attribution rule
  and the agenda as the attendees' sheet shows them (what the invitee read:
  :func:`message_facets`);
- a document: the whole sheet it was rendered from (:func:`sheet_fingerprint`), with the same
  facets kept in words to say what changed.

:func:`out_of_date` compares them with the event as it is now: the messages whose facts changed
(an update is due), the people sent an invitation who are no longer linked to the event (a
cancellation is due), and the documents whose sheet changed (a fresh copy is due). Sending the
update or printing the fresh copy records a new dispatch, which is current again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from planner.config import current_user
from planner.documents import DEFAULT_AUDIENCE, TITLES, document_kind
from planner.model import (
    MESSAGE_KINDS,
    AgendaItem,
    AgendaPerson,
    Dispatch,
    DispatchKind,
    Event,
    Invitation,
    InvitationStatus,
    Participation,
    Person,
)
from planner.model.enums import AttributionRule
from planner.policy.fingerprints import (
    ChangedFact,
    changed_facets,
    changed_facts,
    facets_fingerprint,
    facts_phrase,
    merged_facts,
    message_facets,
    sheet_fingerprint,
)
from planner.policy.names import full_style
from planner.policy.rules import RULE_PHRASES
from planner.policy.sheet import Audience
from planner.services.invitations import Recipients, choose_each
from planner.services.operations import Insert, Operation, Record
from planner.services.sheets import build_for
from planner.store import Database

# How a document went out, as the bar says it ("the printed programme").
DOCUMENT_HOW = ("printed", "saved", "opened")


# --- recording ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """One message written for one person (see :func:`record_messages`)."""

    person_id: int
    kind: DispatchKind
    sequence: int
    facets: Mapping[str, Any]
    how: str = "drafted"


def record_messages(
    event_id: int, sent: Sequence[Sent], when: datetime, text: str
) -> list[Operation]:
    """The inserts that remember ``sent`` (undoable with the edit that holds them)."""
    by = current_user()[:200]
    return [
        Insert(
            Record.DISPATCH,
            {
                "event_id": event_id,
                "person_id": item.person_id,
                "kind": item.kind,
                "audience": Audience.ATTENDEES.value,
                "how": item.how,
                "sequence": item.sequence,
                "fingerprint": facets_fingerprint(item.facets),
                "shown": dict(item.facets),
                "at": when,
                "by": by,
            },
            text,
            event_id,
        )
        for item in sent
    ]


def record_document(
    db: Database,
    event_id: int,
    document: str,
    audience: Audience | str,
    sheet_print: str,
    facets: Mapping[str, Any],
    how: str,
    *,
    when: datetime | None = None,
) -> None:
    """Remember that a document rendered from a sheet with fingerprint ``sheet_print`` was
    ``how`` ("printed", "saved", "opened"). A fact, not an edit: it is not undone."""
    with db.session() as session:
        session.add(
            Dispatch(
                event_id=event_id,
                person_id=None,
                kind=DispatchKind.DOCUMENT,
                document=str(document),
                audience=str(Audience(audience).value),
                how=how,
                sequence=0,
                fingerprint=sheet_print,
                shown=dict(facets),
                at=when or datetime.now(UTC),
                by=current_user()[:200],
            )
        )


# --- what is out of date ----------------------------------------------------------------------


@dataclass(frozen=True)
class StaleMessage:
    """A person whose last message states facts that have changed since."""

    person_id: int
    name: str
    kind: DispatchKind
    at: datetime
    sequence: int
    changed: tuple[str, ...]  # the facets (policy.fingerprints.FACETS) that differ
    facts: tuple[ChangedFact, ...] = ()  # what they are, as a notice names them


@dataclass(frozen=True)
class Withdrawn:
    """A person sent an invitation who is no longer linked to the event (or the event was
    cancelled): a cancellation is due."""

    person_id: int
    name: str
    at: datetime
    sequence: int


@dataclass(frozen=True)
class Unwritten:
    """Someone in the cast who was never written to about the event, while others were: a
    chair added the night before in place of one who cancelled. An invitation is due."""

    person_id: int
    name: str


@dataclass(frozen=True)
class StaleDocument:
    document: str
    audience: str
    how: str
    at: datetime
    changed: tuple[str, ...]  # empty: something else on the sheet changed
    facts: tuple[ChangedFact, ...] = ()

    @property
    def label(self) -> str:
        """ "the printed programme"."""
        return f"the {self.how} {TITLES[document_kind(self.document)]}"


@dataclass(frozen=True)
class OutOfDate:
    messages: tuple[StaleMessage, ...] = ()
    withdrawn: tuple[Withdrawn, ...] = ()
    documents: tuple[StaleDocument, ...] = ()
    # The event's rule now (an AttributionRule value), to say what it became when it changed.
    rule: str = ""
    # People the event's contact still names who no longer take part: every update and fresh
    # copy would print them (said beside what is out of date; no update fixes it).
    contact_gone: tuple[str, ...] = ()
    unwritten: tuple[Unwritten, ...] = ()

    @property
    def current(self) -> bool:
        return not (self.messages or self.withdrawn or self.documents or self.unwritten)

    def facts(self) -> tuple[ChangedFact, ...]:
        """What changed, over every stale message and document, each named once."""
        return merged_facts([*(m.facts for m in self.messages), *(d.facts for d in self.documents)])

    def message_facts(self) -> tuple[ChangedFact, ...]:
        """What changed for the people an update goes to (the messages only)."""
        return merged_facts([m.facts for m in self.messages])

    def sentence(self) -> str:
        """ "3 invitations and the printed programme show the old time." ("" when current)."""
        parts: list[str] = []
        items: list[str] = []
        if self.messages:
            n = len(self.messages)
            items.append(f"{n} invitation{'s' if n != 1 else ''}")
        items += [d.label for d in self.documents]
        if items:
            plural = len(items) > 1 or len(self.messages) > 1
            changed = self.facts()
            facts, _plural = facts_phrase(changed)
            whole = any(not d.changed for d in self.documents)
            if facts and not whole:
                what = "the old " + facts
            elif facts:
                what = "the old " + facts + " or other earlier details"
            else:
                what = "earlier details of the event"
            verb = "show" if plural else "shows"
            sentence = f"{and_list(items)} {verb} {what}."
            if self.rule and any(fact.name == "rule" for fact in changed):
                # What guests were told the rule is, they may repeat: say what it is now.
                phrase = RULE_PHRASES[AttributionRule(self.rule)]
                sentence = f"{sentence[:-1]}: the event is now {phrase}."
            parts.append(sentence[0].upper() + sentence[1:])
        if self.withdrawn:
            names = and_list([w.name for w in self.withdrawn])
            several = len(self.withdrawn) > 1
            has, takes = ("have", "take") if several else ("has", "takes")
            parts.append(
                f"{names} {has} an invitation but no longer {takes} part: send a cancellation."
            )
        if self.unwritten:
            names = and_list([u.name for u in self.unwritten])
            several = len(self.unwritten) > 1
            verb = "are" if several else "is"
            has = "have" if several else "has"
            parts.append(
                f"{names} {verb} in the cast but {has} not been written to: "
                f"write {'them invitations' if several else 'an invitation'}."
            )
        if self.contact_gone and parts:
            takes = "take" if len(self.contact_gone) > 1 else "takes"
            parts.append(
                f"The contact still names {and_list(list(self.contact_gone))}, who no longer "
                f"{takes} part: change it (Details) before writing updates."
            )
        return " ".join(parts)


def and_list(words: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _linked_people(db: Database, event_id: int) -> tuple[set[int], set[int]]:
    """Who is linked to the event now (cast, agenda, invitations), and who of them declined."""
    with db.session(write=False) as session:
        cast = set(
            session.scalars(
                select(Participation.person_id).where(Participation.event_id == event_id)
            )
        )
        parts = set(
            session.scalars(
                select(AgendaPerson.person_id)
                .join(AgendaItem, AgendaItem.id == AgendaPerson.agenda_item_id)
                .where(AgendaItem.event_id == event_id)
            )
        )
        invitations = session.execute(
            select(Invitation.person_id, Invitation.status).where(Invitation.event_id == event_id)
        ).all()
    declined = {pid for pid, status in invitations if status == InvitationStatus.DECLINED}
    return cast | parts | {pid for pid, _s in invitations}, declined


def latest_messages(db: Database, event_id: int) -> dict[int, Dispatch]:
    """Each person's latest message about the event (detached rows), by person id."""
    with db.session(write=False) as session:
        rows = session.scalars(
            select(Dispatch)
            .where(
                Dispatch.event_id == event_id,
                Dispatch.kind.in_([k.value for k in MESSAGE_KINDS]),
            )
            .order_by(Dispatch.at, Dispatch.id)
        ).all()
        session.expunge_all()
    latest: dict[int, Dispatch] = {}
    for row in rows:
        if row.person_id is not None:
            latest[row.person_id] = row
    return latest


def _names(db: Database, person_ids: Iterable[int]) -> dict[int, str]:
    ids = list(person_ids)
    if not ids:
        return {}
    with db.session(write=False) as session:
        people = session.scalars(select(Person).where(Person.id.in_(ids))).all()
        return {p.id: full_style(p) for p in people}


def out_of_date(db: Database, event_id: int) -> OutOfDate:
    """What was sent or printed for the event and no longer shows it as it is."""
    latest = latest_messages(db, event_id)
    with db.session(write=False) as session:
        documents = session.scalars(
            select(Dispatch)
            .where(Dispatch.event_id == event_id, Dispatch.kind == DispatchKind.DOCUMENT)
            .order_by(Dispatch.at, Dispatch.id)
        ).all()
        session.expunge_all()
        status = session.scalar(select(Event.status).where(Event.id == event_id))
    if not latest and not documents:
        return OutOfDate()
    audiences = sorted({Audience.ATTENDEES, *(Audience(d.audience) for d in documents)})
    sheets = dict(zip(audiences, build_for(db, event_id, *audiences), strict=True))
    now = message_facets(sheets[Audience.ATTENDEES])
    linked, declined = _linked_people(db, event_id)
    cancelled = status is not None and status.value == "cancelled"
    names = _names(db, latest)
    messages: list[StaleMessage] = []
    withdrawn: list[Withdrawn] = []
    for person_id, row in latest.items():
        if row.kind is DispatchKind.CANCELLATION or person_id in declined:
            continue
        name = names.get(person_id, "someone")
        if cancelled or person_id not in linked:
            withdrawn.append(Withdrawn(person_id, name, row.at, row.sequence))
        elif changed := changed_facets(row.shown or {}, now):
            facts = changed_facts(row.shown or {}, now)
            messages.append(
                StaleMessage(person_id, name, row.kind, row.at, row.sequence, changed, facts)
            )
    last_documents: dict[tuple[str, str], Dispatch] = {}
    for row in documents:
        last_documents[(row.document, row.audience)] = row
    stale_documents = []
    for (document, audience), row in last_documents.items():
        sheet = sheets[Audience(audience)]
        if row.fingerprint != sheet_fingerprint(sheet):
            facets = message_facets(sheet)
            changed = changed_facets(row.shown or {}, facets)
            facts = changed_facts(row.shown or {}, facets)
            stale_documents.append(
                StaleDocument(document, audience, row.how, row.at, changed, facts)
            )
    messages.sort(key=lambda m: m.name.casefold())
    withdrawn.sort(key=lambda w: w.name.casefold())
    stale_documents.sort(key=lambda d: d.at)
    rule = sheets[Audience.ATTENDEES].rule
    unwritten: list[Unwritten] = []
    # Only where the cast is written to from here (someone in it, or someone since dropped
    # from the event, was sent a message): an organiser who asks speakers by telephone is not
    # told, after every batch of invitations, that they were never written to.
    cast, new_cast = choose_each(db, event_id, [Recipients.CAST, Recipients.NEW_CAST])
    in_cast = set(cast)
    if not cancelled and any(pid in in_cast or pid not in linked for pid in latest):
        new_names = _names(db, new_cast)
        unwritten = sorted(
            (Unwritten(pid, new_names.get(pid, "someone")) for pid in new_cast),
            key=lambda u: u.name.casefold(),
        )
    gone: tuple[str, ...] = ()
    if messages or withdrawn or stale_documents or unwritten:
        from planner.services.event_contact import contact_gone_names

        gone = contact_gone_names(db, event_id)
    return OutOfDate(
        tuple(messages),
        tuple(withdrawn),
        tuple(stale_documents),
        rule=rule,
        contact_gone=gone,
        unwritten=tuple(unwritten),
    )


def default_audience(document: str) -> Audience:
    return DEFAULT_AUDIENCE[document_kind(document)]
