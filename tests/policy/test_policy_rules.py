"""Each cell of DOMAIN.md's table (rule x audience), item overrides, consent and the
organisation's setting, on the seed's Gulf Security roundtable."""

from __future__ import annotations

import json
from typing import Any

import pytest

from planner.errors import NotFoundError, PlannerError
from planner.model import AttributionRule, Role
from planner.policy import Audience, Sheet, build_sheet, sheet_to_dict
from planner.policy.checker import REDACTED
from planner.policy.rules import CHATHAM_HOUSE_RULE_TEXT, PART_RULE_SENTENCES, withheld_text
from planner.store import Database
from strategies import ALI, DECLINED, INVITEE, WEINBAUM, gulf_security, write_event

PUBLIC, ATTENDEES, ORGANISERS = Audience.PUBLIC, Audience.ATTENDEES, Audience.ORGANISERS
RULES = ("on_the_record", "chatham_house", "not_for_attribution", "off_the_record")


def sheet(db: Database, spec: dict[str, Any], audience: Audience) -> Sheet:
    with db.session() as session:
        event_id = write_event(session, spec)
        return build_sheet(session, event_id, audience)


def cast_names(s: Sheet) -> dict[str, list[str]]:
    return {group.role: [p.name for p in group.people] for group in s.cast}


def as_text(s: Sheet) -> str:
    return json.dumps(sheet_to_dict(s), ensure_ascii=False)


NAMED_CAST = {
    "chair": ["Senator Sehar Kamran (TI)"],
    "moderator": ["Syed Muhammad Ali"],
    "speaker": ["Prof. Marvin G. Weinbaum"],
}
DESCRIBED_CAST = {
    "chair": ["a participant"],
    "moderator": ["a participant"],
    "speaker": ["a speaker"],
}


# --- the cast, per rule and audience ---------------------------------------------------------


@pytest.mark.parametrize("rule", RULES)
def test_organisers_see_everyone_marked_confidential(db: Database, rule: str) -> None:
    s = sheet(db, gulf_security(rule, name_cast_publicly=False), ORGANISERS)
    assert cast_names(s) == NAMED_CAST
    assert s.confidential and s.marking == "CONFIDENTIAL"
    assert s.participants is not None
    names = [entry.person.name for entry in s.participants]
    # Everyone linked, sorted by family name: Ali, Kamran, Mansour, Siddiqui, Weinbaum.
    assert names == [
        "Syed Muhammad Ali",
        "Senator Sehar Kamran (TI)",
        "Amb (R) Tariq Mansour",
        "Dr Farah Siddiqui",
        "Prof. Marvin G. Weinbaum",
    ]
    statuses = {e.person.name: e.status for e in s.participants}
    assert statuses["Dr Farah Siddiqui"] == "accepted"
    assert statuses["Senator Sehar Kamran (TI)"] == "cast"
    chair = s.cast[0].people[0]
    assert chair.salutation == "Dear Senator Kamran"
    assert chair.email == "sehar@example.org" and chair.phone == "+92 51 0000001"


def test_present_is_cast_and_accepted_invitees_once_each_by_family_name(db: Database) -> None:
    spec = gulf_security()
    spec["agenda"] = [
        {
            "title": "Talk",
            "kind": "keynote",
            "rule": None,
            "people": [{"person": WEINBAUM, "role": "keynote"}],
        }
    ]
    s = sheet(db, spec, ORGANISERS)
    assert [p.short_name for p in s.present] == [
        "Syed Muhammad Ali",
        "Senator Kamran",
        "Dr Siddiqui",
        "Prof. Weinbaum",
    ]
    assert sheet(db, gulf_security(), ATTENDEES).present == ()
    assert sheet(db, gulf_security(), PUBLIC).present == ()


@pytest.mark.parametrize("rule", RULES)
def test_attendees_see_the_cast_but_no_list(db: Database, rule: str) -> None:
    s = sheet(db, gulf_security(rule, name_cast_publicly=False), ATTENDEES)
    assert cast_names(s) == NAMED_CAST
    assert s.participants is None
    assert not s.confidential and s.marking == ""
    chair = s.cast[0].people[0]
    assert chair.email == "" and chair.phone == "" and chair.salutation == ""
    assert chair.affiliation == "Centre for Pakistan and Gulf Studies"


