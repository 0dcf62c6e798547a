"""File names the window suggests in its save dialogs."""

from __future__ import annotations

import re


def safe_file_name(text: str) -> str:
    """An ASCII, lower-case name made from a title, safe on every file system."""
    name = re.sub(r"[^\w\-]+", "-", text, flags=re.ASCII).strip("-").lower()
    return name[:60] or "document"
