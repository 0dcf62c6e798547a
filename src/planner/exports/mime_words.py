"""Header text that every mail reader decodes the same way: RFC 2047 words and RFC 2231 names.

The standard library's folder gets non-ASCII headers subtly wrong for other readers: it can
write an empty encoded word (``=?utf-8?q??=``), split a word across two encoded words, and put
the space between two names *between* encoded words, where RFC 2047 says a reader drops it
(mblaze shows "АлексейМорозов"). So the headers that hold people's text are written here:

- between plain ASCII words and encoded words the space is a real space, which readers keep;
- in a display name, each run of words that needs encoding is *one* encoded word, however long:
  readers disagree on the whitespace between two encoded words in a name (RFC 2047 drops it,
  Python keeps it), so a name never has two side by side. A name is at most 200 characters,
  so its line stays far below the 998 that RFC 5322 allows, if past the 75 of RFC 2047;
- in a subject (unstructured text), where readers agree, a run is cut into encoded words that
  each hold whole words; the space between two words that end up in different encoded words
  is encoded *inside* the first one, so it survives. A single word longer than one encoded
  word can hold is the only thing ever split;
- lines are folded at whitespace to stay within 78 characters where the words allow it.

File names use RFC 2231 (``filename*=utf-8''...``) only when they are not plain ASCII, and are
then the only name the part carries.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Sequence
from email.headerregistry import Address
from urllib.parse import quote

# RFC 5322's recommended line length and RFC 2047's longest encoded word.
MAX_LINE = 78
MAX_ENCODED_WORD = 75
# RFC 5322's hard limit is 998 characters a line; a display name's one encoded word stays
# well below it, with room for the header's name and the address.
_LONGEST_PHRASE_WORD = 900
# RFC 2231 continuation chunks stay well inside the 78-character line.
_RFC2231_CHUNK = 54

_PREFIX = "=?utf-8?"
_SUFFIX = "?="
# Characters RFC 2047 allows unencoded in a "Q" word in every position (5.3): the phrase set,
# which is also safe in unstructured text.
_Q_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
# RFC 5322 atext: a display-name word made only of these needs no quoting.
_ATEXT = re.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+")
_PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]+")


def _q(text: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if char == " ":
            out.append("_")
        elif char in _Q_SAFE:
            out.append(char)
        else:
            out.append(f"={byte:02X}")
    return f"{_PREFIX}q?{''.join(out)}{_SUFFIX}"


def _b(text: str) -> str:
    return f"{_PREFIX}b?{base64.b64encode(text.encode('utf-8')).decode('ascii')}{_SUFFIX}"


def encoded_word(text: str) -> str:
    """``text`` as one encoded word, Q or B, whichever is shorter (never empty)."""
    if not text:
        raise ValueError("an encoded word must hold some text")
    q, b = _q(text), _b(text)
    return q if len(q) <= len(b) else b


def _plain_in_text(word: str) -> bool:
    # "=?" in a plain word could be read as the start of an encoded word.
    return bool(_PRINTABLE_ASCII.fullmatch(word)) and "=?" not in word


def _plain_in_phrase(word: str) -> bool:
    return bool(_ATEXT.fullmatch(word)) and "=?" not in word


# A header value is a sequence of tokens: a plain token is written as is, an encoded run is a
# list of words written as encoded words. One space separates tokens.
_Token = str | list[str]


def _tokens(words: Sequence[str], plain: Iterable[bool]) -> list[_Token]:
    tokens: list[_Token] = []
    for word, is_plain in zip(words, plain, strict=True):
        if is_plain:
            tokens.append(word)
        elif tokens and isinstance(tokens[-1], list):
            tokens[-1].append(word)
        else:
            tokens.append([word])
    return tokens


class _Folder:
    """Lines of one header, each at most MAX_LINE characters where the tokens allow it."""

    def __init__(self, name: str) -> None:
        self.lines = [f"{name}:"]
        # True while the current line holds nothing but the header name or the fold's space.
        self.fresh = True

    def room(self) -> int:
        """Characters left on the current line after the separating space."""
        return MAX_LINE - len(self.lines[-1]) - 1

    def fold(self) -> None:
        self.lines.append("")
        self.fresh = True

    def put(self, token: str) -> None:
        if len(token) > self.room() and not self.fresh:
            self.fold()
        self.lines[-1] += " " + token
        self.fresh = False

    def put_phrase_run(self, words: Sequence[str]) -> None:
        """Words of a display name as one encoded word (see the module's docstring)."""
        word = encoded_word(" ".join(words))
        if len(word) > _LONGEST_PHRASE_WORD:
            # Only a name far beyond any real one (hundreds of 4-byte characters): split it,
            # so no line breaks RFC 5322's hard limit.
            self.put_run(words)
        else:
            self.put(word)

    def put_run(self, words: Sequence[str]) -> None:
        """Words as encoded words, each holding as many whole words as fit on the line."""
        # (text, joined to the previous piece by a space)
        pieces = [(word, True) for word in words]
        index = 0
        while index < len(pieces):
            room = min(MAX_ENCODED_WORD, self.room())
            taken, encoded = _fit(pieces, index, room)
            if taken == 0 and not self.fresh:
                self.fold()
                continue
            if taken == 0:
                # One word longer than a whole encoded word: the only split there is, at a
                # character boundary (readers join adjacent encoded words with no space).
                text, spaced = pieces[index]
                head = _longest_prefix(text, room)
                pieces[index : index + 1] = [(head, spaced), (text[len(head) :], False)]
                continue
            self.put(encoded)
            index += taken

    def value(self) -> str:
        """The folded value without the header name, for ``Message.set_raw``."""
        first = self.lines[0].partition(":")[2].lstrip(" ")
        return "\r\n".join([first, *self.lines[1:]])


def _piece_text(pieces: Sequence[tuple[str, bool]], start: int, stop: int) -> str:
    text = pieces[start][0]
    for word, spaced in pieces[start + 1 : stop]:
        text += (" " if spaced else "") + word
    # The space after the last word of this encoded word, when the run goes on, is kept
    # inside it: between two encoded words a reader drops whitespace.
    if stop < len(pieces) and pieces[stop][1]:
        text += " "
    return text


def _fit(pieces: Sequence[tuple[str, bool]], start: int, room: int) -> tuple[int, str]:
    """How many pieces from ``start`` fit in one encoded word of ``room`` characters, and it."""
    taken, best = 0, ""
    for stop in range(start + 1, len(pieces) + 1):
        candidate = encoded_word(_piece_text(pieces, start, stop))
        if len(candidate) > room:
            break
        taken, best = stop - start, candidate
    return taken, best


def _longest_prefix(word: str, room: int) -> str:
    """The longest start of ``word`` (at least one character) whose encoded word fits."""
    size = 1
    while size < len(word) and len(encoded_word(word[: size + 1])) <= room:
        size += 1
    return word[:size]


def _write(folder: _Folder, tokens: Sequence[_Token], *, phrase: bool = False) -> None:
    for token in tokens:
        if isinstance(token, list) and phrase:
            folder.put_phrase_run(token)
        elif isinstance(token, list):
            folder.put_run(token)
        else:
            folder.put(token)


def unstructured(name: str, text: str) -> str:
    """A folded, encoded Subject-like value; ``text`` is one line (see ``one_line``)."""
    words = text.split(" ")
    folder = _Folder(name)
    _write(folder, _tokens(words, (_plain_in_text(w) for w in words)))
    return folder.value()


def _phrase_tokens(display_name: str) -> list[_Token]:
    words = display_name.split()
    if not words:
        return []
    # Python decodes an encoded word even inside quotes: a name that holds one is encoded.
    if display_name.isascii() and "=?" not in display_name:
        if all(_plain_in_phrase(w) for w in words):
            return list(words)
        # An ASCII name with a dot or brackets ("Lt. Gen. (R) Owais"): one quoted string.
        escaped = " ".join(words).replace("\\", "\\\\").replace('"', '\\"')
        return [f'"{escaped}"']
    return _tokens(words, (_plain_in_phrase(w) for w in words))


def address_list(name: str, addresses: Sequence[Address]) -> str:
    """A folded To/From/Bcc value: each display name encoded in whole words."""
    folder = _Folder(name)
    for position, address in enumerate(addresses):
        angle = f"<{address.addr_spec}>"
        tokens = _phrase_tokens(address.display_name)
        last = angle if tokens else address.addr_spec
        if position < len(addresses) - 1:
            last += ","
        _write(folder, [*tokens, last], phrase=True)
    return folder.value()


def _rfc2231(parameter: str, value: str) -> list[str]:
    """``filename*0*=utf-8''...; filename*1*=...``: the value in any script, in chunks."""
    encoded = quote(value, safe="")
    chunks: list[str] = []
    while encoded:
        cut = min(_RFC2231_CHUNK, len(encoded))
        # Never split a %XX escape across two chunks.
        percent = encoded.rfind("%", max(0, cut - 2), cut)
        if percent != -1 and cut < len(encoded):
            cut = percent
        chunks.append(encoded[:cut])
        encoded = encoded[cut:]
    if len(chunks) == 1:
        return [f"{parameter}*=utf-8''{chunks[0]}"]
    parts = [f"{parameter}*0*=utf-8''{chunks[0]}"]
    parts += [f"{parameter}*{n}*={chunk}" for n, chunk in enumerate(chunks[1:], 1)]
    return parts


def _plain_parameter(value: str) -> bool:
    # Printable ASCII without the characters a quoted string must escape, short enough for a
    # line: written as parameter="value", which every reader understands.
    return bool(re.fullmatch(r"[\x20-\x7e]*", value)) and not re.search(r'["\\]', value)


def name_parameters(parameter: str, value: str) -> list[str]:
    """``filename="a.pdf"``, or RFC 2231 ``filename*`` when needed: one name, never both."""
    if _plain_parameter(value) and len(value) <= _RFC2231_CHUNK:
        return [f'{parameter}="{value}"']
    return _rfc2231(parameter, value)


def parameter_header(value: str, parameters: Sequence[str]) -> str:
    """``attachment; filename*0*=...`` folded one parameter a line, for ``set_raw``."""
    return ";\r\n ".join([value, *parameters])
