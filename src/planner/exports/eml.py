"""Email drafts (.eml, RFC 5322) rendered from sheets with the standard library's ``email``.

The program has no mail server: it writes drafts that the organiser opens in their own mail
client, checks and sends. ``X-Unsent: 1`` makes Outlook open a file as an editable draft.

Safety: every address is an :class:`email.headerregistry.Address` built from a display name with
its line breaks and control characters removed and an address checked against a plain
``local@domain`` pattern, so a name holding a newline or a comma can neither start a header nor
add a recipient.

Headers that hold people's text (From, To, Bcc, Subject, attachment names) are encoded and
folded by :mod:`.mime_words`, not by the standard library's folder, so every reader (Python,
mblaze, munpack, ripmime, the mail clients) decodes the same names: whole words per encoded
word, the spaces between words kept, one file name per attachment (RFC 2231 where it is not
plain ASCII). They are stored with ``set_raw`` and written as they are (``message_bytes``).
"""

from __future__ import annotations

import email.policy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from planner.errors import PlannerError, PolicyRefusal
from planner.policy.sheet import Audience, PersonEntry, Sheet

from . import mime_words
from .ics import valid_email
from .text import (
    ascii_slug,
    cast_lines,
    event_summary_lines,
    isolate_rtl,
    notice_paragraphs,
    one_line,
    rule_sentence,
    series_note,
)

