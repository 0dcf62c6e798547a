"""The people directory: search, sort and paging in SQL, role history, delete and merge.

No Qt here: the GUI's table model (``ui/people_model.py``), the CLI and the importers call these
functions. Every function opens its own short session; results are plain frozen dataclasses, so no
caller ever holds an ORM row or a session.

Search is a conjunction of words, each of which must occur (case-insensitively for Latin text)
in the given name, family name, affiliation or email. It runs as ``LIKE`` over the ``person``
table, ordered along an index (``ix_person_family_given``, ``ix_person_email``) so that a page of
results is found by walking the index and stopping after ``limit`` matches: the directory of
100,000 people answers a keystroke in a few milliseconds for common words; the worst case (a word
no one has) is one scan of the table (see ``benchmarks/bench_people_search.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Table,
    and_,
    delete,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy import column as sql_column
from sqlalchemy.orm import Session

from planner.errors import ValidationError, not_found
from planner.model import (
    PERSON_FIELDS as PERSON_FIELDS,  # the window lists these (re-exported)
)
from planner.model import (
    AgendaItem,
    AgendaPerson,
    ChangeKind,
    Consent,
    Dispatch,
    Event,
    Invitation,
    InvitationStatus,
    NameOrder,
    Participation,
    Person,
    Role,
    Series,
)
from planner.model.labels import PERSON_FIELD_LABELS
from planner.model.limits import too_long
from planner.model.person import MULTILINE_PERSON_FIELDS
from planner.model.types import max_length
from planner.policy.names import fold, full_style
from planner.safety import one_line_problem
from planner.services.snapshots import insert_rows, select_rows
from planner.store import Database
from planner.store.history import record_changes
from planner.store.people_index import (
    SEARCH_INDEX_TABLE,
    SEARCH_TEXT,
    case_insensitive,
    has_server_search_index,
    person_search_text,
    trigram_available,
)

# Good enough to catch typing slips (a missing @ or dot) without refusing real addresses.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

DEFAULT_PAGE = 200
_NAME_ORDERS = tuple(order.value for order in NameOrder)


class SortKey(StrEnum):
    """Columns the directory can be sorted by (each backed by an index or a cheap top-N sort)."""

    FAMILY_NAME = "family_name"
    GIVEN_NAME = "given_name"
    POSITION = "position"
    AFFILIATION = "affiliation"
    EMAIL = "email"


@dataclass(frozen=True)
class PersonRow:
    """One line of the directory."""

    id: int
    honorific: str
    given_name: str
    family_name: str
    post_nominals: str
    position: str
    affiliation: str
    email: str
    phone: str
    name_order: str = ""  # model.enums.NameOrder's value

    @property
    def display_name(self) -> str:
        """The policy's full style: honorific, personal name (family first in Chinese,
        Japanese and Korean, or where the person's name order says so), post-nominals."""
        return full_style(self)


@dataclass(frozen=True)
class PersonDetails:
    """Every field of one person (what the person page edits)."""

    id: int
    values: Mapping[str, str]
    # As read: the window's edits of the person build on it. Not content (compare=False).
    version: int = field(default=1, compare=False)

    def __getitem__(self, name: str) -> str:
        return self.values[name]


@dataclass(frozen=True)
class RoleEntry:
    """One role a person had at one event."""

    event_id: int
    event_title: str
    starts_at: datetime
    time_zone: str
    role: Role

    @property
    def label(self) -> str:
        return self.role.value.replace("_", " ")


@dataclass(frozen=True)
class GuestEntry:
    """An invitation to one event (a guest, not in the cast)."""

    event_id: int
    event_title: str
    starts_at: datetime
    time_zone: str
    answer: str  # the invitation's status: invited, accepted, tentative, declined
    attended: bool | None

    @property
    def label(self) -> str:
        if self.attended:
            return "guest, attended"
        return f"guest, {self.answer}" + (", absent" if self.attended is False else "")


