"""People search finds a person the way the directory writes their name (issue s20, names):
the full name without a space in either order ("王晓明" for family 王, given 晓明), and without
regard to diacritics, case or Arabic letter variants, as the import matches people. On SQLite
(FTS5 trigram index, and LIKE without it) and on PostgreSQL (pg_trgm index, and LIKE without)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from planner.model import Person
from planner.services import people as svc
from planner.services.people_import import import_people_csv
from planner.store import Database
from planner.store.people_index import person_search_text
from strategies import NAMES

PEOPLE = (
    {"given_name": "晓明", "family_name": "王", "affiliation": "北京大学"},
    {"given_name": "修", "family_name": "欧阳"},
    {"honorific": "Prof.", "given_name": "Jürgen", "family_name": "Müller"},
    {"given_name": "علی", "family_name": "قریشی"},  # Urdu yeh and no kaf
    {"given_name": "Sehar", "family_name": "Kamran", "email": "sehar@senate.gov.pk"},
    {"given_name": "عائشہ", "family_name": "صدیقہ"},  # Urdu: heh goal
    {"given_name": "فاطمة", "family_name": "الزهراء"},  # Arabic: teh marbuta, heh
)


def _ids(db: Database, query: str) -> set[int]:
    return {row.id for row in svc.search_people(db, query)}


def _drop_index(db: Database) -> None:
    from planner.store.people_index import drop_people_indexes, drop_server_indexes

    with db.engine.begin() as conn:
        drop_people_indexes(conn)
        drop_server_indexes(conn)
    svc.forget_search_index(db)


@pytest.mark.parametrize("indexed", [True, False], ids=["index", "scan"])
@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("王晓明", 0),  # family + given, as the directory writes it
        ("晓明王", 0),  # given + family
        ("王 晓明", 0),
        ("欧阳修", 1),
        ("muller", 2),
        ("MULLER", 2),
        ("Jurgen Muller", 2),
        ("müller", 2),
        ("علي", 3),  # typed on an Arabic keyboard (Arabic yeh)
        ("KAMRAN", 4),
        ("senate.gov", 4),
        ("عائشه صديقه", 5),  # the Urdu name typed on an Arabic keyboard (heh, yeh)
        ("صدیقہ", 5),
        ("فاطمۃ الزہراء", 6),  # the Arabic name typed on an Urdu keyboard
        ("الزهراء", 6),
    ],
)
def test_search_finds_full_names_and_folds_like_the_import(
    any_db: Database, indexed: bool, query: str, who: int
) -> None:
    ids = [svc.create_person(any_db, values) for values in PEOPLE]
    if not indexed:
        _drop_index(any_db)
    try:
        assert svc.has_search_index(any_db) is indexed
        assert _ids(any_db, query) == {ids[who]}
        assert svc.count_people(any_db, query) == 1
    finally:
        svc.forget_search_index(any_db)


def test_names_are_joined_for_chinese_characters_only_and_never_with_other_fields(
    db: Database,
) -> None:
    """The joined forms are of the two names only (the end of a family name and the start of an
    affiliation are not one word), and only where names are written without a space."""
    svc.create_person(db, {"given_name": "晓明", "family_name": "王", "affiliation": "北京大学"})
    svc.create_person(db, {"given_name": "Asma", "family_name": "Dar", "affiliation": "CPGS"})
    assert _ids(db, "明北京") == set()
    assert _ids(db, "darcpgs") == set() and _ids(db, "darasma") == set()
    assert len(_ids(db, "asma dar")) == len(_ids(db, "dar asma")) == 1


def test_imported_people_and_completed_people_are_found_by_their_full_name(
    any_db: Database, tmp_path: Path
) -> None:
    """The import writes through Core, past the ORM's hook: it computes the search text too."""
    existing = svc.create_person(any_db, {"given_name": "Zoë", "family_name": "Østergaard"})
    csv = tmp_path / "people.csv"
    csv.write_text(
        "Name,Email,Affiliation\n王晓明,wang@pku.edu.cn,北京大学\nZoë Østergaard,,Kiel Institute\n",
        encoding="utf-8",
    )
    import_people_csv(any_db, csv)
    assert len(_ids(any_db, "王晓明")) == 1
    assert _ids(any_db, "zoe kiel") == {existing}  # completed: the affiliation is searched
    with any_db.session(write=False) as session:
        rows = session.execute(select(Person)).scalars().all()
        for person in rows:
            assert person.search_text == person_search_text(
                {name: getattr(person, name) for name in svc.PERSON_FIELDS}
            )


