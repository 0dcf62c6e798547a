"""Right-to-left names inside English sentences are isolated (FSI ... PDI, UAX #9) in the plain
text of email drafts and calendar descriptions, so a mail client keeps "Dear Dr احمد," in order;
readers still get every name back whole (issue s20, names)."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from eml_readback import check_draft, display_names
from planner.exports.eml import invitation_message, message_bytes
from planner.exports.ics import render_ics
from planner.exports.text import FSI, PDI, isolate_rtl
from planner.policy import Audience
from sheet_samples import gulf_security, person
from strategies import NAMES

RTL_WORDS = [w for script in ("urdu", "arabic") for names in NAMES[script] for w in names]
LTR_WORDS = ["Dear", "Dr", "Ambassador", "Chair:", "Speakers:", "and", "Lt. Gen.", "HI (M)", "2013"]


def _plain(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


def test_the_salutations_of_the_try_out() -> None:
    assert isolate_rtl("Dear Dr احمد,") == f"Dear Dr {FSI}احمد{PDI},"
    assert isolate_rtl("Dear Ambassador العتيبي,") == f"Dear Ambassador {FSI}العتيبي{PDI},"
    # A rank marker in brackets stays with the name; the post-nominals stay outside.
    assert isolate_rtl("Chair: Lt. Gen. (ر) احمد خان HI (M)") == (
        f"Chair: Lt. Gen. {FSI}(ر) احمد خان{PDI} HI (M)"
    )
    # Two names of a list are two isolates: one would show them in reverse order.
    assert isolate_rtl("Speakers: Brig Dr M. Khan; السفير خالد العتيبي; ڈاکٹر احمد قریشی") == (
        f"Speakers: Brig Dr M. Khan; {FSI}السفير خالد العتيبي{PDI}; {FSI}ڈاکٹر احمد قریشی{PDI}"
    )


def test_right_to_left_lines_latin_text_and_isolated_text_are_left_alone() -> None:
    urdu = "محترم ڈاکٹر صاحب، CPGS کی جانب سے"
    assert isolate_rtl(urdu) == urdu  # its own direction: nothing to isolate it from
    assert isolate_rtl("Dear Tony,") == "Dear Tony,"
    once = isolate_rtl("Dear Dr احمد,")
    assert isolate_rtl(once) == once


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.one_of(st.sampled_from(RTL_WORDS), st.sampled_from(LTR_WORDS)), min_size=1, max_size=9
    ),
    end=st.sampled_from(["", ",", ".", ";"]),
    separator=st.sampled_from([" ", "; ", ", "]),
)
def test_every_right_to_left_name_of_an_english_line_is_one_isolate(
    words: list[str], end: str, separator: str
) -> None:
    line = "Dear " + separator.join(words) + end
    isolated = isolate_rtl(line)
    assert _plain(isolated) == line  # nothing but isolates added
    assert isolated.count(FSI) == isolated.count(PDI)
    # Isolates never nest and hold right-to-left text only, never the trailing punctuation.
    for inside in re.findall(f"{FSI}(.*?){PDI}", isolated):
        assert FSI not in inside and not re.search("[A-Za-z;,]", inside)
        assert inside[-1] not in ",.;"
    outside = re.sub(f"{FSI}.*?{PDI}", "", isolated)
    assert not any(word in outside for word in RTL_WORDS)


def test_an_invitation_opens_with_the_name_isolated_and_reads_back_whole() -> None:
    attendees = gulf_security(Audience.ATTENDEES)
    invitee = person("ڈاکٹر احمد قریشی", salutation="Dear Dr احمد", email="ahmad@example.org")
    message = invitation_message(attendees, invitee, [])
    parsed = check_draft(message_bytes(message))
    body = parsed.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert body.startswith(f"Dear Dr {FSI}احمد{PDI},")
    # The To: header is a name alone, not a sentence: no isolates, the name read back whole.
    assert display_names(parsed, "To") == {"ahmad@example.org": "ڈاکٹر احمد قریشی"}


def test_the_calendar_description_isolates_a_right_to_left_cast_name() -> None:
    sheet = gulf_security(Audience.ATTENDEES)
    group = sheet.cast[0]
    urdu = replace(group.people[0], name="ڈاکٹر عائشہ رحمان")
    sheet = replace(sheet, cast=(replace(group, people=(urdu, *group.people[1:])), *sheet.cast[1:]))
    calendar = Calendar.from_ical(render_ics([sheet]))
    [event] = calendar.walk("VEVENT")
    description = str(event["DESCRIPTION"])
    assert f"{group.label}: {FSI}ڈاکٹر عائشہ رحمان{PDI}" in description
    assert "ڈاکٹر عائشہ رحمان" in _plain(description)
