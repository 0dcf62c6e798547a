"""Hand-built sample sheets for rendering tests (documents, exports) and benchmarks.

Built directly, without the database or the policy, so renderers can be tested on their own:
- :func:`gulf_security`: the demo's Gulf Security roundtable under the Chatham House Rule;
- :func:`conference`: a 40-item conference with long names, 10,000-character biographies and
  names in Urdu, Arabic, Chinese, Cyrillic and Greek, and ``AT&T <Research>``.
Each takes the audience and shapes the sheet the way the policy would for it (organisers see the
participant list and everyone present; others do not).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from planner.model import Role
from planner.model.labels import ROLE_LABELS
from planner.policy.sheet import (
    AgendaRow,
    Audience,
    CastGroup,
    Notice,
    OrganisationSheet,
    ParticipantEntry,
    PersonEntry,
    ReportSheet,
    Sheet,
    VenueSheet,
    WhenSheet,
)

KARACHI = ZoneInfo("Asia/Karachi")
CHATHAM_TEXT = (
    "When a meeting, or part thereof, is held under the Chatham House Rule, participants are "
    "free to use the information received, but neither the identity nor the affiliation of the "
    "speaker(s), nor that of any other participant, may be revealed."
)
CHATHAM = Notice(rule="chatham_house", title="Chatham House Rule", text=CHATHAM_TEXT)

CPGS = OrganisationSheet(
    name="Centre for Pakistan and Gulf Studies",
    short_name="CPGS",
    address="House 1, Street 5, F-7/3\nIslamabad, Pakistan",
    website="www.cpakgulf.org",
    email="info@cpakgulf.org",
    phone="+92 51 111 222 333",
    logo_path="",
    brand_colour="#1d5c4d",
    paper_size="a4",
    language="en",
)


def person(
    name: str,
    short_name: str = "",
    sort_key: str = "",
    *,
    role: str = "",
    role_label: str | None = None,
    salutation: str = "",
    position: str = "",
    affiliation: str = "",
    short_bio: str = "",
    long_bio: str = "",
    email: str = "",
    phone: str = "",
) -> PersonEntry:
    """A sheet's person; the short name and the sort key default to the name, the role's label
    to the policy's for ``role``."""
    if role_label is None:
        role_label = ROLE_LABELS[Role(role)] if role else ""
    return PersonEntry(
        role=role,
        role_label=role_label,
        name=name,
        short_name=short_name or name,
        salutation=salutation,
        sort_key=(sort_key or name).casefold(),
        position=position,
        affiliation=affiliation,
        short_bio=short_bio,
        long_bio=long_bio,
        email=email,
        phone=phone,
    )


def when(start: datetime, minutes: int) -> WhenSheet:
    end = start + timedelta(minutes=minutes)
    return WhenSheet(
        starts_at=start,
        ends_at=end,
        time_zone="Asia/Karachi",
        date_text=f"{start:%A}, {start.day} {start:%B %Y}",
        start_time_text=f"{start:%H%M} hours",
        end_time_text=f"{end:%H%M} hours",
        time_range_text=f"{start:%H%M}–{end:%H%M} hours",
        long_text=f"{start:%A}, {start.day} {start:%B %Y} at {start:%H%M} hours",
    )


def agenda_row(
    start: datetime,
    minutes: int,
    title: str,
    *,
    kind: str = "discussion",
    people: tuple[PersonEntry, ...] = (),
    description: str = "",
) -> AgendaRow:
    end = start + timedelta(minutes=minutes)
    is_break = kind in ("break", "meal")
    return AgendaRow(
        starts_at=start,
        ends_at=end,
        time_text=f"{start:%H%M}–{end:%H%M}",
        title=title,
        kind=kind,
        is_break=is_break,
        description=description,
        rule="chatham_house",
        rule_label="Chatham House Rule",
        overrides_event_rule=False,
        people=() if is_break else people,
    )


