"""Text read back from our PDFs, as the leak suite searches it."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    # Presentation forms back to letters; wrapped lines rejoined so a name split across two
    # lines is still found.
    return flat(unicodedata.normalize("NFKC", text))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)
