"""Name styling (full, short, salutation, sort key) and the organisation's time formats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.model import TimeStyle
from planner.policy import names, timefmt


@dataclass
class N:
    honorific: str = ""
    given_name: str = ""
    family_name: str = ""
    post_nominals: str = ""
    short_style: str = ""
    salutation: str = ""
    name_order: str = ""


OWAIS = N("Lt. Gen. (R)", "Syed Muhammad", "Owais", "HI (M)")
KHATTAK = N("Amb (R)", "Khalid", "Khattak")
KAMRAN = N("Senator", "Sehar", "Kamran", "(TI)")
WEINBAUM = N("Prof.", "Marvin G.", "Weinbaum")
KHAN = N("Brig Dr", "M.", "Khan")
QURESHI = N("", "Shah Mehmood", "Qureshi")


@pytest.mark.parametrize(
    ("person", "full", "short", "salutation"),
    [
        (
            OWAIS,
            "Lt. Gen. (R) Syed Muhammad Owais HI (M)",
            "Lt. Gen. Owais",
            "Dear General Owais",
        ),
        (KHATTAK, "Amb (R) Khalid Khattak", "Amb Khattak", "Dear Ambassador Khattak"),
        (KAMRAN, "Senator Sehar Kamran (TI)", "Senator Kamran", "Dear Senator Kamran"),
        (WEINBAUM, "Prof. Marvin G. Weinbaum", "Prof. Weinbaum", "Dear Professor Weinbaum"),
        (KHAN, "Brig Dr M. Khan", "Brig Dr Khan", "Dear Brigadier Khan"),
        # No title: no guess at Mr or Ms.
        (QURESHI, "Shah Mehmood Qureshi", "Shah Mehmood Qureshi", "Dear Shah Mehmood Qureshi"),
        (N("Maj. Gen.", "Ahmed", "Raza"), "Maj. Gen. Ahmed Raza", "Maj. Gen. Raza",
         "Dear General Raza"),
        (N("Dr", "Ayesha", "Siddiqa"), "Dr Ayesha Siddiqa", "Dr Siddiqa", "Dear Dr Siddiqa"),
        (N("Gen. (Retd)", "Jehangir", "Karamat"), "Gen. (Retd) Jehangir Karamat", "Gen. Karamat",
         "Dear General Karamat"),
        (N("", "", "Madonna"), "Madonna", "Madonna", "Dear Madonna"),
    ],
)  # fmt: skip
def test_styles(person: N, full: str, short: str, salutation: str) -> None:
    assert names.full_style(person) == full
    assert names.short_style(person) == short
    assert names.salutation(person) == salutation


def test_the_persons_own_short_style_and_salutation_win() -> None:
    person = N("Lt. Gen. (R)", "Syed Muhammad", "Owais", short_style="Gen. Owais")
    assert names.short_style(person) == "Gen. Owais"
    assert names.salutation(N("Prof.", "A", "B", salutation="Dear Tony")) == "Dear Tony"
    assert names.salutation(N("Prof.", "A", "B", salutation="Sir Anthony")) == "Dear Sir Anthony"


def test_any_script() -> None:
    urdu = N("", "سید محمد", "اویس")
    assert names.full_style(urdu) == "سید محمد اویس"
    chinese = N("Prof.", "伟", "王")
    assert names.full_style(chinese) == "Prof. 王伟"
    assert names.short_style(chinese) == "Prof. 王"
    assert names.salutation(chinese) == "Dear Professor 王"
    assert names.full_style(N("", "Сергей", "Лавров")) == "Сергей Лавров"


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        # A title written in the person's own script is the same title in an English letter:
        # the style, not the bare name.
        (N("ڈاکٹر", "شاہ محمود", "قریشی"), "Dear Dr قریشی"),
        (N("لیفٹیننٹ جنرل (ر)", "سید محمد", "اویس"), "Dear General اویس"),
        (N("سفیر", "خالد", "خٹک"), "Dear Ambassador خٹک"),
        (N("پروفیسر", "عائشہ", "صدیقہ"), "Dear Professor صدیقہ"),
        # Arabic spellings, with Arabic kaf and yeh, as an Arabic keyboard types them.
        (N("الدكتور", "خالد", "المنصوري"), "Dear Dr المنصوري"),
        (N("د.", "خالد", "المنصوري"), "Dear Dr المنصوري"),
        (N("الأستاذ الدكتور", "أحمد", "زويل"), "Dear Professor زويل"),
        (N("السفير", "محمد", "العلي"), "Dear Ambassador العلي"),
        (N("教授", "伟", "王"), "Dear Professor 王"),
        (N("大使", "毅", "王"), "Dear Ambassador 王"),
        (N("博士", "丽", "李"), "Dear Dr 李"),
        # A word in another script that is no title still gives no guess.
        (N("سید", "محمد", "اویس"), "Dear محمد اویس"),
    ],
)
def test_salutation_uses_the_style_in_every_script(person: N, expected: str) -> None:
    assert names.salutation(person) == expected


def test_the_urdu_retirement_marker_is_dropped_like_r() -> None:
    assert names.short_style(N("لیفٹیننٹ جنرل (ر)", "سید محمد", "اویس")) == "لیفٹیننٹ جنرل اویس"


def test_sort_key_by_family_name_ignoring_honorifics_case_and_diacritics() -> None:
    people = [
        N("Prof.", "Marvin G.", "Weinbaum"),
        N("Lt. Gen. (R)", "Syed Muhammad", "Owais"),
        N("", "Zoë", "Ångström"),
        N("Dr", "Jürgen", "Müller"),
        N("", "anna", "muller"),
        N("Amb", "Khalid", "Khattak"),
    ]
    ordered = [p.family_name for p in sorted(people, key=names.sort_key)]
    assert ordered == ["Ångström", "Khattak", "muller", "Müller", "Owais", "Weinbaum"]
    assert names.sort_key(N("Dr", "Jürgen", "Müller")) == "muller, jurgen"


def test_fold_matches_urdu_and_arabic_letter_variants() -> None:
    assert names.fold("علي") == names.fold("علی")
    assert names.fold("كمال") == names.fold("کمال")
    assert names.fold("O’Brien") == names.fold("o'brien")


# --- times -----------------------------------------------------------------------------------

KARACHI = "Asia/Karachi"
START = datetime(2013, 3, 12, 12, 0, tzinfo=UTC)  # 1700 in Karachi
END = datetime(2013, 3, 12, 14, 0, tzinfo=UTC)


def test_the_seed_event_in_both_styles() -> None:
    hours = timefmt.event_times(START, END, KARACHI, TimeStyle.HOURS)
    assert hours.date_text == "Tuesday, 12 March 2013"
    assert hours.start_time_text == "1700 hours"
    assert hours.end_time_text == "1900 hours"
    assert hours.time_range_text == "1700–1900 hours"
    assert hours.long_text == "Tuesday, 12 March 2013 at 1700 hours"
    twelve = timefmt.event_times(START, END, KARACHI, TimeStyle.TWELVE_HOUR)
    assert twelve.start_time_text == "5:00 pm"
    assert twelve.time_range_text == "5:00–7:00 pm"
    assert twelve.long_text == "Tuesday, 12 March 2013 at 5:00 pm"
    assert hours.starts_at.utcoffset() is not None and hours.starts_at.hour == 17


def test_ranges_across_noon_and_midnight() -> None:
    morning = datetime(2013, 3, 12, 6, 0, tzinfo=UTC)  # 1100 Karachi
    t = timefmt.event_times(morning, END, KARACHI, TimeStyle.TWELVE_HOUR)
    assert t.time_range_text == "11:00 am–7:00 pm"
    late = datetime(2013, 3, 12, 17, 0, tzinfo=UTC)  # 2200 Karachi
    after = datetime(2013, 3, 12, 20, 30, tzinfo=UTC)  # 0130 next day
    t = timefmt.event_times(late, after, KARACHI, TimeStyle.HOURS)
    assert t.time_range_text == "2200–0130 hours (next day)"
    assert t.date_text == "Tuesday, 12 March 2013"
    assert (
        timefmt.agenda_time_text(
            timefmt.local(late, KARACHI), timefmt.local(after, KARACHI), TimeStyle.HOURS
        )
        == "2200–0130"
    )
    t = timefmt.event_times(late, after, KARACHI, TimeStyle.TWELVE_HOUR)
    assert t.time_range_text == "10:00 pm–1:30 am (next day)"
    midnight = datetime(2013, 3, 12, 19, 0, tzinfo=UTC)  # 0000 Karachi
    assert timefmt.time_text(timefmt.local(midnight, KARACHI), TimeStyle.TWELVE_HOUR) == "12:00 am"
    assert timefmt.time_text(timefmt.local(midnight, KARACHI), TimeStyle.HOURS) == "0000 hours"


def test_a_conference_over_several_days() -> None:
    start = datetime(2013, 3, 12, 4, 0, tzinfo=UTC)
    end = datetime(2013, 3, 14, 12, 0, tzinfo=UTC)
    t = timefmt.event_times(start, end, KARACHI, TimeStyle.HOURS)
    assert t.date_text == "Tuesday, 12 March – Thursday, 14 March 2013"
    # The date names the days; the hours are those of each day.
    assert t.time_range_text == "0900–1700 hours"
    assert t.long_text == "Tuesday, 12 March – Thursday, 14 March 2013, 0900–1700 hours"


def test_a_two_day_conference_is_not_an_evening_that_runs_late() -> None:
    """Thu 14 – Fri 15 Jan 2027, 09:00–18:00: 'planner check' printed only its first day."""
    start = datetime(2027, 1, 14, 4, 0, tzinfo=UTC)  # 0900 Karachi
    end = datetime(2027, 1, 15, 13, 0, tzinfo=UTC)  # 1800 Karachi, the next day
    t = timefmt.event_times(start, end, KARACHI, TimeStyle.HOURS)
    assert t.date_text == "Thursday, 14 January – Friday, 15 January 2027"
    assert t.time_range_text == "0900–1800 hours"
    assert t.long_text == "Thursday, 14 January – Friday, 15 January 2027, 0900–1800 hours"
    twelve = timefmt.event_times(start, end, KARACHI, TimeStyle.TWELVE_HOUR)
    assert twelve.long_text == ("Thursday, 14 January – Friday, 15 January 2027, 9:00 am–6:00 pm")
    new_year = timefmt.event_times(
        datetime(2026, 12, 31, 4, tzinfo=UTC),
        datetime(2027, 1, 1, 13, tzinfo=UTC),
        KARACHI,
        TimeStyle.HOURS,
    )
    assert new_year.date_text == "Thursday, 31 December 2026 – Friday, 1 January 2027"


def test_zone_is_the_events() -> None:
    london = timefmt.event_times(START, END, "Europe/London", TimeStyle.HOURS)
    assert london.start_time_text == "1200 hours"
    with pytest.raises(Exception, match="unknown time zone"):
        timefmt.event_times(START, END, "Mars/Olympus", TimeStyle.HOURS)


def test_his_excellency() -> None:
    assert names.salutation(N("H.E. Amb", "Khalid", "Khattak")) == "Your Excellency"
    assert names.salutation(N("", "A", "B", salutation="Your Excellency")) == "Your Excellency"


def _fold_as_written_before(text: str) -> str:
    """fold() as it was written before its table (a Python step per character): the reference."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(names._ARABIC_VARIANTS).casefold()


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(
        st.one_of(
            st.characters(),
            st.sampled_from("ÀéüßŉǅİıﬁΣςيىكـ\u200c\u200d\u2019\u2018\u02bc`ہ٘ٔ漢字한국"),
        )
    )
)
def test_fold_is_what_it_was_character_for_character(text: str) -> None:
    assert names.fold(text) == _fold_as_written_before(text)


