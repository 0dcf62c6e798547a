"""The report checker: finds every mention of a person linked to an event in a text.

It looks for each person's full style, personal name, short style, honorific + family name
("Senator Kamran", "Prof. Weinbaum", "General Owais"), given names, family name and
affiliation; case-, diacritic- and Urdu/Arabic-letter-variant-insensitive, as whole words,
across line breaks and runs of spaces ("Weinbaum's" is a mention; "quality" is not one of "Ali").

Matching is done on word tokens rather than with one regular expression per name: a scanner
is built once per event (a trie of every form's words) and then reads a text in one pass,
which is fast enough to highlight mentions live while an organiser types (see
docs/readme/policy.md for measured figures). Spans are offsets into the original text,
whatever folding did to it.

Deliberately not flagged: single-letter tokens ("M."), a lone Chinese/Japanese/Korean
character (a one-character family name is written inside other words all the time; the whole
name and honorific forms are still flagged), a few particles and name prefixes on their own
("al", "bin", "Syed", "Muhammad" — too common to mean one person), and the organisation's own
name as an affiliation (the host is always public). A form two people share (colleagues' one
affiliation) is read as the one the text may name, when one of them may be: it reveals no one
else (``NameScanner.scan``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol
from weakref import WeakKeyDictionary

from planner.findings import Finding, Severity
from planner.model.enums import AttributionRule

from .names import (
    NameParts,
    drop_retired,
    fold,
    full_style,
    personal_name,
    salutation_word,
    short_style,
)
from .source import SourceEvent, SourceOrganisation

if TYPE_CHECKING:
    from .rules import EventPolicy

REDACTED = "[withheld]"

# Why a span was flagged, in the order a form is preferred when one text fits several.
FULL_STYLE = "full name"
NAME = "name"
SHORT_STYLE = "short style"
HONORIFIC_FAMILY = "honorific + family name"
HONORIFIC_NAME = "honorific + name"
GIVEN_NAMES = "given names"
FAMILY_NAME = "family name"
GIVEN_NAME = "given name"
AFFILIATION = "affiliation"
EMAIL = "email address"

_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
# What may stand between the words of one name: spaces and line breaks, the dots of "Lt. Gen.",
# the brackets of "(R)", hyphens and apostrophes.
_NEWLINE = re.compile(r"\n")
_GAP = re.compile(r"[\s.()\-'\u2010\u2011@_+]*")  # (@, _ and + : between an address's words)

# Tokens too common to stand for one person on their own (they still count inside longer forms).
_GENERIC_TOKENS = frozenset(
    {
        "a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "by", "with",
        "de", "da", "di", "du", "la", "le", "van", "von", "der", "den",
        "al", "el", "bin", "ibn", "bint", "abu", "abdul", "abd",
        "syed", "sayed", "sayyid", "mian", "muhammad", "mohammad", "mohammed", "muhammed",
        "mohd", "md", "sheikh", "shaikh", "haji", "hafiz", "mir", "raja", "rana", "malik",
        "mr", "mrs", "ms", "dr", "prof", "sir",
        # Single-word "affiliations" that are no organisation at all.
        "independent", "retired", "freelance", "none", "na", "self", "private", "student",
    }
)  # fmt: skip

# Particles a family name may be written without.
_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "van", "von", "de", "da", "di", "du", "la", "le", "der",
     "den", "ul", "abu", "ould"}
)  # fmt: skip

# What a Chinese, Japanese or Korean text writes after a family name to mean one person:
# "王教授" (Professor Wang), "李博士", "김 교수". The family name alone is not flagged (see above).
_CJK_TITLES = (
    "教授", "博士", "先生", "女士", "老师", "老師", "大使", "部长", "部長", "将军", "將軍",
    "主任", "院长", "院長", "所长", "所長", "研究员", "研究員", "さん", "様", "氏",
    "교수", "박사", "님", "선생님", "대사",
)  # fmt: skip

_fold_char = lru_cache(maxsize=8192)(fold)
# Characters whose folded form is not one character long (a combining mark folds to nothing,
# "ß" to "ss"); filled in as they are met.
_CHANGES_LENGTH: set[str] = set()


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each character once and remembers it."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = _fold_char(ch)
        if len(value) != 1:
            _CHANGES_LENGTH.add(ch)
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, and for each folded character its index in ``text``."""
    if text.isascii():
        # The common case, and the one typed live: casefolding ASCII keeps every offset.
        return text.lower().replace("`", "'"), list(range(len(text)))
    folded = text.translate(_FOLD_TABLE)
    if _CHANGES_LENGTH.isdisjoint(text):
        # Most text folds one character to one (accents dropped from composed letters): the
        # offsets stay as they are.
        return folded, list(range(len(text)))
    pieces: list[str] = []
    index: list[int] = []
    for position, ch in enumerate(text):
        piece = _fold_char(ch)
        pieces.append(piece)
        index.extend([position] * len(piece))
    return "".join(pieces), index


