"""The File menu: its exact items, switching databases in the same window (the lock, the title
bar, refusals that leave the open database open), Open Recent, Import…/Export… and files
dropped on the window."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from package_samples import sample
from planner.services.database import address, file_of
from planner.services.demo import load_demo as load_demo_service
from planner.services.events import list_events
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.events.package_dialogs import ImportPreviewDialog
from planner.ui.people.view import PeopleView
from planner.ui.shell import databases, imports, recent
from planner.ui.shell.main_window import MainWindow
from planner.ui.shell.new_database_dialog import NewDatabaseDialog
from planner.ui.shell.single_instance import SingleInstance

FILE_MENU = [
    "New Event…",
    "New Session of This Series",
    "Delete Event…",
    "",
    "New Database…",
    "Open Database…",
    "Open Recent",
    "Connect to Team Server…",
    "",
    "Back Up Now",
    "Restore from Backup…",
    "",
    "Import…",
    "Export…",
    "",
    "Print Programme…",
    "",
    "Quit",
]

# The message boxes a test saw: (title, text), in order (the ``boxes`` fixture).
Boxes = list[tuple[str, str]]


@pytest.fixture
def window(open_window: Callable[..., MainWindow]) -> MainWindow:
    return open_window()


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Path]:
    """A second database file, with the demo events in it."""
    path = tmp_path / "other" / "second.sqlite3"
    path.parent.mkdir()
    database = Database.open(f"sqlite:///{path}")
    load_demo(database)
    database.dispose()
    yield path


def _menu_texts(window: MainWindow) -> list[str]:
    return [action.text().replace("&", "") for action in window.file_menu.actions()]


def _events(window: MainWindow) -> int:
    return len(list_events(window.ctx.db))


def test_the_file_menu_has_these_items_in_this_order(window: MainWindow) -> None:
    assert _menu_texts(window) == FILE_MENU
    help_menu = [
        a.text().replace("&", "") for a in window.help_action.parent().findChildren(QAction)
    ]
    assert "Planner Guide" in help_menu and "Keyboard Shortcuts" in help_menu


def test_the_title_bar_names_the_open_database(window: MainWindow, db_path: Path) -> None:
    assert window.windowTitle() == f"Planner — {db_path.name} ({db_path.parent})"


def test_open_database_switches_in_the_same_window_and_trades_the_locks(
    window: MainWindow, db_path: Path, other_db: Path, boxes: Boxes
) -> None:
    first = SingleInstance(db_path)
    assert first.acquire()  # as run_gui does: the window holds its file's lock
    window.adopt_instance(first)
    assert _events(window) == 0
    assert databases.open_database(window, other_db)
    assert not boxes
    assert window.windowTitle() == f"Planner — second.sqlite3 ({other_db.parent})"
    assert _events(window) > 0
    assert window.events.model.rowCount() > 0  # the list shows the new file's events
    # The new file is held, the old one free for another window.
    assert window.instance is not None and window.instance.database == other_db.resolve()
    assert not SingleInstance(other_db).acquire()
    again = SingleInstance(db_path)
    assert again.acquire()
    again.release()
    # Both are in Open Recent, newest first; the undo steps of the old file are gone.
    assert recent.entries(window.settings)[:2] == [
        f"sqlite:///{other_db.resolve()}",
        f"sqlite:///{db_path.resolve()}",
    ]
    assert window.undo_stack.count() == 0


def test_a_file_open_in_another_window_is_not_opened_twice(
    window: MainWindow, other_db: Path, boxes: Boxes
) -> None:
    elsewhere = SingleInstance(other_db)
    assert elsewhere.acquire()
    try:
        assert not databases.open_database(window, other_db)
    finally:
        elsewhere.release()
    assert len(boxes) == 1 and "already open in another Planner window" in boxes[0][1]
    assert "second.sqlite3" not in window.windowTitle()


@pytest.mark.parametrize("kind", ["not sqlite", "another program", "missing"])
def test_a_file_that_cannot_be_opened_leaves_the_open_database_open(
    window: MainWindow, db: Database, tmp_path: Path, boxes: Boxes, kind: str
) -> None:
    import sqlite3

    path = tmp_path / "bad.sqlite3"
    if kind == "not sqlite":
        path.write_bytes(b"%PDF-1.4 " * 500)
    elif kind == "another program":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE songs (title TEXT)")
    before = path.read_bytes() if path.exists() else None
    title = window.windowTitle()
    assert not databases.open_database(window, path)
    assert len(boxes) == 1
    assert "could not be opened" in boxes[0][1] and "stays open" in boxes[0][1]
    assert window.windowTitle() == title and address(window.ctx.db) == address(db)
    assert (path.read_bytes() if path.exists() else None) == before
    assert _events(window) == 0  # still usable
    # Its lock was given back: the file can be claimed again.
    lock = SingleInstance(path)
    assert lock.acquire()
    lock.release()


def test_new_database_makes_an_empty_file_and_refuses_an_existing_one(
    window: MainWindow, tmp_path: Path, other_db: Path, boxes: Boxes
) -> None:
    new = tmp_path / "fresh.sqlite3"
    assert databases.new_database(window, new)
    assert new.is_file() and window.windowTitle().startswith("Planner — fresh.sqlite3")
    assert _events(window) == 0
    size = other_db.stat().st_size
    assert not databases.new_database(window, other_db)
    assert "exists" in boxes[-1][1]
    assert other_db.stat().st_size == size
    assert window.windowTitle().startswith("Planner — fresh.sqlite3")
    # The file open in this window: refused for what it is, not as "open in another window".
    assert not databases.new_database(window, new)
    assert "exists" in boxes[-1][1] and "another Planner window" not in boxes[-1][1]


def test_new_database_dialog_offers_the_demo_off_by_default(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, other_db: Path, boxes: Boxes
) -> None:
    """File ▸ New Database…: the file (refused there and then when it exists) and "Start with
    the demo events", unticked; ticked, the new file holds the demo, loaded as by planner demo."""
    seen: dict[str, object] = {}

    def fill(path: Path, demo: bool) -> Callable[[], None]:
        def step() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, NewDatabaseDialog):
                QTimer.singleShot(20, step)
                return
            seen["demo default"] = dialog.demo.isChecked()
            seen["suggested"] = dialog.file.text()
            dialog.file.setText(str(other_db))  # a database is there: refused in the dialog
            dialog.create_button.click()
            seen["problem"] = dialog.problem.text()
            seen["still open"] = dialog.isVisible()
            dialog.file.setText(str(path.with_suffix("")))  # .sqlite3 is added
            dialog.demo.setChecked(demo)
            dialog.create_button.click()

        return step

    plain = tmp_path / "plain.sqlite3"
    QTimer.singleShot(0, fill(plain, False))
    assert databases.new_database(window)
    assert seen["demo default"] is False
    assert str(seen["suggested"]).endswith("events.sqlite3")
    assert str(seen["problem"]).startswith("File: ") and "exists" in str(seen["problem"])
    assert seen["still open"] is True
    assert boxes == []  # said in the dialog, not in a message box
    assert window.windowTitle().startswith("Planner — plain.sqlite3")
    assert _events(window) == 0

    with_demo = tmp_path / "with demo.sqlite3"
    QTimer.singleShot(0, fill(with_demo, True))
    assert databases.new_database(window)
    assert window.windowTitle().startswith("Planner — with demo.sqlite3")
    assert _events(window) == 4
    qtbot.waitUntil(lambda: window.events.model.rowCount() == 4)
    assert "demo data loaded" in window.statusBar().currentMessage()


