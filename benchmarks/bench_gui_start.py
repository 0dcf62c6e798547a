"""Start-up time of the desktop application against a bare QMainWindow, measured the same way.

Each measurement is a fresh Python process (imports included, as a user pays them). The parent
passes its monotonic clock reading taken just before it starts the child (CLOCK_MONOTONIC is
shared by all processes on Linux and macOS); the child reports the same clock when the window
first receives a paint event and, for Planner, when the events list has been filled on the demo
database. Targets (issue 5): painted within 2x the bare window, events listed within 5x.

    uv run python benchmarks/bench_gui_start.py [--runs 7]

Runs offscreen unless QT_QPA_PLATFORM is set, from compiled bytecode as an installed program
does (see run_child).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD_BARE = "bare"
CHILD_PLANNER = "planner"


def child(kind: str, started: float, db_path: str) -> None:
    """Runs in the measured process: print {"painted": s, "listed": s} and exit."""
    if kind == CHILD_PLANNER:
        # As the planner console script starts (planner.cli.main.run).
        import gc

        from planner.cli.main import GC_THRESHOLDS

        gc.set_threshold(*GC_THRESHOLDS)
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    times: dict[str, float] = {}

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in times:
                times["painted"] = time.monotonic() - started
                QTimer.singleShot(0, maybe_quit)
            return False

    def maybe_quit() -> None:
        if "painted" in times and (kind == CHILD_BARE or "listed" in times):
            print(json.dumps(times), flush=True)
            QApplication.quit()

    watcher = PaintWatcher()
    if kind == CHILD_BARE:
        app = QApplication(sys.argv)
        window = QMainWindow()
        window.resize(1320, 840)
        window.setWindowTitle("bare")
        window.installEventFilter(watcher)
        window.show()
        app.exec()
        return

    from PySide6.QtCore import QSettings

    from planner.app import start_gui

    settings_file = Path(db_path).with_suffix(".ini")
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    # start_gui shows the window; watch for its first paint from the QApplication instead.
    app_instance = QApplication.instance() or QApplication(sys.argv)
    app_instance.installEventFilter(watcher)
    app, window = start_gui(db_path, settings=settings)

    def listed() -> None:
        if "listed" not in times:
            times["listed"] = time.monotonic() - started
            times["events"] = float(window.events.model.rowCount())
            maybe_quit()

    window.events.loaded.connect(listed)
    app.exec()


def run_child(kind: str, db_path: str, pycache: str) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # As an installed program runs: from compiled bytecode (this sandbox sets
    # PYTHONDONTWRITEBYTECODE, which makes every start compile SQLAlchemy from source). The
    # bytecode goes to a cache of this run's own, written by the warm-up start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--started", repr(started), "--db", db_path],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    line = [x for x in out.stdout.splitlines() if x.startswith("{")][-1]
    result: dict[str, float] = json.loads(line)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=(CHILD_BARE, CHILD_PLANNER))
    parser.add_argument("--started", type=float)
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.started, args.db)
        return 0

    from planner.store import Database
    from planner.store.demo import load_demo

    folder = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    db_path = str(folder / "demo.sqlite3")
    db = Database.open(f"sqlite:///{db_path}")
    load_demo(db)
    db.dispose()
    pycache = str(folder / "pycache")
    run_child(CHILD_BARE, db_path, pycache)  # warm the file cache and write the bytecode once
    run_child(CHILD_PLANNER, db_path, pycache)

    bare: list[float] = []
    painted: list[float] = []
    listed: list[float] = []
    events = 0.0
    for _ in range(args.runs):  # interleaved, so drift in the machine's load hits both
        bare.append(run_child(CHILD_BARE, db_path, pycache)["painted"])
        result = run_child(CHILD_PLANNER, db_path, pycache)
        painted.append(result["painted"])
        listed.append(result["listed"])
        events = result["events"]

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:7.0f} ms"

    b, p, w = (statistics.median(v) for v in (bare, painted, listed))
    print(
        f"platform: {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, runs: {args.runs} (medians)"
    )
    print(f"bare QMainWindow painted      {ms(bare)}")
    print(f"Planner main window painted   {ms(painted)}   {p / b:4.2f}x bare (target <= 2x)")
    print(
        f"Planner events listed ({events:.0f})    {ms(listed)}   {w / b:4.2f}x bare (target <= 5x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