@dataclass(frozen=True)
class RoleHistory:
    entries: tuple[RoleEntry, ...]
    invitations: int = 0
    attended: int = 0
    guest_entries: tuple[GuestEntry, ...] = ()

    def rows(self) -> list[RoleEntry | GuestEntry]:
        """Roles and invitations together, newest first (what the person page lists)."""
        rows: list[RoleEntry | GuestEntry] = [*self.entries, *self.guest_entries]
        return sorted(rows, key=lambda e: (e.starts_at, e.event_id), reverse=True)

    @property
    def counts(self) -> Counter[Role]:
        return Counter(e.role for e in self.entries)

    def summary(self) -> str:
        """``chaired 2, spoke at 5`` (most frequent first); ``no roles yet`` when empty."""
        counts = self.counts
        if not counts:
            text = "no roles yet"
        else:
            ordered = sorted(counts.items(), key=lambda kv: (-kv[1], list(Role).index(kv[0])))
            text = ", ".join(f"{ROLE_VERBS[role]} {n}" for role, n in ordered)
        if self.invitations:
            text += f"; invited to {self.invitations}, attended {self.attended}"
        return text


# How the history reads: "chaired 2, spoke at 5".
ROLE_VERBS: dict[Role, str] = {
    Role.CHAIR: "chaired",
    Role.CO_CHAIR: "co-chaired",
    Role.MODERATOR: "moderated",
    Role.KEYNOTE: "keynote at",
    Role.SPEAKER: "spoke at",
    Role.DISCUSSANT: "discussant at",
    Role.RAPPORTEUR: "rapporteur at",
    Role.GUEST_OF_HONOUR: "guest of honour at",
    Role.HOST: "hosted",
    Role.PARTICIPANT: "took part in",
    Role.OBSERVER: "observed",
    Role.ORGANISER: "organised",
}


# --- validation --------------------------------------------------------------------------------


def field_problem(name: str, value: str) -> str | None:
    """What is wrong with ``value`` for field ``name`` (one line), or None."""
    if name == "family_name" and not value.strip():
        return "A family name is needed (it is how lists are sorted)."
    long = too_long(PERSON_FIELD_LABELS.get(name, name), value, max_length(Person, name))
    if long:
        return f"{long}."
    if name not in MULTILINE_PERSON_FIELDS:
        # A line break pasted into a name would split an email header or a calendar line.
        problem = one_line_problem(value.strip())
        if problem:
            return f"{PERSON_FIELD_LABELS.get(name, name)} {problem}."
    if name == "name_order" and value.strip() not in _NAME_ORDERS:
        return f"{PERSON_FIELD_LABELS[name]} must be one of: {', '.join(map(repr, _NAME_ORDERS))}."
    if name == "email" and value.strip() and not _EMAIL.match(value.strip()):
        return f"“{value.strip()}” is not an email address."
    return None


def email_shared_with(db: Database, email: str, person_id: int | None = None) -> str | None:
    """A warning when someone else in the directory has ``email`` (case ignored, as the import
    matches), naming them; None when nobody else does. A warning, not a refusal: two people may
    share an office address."""
    wanted = email.strip().casefold()
    if not wanted or not _EMAIL.match(wanted):
        return None
    query: Select[Any] = select(*_ROW_COLUMNS)  # type: ignore[assignment]
    query = query.where(func.lower(Person.email) == wanted.lower())
    if person_id is not None:
        query = query.where(Person.id != person_id)
    with db.session(write=False) as session:
        others = [PersonRow(*row) for row in session.execute(query.order_by(Person.id).limit(4))]
    others = [p for p in others if p.email.strip().casefold() == wanted]
    if not others:
        return None
    named = ", ".join(p.display_name or f"person {p.id}" for p in others[:3])
    more = " and others" if len(others) > 3 else ""
    return f"{named}{more} already {'has' if len(others) == 1 else 'have'} this email address."


def validate_person(values: Mapping[str, str]) -> list[str]:
    problems = []
    for name in PERSON_FIELDS:
        problem = field_problem(name, values.get(name, ""))
        if problem:
            problems.append(problem)
    return problems


# --- search --------------------------------------------------------------------------------


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_words(text: str) -> list[str]:
    return [w for w in text.split() if w]


# An optional search index over ``person.search_text``, one per back end (schema from
# ``planner.store.people_index``): on SQLite FTS5 with the trigram tokenizer (revision 0003, where
# the tokenizer exists), on PostgreSQL a pg_trgm GIN index (revision 0007, where the
# extension could be created); both cover the one folded column since revision 0010. Both match
# any substring of three or more characters, as LIKE does, from the index. Search uses the one
# there is and falls back to LIKE without.
# Trigrams: a word shorter than this cannot be looked up in either index.
_TRIGRAM = 3
_has_index: dict[str, bool] = {}


