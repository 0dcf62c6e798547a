"""Our PDFs read back: their text as the leak suite searches it, their pages and their fonts
(helpers; holds no tests itself)."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader


def read_pdf(pdf: bytes | Path) -> PdfReader:
    return PdfReader(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))


def pages(pdf: bytes | Path) -> list[str]:
    """Each page's text as pypdf extracts it."""
    return [page.extract_text() or "" for page in read_pdf(pdf).pages]


def pdf_text(pdf: bytes | Path, *, keep_lines: bool = False) -> str:
    """The whole text, as :func:`normalised`."""
    return normalised("\n".join(pages(pdf)), keep_lines=keep_lines)


def normalised(text: str, *, keep_lines: bool = False) -> str:
    """Presentation forms back to letters (NFKC) and, unless ``keep_lines``, every run of
    white space one space, so a name wrapped over two lines is still found."""
    text = unicodedata.normalize("NFKC", text)
    return text if keep_lines else flat(text)


def flat(text: str) -> str:
    """Line breaks and runs of spaces as single spaces (wrapped lines rejoined)."""
    return re.sub(r"\s+", " ", text)


def fonts_used(pdf: bytes | Path) -> set[str]:
    """Base font names (subset prefix removed) of every page's font resources."""
    names: set[str] = set()
    for page in read_pdf(pdf).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names
