"""Random events for leak tests (hypothesis), reusable by every output's tests.

An event is described by a plain *spec* dict (see :func:`event_specs`)::

    {
      "organisation": {"name", "short_name", "time_style",
                       "name_cast_publicly_under_chatham_house"},
      "event": {"title", "subtitle", "rule", "concept_note", "background", "key_issues",
                "contact", "report_summary", "report_discussion", "report_recommendations",
                "days": 1 | 2},
      "people": [{"honorific", "given_name", "family_name", "post_nominals", "position",
                  "affiliation", "short_bio", "email", "script"}],
      "cast": [{"person": index, "role": "chair"}],
      "agenda": [{"title", "kind", "rule": None | rule, "description",
                  "people": [{"person": index, "role": "speaker"}]}],
      "invitations": [{"person": index, "status": "accepted"}],
      "consents": [{"person": index, "may_be_named": bool, "description": str}],
      "venue": None | {"name", "city", "room", "capacity"},
    }

Use it like this::

    @given(spec=event_specs())
    def test_my_output_leaks_nothing(spec):
        with db.session() as session:
            event_id = write_event(session, spec)
            sheet = build_sheet(session, event_id, Audience.PUBLIC)
        text = render_my_output(sheet)
        assert leaked(text, forbidden_strings(spec, Audience.PUBLIC)) == []

:func:`forbidden_strings` is written from DOMAIN.md's table and the policy's documented
decisions (``planner.policy.rules``), independently of the code that builds sheets, so the
test can catch the builder out. Names are drawn so that no two people share a word and no name
is an ordinary English word (affiliations are sometimes shared, as colleagues' are); several
scripts (Latin with diacritics, Urdu, Arabic, Chinese, Cyrillic) are mixed in one event.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.model import (
    CAST_ROLES,
    AgendaItem,
    AgendaKind,
    AgendaPerson,
    AttributionRule,
    Consent,
    Event,
    Invitation,
    InvitationStatus,
    Organisation,
    Participation,
    Person,
    Role,
    Room,
    TimeStyle,
    Venue,
)
from planner.policy import Audience

# Given and family names by script; within a script no word is shared between the lists, and
# none is an English word or a particle the checker treats as too common to flag alone.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "latin": (
        ("Marvin", "Khalid", "Sehar", "Zoë", "Björn", "Siobhán", "Łukasz", "Ngozi", "Ayşe",
         "Thandiwe", "Mateus", "Ingrid", "Rafiq", "Oluwaseun"),
        ("Weinbaum", "Khattak", "Kamran", "Durrani", "Qureshi", "Müller", "Nguyễn", "Oyelaran",
         "Fairbairn", "Østergaard", "Zielińska", "Achterberg", "Mbeki", "Castellanos"),
    ),
    "urdu": (
        ("عائشہ", "سہیل", "فاطمہ", "جمیلہ", "نوید"),
        ("صدیقی", "اویس", "خٹک", "قریشی", "درانی"),
    ),
    "arabic": (
        ("خالد", "ليلى", "منى", "طارق", "سلمى"),
        ("العتيبي", "الحسيني", "منصور", "الشمري", "البزاز"),
    ),
    "chinese": (
        ("秀英", "建国", "丽华", "志强", "海燕"),
        ("欧阳", "司马", "诸葛", "上官", "皇甫"),
    ),
    "cyrillic": (
        ("Сергей", "Анна", "Дмитрий", "Ольга", "Тимур"),
        ("Лавров", "Иванова", "Кузнецов", "Смирнова", "Багров"),
    ),
}  # fmt: skip

HONORIFICS = ("", "", "Prof.", "Dr", "Amb (R)", "Lt. Gen. (R)", "Senator", "Brig", "Ms")
POST_NOMINALS = ("", "", "HI (M)", "(TI)", "OBE")
POSITIONS = ("", "Senior Fellow", "Professor Emeritus", "Director", "Former Ambassador")
AFFILIATIONS = (
    "University of Illinois",
    "Middle East Institute",
    "Quaid-i-Azam University",
    "Royal United Services Institute",
    "Lahore University of Management Sciences",
    "جامعة القاهرة",
    "Московский государственный университет",
    "北京大学",
    "Sustainable Development Policy Institute",
    "Kiel Institute",
)
DESCRIPTIONS = ("", "", "a former diplomat", "a retired general", "a senior academic")
FILLER = (
    "The discussion turned to energy security in the Gulf.",
    "Participants asked about the quality of regional data.",
    "Alibaba and regional trade came up briefly.",
    "A former diplomat drew on long experience.",
    "Questions followed on maritime routes.",
    "Several speakers stressed dialogue.",
)
RULES = tuple(AttributionRule)
ORGANISATION_NAME = "Centre for Testing and Policy Studies"
ORGANISATION_SHORT = "CTPS"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _is_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" for ch in text)


NAME_ORDERS = ("", "", "family first", "given first")  # "": as the script writes it


def full_name(person: dict[str, str]) -> str:
    """The personal name as documents write it: family name first for Chinese characters or a
    person whose name order says so (Wang Yi), without a space between Chinese characters."""
    given, family = person["given_name"], person["family_name"]
    cjk = _is_cjk(given) and _is_cjk(family)
    order = person.get("name_order", "")
    if order == "family first" or (not order and cjk):
        return family + given if cjk else f"{family} {given}"
    return f"{given} {family}"


# --- strategies -----------------------------------------------------------------------------


@st.composite
def people_specs(draw: st.DrawFn, min_size: int = 2, max_size: int = 7) -> list[dict[str, str]]:
    """People with distinct names (mixed scripts); affiliations distinct, none, or now and
    then shared with the first person (colleagues)."""
    count = draw(st.integers(min_size, max_size))
    used: set[str] = set()
    affiliations = draw(st.permutations(AFFILIATIONS))
    people: list[dict[str, str]] = []
    for index in range(count):
        script = draw(st.sampled_from(sorted(NAMES)))
        givens, families = NAMES[script]
        given = draw(st.sampled_from([g for g in givens if g not in used] or ["Ifeoma"]))
        family = draw(st.sampled_from([f for f in families if f not in used] or ["Okonkwo"]))
        used.update((given, family))
        affiliation = affiliations[index] if draw(st.booleans()) or index == 0 else ""
        if index and draw(st.integers(0, 5)) == 0:
            # Colleagues: the same affiliation as the first person.
            affiliation = affiliations[0]
        people.append(
            {
                "script": script,
                "honorific": draw(st.sampled_from(HONORIFICS)),
                "given_name": given,
                "family_name": family,
                "name_order": draw(st.sampled_from(NAME_ORDERS)),
                "post_nominals": draw(st.sampled_from(POST_NOMINALS)),
                "position": draw(st.sampled_from(POSITIONS)),
                "affiliation": affiliation,
                "short_bio": "",
                "email": f"person{index}@example.org",
                "phone": f"+92 300 000 {index + 1:04d}",
            }
        )
    # Biographies may mention someone else: a named speaker's bio must not leak a hidden one.
    for person in people:
        person["short_bio"] = draw(free_text(people, max_fragments=2))
    return people


def mention_forms(person: dict[str, str]) -> list[str]:
    """Ways a text may mention ``person`` (all of them must be caught)."""
    family, given = person["family_name"], person["given_name"]
    forms = [
        full_name(person),
        " ".join(p for p in (person["honorific"], full_name(person), person["post_nominals"]) if p),
        f"{family}'s",
        family.upper(),
        f"{given}\n{family}" if not _is_cjk(family) else full_name(person),
        f"{given}  {family}" if not _is_cjk(family) else full_name(person),
        _strip_marks(full_name(person)),
        # The other order than the directory's: a text may write "Yi Wang" for Wang Yi.
        f"{family} {given}" if not _is_cjk(family) else given + family,
    ]
    if person["honorific"]:
        forms.append(f"{person['honorific']} {family}")
    if person["affiliation"]:
        forms.append(f"a scholar from the {person['affiliation']}")
    return forms


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


@st.composite
def free_text(draw: st.DrawFn, people: list[dict[str, str]], max_fragments: int = 4) -> str:
    """A text of filler sentences with mentions of some of ``people`` in tricky forms."""
    fragments: list[str] = []
    for _ in range(draw(st.integers(0, max_fragments))):
        if people and draw(st.booleans()):
            person = draw(st.sampled_from(people))
            form = draw(st.sampled_from(mention_forms(person)))
            fragments.append(f"We heard from {form} on this.")
        else:
            fragments.append(draw(st.sampled_from(FILLER)))
    return " ".join(fragments)


@st.composite
def event_specs(draw: st.DrawFn) -> dict[str, Any]:
    """A random event: rule, overrides, cast, agenda, invitations, consents and texts."""
    people = draw(people_specs())
    indices = list(range(len(people)))
    rule = draw(st.sampled_from(RULES))
    roles = [*CAST_ROLES, Role.PARTICIPANT, Role.OBSERVER, Role.ORGANISER]
    cast: list[dict[str, Any]] = []
    for index in draw(st.lists(st.sampled_from(indices), unique=True, max_size=len(people))):
        cast.append({"person": index, "role": draw(st.sampled_from(roles)).value})
    agenda: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 4))):
        item_people = draw(st.lists(st.sampled_from(indices), unique=True, max_size=2))
        kind = draw(st.sampled_from(list(AgendaKind)))
        title = draw(st.sampled_from(["Keynote", "Panel discussion", "Tea break", "Questions"]))
        if item_people and draw(st.booleans()):
            # "Keynote by Prof. Weinbaum": a title that names its speaker.
            title = f"{title} by {draw(st.sampled_from(mention_forms(people[item_people[0]])))}"
        agenda.append(
            {
                "title": title,
                "kind": kind.value,
                "rule": draw(st.one_of(st.none(), st.sampled_from(RULES).map(str))),
                "description": draw(free_text(people, max_fragments=1)),
                "people": [
                    {"person": i, "role": draw(st.sampled_from(CAST_ROLES)).value}
                    for i in item_people
                ],
            }
        )
    invitations = [
        {"person": i, "status": draw(st.sampled_from(list(InvitationStatus))).value}
        for i in draw(st.lists(st.sampled_from(indices), unique=True))
    ]
    consents = [
        {
            "person": i,
            "may_be_named": draw(st.booleans()),
            "description": draw(st.sampled_from(DESCRIPTIONS)),
        }
        for i in draw(st.lists(st.sampled_from(indices), unique=True))
    ]
    consenting = [c["person"] for c in consents if c["may_be_named"]]
    # Reports that mention anyone, only those who consented, or no one, so that some are
    # refused and some published.
    report_people = draw(st.sampled_from([people, [people[i] for i in consenting], []]))
    report_text = free_text(report_people, max_fragments=3)
    return {
        "organisation": {
            "name": ORGANISATION_NAME,
            "short_name": ORGANISATION_SHORT,
            "name_cast_publicly_under_chatham_house": draw(st.booleans()),
            "time_style": draw(st.sampled_from(list(TimeStyle))).value,
        },
        "event": {
            "title": "Regional Security Roundtable"
            + (f" with {full_name(draw(st.sampled_from(people)))}" if draw(st.booleans()) else ""),
            "subtitle": draw(free_text(people, max_fragments=1)),
            "rule": rule.value,
            # The event's own naming setting (an imported event keeps its sender's stricter
            # one): None follows the organisation.
            "name_cast_publicly": draw(st.sampled_from([None, False, True])),
            "concept_note": draw(free_text(people)),
            "background": draw(free_text(people)),
            "key_issues": draw(st.lists(free_text(people, max_fragments=1), max_size=2)),
            # The contact may be a person, with their own mobile number beside the name.
            "contact": draw(
                st.sampled_from(
                    [
                        "",
                        "Programme office, 051-1234567",
                        f"{full_name(people[-1])}, {people[-1]['phone']}",
                    ]
                )
            ),
            "report_summary": draw(report_text),
            "report_discussion": draw(report_text),
            "report_recommendations": draw(st.lists(report_text, max_size=2)),
            # Some events run over two days: day headings, a daily calendar entry.
            "days": draw(st.sampled_from([1, 1, 2])),
        },
        # A venue may be someone's residence: its name is checked like any text.
        "venue": draw(
            st.one_of(
                st.none(),
                st.fixed_dictionaries(
                    {
                        "name": st.sampled_from(
                            ["Islamabad Club", f"Residence of {full_name(people[0])}"]
                        ),
                        "city": st.just("Islamabad"),
                        "room": st.sampled_from(["", "Main Hall"]),
                        "capacity": st.sampled_from([None, 40]),
                    }
                ),
            )
        ),
        "people": people,
        "cast": cast,
        "agenda": agenda,
        "invitations": invitations,
        "consents": consents,
    }


# --- writing a spec into a database ---------------------------------------------------------


@st.composite
def rule_changes(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A random event as it was when messages went out, and the same event after its rule
    was changed (to any rule, the same one included): what an update must follow."""
    before = draw(event_specs())
    return before, with_rule(before, draw(st.sampled_from(RULES)))