def has_search_index(db: Database) -> bool:
    """Whether the database has its back end's search index (asked once per database URL)."""
    key = db.url
    if key not in _has_index:
        with db.session(write=False) as session:
            if db.engine.dialect.name != "sqlite":
                _has_index[key] = has_server_search_index(session.connection())
            else:
                found = session.execute(
                    text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
                    {"name": SEARCH_INDEX_TABLE},
                ).first()
                # Without the tokenizer (a file from a newer SQLite) the table cannot be read.
                _has_index[key] = found is not None and trigram_available()
    return _has_index[key]


def forget_search_index(db: Database) -> None:
    """Ask again next time (after a migration created or dropped the index)."""
    _has_index.pop(db.url, None)


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like(word: str) -> str:
    return f"%{_escape_like(word)}%"


def _folded_words(text_: str) -> list[str]:
    """The words searched for, folded as ``person.search_text`` is (case, diacritics, Arabic
    letter variants): "Muller" finds "Müller", as the import takes them for one person."""
    return [folded for folded in (fold(word) for word in search_words(text_)) if folded]


# Heh and teh marbuta: Arabic ه and ة are Urdu's ہ and ۃ typed on an Arabic keyboard. The
# search column keeps each as it was typed (revision 0010's fold leaves them: folding them now
# would need every stored row recomputed), so a word holding one is searched for in both.
_TO_URDU = str.maketrans("\u0647\u0629", "\u06c1\u06c3")
_TO_ARABIC = str.maketrans("\u06c1\u06c3", "\u0647\u0629")


def _spellings(word: str) -> list[str]:
    """``word`` and its spellings with the other keyboard's heh and teh marbuta."""
    return list(dict.fromkeys((word, word.translate(_TO_URDU), word.translate(_TO_ARABIC))))


def _filter(text_: str, db: Database | None = None) -> ColumnElement[bool] | None:
    """Every word must be in ``person.search_text`` (revision 0010): the searched columns and the
    full name written without a space, so "王晓明" finds family 王, given 晓明. A word of three
    characters or more is read from the back end's trigram index where there is one; shorter
    words, and every word without an index, scan the one column with LIKE (the text is folded,
    so no case variants are needed on SQLite, whose LIKE folds ASCII only)."""
    words = _folded_words(text_)
    if not words:
        return None
    use_index = db is not None and has_search_index(db)
    server = db is not None and db.engine.dialect.name != "sqlite"
    indexed = [w for w in words if use_index and not server and len(w) >= _TRIGRAM]
    clauses: list[ColumnElement[bool]] = []
    if indexed:
        query = " AND ".join(
            "(" + " OR ".join(_fts_phrase(v) for v in _spellings(w)) + ")" for w in indexed
        )
        matches = (
            text(f"SELECT rowid FROM {SEARCH_INDEX_TABLE} WHERE {SEARCH_INDEX_TABLE} MATCH :q")
            .bindparams(q=query)
            .columns(sql_column("rowid", Integer))
        )
        clauses.append(Person.id.in_(matches))
    # PostgreSQL answers LIKE on the column from its pg_trgm index (three characters or more).
    clauses += [
        or_(*(Person.search_text.like(_like(v), escape="\\") for v in _spellings(word)))
        for word in words
        if word not in indexed
    ]
    return and_(*clauses)


def _hide_order_index(text_: str, db: Database | None) -> bool:
    """Whether a filtered query should sort rather than walk the name-order index. Walking it
    row by row until a page is full is slow when few rows match, so with a filter it is hidden
    (see ``_order``); except on PostgreSQL when no word can be read from the pg_trgm index (one
    or two letters): those match many people, and the walk fills a page at once where a scan
    of the table costs 0.3 s or more."""
    words = search_words(text_)
    if not words:
        return False
    if db is not None and db.engine.dialect.name != "sqlite" and has_search_index(db):
        return any(len(word) >= _TRIGRAM for word in words)
    return True


_ROW_COLUMNS = (
    Person.id,
    Person.honorific,
    Person.given_name,
    Person.family_name,
    Person.post_nominals,
    Person.position,
    Person.affiliation,
    Person.email,
    Person.phone,
    Person.name_order,
)