@pytest.mark.parametrize(
    ("rule", "name_cast_publicly", "expected"),
    [
        ("on_the_record", False, NAMED_CAST),
        ("chatham_house", True, NAMED_CAST),  # as the seed's own page does
        ("chatham_house", False, DESCRIBED_CAST),  # a stricter institute
        ("not_for_attribution", True, DESCRIBED_CAST),
        ("off_the_record", True, DESCRIBED_CAST),
    ],
)
def test_public_cast_per_rule_and_setting(
    db: Database, rule: str, name_cast_publicly: bool, expected: dict[str, list[str]]
) -> None:
    s = sheet(db, gulf_security(rule, name_cast_publicly=name_cast_publicly), PUBLIC)
    assert cast_names(s) == expected
    assert s.participants is None and s.present == ()
    if expected is DESCRIBED_CAST:
        text = as_text(s)
        for secret in ("Weinbaum", "Kamran", "Illinois", "Syed Muhammad", "Siddiqui"):
            assert secret not in text
        speaker = s.cast[-1].people[0]
        assert speaker.described and speaker.affiliation == "" and speaker.short_bio == ""


@pytest.mark.parametrize(
    ("organisation_names", "event_names", "expected"),
    [
        (True, None, NAMED_CAST),  # the event follows its organisation
        (True, True, NAMED_CAST),
        (True, False, DESCRIBED_CAST),  # imported from an institute that withholds names
        (False, True, DESCRIBED_CAST),  # the stricter setting wins, whichever says it
        (False, None, DESCRIBED_CAST),
    ],
)
def test_the_stricter_of_the_organisation_and_the_event_wins(
    db: Database,
    organisation_names: bool,
    event_names: bool | None,
    expected: dict[str, list[str]],
) -> None:
    spec = gulf_security(
        "chatham_house", name_cast_publicly=organisation_names, event_names_cast=event_names
    )
    s = sheet(db, spec, PUBLIC)
    assert cast_names(s) == expected
    if expected is DESCRIBED_CAST:
        assert "Kamran" not in as_text(s)


def test_not_for_attribution_describes_by_the_organisers_words(db: Database) -> None:
    consents = [{"person": WEINBAUM, "may_be_named": False, "description": "a visiting scholar"}]
    s = sheet(db, gulf_security("not_for_attribution", consents=consents), PUBLIC)
    assert cast_names(s)["speaker"] == ["a visiting scholar"]


@pytest.mark.parametrize("rule", ["chatham_house", "not_for_attribution", "off_the_record"])
def test_consent_names_a_person_publicly(db: Database, rule: str) -> None:
    consents = [{"person": WEINBAUM, "may_be_named": True, "description": ""}]
    s = sheet(db, gulf_security(rule, name_cast_publicly=False, consents=consents), PUBLIC)
    assert cast_names(s)["speaker"] == ["Prof. Marvin G. Weinbaum"]
    assert cast_names(s)["chair"] == ["a participant"]


# --- notices ---------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", list(Audience))
def test_chatham_house_notice_is_printed_verbatim(db: Database, audience: Audience) -> None:
    s = sheet(db, gulf_security("chatham_house"), audience)
    assert [(n.title, n.text, n.scope) for n in s.notices] == [
        ("Chatham House Rule", CHATHAM_HOUSE_RULE_TEXT, "")
    ]
    assert CHATHAM_HOUSE_RULE_TEXT == (
        "When a meeting, or part thereof, is held under the Chatham House Rule, participants "
        "are free to use the information received, but neither the identity nor the affiliation "
        "of the speaker(s), nor that of any other participant, may be revealed."
    )


def test_plain_statements_for_the_other_rules(db: Database) -> None:
    nfa = sheet(db, gulf_security("not_for_attribution"), ATTENDEES).notices
    otr = sheet(db, gulf_security("off_the_record"), ATTENDEES).notices
    on = sheet(db, gulf_security("on_the_record"), ATTENDEES).notices
    assert nfa[0].title == "Not for attribution" and "described" in nfa[0].text
    assert otr[0].title == "Off the record" and "Nothing" in otr[0].text
    assert on == ()
    for notice in (*nfa, *otr):
        assert notice.text.count(".") == 1  # one plain sentence


# --- free texts ------------------------------------------------------------------------------


def test_public_free_texts_withhold_hidden_people(db: Database) -> None:
    note = "Dr Siddiqui of the Institute of Strategic Studies Islamabad will attend."
    s = sheet(db, gulf_security("chatham_house", concept_note=note), PUBLIC)
    assert s.concept_note == f"{REDACTED} of the {REDACTED} will attend."
    on = sheet(db, gulf_security("on_the_record", concept_note=note), PUBLIC)
    assert on.concept_note == note
    assert (
        sheet(db, gulf_security("chatham_house", concept_note=note), ORGANISERS).concept_note
        == note
    )


