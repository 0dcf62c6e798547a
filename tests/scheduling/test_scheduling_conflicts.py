"""Conflict rules: each with a case that fires and one that must not."""

from __future__ import annotations

from datetime import time

import pytest

from planner.errors import NotFoundError, PlannerError
from planner.findings import Severity
from planner.model import EventStatus, InvitationStatus, Organisation, Role
from planner.scheduling.conflicts import all_conflicts, conflicted_event_ids, event_conflicts
from planner.store import Database
from scheduling_builders import LONDON, at, cast, event, invite, item, person, room, venue


def codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.code for f in findings]


# --- a person in two events --------------------------------------------------------------


def test_chair_of_two_overlapping_events_is_an_error_with_a_readable_sentence(db: Database) -> None:
    with db.session() as s:
        sehar = person(s, "Sehar", "Kamran", "Senator", post_nominals="(TI)")
        gulf = event(s, "Gulf Security", at(2013, 3, 12, 16), at(2013, 3, 12, 18))
        salam = event(s, "SALAM Roundtable", at(2013, 3, 12, 17), at(2013, 3, 12, 19))
        cast(s, gulf, sehar, Role.CHAIR)
        cast(s, salam, sehar, Role.CHAIR)
        ids = (gulf.id, salam.id, sehar.id)
    with db.session() as s:
        (finding,) = all_conflicts(s)
        assert conflicted_event_ids(s) == {ids[0], ids[1]}
    assert finding.code == "person_double_booked"
    assert finding.severity is Severity.ERROR
    assert finding.event_ids == (ids[0], ids[1])
    assert finding.person_ids == (ids[2],)
    assert finding.message == (
        "Senator Sehar Kamran is chair of both 'Gulf Security' and 'SALAM Roundtable', "
        "which overlap on Tue 12 Mar 2013 17:00–18:00."
    )


@pytest.mark.parametrize(
    ("given", "family", "honorific", "written"),
    [
        ("伟", "王", "", "王伟"),
        ("小明", "李", "教授", "教授 李小明"),
        ("عائشہ", "صدیقی", "ڈاکٹر", "ڈاکٹر عائشہ صدیقی"),
    ],
)
def test_the_sentence_writes_the_name_the_policys_way(
    db: Database, given: str, family: str, honorific: str, written: str
) -> None:
    """Chinese names family name first without a space, as policy/names writes them."""
    with db.session() as s:
        p = person(s, given, family, honorific)
        a = event(s, "A", at(2013, 3, 12, 17), at(2013, 3, 12, 19))
        b = event(s, "B", at(2013, 3, 12, 18), at(2013, 3, 12, 20))
        cast(s, a, p, Role.CHAIR)
        cast(s, b, p, Role.CHAIR)
    with db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.message.startswith(f"{written} is chair of both 'A' and 'B'")


def test_back_to_back_events_at_one_venue_do_not_conflict(db: Database) -> None:
    with db.session() as s:
        club = venue(s, "Islamabad Club")
        hall = room(s, club, "Main Hall")
        p = person(s, "Khalid", "Khattak", "Amb (R)")
        one = event(s, "One", at(2013, 3, 12, 15), at(2013, 3, 12, 17), venue=club, room=hall)
        two = event(s, "Two", at(2013, 3, 12, 17), at(2013, 3, 12, 19), venue=club, room=hall)
        cast(s, one, p, Role.CHAIR)
        cast(s, two, p, Role.SPEAKER)
    with db.session() as s:
        assert all_conflicts(s) == []
        assert conflicted_event_ids(s) == set()


def test_roles_differ_and_a_guest_makes_it_a_warning(db: Database) -> None:
    with db.session() as s:
        p = person(s, "Marvin", "Weinbaum", "Prof.")
        a = event(s, "A", at(2013, 3, 12, 17), at(2013, 3, 12, 19))
        b = event(s, "B", at(2013, 3, 12, 18), at(2013, 3, 12, 20))
        cast(s, a, p, Role.SPEAKER)
        invite(s, b, p, InvitationStatus.ACCEPTED)
    with db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.severity is Severity.WARNING
    assert "is a speaker at 'A' and a guest at 'B'" in finding.message