def test_fold_drops_marks_and_reads_letter_variants_alike() -> None:
    assert names.fold("Müller") == names.fold("MULLER") == "muller"
    assert names.fold("علي") == names.fold("علی")  # Arabic yeh, Farsi yeh
    assert names.fold("O’Brien") == "o'brien"


# --- name order (issue s20, names) ---------------------------------------------------------


def test_a_romanised_name_written_family_name_first() -> None:
    wang = N("H.E.", "Yi", "Wang", name_order="family first")
    assert names.full_style(wang) == "H.E. Wang Yi"
    assert names.personal_name(wang) == "Wang Yi"
    assert names.short_style(wang) == "H.E. Wang"
    assert names.salutation(wang) == "Your Excellency"
    li = N("Dr.", "Wei", "Li", name_order="family first")
    assert names.salutation(li) == "Dear Dr Li"
    assert names.short_style(N("", "Viktor", "Orbán", name_order="family first")) == "Orbán Viktor"
    # The sort key is family name first whatever the order.
    assert names.sort_key(wang) == names.sort_key(N("H.E.", "Yi", "Wang")) == "wang, yi"
    # Without an order the script decides, as before.
    assert names.full_style(N("H.E.", "Yi", "Wang")) == "H.E. Yi Wang"
    assert names.personal_name(N("", "晓明", "王")) == "王晓明"
    assert names.personal_name(N("", "晓明", "王", name_order="given first")) == "晓明 王"


@settings(max_examples=200, deadline=None)
@given(
    given_name=st.sampled_from(["Yi", "Wei", "晓明", "Jong-un", "Viktor", "عائشہ", "Марина"]),
    family=st.sampled_from(["Wang", "Li", "王", "Kim", "Orbán", "رحمان", "Цветаева"]),
    order=st.sampled_from(["", "family first", "given first"]),
)
def test_the_order_decides_which_name_comes_first(given_name: str, family: str, order: str) -> None:
    person = N("", given_name, family, name_order=order)
    written = names.personal_name(person)
    cjk = names.is_cjk(given_name) and names.is_cjk(family)
    family_first = order == "family first" or (order == "" and cjk)
    first, second = (family, given_name) if family_first else (given_name, family)
    assert written in (f"{first} {second}", first + second)
    assert names.family_name_first(person) is family_first