def test_attendees_do_not_learn_non_cast_participants(db: Database) -> None:
    note = "Amb Mansour sent regrets; Prof. Weinbaum will speak."
    s = sheet(db, gulf_security("chatham_house", concept_note=note), ATTENDEES)
    assert s.concept_note == f"{REDACTED} sent regrets; Prof. Weinbaum will speak."


def test_the_organisations_own_name_is_never_withheld(db: Database) -> None:
    note = "The Centre for Pakistan and Gulf Studies (CPGS) hosts this round table."
    s = sheet(
        db, gulf_security("chatham_house", name_cast_publicly=False, concept_note=note), PUBLIC
    )
    assert s.concept_note == note


# --- agenda overrides ------------------------------------------------------------------------


def _agenda(rule_of_item: str | None, title: str = "Keynote address") -> list[dict[str, Any]]:
    return [
        {
            "title": title,
            "kind": "keynote",
            "rule": rule_of_item,
            "description": "",
            "people": [{"person": WEINBAUM, "role": "keynote"}],
        },
        {
            "title": "Tea",
            "kind": "break",
            "rule": None,
            "people": [{"person": ALI, "role": "host"}],
        },
        {
            "title": "Open discussion",
            "kind": "discussion",
            "rule": None,
            "people": [{"person": ALI, "role": "moderator"}],
        },
    ]


def test_on_the_record_keynote_inside_a_chatham_house_roundtable_names_its_speaker(
    db: Database,
) -> None:
    spec = gulf_security("chatham_house", name_cast_publicly=False, agenda=_agenda("on_the_record"))
    s = sheet(db, spec, PUBLIC)
    keynote, tea, discussion = s.agenda
    assert keynote.overrides_event_rule and keynote.rule == "on_the_record"
    assert keynote.rule_label == "On the record"
    assert [p.name for p in keynote.people] == ["Prof. Marvin G. Weinbaum"]
    assert tea.is_break and tea.people == ()
    assert [p.name for p in discussion.people] == ["a participant"]
    assert not discussion.overrides_event_rule and discussion.rule == "chatham_house"
    assert [(n.rule, n.scope) for n in s.notices] == [
        ("chatham_house", ""),
        ("on_the_record", "Keynote address"),
    ]
    # The speaker of a public part is named in the cast too; the others are not.
    assert cast_names(s)["speaker"] == ["Prof. Marvin G. Weinbaum"]
    assert cast_names(s)["chair"] == ["a participant"]


def test_chatham_house_panel_inside_an_on_the_record_event_hides_its_people(
    db: Database,
) -> None:
    spec = gulf_security(
        "on_the_record", agenda=_agenda("chatham_house", "Keynote by Prof. Weinbaum")
    )
    public = sheet(db, spec, PUBLIC)
    keynote = public.agenda[0]
    assert keynote.overrides_event_rule and keynote.rule == "chatham_house"
    assert [p.name for p in keynote.people] == ["a speaker"]
    assert keynote.title == f"Keynote by {REDACTED}"
    assert public.notices[0].scope == f"Keynote by {REDACTED}"
    assert "Weinbaum" not in as_text(public)
    # Elsewhere the event is on the record: the chair is named.
    assert cast_names(public)["chair"] == ["Senator Sehar Kamran (TI)"]
    attendees = sheet(db, spec, ATTENDEES)
    assert [p.name for p in attendees.agenda[0].people] == ["Prof. Marvin G. Weinbaum"]
    assert attendees.agenda[0].title == "Keynote by Prof. Weinbaum"


def test_agenda_times_in_the_organisations_style(db: Database) -> None:
    s = sheet(db, gulf_security(agenda=_agenda(None)), ATTENDEES)
    assert [row.time_text for row in s.agenda] == ["1700–1720", "1720–1740", "1740–1800"]
    twelve = sheet(db, gulf_security(agenda=_agenda(None), time_style="12h"), ATTENDEES)
    assert twelve.agenda[0].time_text == "5:00–5:20 pm"
    assert twelve.when.time_range_text == "5:00–7:00 pm"
    assert s.when.date_text == "Tuesday, 12 March 2013"
    assert s.when.long_text == "Tuesday, 12 March 2013 at 1700 hours"
    assert s.date_line == "Tuesday, 12 March 2013 · 1700 hours"


# --- the report ------------------------------------------------------------------------------

