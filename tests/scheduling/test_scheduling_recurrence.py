"""Series recurrence: dates, numbering, defaults, daylight saving, independence of sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from planner.errors import NotFoundError, ValidationError
from planner.model import (
    AttributionRule,
    Event,
    EventFormat,
    EventStatus,
    Organisation,
    Participation,
    Role,
    Series,
)
from planner.scheduling.recurrence import Place, apply_plan, plan_series
from planner.store import Database
from scheduling_builders import at, event, person, room, venue

LONDON = ZoneInfo("Europe/London")


def make_series(db: Database, **fields: object) -> int:
    with db.session() as s:
        series = Series(
            title="Pakistan Foreign Policy Review", numbering="Seminar No. {n}", **fields
        )
        s.add(series)
        s.flush()
        return series.id


def test_second_tuesday_for_twelve_months_skipping_december(db: Database) -> None:
    with db.session() as s:
        s.add(Organisation(name="CPGS", time_zone="Asia/Karachi"))
    sid = make_series(db)
    with db.session() as s:
        # Two sessions were held already: the plan numbers on from them.
        for n in (1, 2):
            e = event(s, f"Session {n}", at(2025, 10 + n, 11, 17), at(2025, 10 + n, 11, 19))
            e.series_id, e.series_number = sid, n
    with db.session() as s:
        plan = plan_series(
            s,
            sid,
            rrule="FREQ=MONTHLY;BYDAY=2TU",
            count=12,
            at=time(17, 0),
            start=date(2026, 1, 1),
            skip_months={12},
        )
        assert s.scalar(select(Event.id).where(Event.status == EventStatus.DRAFT)) is None
    days = [o.starts_at.date() for o in plan.occurrences]
    assert days == [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
        date(2026, 4, 14),
        date(2026, 5, 12),
        date(2026, 6, 9),
        date(2026, 7, 14),
        date(2026, 8, 11),
        date(2026, 9, 8),
        date(2026, 10, 13),
        date(2026, 11, 10),
    ]
    assert plan.skipped == (date(2026, 12, 8),)
    assert all(d.weekday() == 1 for d in days)  # Tuesdays
    assert [o.number for o in plan.occurrences] == list(range(3, 14))

    with db.session() as s:
        ids = apply_plan(s, plan)
    with db.session() as s:
        events = [s.get(Event, i) for i in ids]
        assert all(e is not None for e in events)
        created = [e for e in events if e is not None]
        assert [e.series_number for e in created] == list(range(3, 14))
        assert created[0].title == "Pakistan Foreign Policy Review: Seminar No. 3"
        assert created[0].short_title == "Seminar No. 3"
        assert {e.status for e in created} == {EventStatus.DRAFT}
        assert len({e.uid for e in created}) == len(created)
        for e in created:
            local = e.starts_at.astimezone(ZoneInfo("Asia/Karachi"))
            assert (local.hour, local.minute) == (17, 0)
            assert (
                e.ends_at - e.starts_at
                == plan.occurrences[0].ends_at - plan.occurrences[0].starts_at
            )


def test_wall_clock_time_is_kept_across_daylight_saving(db: Database) -> None:
    sid = make_series(db, default_time_zone="Europe/London", default_duration_minutes=90)
    with db.session() as s:
        plan = plan_series(
            s,
            sid,
            rrule="FREQ=MONTHLY;BYMONTHDAY=15",
            count=12,
            at=time(17),
            start=date(2026, 1, 1),
        )
        ids = apply_plan(s, plan)
    with db.session() as s:
        created = [s.get(Event, i) for i in ids]
    utc_hours = {}
    for e in created:
        assert e is not None
        local = e.starts_at.astimezone(LONDON)
        assert (local.hour, local.minute) == (17, 0)
        assert e.time_zone == "Europe/London"
        assert (e.ends_at - e.starts_at).total_seconds() == 90 * 60
        utc_hours[local.month] = e.starts_at.astimezone(UTC).hour
    # GMT in winter, BST (UTC+1) from the last Sunday of March to the last Sunday of October.
    assert utc_hours[1] == 17 and utc_hours[3] == 17
    assert utc_hours[4] == 16 and utc_hours[10] == 16
    assert utc_hours[11] == 17


def test_weekly_across_the_clock_change_weekend(db: Database) -> None:
    sid = make_series(db, default_time_zone="Europe/London")
    with db.session() as s:
        plan = plan_series(
            s, sid, rrule="FREQ=WEEKLY;BYDAY=SA", count=2, at=time(10), start=date(2026, 3, 22)
        )
    before, after = (o.starts_at for o in plan.occurrences)
    assert before.date() == date(2026, 3, 28) and after.date() == date(2026, 4, 4)
    # A week apart on the wall clock, one hour less in absolute time.
    assert (after.astimezone(UTC) - before.astimezone(UTC)).total_seconds() == 7 * 24 * 3600 - 3600
    assert before.astimezone(UTC).hour == 10 and after.astimezone(UTC).hour == 9


def test_a_time_inside_the_spring_forward_gap_moves_forward(db: Database) -> None:
    sid = make_series(db, default_time_zone="Europe/London")
    with db.session() as s:
        plan = plan_series(
            s, sid, rrule="FREQ=DAILY", count=3, at=time(1, 30), start=date(2026, 3, 28)
        )
    gap = plan.occurrences[1]
    assert gap.starts_at.date() == date(2026, 3, 29)
    assert (gap.starts_at.hour, gap.starts_at.minute) == (2, 30)
    assert "does not exist" in gap.note
    assert plan.occurrences[0].note == plan.occurrences[2].note == ""
    assert plan.occurrences[2].starts_at.hour == 1


def test_series_defaults_and_fallbacks(db: Database) -> None:
    with db.session() as s:
        s.add(
            Organisation(
                name="CPGS",
                time_zone="Asia/Dubai",
                default_attribution=AttributionRule.ON_THE_RECORD,
            )
        )
        club = venue(s, "Islamabad Club")
        hall = room(s, club, "Main Hall", capacity=60)
        chair = person(s, "Khalid", "Khattak", "Amb (R)")
        full = Series(
            title="Full",
            default_format=EventFormat.ROUNDTABLE,
            default_attribution=AttributionRule.NOT_FOR_ATTRIBUTION,
            default_venue_id=club.id,
            default_room_id=hall.id,
            default_chair_id=chair.id,
            default_time_zone="Asia/Karachi",
            default_duration_minutes=150,
        )
        bare = Series(title="Bare")
        s.add_all([full, bare])
        s.flush()
        ids = full.id, bare.id, club.id, hall.id, chair.id
    with db.session() as s:
        full_ids = apply_plan(
            s, plan_series(s, ids[0], rrule="FREQ=WEEKLY", count=2, start=date(2026, 5, 4))
        )
        bare_ids = apply_plan(
            s, plan_series(s, ids[1], rrule="FREQ=WEEKLY", count=1, start=date(2026, 5, 4))
        )
    with db.session() as s:
        e = s.get(Event, full_ids[0])
        assert e is not None
        assert e.format == EventFormat.ROUNDTABLE
        assert e.attribution == AttributionRule.NOT_FOR_ATTRIBUTION
        assert (e.venue_id, e.room_id) == (ids[2], ids[3])
        assert e.time_zone == "Asia/Karachi"
        assert (e.ends_at - e.starts_at).total_seconds() == 150 * 60
        chairs = s.scalars(
            select(Participation.event_id).where(
                Participation.person_id == ids[4], Participation.role == Role.CHAIR
            )
        ).all()
        assert sorted(chairs) == sorted(full_ids)
        b = s.get(Event, bare_ids[0])
        assert b is not None
        assert b.time_zone == "Asia/Dubai"  # the organisation's zone
        assert b.attribution == AttributionRule.ON_THE_RECORD  # the organisation's rule
        assert b.format == EventFormat.SEMINAR
        assert b.starts_at.astimezone(ZoneInfo("Asia/Dubai")).time() == time(17, 0)
        assert b.title == "Bare: Session 1"
        assert (b.ends_at - b.starts_at).total_seconds() == 120 * 60


def test_sessions_are_independent(db: Database) -> None:
    sid = make_series(db)
    with db.session() as s:
        ids = apply_plan(
            s, plan_series(s, sid, rrule="FREQ=MONTHLY", count=3, start=date(2026, 1, 5))
        )
    with db.session() as s:
        before = {i: (e.title, e.starts_at) for i in ids if (e := s.get(Event, i))}
        changed = s.get(Event, ids[1])
        assert changed is not None
        changed.title = "Pakistan–Russia Relations"
        changed.starts_at = datetime(2026, 2, 20, 12, tzinfo=UTC)
        changed.ends_at = datetime(2026, 2, 20, 14, tzinfo=UTC)
        s.delete(s.get(Event, ids[2]))
    with db.session() as s:
        first = s.get(Event, ids[0])
        assert first is not None
        assert (first.title, first.starts_at) == before[ids[0]]
        assert s.get(Event, ids[2]) is None
        assert s.get(Event, ids[1]) is not None


def test_the_next_plan_continues_the_numbers_and_the_dates(db: Database) -> None:
    sid = make_series(db)
    with db.session() as s:
        apply_plan(
            s,
            plan_series(
                s, sid, rrule="FREQ=MONTHLY;BYDAY=2TU", count=2, start=date(2030, 1, 1), at=time(18)
            ),
        )
    with db.session() as s:
        # No --start or --at: after the last session, at its time.
        plan = plan_series(s, sid, rrule="FREQ=MONTHLY;BYDAY=2TU", count=1)
    (only,) = plan.occurrences
    assert only.number == 3
    assert only.starts_at.date() == date(2030, 3, 12)
    assert only.starts_at.time() == time(18, 0)


@pytest.mark.parametrize(
    ("rule", "count", "message"),
    [
        ("FREQ=MONTHLY", None, "never ends"),
        ("BYDAY=2TU", 3, "cannot read"),
        ("FREQ=FORTNIGHTLY", 3, "cannot read"),
        ("", 3, "empty"),
        ("FREQ=DAILY", 0, "at least 1"),
        ("DTSTART:20260101T170000\nRRULE:FREQ=DAILY", 3, "--start"),
        ("FREQ=HOURLY", 3, "repeats FREQ=HOURLY: a seminar series meets daily at most"),
        ("RRULE:freq=minutely;COUNT=5", None, "repeats FREQ=MINUTELY"),
        ("FREQ=SECONDLY;UNTIL=20260102", None, "repeats FREQ=SECONDLY"),
        ("FREQ=DAILY;BYHOUR=9,10,11", 3, r"sets the time of day \(BYHOUR\)"),
        ("FREQ=WEEKLY;byminute=0,30", 3, r"\(BYMINUTE\)"),
    ],
)
def test_bad_rules_are_refused_clearly(
    db: Database, rule: str, count: int | None, message: str
) -> None:
    sid = make_series(db)
    with db.session() as s, pytest.raises(ValidationError, match=message):
        plan_series(s, sid, rrule=rule, count=count, start=date(2026, 1, 1))


def test_other_bad_input(db: Database) -> None:
    sid = make_series(db)
    with db.session() as s:
        with pytest.raises(NotFoundError):
            plan_series(s, 999, rrule="FREQ=DAILY", count=1)
        with pytest.raises(ValidationError, match="months are 1 to 12"):
            plan_series(s, sid, rrule="FREQ=DAILY", count=1, skip_months={13})
        with pytest.raises(ValidationError, match="no sessions"):
            plan_series(
                s, sid, rrule="FREQ=MONTHLY", count=1, start=date(2026, 12, 1), skip_months={12}
            )
        with pytest.raises(ValidationError, match="more than 200"):
            plan_series(s, sid, rrule="FREQ=DAILY", count=201, start=date(2026, 1, 1))


def test_until_dates_duration_and_place_replace_the_defaults(db: Database) -> None:
    sid = make_series(db, default_duration_minutes=90)
    with db.session() as s:
        hall = venue(s, "Islamabad Club")
        small = room(s, hall, "Small room", 20)
        s.flush()
        place = (hall.id, small.id)
    with db.session() as s:
        weekly = plan_series(
            s, sid, rrule="FREQ=WEEKLY;BYDAY=WE", until=date(2026, 1, 28), start=date(2026, 1, 1)
        )
        assert [o.starts_at.day for o in weekly.occurrences] == [7, 14, 21, 28]
        assert weekly.duration_minutes == 90
        listed = plan_series(
            s,
            sid,
            dates=[date(2026, 3, 17), date(2026, 3, 3), date(2026, 3, 17)],
            at=time(10, 30),
            duration_minutes=45,
            place=Place(*place),
        )
    assert [(o.number, o.starts_at.day, o.starts_at.hour) for o in listed.occurrences] == [
        (1, 3, 10),
        (2, 17, 10),
    ]
    assert listed.duration_minutes == 45
    assert (listed.venue_id, listed.room_id) == place


def test_dates_rule_and_end_are_checked(db: Database) -> None:
    sid = make_series(db)
    with db.session() as s:
        with pytest.raises(ValidationError, match="not both"):
            plan_series(s, sid, rrule="FREQ=DAILY", dates=[date(2026, 1, 1)], count=1)
        with pytest.raises(ValidationError, match="a recurrence rule or at least one date"):
            plan_series(s, sid)
        with pytest.raises(ValidationError, match="end date 2025-12-31 is before the start"):
            plan_series(
                s, sid, rrule="FREQ=DAILY", until=date(2025, 12, 31), start=date(2026, 1, 1)
            )
        many = [date(2026, 1, 1) + timedelta(days=i) for i in range(201)]
        with pytest.raises(ValidationError, match="more than 200 dates"):
            plan_series(s, sid, dates=many)
        with pytest.raises(ValidationError, match="more than 0 minutes"):
            plan_series(s, sid, dates=[date(2026, 1, 1)], duration_minutes=0)