def _for_audience(
    sheet: Sheet, audience: Audience, participants: tuple[ParticipantEntry, ...]
) -> Sheet:
    organisers = audience is Audience.ORGANISERS
    present = tuple(
        sorted(
            {
                p.person.name: p.person for p in participants if p.status in ("accepted", "cast")
            }.values(),
            key=lambda p: p.sort_key,
        )
    )
    return dataclasses.replace(
        sheet,
        audience=audience,
        participants=participants if organisers else None,
        present=present if organisers else (),
        confidential=organisers,
        marking="CONFIDENTIAL" if organisers else "",
    )


# The demo's Gulf Security roundtable ---------------------------------------------------------

SENATOR = person(
    "Senator Sehar Kamran (TI)",
    "Senator Kamran",
    "Kamran Sehar",
    role="chair",
    position="President",
    affiliation="Centre for Pakistan and Gulf Studies",
    short_bio="Senator Sehar Kamran is the founding President of CPGS and a former Senator.",
    long_bio=(
        "Senator Sehar Kamran (TI) is the founding President of the Centre for Pakistan and "
        "Gulf Studies. She served in the Senate of Pakistan, where she sat on the standing "
        "committees on defence and foreign affairs.\n\nShe has chaired the Centre's monthly "
        "Pakistan Foreign Policy Review since its first session."
    ),
    email="sehar.kamran@example.org",
)
ALI = person(
    "Syed Muhammad Ali",
    "Mr Ali",
    "Ali Syed Muhammad",
    role="moderator",
    position="Member, Board of Directors",
    affiliation="Centre for Pakistan and Gulf Studies",
    short_bio="Syed Muhammad Ali is an analyst of security and strategic affairs.",
)
WEINBAUM = person(
    "Prof. Marvin G. Weinbaum",
    "Prof. Weinbaum",
    "Weinbaum Marvin",
    role="speaker",
    position="Professor Emeritus, University of Illinois; Scholar",
    affiliation="Middle East Institute, Washington D.C.",
    short_bio=(
        "Marvin G. Weinbaum is professor emeritus of political science at the University of "
        "Illinois at Urbana-Champaign and a scholar at the Middle East Institute."
    ),
    long_bio=(
        "Marvin G. Weinbaum is professor emeritus of political science at the University of "
        "Illinois at Urbana-Champaign and a scholar at the Middle East Institute in Washington. "
        "He served as an analyst for Pakistan and Afghanistan in the US Department of State's "
        "Bureau of Intelligence and Research from 1999 to 2003."
    ),
)
GUESTS = (
    person(
        "Amb (R) Khalid Khattak",
        "Amb Khattak",
        "Khattak Khalid",
        position="Former Ambassador",
        affiliation="Ministry of Foreign Affairs",
    ),
    person(
        "Lt. Gen. (R) Syed Muhammad Owais HI (M)",
        "Lt. Gen. Owais",
        "Owais Syed Muhammad",
        position="Former Secretary Defence",
        affiliation="Government of Pakistan",
    ),
    person(
        "Brig Dr M. Khan",
        "Brig Khan",
        "Khan M",
        position="Senior Fellow",
        affiliation="Institute of Strategic Studies",
    ),
    person(
        "Dr. Ayesha Siddiqa",
        "Dr Siddiqa",
        "Siddiqa Ayesha",
        position="Author",
        affiliation="Independent",
    ),
)


