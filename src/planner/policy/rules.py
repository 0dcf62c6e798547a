"""The attribution rules and what each audience may be told under them (DOMAIN.md).

The decisions, in one place:

- **Organisers** see everyone and everything.
- **Attendees** (the printed programme on the seats) see the cast: everyone with a programme
  role or an agenda part. Other participants are named only when the person consented or the
  whole event is on the record.
- **Public** (web announcement, public programme, published report, public .ics) may name a
  person of the programme when the part they take is on the record; under the Chatham House
  Rule when the organisation names its cast publicly (``name_cast_publicly_under_chatham_house``)
  and the event does not withhold them (``Event.name_cast_publicly`` False: the stricter wins),
  and the part is not a Chatham House section carved out of an event held under another rule;
  under not for attribution and off the record never. A person who takes agenda parts is
  judged by those parts (all of them must allow it: the most protected wins), otherwise by the
  event's rule. People outside the programme (invitees, participants, observers, the
  organisers' own staff) are named publicly only when they consented or the whole event is
  on the record. Consent (per person, per event) names a person everywhere.
- Anyone not named is **described**: by the description the organiser wrote for them
  (``Consent.description``, "a former diplomat"), else by a neutral "a speaker" / "a
  participant" (which the checks report, so the organiser can write a better one).
- **The report** is one text about the whole event: unless every part of it was on the record,
  it may name only people who consented, and a published report is refused while it mentions
  anyone else (by name, family name, honorific form or affiliation). Off the record, no report
  is published at all.
- **Invitations** (the calendar entry of a REQUEST or CANCEL, the .ics in each invitation draft)
  name their own recipient and the organiser. The list of who else is asked is a participant
  list: an invitation may show it only when the whole event is on the record, and then only
  the people who consented to be named (``listed_on_invitations``); under any other rule each
  invitee gets a copy that names no one else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.model.enums import CAST_ROLES, AttributionRule, PaperSize, Role, TimeStyle
from planner.model.labels import INVITATION_LABELS, ROLE_LABELS, ROLE_PLURALS, RULE_LABELS
from planner.zones import FALLBACK_ZONE, held_in

from .sheet import Audience, Notice
from .source import SourceEvent, SourceOrganisation, SourcePerson

# The Chatham House Rule as refined in 2002, to be printed verbatim.
CHATHAM_HOUSE_RULE_TEXT = (
    "When a meeting, or part thereof, is held under the Chatham House Rule, participants are "
    "free to use the information received, but neither the identity nor the affiliation of the "
    "speaker(s), nor that of any other participant, may be revealed."
)

NOT_FOR_ATTRIBUTION_TEXT = (
    "What is said may be reported, but no speaker or participant may be identified; a source "
    "may be described only in the words the organisers have agreed with them."
)

OFF_THE_RECORD_TEXT = (
    "Nothing said here may be reported or published; notes are for the organisers' internal "
    "use only."
)

ON_THE_RECORD_TEXT = (
    "This part is on the record: what is said may be reported and attributed by name."
)

RULE_TEXTS: dict[AttributionRule, str] = {
    AttributionRule.ON_THE_RECORD: ON_THE_RECORD_TEXT,
    AttributionRule.CHATHAM_HOUSE: CHATHAM_HOUSE_RULE_TEXT,
    AttributionRule.NOT_FOR_ATTRIBUTION: NOT_FOR_ATTRIBUTION_TEXT,
    AttributionRule.OFF_THE_RECORD: OFF_THE_RECORD_TEXT,
}

# The rule as the end of a sentence: "the event is now off the record".
RULE_PHRASES: dict[AttributionRule, str] = {
    AttributionRule.ON_THE_RECORD: "on the record",
    AttributionRule.CHATHAM_HOUSE: "under the Chatham House Rule",
    AttributionRule.NOT_FOR_ATTRIBUTION: "not for attribution",
    AttributionRule.OFF_THE_RECORD: "off the record",
}

# The sentence printed under an agenda item held under a rule other than the event's: each
# rule has its own wording ("Held under the On the record" reads as nonsense).
PART_RULE_SENTENCES: dict[AttributionRule, str] = {
    AttributionRule.ON_THE_RECORD: "This part is on the record.",
    AttributionRule.CHATHAM_HOUSE: "This part is held under the Chatham House Rule.",
    AttributionRule.NOT_FOR_ATTRIBUTION: "This part is not for attribution.",
    AttributionRule.OFF_THE_RECORD: "This part is off the record.",
}

# A participant's line in the participants list: their invitation's answer, or "Cast" for
# someone in the programme who was never sent an invitation.
PARTICIPANT_STATUS_LABELS: dict[str, str] = {
    **{status.value: label for status, label in INVITATION_LABELS.items()},
    "cast": "Cast",
}

# Roles described as "a speaker" when no description was written; anyone else is "a participant".
SPEAKING_ROLES = frozenset({Role.KEYNOTE, Role.SPEAKER, Role.DISCUSSANT, Role.GUEST_OF_HONOUR})
FALLBACK_SPEAKER = "a speaker"
FALLBACK_PARTICIPANT = "a participant"


def rule_label(rule: AttributionRule) -> str:
    return RULE_LABELS[rule]


def role_label(role: Role, *, plural: bool = False) -> str:
    return ROLE_PLURALS[role] if plural else ROLE_LABELS[role]


def withheld_text(counts: list[tuple[Role, int]]) -> str:
    """People withheld from an audience as one line, by role in the order given.

    ``[(CHAIR, 1), (SPEAKER, 4)]`` -> "Chair and 4 speakers, names withheld under the rule";
    "" when nobody is withheld. Says how many, never who.
    """
    phrases = [
        role_label(role).lower()
        if count == 1
        else f"{count} {role_label(role, plural=True).lower()}"
        for role, count in counts
        if count
    ]
    if not phrases:
        return ""
    listed = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
    total = sum(count for _role, count in counts)
    names = "name" if total == 1 else "names"
    return f"{listed[0].upper()}{listed[1:]}, {names} withheld under the rule"


def notice(rule: AttributionRule, scope: str = "") -> Notice:
    """The notice to print for ``rule``: the Chatham House Rule verbatim, else a plain sentence."""
    return Notice(rule=rule.value, title=RULE_LABELS[rule], text=RULE_TEXTS[rule], scope=scope)


def public_may_name(rule: AttributionRule, *, carved_out: bool, name_cast_publicly: bool) -> bool:
    """May a public document name a person who takes a part held under ``rule``?

    ``carved_out``: the part overrides the event's rule. A Chatham House panel inside an
    on-the-record event was set apart precisely to protect its people, so the organisation's
    habit of naming its Chatham House cast does not reach it.
    """
    if rule == AttributionRule.ON_THE_RECORD:
        return True
    if rule == AttributionRule.CHATHAM_HOUSE:
        return name_cast_publicly and not carved_out
    return False


def default_organisation() -> SourceOrganisation:
    """An organisation with every default filled in (an empty database has none yet)."""
    return SourceOrganisation(
        name="",
        short_name="",
        address="",
        website="",
        email="",
        phone="",
        logo_path="",
        brand_colour="#1F4E79",
        paper_size=PaperSize.A4,
        time_zone=FALLBACK_ZONE,
        time_style=TimeStyle.HOURS,
        name_cast_publicly_under_chatham_house=True,
        language="en",
    )


@dataclass
class Link:
    """How one person is linked to the event."""

    person: SourcePerson
    cast_roles: list[Role] = field(default_factory=list)  # programme roles (CAST_ROLES)
    other_roles: list[Role] = field(default_factory=list)  # participant, observer, organiser
    # (agenda item id, role, rule in force, whether that rule overrides the event's)
    parts: list[tuple[int, Role, AttributionRule, bool]] = field(default_factory=list)
    invitation_status: str | None = None
    attended: bool | None = None
    may_be_named: bool = False
    description: str = ""

    @property
    def is_cast(self) -> bool:
        return bool(self.cast_roles or self.parts)

    @property
    def main_role(self) -> Role | None:
        """The role that describes them best: the first programme role, else their first part."""
        if self.cast_roles:
            return self.cast_roles[0]
        if self.parts:
            return self.parts[0][1]
        if self.other_roles:
            return self.other_roles[0]
        return None


def item_rule(
    event: SourceEvent, item_attribution: AttributionRule | None
) -> tuple[AttributionRule, bool]:
    """The rule in force for an agenda item, and whether it differs from the event's."""
    if item_attribution is None:
        return event.attribution, False
    return item_attribution, item_attribution != event.attribution


