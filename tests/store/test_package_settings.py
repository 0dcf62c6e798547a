"""The event package keeps what the attribution policy reads: the organisation's setting for
naming the cast publicly under the Chatham House Rule travels with every event, and on import
into a database whose organisation differs, the stricter setting wins for those events."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from package_samples import sample
from planner.model import Event, Organisation
from planner.policy import Audience, build_sheet, sheet_to_dict
from planner.store import Database
from planner.store.package import export_package, import_package, plan_import

UID = "gulf-security-2013@cpgs.example.org"


def _organisation(db: Database, *, names_cast: bool) -> None:
    with db.session() as s:
        s.add(
            Organisation(name="Local Institute", name_cast_publicly_under_chatham_house=names_cast)
        )


def _public_text(db: Database) -> str:
    with db.session() as s:
        event_id = s.scalars(select(Event.id).where(Event.uid == UID)).one()
        return repr(sheet_to_dict(build_sheet(s, event_id, Audience.PUBLIC)))


def _package(*, names_cast: bool | None, version: int = 2) -> dict[str, Any]:
    package = sample()
    package["version"] = version
    if names_cast is not None:
        package["organisation"]["name_cast_publicly_under_chatham_house"] = names_cast
    return package


def test_the_senders_withheld_names_stay_withheld(db: Database) -> None:
    """The issue: a Chatham House event from an institute that does not name its cast, imported
    where the organisation does, printed the chair's name publicly."""
    _organisation(db, names_cast=True)
    summary = import_package(db, _package(names_cast=False))
    # The chair of the Chatham House welcome (an on-the-record talk names its speaker anyway).
    assert "Kamran" not in _public_text(db)
    assert "stricter setting wins" in str(summary)
    assert "Gulf Security: Emerging Scenario" in str(summary)
    with db.session() as s:
        assert s.scalar(select(Event.name_cast_publicly).where(Event.uid == UID)) is False
        # The organisation's own setting is not changed: other events keep naming their cast.
        organisation = s.scalars(select(Organisation)).one()
        assert organisation.name_cast_publicly_under_chatham_house is True


def test_a_stricter_database_keeps_its_setting_and_says_so(db: Database) -> None:
    _organisation(db, names_cast=False)
    summary = import_package(db, _package(names_cast=True))
    assert "Kamran" not in _public_text(db)
    assert "this database's organisation does not" in str(summary)


@pytest.mark.parametrize("names_cast", [True, None])
def test_same_setting_or_none_given_changes_nothing(db: Database, names_cast: bool | None) -> None:
    _organisation(db, names_cast=True)
    summary = import_package(
        db, _package(names_cast=names_cast, version=1 if not names_cast else 2)
    )
    assert "Kamran" in _public_text(db)
    assert "note:" not in str(summary)
    with db.session() as s:
        assert s.scalar(select(Event.name_cast_publicly).where(Event.uid == UID)) is None


def test_the_preview_says_it_before_anything_is_written(db: Database) -> None:
    _organisation(db, names_cast=True)
    with db.session() as s:
        plan = plan_import(s, _package(names_cast=False))
        s.rollback()
    assert any("stricter setting wins" in line for line in plan.lines())
    assert plan.cast_named == (False,)


def test_an_on_the_record_event_is_not_mentioned(db: Database) -> None:
    """The setting changes nothing there: the event keeps the stricter value, silently."""
    _organisation(db, names_cast=True)
    package = _package(names_cast=False)
    package["events"][0]["attribution"] = "on_the_record"
    for item in package["events"][0]["agenda"]:
        item["attribution"] = None
    summary = import_package(db, package)
    assert "note:" not in str(summary)


def test_export_carries_every_setting_the_policy_reads(db: Database) -> None:
    _organisation(db, names_cast=True)
    import_package(db, _package(names_cast=False))
    with db.session() as s:
        event_id = s.scalars(select(Event.id).where(Event.uid == UID)).one()
        data = export_package(s, [event_id])
    assert data["version"] == 2
    organisation = data["organisation"]
    assert organisation["name_cast_publicly_under_chatham_house"] is True
    for key in ("time_zone", "time_style", "language", "default_attribution"):
        assert key in organisation
    # The event says what this copy does: not naming (the stricter of the two settings).
    assert data["events"][0]["name_cast_publicly"] is False


def test_passed_on_again_the_names_stay_withheld(db: Database, tmp_path: Any) -> None:
    """A -> B -> C: the third institute names its cast too, and still prints no name."""
    _organisation(db, names_cast=True)
    import_package(db, _package(names_cast=False))
    with db.session() as s:
        data = export_package(s, list(s.scalars(select(Event.id))))
    third = Database.open(f"sqlite:///{tmp_path / 'third.sqlite3'}")
    try:
        _organisation(third, names_cast=True)
        import_package(third, data)
        assert "Kamran" not in _public_text(third)
    finally:
        third.dispose()


def test_into_an_empty_database_the_profile_comes_from_the_package(db: Database) -> None:
    summary = import_package(db, _package(names_cast=False))
    assert "note:" not in str(summary)
    assert "Kamran" not in _public_text(db)
    with db.session() as s:
        assert s.scalars(select(Organisation)).one().name_cast_publicly_under_chatham_house is False


def test_the_setting_must_be_true_or_false(db: Database) -> None:
    package = _package(names_cast=None)
    package["organisation"]["name_cast_publicly_under_chatham_house"] = "no"
    package["events"][0]["name_cast_publicly"] = 0
    with pytest.raises(Exception) as caught:
        import_package(db, package)
    message = str(caught.value)
    assert "organisation.name_cast_publicly_under_chatham_house: should be true or false" in message
    assert "events[0].name_cast_publicly: should be true or false" in message