def _order(sort: SortKey, descending: bool, hide_index: bool) -> list[Any]:
    # Names, positions and affiliations sort without regard to case ("de Silva" among the Ds);
    # family-name order follows ix_person_name_nocase (SQLite, revision 0003). Email
    # keeps the binary order of ix_person_email. Id last makes paging deterministic.
    by: dict[SortKey, list[Any]] = {
        SortKey.FAMILY_NAME: [Person.family_name, Person.given_name],
        SortKey.GIVEN_NAME: [Person.given_name, Person.family_name],
        SortKey.POSITION: [Person.position, Person.family_name],
        SortKey.AFFILIATION: [Person.affiliation, Person.family_name],
        SortKey.EMAIL: [Person.email],
    }
    primary = by[sort]
    if hide_index:
        # ``col || ''`` keeps the order but hides the index from the planner. With a filter,
        # walking the index row by row costs up to 150 ms at 100,000 people when few match;
        # one scan and a top-N sort costs ~25 ms whatever the filter (measured).
        primary = [c + "" for c in primary]
    if sort is not SortKey.EMAIL:
        primary = [case_insensitive(c) for c in primary]
    columns: list[Any] = [*primary, Person.id]
    return [c.desc() for c in columns] if descending else columns


def search_query(
    text: str = "",
    sort: SortKey = SortKey.FAMILY_NAME,
    descending: bool = False,
    db: Database | None = None,
) -> Select[Any]:
    """The directory query; given ``db``, it uses that database's search index if it has one."""
    query: Select[Any] = select(*_ROW_COLUMNS)  # type: ignore[assignment]
    condition = _filter(text, db)
    if condition is not None:
        query = query.where(condition)
    return query.order_by(*_order(sort, descending, _hide_order_index(text, db)))


def search_people(
    db: Database,
    text: str = "",
    *,
    sort: SortKey = SortKey.FAMILY_NAME,
    descending: bool = False,
    offset: int = 0,
    limit: int | None = DEFAULT_PAGE,
) -> list[PersonRow]:
    """One page of the directory matching ``text``, sorted in SQL (``limit=None``: all)."""
    query = search_query(text, sort, descending, db).offset(offset).limit(limit)
    with db.session(write=False) as session:
        return [PersonRow(*row) for row in session.execute(query)]


def person_row(db: Database, person_id: int) -> PersonRow | None:
    """The directory line of one person, or None if there is no such person."""
    with db.session(write=False) as session:
        query: Select[Any] = select(*_ROW_COLUMNS)  # type: ignore[assignment]
        row = session.execute(query.where(Person.id == person_id)).first()
    return None if row is None else PersonRow(*row)


def count_people(db: Database, text: str = "") -> int:
    query = select(func.count()).select_from(Person)
    condition = _filter(text, db)
    if condition is not None:
        query = query.where(condition)
    with db.session(write=False) as session:
        return int(session.execute(query).scalar_one())


# --- one person ------------------------------------------------------------------------------


def _record(person: Person) -> PersonDetails:
    return PersonDetails(
        person.id, {name: getattr(person, name) or "" for name in PERSON_FIELDS}, person.version
    )


def get_person(db: Database, person_id: int) -> PersonDetails:
    with db.session(write=False) as session:
        person = session.get(Person, person_id)
        if person is None:
            raise not_found("person", person_id)
        return _record(person)


def get_people(db: Database, person_ids: Sequence[int]) -> list[PersonDetails]:
    """The records of ``person_ids`` in that order (unknown ids raise NotFoundError)."""
    return [get_person(db, pid) for pid in person_ids]


def create_person(db: Database, values: Mapping[str, str]) -> int:
    unknown = set(values) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown person fields: {', '.join(sorted(unknown))}")
    problems = validate_person(values)
    if problems:
        raise ValidationError("This person cannot be saved:", problems)
    with db.session() as session:
        person = Person(**dict(values))
        session.add(person)
        session.flush()
        return int(person.id)


