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
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QWidget

    from planner.ui.series.plan_dialog import PlanSessionsDialog
    from planner.ui.shell.main_window import MainWindow

HERE = Path(__file__).resolve().parent
SIZE = (1100, 700)
THEMES = ("light", "dark")
FEATURED_EVENT = "Pakistan – US"  # a demo event with a full cast, agenda and report
INVITED_EVENT = "Pakistan – Russia"  # invitees with Urdu, Arabic and Cyrillic names
# Who makes the window's edits, and the other organisers in the history and the conflict
# dialog: names in the scripts the users write them in.
ME = "Omar Farooq"
OTHERS = ("Sana Qureshi", "عائشہ صدیقی", "ليلى حداد", "王芳")


@dataclass(frozen=True)
class Shot:
    name: str
    # The widget to grab (the window, or a dialog it opened), or a picture already composed
    # (a popup menu painted over the window).
    show: Callable[[MainWindow], QWidget | QImage]
    read_only: bool = False  # the demo file opened read-only (SQLite's mode=ro)


# --- what each shot shows ---------------------------------------------------------------------


def _featured(window: MainWindow, title: str = FEATURED_EVENT) -> int:
    """The demo event whose title starts with ``title``."""
    from sqlalchemy import select

    from planner.model import Event

    with window.ctx.db.session() as session:
        event_id = session.scalars(select(Event.id).where(Event.title.startswith(title))).first()
    assert event_id is not None, title
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


def people_search(window: MainWindow) -> QWidget:
    from planner.ui.people.view import PeopleView

    view = window.section("People")
    assert isinstance(view, PeopleView)
    view.search.setText("kh")
    view.apply_search()
    view.select_person(view.model.person_id(0))
    return window


def people_merge(window: MainWindow) -> QWidget:
    """Merge duplicates: a second, sparser record of Khalid Khattak."""
    from planner.services.people import create_person, search_people
    from planner.ui.people.merge_dialog import MergeDialog

    duplicate = create_person(
        window.ctx.db,
        {
            "given_name": "K.",
            "family_name": "Khattak",
            "email": "kk@mofa.example.org",
            "position": "Former Ambassador to the Gulf states",
        },
    )
    khattak = search_people(window.ctx.db, "khalid khattak")[0].id
    dialog = MergeDialog(window.ctx, [khattak, duplicate], window.section("People"))
    dialog.show()
    return dialog


def file_menu(window: MainWindow) -> QImage:
    """The File menu open under its title: the menu is a popup of its own, painted onto the
    window's picture where it opened."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter

    editor_section("Details")(window)
    bar = window.menuBar()
    below = bar.actionGeometry(window.file_menu.menuAction()).bottomLeft()
    window.file_menu.popup(bar.mapToGlobal(below))
    settle()
    image = window.grab().toImage()
    corner = window.mapFromGlobal(window.file_menu.pos())
    painter = QPainter(image)
    painter.drawImage(
        QPoint(max(corner.x(), 0), max(corner.y(), 0)), window.file_menu.grab().toImage()
    )
    painter.end()
    window.file_menu.hide()
    return image


def connect_dialog(window: MainWindow) -> QWidget:
    from planner.ui.shell.connect_dialog import ConnectDialog

    dialog = ConnectDialog(window)
    dialog.host.setText("db.cpgs.example.org")
    dialog.database.setText("planner")
    dialog.user.setText("sana")
    dialog.password.setText("correct horse")
    dialog.remember.setChecked(True)
    dialog.show()
    return dialog


def guide_window(window: MainWindow) -> QWidget:
    from planner.ui.shell.help_window import HelpWindow

    window.show_help()  # F1
    guide = window.findChild(HelpWindow)
    assert guide is not None
    guide.resize(*SIZE)
    titles = [guide.contents.item(row).text() for row in range(guide.contents.count())]
    guide.contents.setCurrentRow(titles.index("The desktop application"))
    return guide


def new_database_dialog(window: MainWindow) -> QWidget:
    """File ▸ New Database…, the demo ticked."""
    from pathlib import Path

    from planner.ui.shell.new_database_dialog import NewDatabaseDialog

    dialog = NewDatabaseDialog(Path("~/Documents/events.sqlite3"), window)  # not /root/…
    dialog.demo.setChecked(True)
    dialog.show()
    return dialog


def shortcuts_dialog(window: MainWindow) -> QWidget:
    from PySide6.QtGui import QAction

    from planner.ui.shell.help_window import ShortcutsDialog

    dialog = ShortcutsDialog(window.findChildren(QAction), window)
    dialog.show()
    return dialog


def restore_dialog(window: MainWindow) -> QWidget:
    """Restore from Backup… with a few backups to choose from (the automatic one taken when
    the file was opened, and two taken by hand around an edit)."""
    from planner.services.safety import back_up
    from planner.ui.shell.health import BackupsDialog

    database = window.database_path()
    assert database is not None
    back_up(window.ctx.db)
    _edit_featured(window, "short_title", "PK-US 2014")
    back_up(window.ctx.db)
    dialog = BackupsDialog(database, window)
    dialog.table.selectRow(0)
    dialog.show()
    return dialog


def _edit_featured(window: MainWindow, field: str, value: object, who: str = ME) -> None:
    """One edit of the featured event as ``who``, through the window's undo stack."""
    from planner.services.operations import Record, SetField
    from planner.ui.commands import push

    os.environ["PLANNER_USER"] = who
    try:
        edit = SetField(Record.EVENT, _featured(window), field, value, f"Edit {field}")
        push(window.ctx, edit, window.editor.changed)
    finally:
        os.environ["PLANNER_USER"] = ME


