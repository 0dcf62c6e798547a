"""The Qt-free event services behind the editor: templates, duplication, timetables, deletion."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from planner.errors import NotFoundError, ValidationError
from planner.model import (
    AgendaItem,
    AgendaPerson,
    AttributionRule,
    Consent,
    Event,
    EventFormat,
    Invitation,
    Participation,
    Person,
    Role,
    Series,
)
from planner.services.events import (
    add_agenda_item,
    create_from_template,
    delete_event_with_backup,
    duplicate_event,
    event_snapshot,
    flow_times,
    missing_cast,
    problem_adding_role,
    reflow_agenda,
    restore_event,
    set_event_times,
    set_item_minutes,
)
from planner.store import Database

KARACHI = ZoneInfo("Asia/Karachi")


def test_flow_times_chain_from_the_start() -> None:
    start = datetime(2026, 3, 12, 17, tzinfo=KARACHI)
    slots = flow_times(start, [timedelta(minutes=m) for m in (10, 50, 0, 30)])
    assert [(s.strftime("%H%M"), e.strftime("%H%M")) for s, e in slots] == [
        ("1700", "1710"),
        ("1710", "1800"),
        ("1800", "1800"),
        ("1800", "1830"),
    ]


def test_templates_lay_out_the_event_in_its_zone(db: Database) -> None:
    with db.session() as session:
        event_id = create_from_template(
            session, "roundtable", title="  Gulf Security  ", day=date(2026, 3, 10), at=time(17)
        )
        event = session.get(Event, event_id)
        assert event is not None
        assert event.title == "Gulf Security"
        assert event.format is EventFormat.ROUNDTABLE
        assert event.attribution is AttributionRule.CHATHAM_HOUSE
        assert event.starts_at == datetime(2026, 3, 10, 12, tzinfo=UTC)  # 17:00 in Karachi
        assert event.agenda[-1].ends_at == event.ends_at
        assert missing_cast(session, event_id) == ["1 chair", "1 moderator", "2 speakers"]
        with pytest.raises(ValidationError):
            create_from_template(session, "seminar", title="  ", day=date(2026, 3, 10))
        with pytest.raises(NotFoundError):
            create_from_template(session, "gala", title="Gala", day=date(2026, 3, 10))


def test_duplicate_numbers_the_next_session_a_week_after_the_latest(db: Database) -> None:
    with db.session() as session:
        series = Series(title="Pakistan Foreign Policy Review")
        chair = Person(given_name="Khalid", family_name="Khattak")
        speaker = Person(given_name="M.", family_name="Khan")
        session.add_all([series, chair, speaker])
        session.flush()
        first = create_from_template(
            session, "seminar", title="USA", day=date(2026, 1, 14), series_id=series.id
        )
        second = create_from_template(
            session, "seminar", title="Russia", day=date(2026, 2, 11), series_id=series.id
        )
        session.add_all(
            [
                Participation(event_id=first, person_id=chair.id, role=Role.CHAIR),
                Participation(event_id=first, person_id=speaker.id, role=Role.SPEAKER),
            ]
        )
        session.flush()
        copy_id = duplicate_event(session, first)
        copy = session.get(Event, copy_id)
        assert copy is not None
        assert copy.series_number == 3
        assert copy.starts_at.astimezone(KARACHI).date() == date(2026, 2, 18)
        assert copy.starts_at.astimezone(KARACHI).time() == time(17)
        assert [(p.role, p.person_id) for p in copy.participations] == [(Role.CHAIR, chair.id)]
        assert [i.title for i in copy.agenda] == [
            i.title
            for i in session.get(Event, first).agenda  # type: ignore[union-attr]
        ]
        assert copy.uid != session.get(Event, second).uid  # type: ignore[union-attr]


def test_timetable_edits_keep_lengths_and_chain(db: Database) -> None:
    with db.session() as session:
        event_id = create_from_template(session, "lecture", title="L", day=date(2026, 5, 4))
        event = session.get(Event, event_id)
        assert event is not None
        ids = [i.id for i in event.agenda]
        lengths = [i.ends_at - i.starts_at for i in event.agenda]
        reflow_agenda(session, event_id, [ids[2], ids[0], ids[1], ids[3]])
        session.flush()
        session.expire_all()
        event = session.get(Event, event_id)
        assert event is not None
        assert [i.id for i in event.agenda] == [ids[2], ids[0], ids[1], ids[3]]
        assert event.agenda[0].starts_at == event.starts_at
        assert event.agenda[0].ends_at - event.agenda[0].starts_at == lengths[2]
        set_item_minutes(session, ids[0], 20)
        with pytest.raises(ValidationError):
            set_item_minutes(session, ids[0], 0)
        new = add_agenda_item(session, event_id, "Tea", 15)
        session.flush()
        session.expire_all()
        event = session.get(Event, event_id)
        assert event is not None
        assert event.agenda[-1].id == new
        for before, after in zip(event.agenda, event.agenda[1:], strict=False):
            assert after.starts_at == before.ends_at


def test_moving_an_event_moves_its_agenda_and_refuses_an_end_before_the_start(
    db: Database,
) -> None:
    with db.session() as session:
        event_id = create_from_template(session, "seminar", title="S", day=date(2026, 5, 4))
        event = session.get(Event, event_id)
        assert event is not None
        start, end = event.starts_at, event.ends_at
        first_item = event.agenda[0].starts_at
        with pytest.raises(ValidationError):
            set_event_times(session, event_id, end, start, "Asia/Karachi")
        later = timedelta(days=2, hours=1)
        set_event_times(session, event_id, start + later, end + later, "Asia/Dubai")
        session.flush()
        session.expire_all()
        snapshot = event_snapshot(session, event_id)
        assert snapshot.time_zone == "Asia/Dubai"
        assert snapshot.starts_at.utcoffset() == timedelta(hours=4)
        assert snapshot.agenda[0].starts_at == first_item + later


def test_delete_with_backup_restores_every_row(db: Database) -> None:
    with db.session() as session:
        person = Person(given_name="Sehar", family_name="Kamran")
        session.add(person)
        session.flush()
        event_id = create_from_template(session, "roundtable", title="R", day=date(2026, 5, 4))
        event = session.get(Event, event_id)
        assert event is not None
        session.add_all(
            [
                Participation(event_id=event_id, person_id=person.id, role=Role.CHAIR),
                Invitation(event_id=event_id, person_id=person.id),
                Consent(event_id=event_id, person_id=person.id, may_be_named=True),
                AgendaPerson(
                    agenda_item_id=event.agenda[0].id, person_id=person.id, role=Role.CHAIR
                ),
            ]
        )
        person_id = person.id
        assert problem_adding_role(session, event_id, person_id, Role.CHAIR)
        assert problem_adding_role(session, event_id, person_id, Role.SPEAKER) is None

    def counts() -> tuple[int, ...]:
        with db.session() as session:
            return tuple(
                int(session.scalar(select(func.count()).select_from(model)) or 0)
                for model in (Event, AgendaItem, AgendaPerson, Participation, Invitation, Consent)
            )

    before = counts()
    with db.session() as session:
        backup = delete_event_with_backup(session, event_id)
    assert counts() == (0, 0, 0, 0, 0, 0)
    with db.session() as session:
        restore_event(session, backup)
    assert counts() == before
    with db.session() as session:
        snapshot = event_snapshot(session, event_id)
    assert snapshot.cast[0].person_id == person_id
    assert snapshot.agenda[0].people[0].person_id == person_id
    assert snapshot.consent_of(person_id) is not None