class EventPolicy:
    """The attribution decisions for one loaded event (see the module docstring)."""

    def __init__(self, event: SourceEvent, organisation: SourceOrganisation | None) -> None:
        self.event = event
        self.organisation = organisation if organisation is not None else default_organisation()
        self.rule = event.attribution
        # The stricter of the organisation's setting and the event's own (Event.name_cast_publicly).
        self.name_cast_publicly = bool(
            self.organisation.name_cast_publicly_under_chatham_house
        ) and (event.name_cast_publicly is not False)
        # The event's zone; an event imported without one is held in the organisation's.
        self.time_zone = held_in(event.time_zone, self.organisation.time_zone)
        self.links: dict[int, Link] = {}
        self._collect()
        item_rules = [item_rule(event, item.attribution)[0] for item in event.agenda]
        # The report covers the whole event; only a wholly on-the-record event may name freely.
        self.wholly_on_the_record = all(
            rule == AttributionRule.ON_THE_RECORD for rule in [self.rule, *item_rules]
        )

    def _link(self, person: SourcePerson) -> Link:
        link = self.links.get(person.id)
        if link is None:
            link = self.links[person.id] = Link(person=person)
        return link

    def _collect(self) -> None:
        event = self.event
        for participation in event.participations:
            link = self._link(participation.person)
            roles = link.cast_roles if participation.role in CAST_ROLES else link.other_roles
            if participation.role not in roles:
                roles.append(participation.role)
        # Programme order: CAST_ROLES order, then as entered.
        for link in self.links.values():
            link.cast_roles.sort(key=CAST_ROLES.index)
        for item in event.agenda:
            rule, carved_out = item_rule(event, item.attribution)
            for agenda_person in item.people:
                link = self._link(agenda_person.person)
                link.parts.append((item.id, agenda_person.role, rule, carved_out))
        for invitation in event.invitations:
            link = self._link(invitation.person)
            link.invitation_status = invitation.status.value
            link.attended = invitation.attended
        for consent in event.consents:
            if consent.person_id in self.links:
                link = self.links[consent.person_id]
            else:
                # Consent recorded for someone not (or no longer) linked: keep it, it is harmless.
                link = self._link(consent.person)
            link.may_be_named = bool(consent.may_be_named)
            link.description = " ".join((consent.description or "").split())

    # --- who may be named where -------------------------------------------------------------

    def named_in_report(self, person_id: int) -> bool:
        """May a report read outside the organisers' office name this person?"""
        link = self.links.get(person_id)
        return self.wholly_on_the_record or (link is not None and link.may_be_named)

    def named_for(self, person_id: int, audience: Audience) -> bool:
        """May a document for ``audience`` name this person (programme, lists, free text)?"""
        if audience == Audience.ORGANISERS:
            return True
        link = self.links.get(person_id)
        if link is None:
            return False
        if link.may_be_named or self.wholly_on_the_record:
            return True
        if audience == Audience.ATTENDEES:
            # The programme on the seats names the cast: everyone in the room sees them anyway.
            return link.is_cast
        if link.parts:
            return all(
                public_may_name(rule, carved_out=carved, name_cast_publicly=self.name_cast_publicly)
                for _item, _role, rule, carved in link.parts
            )
        if link.cast_roles:
            return public_may_name(
                self.rule, carved_out=False, name_cast_publicly=self.name_cast_publicly
            )
        return False

    def listed_on_invitations(self, person_id: int) -> bool:
        """May every invitation to the event list this person among the invitees?"""
        link = self.links.get(person_id)
        # A part held under another rule is a room whose attendee list is not circulated, so
        # only a wholly on-the-record event shares its list, and only with consent.
        return link is not None and self.wholly_on_the_record and link.may_be_named

    def description(self, person_id: int, role: Role | None = None) -> tuple[str, bool]:
        """How to describe someone who may not be named, and whether that is a neutral fallback."""
        link = self.links.get(person_id)
        if link is not None and link.description:
            return link.description, False
        role = role if role is not None else (link.main_role if link is not None else None)
        return (FALLBACK_SPEAKER if role in SPEAKING_ROLES else FALLBACK_PARTICIPANT), True

    def hidden_from(self, audience: Audience) -> list[Link]:
        return [link for pid, link in self.links.items() if not self.named_for(pid, audience)]

    def shown_to(self, audience: Audience) -> list[Link]:
        return [link for pid, link in self.links.items() if self.named_for(pid, audience)]