def role_history(db: Database, person_id: int) -> RoleHistory:
    """Roles at events (participations and agenda roles, one entry per event and role)."""
    with db.session(write=False) as session:
        event_roles = session.execute(
            select(Event.id, Event.title, Event.starts_at, Event.time_zone, Participation.role)
            .join(Participation, Participation.event_id == Event.id)
            .where(Participation.person_id == person_id)
        ).all()
        agenda_roles = session.execute(
            select(Event.id, Event.title, Event.starts_at, Event.time_zone, AgendaPerson.role)
            .join(AgendaItem, AgendaItem.event_id == Event.id)
            .join(AgendaPerson, AgendaPerson.agenda_item_id == AgendaItem.id)
            .where(AgendaPerson.person_id == person_id)
        ).all()
        invitations = session.execute(
            select(
                Event.id,
                Event.title,
                Event.starts_at,
                Event.time_zone,
                Invitation.status,
                Invitation.attended,
            )
            .join(Invitation, Invitation.event_id == Event.id)
            .where(Invitation.person_id == person_id)
        ).all()
    seen: set[tuple[int, Role]] = set()
    entries = []
    # A keynote speaker listed both in the cast and in the keynote item counts once.
    for event_id, title, starts_at, zone, role in [*event_roles, *agenda_roles]:
        if (event_id, role) in seen:
            continue
        seen.add((event_id, role))
        entries.append(RoleEntry(event_id, title, starts_at, zone, Role(role)))
    entries.sort(key=lambda e: (e.starts_at, e.event_id, list(Role).index(e.role)), reverse=True)
    guests = tuple(
        GuestEntry(event_id, title, starts_at, zone, InvitationStatus(status).value, attended)
        for event_id, title, starts_at, zone, status, attended in invitations
    )
    return RoleHistory(
        tuple(entries),
        invitations=len(guests),
        attended=sum(1 for g in guests if g.attended),
        guest_entries=guests,
    )


# --- snapshots: what delete and merge change, so that undo can put it back ----------------------

# Tables whose rows point at a person, with the column that does: every foreign key to
# ``person.id`` but the series' default chair (kept in ``chaired_series``). A table missing here
# loses its rows to ON DELETE CASCADE on a delete or a merge, and undo cannot bring them back
# (tests/services/test_people_links.py checks the list against the schema).
_LINK_TABLES: tuple[tuple[Table, str], ...] = (
    (cast(Table, Participation.__table__), "person_id"),
    (cast(Table, AgendaPerson.__table__), "person_id"),
    (cast(Table, Invitation.__table__), "person_id"),
    (cast(Table, Consent.__table__), "person_id"),
    # What was sent to the person: a merge keeps it (the survivor was sent it), a delete
    # takes it with the person and undo puts it back.
    (cast(Table, Dispatch.__table__), "person_id"),
)
_PERSON_TABLE = cast(Table, Person.__table__)
_SERIES_TABLE = cast(Table, Series.__table__)


@dataclass(frozen=True)
class PeopleSnapshot:
    """Everything about some people that a delete or a merge may change, by table."""

    person_ids: tuple[int, ...]
    people: tuple[dict[str, Any], ...]
    links: dict[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)
    chaired_series: tuple[tuple[int, int], ...] = ()  # (series id, default chair id)
    # (event id, contact) of the events whose contact named them, emptied by the delete.
    contacts: tuple[tuple[int, str], ...] = ()


def snapshot_people(session: Session, person_ids: Iterable[int]) -> PeopleSnapshot:
    ids = tuple(person_ids)
    people = select_rows(session, _PERSON_TABLE, _PERSON_TABLE.c.id.in_(ids))
    links = {
        table.name: select_rows(session, table, table.c[column].in_(ids))
        for table, column in _LINK_TABLES
    }
    chaired = tuple(
        (int(sid), int(cid))
        for sid, cid in session.execute(
            select(_SERIES_TABLE.c.id, _SERIES_TABLE.c.default_chair_id).where(
                _SERIES_TABLE.c.default_chair_id.in_(ids)
            )
        )
    )
    return PeopleSnapshot(ids, people, links, chaired)


def restore_people(session: Session, snapshot: PeopleSnapshot) -> None:
    """Put the people and every row pointing at them back exactly as in ``snapshot``."""
    _record_removed(session, snapshot, ChangeKind.CREATE, " (put back)")
    ids = snapshot.person_ids
    for table, column in _LINK_TABLES:
        if table.name == "dispatch":
            # A log: only the rows taken are put back. A message written to the survivor
            # after a merge (writing drafts is not an undo step) stays where it is.
            taken = [row["id"] for row in snapshot.links.get(table.name, ())]
            session.execute(delete(table).where(table.c.id.in_(taken)))
        else:
            session.execute(delete(table).where(table.c[column].in_(ids)))
    # A person still there (a merge's survivor) is written back in place: deleting the row
    # would take with it, by ON DELETE CASCADE, what was sent to them since the merge.
    present = set(session.scalars(select(_PERSON_TABLE.c.id).where(_PERSON_TABLE.c.id.in_(ids))))
    for person in snapshot.people:
        if person["id"] in present:
            session.execute(
                update(_PERSON_TABLE).where(_PERSON_TABLE.c.id == person["id"]).values(person)
            )
    insert_rows(session, _PERSON_TABLE, [p for p in snapshot.people if p["id"] not in present])
    for table, _column in _LINK_TABLES:
        insert_rows(session, table, snapshot.links.get(table.name, ()))
    for series_id, chair_id in snapshot.chaired_series:
        session.execute(
            update(_SERIES_TABLE)
            .where(_SERIES_TABLE.c.id == series_id)
            .values(default_chair_id=chair_id)
        )
    if snapshot.contacts:
        from planner.services.event_contact import restore_contacts

        restore_contacts(session, snapshot.contacts)