MENTIONS_WEINBAUM = "Prof. Marvin G. Weinbaum presented his views on the Gulf."
ANONYMOUS = "A visiting scholar presented views on the Gulf; the house then debated."


@pytest.mark.parametrize("rule", ["chatham_house", "not_for_attribution"])
@pytest.mark.parametrize("audience", [PUBLIC, ATTENDEES])
def test_a_report_naming_someone_without_consent_is_refused(
    db: Database, rule: str, audience: Audience
) -> None:
    s = sheet(db, gulf_security(rule, report=MENTIONS_WEINBAUM), audience)
    assert s.report is None
    assert s.report_refusal == (
        "The report names or identifies 1 person who has not consented to be named; "
        "change the text or record their consent."
    )
    assert s.report_findings == (
        "discussion 1:1: the full name of someone who has not consented to be named",
    )
    assert "Weinbaum" not in json.dumps([s.report_refusal, s.report_findings])


@pytest.mark.parametrize("rule", ["chatham_house", "not_for_attribution"])
def test_a_report_is_published_once_consent_covers_it(db: Database, rule: str) -> None:
    consents = [{"person": WEINBAUM, "may_be_named": True, "description": ""}]
    s = sheet(db, gulf_security(rule, report=MENTIONS_WEINBAUM, consents=consents), PUBLIC)
    assert s.report is not None and s.report.discussion == MENTIONS_WEINBAUM
    assert s.report_refusal == "" and s.report_findings == ()


def test_an_anonymous_report_is_published(db: Database) -> None:
    s = sheet(db, gulf_security("chatham_house", report=ANONYMOUS), PUBLIC)
    assert s.report is not None and s.report.discussion == ANONYMOUS


def test_on_the_record_report_names_freely(db: Database) -> None:
    s = sheet(db, gulf_security("on_the_record", report=MENTIONS_WEINBAUM), PUBLIC)
    assert s.report is not None


def test_on_the_record_event_with_a_protected_part_protects_the_report(db: Database) -> None:
    spec = gulf_security("on_the_record", report=MENTIONS_WEINBAUM, agenda=_agenda("chatham_house"))
    assert sheet(db, spec, PUBLIC).report is None


# --- invitations -----------------------------------------------------------------------------

EVERYONE_CONSENTS = [
    {"person": person, "may_be_named": True, "description": ""}
    for person in (WEINBAUM, INVITEE, DECLINED)
]


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("audience", list(Audience))
def test_who_every_invitation_may_name(db: Database, rule: str, audience: Audience) -> None:
    s = sheet(db, gulf_security(rule, consents=EVERYONE_CONSENTS), audience)
    listed = [(e.person.name, e.person.email, e.status) for e in s.invitation_list]
    if rule == "on_the_record" and audience is not PUBLIC:
        # Those who consented, with the address an ATTENDEE line needs; not who declined.
        assert listed == [
            ("Dr Farah Siddiqui", "farah@example.org", "accepted"),
            ("Prof. Marvin G. Weinbaum", "weinbaum@example.org", "cast"),
        ]
    else:
        assert listed == []


def test_an_invitation_lists_no_one_when_a_part_is_protected(db: Database) -> None:
    spec = gulf_security(
        "on_the_record", agenda=_agenda("chatham_house"), consents=EVERYONE_CONSENTS
    )
    assert sheet(db, spec, ATTENDEES).invitation_list == ()


def _keynote_among_colleagues(report: str, *, consent: bool = True) -> dict[str, Any]:
    """An on-the-record event: Weinbaum's on-the-record keynote (he consented), then a
    discussion under the Chatham House Rule; Dr Siddiqui, invited, not consenting, works at
    the same university as he does."""
    agenda = _agenda("on_the_record")
    agenda[2]["rule"] = "chatham_house"
    consents = [{"person": WEINBAUM, "may_be_named": consent, "description": ""}]
    spec = gulf_security("on_the_record", report=report, agenda=agenda, consents=consents)
    spec["people"][INVITEE]["affiliation"] = "University of Illinois"
    return spec


KEYNOTE_REPORT = (
    "Prof. Marvin G. Weinbaum of the University of Illinois opened with a keynote; "
    "Prof. Weinbaum's university has studied the Gulf for decades."
)


