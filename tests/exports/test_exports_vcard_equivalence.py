"""The fast vCard reader (issue 13) reads every file exactly as the line-by-line one did.

``vcard_reference`` is the reader as it was before; random files built from the pieces real and
hostile files are made of (folds, CR/LF/CRLF mixes, QUOTED-PRINTABLE soft breaks, bare and
quoted parameters, groups, escapes, BEGIN/END in odd cases and with spaces around, cards cut
short, text between cards) must give the same records, problems, notes and skips, or the same
error.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import vcard_reference
from planner.errors import PlannerError
from planner.exports.vcard import read_vcards

_LINE_LIST = [
    "BEGIN:VCARD",
    "END:VCARD",
    "begin:vcard",
    "  BEGIN:VCARD ",
    "\tEND:VCARD",
    "BEGıN:VCARD",
    "item1.BEGIN:VCARD",
    "BEGIN;X=1:VCARD",
    "VERSION:3.0",
    "VERSION:2.1",
    "version: 5.0",
    "VERSION: ",
    "KIND:individual",
    "N:Khattak;Ayesha;;Dr;PhD",
    "N:Siddiqa\\, Jr;Maria,Ann;;Prof.;HI (M)\\, PhD",
    "n:عائشہ;خالد",
    "N:Rizvi;Sehar;Ali;Ms;MPhil;extra;more",
    "N:Owais",
    "FN:Lt. Gen. (R) Khalid Weinbaum",
    "FN:北京大学",
    "ORG:北京大学;Law",
    "ORG:Chatham House",
    "X-ABSHOWAS:COMPANY",
    "TITLE:Director\\nRetd",
    "ROLE:Fellow",
    "EMAIL;TYPE=work:person@example.org",
    "EMAIL;TYPE=home,pref:home@example.org",
    'EMAIL;TYPE="work,voice";PREF=1:w@example.org',
    "item2.EMAIL;INTERNET;PREF:a@example.org",
    "TEL;WORK;VOICE:+92 51 9000000",
    "TEL;VALUE=uri:tel:+44 20 7957 5700",
    "NOTE:Met at the Gulf roundtable.\\nFollow up.",
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 =",
    "FN;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg =",
    "FN;CHARSET=utf-7;ENCODING=QUOTED-PRINTABLE:x",
    "NOTE;quoted-printable:soft=",
    "TITLE;CHARSET=cp1256:x",
    "PHOTO;ENCODING=b:AAAA",
    "AAAABBBB",
    " continued",
    "\tcontinued",
    " ",
    "",
    "PRODID:-//Apple//EN",
    "A.B.C:x",
    "NOTE:\x00nul",
]
_LINES = st.sampled_from(_LINE_LIST)
# Without QUOTED-PRINTABLE and CHARSET: the files the card-at-a-time reader takes (and, with a
# BEGIN:VCARD in odd case or folded, hands back to the line reader).
_PLAIN_LINES = st.sampled_from(
    [
        line
        for line in _LINE_LIST
        if not any(word in line.upper() for word in ("QUOTED", "CHARSET", "VCARD", "BEGıN"))
    ]
    + ["NOTE:long\n continued", "EMAIL;TYPE=work:a@example.org\n\tcontinued"]
)
_BREAKS = st.sampled_from(["\r\n", "\n", "\r"])


_BEGINS = st.sampled_from(["BEGIN:VCARD", "begin:vcard", "  BEGIN:VCARD ", "BEGıN:VCARD", ""])
_ENDS = st.sampled_from(["END:VCARD", "end:VCARD", "\tEND:VCARD", ""])


@st.composite
def vcard_files(
    draw: st.DrawFn, lines_of: st.SearchStrategy[str] = _LINES, odd_boundaries: bool = True
) -> bytes:
    # Mostly whole cards (so that every property is read), now and then a stray line; with
    # ``odd_boundaries`` off, a missing BEGIN or END is the only oddity of the boundaries.
    begins = (
        st.sampled_from(["BEGIN:VCARD"] * 3 + ["BEGIN:VCARD", "begin:vcard"])
        if odd_boundaries
        else st.just("BEGIN:VCARD")
    )
    odd_begins = _BEGINS if odd_boundaries else st.sampled_from(["BEGIN:VCARD", ""])
    odd_ends = _ENDS if odd_boundaries else st.sampled_from(["END:VCARD", ""])
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        lines += [
            draw(begins) if draw(st.integers(0, 4)) else draw(odd_begins),
            *draw(st.lists(lines_of, max_size=12)),
            "END:VCARD" if draw(st.integers(0, 4)) else draw(odd_ends),
        ]
    # Mostly one line break throughout, as exporters write; sometimes a mix.
    if draw(st.booleans()):
        breaks = [draw(_BREAKS)] * len(lines)
    else:
        breaks = draw(st.lists(_BREAKS, min_size=len(lines), max_size=len(lines)))
    text = "".join(line + end for line, end in zip(lines, breaks, strict=True))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # no line break at the end
    return text.encode("utf-8")


def _read(reader: object, data: bytes) -> object:
    try:
        return reader(data)  # type: ignore[operator]
    except PlannerError as error:
        return ("error", type(error), str(error))


@settings(max_examples=500, deadline=None)
@given(vcard_files())
def test_the_fast_reader_reads_as_the_reference_did(data: bytes) -> None:
    assert _read(read_vcards, data) == _read(vcard_reference.read_vcards, data)


@settings(max_examples=300, deadline=None)
@given(vcard_files(_PLAIN_LINES, odd_boundaries=False))
def test_files_without_quoted_printable_or_charset_read_as_the_reference_did(
    data: bytes,
) -> None:
    assert _read(read_vcards, data) == _read(vcard_reference.read_vcards, data)


def test_the_benchmark_s_kind_of_file_reads_the_same() -> None:
    from planner.exports.contacts import PersonRecord
    from planner.exports.vcard_writer import render_people_vcards

    people = [
        PersonRecord(
            honorific="Dr",
            given_name=given,
            family_name=f"{family} {n}",
            position="ڈائریکٹر" * (n % 4),  # long enough, sometimes, to be folded
            affiliation="جامعہ پنجاب",
            email=f"p{n}@example.org" if n % 2 else "",
            phone="+92 51 9000000" if n % 3 == 0 else "",
            notes="Met at the Gulf roundtable.\nFollow up in spring." if n % 5 == 0 else "",
        )
        for n, (given, family) in enumerate(
            [("Ayesha", "Khattak"), ("عائشہ", "خٹک"), ("محمد", "الحسيني"), ("伟", "王")] * 10
        )
    ]
    data = render_people_vcards(people)
    assert read_vcards(data) == vcard_reference.read_vcards(data)
    assert len(read_vcards(data).records) == len(people)