def _name(person: Mapping[str, Any]) -> str:
    return " ".join(p for p in (person["given_name"], person["family_name"]) if p) or str(
        person["email"]
    )


def _record_removed(
    session: Session,
    snapshot: PeopleSnapshot,
    kind: ChangeKind,
    note: str,
    only: Sequence[int] | None = None,
) -> None:
    """History rows for people removed (or put back) through Core, which the ORM's listener
    does not see: each person, and their roles and invitations in events (so each event's
    history says it). ``only``: these of the snapshot's people (a merge's others)."""
    names = {
        int(p["id"]): _name(p) for p in snapshot.people if only is None or int(p["id"]) in only
    }
    changes: list[dict[str, Any]] = [
        {"table_name": "person", "record_id": pid, "label": f"person {name}{note}", "kind": kind}
        for pid, name in names.items()
    ]
    for row in snapshot.links.get("participation", ()):
        if int(row["person_id"]) not in names:
            continue
        role = Role(row["role"]).value
        changes.append(
            {
                "table_name": "participation",
                "record_id": row["id"],
                "event_id": row["event_id"],
                "label": f"{role} {names.get(int(row['person_id']), '')}{note}",
                "kind": kind,
            }
        )
    for row in snapshot.links.get("invitation", ()):
        if int(row["person_id"]) not in names:
            continue
        changes.append(
            {
                "table_name": "invitation",
                "record_id": row["id"],
                "event_id": row["event_id"],
                "label": f"invitation of {names.get(int(row['person_id']), '')}{note}",
                "kind": kind,
            }
        )
    record_changes(session.connection(), changes)


def delete_people(session: Session, person_ids: Iterable[int]) -> PeopleSnapshot:
    """Delete people and what points at them; returns the snapshot that undoes it."""
    snapshot = snapshot_people(session, person_ids)
    _record_removed(session, snapshot, ChangeKind.DELETE, "")
    ids = snapshot.person_ids
    # A contact naming them would go on printing a deleted person (and their number).
    from planner.services.event_contact import clear_contacts_naming

    snapshot = replace(snapshot, contacts=clear_contacts_naming(session, ids))
    # Explicit deletes: the ON DELETE CASCADE of the schema needs foreign keys on, and an
    # explicit statement states what goes.
    for table, column in _LINK_TABLES:
        session.execute(delete(table).where(table.c[column].in_(ids)))
    session.execute(
        update(_SERIES_TABLE)
        .where(_SERIES_TABLE.c.default_chair_id.in_(ids))
        .values(default_chair_id=None)
    )
    session.execute(delete(_PERSON_TABLE).where(_PERSON_TABLE.c.id.in_(ids)))
    return snapshot


# --- merge -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergePlan:
    """Merge ``others`` into ``survivor``; ``values`` are the survivor's fields afterwards."""

    survivor: int
    others: tuple[int, ...]
    values: Mapping[str, str]


@dataclass(frozen=True)
class MergeResult:
    survivor: int
    removed: tuple[int, ...]
    moved: int  # rows re-pointed at the survivor
    dropped: int  # rows that duplicated one of the survivor's (same event and role ...)
    snapshot: PeopleSnapshot


def default_survivor(records: Sequence[PersonDetails]) -> int:
    """The record a merge keeps unless told otherwise: the fullest, then the oldest (lowest id)."""
    if not records:
        raise ValidationError("Choose at least two different people to merge.")
    best = min(records, key=lambda r: (-sum(1 for v in r.values.values() if v.strip()), r.id))
    return best.id


def merge_values(records: Sequence[PersonDetails], survivor: int | None = None) -> dict[str, str]:
    """A default choice per field: the survivor's value, else the first non-empty one."""
    ordered = sorted(records, key=lambda r: r.id != survivor)
    chosen: dict[str, str] = {}
    for name in PERSON_FIELDS:
        chosen[name] = next((r[name] for r in ordered if r[name].strip()), "")
    return chosen