@pytest.mark.parametrize("audience", [PUBLIC, ATTENDEES])
def test_a_report_naming_the_consenting_on_the_record_keynote_is_published(
    db: Database, audience: Audience
) -> None:
    # His affiliation is also a non-consenting colleague's: naming it names him, not her.
    s = sheet(db, _keynote_among_colleagues(KEYNOTE_REPORT), audience)
    assert s.report_refusal == "" and s.report_findings == ()
    assert s.report is not None and s.report.discussion == KEYNOTE_REPORT


@pytest.mark.parametrize(
    ("report", "consent"),
    [
        # The colleague herself, by name.
        (KEYNOTE_REPORT + " Dr Siddiqui disagreed.", True),
        # The university alone when he has not consented: it may be either of them.
        ("A scholar from the University of Illinois spoke.", False),
        # A protected part's people stay protected however the keynote is named.
        (KEYNOTE_REPORT + " Syed Muhammad Ali moderated the discussion.", True),
    ],
)
def test_a_real_leak_beside_the_keynote_stays_refused(
    db: Database, report: str, consent: bool
) -> None:
    s = sheet(db, _keynote_among_colleagues(report, consent=consent), PUBLIC)
    assert s.report is None
    assert "has not consented" in s.report_refusal or "have not consented" in s.report_refusal


@pytest.mark.parametrize("audience", [PUBLIC, ATTENDEES])
def test_off_the_record_never_publishes_a_report(db: Database, audience: Audience) -> None:
    s = sheet(db, gulf_security("off_the_record", report=ANONYMOUS), audience)
    assert s.report is None
    assert "off the record" in s.report_refusal


def test_organisers_read_the_draft_with_what_blocks_it(db: Database) -> None:
    s = sheet(db, gulf_security("chatham_house", report=MENTIONS_WEINBAUM), ORGANISERS)
    assert s.report is not None and s.report.discussion == MENTIONS_WEINBAUM
    assert len(s.report_findings) == 1
    assert "Prof. Marvin G. Weinbaum" in s.report_findings[0]
    off = sheet(db, gulf_security("off_the_record", report=ANONYMOUS), ORGANISERS)
    assert off.report is not None and "off the record" in off.report_findings[0]


def test_no_report_written_is_not_a_refusal(db: Database) -> None:
    s = sheet(db, gulf_security("chatham_house"), PUBLIC)
    assert s.report is None and s.report_refusal == "" and s.report_findings == ()


# --- errors ----------------------------------------------------------------------------------


def test_unknown_event_and_audience(db: Database) -> None:
    with db.session() as session:
        with pytest.raises(NotFoundError, match="no event with id 999"):
            build_sheet(session, 999, PUBLIC)
        event_id = write_event(session, gulf_security())
        with pytest.raises(PlannerError, match="unknown audience 'press'"):
            build_sheet(session, event_id, "press")


def test_declined_invitee_is_listed_for_organisers_only(db: Database) -> None:
    s = sheet(db, gulf_security(), ORGANISERS)
    assert s.participants is not None
    declined = [e for e in s.participants if e.status == "declined"]
    assert [e.person.name for e in declined] == ["Amb (R) Tariq Mansour"]
    assert declined[0].status_label == "Declined"
    assert "Amb (R) Tariq Mansour" not in [p.name for p in s.present]


def test_a_venue_named_after_a_hidden_person_is_withheld(db: Database) -> None:
    spec = gulf_security("chatham_house", name_cast_publicly=False)
    spec["venue"] = {"name": "Residence of Prof. Weinbaum", "city": "Islamabad", "room": "Study"}
    s = sheet(db, spec, PUBLIC)
    assert s.venue is not None and s.venue.text == f"Study, Residence of {REDACTED}, Islamabad"
    assert s.date_line.endswith(f"Residence of {REDACTED}, Islamabad")
    organisers = sheet(db, spec, ORGANISERS)
    assert organisers.venue is not None and organisers.venue.name == "Residence of Prof. Weinbaum"


def test_odd_imported_values_are_printed_not_crashed_on(db: Database) -> None:
    spec = gulf_security("chatham_house")
    spec["event"]["key_issues"] = ["Gulf?", 42]
    spec["event"]["report_recommendations"] = [7]
    s = sheet(db, spec, PUBLIC)
    assert s.key_issues == ("Gulf?", "42")
    assert s.report is not None and s.report.recommendations == ("7",)