def with_rule(spec: dict[str, Any], rule: AttributionRule) -> dict[str, Any]:
    """``spec`` with the event held under ``rule`` (a copy; agenda items keep their own)."""
    changed = copy.deepcopy(spec)
    changed["event"]["rule"] = rule.value
    return changed


_counter = 0


def write_event(session: Session, spec: dict[str, Any]) -> int:
    """Write ``spec`` (people, event and links; the organisation row updated) and return the id."""
    global _counter
    _counter += 1
    org_spec = spec["organisation"]
    organisation = session.scalars(select(Organisation).limit(1)).first()
    if organisation is None:
        organisation = Organisation()
        session.add(organisation)
    organisation.name = org_spec["name"]
    organisation.short_name = org_spec["short_name"]
    organisation.name_cast_publicly_under_chatham_house = org_spec[
        "name_cast_publicly_under_chatham_house"
    ]
    organisation.time_style = TimeStyle(org_spec.get("time_style", "hours"))
    people = [
        Person(**{k: v for k, v in person.items() if k != "script"}) for person in spec["people"]
    ]
    session.add_all(people)
    e = spec["event"]
    starts = datetime(2013, 3, 12, 12, 0, tzinfo=UTC)
    event = Event(
        uid=f"test-{_counter}-{id(spec)}@planner.test",
        title=e["title"],
        subtitle=e.get("subtitle", ""),
        starts_at=starts,
        ends_at=starts + timedelta(days=e.get("days", 1) - 1, hours=2),
        time_zone="Asia/Karachi",
        attribution=AttributionRule(e["rule"]),
        name_cast_publicly=e.get("name_cast_publicly"),
        concept_note=e.get("concept_note", ""),
        background=e.get("background", ""),
        key_issues=list(e.get("key_issues", [])),
        contact=e.get("contact", ""),
        report_summary=e.get("report_summary", ""),
        report_discussion=e.get("report_discussion", ""),
        report_recommendations=list(e.get("report_recommendations", [])),
    )
    session.add(event)
    venue_spec = spec.get("venue")
    if venue_spec:
        event.venue = Venue(name=venue_spec["name"], city=venue_spec.get("city", ""))
        if venue_spec.get("room"):
            event.room = Room(
                venue=event.venue, name=venue_spec["room"], capacity=venue_spec.get("capacity")
            )
    for position, link in enumerate(spec["cast"]):
        event.participations.append(
            Participation(person=people[link["person"]], role=Role(link["role"]), position=position)
        )
    moment = starts
    # Over two days, the second half of the agenda is on the second day.
    second_day = (len(spec["agenda"]) + 1) // 2 if e.get("days", 1) > 1 else None
    for position, item_spec in enumerate(spec["agenda"]):
        if position == second_day:
            moment = starts + timedelta(days=1)
        item = AgendaItem(
            position=position,
            starts_at=moment,
            ends_at=moment + timedelta(minutes=20),
            title=item_spec["title"],
            kind=AgendaKind(item_spec["kind"]),
            description=item_spec.get("description", ""),
            attribution=AttributionRule(item_spec["rule"]) if item_spec.get("rule") else None,
        )
        moment += timedelta(minutes=20)
        for p, link in enumerate(item_spec["people"]):
            item.people.append(
                AgendaPerson(person=people[link["person"]], role=Role(link["role"]), position=p)
            )
        event.agenda.append(item)
    for invitation in spec["invitations"]:
        event.invitations.append(
            Invitation(
                person=people[invitation["person"]],
                status=InvitationStatus(invitation["status"]),
            )
        )
    for consent in spec["consents"]:
        event.consents.append(
            Consent(
                person=people[consent["person"]],
                may_be_named=consent["may_be_named"],
                description=consent.get("description", ""),
            )
        )
    session.flush()
    return event.id