def history_section(window: MainWindow) -> QWidget:
    """History after a few edits by several organisers."""
    editor_section("Details")(window)
    _edit_featured(window, "short_title", "PK-US", OTHERS[0])
    _edit_featured(window, "title", "Pakistan – US Relations: A New Beginning?", OTHERS[1])
    _edit_featured(window, "short_title", "PK-US 2014", OTHERS[2])
    _edit_featured(window, "title", "Pakistan – US Relations: Beyond the Drones", OTHERS[3])
    _edit_featured(window, "short_title", "PK-US-14")
    window.editor.refresh()
    window.editor.show_section("History")
    settle(0.8)  # the history is read once the edits pause
    return window


def _move_after_sending(window: MainWindow) -> None:
    """Invitations written and a programme saved, then the event moved by an hour: both are
    now out of date."""
    from datetime import timedelta

    from planner.services.events import MoveEvent
    from planner.services.invitations import Recipients
    from planner.ui.commands import push

    database = window.database_path()
    assert database is not None
    event_id = _featured(window, INVITED_EVENT)
    window.section("Events")
    window.open_event(event_id)
    editor = window.editor
    editor.invitations.interactive = False
    editor.invitations.set_choice(Recipients.INVITEES)
    editor.invitations.write_invitations(database.parent / "drafts")
    editor.documents.render_kind("programme")
    editor.documents.save_as(database.parent / "programme.pdf")
    snapshot = editor.snapshot
    assert snapshot is not None
    hour = timedelta(hours=1)
    # As the Details section moves it: the agenda moves with the event.
    move = MoveEvent(
        event_id, snapshot.starts_at + hour, snapshot.ends_at + hour, snapshot.time_zone
    )
    push(window.ctx, move, editor.changed)
    editor.refresh()
    editor.invitations.set_choice(Recipients.NEW)
    editor.invitations.message.setText("")
    settle(1.0)  # the events list refreshes after the edit
    window.statusBar().clearMessage()  # "Saved /tmp/…/programme.pdf"


def invitations_out_of_date(window: MainWindow) -> QWidget:
    _move_after_sending(window)
    window.editor.show_section("Invitations")
    return window


def documents_out_of_date(window: MainWindow) -> QWidget:
    _move_after_sending(window)
    window.editor.show_section("Documents")
    window.editor.documents.render_selected()
    return window


