"""The event's contact on the day (``Event.contact``: free text such as "Ms Noor ul Ain Malik,
+92 300 000 0303") and the people of the directory it names.

The contact is typed, not picked, so a person is found in it the way the report checker finds
one (:class:`~planner.policy.checker.NameScanner`), but only by the forms that say who it is:
the full style, the name, the short style, an honorific with the family name or the name;
never a family name, a given name or an affiliation alone, which many people share. Then:

- the checks warn when the contact names someone no longer linked to the event (taken out of
  the cast, an organiser removed, an invitation withdrawn or declined): the documents and
  drafts would print a contact who no longer has anything to do with it;
- deleting a person from the directory empties the contact of every event that names them,
  as part of the delete (undo puts it back): a deleted person is never printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from planner.findings import Finding, Severity
from planner.model import (
    AgendaItem,
    AgendaPerson,
    Event,
    Invitation,
    InvitationStatus,
    Participation,
    Person,
)
from planner.policy.checker import (
    FULL_STYLE,
    HONORIFIC_FAMILY,
    HONORIFIC_NAME,
    NAME,
    SHORT_STYLE,
    NameScanner,
)
from planner.policy.names import full_style, personal_name
from planner.store import Database

# The forms that name one person rather than a family or an institution.
NAMING_FORMS = frozenset({FULL_STYLE, NAME, SHORT_STYLE, HONORIFIC_FAMILY, HONORIFIC_NAME})
CONTACT_NOT_LINKED = "contact_not_linked"
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_MAX_WORDS = 4  # the longest family name looked up ("van der Berg", "ul Ain Malik")


def _family_candidates(text: str) -> set[str]:
    """Every run of up to four words of ``text`` as written, lower-cased, capitalised and in
    capitals: a family name it names is one of them, and the directory's index finds it
    without reading every person (in Chinese, written without spaces, every run of up to
    three characters)."""
    words = _WORD.findall(text)
    runs: set[str] = set()
    for size in range(1, _MAX_WORDS + 1):
        for start in range(len(words) - size + 1):
            run = " ".join(words[start : start + size])
            runs.update((run, run.lower(), run.upper(), run.title(), run[:1].upper() + run[1:]))
    for word in words:
        if _CJK.search(word):
            runs.update(word[i : i + n] for n in (1, 2, 3) for i in range(len(word) - n + 1))
    return runs


def _named_ids(people: Iterable[Person], text: str) -> list[int]:
    """The ids of ``people`` that ``text`` names (by a naming form), in the order named."""
    scanner = NameScanner(people)
    ids: list[int] = []
    for mention in scanner.scan(text, "contact"):
        if mention.why in NAMING_FORMS and mention.person_id not in ids:
            ids.append(mention.person_id)
    return ids


def people_named_in(session: Session, text: str) -> list[Person]:
    """The people of the directory ``text`` names. Only people whose family name (or, with
    none, given name) is among the text's words are read: an index lookup, not a scan of the
    directory (100,000 people: a few milliseconds)."""
    if not text.strip():
        return []
    runs = sorted(_family_candidates(text))
    if not runs:
        return []
    candidates = session.scalars(
        select(Person).where(
            or_(
                Person.family_name.in_(runs),
                (Person.family_name == "") & Person.given_name.in_(runs),
            )
        )
    ).all()
    by_id = {person.id: person for person in candidates}
    return [by_id[pid] for pid in _named_ids(candidates, text)]


def _linked_ids(session: Session, event_id: int) -> set[int]:
    """Everyone the event still has to do with: any role, an agenda part, an invitation not
    declined."""
    roles = session.scalars(
        select(Participation.person_id).where(Participation.event_id == event_id)
    )
    parts = session.scalars(
        select(AgendaPerson.person_id)
        .join(AgendaItem, AgendaItem.id == AgendaPerson.agenda_item_id)
        .where(AgendaItem.event_id == event_id)
    )
    invited = session.scalars(
        select(Invitation.person_id).where(
            Invitation.event_id == event_id, Invitation.status != InvitationStatus.DECLINED
        )
    )
    return {*roles, *parts, *invited}


def _gone(session: Session, event_id: int) -> list[Person]:
    """The people the event's contact names who are no longer linked to it."""
    contact = session.scalar(select(Event.contact).where(Event.id == event_id)) or ""
    named = people_named_in(session, contact)
    if not named:
        return []
    linked = _linked_ids(session, event_id)
    return [person for person in named if person.id not in linked]


def contact_gone_names(db: Database, event_id: int) -> tuple[str, ...]:
    """The full styles of :func:`_gone` (the out-of-date bar says them)."""
    with db.session(write=False) as session:
        return tuple(full_style(person) for person in _gone(session, event_id))


def contact_findings_in(session: Session, event_id: int) -> list[Finding]:
    """A warning for each person the event's contact names who is no longer linked to it."""
    return [
        Finding(
            Severity.WARNING,
            CONTACT_NOT_LINKED,
            f"The contact names {full_style(person)}, who is no longer part of this event: "
            "change the contact, or add them back (as organiser, for instance).",
            (event_id,),
        )
        for person in _gone(session, event_id)
    ]


# --- deleting people ---------------------------------------------------------------------------


def _contacts_naming(session: Session, person_ids: Sequence[int]) -> list[tuple[int, str]]:
    """The id and contact of each event whose contact names one of ``person_ids``, unless
    someone staying in the directory bears the same name (a duplicate deleted rather than
    merged: the contact may well mean the one who stays)."""
    wanted = set(person_ids)
    people = session.scalars(select(Person).where(Person.id.in_(wanted))).all()
    if not people:
        return []
    contacts = session.execute(
        select(Event.id, Event.contact).where(Event.contact != "").order_by(Event.id)
    ).all()
    found: list[tuple[int, str]] = []
    for event_id, text in contacts:
        named = set(_named_ids(people, text))
        if not named:
            continue
        staying = {personal_name(p) for p in people_named_in(session, text) if p.id not in wanted}
        if any(personal_name(p) not in staying for p in people if p.id in named):
            found.append((event_id, text))
    return found


def events_whose_contact_names(db: Database, person_ids: Sequence[int]) -> list[str]:
    """The titles of the events whose contact names one of ``person_ids`` (what deleting
    them empties, for the window to say before it does)."""
    with db.session(write=False) as session:
        ids = [event_id for event_id, _text in _contacts_naming(session, person_ids)]
        if not ids:
            return []
        return list(
            session.scalars(select(Event.title).where(Event.id.in_(ids)).order_by(Event.id))
        )


def clear_contacts_naming(
    session: Session, person_ids: Sequence[int]
) -> tuple[tuple[int, str], ...]:
    """Empty the contact of every event that names one of ``person_ids`` (about to be deleted
    from the directory); returns each event's id and its contact as it was, to put back."""
    cleared = tuple(_contacts_naming(session, person_ids))
    for event_id, _text in cleared:
        event = session.get(Event, event_id)
        assert event is not None
        event.contact = ""  # through the ORM: the version rises and the history says it
    session.flush()
    return cleared


def restore_contacts(session: Session, contacts: Iterable[tuple[int, str]]) -> None:
    """Put back the contacts :func:`clear_contacts_naming` emptied."""
    for event_id, contact in contacts:
        event = session.get(Event, event_id)
        if event is not None:
            event.contact = contact
    session.flush()
