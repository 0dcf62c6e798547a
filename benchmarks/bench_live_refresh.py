"""Live refresh: how soon another program's commit shows in the open window, and what watching
costs while nothing happens.

Opens the main window (offscreen) on the demo data, then ``--runs`` times starts another
process that renames an event and prints the time of its commit; the window's events list is
watched until the new title is in it. The figure is that delay (commit to list), median and
range. Then the window sits idle for ``--idle`` seconds with live refresh on, and as long with
it off: the process's CPU time over each stretch, as a share of one core.

    uv run python benchmarks/bench_live_refresh.py                     # a SQLite file
    uv run python benchmarks/bench_live_refresh.py --db postgresql+psycopg://...  # a server

The PostgreSQL database must be empty (it gets the demo). Not a test: it prints figures (see
docs/guide/gui.md, Live refresh).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RENAME = """
import sys, time
from sqlalchemy import select
from planner.model import Event
from planner.store import Database
db = Database.open(sys.argv[1])
with db.session() as session:
    event = session.scalars(select(Event).order_by(Event.id)).first()
    event.title = sys.argv[2]
print(time.time())
db.dispose()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a database URL (default: a new SQLite file)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--idle", type=float, default=30.0, help="seconds of each idle stretch")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from planner.store import Database
    from planner.store.demo import load_demo
    from planner.ui.context import AppContext
    from planner.ui.shell.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="planner-live-"))
    url = args.db or f"sqlite:///{folder / 'planner.sqlite3'}"
    app = QApplication(sys.argv)
    db = Database.open(url)
    load_demo(db)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(db=db, undo_stack=QUndoStack()), settings)
    window.show()
    window.start()

    def titles() -> set[str]:
        model = window.events.model
        return {model.row_at(row).title for row in range(model.rowCount())}

    def run_until(done: object, timeout: float) -> float | None:
        """Run the event loop until ``done()``; the time it became true, or None."""
        deadline = time.monotonic() + timeout
        loop = QEventLoop()
        while time.monotonic() < deadline:
            if done():  # type: ignore[operator]
                return time.time()
            QTimer.singleShot(5, loop.quit)
            loop.exec()
        return None

    run_until(lambda: False, 1.0)  # the list is filled
    delays: list[float] = []
    for run in range(args.runs):
        title = f"Renamed elsewhere {run}"
        other = subprocess.Popen(
            [sys.executable, "-c", RENAME, url, title], stdout=subprocess.PIPE, text=True
        )
        seen = run_until(lambda t=title: t in titles(), 30.0)
        out, _ = other.communicate()
        if seen is None:
            print(f"run {run}: not seen within 30 s")
            continue
        delays.append(seen - float(out.strip()))
        run_until(lambda: False, 0.3)
    back_end = db.engine.dialect.name
    if delays:
        print(
            f"{back_end}: commit in another process to the list showing it, {len(delays)} runs: "
            f"median {statistics.median(delays) * 1000:.0f} ms "
            f"(min {min(delays) * 1000:.0f}, max {max(delays) * 1000:.0f})"
        )

    def idle_cpu() -> float:
        start_cpu, start = time.process_time(), time.monotonic()
        loop = QEventLoop()
        QTimer.singleShot(int(args.idle * 1000), loop.quit)  # the event loop, left alone
        loop.exec()
        return (time.process_time() - start_cpu) / (time.monotonic() - start) * 100

    watching = idle_cpu()
    window._stop_live_refresh()
    not_watching = idle_cpu()
    print(
        f"{back_end}: idle CPU over {args.idle:g} s: {watching:.2f} % of a core watching, "
        f"{not_watching:.2f} % with live refresh off"
    )
    window.close()
    db.dispose()
    app.quit()


if __name__ == "__main__":
    main()