def test_declined_or_pending_invitation_does_not_count(db: Database) -> None:
    with db.session() as s:
        p = person(s, "Marvin", "Weinbaum")
        a = event(s, "A", at(2013, 3, 12, 17), at(2013, 3, 12, 19))
        b = event(s, "B", at(2013, 3, 12, 18), at(2013, 3, 12, 20))
        cast(s, a, p, Role.SPEAKER)
        invite(s, b, p, InvitationStatus.DECLINED)
        c = event(s, "C", at(2013, 3, 12, 18), at(2013, 3, 12, 20))
        invite(s, c, p, InvitationStatus.INVITED)
    with db.session() as s:
        assert all_conflicts(s) == []


def test_agenda_people_count_as_being_in_the_event(db: Database) -> None:
    with db.session() as s:
        p = person(s, "Asad", "Durrani", "Lt. Gen. (R)")
        a = event(s, "A", at(2013, 3, 12, 17), at(2013, 3, 12, 19))
        b = event(s, "B", at(2013, 3, 12, 18), at(2013, 3, 12, 20))
        item(s, a, "Keynote", at(2013, 3, 12, 18), at(2013, 3, 12, 19), ((p, Role.KEYNOTE),))
        cast(s, b, p, Role.MODERATOR)
    with db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.severity is Severity.ERROR
    # Busy during the keynote they give, not the whole of A (tests/scheduling/test_scheduling_
    # sessions.py has the rest of that rule).
    assert finding.message.endswith(
        "is keynote speaker at 'A' in 'Keynote' (Tue 12 Mar 2013 18:00–19:00) and moderator "
        "of 'B', which overlap on Tue 12 Mar 2013 18:00–19:00."
    )


def test_zones_differ_but_the_instants_overlap(db: Database) -> None:
    # 17:00–19:00 in Karachi (UTC+5) is 12:00–14:00 UTC; 13:00–15:00 in London (UTC in March
    # 2013 before the 31st) overlaps it from 13:00 to 14:00 UTC.
    with db.session() as s:
        p = person(s, "Sehar", "Kamran", "Senator")
        a = event(s, "Karachi", at(2013, 3, 12, 17), at(2013, 3, 12, 19))
        b = event(
            s,
            "London",
            at(2013, 3, 12, 13, tz=LONDON),
            at(2013, 3, 12, 15, tz=LONDON),
            tz="Europe/London",
        )
        cast(s, a, p, Role.CHAIR)
        cast(s, b, p, Role.SPEAKER)
    with db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.code == "person_double_booked"
    # Written in the first event's local time, and says so because the zones differ.
    assert "overlap on Tue 12 Mar 2013 18:00–19:00 (Asia/Karachi time)" in finding.message


def test_same_wall_clock_in_different_zones_need_not_overlap(db: Database) -> None:
    with db.session() as s:
        p = person(s, "Sehar", "Kamran", "Senator")
        a = event(s, "Karachi", at(2013, 3, 12, 17), at(2013, 3, 12, 19))
        b = event(
            s,
            "London",
            at(2013, 3, 12, 17, tz=LONDON),
            at(2013, 3, 12, 19, tz=LONDON),
            tz="Europe/London",
        )
        cast(s, a, p, Role.CHAIR)
        cast(s, b, p, Role.CHAIR)
    with db.session() as s:
        assert all_conflicts(s) == []