# --- what must not appear -------------------------------------------------------------------


def _effective(spec: dict[str, Any], item: dict[str, Any]) -> tuple[str, bool]:
    rule = item.get("rule") or spec["event"]["rule"]
    return rule, rule != spec["event"]["rule"]


def wholly_on_the_record(spec: dict[str, Any]) -> bool:
    rules = [spec["event"]["rule"], *(_effective(spec, item)[0] for item in spec["agenda"])]
    return all(rule == "on_the_record" for rule in rules)


def linked(spec: dict[str, Any], index: int) -> bool:
    """In the cast, invited, or in an agenda part (people the checker watches for)."""
    return (
        any(c["person"] == index for c in spec["cast"])
        or any(i["person"] == index for i in spec["invitations"])
        or any(link["person"] == index for item in spec["agenda"] for link in item["people"])
    )


def consented(spec: dict[str, Any], index: int) -> bool:
    return any(c["person"] == index and c["may_be_named"] for c in spec["consents"])


def may_be_named(spec: dict[str, Any], index: int, audience: Audience) -> bool:
    """DOMAIN.md's table with the policy's documented decisions (planner.policy.rules)."""
    if audience == Audience.ORGANISERS or consented(spec, index) or wholly_on_the_record(spec):
        return True
    cast_roles = {c["role"] for c in spec["cast"] if c["person"] == index} & {
        r.value for r in CAST_ROLES
    }
    parts = [
        _effective(spec, item)
        for item in spec["agenda"]
        for link in item["people"]
        if link["person"] == index
    ]
    if audience == Audience.ATTENDEES:
        return bool(cast_roles or parts)
    # The stricter of the organisation's setting and the event's own.
    publicly = spec["organisation"]["name_cast_publicly_under_chatham_house"] and (
        spec["event"].get("name_cast_publicly") is not False
    )

    def public(rule: str, carved_out: bool) -> bool:
        if rule == "on_the_record":
            return True
        return rule == "chatham_house" and publicly and not carved_out

    if parts:
        return all(public(rule, carved) for rule, carved in parts)
    if cast_roles:
        return public(spec["event"]["rule"], False)
    return False