@lru_cache(maxsize=65536)  # the same people's forms are indexed for every sheet and check
def tokens_of(text: str) -> tuple[str, ...]:
    folded = text.lower().replace("`", "'") if text.isascii() else text.translate(_FOLD_TABLE)
    return tuple(_TOKEN.findall(folded))


def _is_cjk(ch: str) -> bool:
    return _CJK_CHAR.fullmatch(ch) is not None


_CJK_CHAR = re.compile(rf"[{_CJK}]")


def _letters(token: str) -> int:
    return sum(1 for ch in token if ch.isalpha())


def _too_generic(form: tuple[str, ...]) -> bool:
    if not form:
        return True
    if len(form) > 1:
        return False
    (token,) = form
    return _letters(token) < 2 or token in _GENERIC_TOKENS or token.isdigit()


@dataclass(frozen=True, slots=True)
class Mention:
    """One span of a text that names or identifies a person linked to the event."""

    field: str  # "summary", "discussion", "recommendations[2]", "agenda[1].title" ...
    start: int  # offsets into the original text of that field
    end: int
    text: str  # the matched text as written
    person_id: int
    person_name: str  # full style, for the organiser
    why: str  # "family name", "affiliation", "honorific + family name" ...
    allowed: bool  # the person consented (or the rule allows naming)
    line: int  # 1-based, in the field's text
    column: int  # 1-based

    def where(self) -> str:
        return f"{self.field} {self.line}:{self.column}"

    def describe(self) -> str:
        """One line for the organiser: where, what, who and why."""
        state = "consented" if self.allowed else "has not consented"
        return (
            f"{self.where()}: \u201c{self.text}\u201d is the {self.why} of "
            f"{self.person_name}, who {state} to be named"
        )

    def describe_anonymously(self) -> str:
        """The same, naming no one: for documents whose audience may not learn who it was."""
        return f"{self.where()}: the {self.why} of someone who has not consented to be named"


@dataclass(frozen=True, slots=True)
class _Form:
    tokens: tuple[str, ...]
    person_id: int
    person_name: str
    why: str
    # Punctuation the written form ends with ("." of "Marvin G.", ")" of "HI (M)"): a span
    # includes it when the text has it, so a highlight covers the whole name.
    tail: str


class _Node:
    """A trie of forms by their words: scanning walks it once per word of the text."""

    __slots__ = ("children", "forms")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.forms: list[_Form] = []


class ScannedPerson(NameParts, Protocol):
    """What the scanner reads of a person: a ``Person`` row, or a form's values in the GUI."""

    @property
    def id(self) -> int: ...
    @property
    def affiliation(self) -> str: ...


_ARABIC_WORD = re.compile("[\u0600-\u06ff]")


@lru_cache(maxsize=64)
def _folded(text: str) -> str:
    return text.translate(_FOLD_TABLE)


def _without_proclitics(token: str) -> list[tuple[str, int]]:
    """A folded Arabic word without the particles written joined to its front, each with how
    many letters were taken off: wa-/fa- ("and"), then bi-/ka-/li- ("by", "as", "for"), and
    li- before al-, which drops the alef ("للهاشمي" is li + "الهاشمي"). Only what leaves a
    word of three letters or more."""
    found: list[tuple[str, int]] = []
    rest, cut = token, 0
    if rest[:1] in (_folded("و"), _folded("ف")):
        rest, cut = rest[1:], 1
        found.append((rest, cut))
    lam = _folded("ل")
    if rest[:2] == lam + lam:
        found.append((_folded("ا") + rest[1:], cut + 1))
    if rest[:1] in (_folded("ب"), _folded("ك"), lam):
        found.append((rest[1:], cut + 1))
    return [(word, taken) for word, taken in found if _letters(word) >= 3]


