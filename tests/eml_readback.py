"""Reading an email draft back the way a strict reader does (helpers; holds no tests itself).

Python's parser is lenient: it keeps the space between two encoded words that RFC 2047 says a
reader drops, so "the display name parses back" alone misses what mblaze and others show. These
checks look at each encoded word on its own: it must hold text and whole words only.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.header import decode_header
from email.message import EmailMessage

import icalendar

ENCODED_WORD = re.compile(r"=\?([^?]+)\?([qQbB])\?([^?]*)\?=")


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message.defects == []
    return message


def decode_word(word: str) -> str:
    """One encoded word decoded on its own, as a reader that never joins words sees it."""
    [(data, charset)] = decode_header(word)
    assert isinstance(data, bytes)
    return data.decode(charset or "ascii")


def check_encoded_words(message: EmailMessage) -> int:
    """Every encoded word in every header of every part holds text, whole words of the decoded
    header and at most the one space that follows them; returns how many there were."""
    count = 0
    for part in message.walk():
        for name, raw in part.raw_items():
            value = part[name]
            if hasattr(value, "addresses"):
                # The display names as read, without the quoting Python prints them with.
                words = {w for a in value.addresses for w in a.display_name.split()}
            else:
                words = set(str(value).split())
            for match in ENCODED_WORD.finditer(str(raw)):
                count += 1
                text = decode_word(match.group(0))
                assert text.strip(), f"{name}: empty encoded word {match.group(0)!r}"
                assert not text.startswith(" ") and not text.endswith("  "), (name, text)
                for word in text.split():
                    assert word in words, f"{name}: {word!r} is part of a word ({raw!r})"
    return count


def _parameter_names(raw_header: str, parameter: str) -> list[str]:
    return re.findall(rf";\s*({parameter}(?:\*\d+)?\*?)=", raw_header)


def check_attachments(message: EmailMessage) -> list[str]:
    """One file name per attachment (plain or RFC 2231, never both; the same in Content-Type
    and Content-Disposition); text parts in UTF-8; a calendar part's method its METHOD.
    Returns the file names."""
    names = []
    for part in message.iter_attachments():
        raw = dict(part.raw_items())
        for header, parameter in (("Content-Disposition", "filename"), ("Content-Type", "name")):
            found = _parameter_names(str(raw[header]), parameter)
            plain = [p for p in found if "*" not in p]
            assert (plain == [parameter] and len(found) == 1) or (found and not plain), found
        filename = part.get_filename()
        assert filename
        assert part["Content-Type"].params.get("name") == filename
        if part.get_content_maintype() == "text":
            assert part.get_content_charset() == "utf-8"
        if part.get_content_type() == "text/calendar":
            calendar = icalendar.Calendar.from_ical(part.get_content())
            assert part["Content-Type"].params.get("method") == str(calendar["METHOD"])
        names.append(filename)
    return names


def check_draft(data: bytes) -> EmailMessage:
    """The checks every draft passes, whatever its kind; the parsed message."""
    message = parse(data)
    data.decode("ascii")  # 7-bit on the wire: every header encoded, every body part too
    assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", str(message["Message-ID"]))
    check_encoded_words(message)
    check_attachments(message)
    return message


def display_names(message: EmailMessage, header: str) -> dict[str, str]:
    """Address -> display name of one address header ({} when it is missing)."""
    if message[header] is None:
        return {}
    return {a.addr_spec: a.display_name for a in message[header].addresses}


def strict_decode(raw: str) -> str:
    """A header value decoded by the letter of RFC 2047 (6.2): whitespace between two encoded
    words is dropped, whitespace next to plain text is kept. This is what mblaze shows."""
    unfolded = re.sub(r"\r?\n(?=[ \t])", "", raw).strip()
    out: list[str] = []
    space = ""
    after_encoded = False
    for piece in re.split(r"([ \t]+)", unfolded):
        if not piece:
            continue
        if piece.isspace():
            space = piece
            continue
        encoded = ENCODED_WORD.fullmatch(piece) is not None
        out.append(("" if encoded and after_encoded else space) + _decoded(piece, encoded))
        after_encoded, space = encoded, ""
    return "".join(out)


def _decoded(piece: str, encoded: bool) -> str:
    return decode_word(piece) if encoded else piece


def raw_header(message: EmailMessage, name: str) -> str:
    [value] = [str(v) for k, v in message.raw_items() if k.lower() == name.lower()]
    return value
