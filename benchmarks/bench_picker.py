"""How long typing in the person picker (the editor's cast, agenda and invitations) blocks the
GUI thread, and how soon its matches show, on a directory of 100,000 people.

Types each query a key at a time into a ``PersonSearchEdit`` (offscreen) and times each key
press as the user feels it: the time until the key press returns to the event loop (what a
search on the GUI thread adds to every key), and, after the last key of a word, the time until
the matches are in the popup's model.

    uv run python benchmarks/bench_picker.py --db FILE_OR_URL      # a database with people
    uv run python benchmarks/bench_picker.py [--people 100000]     # generated in a temp file

Not a test: it prints figures (see docs/readme/directory.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from planner.store import Database
from planner.ui.widgets.picker import PersonSearchEdit

sys.path.insert(0, str(Path(__file__).parent))
from bench_people_search import generate

QUERIES = ("s", "a", "王", "sehar", "khattak", "illinois", "zzqx")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.1f} ms"


def press(edit: PersonSearchEdit, letter: str) -> None:
    """One key as the keyboard sends it (QTest's key names are ASCII only: no 王)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            edit, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, letter)
        )


def settle(edit: PersonSearchEdit, text: str, timeout: float = 10.0) -> float:
    """Run the event loop until the matches for ``text`` are shown; seconds waited."""
    started = time.perf_counter()
    while edit.matches.shown_text != text.strip() and time.perf_counter() - started < timeout:
        loop = QEventLoop()
        QTimer.singleShot(2, loop.quit)
        loop.exec()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", metavar="URL", help="a database that holds people")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QCoreApplication)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        if "://" not in url:
            url = f"sqlite:///{Path(url).resolve()}"
        db = Database.open(url)
        if args.db is None:
            generate(db, args.people)
        edit = PersonSearchEdit(db)
        edit.resize(500, 30)
        edit.show()
        edit.setFocus()
        keys: list[float] = []
        shown: list[float] = []
        for query in QUERIES:
            edit.clear()
            settle(edit, "")
            for n, letter in enumerate(query, start=1):
                t0 = time.perf_counter()
                press(edit, letter)
                keys.append(time.perf_counter() - t0)
                if n < len(query):
                    QTest.qWait(40)  # a quick typist: the next key before the debounce ends
            t1 = time.perf_counter()
            waited = settle(edit, query)
            shown.append(time.perf_counter() - t1)
            count = edit.matches.rowCount()
            print(
                f"  {query!r:12} last key {ms(keys[-1])}   matches shown after {ms(waited)}"
                f"   ({count} in the popup)"
            )
            edit.completer_.popup().hide()
        print(
            f"\nkey press on the GUI thread: median {ms(statistics.median(keys))}"
            f"   max {ms(max(keys))}   ({len(keys)} keys)"
        )
        print(f"matches shown after the last key: median {ms(statistics.median(shown))}")
        edit.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