def gulf_security(audience: Audience = Audience.ATTENDEES) -> Sheet:
    start = datetime(2013, 3, 12, 17, 0, tzinfo=KARACHI)
    cast = (
        CastGroup(role="chair", label="Chair", people=(SENATOR,)),
        CastGroup(role="moderator", label="Moderator", people=(ALI,)),
        CastGroup(role="speaker", label="Speaker", people=(WEINBAUM,)),
    )
    agenda = (
        agenda_row(
            start,
            10,
            "Welcome and introduction of the panellist",
            kind="welcome",
            people=(SENATOR,),
        ),
        agenda_row(
            start + timedelta(minutes=10),
            35,
            "Gulf Security: the emerging landscape",
            kind="presentation",
            people=(WEINBAUM,),
        ),
        agenda_row(start + timedelta(minutes=45), 15, "Tea break", kind="break"),
        agenda_row(
            start + timedelta(minutes=60),
            50,
            "Discussion with the participants",
            kind="discussion",
            people=(ALI,),
        ),
        agenda_row(
            start + timedelta(minutes=110),
            10,
            "Vote of thanks",
            kind="vote_of_thanks",
            people=(SENATOR,),
        ),
    )
    participants = tuple(
        ParticipantEntry(
            person=p, status="cast", status_label="Cast", attended=None, roles=(p.role_label,)
        )
        for p in (SENATOR, ALI, WEINBAUM)
    ) + tuple(
        ParticipantEntry(
            person=p, status="accepted", status_label="Accepted", attended=None, roles=()
        )
        for p in GUESTS
    )
    venue = VenueSheet(
        name="Islamabad Club",
        room="Committee Room",
        city="Islamabad",
        address="Murree Road, Islamabad",
        capacity=40,
        contact="Front desk, +92 51 920 0000",
        text="Islamabad Club, Islamabad",
    )
    sheet = Sheet(
        audience=audience,
        organisation=CPGS,
        event_id=3,
        uid="event-3@planner",
        title="Gulf Security: Emerging Scenario",
        short_title="Gulf Security",
        subtitle="A roundtable with Prof. Marvin G. Weinbaum",
        format="roundtable",
        format_label="Roundtable",
        status="held",
        status_label="Held",
        sequence=0,
        series_title="",
        series_number=None,
        series_label="",
        when=when(start, 120),
        venue=venue,
        date_line="Tuesday, 12 March 2013 · 1700 hours · Islamabad Club, Islamabad",
        rule="chatham_house",
        rule_label="Chatham House Rule",
        notices=(CHATHAM,),
        confidential=False,
        marking="",
        event_audience="invitation",
        cast=cast,
        agenda=agenda,
        concept_note=(
            "This round table discusses the evolving geopolitical and geostrategic situation "
            "of the Gulf region, its security challenges, the emerging security landscape and "
            "future policy options for the countries concerned."
        ),
        background=(
            "Scholars, intellectuals, policy makers and academics from fields related to "
            "defence and security are invited to a closed discussion with the panellist."
        ),
        key_issues=(
            "How will the US drawdown from the region change the Gulf's security landscape?",
            "What role can Pakistan play in Gulf security without being drawn into rivalries?",
            "Will the rapprochement between Iran and the US last?",
        ),
        contact="Programme office: events@cpakgulf.org · +92 51 111 222 333",
        report=ReportSheet(
            summary="The round table discussed the security landscape of the Gulf region.",
            discussion=(
                "A participant argued that the region is in for a massive upheaval.\n\n"
                "Another observed that the interests of regional players will keep changing."
            ),
            recommendations=(
                "Pakistan should broaden its diplomatic options in the Gulf.",
                "Track-two dialogue with Gulf think tanks should be institutionalised.",
            ),
            url="",
        ),
        report_refusal="",
        report_findings=(),
        participants=None,
    )
    return _for_audience(sheet, audience, participants)


def refused_report(audience: Audience = Audience.PUBLIC) -> Sheet:
    """The Gulf Security sheet whose draft report names a participant: the policy refused it."""
    return dataclasses.replace(
        gulf_security(audience),
        report=None,
        report_refusal="the draft names people under the Chatham House Rule",
        report_findings=(
            'Summary names "Weinbaum" (Prof. Marvin G. Weinbaum), who has not consented.',
            'Discussion names "Middle East Institute", the affiliation of a speaker.',
        ),
    )


# A 40-item conference with long names and every script --------------------------------------

_SENTENCE = (
    "regional security cooperation economic corridor maritime strategy energy diplomacy "
    "dialogue institutions governance reform nuclear stability trade connectivity investment "
    "migration water climate resilience deterrence alliance partnership multilateral"
)
WORDS = _SENTENCE.split()