def conflict_dialog(window: MainWindow) -> QWidget:
    """“Changed by … since you opened it”: another organiser renames the event through a
    handle of their own on the same file while the window types into it."""
    from PySide6.QtTest import QTest

    from planner.services.operations import Record, SetField, apply
    from planner.store import Database

    editor_section("Details")(window)
    event_id = _featured(window)
    theirs = Database.open(window.ctx.db.url)
    os.environ["PLANNER_USER"] = OTHERS[0]
    try:
        title = "Pakistan – US Relations: After the Drones"
        apply(theirs, SetField(Record.EVENT, event_id, "title", title, "Edit title"))
    finally:
        os.environ["PLANNER_USER"] = ME
        theirs.dispose()
    short_title = window.editor.details.short_title
    short_title.setFocus()
    QTest.keyClicks(short_title, "PK-US")
    settle()
    dialog = window.conflict_guard.dialog
    assert dialog is not None, "no conflict dialog"
    return dialog


def read_only(window: MainWindow) -> QWidget:
    assert window.read_only_bar is not None
    return editor_section("Details")(window)


def organisation_your_name(window: MainWindow) -> QWidget:
    from planner.ui.organisation.view import OrganisationView
    from planner.ui.organisation.your_name import YourNameBox

    view = window.section("Organisation")
    assert isinstance(view, OrganisationView)
    box = view.findChild(YourNameBox)
    assert box is not None
    box.edit.setText(OTHERS[1])
    box.save()
    return window


# The demo's series gets the Islamabad Club's Main Hall and the chair of 'Gulf Security' as
# its defaults, and something else in that hall with that chair on the third date planned: the
# plan marks the clash.
SERIES = "Pakistan"
CLASH_DAY = (2014, 3, 11)


def _series_with_a_clash(window: MainWindow) -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from sqlalchemy import select

    from planner.model import Event, EventStatus, Participation, Role, Room, Series

    karachi = ZoneInfo("Asia/Karachi")
    with window.ctx.db.session() as s:
        series = s.scalars(select(Series).where(Series.title.startswith(SERIES))).one()
        hall = s.scalars(select(Room).where(Room.name == "Main Hall")).one()
        gulf = s.scalars(select(Event).where(Event.title.startswith("Gulf Security"))).one()
        chair = s.scalars(
            select(Participation.person_id).where(
                Participation.event_id == gulf.id, Participation.role == Role.CHAIR
            )
        ).first()
        series.default_venue_id, series.default_room_id = hall.venue_id, hall.id
        series.default_chair_id = chair
        series.default_duration_minutes = 120
        s.add(
            Event(
                uid="screenshot-cpec@planner",
                title="CPEC Roundtable",
                starts_at=datetime(*CLASH_DAY, 17, 30, tzinfo=karachi),
                ends_at=datetime(*CLASH_DAY, 19, 0, tzinfo=karachi),
                time_zone="Asia/Karachi",
                status=EventStatus.PLANNED,
                venue_id=hall.venue_id,
                room_id=hall.id,
                key_issues=[],
                report_recommendations=[],
                participations=[Participation(person_id=chair, role=Role.CHAIR, position=0)],
            )
        )
        # Series titled in the other scripts the directory holds.
        for title in ("پاکستان خارجہ پالیسی جائزہ", "منتدى أمن الخليج", "中巴经济走廊论坛"):
            s.add(Series(title=title, numbering="Session {n}"))
        return int(series.id)


def _plan(window: MainWindow, series_id: int) -> PlanSessionsDialog:
    """Plan Sessions… : six sessions on the second Tuesday of each month from January 2014 at
    17:00, the clashing March one unticked and chosen."""
    from PySide6.QtCore import QDate, QTime

    from planner.services.series_pattern import Repeat
    from planner.ui.series.plan_dialog import PlanSessionsDialog

    view = window.section("Series")
    dialog = PlanSessionsDialog(window.ctx, series_id, parent=view)
    dialog.resize(900, 680)
    dialog.show()
    dialog.set_repeat(Repeat.MONTHLY)
    dialog.week.setCurrentIndex(dialog.week.findData(2))
    dialog.weekday.setCurrentIndex(1)  # Tuesday
    dialog.start.setDate(QDate(2014, 1, 1))
    dialog.count.setValue(6)
    dialog.at.setTime(QTime(17, 0))
    dialog.refresh_preview()
    dialog.set_ticked(2, False)
    dialog.table.setCurrentIndex(dialog.model.index(2, 0))
    return dialog


