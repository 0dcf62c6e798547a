"""Values that must never reach an output as typed: unsafe links and control characters.

Neutral ground (like ``errors.py``): the store and the services check what comes in with these
helpers, and the policy uses the same ones when it builds a sheet, so a bad value already in a
database (written before the checks existed) still never reaches a document or an export.

**Links.** Every URL field (the organisation's website, an event's report URL) holds an
``http://``, ``https://`` or ``mailto:`` link, or a bare web address as institutes print it
(``www.cpakgulf.org``, which has no scheme at all). Anything else, ``javascript:``, ``data:``,
``file:`` included, is refused by :func:`url_problem` and dropped by :func:`safe_url`.

**Control characters** (C0, DEL, C1, and the Unicode line and paragraph separators). In a
one-line field (a name, an email, a phone number) any of them is refused: a line break in a name
splits an email header or a calendar line, a NUL truncates it in C libraries. In a multi-line
field (a biography, notes) tabs and line breaks are text; the others are removed, harmlessly,
by :func:`strip_controls`, and the caller says how many.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

ALLOWED_SCHEMES = ("http", "https", "mailto")

# A scheme as RFC 3986 (and every browser) reads one: letters first, up to the first colon.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# A bare web address: dot-separated host labels ending in a top-level name of letters, then
# optionally a path, query or fragment. No port: "www.x.org:80" reads as the scheme "www.x.org".
_BARE_ADDRESS = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?:[/?#]\S*)?$")

_CONTROL_NAMES = {
    "\x00": "a NUL character",
    "\t": "a tab",
    "\n": "a line break (LF)",
    "\r": "a line break (CR)",
    "\x85": "a line break (NEL)",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}
# Every character is_control() accepts (general categories Cc, Zl and Zp: C0, DEL, C1, U+2028
# and U+2029; a test compares the two over all code points): one regex search checks a whole
# field in C, where a loop over its characters costs a second per 100,000 imported people.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The same without the tab and the line feed, which a multi-line text keeps.
_CONTROLS_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def is_control(char: str) -> bool:
    """A C0 or C1 control, DEL, or a Unicode line or paragraph separator."""
    return unicodedata.category(char) in {"Cc", "Zl", "Zp"}


def has_control(text: str) -> bool:
    """Whether any character of ``text`` :func:`is_control`."""
    return _CONTROLS.search(text) is not None


def describe_control(char: str) -> str:
    return _CONTROL_NAMES.get(char, f"a control character (U+{ord(char):04X})")


def url_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a link (one sentence), or None; "" is no link."""
    url = value.strip()
    if not url:
        return None
    for char in url:
        if is_control(char):
            return f"a link cannot contain {describe_control(char)}"
        if char.isspace():
            return "a link cannot contain a space (write it as %20)"
    if _BARE_ADDRESS.match(url):
        return None
    scheme = _SCHEME.match(url)
    if scheme is None:
        return f"{_shown(url)} is not a web address (write https://…)"
    name = scheme.group(1).lower()
    if name not in ALLOWED_SCHEMES:
        return f"only http://, https:// and mailto: links are allowed, not a {name}: link"
    rest = url[scheme.end() :]
    if name == "mailto":
        return None if rest else "a mailto: link needs an address"
    if not rest.startswith("//") or not rest[2:].split("/", 1)[0].strip("/?#"):
        return f"{_shown(url)} has no host (write {name}://www.example.org/…)"
    return None


def safe_url(value: str | None) -> str:
    """``value`` when it is a link :func:`url_problem` accepts, else "" (never a bad link)."""
    url = (value or "").strip()
    return url if url_problem(url) is None else ""


def link_target(value: str | None) -> str:
    """``value`` as the target of a link (an HTML href, a calendar's URL): a safe link, a bare
    web address read as ``https://``; "" for anything :func:`url_problem` refuses."""
    url = safe_url(value)
    if url and _SCHEME.match(url) is None:
        return "https://" + url
    return url


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def one_line_problem(value: str) -> str | None:
    """Why ``value`` cannot be a one-line field (a name, an email), or None."""
    found = _CONTROLS.search(value)
    if found is None:
        return None
    return f"contains {describe_control(found.group())}; it must be one line of text"


def strip_controls(value: str) -> tuple[str, int]:
    """A multi-line text without control characters, and how many were removed.

    Tabs and line breaks are kept; a CR LF or a lone CR becomes one LF (not counted: it is the
    same line break written the Windows or old Mac way).
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    kept = _CONTROLS_IN_TEXT.sub("", text)
    return kept, len(text) - len(kept)


@dataclass
class CleanFields:
    """Text fields after :func:`clean_fields`: the values to store, what is refused, what was
    stripped (field name -> characters removed)."""

    values: dict[str, str]
    problems: dict[str, str] = field(default_factory=dict)
    stripped: dict[str, int] = field(default_factory=dict)


def clean_fields(values: Mapping[str, str], multiline: Collection[str]) -> CleanFields:
    """Check one record's text fields: refuse controls in one-line fields, strip them from the
    ``multiline`` ones."""
    out = CleanFields(values=dict(values))
    for name, value in values.items():
        if name in multiline:
            cleaned, removed = strip_controls(value)
            out.values[name] = cleaned
            if removed:
                out.stripped[name] = removed
        else:
            problem = one_line_problem(value)
            if problem:
                out.problems[name] = problem
    return out


def stripped_note(where: str, removed: int) -> str:
    """The summary's line for removed control characters."""
    plural = "character" if removed == 1 else "characters"
    return f"{where}: removed {removed} control {plural}"