def test_merged_and_edited_people_keep_their_search_text(db: Database) -> None:
    first = svc.create_person(db, {"given_name": "晓明", "family_name": "王"})
    second = svc.create_person(db, {"given_name": "Xiaoming", "family_name": "Wang"})
    values = dict(svc.get_person(db, first).values) | {"affiliation": "Tsinghua University"}
    svc.merge_people(db, svc.MergePlan(first, (second,), values))
    assert _ids(db, "王晓明 tsinghua") == {first}
    with db.session() as session:
        session.get_one(Person, first).family_name = "李"
    assert _ids(db, "王晓明") == set()
    assert _ids(db, "李晓明") == {first}


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@st.composite
def names(draw: st.DrawFn) -> tuple[str, str, str]:
    script = draw(st.sampled_from(sorted(NAMES)))
    givens, families = NAMES[script]
    return script, draw(st.sampled_from(givens)), draw(st.sampled_from(families))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names(), order=st.sampled_from(["", "family first", "given first"]))
def test_anyone_is_found_by_each_name_and_the_full_name_in_either_order(
    db: Database, name: tuple[str, str, str], order: str
) -> None:
    script, given_name, family_name = name
    person = svc.create_person(
        db, {"given_name": given_name, "family_name": family_name, "name_order": order}
    )
    joined = [family_name + given_name, given_name + family_name] if script == "chinese" else []
    try:
        for query in (
            *joined,
            f"{given_name} {family_name}",
            f"{family_name} {given_name}",
            _strip_marks(family_name).upper(),
            _strip_marks(given_name).lower(),
        ):
            assert person in _ids(db, query), query
    finally:
        with db.session() as session:
            svc.delete_people(session, [person])


def test_a_csv_full_name_in_chinese_matches_the_person_instead_of_a_duplicate(
    db: Database, tmp_path: Path
) -> None:
    person = svc.create_person(db, {"given_name": "晓明", "family_name": "王"})
    csv = tmp_path / "people.csv"
    csv.write_text("Name,Email\n王晓明,wang@pku.edu.cn\n", encoding="utf-8")
    summary = import_people_csv(db, csv)
    assert (summary.created, summary.updated) == (0, 1)
    assert svc.count_people(db) == 1
    assert svc.get_person(db, person)["email"] == "wang@pku.edu.cn"


def test_the_migration_fills_the_search_text_of_people_already_there(any_db: Database) -> None:
    """Revision 0010 on a directory that predates it, on each back end: its people are found by
    their full names and without accents at once (the indexes are made again over the column)."""
    from sqlalchemy import insert

    from planner.store.migrations import downgrade_database, upgrade_database

    downgrade_database(any_db.engine, "0009")
    person = Person.__table__
    with any_db.session() as session:
        for given_name, family in (("晓明", "王"), ("Jürgen", "Müller")):
            session.execute(insert(person).values(given_name=given_name, family_name=family))
    upgrade_database(any_db.engine)
    svc.forget_search_index(any_db)
    try:
        assert svc.has_search_index(any_db)
        assert [r.family_name for r in svc.search_people(any_db, "王晓明")] == ["王"]
        assert [r.family_name for r in svc.search_people(any_db, "jurgen muller")] == ["Müller"]
    finally:
        svc.forget_search_index(any_db)


@given(text=st.text(st.characters(max_codepoint=127)))
def test_folding_ascii_takes_the_short_way_to_the_same_answer(text: str) -> None:
    import unicodedata as ud

    from planner.folding import _FOLD_STEPS, fold

    assert fold(text) == ud.normalize("NFKD", text).translate(_FOLD_STEPS).casefold()