def declined(spec: dict[str, Any], index: int) -> bool:
    return any(i["person"] == index and i["status"] == "declined" for i in spec["invitations"])


def listed_on_invitations(spec: dict[str, Any], index: int) -> bool:
    """May every invitation name this person (and their address) among the invitees? Only in
    a wholly on-the-record event, and only with their consent (DOMAIN.md: the attendee list is
    not circulated; consent is never assumed); someone who declined is not coming."""
    return (
        wholly_on_the_record(spec)
        and linked(spec, index)
        and consented(spec, index)
        and not declined(spec, index)
    )


def _identifying(person: dict[str, str]) -> list[str]:
    """Full name, given names, family name, affiliation (one-character CJK names excepted)."""
    strings = [
        full_name(person),
        person["given_name"],
        person["family_name"],
        person["affiliation"],
    ]
    return [s for s in strings if s and not (_is_cjk(s) and len(s) < 2)]


def forbidden_strings(spec: dict[str, Any], audience: Audience) -> set[str]:
    """Names, family names and affiliations that must not appear in an output for ``audience``.

    Strings that the output legitimately shows for someone it may name (a shared affiliation,
    the organisation's own name) are left out. Everyone's e-mail address is forbidden too:
    contact details are for organisers only, but for the address of someone every invitation
    lists (the attendees' audience, :func:`listed_on_invitations`).
    """
    if audience == Audience.ORGANISERS:
        return set()
    shown: set[str] = {_fold(ORGANISATION_NAME), _fold(ORGANISATION_SHORT)}
    hidden: set[str] = set()
    for index, person in enumerate(spec["people"]):
        strings = _identifying(person)
        if linked(spec, index) and not may_be_named(spec, index, audience):
            hidden.update(strings)
        else:
            shown.update(_fold(s) for s in strings)
    emails = {
        person["email"]
        for index, person in enumerate(spec["people"])
        if person.get("email")
        and not (audience == Audience.ATTENDEES and listed_on_invitations(spec, index))
    }
    # A hidden person's own number identifies them as surely as their name ("[withheld], +92
    # 300 000 0303" on a contact line).
    phones = {
        person["phone"]
        for index, person in enumerate(spec["people"])
        if person.get("phone") and linked(spec, index) and not may_be_named(spec, index, audience)
    }
    return {s for s in hidden if _fold(s) not in shown} | emails | phones