def test_events_crossing_midnight(db: Database) -> None:
    with db.session() as s:
        p = person(s, "Owais", "Syed Muhammad", "Lt. Gen. (R)")
        late = event(s, "Late dinner", at(2013, 3, 12, 22), at(2013, 3, 13, 1))
        early = event(s, "Night talk", at(2013, 3, 13, 0, 30), at(2013, 3, 13, 2))
        after = event(s, "Breakfast", at(2013, 3, 13, 1), at(2013, 3, 13, 3))
        cast(s, late, p, Role.SPEAKER)
        cast(s, early, p, Role.SPEAKER)
        cast(s, after, p, Role.HOST)
        ids = late.id, early.id, after.id
    with db.session() as s:
        findings = all_conflicts(s)
    pairs = {f.event_ids for f in findings}
    # late/early overlap 00:30–01:00; early/after 01:00–02:00; late ends as breakfast starts.
    assert pairs == {(ids[0], ids[1]), (ids[1], ids[2])}
    late_early = next(f for f in findings if f.event_ids == (ids[0], ids[1]))
    assert "overlap on Wed 13 Mar 2013 00:30–01:00" in late_early.message


def test_crossing_midnight_span_prints_both_days(db: Database) -> None:
    with db.session() as s:
        club = venue(s, "Islamabad Club")
        hall = room(s, club, "Main Hall")
        event(s, "A", at(2013, 3, 12, 22), at(2013, 3, 13, 2), venue=club, room=hall)
        event(s, "B", at(2013, 3, 12, 23), at(2013, 3, 13, 3), venue=club, room=hall)
    with db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.code == "room_double_booked"
    assert "Tue 12 Mar 2013 23:00 – Wed 13 Mar 2013 02:00" in finding.message


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.POSTPONED])
def test_a_cancelled_event_conflicts_with_nothing(db: Database, status: EventStatus) -> None:
    with db.session() as s:
        club = venue(s, "Islamabad Club", opens=time(9), closes=time(17))
        hall = room(s, club, "Main Hall", capacity=1)
        p = person(s, "Sehar", "Kamran", "Senator")
        q = person(s, "Khalid", "Khattak")
        live = event(s, "Live", at(2013, 3, 12, 10), at(2013, 3, 12, 12), venue=club, room=hall)
        gone = event(
            s,
            "Gone",
            at(2013, 3, 12, 11),
            at(2013, 3, 12, 23),
            venue=club,
            room=hall,
            status=status,
        )
        cast(s, live, p, Role.CHAIR)
        cast(s, gone, p, Role.CHAIR)
        cast(s, gone, q, Role.SPEAKER)
        item(s, gone, "Outside", at(2013, 3, 12, 8), at(2013, 3, 12, 9))
        gone_id = gone.id
    with db.session() as s:
        assert all_conflicts(s) == []
        assert conflicted_event_ids(s) == set()
        assert event_conflicts(s, gone_id) == []


# --- travel between venues ---------------------------------------------------------------


def _two_venue_day(db: Database, gap_minutes: int, same_venue: bool = False) -> tuple[int, int]:
    with db.session() as s:
        club = venue(s, "Islamabad Club")
        serena = club if same_venue else venue(s, "Serena Hotel")
        p = person(s, "Sehar", "Kamran", "Senator")
        a = event(s, "Gulf Security", at(2013, 3, 12, 15), at(2013, 3, 12, 17), venue=club)
        b = event(
            s,
            "SALAM Roundtable",
            at(2013, 3, 12, 17, gap_minutes),
            at(2013, 3, 12, 19),
            venue=serena,
        )
        cast(s, a, p, Role.CHAIR)
        cast(s, b, p, Role.SPEAKER)
        return a.id, b.id


def test_too_little_time_between_venues(db: Database) -> None:
    ids = _two_venue_day(db, 15)
    with db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.code == "person_travel_buffer"
    assert finding.severity is Severity.WARNING
    assert finding.event_ids == ids
    assert finding.message == (
        "Senator Sehar Kamran is chair of 'Gulf Security' at Islamabad Club until "
        "Tue 12 Mar 2013 17:00 and a speaker at 'SALAM Roundtable' at Serena Hotel from 17:15: "
        "15 minutes to get there, less than the 30 minutes allowed between venues."
    )


def test_enough_time_between_venues(db: Database) -> None:
    _two_venue_day(db, 30)
    with db.session() as s:
        assert all_conflicts(s) == []


def test_same_venue_needs_no_travel(db: Database) -> None:
    _two_venue_day(db, 5, same_venue=True)
    with db.session() as s:
        assert all_conflicts(s) == []


