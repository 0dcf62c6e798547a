"""The events page: filters, the list or a month calendar, and the editor of the chosen event.

Lists are loaded off the GUI thread (``worker.run_task``); the conflict check runs in its own
task after the list is shown, and its warning icons appear when it is done.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import (
    QByteArray,
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QRect,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.days import held_days
from planner.model import AttributionRule, TimeStyle
from planner.model.labels import RULE_LABELS
from planner.services.checks import conflicted_event_ids
from planner.services.events import (
    Choice,
    EventFilter,
    EventRow,
    EventScope,
    list_events,
    series_choices,
)
from planner.services.organisation import time_style
from planner.ui.context import AppContext
from planner.ui.events.model import EVENT_ID_ROLE, EventsTableModel
from planner.ui.widgets.read_only import reading
from planner.ui.widgets.style import Tone, muted_text_colour, paint_badge, set_tone, warning_icon
from planner.ui.worker import run_task

SCOPE_LABELS = {
    EventScope.ALL: "All",
    EventScope.UPCOMING: "Upcoming",
    EventScope.PAST: "Past",
    EventScope.DRAFTS: "Drafts",
}


CELL_MARGIN = 10  # px each side of a cell's text: the style's margin and a little air
MIN_CELL_WIDTH = 46  # a day of the month view: the rule badge and a few letters


class MonthCalendar(QCalendarWidget):
    """A month grid that writes each day's events (rule badge, warning icon, title) in its cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self._by_day: dict[date, list[EventRow]] = {}
        self._conflicts: frozenset[int] = frozenset()

    def minimumSizeHint(self) -> QSize:
        # QCalendarWidget asks for about 550 px, which squeezed the event editor beside it
        # until its tabs scrolled; a day's cell needs room for the rule badge and a few
        # letters of the title (the day list below gives the whole title).
        hint = super().minimumSizeHint()
        navigation = self.findChild(QWidget, "qt_calendar_navigationbar")
        least = navigation.minimumSizeHint().width() if navigation is not None else 0
        return QSize(max(least, 7 * MIN_CELL_WIDTH), hint.height())

    def set_events(self, rows: list[EventRow]) -> None:
        by_day: dict[date, list[EventRow]] = defaultdict(list)
        for row in rows:
            # A conference is marked on each of its days, not only the first.
            for day in held_days(row.starts_at, row.ends_at):
                by_day[day].append(row)
        for day_rows in by_day.values():
            day_rows.sort(key=lambda r: r.starts_at)
        self._by_day = dict(by_day)
        self.updateCells()

    def set_conflicts(self, ids: frozenset[int]) -> None:
        self._conflicts = ids
        self.updateCells()

    def events_on(self, day: date) -> list[EventRow]:
        return list(self._by_day.get(day, []))

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        day = date(qdate.year(), qdate.month(), qdate.day())
        rows = self._by_day.get(day, [])
        if not rows:
            super().paintCell(painter, rect, qdate)
            return
        painter.save()
        if qdate == self.selectedDate():
            painter.fillRect(rect, self.palette().highlight())
            painter.setPen(self.palette().highlightedText().color())
        else:
            painter.fillRect(rect, self.palette().base())
            in_month = qdate.month() == self.monthShown()
            painter.setPen(self.palette().text().color() if in_month else muted_text_colour())
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.drawText(rect.adjusted(3, 1, -3, 0), Qt.AlignmentFlag.AlignLeft, str(qdate.day()))
        y = rect.top() + line + 2
        for row in rows:
            if y + line > rect.bottom():
                break
            badge = QRect(rect.left() + 3, y + 1, 28, line - 2)
            paint_badge(painter, badge, row.attribution)
            x = badge.right() + 3
            if row.id in self._conflicts:
                warning_icon().paint(painter, QRect(x, y, line, line))
                x += line + 2
            # The title only: the time is in the day list below, and cells are narrow.
            text = row.title
            painter.drawText(
                QRect(x, y, rect.right() - x - 2, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.right() - x - 2),
            )
            y += line + 1
        painter.restore()