def prose(words: int, seed: int = 0) -> str:
    """Plausible filler of ``words`` words, in sentences."""
    out: list[str] = []
    for i in range(words):
        word = WORDS[(i * 7 + seed * 3) % len(WORDS)]
        if i % 14 == 0:
            word = word.capitalize()
        out.append(word + ("." if i % 14 == 13 else ""))
    return " ".join(out).rstrip(".") + "."


INTERNATIONAL = (
    person(
        "ڈاکٹر عائشہ صدیقہ",
        "ڈاکٹر صدیقہ",
        "صدیقہ",
        role="speaker",
        position="Senior Fellow",
        affiliation="پاکستان انسٹیٹیوٹ",
    ),
    person(
        "محمد بن عبد الله الراشد",
        "الراشد",
        "الراشد",
        role="speaker",
        position="Director",
        affiliation="مركز الخليج للأبحاث",
    ),
    person(
        "Prof. 王小明",
        "王教授",
        "王小明",
        role="speaker",
        position="Professor",
        affiliation="北京大学 (Peking University)",
    ),
    person(
        "Владимир Сергеевич Иванов",
        "В. С. Иванов",
        "Иванов",
        role="discussant",
        position="Senior Researcher",
        affiliation="Институт востоковедения РАН",
    ),
    person(
        "Δημήτριος Παπαδόπουλος",
        "Δ. Παπαδόπουλος",
        "Παπαδόπουλος",
        role="discussant",
        position="Lecturer",
        affiliation="Πανεπιστήμιο Αθηνών",
    ),
    person(
        "Dr. Jane Roe-Smith",
        "Dr Roe-Smith",
        "Roe-Smith Jane",
        role="speaker",
        position="Head of Research",
        affiliation="AT&T <Research>",
    ),
)
LONG_NAME = (
    "His Excellency Lt. Gen. (R) Syed Muhammad Owais Ibn-e-Abdullah Al-Hashmi-Qureshi-"
    "Bukhari HI (M), SI (M), TBt, Sitara-i-Imtiaz (Military), Hilal-i-Imtiaz (Military)"
)