def test_travel_buffer_comes_from_the_organisation(db: Database) -> None:
    _two_venue_day(db, 30)
    with db.session() as s:
        s.add(Organisation(name="CPGS", travel_buffer_minutes=45))
    with db.session() as s:
        (finding,) = all_conflicts(s)
    assert "30 minutes to get there, less than the 45 minutes allowed" in finding.message


# --- rooms and venues --------------------------------------------------------------------


def test_room_booked_twice(db: Database) -> None:
    with db.session() as s:
        club = venue(s, "Islamabad Club")
        hall = room(s, club, "Main Hall")
        event(s, "A", at(2013, 3, 12, 17), at(2013, 3, 12, 19), venue=club, room=hall)
        event(s, "B", at(2013, 3, 12, 18), at(2013, 3, 12, 20), venue=club, room=hall)
    with db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.code == "room_double_booked"
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "Main Hall, Islamabad Club is booked for both 'A' and 'B', which overlap on "
        "Tue 12 Mar 2013 18:00–19:00."
    )


def test_two_rooms_of_one_venue_at_once_are_fine(db: Database) -> None:
    with db.session() as s:
        club = venue(s, "Islamabad Club")
        hall = room(s, club, "Main Hall")
        library = room(s, club, "Library")
        event(s, "A", at(2013, 3, 12, 17), at(2013, 3, 12, 19), venue=club, room=hall)
        event(s, "B", at(2013, 3, 12, 18), at(2013, 3, 12, 20), venue=club, room=library)
    with db.session() as s:
        assert all_conflicts(s) == []


def test_whole_venue_when_a_room_is_unset(db: Database) -> None:
    with db.session() as s:
        club = venue(s, "Islamabad Club")
        hall = room(s, club, "Main Hall")
        event(s, "A", at(2013, 3, 12, 17), at(2013, 3, 12, 19), venue=club, room=hall)
        event(s, "B", at(2013, 3, 12, 18), at(2013, 3, 12, 20), venue=club)
        # A different venue at the same time is no concern.
        event(s, "C", at(2013, 3, 12, 18), at(2013, 3, 12, 20), venue=venue(s, "Serena"))
    with db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.code == "venue_double_booked"
    assert finding.severity is Severity.WARNING
    assert "'B' has no room set" in finding.message


# --- agenda ------------------------------------------------------------------------------


def test_agenda_items_overlap_and_run_outside(db: Database) -> None:
    with db.session() as s:
        e = event(s, "Roundtable", at(2013, 3, 12, 17), at(2013, 3, 12, 19))
        welcome = item(s, e, "Welcome", at(2013, 3, 12, 17), at(2013, 3, 12, 17, 20))
        keynote = item(s, e, "Keynote", at(2013, 3, 12, 17, 15), at(2013, 3, 12, 18))
        qa = item(s, e, "Q&A", at(2013, 3, 12, 18, 30), at(2013, 3, 12, 19, 15))
        ids = e.id, welcome.id, keynote.id, qa.id
    with db.session() as s:
        findings = event_conflicts(s, ids[0])
    by_code = {f.code: f for f in findings}
    assert set(by_code) == {"agenda_items_overlap", "agenda_outside_event"}
    assert by_code["agenda_items_overlap"].agenda_item_ids == (ids[1], ids[2])
    assert by_code["agenda_items_overlap"].severity is Severity.WARNING
    assert by_code["agenda_outside_event"].agenda_item_ids == (ids[3],)
    assert by_code["agenda_outside_event"].severity is Severity.ERROR
    assert by_code["agenda_outside_event"].message == (
        "The agenda item 'Q&A' (Tue 12 Mar 2013 18:30–19:15) runs outside 'Roundtable' "
        "(Tue 12 Mar 2013 17:00–19:00)."
    )
    # Errors come first.
    assert findings[0].severity is Severity.ERROR