class NameScanner:
    """Finds mentions of a fixed set of people; build once, scan many texts."""

    def __init__(
        self,
        people: Iterable[ScannedPerson],
        *,
        allowed: Iterable[int] = (),
        exempt: Iterable[str] = (),
    ) -> None:
        self.allowed = frozenset(allowed)
        exempt_forms = {tokens_of(text) for text in exempt if text.strip()}
        self._root = _Node()
        self.person_names: dict[int, str] = {}
        for person in people:
            self._add_person(person, exempt_forms)

    def _add_person(self, person: ScannedPerson, exempt_forms: set[tuple[str, ...]]) -> None:
        name = full_style(person) or f"person {person.id}"
        self.person_names[person.id] = name
        seen: set[tuple[str, ...]] = set()

        def add(text: str, why: str) -> None:
            form = tokens_of(text)
            if form in seen or form in exempt_forms or _too_generic(form):
                return
            seen.add(form)
            tail = text.rstrip()[len(text.rstrip().rstrip(".)")) :]
            node = self._root
            for word in form:
                node = node.children.setdefault(word, _Node())
            node.forms.append(_Form(form, person.id, name, why, tail))

        given = " ".join(person.given_name.split())
        family = " ".join(person.family_name.split())
        surname = family or given
        add(full_style(person), FULL_STYLE)
        add(personal_name(person), NAME)
        add(short_style(person), SHORT_STYLE)
        given_tokens = given.split()
        names = [personal_name(person)]
        if given_tokens and family:
            names.append(f"{given_tokens[0]} {family}")  # "Marvin Weinbaum"
        if surname:
            honorific = " ".join(person.honorific.split())
            titles = [honorific, drop_retired(honorific), salutation_word(honorific)]
            # "Gen. Owais", "Dr Khan" out of "Lt. Gen." and "Brig Dr".
            titles += drop_retired(honorific).split()
            for title in dict.fromkeys(t for t in titles if t):
                add(f"{title} {surname}", HONORIFIC_FAMILY)
                for name_form in names:
                    add(f"{title} {name_form}", HONORIFIC_NAME)  # "Professor Marvin Weinbaum"
        if len(names) > 1:
            add(names[1], NAME)
        add(given, GIVEN_NAMES)
        add(family, FAMILY_NAME)
        if family and all(_is_cjk(ch) for ch in family):
            for title in _CJK_TITLES:
                add(f"{family}{title}", HONORIFIC_FAMILY)
        # Their own address identifies them as well as their name ("wang.xm@… sent slides").
        email = " ".join(str(getattr(person, "email", "") or "").split())
        if "@" in email:
            add(email, EMAIL)
        # "Al-Otaibi" is also written "Otaibi", "van der Berg" "Berg".
        family_tokens = list(tokens_of(family))
        while len(family_tokens) > 1 and family_tokens[0] in _PARTICLES:
            family_tokens.pop(0)
            add(" ".join(family_tokens), FAMILY_NAME)
        for token in given_tokens:
            add(token, GIVEN_NAME)
        affiliation = " ".join(person.affiliation.split())
        # "Middle East Institute (MEI)": also the acronym alone, and the name without it.
        variants = [affiliation, *re.findall(r"\(([^()]{2,20})\)", affiliation)]
        variants.append(re.sub(r"\s*\([^()]*\)", "", affiliation).strip())
        # The organisation's own people are affiliated with it, and its name is always public.
        if affiliation and not any(tokens_of(v) in exempt_forms for v in variants if v):
            for variant in variants:
                if variant:
                    add(variant, AFFILIATION)

    def _start(self, token: str) -> tuple[_Node | None, int]:
        """The trie node a text's word starts a form at, and how many of its letters come
        before the name: an Arabic word carries "and", "by", "for" joined to its front
        ("والهاشمي", "للهاشمي": li + al-), and was not read as the name it holds."""
        node = self._root.children.get(token)
        if node is not None or not _ARABIC_WORD.match(token):
            return node, 0
        for rest, cut in _without_proclitics(token):
            node = self._root.children.get(rest)
            if node is not None:
                return node, cut
        return None, 0

    def scan(self, text: str, field: str = "text") -> list[Mention]:
        """Every mention in ``text``, in order; overlapping forms give the longest match."""
        if not text or not self._root.children:
            return []
        folded, index = fold_with_map(text)
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]
        line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
        mentions: list[Mention] = []
        i, count = 0, len(tokens)
        while i < count:
            node, cut = self._start(tokens[i][2])
            best: tuple[int, list[_Form]] | None = None
            j = i
            # Walk the trie as far as the words go; the deepest complete form wins.
            while node is not None:
                if node.forms:
                    best = (j, node.forms)
                j += 1
                if j >= count or not node.children:
                    break
                gap_start, gap_end = tokens[j - 1][1], tokens[j][0]
                if not (gap_end - gap_start == 1 and folded[gap_start] == " ") and (
                    _GAP.fullmatch(folded, gap_start, gap_end) is None
                ):
                    break
                node = node.children.get(tokens[j][2])
            if best is None:
                i += 1
                continue
            last, forms = best
            # A form shared with someone the text may name (colleagues' one affiliation, a
            # family name two relatives bear) is read as theirs: the sheet prints it for them
            # anyway, so it reveals no one else.
            allowed = [form for form in forms if form.person_id in self.allowed]
            for form in allowed or forms:  # one per person sharing this form
                mentions.append(
                    self._mention(text, index, line_starts, tokens, i, last, form, field, cut)
                )
            i = last + 1
        return mentions

    def _mention(
        self,
        text: str,
        index: list[int],
        line_starts: list[int],
        tokens: list[tuple[int, int, str]],
        first: int,
        last: int,
        form: _Form,
        field: str,
        cut: int = 0,
    ) -> Mention:
        start = index[tokens[first][0] + cut]
        end = index[tokens[last][1] - 1] + 1
        if form.tail and text.startswith(form.tail, end):
            end += len(form.tail)
        line = bisect_right(line_starts, start)
        column = start - line_starts[line - 1] + 1
        return Mention(
            field=field,
            start=start,
            end=end,
            text=text[start:end],
            person_id=form.person_id,
            person_name=form.person_name,
            why=form.why,
            allowed=form.person_id in self.allowed,
            line=line,
            column=column,
        )

    def redact(self, text: str, field: str = "text") -> tuple[str, list[Mention]]:
        """``text`` with every mention of someone not allowed replaced by ``[withheld]``, and
        those mentions."""
        mentions = [mention for mention in self.scan(text, field) if not mention.allowed]
        if not mentions:
            return text, []
        pieces: list[str] = []
        position = 0
        for mention in mentions:
            if mention.start < position:
                continue  # the same span, flagged for a second person
            pieces.append(text[position : mention.start])
            pieces.append(REDACTED)
            position = mention.end
        pieces.append(text[position:])
        return "".join(pieces), mentions


