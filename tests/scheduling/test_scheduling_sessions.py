"""A person's own session times in the person rules: a speaker is busy during the agenda items
they are named in, not the whole of a two-day conference (a try-out's defect); roles that cover
the whole event keep its whole span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from planner.findings import Finding, Severity
from planner.model import Event, Person, Role
from planner.scheduling.conflicts import all_conflicts, conflicted_event_ids, event_conflicts
from planner.store import Database
from scheduling_builders import at, cast, event, invite, item, person, room, venue

CONFERENCE = "Pakistan and the Gulf: Conference 2027"
BREAKFAST = "Friday breakfast briefing"


@dataclass(frozen=True)
class TryOut:
    conference: int
    breakfast: int
    person: int


def _try_out(
    any_db: Database,
    *,
    role: Role | None = Role.SPEAKER,
    friday_session: tuple[int, int] = (12, 30),
    named_in_items: bool = True,
    breakfast_venue: str | None = None,
) -> TryOut:
    """The try-out's conference: Thu 14 – Fri 15 Jan 2027 09:00–18:00, 40 agenda items of
    twenty minutes (from 09:00 each day); Dr Given31 Family31 in the cast as ``role`` (None: only
    named in the agenda) and named in two Thursday items and one Friday item at
    ``friday_session``; and chair of a Friday breakfast briefing 09:00–10:00."""
    with any_db.session() as s:
        club = venue(s, "Islamabad Club")
        hall, salon = room(s, club, "Main Hall"), room(s, club, "Salon")
        given = person(s, "Given31", "Family31", "Dr")
        other = person(s, "Given7", "Family7")
        conference = event(
            s, CONFERENCE, at(2027, 1, 14, 9), at(2027, 1, 15, 18), venue=club, room=hall
        )
        if role is not None:
            cast(s, conference, given, role)
        for day in (14, 15):
            for n in range(20):
                starts = at(2027, 1, day, 9) + timedelta(minutes=20 * n)
                hour, minute = friday_session
                mine = (day == 14 and n in (3, 12)) or (
                    day == 15 and starts == at(2027, 1, 15, hour, minute)
                )
                speaker = given if mine and named_in_items else other
                ends = starts + timedelta(minutes=20)
                item(s, conference, f"Session {day}.{n}", starts, ends, ((speaker, Role.SPEAKER),))
        place = venue(s, breakfast_venue) if breakfast_venue else club
        breakfast = event(
            s,
            BREAKFAST,
            at(2027, 1, 15, 9),
            at(2027, 1, 15, 10),
            venue=place,
            room=salon if place is club else None,
        )
        cast(s, breakfast, given, Role.CHAIR)
        return TryOut(conference.id, breakfast.id, given.id)


def _person_findings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code.startswith("person_")]


def test_the_try_out_a_speaker_on_thursday_and_at_1230_may_chair_a_friday_breakfast(
    any_db: Database,
) -> None:
    ids = _try_out(any_db)
    with any_db.session() as s:
        assert all_conflicts(s) == []
        assert conflicted_event_ids(s) == set()
        assert event_conflicts(s, ids.conference) == []
        assert event_conflicts(s, ids.breakfast) == []


def test_a_speaker_named_only_in_the_agenda_is_busy_only_then(any_db: Database) -> None:
    _try_out(any_db, role=None)
    with any_db.session() as s:
        assert all_conflicts(s) == []


def test_a_speaker_whose_session_clashes_is_an_error_naming_the_session(any_db: Database) -> None:
    ids = _try_out(any_db, friday_session=(9, 40))
    with any_db.session() as s:
        (finding,) = all_conflicts(s)
        (alone,) = event_conflicts(s, ids.breakfast)
    assert finding.code == "person_double_booked"
    assert finding.severity is Severity.ERROR
    assert finding.person_ids == (ids.person,)
    assert set(finding.event_ids) == {ids.conference, ids.breakfast}
    assert finding.message == (
        f"Dr Given31 Family31 is a speaker at '{CONFERENCE}' in 'Session 15.2' "
        f"(Fri 15 Jan 2027 09:40–10:00) and chair of '{BREAKFAST}', which overlap on "
        "Fri 15 Jan 2027 09:40–10:00."
    )
    assert alone.event_ids == (ids.breakfast, ids.conference)
    assert alone.severity is Severity.ERROR
    assert len(finding.agenda_item_ids) == 1


def test_a_speaker_whose_two_sessions_clash_with_another_event(any_db: Database) -> None:
    """Both of Thursday's sessions fall inside a Thursday lunch the speaker also chairs: one
    finding for the pair of events, an error, naming the session with the most overlap."""
    ids = _try_out(any_db)
    with any_db.session() as s:
        lunch = event(s, "Thursday working lunch", at(2027, 1, 14, 10), at(2027, 1, 14, 13, 10))
        cast(s, lunch, s.get_one(Person, ids.person), Role.CHAIR)
        lunch_id = lunch.id
    with any_db.session() as s:
        (finding,) = _person_findings(all_conflicts(s))
        assert [f.code for f in event_conflicts(s, lunch_id)] == ["person_double_booked"]
    assert finding.severity is Severity.ERROR
    assert set(finding.event_ids) == {ids.conference, lunch_id}
    assert "'Session 14.3' (Thu 14 Jan 2027 10:00–10:20)" in finding.message


@pytest.mark.parametrize(
    ("role", "severity"),
    [
        (Role.CHAIR, Severity.ERROR),
        (Role.CO_CHAIR, Severity.ERROR),
        (Role.MODERATOR, Severity.ERROR),
        (Role.HOST, Severity.ERROR),
        (Role.RAPPORTEUR, Severity.ERROR),
        (Role.ORGANISER, Severity.WARNING),
    ],
)
def test_roles_that_cover_the_whole_event_keep_its_whole_span(
    any_db: Database, role: Role, severity: Severity
) -> None:
    _try_out(any_db, role=role)
    with any_db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.code == "person_double_booked"
    assert finding.severity is severity
    assert finding.agenda_item_ids == ()
    assert finding.message.endswith("which overlap on Fri 15 Jan 2027 09:00–10:00.")


def test_a_speaker_named_in_no_agenda_item_keeps_the_whole_span(any_db: Database) -> None:
    _try_out(any_db, named_in_items=False)
    with any_db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        f"Dr Given31 Family31 is a speaker at '{CONFERENCE}' and chair of '{BREAKFAST}', "
        "which overlap on Fri 15 Jan 2027 09:00–10:00."
    )


def test_an_accepted_guest_keeps_the_whole_span(any_db: Database) -> None:
    ids = _try_out(any_db)
    with any_db.session() as s:
        invite(s, s.get_one(Event, ids.conference), s.get_one(Person, ids.person))
    with any_db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.severity is Severity.ERROR  # a speaker there, and chair of the breakfast
    assert finding.agenda_item_ids == ()


def test_a_session_right_after_another_engagement_is_a_near_miss_warning(any_db: Database) -> None:
    ids = _try_out(any_db, friday_session=(10, 0))
    with any_db.session() as s:
        (finding,) = all_conflicts(s)
        assert [f.severity for f in event_conflicts(s, ids.conference)] == [Severity.WARNING]
    assert finding.code == "person_double_booked"
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        f"Dr Given31 Family31 is chair of '{BREAKFAST}' (Fri 15 Jan 2027 09:00–10:00) and a "
        f"speaker at '{CONFERENCE}' in 'Session 15.3' (Fri 15 Jan 2027 10:00–10:20): no time "
        "between them, less than the 15 minutes kept free around a session, which may run over."
    )


def test_fifteen_minutes_after_is_enough(any_db: Database) -> None:
    """Sessions start on a 20-minute grid; 10:20 is 20 minutes after the breakfast."""
    _try_out(any_db, friday_session=(10, 20))
    with any_db.session() as s:
        assert all_conflicts(s) == []


def test_a_session_at_another_venue_needs_the_travel_buffer(any_db: Database) -> None:
    ids = _try_out(any_db, friday_session=(10, 20), breakfast_venue="Serena Hotel")
    with any_db.session() as s:
        (finding,) = all_conflicts(s)
        assert [f.code for f in event_conflicts(s, ids.breakfast)] == ["person_travel_buffer"]
    assert finding.code == "person_travel_buffer"
    assert finding.message == (
        f"Dr Given31 Family31 is chair of '{BREAKFAST}' at Serena Hotel until "
        f"Fri 15 Jan 2027 10:00 and a speaker at '{CONFERENCE}' in 'Session 15.4' at "
        "Main Hall, Islamabad Club from 10:20: 20 minutes to get there, less than the "
        "30 minutes allowed between venues."
    )
