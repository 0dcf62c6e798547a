"""Names styled the way a policy institute writes them, in any script.

- full style for programmes and badges: ``Lt. Gen. (R) Syed Muhammad Owais HI (M)``
- short style for table tents: ``Lt. Gen. Owais`` (retirement markers dropped)
- salutation for letters: ``Dear General Owais``
- sort key: family name first, honorifics ignored, case and diacritics folded

Everything works on :class:`NameParts`, a small protocol a ``Person`` row, an import record or a
form's field values all satisfy, so the GUI can style a name while it is being typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from planner.folding import ARABIC_VARIANTS as _ARABIC_VARIANTS
from planner.folding import fold as fold
from planner.folding import is_cjk as is_cjk


class WrittenName(Protocol):
    """What a name is written from in a list or a sentence (a directory row, a query's
    columns): the styles below need no more. Every :class:`NameParts` is one."""

    @property
    def honorific(self) -> str: ...
    @property
    def given_name(self) -> str: ...
    @property
    def family_name(self) -> str: ...
    @property
    def post_nominals(self) -> str: ...
    @property
    def name_order(self) -> str: ...  # model.enums.NameOrder's value; "" follows the script


class NameParts(WrittenName, Protocol):
    @property
    def short_style(self) -> str: ...
    @property
    def salutation(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Name:
    """Name parts that are not a person row: a query's columns, a form's fields."""

    honorific: str = ""
    given_name: str = ""
    family_name: str = ""
    post_nominals: str = ""
    short_style: str = ""
    salutation: str = ""
    name_order: str = ""


# "(R)", "(Retd)", "(Retd.)", "Retd." mark a retired officer: right on a programme, wrong on a
# table tent or in a letter's salutation.
# Urdu writes the same marker "(ر)" or "(ریٹائرڈ)".
_RETIRED = re.compile(r"\(\s*(?:r|retd?\.?|retired|ر|ریٹائرڈ)\s*\)|\bretd\.(?!\w)", re.IGNORECASE)


# Honorific words, as written, to the word a salutation uses. The first recognised word of the
# honorific wins ("Brig Dr M. Khan" is "Dear Brigadier Khan"), and multi-word ranks are tried
# before their parts ("Lt. Gen." before "Gen.").
_SALUTATION_WORDS: tuple[tuple[str, str], ...] = (
    (r"lt\.?\s*gen(?:eral)?\.?", "General"),
    (r"lieutenant\s+general", "General"),
    (r"maj(?:or)?\.?\s*gen(?:eral)?\.?", "General"),
    (r"gen(?:eral)?\.?", "General"),
    (r"air\s+chief\s+marshal", "Air Chief Marshal"),
    (r"air\s+marshal", "Air Marshal"),
    (r"air\s+vice\s+marshal", "Air Vice Marshal"),
    (r"air\s+cdre\.?|air\s+commodore", "Air Commodore"),
    (r"vice\s+adm(?:iral)?\.?|rear\s+adm(?:iral)?\.?|adm(?:iral)?\.?", "Admiral"),
    (r"brig(?:adier)?\.?(?:\s+gen(?:eral)?\.?)?", "Brigadier"),
    (r"lt\.?\s*col(?:onel)?\.?|col(?:onel)?\.?", "Colonel"),
    (r"cdre\.?|commodore", "Commodore"),
    (r"capt(?:ain)?\.?", "Captain"),
    (r"maj(?:or)?\.?", "Major"),
    (r"amb(?:assador)?\.?", "Ambassador"),
    (r"h\.?\s*e\.?|his\s+excellency|her\s+excellency", "Excellency"),
    (r"senator|sen\.", "Senator"),
    (r"justice", "Justice"),
    (r"prof(?:essor)?\.?", "Professor"),
    (r"dr\.?|doctor", "Dr"),
    (r"mr\.?", "Mr"),
    (r"mrs\.?", "Mrs"),
    (r"ms\.?", "Ms"),
    (r"miss", "Miss"),
    # The same titles written in Urdu, Arabic and Chinese: the letter is in English, so
    # "ڈاکٹر" + "قریشی" is "Dear Dr قریشی", as "Dr" + "Qureshi" is "Dear Dr Qureshi". Arabic
    # spellings are matched after folding (Arabic kaf and yeh as the Urdu letters).
    (r"لیفٹیننٹ\s+جنرل|میجر\s+جنرل|جنرل|الفریق(?:\s+أول)?|اللواء|لواء|فریق", "General"),
    (r"ایئر\s+مارشل|ائیر\s+مارشل", "Air Marshal"),
    (r"ایڈمرل|الأدمیرال|أدمیرال", "Admiral"),
    (r"بریگیڈیئر|بریگیڈیر|العمید|عمید", "Brigadier"),
    (r"لیفٹیننٹ\s+کرنل|کرنل|العقید|عقید", "Colonel"),
    (r"کموڈور", "Commodore"),
    (r"کیپٹن", "Captain"),
    (r"میجر", "Major"),
    (r"سفیر|السفیر|سفیرة|السفیرة", "Ambassador"),
    (r"سینیٹر|السیناتور", "Senator"),
    (r"جسٹس|القاضی", "Justice"),
    (r"الأستاذ\s+الدکتور|الأستاذة\s+الدکتورة|أ\.\s*د\.?|پروفیسر|البروفیسور|بروفیسور", "Professor"),
    (r"ڈاکٹر|الدکتورة?|دکتورة?|د\.", "Dr"),
    (r"جناب|السید", "Mr"),
    (r"بیگم", "Mrs"),
    (r"محترمہ|السیدة", "Ms"),
    (r"上将|中将|少将|将军", "General"),
    (r"大校|上校|中校", "Colonel"),
    (r"准将", "Brigadier"),
    (r"大使", "Ambassador"),
    (r"教授", "Professor"),
    (r"博士|医生", "Dr"),
    (r"先生", "Mr"),
    (r"女士", "Ms"),
)


@cache  # compiled on first use: a programme for attendees never asks (5-10 ms of a render)
def _salutation_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    # Chinese writes titles without spaces ("教授" before or after the name), so no word
    # boundary is asked after them; every other title must end where a word ends.
    return tuple(
        (
            re.compile(
                rf"(?:{pattern.translate(_ARABIC_VARIANTS)})"
                + ("" if is_cjk(pattern) else r"(?!\w)"),
                re.IGNORECASE,
            ),
            word,
        )
        for pattern, word in _SALUTATION_WORDS
    )


def _clean(text: str) -> str:
    return " ".join(text.split())


# ``Person.name_order`` values (model.enums.NameOrder, which policy reads as plain text).
FAMILY_FIRST = "family first"
GIVEN_FIRST = "given first"


def family_name_first(person: WrittenName) -> bool:
    """Whether the family name is written first: as the person's name order says, else as the
    script writes it (Chinese, Japanese and Korean characters family first: 王伟)."""
    order = _clean(person.name_order or "")
    if order in (FAMILY_FIRST, GIVEN_FIRST):
        return order == FAMILY_FIRST
    return is_cjk(person.given_name) and is_cjk(person.family_name)


def personal_name(person: WrittenName) -> str:
    """Given and family names without honorific or post-nominals (``Marvin G. Weinbaum``).

    Family name first when :func:`family_name_first` says so (``Wang Yi`` for a person whose
    family name is Wang); Chinese, Japanese and Korean names without a space (王伟).
    """
    given, family = _clean(person.given_name), _clean(person.family_name)
    if not (given and family):
        return given or family
    if not family_name_first(person):
        return f"{given} {family}"
    return family + given if is_cjk(given) and is_cjk(family) else f"{family} {given}"


def full_style(person: WrittenName) -> str:
    """``Lt. Gen. (R) Syed Muhammad Owais HI (M)``: for programmes, badges and lists."""
    parts = (_clean(person.honorific), personal_name(person), _clean(person.post_nominals))
    return " ".join(part for part in parts if part)


def sentence_style(person: WrittenName) -> str:
    """``Senator Sehar Kamran``, ``王伟``: a name in the middle of a sentence (a finding, a
    message), without post-nominals."""
    return " ".join(part for part in (_clean(person.honorific), personal_name(person)) if part)


def drop_retired(honorific: str) -> str:
    """``Lt. Gen. (R)`` -> ``Lt. Gen.``"""
    return _clean(_RETIRED.sub(" ", honorific))


def _surname(person: NameParts) -> str:
    # A person known by one name keeps it; the family name is what short forms use.
    return _clean(person.family_name) or _clean(person.given_name)


def short_style(person: NameParts) -> str:
    """``Lt. Gen. Owais``, ``Senator Kamran``, ``Prof. Weinbaum``: for table tents.

    The person's own short style wins; without an honorific the personal name is used whole
    (``Shah Mehmood Qureshi``), since a bare family name on a table tent reads as rude.
    """
    own = _clean(person.short_style)
    if own:
        return own
    honorific = drop_retired(person.honorific)
    if not honorific:
        return personal_name(person)
    surname = _surname(person)
    return " ".join(part for part in (honorific, surname) if part)


def salutation_word(honorific: str) -> str:
    """The word a letter uses for an honorific: ``Lt. Gen. (R)`` -> ``General``, ``ڈاکٹر``
    -> ``Dr``; "" if unknown."""
    text = drop_retired(honorific).translate(_ARABIC_VARIANTS)
    position = 0
    while position < len(text):
        for pattern, word in _salutation_patterns():
            if pattern.match(text, position):
                return word
        # Skip to the next word of the honorific.
        next_space = text.find(" ", position)
        if next_space < 0:
            break
        position = next_space + 1
    return ""


def salutation(person: NameParts) -> str:
    """``Dear General Owais``; the person's own salutation when set.

    Without a recognised title the letter says ``Dear <given> <family>``: guessing Mr or Ms
    from a name is wrong too often to be polite.
    """
    own = _clean(person.salutation)
    if own:
        # A full greeting ("Dear Tony", "Your Excellency") is used as written.
        return own if own.casefold().startswith(("dear ", "your ")) else f"Dear {own}"
    word = salutation_word(person.honorific)
    surname = _surname(person)
    if word == "Excellency":
        return "Your Excellency"
    if word and surname:
        return f"Dear {word} {surname}"
    name = personal_name(person)
    return f"Dear {name}" if name else "Dear Sir or Madam"


def sort_key(person: WrittenName) -> str:
    """Family name, then given names; honorifics ignored; case and diacritics folded.

    ``Müller`` sorts with ``Muller``; a person with only one name sorts by it.
    """
    family = _clean(person.family_name)
    given = _clean(person.given_name)
    key = f"{family}, {given}" if family and given else family or given
    return fold(key)
