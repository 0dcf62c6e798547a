"""The directory service: search, sort and paging in SQL, role history, delete and merge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from planner.errors import NotFoundError, ValidationError
from planner.model import (
    AgendaItem,
    AgendaPerson,
    Consent,
    Event,
    Invitation,
    InvitationStatus,
    Participation,
    Person,
    Role,
    Series,
)
from planner.services import people as svc
from planner.store import Database


def add_people(db: Database, *rows: dict[str, str]) -> list[int]:
    return [svc.create_person(db, row) for row in rows]


def add_event(db: Database, title: str, day: int, roles: list[tuple[int, Role]]) -> int:
    start = datetime(2024, 3, day, 12, tzinfo=UTC)
    with db.session() as s:
        event = Event(
            uid=f"{title}@test", title=title, starts_at=start, ends_at=start + timedelta(hours=2)
        )
        s.add(event)
        s.flush()
        for position, (person_id, role) in enumerate(roles):
            s.add(
                Participation(event_id=event.id, person_id=person_id, role=role, position=position)
            )
        return int(event.id)


@pytest.fixture
def cpgs(db: Database) -> dict[str, int]:
    return _cpgs(db)


@pytest.fixture
def server_cpgs(any_db: Database) -> tuple[Database, dict[str, int]]:
    """The same people on each back end: search is tested on SQLite and on PostgreSQL."""
    return any_db, _cpgs(any_db)


def _cpgs(db: Database) -> dict[str, int]:
    ids = add_people(
        db,
        {
            "honorific": "Lt. Gen. (R)",
            "given_name": "Syed Muhammad",
            "family_name": "Owais",
            "post_nominals": "HI (M)",
            "affiliation": "CPGS",
            "email": "owais@cpgs.org",
        },
        {
            "honorific": "Amb (R)",
            "given_name": "Khalid",
            "family_name": "Khattak",
            "affiliation": "Ministry of Foreign Affairs",
        },
        {
            "honorific": "Prof.",
            "given_name": "Marvin G.",
            "family_name": "Weinbaum",
            "affiliation": "University of Illinois",
            "email": "weinbaum@illinois.edu",
        },
        {
            "honorific": "Senator",
            "given_name": "Sehar",
            "family_name": "Kamran",
            "post_nominals": "(TI)",
            "affiliation": "Senate of Pakistan",
        },
        {"given_name": "Ольга", "family_name": "Иванова", "affiliation": "МГИМО"},
        {"given_name": "100%", "family_name": "Under_score", "affiliation": "Odd Names Ltd"},
    )
    return dict(zip(["owais", "khattak", "weinbaum", "kamran", "ivanova", "odd"], ids, strict=True))


def names(rows: list[svc.PersonRow]) -> list[str]:
    return [r.family_name for r in rows]


def test_search_matches_each_word_in_any_of_name_affiliation_email(
    server_cpgs: tuple[Database, dict[str, int]],
) -> None:
    db, _ = server_cpgs
    assert names(svc.search_people(db, "khalid")) == ["Khattak"]
    assert names(svc.search_people(db, "KHAT")) == ["Khattak"]  # case-insensitive
    assert names(svc.search_people(db, "illinois.edu")) == ["Weinbaum"]  # email
    assert names(svc.search_people(db, "ministry")) == ["Khattak"]  # affiliation
    assert names(svc.search_people(db, "khalid foreign")) == ["Khattak"]  # words AND-ed
    assert svc.search_people(db, "khalid illinois") == []
    assert names(svc.search_people(db, "Ольга")) == ["Иванова"]
    assert names(svc.search_people(db, "ольга")) == ["Иванова"]  # non-ASCII, other case
    assert names(svc.search_people(db, "мгимо")) == ["Иванова"]
    assert svc.count_people(db, "k") == 2  # Khattak, Kamran
    assert svc.count_people(db, "") == 6


def test_like_wildcards_are_literal(
    server_cpgs: tuple[Database, dict[str, int]],
) -> None:
    db, _ = server_cpgs
    assert names(svc.search_people(db, "100%")) == ["Under_score"]
    assert names(svc.search_people(db, "r_s")) == ["Under_score"]
    assert names(svc.search_people(db, "unde_")) == []  # "_" is not "any character"
    assert names(svc.search_people(db, "%")) == ["Under_score"]


def test_sort_by_family_name_ignores_honorifics_and_can_reverse(
    server_cpgs: tuple[Database, dict[str, int]],
) -> None:
    db, _ = server_cpgs
    rows = svc.search_people(db)
    assert names(rows) == ["Kamran", "Khattak", "Owais", "Under_score", "Weinbaum", "Иванова"]
    assert names(svc.search_people(db, descending=True))[0] == "Иванова"
    by_affiliation = svc.search_people(db, sort=svc.SortKey.AFFILIATION)
    assert [r.affiliation for r in by_affiliation][:2] == ["CPGS", "Ministry of Foreign Affairs"]
    # The filtered query orders the same way as the unfiltered one.
    assert names(svc.search_people(db, "a")) == [
        n for n in names(rows) if n in names(svc.search_people(db, "a"))
    ]


def test_paging_is_stable_and_complete(
    server_cpgs: tuple[Database, dict[str, int]],
) -> None:
    db, _ = server_cpgs
    pages = [svc.search_people(db, offset=o, limit=4) for o in (0, 4, 8)]
    assert [len(p) for p in pages] == [4, 2, 0]
    assert names(pages[0] + pages[1]) == names(svc.search_people(db))


def test_validation_of_family_name_and_email(db: Database) -> None:
    assert svc.field_problem("family_name", "  ")
    assert svc.field_problem("email", "owais at cpgs") is not None
    assert svc.field_problem("email", "") is None
    assert svc.field_problem("email", "a@b.org") is None
    with pytest.raises(ValidationError, match="family name"):
        svc.create_person(db, {"given_name": "Nobody"})
    with pytest.raises(ValidationError, match="Unknown person fields"):
        svc.create_person(db, {"family_name": "X", "shoe_size": "9"})


def test_role_history_counts_roles_across_events(db: Database, cpgs) -> None:
    owais = cpgs["owais"]
    add_event(db, "Gulf Security", 1, [(owais, Role.CHAIR), (cpgs["khattak"], Role.SPEAKER)])
    add_event(db, "Afghanistan", 5, [(owais, Role.CHAIR)])
    event = add_event(db, "China", 9, [(owais, Role.SPEAKER)])
    with db.session() as s:
        item = AgendaItem(
            event_id=event,
            title="Keynote",
            starts_at=datetime(2024, 3, 9, 12, tzinfo=UTC),
            ends_at=datetime(2024, 3, 9, 13, tzinfo=UTC),
        )
        s.add(item)
        s.flush()
        # Speaker in the cast and in an agenda item of the same event: counted once.
        s.add(AgendaPerson(agenda_item_id=item.id, person_id=owais, role=Role.SPEAKER))
        s.add(Invitation(event_id=event, person_id=owais, attended=True))
    history = svc.role_history(db, owais)
    assert history.summary() == "chaired 2, spoke at 1; invited to 1, attended 1"
    assert [e.event_title for e in history.entries] == ["China", "Afghanistan", "Gulf Security"]
    assert svc.role_history(db, cpgs["weinbaum"]).summary() == "no roles yet"


def _links(db: Database, person_id: int) -> dict[str, int]:
    with db.session() as s:
        return {
            "participation": len(
                s.scalars(select(Participation).where(Participation.person_id == person_id)).all()
            ),
            "agenda": len(
                s.scalars(select(AgendaPerson).where(AgendaPerson.person_id == person_id)).all()
            ),
            "invitation": len(
                s.scalars(select(Invitation).where(Invitation.person_id == person_id)).all()
            ),
            "consent": len(s.scalars(select(Consent).where(Consent.person_id == person_id)).all()),
        }


def test_merge_repoints_links_drops_collisions_and_undo_restores(db: Database, cpgs) -> None:
    keep, dup = (
        cpgs["khattak"],
        svc.create_person(
            db,
            {
                "given_name": "K.",
                "family_name": "Khattak",
                "email": "kk@mofa.gov.pk",
                "position": "Former Ambassador",
            },
        ),
    )
    shared = add_event(
        db, "Shared", 2, [(keep, Role.SPEAKER), (dup, Role.SPEAKER), (dup, Role.CHAIR)]
    )
    only_dup = add_event(db, "Dup only", 3, [(dup, Role.MODERATOR)])
    with db.session() as s:
        s.add(Invitation(event_id=shared, person_id=keep, status=InvitationStatus.INVITED))
        s.add(
            Invitation(
                event_id=shared, person_id=dup, status=InvitationStatus.ACCEPTED, attended=True
            )
        )
        s.add(Consent(event_id=shared, person_id=keep, may_be_named=False))
        s.add(
            Consent(
                event_id=shared, person_id=dup, may_be_named=True, description="a former diplomat"
            )
        )
        s.add(Series(title="PFPR", default_chair_id=dup))
    before_keep, before_dup = svc.get_person(db, keep), svc.get_person(db, dup)

    values = svc.merge_values([before_keep, before_dup])
    assert values["honorific"] == "Amb (R)" and values["email"] == "kk@mofa.gov.pk"
    values["given_name"] = "Khalid"
    result = svc.merge_people(db, svc.MergePlan(keep, (dup,), values))

    assert result.removed == (dup,) and result.dropped == 3  # speaker, invitation, consent
    with pytest.raises(NotFoundError):
        svc.get_person(db, dup)
    merged = svc.get_person(db, keep)
    assert merged["email"] == "kk@mofa.gov.pk" and merged["position"] == "Former Ambassador"
    assert svc.role_history(db, keep).summary().startswith("chaired 1, moderated 1, spoke at 1")
    with db.session() as s:
        invitation = s.scalars(select(Invitation).where(Invitation.person_id == keep)).one()
        assert invitation.status == InvitationStatus.ACCEPTED and invitation.attended
        consent = s.scalars(select(Consent).where(Consent.person_id == keep)).one()
        assert consent.may_be_named and consent.description == "a former diplomat"
        assert s.scalars(select(Series.default_chair_id)).one() == keep
        assert {
            p.event_id
            for p in s.scalars(select(Participation).where(Participation.person_id == keep))
        } == {shared, only_dup}

    svc.undo_merge(db, result)
    assert svc.get_person(db, keep) == before_keep
    assert svc.get_person(db, dup) == before_dup
    assert _links(db, keep) == {"participation": 1, "agenda": 0, "invitation": 1, "consent": 1}
    assert _links(db, dup) == {"participation": 3, "agenda": 0, "invitation": 1, "consent": 1}
    with db.session() as s:
        assert s.scalars(select(Series.default_chair_id)).one() == dup


def test_merge_refuses_bad_plans_without_changing_anything(db: Database, cpgs) -> None:
    keep = cpgs["owais"]
    with pytest.raises(ValidationError, match="two different people"):
        svc.merge_people(db, svc.MergePlan(keep, (keep,), svc.get_person(db, keep).values))
    with pytest.raises(NotFoundError):
        svc.merge_people(db, svc.MergePlan(keep, (9999,), svc.get_person(db, keep).values))
    bad = dict(svc.get_person(db, keep).values, family_name="")
    with pytest.raises(ValidationError):
        svc.merge_people(db, svc.MergePlan(keep, (cpgs["khattak"],), bad))
    assert svc.count_people(db) == 6


def test_delete_people_and_restore(db: Database, cpgs) -> None:
    owais = cpgs["owais"]
    add_event(db, "Gulf Security", 1, [(owais, Role.CHAIR)])
    with db.session() as s:
        snapshot = svc.delete_people(s, [owais])
    assert svc.person_row(db, owais) is None
    assert _links(db, owais)["participation"] == 0
    with db.session() as s:
        svc.restore_people(s, snapshot)
    assert svc.person_row(db, owais) is not None
    assert svc.role_history(db, owais).summary() == "chaired 1"
    with db.session() as s:
        assert s.get(Person, owais).created_at.tzinfo is not None


def _create_search_index(db: Database) -> None:
    """What the migrations that add the search index do (0003 SQLite, 0007 PostgreSQL)."""
    from planner.store.people_index import create_people_indexes, create_server_indexes

    with db.engine.begin() as conn:
        create_people_indexes(conn)
        create_server_indexes(conn)
    svc.forget_search_index(db)


def _drop_search_index(db: Database) -> None:
    from planner.store.people_index import drop_people_indexes, drop_server_indexes

    with db.engine.begin() as conn:
        drop_people_indexes(conn)
        drop_server_indexes(conn)
    svc.forget_search_index(db)


@pytest.mark.parametrize(
    "query",
    [
        "khat",
        "KHAT",
        "kh",
        "khalid foreign",
        "illinois.edu",
        "Ольга",
        "100%",
        "unde_",
        "r_s",
        'quote"d',
        "",
        "a",
        "ministry k",
    ],
)
def test_search_index_gives_the_same_answers_as_like(
    server_cpgs: tuple[Database, dict[str, int]], query: str
) -> None:
    db, _ = server_cpgs
    assert svc.has_search_index(db), "revision 0003 (SQLite) or 0007 (PostgreSQL) made it"
    _drop_search_index(db)
    assert not svc.has_search_index(db)
    plain = (svc.search_people(db, query), svc.count_people(db, query))
    _create_search_index(db)
    assert svc.has_search_index(db)
    assert (svc.search_people(db, query), svc.count_people(db, query)) == plain
    svc.forget_search_index(db)


def test_search_index_follows_inserts_updates_deletes_and_merges(
    server_cpgs: tuple[Database, dict[str, int]],
) -> None:
    db, cpgs = server_cpgs
    _create_search_index(db)
    try:
        new = svc.create_person(db, {"given_name": "Noor", "family_name": "Zahidi"})
        assert names(svc.search_people(db, "zahid")) == ["Zahidi"]
        with db.session() as s:
            s.get(Person, new).affiliation = "Quaid-i-Azam University"
        assert names(svc.search_people(db, "quaid")) == ["Zahidi"]
        svc.merge_people(
            db, svc.MergePlan(cpgs["owais"], (new,), svc.get_person(db, cpgs["owais"]).values)
        )
        assert svc.search_people(db, "zahid") == [] and svc.search_people(db, "quaid") == []
        with db.session() as s:
            svc.delete_people(s, [cpgs["weinbaum"]])
        assert svc.search_people(db, "weinbaum") == []
    finally:
        svc.forget_search_index(db)