def plan_sessions_dialog(window: MainWindow) -> QWidget:
    return _plan(window, _series_with_a_clash(window))


def series_sessions(window: MainWindow) -> QWidget:
    """The series after planning: its sessions, the fifth cancelled (kept, struck through)."""
    from PySide6.QtWidgets import QMessageBox

    from planner.ui.series.view import SeriesView

    series_id = _series_with_a_clash(window)
    dialog = _plan(window, series_id)
    dialog.create_sessions()
    dialog.close()
    view = window.section("Series")
    assert isinstance(view, SeriesView)
    view.refresh()
    view.select_series(series_id)
    view.select_event(view.events_model.row_id(4))
    ask = QMessageBox.question
    QMessageBox.question = lambda *_a, **_k: QMessageBox.StandardButton.Yes  # type: ignore[method-assign]
    try:
        view.cancel_session()
    finally:
        QMessageBox.question = ask  # type: ignore[method-assign]
    view.select_event(view.events_model.row_id(3))
    # At 700 pixels the series' form fills the pane: scrolled down to its sessions and buttons.
    from PySide6.QtWidgets import QScrollArea

    pane = view.findChild(QScrollArea)
    assert pane is not None
    settle(0)
    pane.ensureWidgetVisible(view.plan_button)
    return window


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
    Shot("editor-history", history_section),
    Shot("invitations-out-of-date", invitations_out_of_date),
    Shot("documents-out-of-date", documents_out_of_date),
    Shot("people", section("People")),
    Shot("people-search", people_search),
    Shot("people-merge", people_merge),
    Shot("venues", section("Venues")),
    Shot("series-sessions", series_sessions),
    Shot("series-plan", plan_sessions_dialog),
    Shot("organisation", organisation_your_name),
    Shot("file-menu", file_menu),
    Shot("connect", connect_dialog),
    Shot("new-database", new_database_dialog),
    Shot("restore", restore_dialog),
    Shot("read-only", read_only, read_only=True),
    Shot("conflict", conflict_dialog),
    Shot("guide", guide_window),
    Shot("shortcuts", shortcuts_dialog),
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


def save_png(shown: QWidget | QImage, path: Path) -> None:
    """Grab ``shown`` (or take the picture as it is) and write it as an optimised PNG of at
    most 256 colours."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage, QPixmap

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture = QPixmap.fromImage(shown) if isinstance(shown, QImage) else shown.grab()
    picture.save(buffer, "PNG")
    import io

    image = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    small = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def take(theme: str, names: list[str], out: Path) -> list[Path]:
    """In this process, with ``theme`` already chosen through PLANNER_THEME."""
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication, QWidget

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
            url = (
                f"sqlite:///file:{copy}?mode=ro&uri=true" if shot.read_only else f"sqlite:///{copy}"
            )
            db = Database.open(url)
            ini = str(Path(folder) / f"{shot.name}.ini")
            settings = QSettings(ini, QSettings.Format.IniFormat)
            window = MainWindow(AppContext(db=db, undo_stack=QUndoStack()), settings)
            window.resize(*SIZE)
            window.show()
            window.start()
            window.editor.documents.interactive = False
            shown = shot.show(window)
            settle()
            path = out / f"{shot.name}-{theme}.png"
            save_png(shown, path)
            written.append(path)
            if isinstance(shown, QWidget) and shown is not window:
                shown.close()
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
        env["PLANNER_USER"] = ME
        with tempfile.TemporaryDirectory() as home:
            # Settings, backups and the outbox in a folder of their own, never the user's
            # (platformdirs follows XDG on Linux).
            for variable in (
                "XDG_DATA_HOME",
                "XDG_CONFIG_HOME",
                "XDG_STATE_HOME",
                "XDG_CACHE_HOME",
            ):
                env[variable] = str(Path(home) / variable.lower())
            if _run_child(theme, args, env):
                return 1
    return 0


def _run_child(theme: str, args: argparse.Namespace, env: dict[str, str]) -> int:
    command = [sys.executable, __file__, "--theme", theme, "--out", str(args.out)]
    if args.only:
        command += ["--only", *args.only]
    return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