def widen_to_contents(table: QTableView, column: int) -> None:
    """Widen ``column`` to show every row's text whole: "11:15 am–12:15 pm" is twice
    "17:00–19:00", a conference's "Thu 14 – Fri 15 Jan 2027" longer than one day's date.

    Every row's text is measured (Qt's own size hint looks at the rows on screen only), each
    distinct text once. Only widened, never narrowed, so a width the user chose (restored from
    the settings) stays.
    """
    model = table.model()
    texts = {str(model.index(row, column).data() or "") for row in range(model.rowCount())}
    metrics = table.fontMetrics()
    wanted = max(
        (metrics.horizontalAdvance(text) + 2 * CELL_MARGIN for text in texts),
        default=0,
    )
    wanted = max(wanted, table.horizontalHeader().sectionSizeHint(column))
    if table.columnWidth(column) < wanted:
        table.setColumnWidth(column, wanted)


class EventsView(QWidget):
    """Filters, list/calendar and (in the main window's splitter) the chosen event."""

    event_chosen = Signal(int)  # an event was selected in the list or the calendar
    loaded = Signal()  # the list has been filled (benchmark, tests)
    mode_changed = Signal(int)  # 0 list, 1 month

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self._selected_id: int | None = None
        self._month_rows: list[EventRow] = []

        self.scope = QButtonGroup(self)
        scope_bar = QHBoxLayout()
        scope_bar.setSpacing(0)
        for position, (scope, label) in enumerate(SCOPE_LABELS.items()):
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.setProperty("scope", scope.value)
            self.scope.addButton(button, position)
            scope_bar.addWidget(button)
        self.scope.buttons()[0].setChecked(True)
        self.scope.idClicked.connect(lambda _id: self.refresh())

        self.series = QComboBox()
        self.series.setAccessibleName("Show the events of a series")
        self.series.setToolTip("Only events of this series")
        self.series.addItem("All series", None)
        self.series.currentIndexChanged.connect(lambda _i: self.refresh())
        self.rule = QComboBox()
        self.rule.setAccessibleName("Show the events under a rule")
        self.rule.setToolTip("Only events held under this rule")
        self.rule.addItem("All rules", None)
        for rule in AttributionRule:
            self.rule.addItem(RULE_LABELS[rule], rule.value)
        self.rule.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search = QLineEdit()
        self.search.setAccessibleName("Find events by title")
        self.search.setPlaceholderText("Find events by title (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())

        self.list_button = QToolButton()
        self.list_button.setText("List")
        self.month_button = QToolButton()
        self.month_button.setText("Month")
        mode = QButtonGroup(self)
        for i, button in enumerate((self.list_button, self.month_button)):
            button.setCheckable(True)
            mode.addButton(button, i)
        self.list_button.setChecked(True)
        mode.idClicked.connect(self._set_mode)

        for combo in (self.series, self.rule):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        top = QHBoxLayout()
        top.addLayout(scope_bar)
        top.addStretch(1)
        top.addWidget(self.list_button)
        top.addWidget(self.month_button)
        # Finding and filtering only read: a read-only window keeps them.
        reading(*self.scope.buttons(), self.series, self.rule, self.search)
        reading(self.list_button, self.month_button)
        second = QHBoxLayout()
        second.addWidget(self.search, 3)
        second.addWidget(self.series, 1)
        second.addWidget(self.rule, 1)

        self.model = EventsTableModel(self)
        self.table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName("Events")
        self.table.setObjectName("eventsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(EventsTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (EventsTableModel.DATE, 112),
            (EventsTableModel.TIME, 84),
            (EventsTableModel.RULE, 42),
            (EventsTableModel.FORMAT, 110),
            (EventsTableModel.STATUS, 76),
            (EventsTableModel.SERIES, 170),
            (EventsTableModel.VENUE, 150),
        ):
            self.table.setColumnWidth(column, width)
        # The list shares the window with the editor: the wide columns start hidden; the
        # header's context menu shows them (and the choice is remembered).
        for column in (EventsTableModel.FORMAT, EventsTableModel.SERIES, EventsTableModel.VENUE):
            self.table.hideColumn(column)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.calendar = MonthCalendar()
        self.calendar.setObjectName("eventsCalendar")
        self.calendar.currentPageChanged.connect(lambda _y, _m: self._load_month())
        self.calendar.clicked.connect(self._day_clicked)
        self.day_model = EventsTableModel(self)
        self.day_table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.day_table.setTabKeyNavigation(False)
        self.day_table.setAccessibleName("Events on the chosen day")
        self.day_table.setModel(self.day_model)
        self.day_table.verticalHeader().hide()
        self.day_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.day_table.horizontalHeader().setSectionResizeMode(
            EventsTableModel.TITLE, QHeaderView.ResizeMode.Stretch
        )
        for column in (
            EventsTableModel.DATE,
            EventsTableModel.SERIES,
            EventsTableModel.VENUE,
            EventsTableModel.FORMAT,
        ):
            self.day_table.hideColumn(column)
        self.day_table.setColumnWidth(EventsTableModel.TIME, 84)
        self.day_table.setColumnWidth(EventsTableModel.RULE, 42)
        self.day_table.setColumnWidth(EventsTableModel.STATUS, 76)
        self.day_table.clicked.connect(self._day_event_clicked)
        month_page = QSplitter(Qt.Orientation.Vertical)
        month_page.addWidget(self.calendar)
        month_page.addWidget(self.day_table)
        month_page.setStretchFactor(0, 4)
        month_page.setStretchFactor(1, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(month_page)

        self.count = QLabel()
        set_tone(self.count, Tone.MUTED)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.count)

    def _header_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for column, title in enumerate(EventsTableModel.HEADERS):
            if column == EventsTableModel.TITLE:
                continue
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.table.setColumnHidden(c, not shown))
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("events/header", self.table.horizontalHeader().saveState())
        settings.setValue("events/mode", self.pages.currentIndex())
        settings.setValue("events/scope", self.current_filter().scope.value)

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value("events/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
        scope = str(settings.value("events/scope", EventScope.ALL.value))
        for button in self.scope.buttons():
            if button.property("scope") == scope:
                button.setChecked(True)
        if str(settings.value("events/mode", "0")) == "1":
            self.month_button.setChecked(True)
            self.pages.setCurrentIndex(1)

    # --- filters -----------------------------------------------------------------------------

    def current_filter(self) -> EventFilter:
        checked = self.scope.checkedButton()
        scope = EventScope(checked.property("scope")) if checked else EventScope.ALL
        rule_value = self.rule.currentData()
        return EventFilter(
            scope=scope,
            series_id=self.series.currentData(),
            rule=AttributionRule(rule_value) if rule_value else None,
            text=self.search.text(),
        )

    def set_scope(self, scope: EventScope) -> None:
        for button in self.scope.buttons():
            if button.property("scope") == scope.value:
                button.setChecked(True)
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _set_mode(self, mode: int) -> None:
        self.pages.setCurrentIndex(mode)
        self.mode_changed.emit(mode)
        if mode == 1:
            self._load_month()

    # --- loading -----------------------------------------------------------------------------

    def reload_series(self) -> None:
        db = self.ctx.db
        chosen = self.series.currentData()

        def fill(items: list[Choice]) -> None:
            self.series.blockSignals(True)
            self.series.clear()
            self.series.addItem("All series", None)
            for choice in items:
                self.series.addItem(choice.label, choice.id)
                if choice.id == chosen:
                    self.series.setCurrentIndex(self.series.count() - 1)
            self.series.blockSignals(False)

        run_task(
            lambda: series_choices(db), on_done=fill, on_error=self.ctx.show_status, owner=self
        )

    def refresh(self) -> None:
        """Reload the list (and the calendar's month) with the current filters."""
        self._generation += 1
        generation = self._generation
        flt = self.current_filter()
        db = self.ctx.db

        def load() -> tuple[TimeStyle, list[EventRow]]:
            # The organisation's time style with the rows, in the worker: no query on the
            # GUI thread before the list is up.
            return time_style(db), list_events(db, flt)

        run_task(
            load,
            on_done=lambda loaded: self._loaded(generation, *loaded),
            on_error=self.ctx.show_status,
            owner=self,
        )
        if self.pages.currentIndex() == 1:
            self._load_month()

    def _loaded(self, generation: int, style: TimeStyle, rows: list[EventRow]) -> None:
        if generation != self._generation:  # a newer filter is already loading
            return
        self.model.set_time_style(style)
        self.day_model.set_time_style(style)
        self.model.set_rows(rows)
        widen_to_contents(self.table, EventsTableModel.TIME)
        widen_to_contents(self.table, EventsTableModel.DATE)
        noun = "event" if len(rows) == 1 else "events"
        self.count.setText(f"{len(rows)} {noun}")
        if self._selected_id is not None:
            self._select_row(self._selected_id)
        self.loaded.emit()
        self._load_conflicts()

    def _load_conflicts(self) -> None:
        ctx, db = self.ctx, self.ctx.db
        run_task(
            lambda: conflicted_event_ids(db),
            on_done=self._conflicts_loaded,
            on_error=lambda message: ctx.show_status(f"Conflict check failed: {message}"),
            owner=self,
        )

    def _conflicts_loaded(self, ids: frozenset[int]) -> None:
        self.model.set_conflicts(ids)
        self.day_model.set_conflicts(ids)
        self.calendar.set_conflicts(ids)

    def _load_month(self) -> None:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        # A week either side, for the days of neighbouring months the grid shows.
        start = datetime(year, month, 1, tzinfo=UTC) - timedelta(days=7)
        end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=UTC) + timedelta(days=14)
        base = self.current_filter()
        flt = EventFilter(
            scope=EventScope.ALL,
            series_id=base.series_id,
            rule=base.rule,
            text=base.text,
            start=start,
            end=end,
        )
        db = self.ctx.db

        def load() -> list[EventRow]:
            return list_events(db, flt)

        run_task(load, on_done=self._month_loaded, on_error=self.ctx.show_status, owner=self)

    def _month_loaded(self, rows: list[EventRow]) -> None:
        self._month_rows = rows
        self.calendar.set_events(rows)
        self._show_day(self.calendar.selectedDate())

    # --- selection ---------------------------------------------------------------------------

    def selected_event_id(self) -> int | None:
        return self._selected_id

    def select_event(self, event_id: int) -> None:
        self._selected_id = event_id
        self._select_row(event_id)
        row = self.model.row_of(event_id)
        if self.pages.currentIndex() == 1 and row >= 0:
            # The month shows the event's day (an event opened from People, Series or Checks
            # left the calendar on another month, with an empty day list).
            day = self.model.row_at(row).starts_at
            qdate = QDate(day.year, day.month, day.day)
            shown = (self.calendar.yearShown(), self.calendar.monthShown())
            self.calendar.setSelectedDate(qdate)
            if shown == (day.year, day.month):
                self._show_day(qdate)

    def _select_row(self, event_id: int) -> None:
        row = self.model.row_of(event_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        event_id = self.model.data(current, EVENT_ID_ROLE)
        if event_id is not None and event_id != self._selected_id:
            self._selected_id = int(event_id)
            self.event_chosen.emit(int(event_id))

    def _day_clicked(self, qdate: QDate) -> None:
        self._show_day(qdate)

    def _show_day(self, qdate: QDate) -> None:
        day = date(qdate.year(), qdate.month(), qdate.day())
        rows = self.calendar.events_on(day)
        self.day_model.set_rows(rows)
        widen_to_contents(self.day_table, EventsTableModel.TIME)
        chosen = self.day_model.row_of(self._selected_id) if self._selected_id else -1
        if chosen >= 0:
            # The open event is on this day: it stays open, marked in the day's list.
            self.day_table.selectRow(chosen)
        elif rows:
            self._choose(rows[0].id)

    def _day_event_clicked(self, index: QModelIndex) -> None:
        event_id = self.day_model.data(index, EVENT_ID_ROLE)
        if event_id is not None:
            self._choose(int(event_id))

    def _choose(self, event_id: int) -> None:
        if event_id != self._selected_id:
            self._selected_id = event_id
            self.event_chosen.emit(event_id)

    def show_month_of(self, day: date) -> None:
        self.month_button.setChecked(True)
        self._set_mode(1)
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
