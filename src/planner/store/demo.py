"""Demo data: the Centre for Pakistan and Gulf Studies and four of its events (the seed's page).

``load_demo(db)`` imports an event package built here, so it goes through the same checks and
matching as any user's file. The events carry fixed uids and the people fixed emails, so loading
it again updates the same rows instead of adding new ones.

The wording of concept notes, key issues, background and write-ups is the page's own
(``demo_texts``); dates, times, agendas, invitees, bios and emails are plausible inventions
(emails at example domains).
"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import select

from planner.model import AttributionRule, Organisation, PaperSize, TimeStyle

from .database import Database
from .demo_texts import (
    GULF_ANNOUNCEMENT,
    GULF_WRITE_UP,
    RUSSIA_CONCEPT_NOTE,
    SALAM_WRITE_UP,
    US_BACKGROUND,
    US_CONCEPT_NOTE,
    US_KEY_ISSUES,
)
from .package import import_package
from .package_spec import FORMAT, VERSION

ZONE = "Asia/Karachi"
UID_DOMAIN = "cpgs.example.org"


def _person(
    key: str,
    honorific: str,
    given: str,
    family: str,
    post_nominals: str = "",
    *,
    position: str = "",
    affiliation: str = "",
    email: str,
    phone: str = "",
    short_style: str = "",
    salutation: str = "",
    bio: str = "",
) -> dict[str, Any]:
    return {
        "key": key,
        "honorific": honorific,
        "given_name": given,
        "family_name": family,
        "post_nominals": post_nominals,
        "position": position,
        "affiliation": affiliation,
        "email": email,
        "phone": phone,
        "short_style": short_style,
        "salutation": salutation,
        "bio": bio,
    }


PEOPLE = [
    _person(
        "kamran",
        "Senator",
        "Sehar",
        "Kamran",
        "(TI)",
        position="President",
        affiliation="Centre for Pakistan and Gulf Studies",
        email="sehar.kamran@cpgs.example.org",
        phone="+92 51 000 0101",
        short_style="Senator Kamran",
        salutation="Dear Senator Kamran",
        bio="Senator and founding President of the Centre for Pakistan and Gulf Studies; "
        "works on Pakistan's relations with the Gulf states and on regional security.",
    ),
    _person(
        "owais",
        "Lt. Gen. (R)",
        "Syed Muhammad",
        "Owais",
        "HI (M)",
        position="Retired Lieutenant General, Pakistan Army",
        email="sm.owais@defence.example.org",
        short_style="Lt. Gen. Owais",
        salutation="Dear General Owais",
        bio="Retired three-star general; writes and speaks on strategic affairs, "
        "Pakistan's foreign policy and the major powers.",
    ),
    _person(
        "khattak",
        "Amb (R)",
        "Khalid",
        "Khattak",
        position="Former Ambassador of Pakistan",
        email="khalid.khattak@mofa.example.org",
        short_style="Amb Khattak",
        salutation="Dear Ambassador Khattak",
        bio="Career diplomat who served in Moscow and Central Asia; "
        "adviser on Pakistan's relations with Russia.",
    ),
    _person(
        "khan",
        "Brig Dr",
        "M.",
        "Khan",
        position="Retired Brigadier; defence analyst",
        email="m.khan@strategic.example.org",
        short_style="Brig Khan",
        salutation="Dear Brigadier Khan",
        bio="Retired brigadier with a doctorate in international relations; "
        "researches arms control and Eurasian security.",
    ),
    _person(
        "durrani",
        "Lt. Gen. (R)",
        "Mohammad Asad",
        "Durrani",
        "HI (M), HJ (M)",
        position="Retired Lieutenant General, Pakistan Army",
        email="asad.durrani@defence.example.org",
        short_style="Lt. Gen. Durrani",
        salutation="Dear General Durrani",
        bio="Retired three-star general and former ambassador; "
        "commentator on Afghanistan and Pakistan-US relations.",
    ),
    _person(
        "qureshi",
        "",
        "Shah Mehmood",
        "Qureshi",
        position="Former Foreign Minister of Pakistan",
        email="sm.qureshi@parliament.example.org",
        short_style="Mr Qureshi",
        salutation="Dear Mr Qureshi",
        bio="Parliamentarian and former Foreign Minister of Pakistan.",
    ),
    _person(
        "ali",
        "",
        "Syed Muhammad",
        "Ali",
        position="Member, Board of Directors",
        affiliation="Centre for Pakistan and Gulf Studies",
        email="sm.ali@cpgs.example.org",
        short_style="Mr Ali",
        salutation="Dear Mr Ali",
        bio="Security analyst and member of the CPGS Board of Directors.",
    ),
    _person(
        "weinbaum",
        "Prof.",
        "Marvin G.",
        "Weinbaum",
        position="Professor Emeritus, University of Illinois and Scholar",
        affiliation="Middle East Institute, Washington D.C.",
        email="mweinbaum@mei.example.org",
        short_style="Prof. Weinbaum",
        salutation="Dear Professor Weinbaum",
        bio="Professor Emeritus of Political Science at the University of Illinois and "
        "Scholar at the Middle East Institute; a specialist on Afghanistan, Pakistan and "
        "the Gulf.",
    ),
    # Invitees: scholars, officials and diplomats (invented), some written in their own script.
    _person(
        "naz",
        "Dr",
        "Farah",
        "Naz",
        position="Associate Professor of International Relations",
        affiliation="Quaid-i-Azam University, Islamabad",
        email="farah.naz@qau.example.edu",
        short_style="Dr Naz",
        salutation="Dear Dr Naz",
        bio="Teaches foreign policy analysis; works on Pakistan's relations with Iran "
        "and the Gulf.",
    ),
    _person(
        "hameed",
        "Cdre (R)",
        "Tariq",
        "Hameed",
        position="Senior Research Fellow",
        affiliation="Centre for Pakistan and Gulf Studies",
        email="tariq.hameed@cpgs.example.org",
        short_style="Cdre Hameed",
        salutation="Dear Commodore Hameed",
        bio="Retired naval officer; writes on maritime security in the Arabian Sea.",
    ),
    _person(
        "baig",
        "Mr",
        "Imran",
        "Baig",
        position="Director (Gulf)",
        affiliation="Ministry of Foreign Affairs",
        email="imran.baig@mofa.example.org",
        short_style="Mr Baig",
        salutation="Dear Mr Baig",
    ),
    _person(
        "malik",
        "Ms",
        "Noor ul Ain",
        "Malik",
        position="Research Associate",
        affiliation="Centre for Pakistan and Gulf Studies",
        email="noor.malik@cpgs.example.org",
        short_style="Ms Malik",
        salutation="Dear Ms Malik",
        bio="Research associate on the Pakistan Foreign Policy Review series.",
    ),
    _person(
        "rehman",
        "ڈاکٹر",
        "عائشہ",
        "رحمان",
        position="Lecturer in Urdu Literature",
        affiliation="National University of Modern Languages, Islamabad",
        email="ayesha.rehman@numl.example.edu",
        short_style="ڈاکٹر رحمان",
        salutation="Dear Dr Rehman",
        bio="Writes on the Urdu press and public opinion on foreign policy.",
    ),
    _person(
        "mansouri",
        "الدكتور",
        "خالد",
        "المنصوري",
        position="Visiting Fellow",
        affiliation="Gulf Research Centre",
        email="k.almansouri@grc.example.org",
        short_style="د. المنصوري",
        salutation="Dear Dr Al-Mansouri",
        bio="Researcher on Gulf security and the Gulf states' relations with South Asia.",
    ),
    _person(
        "morozov",
        "Mr",
        "Алексей",
        "Морозов",
        position="Counsellor",
        affiliation="Embassy of the Russian Federation, Islamabad",
        email="a.morozov@embassy.example.org",
        short_style="Mr Morozov",
        salutation="Dear Mr Morozov",
    ),
]

VENUES = [
    {
        "key": "club",
        "name": "Islamabad Club",
        "city": "Islamabad",
        "address": "Murree Road, Islamabad",
        "contact": "Events office, +92 51 000 0200",
        "opens_at": "08:00",
        "closes_at": "23:00",
        "rooms": [
            {"name": "Main Hall", "capacity": 80},
            {"name": "Committee Room", "capacity": 24},
        ],
    },
    {
        "key": "cpgs",
        "name": "CPGS Secretariat",
        "city": "Islamabad",
        "address": "Islamabad, Pakistan",
        "contact": "Front desk, +92 51 000 0100",
        "rooms": [{"name": "Conference Room", "capacity": 20}],
    },
]

SERIES = [
    {
        "key": "pfpr",
        "title": "Pakistan Foreign Policy Review",
        "short_title": "PFPR",
        "description": (
            "A Monthly Seminar Series analyzing bilateral relations with a different partner "
            "state in each session, with the aim of better understanding global and regional "
            "dynamics and Pakistan’s relations with these states."
        ),
        "numbering": "Session {n}",
    }
]


def _at(day: str, hhmm: str) -> str:
    return f"{day}T{hhmm[:2]}:{hhmm[2:]}:00"


def _agenda(day: str, rows: list[tuple[str, str, str, str, list[tuple[str, str]]]]) -> list[Any]:
    """Rows of (start, end, kind, title, [(person, role)]) in 24-hour "1700" times."""
    return [
        {
            "starts_at": _at(day, start),
            "ends_at": _at(day, end),
            "title": title,
            "kind": kind,
            "attribution": None,
            "people": [{"person": p, "role": r} for p, r in people],
        }
        for start, end, kind, title, people in rows
    ]


def _invitations(*rows: tuple[str, str, bool | None]) -> list[dict[str, Any]]:
    return [{"person": p, "status": s, "attended": a} for p, s, a in rows]


US_DAY = "2013-11-14"
RUSSIA_DAY = "2013-12-19"
GULF_DAY = "2013-03-12"
SALAM_DAY = "2013-06-27"

EVENTS: list[dict[str, Any]] = [
    {
        "uid": f"gulf-security-2013-03-12@{UID_DOMAIN}",
        "title": "Gulf Security: Emerging Scenario",
        "short_title": "Gulf Security",
        "subtitle": "A roundtable with Prof. Marvin G. Weinbaum",
        "format": "roundtable",
        "status": "held",
        "starts_at": _at(GULF_DAY, "1700"),
        "ends_at": _at(GULF_DAY, "1900"),
        "time_zone": ZONE,
        "venue": "club",
        "room": "Main Hall",
        "attribution": "chatham_house",
        "audience": "invitation",
        "concept_note": GULF_ANNOUNCEMENT,
        "key_issues": [
            "How is the geopolitical and geostrategic situation of the Gulf region evolving?",
            "What are the security challenges of the region, and who will shape its "
            "emerging security landscape?",
            "What policy options do the countries concerned, Pakistan among them, have?",
        ],
        "roles": [
            {"person": "kamran", "role": "chair"},
            {"person": "ali", "role": "moderator"},
            {"person": "weinbaum", "role": "speaker"},
            {"person": "malik", "role": "rapporteur"},
        ],
        "agenda": _agenda(
            GULF_DAY,
            [
                (
                    "1700",
                    "1710",
                    "welcome",
                    "Welcome and introduction of the panellist",
                    [("kamran", "chair"), ("ali", "moderator")],
                ),
                (
                    "1710",
                    "1750",
                    "presentation",
                    "Gulf Security: Emerging Scenario",
                    [("weinbaum", "speaker")],
                ),
                ("1750", "1840", "qa", "Questions and discussion", [("ali", "moderator")]),
                ("1840", "1845", "vote_of_thanks", "Vote of thanks", [("kamran", "chair")]),
                ("1845", "1900", "break", "Tea", []),
            ],
        ),
        "invitations": _invitations(
            ("naz", "accepted", True),
            ("hameed", "accepted", True),
            ("baig", "tentative", False),
            ("mansouri", "accepted", True),
            ("rehman", "declined", None),
            ("owais", "accepted", True),
        ),
        "consents": [
            {
                "person": "weinbaum",
                "may_be_named": False,
                "description": "a visiting American scholar of the region",
            },
        ],
        # The page's write-up names the chair, the moderator and the speaker: under the
        # Chatham House Rule the report checker must flag them before a public render.
        "report": {
            "summary": GULF_WRITE_UP,
            "discussion": (
                "Participants discussed the balance of power in the Gulf after the Arab "
                "uprisings, the future of the Gulf states' security arrangements with the "
                "United States, Iran's nuclear programme, and what the changes mean for "
                "Pakistan's workers, trade and energy supplies in the Gulf."
            ),
            "recommendations": [
                "Pakistan should deepen its security dialogue with the Gulf Cooperation "
                "Council states.",
                "Track-two exchanges between scholars of Pakistan and the Gulf region should "
                "be held regularly.",
            ],
            "url": "http://cpakgulf.org/wp-content/uploads/2013/11/Gulf-Security-Emerging-Scenario.pdf",
        },
        "contact": "Ms Noor ul Ain Malik, +92 300 000 0303",
    },
    {
        "uid": f"salam-roundtable-2013-06-27@{UID_DOMAIN}",
        "title": "SALAM Roundtable",
        "format": "roundtable",
        "status": "held",
        "starts_at": _at(SALAM_DAY, "1100"),
        "ends_at": _at(SALAM_DAY, "1300"),
        "time_zone": ZONE,
        "venue": "club",
        "room": "Committee Room",
        "attribution": "not_for_attribution",
        "audience": "invitation",
        "concept_note": (
            "CPGS is a non-partisan think tank established to undertake studies in policy "
            "research, advocacy and consultancy to enhance understanding and relations in "
            "diverse fields between Pakistan, the Gulf countries as well as the world at large."
        ),
        "roles": [
            {"person": "kamran", "role": "chair"},
            {"person": "hameed", "role": "speaker"},
            {"person": "naz", "role": "discussant"},
        ],
        "agenda": _agenda(
            SALAM_DAY,
            [
                ("1100", "1115", "welcome", "Introduction of CPGS", [("kamran", "chair")]),
                (
                    "1115",
                    "1200",
                    "presentation",
                    "Objectives and operational framework",
                    [("hameed", "speaker")],
                ),
                ("1200", "1245", "discussion", "Roundtable discussion", [("naz", "discussant")]),
                ("1245", "1300", "meal", "Lunch", []),
            ],
        ),
        "invitations": _invitations(
            ("baig", "accepted", True),
            ("rehman", "accepted", True),
            ("malik", "accepted", True),
        ),
        "consents": [
            {"person": "hameed", "may_be_named": False, "description": "a retired naval officer"},
            {"person": "naz", "may_be_named": True, "description": "a university teacher"},
        ],
        "report": {"summary": SALAM_WRITE_UP, "discussion": "", "recommendations": []},
    },
    {
        "uid": f"pfpr-1-pakistan-us-2013-11-14@{UID_DOMAIN}",
        "title": "Pakistan – US Relations: Convergence and Divergence",
        "short_title": "Pakistan – US Relations",
        "subtitle": "An in-house roundtable discussion",
        "format": "in_house_roundtable",
        "status": "held",
        "series": "pfpr",
        "series_number": 1,
        "starts_at": _at(US_DAY, "1500"),
        "ends_at": _at(US_DAY, "1700"),
        "time_zone": ZONE,
        "venue": "cpgs",
        "room": "Conference Room",
        "attribution": "chatham_house",
        "audience": "in_house",
        "concept_note": US_CONCEPT_NOTE,
        "background": US_BACKGROUND,
        "key_issues": US_KEY_ISSUES,
        "roles": [
            {"person": "kamran", "role": "chair"},
            {"person": "owais", "role": "speaker"},
            {"person": "durrani", "role": "speaker"},
            {"person": "qureshi", "role": "speaker"},
        ],
        "agenda": _agenda(
            US_DAY,
            [
                ("1500", "1510", "welcome", "Welcome remarks", [("kamran", "chair")]),
                (
                    "1510",
                    "1600",
                    "panel",
                    "Convergence and divergence: the panel",
                    [("owais", "speaker"), ("durrani", "speaker"), ("qureshi", "speaker")],
                ),
                ("1600", "1645", "discussion", "Discussion", [("kamran", "chair")]),
                ("1645", "1650", "vote_of_thanks", "Vote of thanks", [("kamran", "chair")]),
                ("1650", "1700", "break", "Tea", []),
            ],
        ),
        "invitations": _invitations(
            ("naz", "accepted", True),
            ("hameed", "accepted", True),
            ("malik", "accepted", True),
            ("ali", "declined", None),
        ),
        "report": {
            "summary": "",
            "discussion": "",
            "recommendations": [],
            "url": "http://cpakgulf.org/wp-content/uploads/2014/01/Pak-US-Report-Final.pdf",
        },
    },
    {
        "uid": f"pfpr-2-pakistan-russia-2013-12-19@{UID_DOMAIN}",
        "title": "Pakistan – Russia Relations: Challenges and Prospects",
        "short_title": "Pakistan – Russia Relations",
        "subtitle": "Pakistan Foreign Policy Review, Session 2",
        "format": "seminar",
        "status": "held",
        "series": "pfpr",
        "series_number": 2,
        "starts_at": _at(RUSSIA_DAY, "1500"),
        "ends_at": _at(RUSSIA_DAY, "1730"),
        "time_zone": ZONE,
        "venue": "club",
        "room": "Main Hall",
        "attribution": "on_the_record",
        "audience": "invitation",
        "concept_note": RUSSIA_CONCEPT_NOTE,
        "key_issues": [
            "Did Pakistan ever really have the ‘Russian option’?",
            "How will the US withdrawal from Afghanistan change the interests of Russia and "
            "Pakistan in the region?",
            "Where can economic cooperation and political rapport between Pakistan and Russia "
            "grow?",
        ],
        "roles": [
            {"person": "khattak", "role": "chair"},
            {"person": "owais", "role": "speaker"},
            {"person": "khan", "role": "speaker"},
            {"person": "kamran", "role": "host"},
        ],
        "agenda": _agenda(
            RUSSIA_DAY,
            [
                ("1500", "1510", "welcome", "Welcome address", [("kamran", "host")]),
                (
                    "1510",
                    "1520",
                    "presentation",
                    "Opening remarks by the chair",
                    [("khattak", "chair")],
                ),
                (
                    "1520",
                    "1600",
                    "presentation",
                    "Pakistan and Russia: a strategic view",
                    [("owais", "speaker")],
                ),
                (
                    "1600",
                    "1640",
                    "presentation",
                    "Russia, Central Asia and the region after 2014",
                    [("khan", "speaker")],
                ),
                ("1640", "1710", "qa", "Questions and answers", [("khattak", "chair")]),
                ("1710", "1715", "vote_of_thanks", "Vote of thanks", [("kamran", "host")]),
                ("1715", "1730", "break", "Tea", []),
            ],
        ),
        "invitations": _invitations(
            ("morozov", "accepted", True),
            ("naz", "accepted", True),
            ("baig", "declined", None),
            ("rehman", "tentative", False),
            ("mansouri", "invited", None),
            ("malik", "accepted", True),
        ),
        "report": {
            "summary": "",
            "discussion": "",
            "recommendations": [],
            "url": "http://cpakgulf.org/wp-content/uploads/2014/01/Pak-Russia-Report.pdf",
        },
    },
]

ORGANISATION: dict[str, Any] = {
    "name": "Centre for Pakistan and Gulf Studies",
    "short_name": "CPGS",
    "address": "Islamabad, Pakistan",
    "website": "www.cpakgulf.org",
    "email": "info@cpgs.example.org",
    "phone": "+92 51 000 0100",
    "time_zone": ZONE,
    "brand_colour": "#0B6E4F",
    "paper_size": PaperSize.A4,
    "time_style": TimeStyle.HOURS,
    "default_attribution": AttributionRule.CHATHAM_HOUSE,
}


def demo_package() -> dict[str, Any]:
    """The demo as an event package (a fresh copy each call)."""
    return copy.deepcopy(
        {
            "format": FORMAT,
            "version": VERSION,
            "organisation": {k: str(v) for k, v in ORGANISATION.items()},
            "people": PEOPLE,
            "venues": VENUES,
            "series": SERIES,
            "events": EVENTS,
        }
    )


def load_demo(db: Database) -> str:
    """Fill ``db`` with the demo; loading it again changes nothing. Returns a one-line summary."""
    summary = import_package(db, demo_package())
    with db.session() as session:
        # A profile nobody has filled in yet (made at first start) becomes the demo's.
        profile = session.scalars(select(Organisation).order_by(Organisation.id)).first()
        if profile is not None and not profile.name.strip():
            for name, value in ORGANISATION.items():
                setattr(profile, name, value)
    if summary.events_created == 0:
        return (
            f"demo data already loaded ({summary.events_updated} events, "
            f"{summary.people_matched} people); nothing duplicated"
        )
    return f"demo data loaded: {summary}"