def test_the_window_and_planner_demo_load_the_demo_with_one_function(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli.main import main
    from planner.services import demo as demo_service
    from planner.ui.shell import demo

    assert demo.load_demo is load_demo_service  # what the window's worker runs
    called: list[str] = []
    monkeypatch.setattr(demo_service, "load_demo", lambda db: called.append(db.url) or "loaded")
    assert main(["--db", str(tmp_path / "cli.sqlite3"), "demo"]) == 0
    assert len(called) == 1 and capsys.readouterr().out.strip() == "loaded"


def test_refused_edits_are_asked_about_before_switching(
    window: MainWindow, other_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []

    def stay() -> bool:
        asked.append(True)
        return False  # the user chose Cancel

    monkeypatch.setattr(window.save_guard, "confirm_close", stay)
    assert not databases.open_database(window, other_db)
    assert asked and "second.sqlite3" not in window.windowTitle()


def test_open_recent_greys_missing_files_and_clears(
    window: MainWindow, tmp_path: Path, other_db: Path
) -> None:
    gone = tmp_path / "gone.sqlite3"
    recent.remember(window.settings, f"sqlite:///{gone}")
    recent.remember(window.settings, "postgresql+psycopg://team:s3cret@db.example.org/planner")
    recent.remember(window.settings, f"sqlite:///{other_db}")
    menu = window.recent_menu
    menu.aboutToShow.emit()
    items = {a.text(): a for a in menu.actions() if a.text()}
    assert "team@db.example.org/planner" in items  # a server, without its password
    assert all(
        "s3cret" not in str(v) for v in window.settings.allKeys() + recent.entries(window.settings)
    )
    missing = items[f"gone.sqlite3 ({tmp_path})"]
    assert not missing.isEnabled() and "not there" in missing.toolTip()
    assert items[f"second.sqlite3 ({other_db.parent})"].isEnabled()
    items[f"second.sqlite3 ({other_db.parent})"].trigger()
    assert "second.sqlite3" in window.windowTitle()
    for _ in range(12):
        recent.remember(window.settings, f"sqlite:///{tmp_path / f'{_}.sqlite3'}")
    assert len(recent.entries(window.settings)) == recent.LIMIT == 8
    menu.aboutToShow.emit()
    clear = next(a for a in menu.actions() if a.text() == "Clear Recent")
    clear.trigger()
    assert recent.entries(window.settings) == []


# --- Import…, Export…, drops ------------------------------------------------------------------


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[ImportPreviewDialog]:
    shown: list[ImportPreviewDialog] = []

    def accept(dialog: ImportPreviewDialog) -> int:
        shown.append(dialog)
        return 1

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    return shown


def _package(tmp_path: Path, name: str = "gulf.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(sample()), encoding="utf-8")
    return path


def _people(tmp_path: Path, name: str, email: str) -> Path:
    path = tmp_path / name
    path.write_text(f"given_name,family_name,email\nAyesha,Siddiqa,{email}\n", encoding="utf-8")
    return path


def _drop(window: MainWindow, target: QWidget, paths: list[Path]) -> bool:
    """Drag ``paths`` onto ``target`` and drop them; True when the window took them. The drag
    goes through Qt (so the window's filter must sit on ``target``); the drop goes straight to
    the filter: Qt delivers a drop only to the target of a drag its platform started, which a
    test cannot start (QTest has no drag)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    return enter.isAccepted() and window._drops.eventFilter(target, drop)


def test_import_menu_opens_the_matching_import(
    window: MainWindow,
    tmp_path: Path,
    previews: list[ImportPreviewDialog],
    boxes: Boxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    chosen = [str(_package(tmp_path))]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: (chosen, ""))
    window.import_files()
    assert len(previews) == 1 and _events(window) == 1
    people = window.section("People")
    assert isinstance(people, PeopleView)
    before = people.model.rowCount()  # the package's cast
    chosen[:] = [str(_people(tmp_path, "p.csv", "ayesha@example.org"))]
    window.import_files()
    # Chosen in the Import dialog: no second question, one result box.
    assert [title for title, _text in boxes] == ["Import people"]
    assert people.model.rowCount() == before + 1


def test_a_package_dropped_on_a_text_field_starts_its_import(
    window: MainWindow, tmp_path: Path, previews: list[ImportPreviewDialog]
) -> None:
    package = _package(tmp_path)
    # A line edit would otherwise take the path as its text.
    assert _drop(window, window.events.search, [package])
    assert len(previews) == 1 and _events(window) == 1
    assert window.events.search.text() == ""


def test_several_people_files_are_imported_one_after_another(
    window: MainWindow, tmp_path: Path, boxes: Boxes
) -> None:
    files = [
        _people(tmp_path, "a.csv", "a@example.org"),
        _people(tmp_path, "b.csv", "b@example.org"),
    ]
    _drop(window, window.sidebar.viewport(), files)
    questions = [text for title, text in boxes if title == "Import people" and "?" in text]
    assert len(questions) == 1 and "a.csv, b.csv" in questions[0]
    people = window.section("People")
    assert isinstance(people, PeopleView)
    assert people.model.rowCount() == 2
    results = [text for title, text in boxes if title == "Import people" and "?" not in text]
    assert [text.split(":", 1)[0] for text in results] == ["a.csv", "b.csv"]


def test_mixed_kinds_are_refused_and_other_files_named(
    window: MainWindow, tmp_path: Path, previews: list[ImportPreviewDialog], boxes: Boxes
) -> None:
    _drop(
        window,
        window.sidebar.viewport(),
        [_package(tmp_path), _people(tmp_path, "a.csv", "a@x.org")],
    )
    assert not previews and len(boxes) == 1 and "separately" in boxes[0][1]
    assert _events(window) == 0
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    _drop(window, window.sidebar.viewport(), [notes])
    assert "notes.txt" in window.statusBar().currentMessage()
    assert len(boxes) == 1


def test_export_offers_the_package_and_the_people_directory(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.ui.people import contact_export

    dialogs: list[imports.ExportDialog] = []

    def choose_people(dialog: imports.ExportDialog) -> bool:
        dialogs.append(dialog)
        dialog.people.setChecked(True)
        return True

    target = tmp_path / "people.csv"
    monkeypatch.setattr(contact_export, "choose_file", lambda *_a: target)
    imports.export(window, ask=choose_people)
    assert not dialogs[0].package.isEnabled()  # no event chosen yet
    assert target.is_file()

    load_demo(window.ctx.db)
    window.start()
    event_id = list_events(window.ctx.db)[0].id
    window.open_event(event_id)
    exported: list[int] = []
    monkeypatch.setattr(
        "planner.ui.events.package_dialogs.export_package_interactive",
        lambda _ctx, _parent, chosen: exported.append(chosen),
    )
    imports.export(window, ask=lambda dialog: dialogs.append(dialog) or True)
    assert dialogs[1].package.isEnabled() and dialogs[1].choice == "package"
    assert exported == [event_id]


def test_text_and_web_links_are_not_taken_for_files(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("Gulf security roundtable")
    mime.setUrls([QUrl("https://example.org/x.json")])
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Left to the line edit, which takes text as it always did.
    assert not window._drops.eventFilter(window.events.search, enter)
    assert window.acceptDrops()


def test_drops_reach_the_editor_and_sections_built_later(
    window: MainWindow, tmp_path: Path, previews: list[ImportPreviewDialog]
) -> None:
    people = window.section("People")
    assert isinstance(people, PeopleView)
    assert _drop(window, people.search, [_package(tmp_path)])
    assert len(previews) == 1
    event_id = list_events(window.ctx.db)[0].id
    window.open_event(event_id)
    title = window.editor.details.title_edit
    assert _drop(window, title, [_package(tmp_path, "again.json")])
    assert len(previews) == 2


def test_restore_from_backup_lists_the_automatic_backups_with_time_and_events(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from planner.ui.shell.health import BackupsDialog

    path = tmp_path / "kept.sqlite3"
    first = Database.open(f"sqlite:///{path}")
    load_demo(first)
    events = len(list_events(first))
    first.dispose()
    Database.open(f"sqlite:///{path}").dispose()  # the day's automatic backup, when opened
    dialog = BackupsDialog(path)
    qtbot.addWidget(dialog)
    rows = [
        [dialog.table.item(row, column).text() for column in range(3)]
        for row in range(dialog.table.rowCount())
    ]
    assert [row[1:] for row in rows] == [["daily", str(events)]]
    assert rows[0][0][:4].isdigit() and ":" in rows[0][0]  # 2026-12-03 09:52:10
    header = dialog.table.horizontalHeaderItem(0)
    assert header is not None and header.text() == "Taken (UTC)"


@pytest.mark.parametrize("name", ["سیمینار.sqlite3", "研讨会.sqlite3", "ندوة.sqlite3"])
def test_databases_named_in_any_script(
    window: MainWindow, tmp_path: Path, boxes: Boxes, name: str
) -> None:
    path = tmp_path / "فولڈر" / name
    path.parent.mkdir()
    assert databases.new_database(window, path)
    assert window.windowTitle() == f"Planner — {name} ({path.parent})"
    window.settings.sync()
    reread = type(window.settings)(window.settings.fileName(), window.settings.format())
    assert file_of(recent.entries(reread)[0]) == path
    window.recent_menu.aboutToShow.emit()
    listed = {a.text(): a for a in window.recent_menu.actions()}
    assert listed[f"{name} ({path.parent})"].isEnabled()  # found, not greyed as missing
