"""The main window: a sidebar of sections, menus with the usual shortcuts, the status bar.

Sections other than Events are built the first time they are shown, so the window paints
before their modules are imported. Geometry and splitter states are kept in QSettings.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from planner import __version__
from planner.config import APP_ID, APP_NAME, ORG_NAME
from planner.ui.context import AppContext
from planner.ui.widgets.style import (
    SECTION_COLOURS,
    THEME_SETTING,
    Tone,
    follow_system_theme,
    section_icon,
    set_tone,
    theme_choice,
)

if TYPE_CHECKING:
    from planner.services.changes import ChangeNotice
    from planner.services.database import Database
    from planner.services.safety import CheckReport, RestoreReport
    from planner.ui.editor.event_editor import EventEditor
    from planner.ui.events.view import EventsView
    from planner.ui.live import LiveRefresh
    from planner.ui.shell.help_window import HelpWindow
    from planner.ui.shell.single_instance import SingleInstance
    from planner.ui.widgets.read_only import ReadOnlyLock

# The other sections: (label, module, class, icon letter, colour), built when first shown.
OTHER_SECTIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("People", "planner.ui.people.view", "PeopleView", "P", SECTION_COLOURS["People"]),
    ("Venues", "planner.ui.venues.view", "VenuesView", "V", SECTION_COLOURS["Venues"]),
    ("Series", "planner.ui.series.view", "SeriesView", "S", SECTION_COLOURS["Series"]),
    (
        "Organisation",
        "planner.ui.organisation.view",
        "OrganisationView",
        "O",
        SECTION_COLOURS["Organisation"],
    ),
)

# What each section shows, by table: a change elsewhere to one of these refreshes it.
SECTION_TABLES: dict[str, frozenset[str]] = {
    "People": frozenset({"person", "participation", "invitation", "agenda_person", "event"}),
    "Venues": frozenset({"venue", "room"}),
    "Series": frozenset({"series", "event", "venue", "room"}),
    "Organisation": frozenset({"organisation"}),
}
# The events list and month view: events, what their rows show, and what their conflicts use.
EVENTS_LIST_TABLES = frozenset(
    {"event", "agenda_item", "agenda_person", "participation", "series", "venue", "room"}
)
# What the editor shows besides the event's own rows: names of people, places and series.
EDITOR_NAME_TABLES = frozenset({"person", "venue", "room", "series", "organisation"})


class MainWindow(QMainWindow):
    painted = Signal()  # the first paint after show() (the start-up benchmark waits for it)
    attached = Signal()  # the database is open and the events section built

    def __init__(
        self,
        ctx: AppContext | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """The window's shell: sidebar, menus, status bar. With ``ctx`` the sections are built
        at once; without, ``attach(ctx)`` builds them once the database is open, so the shell
        can be shown before SQLAlchemy and the views are imported."""
        super().__init__(parent)
        self._ctx: AppContext | None = None
        self._editor: EventEditor | None = None
        # Kept under the application id, like the rest of the user's Planner files.
        self.settings = settings if settings is not None else QSettings(ORG_NAME, APP_ID)
        self.undo_stack = ctx.undo_stack if ctx is not None else (undo_stack or QUndoStack(self))
        self.setWindowTitle(APP_NAME)
        self.resize(1320, 840)

        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(132)
        self.sidebar.setSpacing(2)
        self.stack = QStackedWidget()
        opening = QLabel("Opening the database…")
        opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._add_section("Events", section_icon("E", SECTION_COLOURS["Events"]), opening)
        self._lazy: dict[int, tuple[str, str]] = {}
        for label, module, cls, letter, colour in OTHER_SECTIONS:
            placeholder = QLabel(f"Loading {label}…")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            index = self._add_section(label, section_icon(letter, colour), placeholder)
            self._lazy[index] = (module, cls)
        self.sidebar.currentRowChanged.connect(self._show_section)
        self.sidebar.setCurrentRow(0)
        # Ctrl+PageDown / Ctrl+PageUp in the sidebar: the next or previous section (a list
        # would jump a page, to the last section); in the Events section the editor's tabs.
        self._step_keys(self.sidebar, Qt.ShortcutContext.WidgetShortcut, self.step_section)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage("Opening the database…")
        self._build_menus()
        self._painted_once = False
        self._released = False  # the database was disposed for a restore, not yet reopened
        self._offering = False  # a backup is being offered (the damage seen again waits)
        self._splitter_restored = False
        # The instance lock of the open database file (one window per file); run_gui hands
        # it over, and switching databases trades it for the new file's.
        self.instance: SingleInstance | None = None
        self._help: HelpWindow | None = None
        self._accept_file_drops()
        self._init_live_refresh()
        self.restore_geometry()
        if ctx is not None:
            self.attach(ctx)

    @property
    def ctx(self) -> AppContext:
        if self._ctx is None:
            raise RuntimeError("the main window has no database yet")
        return self._ctx

    @property
    def is_attached(self) -> bool:
        return self._ctx is not None

    def attach(self, ctx: AppContext) -> None:
        """Build the events section (list and editor) on the open database."""
        from planner.ui.events.view import EventsView
        from planner.ui.shell.conflict_guard import ConflictGuard
        from planner.ui.shell.save_guard import SaveGuard

        self._ctx = ctx
        ctx.show_status = self._show_status
        # A refused write stops and asks (try again, keep in a package, discard): one dialog.
        self.save_guard = SaveGuard(ctx, self)
        self.save_guard.resolved.connect(self._show_stored)
        # An edit of a record someone else changed since: reload, or keep mine.
        self.conflict_guard = ConflictGuard(ctx, self)
        self.conflict_guard.reloaded.connect(self._show_stored)
        self.events: EventsView = EventsView(ctx)
        # The editor (and the policy, scheduling and documents code behind its sections) is
        # built when the first event is opened: the list comes up sooner without it.
        self._editor_placeholder = QLabel(
            "Choose an event on the left, or make a new one with Ctrl+N."
        )
        self._editor_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_tone(self._editor_placeholder, Tone.MUTED)
        self._editor_placeholder.setWordWrap(True)
        self.events_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.events_splitter.setObjectName("eventsSplitter")
        self.events_splitter.addWidget(self.events)
        self.events_splitter.addWidget(self._editor_placeholder)
        self.events_splitter.setStretchFactor(0, 2)
        self.events_splitter.setStretchFactor(1, 3)
        self._split_events(max(self.width() - self.sidebar.width() - 12, 800))
        self.events.event_chosen.connect(lambda event_id: self.editor.load_event(event_id))
        self._list_timer = QTimer(self)
        self._list_timer.setSingleShot(True)
        self._list_timer.setInterval(400)
        self._list_timer.timeout.connect(self.events.refresh)
        # Any edit, undo or redo may change what the list shows (a new or deleted event too).
        self.undo_stack.indexChanged.connect(self._schedule_list_refresh)
        self.events.mode_changed.connect(self._events_mode_changed)
        # From the list too, not only from inside the editor: the list would page to another
        # event (one rule for the Events section: these keys step the editor's tabs).
        self._step_keys(
            self.events,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
            lambda step: self.editor.step_section(step),
        )
        self._replace_section(0, self.events_splitter)
        self._database_shown(ctx.db)
        self.restore_state()
        self.statusBar().showMessage("Ready", 3000)
        current = self.sidebar.currentRow()
        if current in self._lazy:
            self._show_section(current)
        self._show_read_only()
        self._start_live_refresh()
        self.attached.emit()

    @property
    def editor(self) -> EventEditor:
        """The event editor, built on first use in the splitter's right-hand pane."""
        if self._editor is None:
            from planner.ui.editor.event_editor import EventEditor

            editor = EventEditor(self.ctx)
            editor.event_changed.connect(self._event_edited)
            editor.open_event.connect(self.open_event)
            # Undo and redo reload the editor (connected to the editor itself, so the
            # connection ends with it).
            self.undo_stack.indexChanged.connect(editor.refresh_soon)
            editor.restore_state(self.settings)
            sizes = self.events_splitter.sizes()
            self.events_splitter.replaceWidget(1, editor)
            self._drops.watch(editor)
            self._editor_placeholder.deleteLater()
            self.events_splitter.setSizes(sizes)
            self._editor = editor
        return self._editor

    # --- sections ----------------------------------------------------------------------------

    def _add_section(self, label: str, icon: Any, widget: QWidget) -> int:
        item = QListWidgetItem(icon, label)
        item.setSizeHint(QSize(124, 36))
        self.sidebar.addItem(item)
        return self.stack.addWidget(widget)

    def _show_section(self, index: int) -> None:
        if index in self._lazy and self.is_attached:
            module_name, class_name = self._lazy.pop(index)
            self._replace_section(index, self._build_section(module_name, class_name))
        self.stack.setCurrentIndex(index)
        if index == 0 and self.is_attached:
            # Back from People, Venues or Series: names, rooms and series may have changed.
            self.events.reload_series()
            self.events.refresh()
            if self._editor is not None:
                self._editor.details.reload_choices()
                self._editor.refresh_soon()

    def step_section(self, step: int) -> None:
        """Show the section ``step`` rows on in the sidebar (wrapping around)."""
        count = self.sidebar.count()
        self.sidebar.setCurrentRow((self.sidebar.currentRow() + step) % count)

    def _step_keys(
        self, widget: QWidget, context: Qt.ShortcutContext, step: Callable[[int], None]
    ) -> None:
        """Ctrl+PageDown / Ctrl+PageUp on ``widget`` call ``step`` with 1 / -1."""
        for keys, by in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), widget)
            shortcut.setContext(context)
            shortcut.activated.connect(partial(step, by))

    def _replace_section(self, index: int, widget: QWidget) -> None:
        self._drops.watch(widget)  # a file dropped on its text fields is imported
        old = self.stack.widget(index)
        self.stack.insertWidget(index, widget)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.setCurrentIndex(self.sidebar.currentRow())

    def _build_section(self, module_name: str, class_name: str) -> QWidget:
        # Imported on first use: the window paints before these modules load.
        module = importlib.import_module(module_name)
        widget: QWidget = getattr(module, class_name)(self.ctx)
        # People (a person's role history) and Series (a series' events) open an event with a
        # double-click: it opens in the Events section's editor.
        activated = getattr(widget, "event_activated", None)
        if activated is not None:
            activated.connect(self.open_event)
        return widget

    def section(self, label: str) -> QWidget:
        """The widget of section ``label`` (built now if it was not yet)."""
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).text() == label:
                self.sidebar.setCurrentRow(row)
                widget = self.stack.widget(row)
                assert widget is not None
                return widget
        raise KeyError(label)

    # --- menus -------------------------------------------------------------------------------

    def _action(
        self,
        menu: Any,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        needs_db: bool = True,
        writes: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        # A read-only database disables these (see _show_read_only).
        action.setProperty("writes", writes)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))

        def triggered(_checked: bool = False) -> None:
            # Until the database is open (a second or so at start) there is nothing to act on.
            if self.is_attached or not needs_db:
                slot()

        action.triggered.connect(triggered)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_action = self._action(
            file_menu, "&New Event…", self.new_event, QKeySequence.StandardKey.New, writes=True
        )
        self._action(file_menu, "New &Session of This Series", self.duplicate_event, writes=True)
        self._action(file_menu, "&Delete Event…", self.delete_event, writes=True)
        file_menu.addSeparator()
        self._action(file_menu, "New Data&base…", self.new_database, needs_db=False)
        self.open_database_action = self._action(
            file_menu,
            "&Open Database…",
            self.open_database,
            QKeySequence.StandardKey.Open,
            needs_db=False,
        )
        from planner.ui.shell.recent import recent_menu

        self.recent_menu = recent_menu(self, self.settings, self.open_recent)
        file_menu.addMenu(self.recent_menu)
        self._action(file_menu, "&Connect to Team Server…", self.connect_to_server, needs_db=False)
        file_menu.addSeparator()
        self.backup_action = self._action(file_menu, "Back &Up Now", self.back_up_now)
        self.restore_action = self._action(
            file_menu, "Restore from Bac&kup…", self.restore_from_backup, writes=True
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Import…", self.import_files, "Ctrl+I", writes=True)
        self._action(file_menu, "&Export…", self.export, "Ctrl+E")
        file_menu.addSeparator()
        self.print_action = self._action(
            file_menu, "&Print Programme…", self.print_programme, QKeySequence.StandardKey.Print
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, needs_db=False)
        self.file_menu = file_menu

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        # Ctrl+Shift+Z everywhere (Ctrl+Y too, which Windows users expect).
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.find_action = self._action(
            edit_menu, "&Find", self.focus_find, QKeySequence.StandardKey.Find
        )

        view_menu = bar.addMenu("&View")
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            assert item is not None
            self._action(
                view_menu,
                item.text(),
                partial(self.sidebar.setCurrentRow, row),
                f"Ctrl+{row + 1}",
                needs_db=False,
            )

        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        current = theme_choice(self.settings.value(THEME_SETTING))
        for choice, text in (("system", "&System"), ("light", "&Light"), ("dark", "&Dark")):
            action = self._action(theme_menu, text, partial(self.set_theme, choice), needs_db=False)
            action.setCheckable(True)
            action.setChecked(choice == current)
            group.addAction(action)
            self.theme_actions[choice] = action

        series_menu = bar.addMenu("&Series")
        # The Series view's own actions (its buttons and context menu), reachable from any
        # section: each shows the Series section and triggers the view's action there.
        self.series_actions = [
            self._action(series_menu, text, partial(self.series_action, position), writes=True)
            for position, text in enumerate(
                ("&Plan Sessions…", "&Renumber Sessions…", "&Move Session…", "&Cancel Session…")
            )
        ]
        self.series_menu = series_menu

        help_menu = bar.addMenu("&Help")
        self.help_action = self._action(
            help_menu,
            "Planner &Guide",
            self.show_help,
            QKeySequence.StandardKey.HelpContents,
            needs_db=False,
        )
        self._action(help_menu, "&Keyboard Shortcuts", self.show_shortcuts, needs_db=False)
        help_menu.addSeparator()
        self._action(help_menu, "&About Planner", self.show_about)

    # --- actions -----------------------------------------------------------------------------

    def set_theme(self, choice: str) -> None:
        """View > Theme: "system", "light" or "dark", kept for the next start."""
        self.settings.setValue(THEME_SETTING, choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            follow_system_theme(app, choice)
        self.theme_actions[choice].setChecked(True)

    def focus_find(self) -> None:
        widget = self.stack.currentWidget()
        if widget is self.events_splitter:
            self.events.focus_search()
            return
        focus = getattr(widget, "focus_search", None)
        if callable(focus):
            focus()

    def new_event(self) -> None:
        from planner.ui.events.new_event_dialog import NewEventDialog

        dialog = NewEventDialog(self.ctx, self)
        if dialog.exec():
            event_id = dialog.created_event_id
            if event_id is not None:
                self.open_created_event(event_id)

    def open_created_event(self, event_id: int) -> None:
        """Show a new event with the keyboard in its title: the first thing to type (the
        focus went back to the sidebar, where Ctrl+PageDown changes the section)."""
        self.open_event(event_id)
        self.editor.focus_title()

    def duplicate_event(self) -> None:
        event_id = self.editor.event_id
        if event_id is None:
            self._show_status("Choose an event first: its next session will be created.")
            return
        self.editor.duplicate(on_created=self.open_created_event)

    def delete_event(self, *, confirm: bool = True) -> None:
        """Delete the chosen event with everything in it (one undoable step)."""
        editor = self.editor
        event_id, snapshot = editor.event_id, editor.snapshot
        if event_id is None or snapshot is None:
            self._show_status("Choose the event to delete first.")
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                "Delete event",
                f"Delete “{snapshot.title}” with its agenda, people and invitations?\n"
                "(Edit ▸ Undo brings it back.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        from planner.services.events import DeleteEvent, RestoreEvent
        from planner.ui.commands import OperationCommand

        def changed() -> None:
            if isinstance(command.applied, RestoreEvent):  # undone: show it again where it was
                self.open_event(event_id)
            else:
                self.events.refresh()
                editor.refresh_soon()

        command = OperationCommand(self.ctx, DeleteEvent(event_id, f"Delete “{snapshot.title}”"))
        command.on_changed = changed
        self.undo_stack.push(command)
        self._show_status(f"Deleted “{snapshot.title}” (Ctrl+Z brings it back)")

    def open_event(self, event_id: int) -> None:
        """Show ``event_id`` in the list (all events, so a filter cannot hide it) and editor."""
        self.sidebar.setCurrentRow(0)
        self.editor.load_event(event_id)
        self.events.select_event(event_id)
        self.events.refresh()

    def series_action(self, position: int) -> None:
        """Show the Series section and trigger its ``position``-th session action (plan,
        renumber, move, cancel); if the view cannot do it yet, say what it needs."""
        from planner.ui.series.view import SeriesView

        view = self.section("Series")
        assert isinstance(view, SeriesView)
        action = view.session_actions[position]
        if action.isEnabled():
            action.trigger()
        elif position < 2:
            self._show_status("Choose a series in the list first.")
        else:
            self._show_status("Choose a session in the series' list first.")

    def print_programme(self) -> None:
        if self.editor.event_id is None:
            self._show_status("Choose an event to print its programme.")
            return
        self.sidebar.setCurrentRow(0)
        self.editor.print_document("programme")

    def export_package(self) -> None:
        if self.editor.event_id is None:
            self._show_status("Choose an event to export.")
            return
        from planner.ui.events.package_dialogs import export_package_interactive

        export_package_interactive(self.ctx, self, self.editor.event_id)

    # --- data safety (ui/health.py) ------------------------------------------------------------

    def database_path(self) -> Path | None:
        """The SQLite file the window has open; None for a server database."""
        from planner.services.safety import database_file

        return database_file(self.ctx.db)

    def back_up_now(self) -> None:
        from planner.errors import PlannerError
        from planner.services.safety import back_up
        from planner.ui.worker import run_task

        if self.database_path() is None:
            self._show_status("Backups work on SQLite database files only.")
            return
        db = self.ctx.db
        self._show_status("Backing up…")

        def done(path: Path) -> None:
            self._show_status(f"Backed up to {path}")

        def failed(message: str) -> None:
            QMessageBox.warning(self, "Planner: no backup made", message)

        def work() -> Path:
            try:
                return back_up(db)
            except PlannerError:
                raise
            except OSError as error:
                raise PlannerError(f"cannot write the backup ({error.strerror})") from None

        run_task(work, on_done=done, on_error=failed, owner=self)

    def restore_from_backup(self) -> None:
        """The backups of this file, newest first; the chosen one replaces it after a yes."""
        from planner.ui.shell.health import BackupsDialog

        database = self.database_path()
        if database is None:
            self._show_status("Backups work on SQLite database files only.")
            return
        dialog = BackupsDialog(database, self, before_restore=self._let_go_of_database)
        dialog.exec()
        if self._released:
            self._reopen_database(dialog.restored)

    def check_health(self) -> None:
        """``quick_check`` the open file in a worker; problems get a warning that offers the
        latest good backup."""
        from planner.ui.shell.health import check_in_background

        if self.database_path() is None:
            return
        check_in_background(self, self.ctx.db, self._health_problems)

    def _health_problems(self, report: CheckReport) -> None:
        from planner.ui.shell.health import warn_check_failed

        self.statusBar().showMessage(f"The database file has problems: {report.problems[0]}")
        if warn_check_failed(self, report.path, report):
            self.restore_latest(report.problems[0])

    def restore_latest(self, reason: str) -> None:
        """The file is damaged (``reason``): offer its latest good backup, restore on yes."""
        from planner.ui.shell.health import offer_latest_backup

        database = self.database_path()
        if database is None or self._offering:
            return  # one offer at a time: a damaged page may be met many times
        self._offering = True
        try:
            report = offer_latest_backup(
                self, database, reason, before_restore=self._let_go_of_database
            )
        finally:
            self._offering = False
        # The window let go of the file only once the user said yes (offer_latest_backup
        # asks first): a "no" leaves everything as it was.
        if self._released:
            self._reopen_database(report)

    def _let_go_of_database(self) -> None:
        # Restore replaces the file: no connection of ours may keep the old one (or its WAL).
        from planner.services.database import let_go

        self._stop_live_refresh()  # its connection keeps the old file open too
        let_go(self.ctx.db)
        self._released = True

    def _reopen_database(self, report: RestoreReport | None) -> None:
        """After a restore (or a failed one): the same window on the file as it is now. The
        views, the editor and the undo steps belonged to the replaced file: all are rebuilt."""
        from planner.errors import PlannerError
        from planner.services.database import reopen

        self._released = False
        try:
            db = reopen(self.ctx.db)
        except PlannerError as error:
            QMessageBox.critical(self, "Planner", f"The database could not be opened:\n{error}")
            return
        self._detach()
        self.attach(AppContext(db=db, undo_stack=self.undo_stack))
        self.start()
        if report is not None:
            self._show_status(
                f"Restored from {report.restored_from.name} ({report.events} events); the "
                f"replaced file is kept as a backup."
            )

    def _detach(self) -> None:
        """Forget the views built on the old database (``attach`` builds them anew)."""
        self._stop_live_refresh()
        self._hide_read_only()
        self.undo_stack.clear()  # its steps name rows of the replaced file
        self.undo_stack.indexChanged.disconnect(self._schedule_list_refresh)
        self._list_timer.stop()
        self._list_timer.deleteLater()
        self.save_guard.deleteLater()
        self.conflict_guard.deleteLater()
        self._editor = None  # deleted with the events splitter that attach replaces
        for offset, (label, module, cls, _letter, _colour) in enumerate(OTHER_SECTIONS):
            index = offset + 1
            if index in self._lazy:
                continue
            placeholder = QLabel(f"Loading {label}…")
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._replace_section(index, placeholder)
            self._lazy[index] = (module, cls)
        self._ctx = None

    # --- databases, imports and help (ui/shell/databases.py, imports.py, help_window.py) ---------

    def new_database(self) -> None:
        from planner.ui.shell.databases import new_database

        new_database(self)

    def open_database(self) -> None:
        from planner.ui.shell.databases import open_database

        open_database(self)

    def open_recent(self, url: str) -> None:
        """A recent file opens at once; a server opens the Connect dialog filled in (its
        password is the keyring's, or asked for)."""
        from planner.services.team_server import is_server_url

        if is_server_url(url):
            self.connect_to_server(url)
            return
        from planner.ui.shell.databases import switch_to

        switch_to(self, url)

    def connect_to_server(self, url: str | None = None) -> None:
        from planner.ui.shell.connect_dialog import connect_to_server

        connect_to_server(self, url)

    def as_widget(self) -> QWidget:
        return self

    def adopt_database(self, db: Database, instance: SingleInstance | None) -> None:
        """Show ``db`` (already open, its file's lock in ``instance``) in place of the open
        database, which is let go of with its lock."""
        from planner.services.database import let_go

        if self.is_attached:
            self.save_state()
            old = self.ctx.db
            self._detach()
            let_go(old)
        self.adopt_instance(instance)
        self.attach(AppContext(db=db, undo_stack=self.undo_stack))
        self.start()
        self.check_health()  # as at start-up: a damaged page found now offers a backup

    def adopt_instance(self, instance: SingleInstance | None) -> None:
        """Hold ``instance`` (the open file's lock and local server), releasing the last one:
        another start on this file brings this window forward, ``planner FILE`` imports."""
        if self.instance is not None and self.instance is not instance:
            self.instance.release()
            self.instance.deleteLater()
        self.instance = instance
        if instance is not None:
            instance.raise_requested.connect(self.bring_forward)
            instance.open_requested.connect(lambda path: self.import_paths([Path(path)]))

    def bring_forward(self) -> None:
        """Another start on this database asked for this window: show it on top."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage(
            "Planner was started again on this database: this window has it open "
            "(one window per database file).",
            10000,
        )

    def _database_shown(self, db: Database) -> None:
        # The title bar names the database (never a password); the recent list starts with it.
        from planner.services.database import url_of
        from planner.ui.shell import recent
        from planner.ui.shell.databases import window_title

        self.setWindowTitle(window_title(db))
        recent.remember(self.settings, url_of(db))

    def import_files(self) -> None:
        from planner.ui.shell.imports import choose_and_import

        choose_and_import(self)

    def import_paths(self, paths: list[Path], *, ask: bool = True) -> None:
        """Import files named outside the menu (``planner FILE``, a drop)."""
        from planner.ui.shell.imports import import_files

        import_files(self, paths, ask=ask)

    def export(self) -> None:
        from planner.ui.shell.imports import export

        export(self)

    def _accept_file_drops(self) -> None:
        from planner.ui.shell.imports import FileDrops

        self._drops = FileDrops(self)

    def show_help(self) -> None:
        """The guide in a window of its own (one; F1 again brings it forward)."""
        from planner.ui.shell.help_window import HelpWindow

        if self._help is None:
            self._help = HelpWindow(self)
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()

    def show_shortcuts(self) -> None:
        from planner.ui.shell.help_window import ShortcutsDialog

        ShortcutsDialog(self.findChildren(QAction), self).exec()

    def show_about(self) -> None:
        from planner.services.database import address

        QMessageBox.about(
            self,
            "About Planner",
            f"<h3>Planner {__version__}</h3><p>Events of a policy institute, planned offline: "
            "programmes, briefing notes, reports, badges, calendar invitations and email "
            "drafts, with the attribution rule enforced on every output.</p>"
            f"<p>Database: {address(self.ctx.db)}</p>",
        )

    def _events_mode_changed(self, mode: int) -> None:
        # A month grid needs room for its days' titles: give it half the width at least.
        sizes = self.events_splitter.sizes()
        total = sum(sizes)
        if mode == 1 and total and sizes[0] < total // 2:
            self.events_splitter.setSizes([total // 2, total - total // 2])

    def _schedule_list_refresh(self, _index: int = 0) -> None:
        self._list_timer.start()

    def _event_edited(self, _event_id: int) -> None:
        # Titles, dates and rules show in the list: reload it once typing pauses.
        self._list_timer.start()

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # --- start-up and state ------------------------------------------------------------------

    def start(self) -> None:
        """Fill the lists (after the window is shown), then load the bundled fonts."""
        # The fonts (Urdu, Arabic, CJK; 10-15 ms) once the list is up, not before it.
        self.events.loaded.connect(self._load_fonts, Qt.ConnectionType.SingleShotConnection)
        self.events.reload_series()
        self.events.refresh()

    def _load_fonts(self) -> None:
        from planner.ui.widgets.fonts import load_bundled_fonts

        if load_bundled_fonts.cache_info().currsize:
            return  # loaded by an earlier start
        load_bundled_fonts()
        # Adding fonts clears Qt's font cache; painted again, a name drawn as boxes before
        # (its letters missing from the desktop's fonts) shows its letters.
        for widget in QApplication.topLevelWidgets():
            widget.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._painted_once:
            self._painted_once = True
            if self.is_attached and not self._splitter_restored:
                self._split_events(max(self.events_splitter.width(), 800))
            QTimer.singleShot(0, self.painted.emit)

    def _split_events(self, total: int) -> None:
        """The first start's split: the list gets room for Date, Time, Rule, Status and a
        readable title (at least 540 px), the editor the rest."""
        left = min(max(int(total * 0.45), 540), total - 420)
        self.events_splitter.setSizes([left, total - left])

    def restore_geometry(self) -> None:
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def restore_state(self) -> None:
        state = self.settings.value("main/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("main/eventsSplitter")
        self._splitter_restored = isinstance(splitter, QByteArray) and bool(
            self.events_splitter.restoreState(splitter)
        )
        self.events.restore_state(self.settings)

    def save_state(self) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        if not self.is_attached:
            self.settings.sync()
            return
        self.settings.setValue("main/state", self.saveState())
        self.settings.setValue("main/eventsSplitter", self.events_splitter.saveState())
        if self._editor is not None:
            self._editor.save_state(self.settings)
        self.events.save_state(self.settings)
        self.settings.sync()

    def _show_stored(self) -> None:
        """After refused edits were dropped or kept elsewhere: show what the database holds."""
        if self._editor is not None:
            self._editor.reload()
        self.events.refresh()
        # A refused edit of a venue, series or the organisation: their form shows it anew.
        current = self.stack.currentWidget()
        refresh = getattr(current, "refresh", None)
        if current is not self.events_splitter and callable(refresh):
            refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Edits the database refused are only in memory: quitting asks what to do with them.
        if self.is_attached and not self.save_guard.confirm_close():
            event.ignore()
            return
        # A people import in its worker: quitting stops it; ask first, and say what came of it.
        from planner.ui.shell.imports import stop_imports_to_quit

        sections = [self.stack.widget(row) for row in range(self.stack.count())]
        if not stop_imports_to_quit(self, [w for w in sections if w is not None]):
            event.ignore()
            return
        self._stop_live_refresh()
        self.save_state()
        super().closeEvent(event)

    # --- live refresh and read-only (ui/live.py, ui/widgets/read_only.py) --------------------

    def _init_live_refresh(self) -> None:
        self.live: LiveRefresh | None = None  # watching once a database is attached
        self.read_only_bar: QToolBar | None = None
        self._read_only_lock: ReadOnlyLock | None = None
        self._pending_notice: ChangeNotice | None = None
        self._stale_sections: set[QWidget] = set()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(150)  # a burst of commits: one refresh
        self._notice_timer.timeout.connect(self._apply_others_changes)

    def _start_live_refresh(self) -> None:
        """Watch for others' changes (LISTEN on PostgreSQL, data_version on SQLite)."""
        from planner.ui.live import LiveRefresh

        self.live = LiveRefresh(self.ctx.db, self)
        self.live.changed.connect(self._others_changed)
        self.live.lost.connect(self._live_refresh_lost)

    def _stop_live_refresh(self) -> None:
        live = self.live
        if live is not None:
            live.stop()
            live.deleteLater()
            self.live = None
            self._notice_timer.stop()

    def _others_changed(self, notice: ChangeNotice) -> None:
        pending = self._pending_notice
        self._pending_notice = notice if pending is None else pending.merged(notice)
        self._notice_timer.start()

    def _apply_others_changes(self) -> None:
        """Refresh what the changes touched; a section the user is typing in waits until the
        keyboard leaves it, the editor offers a reload (see EventEditor.others_changed)."""
        from planner.ui.widgets.read_only import editing_in

        notice, self._pending_notice = self._pending_notice, None
        if notice is None or not self.is_attached:
            return
        if notice.resumed:
            self._show_status("Live updates are back: showing the database as it is now.")
        if notice.touches({"series"}):
            self.events.reload_series()
        if notice.touches(EVENTS_LIST_TABLES):
            self.events.refresh()
        editor = self._editor
        if editor is not None and editor.event_id is not None:
            names = notice.touches(EDITOR_NAME_TABLES)
            if notice.touches_event(editor.event_id) or names:
                if names and not editor.is_being_edited():
                    editor.details.reload_choices()
                editor.others_changed()
        for offset, section in enumerate(OTHER_SECTIONS):
            widget = self.stack.widget(offset + 1)
            if offset + 1 in self._lazy or widget is None:
                continue
            if not notice.touches(SECTION_TABLES[section[0]]):
                continue
            if editing_in(widget):
                self._stale_sections.add(widget)
            elif hasattr(widget, "refresh"):
                widget.refresh()
        if self._stale_sections:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.connect(
                    self._refresh_stale_sections, Qt.ConnectionType.UniqueConnection
                )

    def _refresh_stale_sections(self, _old: QWidget | None, _new: QWidget | None) -> None:
        from planner.ui.widgets.read_only import editing_in

        for widget in list(self._stale_sections):
            if not editing_in(widget):
                self._stale_sections.discard(widget)
                widget.refresh()  # type: ignore[attr-defined]

    def _live_refresh_lost(self, reason: str) -> None:
        # Said once (the watcher retries quietly, with growing pauses, until it is back).
        self._show_status(
            f"Live updates paused: the connection to the database was lost ({reason}); "
            "retrying. Your own edits are saved as usual."
        )

    def _show_read_only(self) -> None:
        """A database this window may only read: a bar that says why, every editing control
        locked (ui/widgets/read_only.py), the menu actions that would change it disabled."""
        from planner.ui.widgets.read_only import ReadOnlyLock
        from planner.ui.widgets.style import style_notice_bar

        reason = self.ctx.read_only_reason
        if reason is None:
            return
        bar = QToolBar("Read-only", self)
        bar.setObjectName("readOnlyBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        label = QLabel(reason)
        label.setObjectName("readOnlyReason")
        label.setContentsMargins(8, 4, 8, 4)
        style_notice_bar(bar)
        bar.addWidget(label)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.read_only_bar = bar
        for action in self._writing_actions():
            action.setEnabled(False)
        self._read_only_lock = ReadOnlyLock(self)

    def _hide_read_only(self) -> None:
        bar, lock = self.read_only_bar, self._read_only_lock
        if bar is not None:
            self.removeToolBar(bar)
            bar.deleteLater()
            self.read_only_bar = None
        if lock is not None:
            lock.release()
            lock.deleteLater()
            self._read_only_lock = None
            for action in self._writing_actions():
                action.setEnabled(True)

    def _writing_actions(self) -> list[QAction]:
        """The menu actions made with ``writes=True``: they would change the open database."""
        return [action for action in self.findChildren(QAction) if action.property("writes")]
