"""Email drafts that every mail reader reads right: names in every script, subjects, file
names, calendar parts and Message-IDs, read back by Python and, where installed, by mblaze,
munpack and ripmime (each test against an outside tool is skipped without it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eml_readback import (
    ENCODED_WORD,
    check_draft,
    check_encoded_words,
    display_names,
    parse,
    raw_header,
    strict_decode,
)
from planner.errors import PlannerError
from planner.exports import mime_words
from planner.exports.eml import (
    Attachment,
    briefing_message,
    invitation_message,
    message_bytes,
    report_message,
)
from planner.exports.ics import Method, render_ics
from planner.policy import Audience
from planner.policy.build import build_sheet
from planner.policy.sheet import PersonEntry, Sheet
from planner.services.exports import Draft, build, email_drafts
from planner.store import Database
from strategies import NAMES, event_specs, write_event

# --- the encoder on its own ----------------------------------------------------------------

SCRIPT_WORDS = sorted({word for pair in NAMES.values() for names in pair for word in names})
# Words an ASCII name holds that need quoting or look like encoded words, and punctuation.
ODD_WORDS = ["Dr", "Lt.", "Gen.", "(R)", "HI", "(M)", "O'Brien", '"Q"', "a\\b", "=?utf-8?q?x?="]
WORDS = st.sampled_from([*SCRIPT_WORDS, *ODD_WORDS, "–", "·", "Al-Mansouri", "Khan,"])
NAME = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)


def _lines(header: str, value: str) -> list[str]:
    return f"{header}: {value}".split("\r\n")


def _within_limits(header: str, value: str) -> None:
    """Lines of 78 characters at most and encoded words of 75, except for a display name,
    which is one quoted string or one encoded word per run however long (mime_words)."""
    for line in _lines(header, value):
        assert len(line) <= 998
        if header == "Subject":
            assert len(line) <= mime_words.MAX_LINE, line
    if header == "Subject":
        for word in ENCODED_WORD.finditer(value):
            assert len(word.group(0)) <= mime_words.MAX_ENCODED_WORD


@settings(max_examples=300, deadline=None)
@given(names=st.lists(NAME, min_size=1, max_size=6))
def test_display_names_read_back_whole_in_every_script(names: list[str]) -> None:
    addresses = [Address(n, f"p{i}", "example.org") for i, n in enumerate(names)]
    value = mime_words.address_list("Bcc", addresses)
    _within_limits("Bcc", value)
    message = parse(f"Bcc: {value}\r\n\r\n".encode("ascii"))
    assert [a.display_name for a in message["Bcc"].addresses] == names
    check_encoded_words(message)
    # Read by the letter of RFC 2047, too: no space lost between two encoded words.
    strict = strict_decode(value)
    for address in addresses:
        quoted = address.display_name.replace("\\", "\\\\").replace('"', '\\"')
        plain = f"{address.display_name} <{address.addr_spec}>"
        assert plain in strict or f'"{quoted}" <{address.addr_spec}>' in strict


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=30))
def test_subjects_read_back_with_every_space(words: list[str]) -> None:
    text = " ".join(words)
    value = mime_words.unstructured("Subject", text)
    _within_limits("Subject", value)
    message = parse(f"Subject: {value}\r\n\r\n".encode("ascii"))
    assert str(message["Subject"]) == text
    assert strict_decode(value) == text
    check_encoded_words(message)


@pytest.mark.parametrize(
    "text",
    [
        # The mixed-script subject: the space between the scripts survives.
        "روس اور پاکستان – Россия и Пакистан – 俄罗斯",
        # The Urdu name in Bcc, which came back with a space inside the surname.
        "ڈاکٹر عائشہ رحمان",
    ],
)
def test_the_reported_headers(text: str) -> None:
    subject = mime_words.unstructured("Subject", text)
    assert strict_decode(subject) == text
    bcc = mime_words.address_list("Bcc", [Address(text, "a", "example.org")])
    # One encoded word for the whole name: nothing for a reader to join or split.
    assert len(list(ENCODED_WORD.finditer(bcc))) == 1
    assert strict_decode(bcc) == f"{text} <a@example.org>"


def test_a_name_far_beyond_any_real_one_keeps_every_line_within_998() -> None:
    for name in ("😀" * 200, "王" * 200, "ڈاکٹر " * 40):
        value = mime_words.address_list("To", [Address(name.strip(), "a", "example.org")])
        assert all(len(line) <= 998 for line in _lines("To", value))
        assert strict_decode(value) == f"{name.strip()} <a@example.org>"


def test_a_word_longer_than_an_encoded_word_is_the_only_thing_split() -> None:
    giant = "پاکستان" * 12
    text = f"Report: {giant} and روس"
    value = mime_words.unstructured("Subject", text)
    _within_limits("Subject", value)
    assert strict_decode(value) == text
    assert str(parse(f"Subject: {value}\r\n\r\n".encode("ascii"))["Subject"]) == text


def test_plain_ascii_stays_readable() -> None:
    assert mime_words.unstructured("Subject", "Report: SALAM Roundtable") == (
        "Report: SALAM Roundtable"
    )
    owais = Address("Lt. Gen. (R) Syed Muhammad Owais HI (M)", "sm.owais", "example.org")
    assert mime_words.address_list("To", [owais]) == (
        '"Lt. Gen. (R) Syed Muhammad Owais HI (M)" <sm.owais@example.org>'
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("event.ics", ['filename="event.ics"']),
        ("Programme - Gulf Security.pdf", ['filename="Programme - Gulf Security.pdf"']),
        ("برنامہ.pdf", ["filename*=utf-8''%D8%A8%D8%B1%D9%86%D8%A7%D9%85%DB%81.pdf"]),
    ],
)
def test_one_file_name_parameter(value: str, expected: list[str]) -> None:
    assert mime_words.name_parameters("filename", value) == expected


# --- random events through the policy: every draft of every kind --------------------------


PDF = b"%PDF-1.4 test"


def _drafts(
    attendees: Sheet, organisers: Sheet, public: Sheet
) -> list[tuple[bytes, dict[str, str]]]:
    """Every draft the sheets allow, each with the names its addresses must carry."""
    people = [entry.person for entry in organisers.participants or ()]
    for group in organisers.cast:
        people.extend(group.people)
    names = {p.email: p.name for p in people if p.email}
    organisation = {attendees.organisation.email: attendees.organisation.name}
    programme = Attachment(f"Programme - {attendees.title}.pdf", PDF, "application", "pdf")
    calendar = Attachment("event.ics", render_ics([attendees], Method.PUBLISH), "text", "calendar")
    drafts: list[tuple[bytes, dict[str, str]]] = []
    for person in people:
        message = invitation_message(attendees, person, [programme, calendar])
        drafts.append((message_bytes(message), {**names, **organisation}))
    try:
        briefing = briefing_message(organisers, [programme])
        drafts.append((message_bytes(briefing), {**names, **organisation}))
    except PlannerError:
        pass  # no chair or speakers to brief
    if public.report is not None:
        report = Attachment(f"Report – {public.title}.pdf", PDF, "application", "pdf")
        message = report_message(public, people, [report])
        drafts.append((message_bytes(message), {**names, **organisation}))
    return drafts


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=event_specs())
def test_every_draft_of_a_random_event_reads_back(leak_db: Database, spec: dict[str, Any]) -> None:
    with leak_db.session() as session:
        event_id = write_event(session, spec)
        attendees, organisers, public = (
            build_sheet(session, event_id, audience)
            for audience in (Audience.ATTENDEES, Audience.ORGANISERS, Audience.PUBLIC)
        )
    for data, names in _drafts(attendees, organisers, public):
        message = check_draft(data)
        for header in ("From", "To", "Bcc"):
            for address, display_name in display_names(message, header).items():
                assert display_name == names[address], (header, address)


# --- the demo's drafts through the services, as the CLI writes them ------------------------


@pytest.fixture(scope="module")
def demo_drafts(read_only_demo: Database) -> list[tuple[int, str, Draft]]:
    drafts = []
    for event_id in (1, 2, 3, 4):
        for kind in ("invitation", "briefing", "report"):
            try:
                made = email_drafts(read_only_demo, event_id, kind)
            except PlannerError:
                continue  # a refused report: tested in test_exports_demo
            drafts.extend((event_id, kind, draft) for draft in made)
    return drafts


def _people(organisers: Sheet) -> dict[str, PersonEntry]:
    people = [entry.person for entry in organisers.participants or ()]
    for group in organisers.cast:
        people.extend(group.people)
    return {p.email: p for p in people if p.email}


def test_every_demo_draft_reads_back(
    read_only_demo: Database, demo_drafts: list[tuple[int, str, Draft]]
) -> None:
    assert len(demo_drafts) >= 30
    message_ids = set()
    for event_id, kind, draft in demo_drafts:
        message = check_draft(draft.content)
        message_ids.add(str(message["Message-ID"]))
        attendees = build(read_only_demo, event_id, Audience.ATTENDEES)
        organisers = build(read_only_demo, event_id, Audience.ORGANISERS)
        people = _people(organisers)
        organisation = organisers.organisation
        assert display_names(message, "From") == {organisation.email: organisation.name}
        for header in ("To", "Bcc"):
            for address, name in display_names(message, header).items():
                expected = (
                    organisation.name if address == organisation.email else people[address].name
                )
                assert name == expected
                assert f"{name} <{address}>" in strict_decode(raw_header(message, header)) or (
                    f'"{name}" <{address}>' in strict_decode(raw_header(message, header))
                )
        subject = str(message["Subject"])
        assert strict_decode(raw_header(message, "Subject")) == subject
        title = attendees.title
        if kind == "invitation":
            assert subject == f"Invitation: {title} – {attendees.when.date_text}"
            invitee = people[next(iter(display_names(message, "To")))]
            text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            assert text.startswith(f"{invitee.salutation},")
            names = [part.get_filename() for part in message.iter_attachments()]
            short = attendees.short_title or title
            assert names[0] == f"Programme - {short}.pdf".replace(":", "-")
        elif kind == "briefing":
            assert subject == f"CONFIDENTIAL – Briefing note: {title}"
        else:
            assert subject == f"Report: {title}"
    assert len(message_ids) == len(demo_drafts)


def test_the_demo_urdu_and_arabic_names_and_salutations(
    demo_drafts: list[tuple[int, str, Draft]],
) -> None:
    seen = set()
    for _event, kind, draft in demo_drafts:
        message = parse(draft.content)
        for header in ("To", "Bcc"):
            for name in display_names(message, header).values():
                if name in ("ڈاکٹر عائشہ رحمان", "الدكتور خالد المنصوري", "Mr Алексей Морозов"):
                    seen.add((kind, header, name))
    assert ("invitation", "To", "ڈاکٹر عائشہ رحمان") in seen
    assert ("invitation", "To", "الدكتور خالد المنصوري") in seen
    assert ("report", "Bcc", "Mr Алексей Морозов") in seen


# --- outside readers -----------------------------------------------------------------------


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: mblaze, mpack, ripmime)")
    return path


@pytest.fixture(scope="module")
def demo_files(
    demo_drafts: list[tuple[int, str, Draft]], tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[Path, EmailMessage]]:
    folder = tmp_path_factory.mktemp("eml-files")
    files = []
    for number, (_event, _kind, draft) in enumerate(demo_drafts):
        path = folder / f"{number:03d}.eml"
        path.write_bytes(draft.content)
        files.append((path, parse(draft.content)))
    return files


def _run(*command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    return result.stdout


def test_mblaze_reads_the_names_and_subjects(demo_files: list[tuple[Path, EmailMessage]]) -> None:
    maddr, mhdr = _tool("maddr"), _tool("mhdr")
    for path, message in demo_files:
        for header in ("From", "To", "Bcc"):
            names = list(display_names(message, header).values())
            if not names:
                continue
            shown = _run(maddr, "-d", "-h", header, str(path)).splitlines()
            assert [n[1:-1] if n.startswith('"') else n for n in shown] == names, path
        subject = _run(mhdr, "-d", "-h", "Subject", str(path)).strip()
        assert subject == str(message["Subject"]), path


def test_ripmime_and_munpack_save_each_file_under_its_one_name(
    demo_files: list[tuple[Path, EmailMessage]], tmp_path: Path
) -> None:
    ripmime, munpack = _tool("ripmime"), _tool("munpack")
    for number, (path, message) in enumerate(demo_files):
        names = sorted(str(part.get_filename()) for part in message.iter_attachments())
        out = tmp_path / f"ripmime-{number}"
        out.mkdir()
        _run(ripmime, "-i", str(path), "-d", str(out), "--no-nameless")
        assert sorted(p.name for p in out.iterdir()) == names, path
        # munpack predates RFC 2231: it can only be asked for the plain ASCII names, which it
        # saves with every character but letters, digits, "-", "." and "_" as an X.
        out = tmp_path / f"munpack-{number}"
        out.mkdir()
        subprocess.run([munpack, "-q", "-C", str(out), str(path)], capture_output=True, check=False)
        saved = {p.name for p in out.iterdir()}
        expected = {re.sub(r"[^A-Za-z0-9._-]", "X", n) for n in names if n.isascii()}
        assert expected <= saved, path