def test_report_notices_name_no_one_the_report_may_not(db: Database) -> None:
    agenda = _agenda("on_the_record", "Keynote by Prof. Weinbaum")
    spec = gulf_security("chatham_house", report=ANONYMOUS, agenda=agenda)
    s = sheet(db, spec, PUBLIC)
    # The programme may name the on-the-record keynote speaker ...
    assert s.agenda[0].title == "Keynote by Prof. Weinbaum"
    assert s.notices[1].scope == "Keynote by Prof. Weinbaum"
    # ... the report, under the Chatham House Rule, may not without his consent.
    assert s.report is not None
    assert [(n.rule, n.scope) for n in s.report.notices] == [
        ("chatham_house", ""),
        ("on_the_record", f"Keynote by {REDACTED}"),
    ]
    consents = [{"person": WEINBAUM, "may_be_named": True, "description": ""}]
    spec = gulf_security("chatham_house", report=ANONYMOUS, agenda=agenda, consents=consents)
    report = sheet(db, spec, PUBLIC).report
    assert report is not None and report.notices[1].scope == "Keynote by Prof. Weinbaum"


def test_an_event_without_a_zone_is_printed_in_the_organisations(db: Database) -> None:
    from planner.model import Event

    with db.session() as session:
        event_id = write_event(session, gulf_security())
        event = session.get(Event, event_id)
        assert event is not None
        event.time_zone = ""
    with db.session() as session:
        s = build_sheet(session, event_id, PUBLIC)
    assert s.when.time_zone == "Asia/Karachi" and s.when.start_time_text == "1700 hours"


@pytest.mark.parametrize("audience", [PUBLIC, ATTENDEES])
def test_off_the_record_refuses_even_an_unwritten_report(db: Database, audience: Audience) -> None:
    s = sheet(db, gulf_security("off_the_record"), audience)
    assert s.report is None
    assert s.report_refusal == "The event is off the record: no report may be published."
    organisers = sheet(db, gulf_security("off_the_record"), ORGANISERS)
    assert organisers.report is None and organisers.report_refusal == ""


def test_off_the_record_public_sheet_counts_its_withheld_people(db: Database) -> None:
    s = sheet(db, gulf_security("off_the_record", agenda=_agenda(None)), PUBLIC)
    assert s.cast_withheld == "Chair, moderator and speaker, names withheld under the rule"
    assert [(g.role, g.withheld) for g in s.cast] == [
        ("chair", 1),
        ("moderator", 1),
        ("speaker", 1),
    ]
    keynote, _tea, discussion = s.agenda
    assert keynote.withheld == "Keynote speaker, name withheld under the rule"
    assert discussion.withheld == "Moderator, name withheld under the rule"
    # Organisers see everyone: nothing is withheld from them.
    organisers = sheet(db, gulf_security("off_the_record", agenda=_agenda(None)), ORGANISERS)
    assert organisers.cast_withheld == "" and not any(g.withheld for g in organisers.cast)


def test_a_description_is_printed_not_counted(db: Database) -> None:
    consents = [{"person": WEINBAUM, "may_be_named": False, "description": "a US scholar"}]
    s = sheet(db, gulf_security("off_the_record", consents=consents), PUBLIC)
    speaker = next(g for g in s.cast if g.role == "speaker")
    assert [p.name for p in speaker.people] == ["a US scholar"]
    assert speaker.withheld == 0 and not speaker.people[0].withheld
    assert s.cast_withheld == "Chair and moderator, names withheld under the rule"


def test_withheld_text_counts_by_role() -> None:
    assert withheld_text([]) == ""
    assert withheld_text([(Role.SPEAKER, 4)]) == "4 speakers, names withheld under the rule"
    assert withheld_text([(Role.SPEAKER, 1)]) == "Speaker, name withheld under the rule"
    assert (
        withheld_text([(Role.CHAIR, 1), (Role.DISCUSSANT, 2), (Role.GUEST_OF_HONOUR, 3)])
        == "Chair, 2 discussants and 3 guests of honour, names withheld under the rule"
    )


@pytest.mark.parametrize("rule", ["on_the_record", "not_for_attribution", "off_the_record"])
def test_a_part_under_another_rule_has_that_rules_own_sentence(db: Database, rule: str) -> None:
    event_rule = "chatham_house"
    s = sheet(db, gulf_security(event_rule, agenda=_agenda(rule)), ATTENDEES)
    keynote, _tea, discussion = s.agenda
    assert keynote.rule_sentence == PART_RULE_SENTENCES[AttributionRule(rule)]
    assert discussion.rule_sentence == ""  # the event's own rule: its notice says it
    sentences = list(PART_RULE_SENTENCES.values())
    assert len(set(sentences)) == len(AttributionRule)
    assert all(s.startswith("This part is ") and "the On" not in s for s in sentences)
