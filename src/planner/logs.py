"""The window's log file: rotating, in the user log folder, and never holding a password.

Database URLs may carry a password (``postgresql://planner:secret@host/db``); every record is
scrubbed before it is written, and so is the text of the crash dialog.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "planner.log"
MAX_BYTES = 1_000_000
BACKUPS = 3

# scheme://user:password@ (the password is everything up to the last @ before the host).
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][\w+.-]*://[^:/@\s]*:)(?P<secret>[^\s/]*)@")
_KEY_PASSWORD = re.compile(
    r"(?P<head>\b(?:password|passwd|pwd)\s*[=:]\s*)(?P<secret>[^\s&;,'\"]+)", re.I
)


def scrub(text: str) -> str:
    """``text`` with the passwords of database URLs and ``password=...`` pairs replaced."""
    text = _URL_PASSWORD.sub(lambda m: m.group("head") + "***@", text)
    return _KEY_PASSWORD.sub(lambda m: m.group("head") + "***", text)


class ScrubbingFormatter(logging.Formatter):
    """Formats as usual (traceback included), then scrubs the whole record."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def log_file() -> Path:
    from planner.config import log_dir

    return log_dir() / LOG_NAME


def start_file_log(path: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the program's log records to a rotating file (made once; returns its path)."""
    path = path or log_file()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return path