@dataclass(frozen=True, slots=True)
class ReportCheck:
    """What the checker found in an event's report."""

    rule: str  # the event's AttributionRule value
    has_report: bool  # any report text written
    mentions: tuple[Mention, ...]  # every mention, allowed or not, in field order

    @property
    def may_publish(self) -> bool:
        """The rule allows a published report at all (not off the record)."""
        return self.rule != AttributionRule.OFF_THE_RECORD.value

    @property
    def unresolved(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if not m.allowed)

    @property
    def blocks_public_report(self) -> bool:
        """A written report that may not be published as it stands."""
        return self.has_report and (not self.may_publish or bool(self.unresolved))

    @property
    def refusal(self) -> str:
        """Why a published report is refused, one sentence; "" when it is not."""
        if not self.has_report:
            return ""
        if not self.may_publish:
            return "The event is off the record: no report may be published."
        count = len({m.person_id for m in self.unresolved})
        if count:
            who = "person who has" if count == 1 else "people who have"
            return (
                f"The report names or identifies {count} {who} not consented to be named; "
                "change the text or record their consent."
            )
        return ""


def _str(value: object) -> str:
    # Imported data may hold a number or null where text belongs.
    return "" if value is None else str(value)


def report_fields(event: SourceEvent) -> list[tuple[str, str]]:
    """The report's texts with the names findings use: summary, discussion, recommendations[i]."""
    fields = [
        ("summary", _str(event.report_summary)),
        ("discussion", _str(event.report_discussion)),
    ]
    fields.extend(
        (f"recommendations[{i + 1}]", _str(text))
        for i, text in enumerate(event.report_recommendations or [])
    )
    return fields


