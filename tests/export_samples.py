"""Hand-built sheets for the export renderer tests (no database: renderers see sheets only).

Imported by the ``test_exports_*`` modules; holds no tests itself.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from planner.store import Database

from planner.policy.sheet import (
    AgendaRow,
    Audience,
    CastGroup,
    OrganisationSheet,
    ParticipantEntry,
    PersonEntry,
    ReportSheet,
    Sheet,
    VenueSheet,
    WhenSheet,
)
from sheet_samples import CHATHAM

KARACHI = ZoneInfo("Asia/Karachi")


def person(
    name: str,
    *,
    role: str = "",
    role_label: str = "",
    short_name: str = "",
    salutation: str = "",
    email: str = "",
    affiliation: str = "",
    position: str = "",
    phone: str = "",
) -> PersonEntry:
    return PersonEntry(
        role=role,
        role_label=role_label,
        name=name,
        short_name=short_name or name,
        salutation=salutation,
        sort_key=name.casefold(),
        position=position,
        affiliation=affiliation,
        short_bio="",
        long_bio="",
        email=email,
        phone=phone,
    )


ORGANISATION = OrganisationSheet(
    name="Centre for Pakistan and Gulf Studies",
    short_name="CPGS",
    address="House 1, Street 2, F-6/3, Islamabad",
    website="https://cpakgulf.org",
    email="events@cpakgulf.org",
    phone="+92 51 1234567",
    logo_path="",
    brand_colour="#1F4E79",
    paper_size="a4",
    language="en",
)

CHAIR = person(
    "Amb (R) Khalid Khattak",
    role="chair",
    role_label="Chair",
    short_name="Amb Khattak",
    salutation="Dear Ambassador Khattak",
    email="khattak@example.org",
    affiliation="Former Ambassador",
)
SPEAKER = person(
    "Lt. Gen. (R) Syed Muhammad Owais HI (M)",
    role="speaker",
    role_label="Speaker",
    short_name="Lt. Gen. Owais",
    salutation="Dear General Owais",
    email="owais@example.org",
    affiliation="National Defence University",
)
GUEST = person(
    "Dr Ayesha Siddiqa",
    salutation="Dear Dr Siddiqa",
    email="ayesha@example.org",
    affiliation="SOAS",
)
URDU_GUEST = person(
    "ڈاکٹر فاطمہ علی",
    salutation="محترمہ فاطمہ علی",
    email="fatima@example.org",
    affiliation="جامعہ پنجاب",
)

# An invitation's addressee is the one person it names who is not on the sheet: a neutral one.
ADDRESSEE = person("Colleague", email="colleague@example.org", salutation="Dear Colleague")


def _public_person(entry: PersonEntry) -> PersonEntry:
    return dataclasses.replace(entry, salutation="", email="", phone="")


def make_sheet(
    audience: Audience = Audience.PUBLIC,
    *,
    event_id: int = 1,
    title: str = "Pakistan – Russia Relations: Challenges and Prospects",
    status: str = "confirmed",
    sequence: int = 2,
    starts_at: datetime | None = None,
    time_zone: str = "Asia/Karachi",
    report_url: str = "https://cpakgulf.org/Pak-Russia-Report.pdf",
    report: bool = True,
    report_refusal: str = "",
    guests: tuple[PersonEntry, ...] = (GUEST, URDU_GUEST),
    cast: tuple[PersonEntry, ...] = (CHAIR, SPEAKER),
    concept_note: str = "From the day of its independence, Pakistan's relations with Russia ...",
    organisation: OrganisationSheet = ORGANISATION,
    venue: VenueSheet | None = None,
    invitation_list: tuple[ParticipantEntry, ...] = (),
) -> Sheet:
    start = starts_at or datetime(2013, 3, 12, 17, 0, tzinfo=ZoneInfo(time_zone))
    end = start + timedelta(hours=2)
    organisers = audience is Audience.ORGANISERS
    shown_cast = cast if organisers else tuple(_public_person(p) for p in cast)
    groups: list[CastGroup] = []
    for role in dict.fromkeys(p.role for p in shown_cast):
        people = tuple(p for p in shown_cast if p.role == role)
        label = people[0].role_label + ("s" if len(people) > 1 else "")
        groups.append(CastGroup(role=role, label=label, people=people))
    participants = None
    if organisers:
        participants = tuple(
            ParticipantEntry(
                person=p, status="cast", status_label="Cast", attended=None, roles=(p.role_label,)
            )
            for p in cast
        ) + tuple(
            ParticipantEntry(
                person=p, status="invited", status_label="Invited", attended=None, roles=()
            )
            for p in guests
        )
    when = WhenSheet(
        starts_at=start,
        ends_at=end,
        time_zone=time_zone,
        date_text="Tuesday, 12 March 2013",
        start_time_text="1700 hours",
        end_time_text="1900 hours",
        time_range_text="1700–1900 hours",
        long_text="Tuesday, 12 March 2013 at 1700 hours",
    )
    venue = venue or VenueSheet(
        name="Islamabad Club",
        room="",
        city="Islamabad",
        address="Murree Road, Islamabad",
        capacity=40,
        contact="",
        text="Islamabad Club, Islamabad",
    )
    return Sheet(
        audience=audience,
        organisation=organisation,
        event_id=event_id,
        uid=f"event-{event_id}@planner.test",
        title=title,
        short_title="Pakistan – Russia",
        subtitle="Pakistan Foreign Policy Review",
        format="roundtable",
        format_label="Roundtable",
        status=status,
        status_label=status.title(),
        sequence=sequence,
        series_title="Pakistan Foreign Policy Review",
        series_number=2,
        series_label="Pakistan Foreign Policy Review · Session 2",
        when=when,
        venue=venue,
        date_line="Tuesday, 12 March 2013 · 1700 hours · Islamabad Club, Islamabad",
        rule="chatham_house",
        rule_label="Chatham House Rule",
        notices=(CHATHAM,),
        confidential=organisers,
        marking="CONFIDENTIAL" if organisers else "",
        event_audience="invitation",
        cast=tuple(groups),
        agenda=(
            AgendaRow(
                starts_at=start,
                ends_at=start + timedelta(minutes=10),
                time_text="1700–1710",
                title="Welcome",
                kind="welcome",
                is_break=False,
                description="",
                rule="chatham_house",
                rule_label="Chatham House Rule",
                overrides_event_rule=False,
                people=(shown_cast[0],) if shown_cast else (),
            ),
        ),
        concept_note=concept_note,
        background="Background text.",
        key_issues=("Does Pakistan have a Russian option?", "What after 2014?"),
        contact="events@cpakgulf.org",
        report=(
            ReportSheet(
                summary="A summary.",
                discussion="The discussion.",
                recommendations=("Engage.",),
                url=report_url,
            )
            if report
            else None
        ),
        report_refusal=report_refusal,
        report_findings=(),
        participants=participants,
        present=tuple(shown_cast) + tuple(guests) if organisers else (),
        invitation_list=invitation_list,
    )


# --- a small database ----------------------------------------------------------------------


def seed_database(db: Database) -> dict[str, int]:
    """One organisation, a series, and a Chatham House roundtable with a chair, two speakers,
    three invitees (one declined, one in Urdu) and a report; a cancelled session; an
    off-the-record briefing with a report that may not be published. Returns their ids."""
    from planner.model import (
        AttributionRule,
        Consent,
        Event,
        EventFormat,
        EventStatus,
        Invitation,
        InvitationStatus,
        Organisation,
        Participation,
        Person,
        Role,
        Series,
        Venue,
    )

    start = datetime(2013, 3, 12, 17, 0, tzinfo=KARACHI)
    with db.session() as s:
        s.add(
            Organisation(
                name="Centre for Pakistan and Gulf Studies",
                short_name="CPGS",
                address="Islamabad",
                website="https://cpakgulf.org",
                email="events@cpakgulf.org",
            )
        )
        chair = Person(
            honorific="Amb (R)",
            given_name="Khalid",
            family_name="Khattak",
            email="khattak@example.org",
            affiliation="Foreign Office",
        )
        owais = Person(
            honorific="Lt. Gen. (R)",
            given_name="Syed Muhammad",
            family_name="Owais",
            post_nominals="HI (M)",
            email="owais@example.org",
            affiliation="National Defence University",
        )
        khan = Person(
            honorific="Brig Dr", given_name="M.", family_name="Khan", email="khan@example.org"
        )
        siddiqa = Person(
            honorific="Dr",
            given_name="Ayesha",
            family_name="Siddiqa",
            email="ayesha@example.org",
            affiliation="SOAS",
        )
        fatima = Person(
            given_name="فاطمہ",
            family_name="علی",
            email="fatima@example.org",
            affiliation="جامعہ پنجاب",
        )
        declined = Person(given_name="Decli", family_name="Ned", email="declined@example.org")
        s.add_all([chair, owais, khan, siddiqa, fatima, declined])
        venue = Venue(name="Islamabad Club", city="Islamabad")
        series = Series(title="Pakistan Foreign Policy Review")
        s.add_all([venue, series])
        s.flush()
        roundtable = Event(
            uid="pak-russia@cpakgulf.org",
            title="Pakistan – Russia Relations: Challenges and Prospects",
            format=EventFormat.ROUNDTABLE,
            status=EventStatus.CONFIRMED,
            series_id=series.id,
            series_number=2,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            time_zone="Asia/Karachi",
            venue_id=venue.id,
            attribution=AttributionRule.CHATHAM_HOUSE,
            concept_note="From the day of its independence, Pakistan's relations ...",
            key_issues=["Did Pakistan ever have a Russian option?"],
            report_summary="The discussion covered trade and security.",
            report_url="https://cpakgulf.org/Pak-Russia-Report.pdf",
            sequence=3,
        )
        cancelled = Event(
            uid="pak-china@cpakgulf.org",
            title="Pakistan – China Relations",
            status=EventStatus.CANCELLED,
            series_id=series.id,
            series_number=3,
            starts_at=start + timedelta(days=30),
            ends_at=start + timedelta(days=30, hours=2),
            time_zone="Asia/Karachi",
            venue_id=venue.id,
            sequence=1,
        )
        off_record = Event(
            uid="briefing@cpakgulf.org",
            title="In-house briefing",
            status=EventStatus.HELD,
            starts_at=start + timedelta(days=60),
            ends_at=start + timedelta(days=60, hours=1),
            time_zone="Asia/Karachi",
            attribution=AttributionRule.OFF_THE_RECORD,
            report_summary="Owais said many things.",
        )
        s.add_all([roundtable, cancelled, off_record])
        s.flush()
        for event in (roundtable, cancelled, off_record):
            s.add(Participation(event_id=event.id, person_id=chair.id, role=Role.CHAIR))
            s.add(
                Participation(event_id=event.id, person_id=owais.id, role=Role.SPEAKER, position=1)
            )
            s.add(
                Participation(event_id=event.id, person_id=khan.id, role=Role.SPEAKER, position=2)
            )
            s.add(
                Invitation(
                    event_id=event.id, person_id=siddiqa.id, status=InvitationStatus.ACCEPTED
                )
            )
            s.add(Invitation(event_id=event.id, person_id=fatima.id))
            s.add(
                Invitation(
                    event_id=event.id, person_id=declined.id, status=InvitationStatus.DECLINED
                )
            )
        s.add(Consent(event_id=roundtable.id, person_id=owais.id, may_be_named=True))
        s.flush()
        return {
            "roundtable": roundtable.id,
            "cancelled": cancelled.id,
            "off_record": off_record.id,
            "series": series.id,
        }
