"""Plan Sessions…: a series' next sessions from a rule or a list of dates, previewed with their
clashes before anything is written, created (the ticked dates) as one undo step.

The rule, its limits and its refusals are those of ``planner series plan``
(scheduling/recurrence.py through services/series_plan.py); this dialog only asks for them.
"""

from __future__ import annotations

from datetime import date, time
from html import escape

from PySide6.QtCore import QDate, QModelIndex, Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services.events import room_choices, venue_choices
from planner.services.series_pattern import Repeat, week_of_month
from planner.services.series_plan import (
    MAX_SESSIONS,
    PlanPreview,
    PlanRequest,
    dates_from_text,
    place_label,
    plan_defaults,
    preview_sessions,
    rule_for,
)
from planner.ui.commands import OnChanged, push
from planner.ui.context import AppContext
from planner.ui.series.plan_model import COL_CLASHES, COL_CREATE, PlanPreviewModel
from planner.ui.widgets.style import error_label, show_error
from planner.ui.worker import run_task

REPEATS: tuple[tuple[str, Repeat], ...] = (
    ("Monthly, on one weekday (e.g. the second Tuesday)", Repeat.MONTHLY),
    ("Weekly", Repeat.WEEKLY),
    ("Every two weeks", Repeat.FORTNIGHTLY),
    ("On these dates", Repeat.DATES),
    ("Custom rule (RFC 5545 RRULE)", Repeat.CUSTOM),
)
WEEKS = (("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("last", -1))
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SERIES_ROOM = "series"  # the room combo's data for "the series' default room"
PREVIEW_DELAY_MS = 250  # typing a rule or a date list waits for a pause


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PlanSessionsDialog(QDialog):
    """Plan the sessions of ``series_id``; ``on_changed`` runs after they were created (and
    after undo or redo of that)."""

    def __init__(
        self,
        ctx: AppContext,
        series_id: int,
        on_changed: OnChanged | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.series_id = series_id
        self.on_changed = on_changed
        self.created = 0
        defaults = plan_defaults(ctx.db, series_id)
        self.defaults = defaults
        self.setWindowTitle(f"Plan Sessions — {defaults.title}")
        self.setObjectName("plan_sessions")
        self.setMinimumSize(760, 620)

        self.repeat = QComboBox()
        self.repeat.setAccessibleName("Repeat")
        for label, repeat in REPEATS:
            self.repeat.addItem(label, repeat)
        self.week = QComboBox()
        self.week.setAccessibleName("Week of the month")
        for label, nth in WEEKS:
            self.week.addItem(label, nth)
        self.weekday = QComboBox()
        self.weekday.setAccessibleName("Weekday")
        for number, name in enumerate(WEEKDAY_NAMES):
            self.weekday.addItem(name, number)
        start = defaults.start
        # The series' own pattern when its sessions have one (services/series_pattern.py);
        # else the first day's weekday and week of the month.
        pattern = defaults.pattern
        self.weekday.setCurrentIndex(start.weekday() if pattern is None else pattern.weekday)
        nth = min(4, week_of_month(start)) if pattern is None else pattern.nth
        self.week.setCurrentIndex(max(0, self.week.findData(nth)))
        if pattern is not None:
            self.set_repeat(pattern.repeat)
        on_row = self.on_row = QWidget()
        on_layout = QHBoxLayout(on_row)
        on_layout.setContentsMargins(0, 0, 0, 0)
        on_layout.addWidget(self.week)
        on_layout.addWidget(self.weekday)
        on_layout.addStretch(1)

        self.rule = QLineEdit()
        self.rule.setAccessibleName("Recurrence rule")
        self.rule.setPlaceholderText("e.g. FREQ=MONTHLY;BYDAY=-1TH (the last Thursday)")

        self.dates = QLineEdit()
        self.dates.setAccessibleName("Dates")
        self.dates.setPlaceholderText("YYYY-MM-DD, YYYY-MM-DD, …")
        self.pick_date = QDateEdit()
        self.pick_date.setAccessibleName("Date to add")
        self.pick_date.setCalendarPopup(True)
        self.pick_date.setDisplayFormat("ddd d MMM yyyy")
        self.pick_date.setDate(_qdate(start))
        add_date = QPushButton("Add Date")
        add_date.setAccessibleName("Add the picked date")
        add_date.clicked.connect(self.add_picked_date)
        dates_row = self.dates_row = QWidget()
        dates_layout = QHBoxLayout(dates_row)
        dates_layout.setContentsMargins(0, 0, 0, 0)
        dates_layout.addWidget(self.dates, 1)
        dates_layout.addWidget(self.pick_date)
        dates_layout.addWidget(add_date)

        self.start = QDateEdit()
        self.start.setAccessibleName("First day")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        self.start.setDate(_qdate(start))

        self.ends = QButtonGroup(self)
        self.by_count = QRadioButton("after")
        self.by_count.setAccessibleName("End after a number of sessions")
        self.by_count.setChecked(True)
        self.count = QSpinBox()
        self.count.setAccessibleName("Number of sessions")
        self.count.setRange(1, MAX_SESSIONS)
        self.count.setValue(6)
        self.count.setSuffix(" sessions")
        self.by_until = QRadioButton("on")
        self.by_until.setAccessibleName("End on a date")
        self.until = QDateEdit()
        self.until.setAccessibleName("Last day")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("ddd d MMM yyyy")
        self.until.setDate(_qdate(start).addMonths(6))
        self.ends.addButton(self.by_count)
        self.ends.addButton(self.by_until)
        ends_row = self.ends_row = QWidget()
        ends_layout = QHBoxLayout(ends_row)
        ends_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.by_count, self.count, self.by_until, self.until):
            ends_layout.addWidget(widget)
        ends_layout.addStretch(1)

        self.at = QTimeEdit()
        self.at.setAccessibleName("Start time")
        self.at.setDisplayFormat("HH:mm")
        self.at.setTime(QTime(defaults.at.hour, defaults.at.minute))
        self.duration = QSpinBox()
        self.duration.setAccessibleName("Duration")
        self.duration.setRange(5, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration.setValue(defaults.duration_minutes)
        time_row = QWidget()
        time_layout = QHBoxLayout(time_row)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.addWidget(self.at)
        time_layout.addWidget(QLabel(f"{defaults.time_zone} time, for"))
        time_layout.addWidget(self.duration)
        time_layout.addStretch(1)

        self.room = QComboBox()
        self.room.setAccessibleName("Room")
        series_room = defaults.room or "no room"
        self.room.addItem(f"The series' default ({series_room})", SERIES_ROOM)
        self.room.addItem("(no room)", None)
        venues = {v.id: v.label for v in venue_choices(ctx.db)}
        for choice in room_choices(ctx.db):
            venue = venues.get(choice.parent_id or -1, "")
            self.room.addItem(place_label(venue, choice.label), choice.id)
        if not defaults.use_series_room:  # the last session met elsewhere: there again
            last_room = 1 if defaults.room_id is None else self.room.findData(defaults.room_id)
            self.room.setCurrentIndex(max(0, last_room))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Repeat", self.repeat)
        form.addRow("On the", on_row)
        form.addRow("Rule", self.rule)
        form.addRow("Dates", dates_row)
        form.addRow("First day", self.start)
        form.addRow("Ends", ends_row)
        form.addRow("Starts at", time_row)
        form.addRow("Room", self.room)
        self.form = form

        self.problem = error_label()
        self.problem.setObjectName("plan_problem")
        self.model = PlanPreviewModel(self)
        self.table = QTableView()
        # Tab passes on to the next widget (a table takes it once; arrows move in it).
        self.table.setTabKeyNavigation(False)
        self.table.setObjectName("plan_preview")
        self.table.setAccessibleName("Planned sessions")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(COL_CLASHES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CLASHES, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._show_clashes)
        self.summary = QLabel()
        self.summary.setObjectName("plan_summary")
        self.summary.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("plan_clash_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Room for a few clashes, so the list above does not jump as the chosen date changes.
        self.details.setMinimumHeight(self.details.fontMetrics().lineSpacing() * 5)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setAccessibleName("Create the ticked sessions")
        # Wide enough for its longest text from the start: it changes as dates are ticked.
        widest = f"Create {MAX_SESSIONS} Sessions"
        self.create_button.setMinimumWidth(
            self.create_button.fontMetrics().horizontalAdvance(widest) + 32
        )
        self.buttons.accepted.connect(self.create_sessions)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        preview_label = QLabel("<b>Preview</b> — untick a date to leave it out")
        layout.addWidget(preview_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)

        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for combo in (self.repeat, self.week, self.weekday, self.room):
            combo.currentIndexChanged.connect(self._changed)
        for line in (self.rule, self.dates):
            line.textChanged.connect(self._changed)
        for day_edit in (self.start, self.until):
            day_edit.dateChanged.connect(self._changed)
        self.start.dateChanged.connect(self._keep_until_after_start)
        for spin in (self.count, self.duration):
            spin.valueChanged.connect(self._changed)
        self.at.timeChanged.connect(self._changed)
        self.ends.buttonClicked.connect(self._changed)
        self.model.dataChanged.connect(lambda *_: self._update_summary())
        self.model.modelReset.connect(self._update_summary)

        self._update_fields()
        self.refresh_preview()

    # --- public --------------------------------------------------------------------------

    def set_repeat(self, repeat: Repeat) -> None:
        self.repeat.setCurrentIndex(self.repeat.findData(repeat))

    def request(self) -> PlanRequest:
        """What the fields ask for (raises PlannerError naming a field that cannot be read)."""
        repeat = Repeat(self.repeat.currentData())
        rule = rule_for(
            repeat,
            int(self.weekday.currentData()),
            int(self.week.currentData()),
            self.rule.text().strip(),
        )
        dates = dates_from_text(self.dates.text()) if repeat is Repeat.DATES else ()
        qt = self.at.time()
        room = self.room.currentData()
        by_count = self.by_count.isChecked()
        return PlanRequest(
            self.series_id,
            rule=rule,
            dates=dates,
            start=None if dates else _day(self.start),
            count=self.count.value() if by_count and not dates else None,
            until=_day(self.until) if not by_count and not dates else None,
            at=time(qt.hour(), qt.minute()),
            duration_minutes=self.duration.value(),
            use_series_room=room == SERIES_ROOM,
            room_id=None if room == SERIES_ROOM or room is None else int(room),
        )

    def refresh_preview(self) -> None:
        """Plan again from the fields and show the dates with their clashes (or the reason
        the request is refused, with no dates)."""
        self._timer.stop()
        repeat = Repeat(self.repeat.currentData())
        if repeat is Repeat.CUSTOM and not self.rule.text().strip():
            self._refuse("Type a rule, e.g. FREQ=MONTHLY;BYDAY=2TU (the second Tuesday).")
            return
        if repeat is Repeat.DATES and not self.dates.text().strip():
            self._refuse("Type the dates, or pick one and press Add Date.")
            return
        try:
            request = self.request()
        except PlannerError as error:
            self._refuse(_sentence(str(error)))
            return
        # Up to 200 dates, each checked for clashes: off the GUI thread. Only the answer to
        # the latest request is shown, and Create waits for it.
        self._generation += 1
        generation = self._generation
        self.create_button.setEnabled(False)
        self.summary.setText("Checking the dates…")
        db = self.ctx.db
        run_task(
            lambda: preview_sessions(db, request),
            on_done=lambda preview: self._show_preview(generation, preview),
            on_error=lambda message: self._failed(generation, message),
            owner=self,
        )

    def _show_preview(self, generation: int, preview: PlanPreview) -> None:
        if generation != self._generation:
            return
        show_error(self.problem, None)
        self.model.set_preview(preview)
        if self.model.rowCount():
            # On the tick box: Space ticks and unticks, the arrows go from date to date.
            self.table.setCurrentIndex(self.model.index(0, COL_CREATE))

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._refuse(_sentence(message))

    def ticked(self) -> list[int]:
        return self.model.ticked()

    def set_ticked(self, row: int, on: bool) -> None:
        self.model.set_ticked(row, on)

    def add_picked_date(self) -> None:
        picked = _day(self.pick_date).isoformat()
        text = self.dates.text().strip()
        if picked not in text:
            self.dates.setText(f"{text}, {picked}" if text else picked)

    def create_sessions(self) -> None:
        preview = self.model.preview
        ticked = self.model.ticked()
        if preview is None or not ticked:
            return
        plural = "s" if len(ticked) != 1 else ""
        text = f"Plan {len(ticked)} session{plural} of {preview.plan.series_title}"
        try:
            operation = preview.create(ticked, text)
        except PlannerError as error:
            self._refuse(_sentence(str(error)))
            return
        command = push(self.ctx, operation, self.on_changed)
        if command.failure is not None:
            show_error(self.problem, _sentence(str(command.failure)))
            return
        self.created = len(ticked)
        self.accept()

    # --- internals -----------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        self._update_fields()
        self._timer.start()

    def _keep_until_after_start(self, first: QDate) -> None:
        if self.until.date() < first:
            self.until.setDate(first.addMonths(6))

    def _update_fields(self) -> None:
        repeat = Repeat(self.repeat.currentData())
        listed = repeat is Repeat.DATES
        shown = {
            self.on_row: repeat in (Repeat.MONTHLY, Repeat.WEEKLY, Repeat.FORTNIGHTLY),
            self.rule: repeat is Repeat.CUSTOM,
            self.dates_row: listed,
            self.start: not listed,
            self.ends_row: not listed,
        }
        for field, visible in shown.items():
            self.form.setRowVisible(field, visible)
        self.week.setVisible(repeat is Repeat.MONTHLY)
        self.count.setEnabled(self.by_count.isChecked())
        self.until.setEnabled(self.by_until.isChecked())

    def _refuse(self, message: str) -> None:
        self._generation += 1  # a preview still on its way is out of date
        show_error(self.problem, message)
        self.model.set_preview(None)
        self.details.clear()

    def _update_summary(self) -> None:
        preview = self.model.preview
        ticked = self.model.ticked()
        if preview is None:
            self.summary.clear()
            self.create_button.setText("Create Sessions")
            self.create_button.setEnabled(False)
            return
        sessions = preview.sessions
        clashing = sum(1 for s in sessions if s.clashes)
        text = f"{len(sessions)} date{'s' if len(sessions) != 1 else ''}"
        text += f", {clashing} with clashes" if clashing else ", no clashes"
        if ticked:
            first = preview.label(preview.first_number)
            last = preview.label(preview.first_number + len(ticked) - 1)
            named = first if len(ticked) == 1 else f"{first} to {last}"
            text += f". {len(ticked)} ticked: created as drafts, {named}."
        else:
            text += ". Nothing ticked."
        if preview.plan.skipped:
            text += f" {len(preview.plan.skipped)} left out by the rule."
        self.summary.setText(text)
        count = len(ticked)
        self.create_button.setText(f"Create {count} Session{'s' if count != 1 else ''}")
        self.create_button.setEnabled(bool(ticked))

    def _show_clashes(self, current: QModelIndex, _previous: QModelIndex) -> None:
        preview = self.model.preview
        if preview is None or not current.isValid():
            self.details.clear()
            return
        session = preview.sessions[current.row()]
        if not session.clashes:
            self.details.setText(f"{session.when}: no clashes.")
            return
        lines = "".join(f"<li>{escape(c, quote=False)}</li>" for c in session.clashes)
        self.details.setText(
            f"{escape(session.when, quote=False)}:<ul style='margin:0'>{lines}</ul>"
        )


def _sentence(message: str) -> str:
    """A refusal as a sentence: capital first letter, full stop."""
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?", ")")) else message + "."