def report_forbidden_strings(spec: dict[str, Any]) -> set[str]:
    """What a published report (public or attendees) must not contain."""
    if wholly_on_the_record(spec):
        return set()
    forbidden: set[str] = set()
    # What the report may say of someone who consented (a university two colleagues share)
    # says nothing about the other.
    shown: set[str] = {_fold(ORGANISATION_NAME), _fold(ORGANISATION_SHORT)}
    for index, person in enumerate(spec["people"]):
        if linked(spec, index) and not consented(spec, index):
            forbidden.update(_identifying(person))
        elif consented(spec, index):
            shown.update(_fold(s) for s in _identifying(person))
    return {s for s in forbidden if _fold(s) not in shown}


def leaked(text: str, forbidden: Iterable[str]) -> list[str]:
    """The forbidden strings found in ``text`` as whole words, ignoring case and diacritics."""
    folded = _fold(text)
    found = []
    for string in forbidden:
        needle = re.escape(_fold(string))
        # Chinese is written without spaces: there a name is found anywhere.
        pattern = needle if _is_cjk(string) else rf"(?<!\w){needle}(?!\w)"
        if re.search(pattern, folded):
            found.append(string)
    return sorted(found)


# --- the seed's Gulf Security roundtable, hand-made --------------------------------------------
# CPGS, 12 March 2013, Chatham House Rule, with an invited participant, so every cell of
# DOMAIN.md's table has someone to hide. ``gulf_security(...)`` returns a spec, varied by its
# arguments, for ``write_event``.