def _invitation_rank(row: Mapping[str, Any]) -> tuple[int, int]:
    # When both were invited to one event, keep the answer that says most.
    order = {"accepted": 3, "tentative": 2, "declined": 1, "invited": 0}
    return (1 if row["attended"] else 0, order.get(str(row["status"]), 0))


def merge_people_in(session: Session, plan: MergePlan) -> MergeResult:
    """Merge within ``session`` (the caller's transaction); see :func:`merge_people`."""
    others = tuple(pid for pid in dict.fromkeys(plan.others) if pid != plan.survivor)
    if not others:
        raise ValidationError("Choose at least two different people to merge.")
    problems = validate_person(plan.values)
    if problems:
        raise ValidationError("The merged person cannot be saved:", problems)
    all_ids = (plan.survivor, *others)
    found = set(session.scalars(select(Person.id).where(Person.id.in_(all_ids))))
    missing = [pid for pid in all_ids if pid not in found]
    if missing:
        raise not_found("person", *missing)
    snapshot = snapshot_people(session, all_ids)
    values = {"given_name": "", "family_name": "", "email": ""} | dict(plan.values)
    into = f" (merged into {_name(values)})"
    _record_removed(session, snapshot, ChangeKind.DELETE, into, only=others)

    moved = dropped = 0
    # Each link table but the dispatches has a uniqueness key besides the person; a row of
    # another person that would collide with one of the survivor's is dropped (the survivor's
    # row is kept, except for invitations where the more informative answer wins, and consents
    # where a recorded permission to be named wins). Dispatches are a log: every row is moved.
    keys: dict[str, tuple[str, ...]] = {
        "participation": ("event_id", "role"),
        "agenda_person": ("agenda_item_id", "role"),
        "invitation": ("event_id",),
        "consent": ("event_id",),
        "dispatch": ("id",),
    }
    for table, column in _LINK_TABLES:
        key_cols = keys[table.name]
        rows = [
            dict(r._mapping)
            for r in session.execute(
                select(table).where(table.c[column].in_(all_ids)).order_by(table.c.id)
            )
        ]
        # The survivor's rows first, so they win ties.
        rows.sort(key=lambda r: (r[column] != plan.survivor, all_ids.index(r[column]), r["id"]))
        kept: dict[tuple[Any, ...], dict[str, Any]] = {}
        for row in rows:
            key = tuple(row[c] for c in key_cols)
            if key not in kept:
                kept[key] = row
                continue
            winner = kept[key]
            better = (
                table.name == "invitation" and _invitation_rank(row) > _invitation_rank(winner)
            ) or (
                table.name == "consent"
                and bool(row["may_be_named"])
                and not bool(winner["may_be_named"])
            )
            if better:
                kept[key] = row
                session.execute(delete(table).where(table.c.id == winner["id"]))
            else:
                session.execute(delete(table).where(table.c.id == row["id"]))
            dropped += 1
        for row in kept.values():
            if row[column] != plan.survivor:
                session.execute(
                    update(table).where(table.c.id == row["id"]).values({column: plan.survivor})
                )
                moved += 1
    session.execute(
        update(_SERIES_TABLE)
        .where(_SERIES_TABLE.c.default_chair_id.in_(others))
        .values(default_chair_id=plan.survivor)
    )
    session.execute(delete(_PERSON_TABLE).where(_PERSON_TABLE.c.id.in_(others)))
    merged = {name: plan.values.get(name, "") for name in PERSON_FIELDS}
    session.execute(
        update(_PERSON_TABLE)
        .where(_PERSON_TABLE.c.id == plan.survivor)
        .values(merged | {SEARCH_TEXT: person_search_text(merged)})
    )
    return MergeResult(plan.survivor, others, moved, dropped, snapshot)


def merge_people(db: Database, plan: MergePlan) -> MergeResult:
    """Merge duplicates in one transaction: re-point participations, agenda people, invitations,
    consents, dispatches (what was sent to them) and series chairs at the survivor, drop rows
    that would collide with the survivor's own, delete the others and write the chosen
    values. All or nothing."""
    with db.session() as session:
        return merge_people_in(session, plan)


def undo_merge(db: Database, result: MergeResult) -> None:
    with db.session() as session:
        restore_people(session, result.snapshot)