def heading_fields(event: SourceEvent) -> list[tuple[str, str]]:
    """What the report prints above its texts and in its running head: its title, short title
    and subtitle. The report's rule is stricter than the programme's (under the Chatham House
    Rule the programme names the cast, the report only those who consented), so these are
    checked with the report: "With Dr X and Prof. Y" once printed them on a public report."""
    return [
        ("title", _str(event.title)),
        ("short title", _str(event.short_title)),
        ("subtitle", _str(event.subtitle)),
    ]


def organisation_names(organisation: SourceOrganisation | None) -> list[str]:
    if organisation is None:
        return []
    return [name for name in (organisation.name, organisation.short_name) if name]


def report_scanner(policy: EventPolicy) -> NameScanner:
    """A scanner for everyone linked to the event, with the report's allowances."""
    return NameScanner(
        (link.person for link in policy.links.values()),
        allowed=[pid for pid in policy.links if policy.named_in_report(pid)],
        exempt=organisation_names(policy.organisation),
    )


def scanner_for_event(event: SourceEvent, organisation: SourceOrganisation | None) -> NameScanner:
    """The scanner the GUI keeps while an organiser edits the report (one per event)."""
    from .rules import EventPolicy

    return report_scanner(EventPolicy(event, organisation))


def check_text(
    event: SourceEvent, organisation: SourceOrganisation | None, text: str, field: str = "text"
) -> list[Mention]:
    """Mentions in any text, judged as the event's report would be."""
    return scanner_for_event(event, organisation).scan(text, field)


# One check per policy and report text: the public sheet, the attendees' sheet and the review
# of one ``planner check`` all ask for it, and scanning a long report is the slow part. Keyed by
# the texts too, so a report edited while a policy lives is scanned again, never trusted stale.
_CHECKS: WeakKeyDictionary[EventPolicy, tuple[list[tuple[str, str]], ReportCheck]] = (
    WeakKeyDictionary()
)


def check_report_with(policy: EventPolicy, scanner: NameScanner | None = None) -> ReportCheck:
    """The policy's report check; made once per policy and text unless a ``scanner`` is given."""
    event = policy.event
    texts = report_fields(event)
    fields = heading_fields(event) + texts
    cached = _CHECKS.get(policy) if scanner is None else None
    if cached is not None and cached[0] == fields:
        return cached[1]
    reader = scanner or report_scanner(policy)
    mentions = [m for name, text in fields for m in reader.scan(text, name)]
    check = ReportCheck(
        rule=event.attribution.value,
        has_report=any(text.strip() for _name, text in texts),
        mentions=tuple(mentions),
    )
    if scanner is None:
        _CHECKS[policy] = (fields, check)
    return check


def check_report(event: SourceEvent, organisation: SourceOrganisation | None) -> ReportCheck:
    """Check a loaded event's report (summary, discussion, recommendations)."""
    from .rules import EventPolicy

    return check_report_with(EventPolicy(event, organisation))


def report_findings(event: SourceEvent, organisation: SourceOrganisation | None) -> list[Finding]:
    """The report's unresolved mentions as check findings (one each), for ``planner check``.

    Also a single ERROR when a report is written for an event held off the record.
    """
    return check_findings(check_report(event, organisation), event.id)


def check_findings(check: ReportCheck, event_id: int) -> list[Finding]:
    """A report check as findings: an ERROR for a report of an event held off the record, and
    one for each mention no consent covers."""
    findings: list[Finding] = []
    if check.has_report and not check.may_publish:
        findings.append(
            Finding(
                severity=Severity.ERROR,
                code="report_off_the_record",
                message=check.refusal,
                event_ids=(event_id,),
            )
        )
    findings.extend(
        Finding(
            severity=Severity.ERROR,
            code="report_mention",
            message=mention.describe(),
            event_ids=(event_id,),
            person_ids=(mention.person_id,),
        )
        for mention in check.unresolved
    )
    return findings