# Outlook's own header for a message's sensitivity; Thunderbird and Apple Mail ignore it, so the
# subject and the first line of the body say CONFIDENTIAL as well.
SENSITIVITY_HEADER = "Sensitivity"
# Where a header holds a name, keep it to a length every client displays.
_NAME_LIMIT = 200
_SUBJECT_LIMIT = 250
_FILENAME_LIMIT = 150
# Characters no file name may hold on Windows, macOS or Linux: a client saving the attachment
# would otherwise refuse it or cut the name at a colon.
_FILENAME_UNSAFE = str.maketrans({ch: "-" for ch in '<>:"/\\|?*'})
# The Message-ID's right-hand side when the organisation has no address: never a lookup of
# this machine's name (the program does not use the network).
_FALLBACK_DOMAIN = "planner.invalid"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file to attach: ``filename`` is the name as people read it (may be any script)."""

    filename: str
    content: bytes
    maintype: str
    subtype: str
    # Extra Content-Type parameters. A calendar part's "method" is read from the file itself
    # (its METHOD); one given here must agree with it.
    params: tuple[tuple[str, str], ...] = ()


def address_of(name: str, addr: str) -> Address | None:
    """A header-safe address, or None when ``addr`` is not a plain ``local@domain.tld``."""
    addr = addr.strip()
    if not valid_email(addr):
        return None
    local, _, domain = addr.rpartition("@")
    return Address(display_name=one_line(name, limit=_NAME_LIMIT), username=local, domain=domain)


def attachment_filename(filename: str) -> str:
    """The name a reader saves the file under: the name as people read it, in any script, with
    the characters no file system accepts replaced; an ASCII slug when nothing is left."""
    name = one_line(filename.translate(_FILENAME_UNSAFE), limit=_FILENAME_LIMIT)
    name = name.strip(" .")
    return name or ascii_slug(filename, fallback="attachment")


def _set_addresses(message: EmailMessage, header: str, addresses: Sequence[Address]) -> None:
    del message[header]
    message.set_raw(header, mime_words.address_list(header, addresses))


def _calendar_method(content: bytes) -> str:
    """The METHOD property of an iCalendar file ("" when it has none)."""
    for line in content.decode("utf-8", "replace").splitlines():
        name, colon, value = line.partition(":")
        if colon and name.strip().upper() == "METHOD":
            return value.strip().upper()
    return ""


def _attach(message: EmailMessage, attachment: Attachment) -> None:
    params = dict(attachment.params)
    if attachment.maintype == "text":
        # Renderers write UTF-8: without the charset a reader guesses (Latin-1 or ASCII).
        params["charset"] = "utf-8"
    if (attachment.maintype, attachment.subtype) == ("text", "calendar"):
        # A calendar part's method parameter must be its own METHOD, or Outlook and Gmail
        # treat an invitation as a plain file (RFC 6047, 2.4).
        method = _calendar_method(attachment.content)
        given = params.get("method", "").upper()
        if given and given != method:
            raise PlannerError(f"calendar part says method={given} but the file says {method}")
        if method:
            params["method"] = method
    message.add_attachment(
        attachment.content,
        maintype=attachment.maintype,
        subtype=attachment.subtype,
        params=params,
    )
    part = list(message.iter_attachments())[-1]
    encoding = str(part["Content-Transfer-Encoding"])
    # One name per part, the same in Content-Type's name (what old Outlook versions use) and
    # Content-Disposition's filename (what current readers use). Content-Type comes first:
    # ripmime, reading a Content-Disposition before it, carried one part's RFC 2231 name over
    # into the next part's.
    name = attachment_filename(attachment.filename)
    extra = [f'{key}="{value}"' for key, value in params.items()]
    content_type = mime_words.parameter_header(
        part.get_content_type(), [*extra, *mime_words.name_parameters("name", name)]
    )
    disposition = mime_words.parameter_header(
        "attachment", mime_words.name_parameters("filename", name)
    )
    for header in set(part.keys()):
        del part[header]
    part.set_raw("Content-Type", content_type)
    part.set_raw("Content-Transfer-Encoding", encoding)
    part.set_raw("Content-Disposition", disposition)


def _finish(
    message: EmailMessage,
    sheet: Sheet,
    paragraphs: list[str],
    attachments: Sequence[Attachment],
) -> EmailMessage:
    """The message with its body (the paragraphs and the organisation's signature) and files."""
    message.set_content(_body([*paragraphs, _signature(sheet)]), cte="quoted-printable")
    for attachment in attachments:
        _attach(message, attachment)
    return message


def _new_message(sheet: Sheet, subject: str, now: datetime | None) -> EmailMessage:
    message = EmailMessage(policy=email.policy.SMTP)
    org = sheet.organisation
    sender = address_of(org.name, org.email)
    if sender is not None:
        _set_addresses(message, "From", [sender])
    message.set_raw(
        "Subject", mime_words.unstructured("Subject", one_line(subject, limit=_SUBJECT_LIMIT))
    )
    message["Date"] = format_datetime((now or datetime.now(UTC)).astimezone(UTC))
    domain = sender.domain if sender is not None else _FALLBACK_DOMAIN
    message["Message-ID"] = make_msgid(domain=domain)
    message["X-Unsent"] = "1"
    return message


def _signature(sheet: Sheet) -> str:
    org = sheet.organisation
    lines = ["Yours sincerely,", "", one_line(org.name)]
    lines += [one_line(x) for x in (org.address, org.phone, org.email, org.website) if x]
    return "\n".join(line for line in lines)


def _body(paragraphs: Sequence[str]) -> str:
    # A right-to-left name in an English sentence is isolated ("Dear Dr \u2068احمد\u2069,").
    return isolate_rtl("\n\n".join(p for p in paragraphs if p) + "\n")


def _salutation(person: PersonEntry) -> str:
    if person.salutation:
        return one_line(person.salutation) + ","
    if person.name:
        return f"Dear {one_line(person.name)},"
    return "Dear colleague,"


def _joint_salutation(people: Sequence[PersonEntry]) -> str:
    """ "Dear Ambassador Khattak, General Owais and Brigadier Khan"; "Dear colleagues" for more
    than three (a long string of names reads as a mail merge)."""
    if len(people) == 1:
        return _salutation(people[0]).rstrip(",")
    if not 1 < len(people) <= 3:
        return "Dear colleagues"
    names = [_salutation(p).rstrip(",").removeprefix("Dear ") for p in people]
    return "Dear " + ", ".join(names[:-1]) + " and " + names[-1]


def _event_kind(sheet: Sheet) -> str:
    return (sheet.format_label or "event").lower()


def _invitee_message(
    sheet: Sheet, invitee: PersonEntry, subject: str, now: datetime | None
) -> EmailMessage:
    """A message to one invitee about the event of ``sheet`` (the attendees' sheet: what the
    text may say); ``invitee`` comes from the organisers' sheet (address and salutation)."""
    if sheet.audience is Audience.ORGANISERS:
        raise PlannerError("an invitation is written from the attendees' sheet")
    message = _new_message(sheet, subject, now)
    recipient = address_of(invitee.name, invitee.email)
    if recipient is not None:
        _set_addresses(message, "To", [recipient])
    return message


# An organisation named by what it is ("Centre for Pakistan and Gulf Studies") takes "the" in
# a sentence; one named by a proper name ("Brookings", "CPGS") does not.
_COMMON_FIRST_WORDS = frozenset(
    [
        "academy",
        "association",
        "center",
        "centre",
        "commission",
        "council",
        "department",
        "foundation",
        "forum",
        "institute",
        "ministry",
        "network",
        "office",
        "programme",
        "program",
        "school",
        "society",
    ]
)


def organisation_in_sentence(name: str) -> str:
    """ "the Centre for Pakistan and Gulf Studies", "Chatham House", "the organisers"."""
    name = one_line(name)
    if not name:
        return "the organisers"
    first = name.split()[0].casefold()
    return f"the {name}" if first in _COMMON_FIRST_WORDS else name


def _on_behalf(sheet: Sheet) -> str:
    """ "On behalf of the Centre for Pakistan and Gulf Studies" (the organisation's name)."""
    return f"On behalf of {organisation_in_sentence(sheet.organisation.name)}"


def _event_paragraphs(sheet: Sheet, attachments: Sequence[Attachment], reply: str) -> list[str]:
    """What every message to an invitee says of the event: when and where, the cast, the
    rule's notice, what is attached, and how to answer."""
    paragraphs = ["\n".join(event_summary_lines(sheet))]
    cast = cast_lines(sheet)
    if cast:
        paragraphs.append("\n".join(cast))
    notices = notice_paragraphs(sheet)
    if notices:
        paragraphs.append(rule_sentence(sheet, past=False))
        paragraphs.extend(notices)
    attached = []
    if any(a.subtype == "pdf" for a in attachments):
        attached.append("the programme")
    if any(a.subtype == "calendar" for a in attachments):
        attached.append("a calendar entry you can add to your calendar")
    if attached:
        paragraphs.append(f"Please find attached {' and '.join(attached)}.")
    paragraphs.append(reply + (f" or to {one_line(sheet.contact)}." if sheet.contact else "."))
    return paragraphs


def _the_event(sheet: Sheet) -> str:
    """ "the roundtable “Gulf Security” (Pakistan Foreign Policy Review · Session 2)"."""
    text = f"the {_event_kind(sheet)} “{one_line(sheet.title)}”"
    note = series_note(sheet)
    return text + (f" ({note})" if note else "")


def invitation_message(
    sheet: Sheet,
    invitee: PersonEntry,
    attachments: Sequence[Attachment],
    *,
    now: datetime | None = None,
) -> EmailMessage:
    """One invitation: ``sheet`` is the attendees' sheet (what the text may say), ``invitee``
    comes from the organisers' sheet (their address and salutation)."""
    subject = f"Invitation: {sheet.title} – {sheet.when.date_text}"
    message = _invitee_message(sheet, invitee, subject, now)
    intro = f"{_on_behalf(sheet)}, I have the pleasure of inviting you to {_the_event(sheet)}."
    reply = "Kindly confirm your participation by replying to this email"
    paragraphs = [_salutation(invitee), intro, *_event_paragraphs(sheet, attachments, reply)]
    return _finish(message, sheet, paragraphs, attachments)


def reminder_message(
    sheet: Sheet,
    invitee: PersonEntry,
    attachments: Sequence[Attachment],
    *,
    sent_on: str = "",
    now: datetime | None = None,
) -> EmailMessage:
    """A reminder to an invitee who has not answered: the invitation's facts again, worded as
    a reminder (``sent_on``: the date the invitation went out, "" when not known)."""
    subject = f"Reminder: {sheet.title} – {sheet.when.date_text}"
    message = _invitee_message(sheet, invitee, subject, now)
    when = f", sent on {one_line(sent_on)}" if sent_on else ""
    intro = (
        f"{_on_behalf(sheet)}, may I remind you of our invitation to {_the_event(sheet)}{when}. "
        "We have not yet had your reply, and would be glad to know whether you can join us."
    )
    reply = "Kindly let us know by replying to this email"
    paragraphs = [_salutation(invitee), intro, *_event_paragraphs(sheet, attachments, reply)]
    return _finish(message, sheet, paragraphs, attachments)


def _and_list(words: Sequence[str]) -> str:
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def update_message(
    sheet: Sheet,
    invitee: PersonEntry,
    attachments: Sequence[Attachment],
    *,
    changes: Sequence[str] = (),
    plural: bool = False,
    rule_now: str = "",
    now: datetime | None = None,
) -> EmailMessage:
    """An update to an invitation already sent: what changed (``changes``: plain words such
    as "time", "room" or "rapporteur", never a name; ``plural``: the one word is a plural,
    "speakers") and the details as they now stand; its calendar entry (a REQUEST with a
    higher SEQUENCE) replaces the one sent before. ``rule_now``: the rule's phrase ("off the
    record") when the rule changed: the invitee was told another, and on the record has no
    notice that would say so."""
    subject = f"Updated: {sheet.title} – {sheet.when.date_text}"
    message = _invitee_message(sheet, invitee, subject, now)
    words = [one_line(c) for c in changes if c]
    what = _and_list(words)
    if what:
        changed = f"the {what} of {_the_event(sheet)}"
        verb = "have" if len(words) > 1 or plural else "has"
    else:
        changed, verb = f"the details of {_the_event(sheet)}", "have"
    intro = (
        f"{_on_behalf(sheet)}, please note that {changed}, to which you were invited, "
        f"{verb} changed."
    )
    if rule_now:
        intro += f" The {_event_kind(sheet)} is now {one_line(rule_now)}."
    intro += " The details as they now stand:"
    paragraphs = [_salutation(invitee), intro]
    paragraphs += _event_paragraphs(sheet, attachments, "Kindly confirm by replying to this email")
    if any(a.subtype == "calendar" for a in attachments):
        paragraphs.insert(-1, "The attached calendar entry replaces the one sent earlier.")
    return _finish(message, sheet, paragraphs, attachments)


def cancellation_message(
    sheet: Sheet,
    invitee: PersonEntry,
    attachments: Sequence[Attachment],
    *,
    now: datetime | None = None,
) -> EmailMessage:
    """A cancellation to one person: the event is cancelled, or (a speaker who withdrew, an
    invitation taken back) the entry sent to them earlier is withdrawn. It names no one but
    its addressee: no cast, no list."""
    subject_word = "Cancelled" if sheet.status == "cancelled" else "Withdrawn"
    subject = f"{subject_word}: {sheet.title} – {sheet.when.date_text}"
    message = _invitee_message(sheet, invitee, subject, now)
    if sheet.status == "cancelled":
        intro = (
            f"{_on_behalf(sheet)}, I regret to let you know that {_the_event(sheet)}, "
            f"planned for {sheet.when.date_text}, has been cancelled."
        )
    else:
        intro = (
            f"{_on_behalf(sheet)}, further to our recent correspondence: the calendar entry "
            f"for {_the_event(sheet)} on {sheet.when.date_text} that we sent you earlier is "
            "withdrawn."
        )
    paragraphs = [_salutation(invitee), intro]
    if any(a.subtype == "calendar" for a in attachments):
        paragraphs.append("The attached cancellation removes it from your calendar.")
    paragraphs.append("With our apologies for any inconvenience.")
    return _finish(message, sheet, paragraphs, attachments)


# Roles that receive the briefing note: the people who speak or run the meeting.
BRIEFING_ROLES = ("chair", "co_chair", "moderator", "keynote", "speaker", "discussant")


def briefing_recipients(sheet: Sheet) -> list[PersonEntry]:
    """The chair, moderator and speakers of an organisers' sheet, once each, in programme order."""
    seen: set[str] = set()
    people: list[PersonEntry] = []
    for group in sheet.cast:
        if group.role not in BRIEFING_ROLES:
            continue
        for person in group.people:
            key = person.email.casefold() or person.name
            if key not in seen:
                seen.add(key)
                people.append(person)
    return people


def briefing_message(
    sheet: Sheet,
    attachments: Sequence[Attachment],
    *,
    now: datetime | None = None,
) -> EmailMessage:
    """One confidential message to the chair and the speakers with the briefing note."""
    if sheet.audience is not Audience.ORGANISERS:
        raise PlannerError("a briefing is written from the organisers' sheet")
    recipients = briefing_recipients(sheet)
    if not recipients:
        raise PlannerError(f"{sheet.title}: no chair or speakers to send a briefing note to")
    message = _new_message(sheet, f"CONFIDENTIAL – Briefing note: {sheet.title}", now)
    addresses = [a for a in (address_of(p.name, p.email) for p in recipients) if a is not None]
    if addresses:
        _set_addresses(message, "To", addresses)
    message[SENSITIVITY_HEADER] = "Company-Confidential"
    greeting = _joint_salutation(recipients)
    paragraphs = [
        "CONFIDENTIAL – for the chair and speakers only; please do not forward.",
        greeting + ",",
        f"Thank you for agreeing to take part in the {_event_kind(sheet)} "
        f"“{one_line(sheet.title)}”. The briefing note for the meeting is attached.",
        "\n".join(event_summary_lines(sheet)),
    ]
    cast = cast_lines(sheet)
    if cast:
        paragraphs.append("\n".join(cast))
    paragraphs.extend(notice_paragraphs(sheet))
    if sheet.contact:
        paragraphs.append(f"On the day, please contact {one_line(sheet.contact)}.")
    return _finish(message, sheet, paragraphs, attachments)


def report_message(
    sheet: Sheet,
    distribution: Sequence[PersonEntry],
    attachments: Sequence[Attachment],
    *,
    now: datetime | None = None,
) -> EmailMessage:
    """The published report: To the organiser, the distribution list in Bcc.

    ``sheet`` is the public sheet; ``distribution`` (addresses from the organisers' sheet) goes in
    Bcc so no recipient learns who else was there. Refused when the policy refuses the report.
    """
    if sheet.audience is not Audience.PUBLIC:
        raise PlannerError("the report is sent from the public sheet")
    if sheet.report is None:
        if sheet.report_refusal or sheet.report_findings:
            raise PolicyRefusal(
                sheet.report_refusal or f"{sheet.title}: the report may not be published",
                list(sheet.report_findings),
            )
        raise PlannerError(f"{sheet.title}: there is no report yet")
    message = _new_message(sheet, f"Report: {sheet.title}", now)
    organiser = address_of(sheet.organisation.name, sheet.organisation.email)
    if organiser is not None:
        _set_addresses(message, "To", [organiser])
    bcc: list[Address] = []
    seen: set[str] = set()
    for person in distribution:
        address = address_of(person.name, person.email)
        if address is not None and address.addr_spec.casefold() not in seen:
            seen.add(address.addr_spec.casefold())
            bcc.append(address)
    if bcc:
        _set_addresses(message, "Bcc", bcc)
    where = f" at {one_line(sheet.venue.text)}" if sheet.venue is not None else ""
    of_event = (
        f"the report of the {_event_kind(sheet)} “{one_line(sheet.title)}”, "
        f"held on {sheet.when.date_text}{where}"
    )
    url = sheet.report.url
    if attachments:
        opening = f"Please find attached {of_event}."
    elif url:
        # A report published elsewhere with no text in the program: the link is the report.
        opening = f"{of_event[0].upper()}{of_event[1:]}, is available at {url}"
    else:
        raise PlannerError(f"{sheet.title}: the report has no text and no address to send")
    paragraphs = ["Dear colleagues,", opening]
    held = rule_sentence(sheet, past=True)
    if held:
        paragraphs.append(" ".join([held, *_report_checks(bool(attachments), url)]))
    elif url and attachments:
        paragraphs.append(f"The report is also available at {url}")
    paragraphs.append("Thank you for your participation.")
    return _finish(message, sheet, paragraphs, attachments)


def _report_checks(attached: bool, url: str) -> list[str]:
    """What the program checked, said precisely: the report's text as written in the program
    (what the attached PDF is rendered from), never the page at the report's address, which
    anyone may have changed or published from another file."""
    sentences = []
    if attached:
        sentences.append(
            "The attached report was checked when this email was written: it attributes "
            "nothing to anyone who has not agreed to be named."
        )
    if url and attached:
        sentences.append(
            f"The report is also available at {url}; that page was not checked, only the "
            "attached text."
        )
    elif url:
        sentences.append(
            "The page at the address above was not checked for names or attributions when "
            "this email was written."
        )
    return sentences


def message_bytes(message: EmailMessage) -> bytes:
    """The draft as written to a .eml file: CRLF line ends, as mail clients expect."""
    # refold_source="none": the headers written with set_raw (mime_words) are already encoded
    # and folded; the standard library's refolding is what split and merged their words.
    return message.as_bytes(policy=email.policy.SMTP.clone(refold_source="none"))


def draft_filename(kind: str, number: int, person: PersonEntry | None = None) -> str:
    """``invitation-001-owais.eml``: ASCII, unique by number, never a path or a device name.
    A name with no Latin letters (عائشہ صدیقہ, 王晓明) is named by its email's local part
    ("invitation-009-ayesha.eml"), so the organiser can still tell whose draft it is."""
    who = ""
    if person is not None:
        who = ascii_slug(person.sort_key or person.short_name or person.name, limit=40, fallback="")
        if not who and person.email:
            who = ascii_slug(person.email.split("@")[0], limit=40, fallback="")
    stem = f"{ascii_slug(kind, limit=20, fallback='draft')}-{number:03d}"
    return f"{stem}-{who}.eml" if who else f"{stem}.eml"