KAMRAN = 0
WEINBAUM = 1
ALI = 2
INVITEE = 3  # Dr Farah Siddiqui, invited and accepted; not in the cast
DECLINED = 4  # Amb Tariq Mansour, invited, declined

PEOPLE: list[dict[str, str]] = [
    {
        "honorific": "Senator",
        "given_name": "Sehar",
        "family_name": "Kamran",
        "post_nominals": "(TI)",
        "position": "President",
        "affiliation": "Centre for Pakistan and Gulf Studies",
        "short_bio": "Founder of the Centre.",
        "email": "sehar@example.org",
        "phone": "+92 51 0000001",
    },
    {
        "honorific": "Prof.",
        "given_name": "Marvin G.",
        "family_name": "Weinbaum",
        "post_nominals": "",
        "position": "Professor Emeritus",
        "affiliation": "University of Illinois",
        "short_bio": "Scholar, Middle East Institute, Washington D.C.",
        "email": "weinbaum@example.org",
        "phone": "",
    },
    {
        "honorific": "",
        "given_name": "Syed Muhammad",
        "family_name": "Ali",
        "post_nominals": "",
        "position": "Member, Board of Directors",
        "affiliation": "Centre for Pakistan and Gulf Studies",
        "short_bio": "",
        "email": "ali@example.org",
        "phone": "",
    },
    {
        "honorific": "Dr",
        "given_name": "Farah",
        "family_name": "Siddiqui",
        "post_nominals": "",
        "position": "Senior Fellow",
        "affiliation": "Institute of Strategic Studies Islamabad",
        "short_bio": "",
        "email": "farah@example.org",
        "phone": "",
    },
    {
        "honorific": "Amb (R)",
        "given_name": "Tariq",
        "family_name": "Mansour",
        "post_nominals": "",
        "position": "",
        "affiliation": "Foreign Service Academy",
        "short_bio": "",
        "email": "tariq@example.org",
        "phone": "",
    },
]


def gulf_security(
    rule: str = "chatham_house",
    *,
    name_cast_publicly: bool = True,
    event_names_cast: bool | None = None,
    report: str = "",
    concept_note: str = "",
    agenda: list[dict[str, Any]] | None = None,
    consents: list[dict[str, Any]] | None = None,
    time_style: str = "hours",
) -> dict[str, Any]:
    """The spec of the Gulf Security roundtable, varied by the arguments."""
    return {
        "organisation": {
            "name": "Centre for Pakistan and Gulf Studies",
            "short_name": "CPGS",
            "name_cast_publicly_under_chatham_house": name_cast_publicly,
            "time_style": time_style,
        },
        "event": {
            "title": "Gulf Security: Emerging Scenario",
            "rule": rule,
            "name_cast_publicly": event_names_cast,
            "concept_note": concept_note,
            "report_discussion": report,
        },
        "people": copy.deepcopy(PEOPLE),
        "cast": [
            {"person": KAMRAN, "role": "chair"},
            {"person": ALI, "role": "moderator"},
            {"person": WEINBAUM, "role": "speaker"},
        ],
        "agenda": agenda or [],
        "invitations": [
            {"person": INVITEE, "status": "accepted"},
            {"person": DECLINED, "status": "declined"},
        ],
        "consents": consents or [],
    }