def conference(
    audience: Audience = Audience.ATTENDEES, *, items: int = 40, bio_chars: int = 10_000
) -> Sheet:
    start = datetime(2026, 11, 30, 9, 0, tzinfo=KARACHI)
    chair = person(
        LONG_NAME,
        "Lt. Gen. Owais",
        "Owais",
        role="chair",
        position="Chairman of the Board of Governors and Distinguished Senior Fellow",
        affiliation="Centre for Pakistan and Gulf Studies, Islamabad",
        short_bio=prose(60, 1),
        long_bio=prose(bio_chars // 7, 2)[:bio_chars],
    )
    speakers = tuple(
        dataclasses.replace(
            p, short_bio=prose(50, i), long_bio=prose(bio_chars // 7, i)[:bio_chars]
        )
        for i, p in enumerate(INTERNATIONAL)
    )
    rows: list[AgendaRow] = []
    t = start
    for i in range(items):
        if i % 8 == 7:
            rows.append(agenda_row(t, 15, "Tea break", kind="break"))
            t += timedelta(minutes=15)
            continue
        who = (chair, speakers[i % len(speakers)]) if i % 3 == 0 else (speakers[i % len(speakers)],)
        title = f"Session {i + 1}: " + prose(6 + i % 9, i).rstrip(".")
        rows.append(agenda_row(t, 20, title, kind="panel", people=who))
        t += timedelta(minutes=20)
    cast = (
        CastGroup(role="chair", label="Chair", people=(chair,)),
        CastGroup(
            role="speaker",
            label="Speakers",
            people=tuple(p for p in speakers if p.role == "speaker"),
        ),
        CastGroup(
            role="discussant",
            label="Discussants",
            people=tuple(p for p in speakers if p.role == "discussant"),
        ),
    )
    participants = tuple(
        ParticipantEntry(
            person=p, status="cast", status_label="Cast", attended=None, roles=(p.role_label,)
        )
        for p in (chair, *speakers)
    ) + tuple(
        ParticipantEntry(
            person=person(
                f"Participant {n:02d} Longfamilyname-Doublebarrelled",
                f"Mr {n:02d}",
                f"Longfamilyname {n:02d}",
                position="Research Associate",
                affiliation="Institute of Regional Studies, Islamabad",
            ),
            status="accepted" if n % 4 else "invited",
            status_label="Accepted" if n % 4 else "Invited",
            attended=None,
            roles=(),
        )
        for n in range(1, 61)
    )
    base = gulf_security(Audience.ATTENDEES)
    sheet = dataclasses.replace(
        base,
        event_id=7,
        title="Pakistan, the Gulf and the New Silk Roads: Connectivity, Security and "
        "Economic Cooperation in a Changing Region",
        short_title="Annual Conference 2026",
        subtitle="Annual conference of the Centre for Pakistan and Gulf Studies",
        format="conference",
        format_label="Conference",
        series_title="Annual Conference",
        series_number=5,
        series_label="Annual Conference · Session 5",
        when=when(start, int((t - start).total_seconds() // 60)),
        date_line="Monday, 30 November 2026 · 0900 hours · Serena Hotel, Islamabad",
        cast=cast,
        agenda=tuple(rows),
        concept_note=prose(180, 4) + "\n\n" + prose(140, 5),
        background=prose(300, 6),
        key_issues=tuple(prose(18, i).rstrip(".") + "?" for i in range(6)),
    )
    return _for_audience(sheet, audience, participants)


# A programme book of any length, for benchmarks ----------------------------------------------

GIVEN = (
    "Amina",
    "Bilal",
    "Carmen",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hassan",
    "Ingrid",
    "Jamal",
)
FAMILY = ("Qureshi", "Weinbaum", "Khattak", "Durrani", "Morales", "Okafor", "Lindqvist", "Tanaka")


def programme_book(
    audience: Audience = Audience.ATTENDEES,
    *,
    rows: int = 40,
    speakers: int = 40,
    bio_words: int = 120,
) -> Sheet:
    """A Latin-script programme: ``rows`` agenda items, ``speakers`` biographies of
    ``bio_words`` words (40/40/120 is the 13-page programme of the benchmark)."""
    start = datetime(2026, 11, 30, 9, 0, tzinfo=KARACHI)
    people = tuple(
        person(
            f"Dr {GIVEN[i % len(GIVEN)]} {FAMILY[(i // len(GIVEN)) % len(FAMILY)]}-{i + 1}",
            f"Dr {FAMILY[(i // len(GIVEN)) % len(FAMILY)]}",
            f"{FAMILY[(i // len(GIVEN)) % len(FAMILY)]} {i:04d}",
            role="speaker",
            position="Senior Fellow",
            affiliation="Institute of Strategic Studies, Islamabad",
            short_bio=prose(bio_words, i),
        )
        for i in range(speakers)
    )
    agenda: list[AgendaRow] = []
    t = start
    for i in range(rows):
        if i % 10 == 9:
            agenda.append(agenda_row(t, 15, "Tea break", kind="break"))
            t += timedelta(minutes=15)
            continue
        who = (people[i % speakers],) if speakers else ()
        agenda.append(
            agenda_row(
                t, 20, f"Session {i + 1}: " + prose(7, i).rstrip("."), kind="panel", people=who
            )
        )
        t += timedelta(minutes=20)
    base = gulf_security(audience)
    return dataclasses.replace(
        base,
        event_id=9,
        title="Pakistan and the Gulf: Annual Conference",
        short_title="Annual Conference",
        subtitle="Programme and speakers",
        format="conference",
        format_label="Conference",
        when=when(start, max(int((t - start).total_seconds() // 60), 1)),
        cast=(CastGroup(role="speaker", label="Speakers", people=people),),
        agenda=tuple(agenda),
        concept_note=prose(150, 3),
    )
