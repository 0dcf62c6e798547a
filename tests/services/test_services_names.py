"""The window's names come from policy/names: Chinese, Japanese and Korean names family name
first without a space, Urdu and Arabic names as written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from planner.model import (
    AgendaItem,
    AgendaPerson,
    Event,
    Invitation,
    InvitationStatus,
    Participation,
    Person,
    Role,
)
from planner.services.cast import problem_adding_role
from planner.services.people import PersonRow, search_people
from planner.services.snapshot import event_snapshot
from planner.store import Database

# (honorific, given, family, post-nominals) -> how the window writes the person
NAMES = [
    (("", "伟", "王", ""), "王伟"),
    (("教授", "小明", "李", ""), "教授 李小明"),
    (("", "민준", "김", ""), "김민준"),
    (("ڈاکٹر", "عائشہ", "صدیقی", ""), "ڈاکٹر عائشہ صدیقی"),
    (("د.", "ليلى", "حداد", ""), "د. ليلى حداد"),
    (("Senator", "Sehar", "Kamran", "(TI)"), "Senator Sehar Kamran (TI)"),
]


def _person(honorific: str, given: str, family: str, post: str) -> Person:
    return Person(honorific=honorific, given_name=given, family_name=family, post_nominals=post)


def _row(honorific: str, given: str, family: str, post: str) -> PersonRow:
    return PersonRow(1, honorific, given, family, post, "", "", "", "")


@pytest.mark.parametrize(("parts", "shown"), NAMES)
def test_directory_rows_use_the_policys_full_style(parts: tuple[str, ...], shown: str) -> None:
    assert _row(*parts).display_name == shown


def test_the_picker_finds_a_chinese_name_written_family_first(db: Database) -> None:
    with db.session() as session:
        session.add(_person("", "伟", "王", ""))
    (row,) = search_people(db, "王")
    assert row.display_name == "王伟"


@pytest.mark.parametrize(("parts", "shown"), NAMES)
def test_the_editor_snapshot_writes_names_the_policys_way(
    db: Database, parts: tuple[str, str, str, str], shown: str
) -> None:
    starts = datetime(2026, 3, 10, 12, tzinfo=UTC)
    ends = datetime(2026, 3, 10, 14, tzinfo=UTC)
    with db.session() as session:
        person = _person(*parts)
        event = Event(uid="names@planner", title="Names", starts_at=starts, ends_at=ends)
        item = AgendaItem(event=event, title="Opening", starts_at=starts, ends_at=ends)
        session.add_all([person, event, item])
        session.flush()
        session.add_all(
            [
                Participation(event=event, person=person, role=Role.CHAIR),
                AgendaPerson(agenda_item=item, person=person, role=Role.SPEAKER),
                Invitation(event=event, person=person, status=InvitationStatus.ACCEPTED),
            ]
        )
        session.flush()
        event_id, person_id = event.id, person.id
    snapshot = event_snapshot(db, event_id)
    problem = problem_adding_role(db, event_id, person_id, Role.CHAIR)
    assert [member.name for member in snapshot.cast] == [shown]
    assert [p.name for p in snapshot.agenda[0].people] == [shown]
    assert [inv.name for inv in snapshot.invitations] == [shown]
    assert problem == f"{shown} is already chair of this event."
