"""Screenshots of every view and the main dialogs, in the light and the dark theme.

    uv run python docs/screenshots/make_screenshots.py [--only NAME ...] [--out DIR]

Offscreen, on the demo data in a temporary database, at a fixed size (1100 x 700): writes
``NAME-light.png`` and ``NAME-dark.png`` into docs/screenshots/ (PNG with at most 256 colours,
optimised: the whole set stays small enough to commit). Each theme runs in a process of its
own (PLANNER_THEME), as a user who starts Planner with that theme sees it.

Adding a view is one entry in SHOTS: its name and a function that shows it in the main window
and returns the widget to grab (the window itself, or a dialog it opened).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from planner.ui.shell.main_window import MainWindow

HERE = Path(__file__).resolve().parent
SIZE = (1100, 700)
THEMES = ("light", "dark")
FEATURED_EVENT = "Pakistan – US"  # a demo event with a full cast, agenda and report


@dataclass(frozen=True)
class Shot:
    name: str
    show: Callable[[MainWindow], QWidget]


# --- what each shot shows ---------------------------------------------------------------------


def _featured(window: MainWindow) -> int:
    from sqlalchemy import select

    from planner.model import Event

    with window.ctx.db.session() as session:
        event_id = session.scalars(
            select(Event.id).where(Event.title.startswith(FEATURED_EVENT))
        ).first()
    assert event_id is not None, FEATURED_EVENT
    return int(event_id)


def editor_section(title: str) -> Callable[[MainWindow], QWidget]:
    def show(window: MainWindow) -> QWidget:
        window.section("Events")
        window.open_event(_featured(window))
        window.editor.show_section(title)
        return window

    return show


def show_documents(window: MainWindow) -> QWidget:
    editor_section("Documents")(window)
    window.editor.documents.render_selected()
    return window


def show_report(window: MainWindow) -> QWidget:
    editor_section("Report")(window)
    report = window.editor.report
    if not report.summary.toPlainText():
        report.summary.setPlainText(
            "The panel agreed that drone strikes remain the main obstacle. Senator Kamran "
            "argued that a new beginning is possible; General Owais was less hopeful."
        )
    report.rescan()
    return window


def show_month(window: MainWindow) -> QWidget:
    window.section("Events")
    window.open_event(_featured(window))
    snapshot = window.editor.snapshot
    window.events.show_month_of(snapshot.starts_at.date() if snapshot else date.today())
    return window


def section(label: str) -> Callable[[MainWindow], QWidget]:
    def show(window: MainWindow) -> QWidget:
        window.section(label)
        return window

    return show


def new_event_dialog(window: MainWindow) -> QWidget:
    from planner.ui.events.new_event_dialog import NewEventDialog

    dialog = NewEventDialog(window.ctx, window)
    dialog.show()
    return dialog


def new_person_dialog(window: MainWindow) -> QWidget:
    from planner.ui.editor.cast import NewPersonDialog

    dialog = NewPersonDialog(window)
    dialog.fields["given_name"].setText("عائشہ")
    dialog.fields["family_name"].setText("صدیقی")
    dialog.show()
    return dialog


SHOTS: tuple[Shot, ...] = (
    Shot("events", editor_section("Details")),
    Shot("month", show_month),
    Shot("editor-agenda", editor_section("Agenda")),
    Shot("editor-people", editor_section("People")),
    Shot("editor-invitations", editor_section("Invitations")),
    Shot("editor-briefing", editor_section("Briefing")),
    Shot("editor-report", show_report),
    Shot("editor-documents", show_documents),
    Shot("editor-checks", editor_section("Checks")),
    Shot("people", section("People")),
    Shot("venues", section("Venues")),
    Shot("series", section("Series")),
    Shot("organisation", section("Organisation")),
    Shot("new-event", new_event_dialog),
    Shot("new-person", new_person_dialog),
)


# --- taking them ----------------------------------------------------------------------------


def settle(seconds: float = 0.3) -> None:
    """Let queued work (a preview's page render, a deferred reload) reach the screen."""
    import time

    from PySide6.QtWidgets import QApplication

    from planner.ui import worker

    worker.wait_for_all(30000)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()


def save_png(widget: QWidget, path: Path) -> None:
    """Grab ``widget`` and write it as an optimised PNG of at most 256 colours."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    import io

    image = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def take(theme: str, names: list[str], out: Path) -> list[Path]:
    """In this process, with ``theme`` already chosen through PLANNER_THEME."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from planner.store import Database
    from planner.store.demo import load_demo
    from planner.ui import worker
    from planner.ui.context import AppContext
    from planner.ui.shell.main_window import MainWindow
    from planner.ui.widgets.style import follow_system_theme, theme_choice

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    follow_system_theme(app, theme_choice(None))
    worker.set_synchronous(True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.db"
        loaded = Database.open(f"sqlite:///{demo}")
        load_demo(loaded)
        loaded.dispose()
        for shot in SHOTS:
            if names and shot.name not in names:
                continue
            # A database, settings and window of its own per shot: nothing carried over from
            # the shot before (an edit to the report, the month view chosen).
            copy = Path(folder) / f"{shot.name}.db"
            shutil.copyfile(demo, copy)
            db = Database.open(f"sqlite:///{copy}")
            ini = str(Path(folder) / f"{shot.name}.ini")
            settings = QSettings(ini, QSettings.Format.IniFormat)
            window = MainWindow(AppContext(db=db, undo_stack=QUndoStack()), settings)
            window.resize(*SIZE)
            window.show()
            window.start()
            window.editor.documents.interactive = False
            widget = shot.show(window)
            settle()
            path = out / f"{shot.name}-{theme}.png"
            save_png(widget, path)
            written.append(path)
            if widget is not window:
                widget.close()
            window.close()
            window.deleteLater()
            settle(0)
            db.dispose()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="only these shots (names)")
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the PNGs")
    parser.add_argument("--theme", choices=THEMES, help=argparse.SUPPRESS)  # the child's
    args = parser.parse_args(argv)
    unknown = set(args.only) - {shot.name for shot in SHOTS}
    if unknown:
        parser.error(f"no such shot: {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.theme:
        for path in take(args.theme, args.only, args.out):
            print(path)
        return 0
    for theme in THEMES:
        env = {**os.environ, "PLANNER_THEME": theme, "QT_QPA_PLATFORM": "offscreen"}
        command = [sys.executable, __file__, "--theme", theme, "--out", str(args.out)]
        if args.only:
            command += ["--only", *args.only]
        done = subprocess.run(command, env=env, check=False)
        if done.returncode:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