def test_agenda_in_order_has_no_findings(db: Database) -> None:
    with db.session() as s:
        p = person(s, "Khalid", "Khattak")
        e = event(s, "Roundtable", at(2013, 3, 12, 17), at(2013, 3, 12, 19))
        item(s, e, "Welcome", at(2013, 3, 12, 17), at(2013, 3, 12, 17, 20), ((p, Role.CHAIR),))
        item(s, e, "Panel", at(2013, 3, 12, 17, 20), at(2013, 3, 12, 19), ((p, Role.MODERATOR),))
        eid = e.id
    with db.session() as s:
        assert event_conflicts(s, eid) == []


def test_person_in_two_overlapping_agenda_items(db: Database) -> None:
    with db.session() as s:
        p = person(s, "Khalid", "Khattak", "Amb (R)")
        other = person(s, "Brig Dr M.", "Khan")
        e = event(s, "Conference", at(2013, 3, 12, 9), at(2013, 3, 12, 17))
        item(s, e, "Panel A", at(2013, 3, 12, 10), at(2013, 3, 12, 11), ((p, Role.MODERATOR),))
        item(
            s,
            e,
            "Panel B",
            at(2013, 3, 12, 10, 30),
            at(2013, 3, 12, 12),
            ((p, Role.SPEAKER), (other, Role.SPEAKER)),
        )
        pid, eid = p.id, e.id
    with db.session() as s:
        findings = all_conflicts(s)
        assert event_conflicts(s, eid) == findings
    assert codes(findings) == ["person_in_overlapping_items", "agenda_items_overlap"]
    assert findings[0].person_ids == (pid,)
    assert findings[0].message == (
        "Amb (R) Khalid Khattak is in both 'Panel A' (moderator) and 'Panel B' (speaker) of "
        "'Conference', which overlap on Tue 12 Mar 2013 10:30–11:00."
    )


# --- capacity and opening hours ----------------------------------------------------------


def _room_with_guests(db: Database, capacity: int, accepted: int) -> int:
    with db.session() as s:
        club = venue(s, "Islamabad Club")
        hall = room(s, club, "Library", capacity=capacity)
        e = event(s, "Roundtable", at(2013, 3, 12, 17), at(2013, 3, 12, 19), venue=club, room=hall)
        chair = person(s, "Sehar", "Kamran", "Senator")
        cast(s, e, chair, Role.CHAIR)
        invite(s, e, chair, InvitationStatus.ACCEPTED)  # counted once
        for n in range(accepted):
            invite(s, e, person(s, f"Guest{n}", "Scholar"), InvitationStatus.ACCEPTED)
        for n in range(5):  # not coming (yet): not counted
            invite(s, e, person(s, f"Maybe{n}", "Scholar"), InvitationStatus.TENTATIVE)
        return e.id


def test_more_accepted_than_the_room_seats(db: Database) -> None:
    eid = _room_with_guests(db, capacity=10, accepted=10)
    with db.session() as s:
        (finding,) = event_conflicts(s, eid)
        assert all_conflicts(s) == [finding]
    assert finding.code == "over_capacity"
    assert finding.message == (
        "11 people are coming to 'Roundtable' (accepted invitations and everyone with a role), "
        "but Library seats 10."
    )


def test_room_exactly_full_is_fine(db: Database) -> None:
    eid = _room_with_guests(db, capacity=10, accepted=9)
    with db.session() as s:
        assert event_conflicts(s, eid) == []


def test_outside_opening_hours_in_local_time(db: Database) -> None:
    with db.session() as s:
        club = venue(s, "Islamabad Club", opens=time(9), closes=time(22))
        inside = event(s, "Inside", at(2013, 3, 12, 20), at(2013, 3, 12, 22), venue=club)
        late = event(s, "Late", at(2013, 3, 13, 20), at(2013, 3, 13, 22, 30), venue=club)
        ids = inside.id, late.id
    with db.session() as s:
        (finding,) = all_conflicts(s)
    assert finding.code == "outside_opening_hours"
    assert finding.event_ids == (ids[1],)
    assert finding.message == (
        "'Late' (Wed 13 Mar 2013 20:00–22:30) is outside the opening hours of "
        "Islamabad Club (09:00–22:00)."
    )


def test_opening_hours_past_midnight(db: Database) -> None:
    with db.session() as s:
        bar = venue(s, "Night Venue", opens=time(18), closes=time(2))
        event(s, "Across midnight", at(2013, 3, 12, 23), at(2013, 3, 13, 1, 30), venue=bar)
        event(s, "After midnight", at(2013, 3, 13, 0, 30), at(2013, 3, 13, 1), venue=bar, room=None)
        late = event(s, "Too late", at(2013, 3, 14, 1), at(2013, 3, 14, 3), venue=bar)
        late_id = late.id
    with db.session() as s:
        findings = [f for f in all_conflicts(s) if f.code == "outside_opening_hours"]
    assert [f.event_ids for f in findings] == [(late_id,)]


def test_a_conference_over_two_days_keeps_to_the_hours_of_each_day(db: Database) -> None:
    """Thu 09:00 – Fri 18:00 at a venue open 08:00–20:00: each day is inside the hours (a
    try-out's conference was warned as if it ran through the night)."""
    with db.session() as s:
        serena = venue(s, "Serena Hotel", opens=time(8), closes=time(20))
        event(s, "Conference", at(2027, 1, 14, 9), at(2027, 1, 15, 18), venue=serena, room=None)
        three = event(s, "Three days", at(2027, 2, 3, 9), at(2027, 2, 5, 17), venue=serena)
        early = event(s, "Too early", at(2027, 3, 3, 7), at(2027, 3, 4, 18), venue=serena)
        late = event(s, "Too late", at(2027, 4, 7, 9), at(2027, 4, 8, 21), venue=serena)
        night = event(s, "Overnight", at(2027, 5, 5, 19), at(2027, 5, 6, 9), venue=serena)
        ids = three.id, early.id, late.id, night.id
    with db.session() as s:
        findings = [f for f in all_conflicts(s) if f.code == "outside_opening_hours"]
        assert not any(f.event_ids == (ids[0],) for f in findings)
        assert sorted(f.event_ids for f in findings) == [(ids[1],), (ids[2],), (ids[3],)]
        for event_id in ids[1:]:
            one = [f for f in event_conflicts(s, event_id) if f.code == "outside_opening_hours"]
            assert len(one) == 1


# --- the API -----------------------------------------------------------------------------


def test_event_conflicts_puts_the_event_first_and_scopes(db: Database) -> None:
    with db.session() as s:
        club = venue(s, "Islamabad Club")
        hall = room(s, club, "Main Hall")
        a = event(s, "A", at(2013, 3, 12, 17), at(2013, 3, 12, 19), venue=club, room=hall)
        b = event(s, "B", at(2013, 3, 12, 18), at(2013, 3, 12, 20), venue=club, room=hall)
        c = event(s, "C", at(2013, 3, 14, 18), at(2013, 3, 14, 20), venue=club, room=hall)
        d = event(s, "D", at(2013, 3, 14, 18), at(2013, 3, 14, 20), venue=club, room=hall)
        ids = a.id, b.id, c.id, d.id
    with db.session() as s:
        assert [f.event_ids for f in event_conflicts(s, ids[1])] == [(ids[1], ids[0])]
        assert [f.event_ids for f in event_conflicts(s, ids[0])] == [(ids[0], ids[1])]
        window = all_conflicts(s, start=at(2013, 3, 13, 0), end=at(2013, 3, 15, 0))
        assert [f.event_ids for f in window] == [(ids[2], ids[3])]
        assert conflicted_event_ids(s, end=at(2013, 3, 13, 0)) == {ids[0], ids[1]}


def test_unknown_event_and_naive_window_are_clear_errors(db: Database) -> None:
    from datetime import datetime

    with db.session() as s:
        with pytest.raises(NotFoundError, match="no event with id 999"):
            event_conflicts(s, 999)
        with pytest.raises(PlannerError, match="no time zone"):
            all_conflicts(s, start=datetime(2013, 1, 1))
