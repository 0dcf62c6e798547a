"""New event: from a template (seminar, roundtable, in-house discussion, lecture), or as the next
session of a past event's series. The event is created as one undoable command."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services.events import (
    TEMPLATES,
    CreateFromTemplate,
    DuplicateEvent,
    series_choices,
    series_sessions,
)
from planner.services.operations import Operation, Record, field_problem
from planner.services.organisation import time_style
from planner.ui.commands import push
from planner.ui.context import AppContext
from planner.ui.widgets.clock import qt_time_format
from planner.ui.widgets.style import Tone, error_label, set_tone, show_error

DUPLICATE = "duplicate"


def create_event_command(ctx: AppContext, operation: Operation) -> int:
    """Push ``operation`` (it creates an event) as one undo step; the new event's id. Raises
    PlannerError when it was refused (the dialog shows the reason).

    Redo after undo puts back the very event undo took away (its id, calendar UID, agenda
    item ids): the commands pushed after this one hold those ids."""
    command = push(ctx, operation)
    if command.created_id is None:
        failure = command.failure
        if isinstance(failure, PlannerError):
            raise failure
        raise PlannerError(f"{operation.text}: not saved ({failure})")
    return command.created_id


def new_event_from_template(
    ctx: AppContext,
    key: str,
    title: str,
    day: date,
    at: time = time(17, 0),
    series_id: int | None = None,
) -> int:
    text = f"New {key.replace('_', ' ')}"
    return create_event_command(ctx, CreateFromTemplate(key, title, day, at, series_id, text))


def next_session_of(ctx: AppContext, event_id: int, day: date | None = None) -> int:
    return create_event_command(ctx, DuplicateEvent(event_id, day))


class NewEventDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created_event_id: int | None = None
        self.setWindowTitle("New event")
        self.setMinimumWidth(520)

        self.kinds = QButtonGroup(self)
        kinds_box = QVBoxLayout()
        for i, template in enumerate(TEMPLATES):
            button = QRadioButton(template.label)
            button.setProperty("key", template.key)
            button.setToolTip(template.description)
            self.kinds.addButton(button, i)
            kinds_box.addWidget(button)
        self.duplicate_button = QRadioButton("Next session of a past event's series:")
        self.duplicate_button.setProperty("key", DUPLICATE)
        self.kinds.addButton(self.duplicate_button, len(TEMPLATES))
        kinds_box.addWidget(self.duplicate_button)
        self.past_event = QComboBox()
        self.past_event.setAccessibleName("Past event")
        kinds_box.addWidget(self.past_event)
        self.kinds.buttons()[1].setChecked(True)  # roundtable: the institute's staple
        self.kinds.idClicked.connect(lambda _i: self._update())
        self.kinds_box = kinds_box
        # What the chosen start gives: moved under the chosen button (_update), so it reads as
        # that choice's description, not the next one's.
        self.description = QLabel()
        self.description.setObjectName("newEventDescription")
        self.description.setWordWrap(True)
        self.description.setIndent(22)  # in line with the button's text
        set_tone(self.description, Tone.MUTED)
        kinds_box.addWidget(self.description)

        self.title = QLineEdit()
        self.title.setObjectName("newEventTitle")
        self.title.setAccessibleName("Title")
        # "e.g.": an example, not a title already filled in.
        self.title.setPlaceholderText("e.g. Pakistan – Russia Relations: Challenges and Prospects")
        self.title_error = error_label()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setDate(QDate.currentDate().addDays(14))
        self.at = QTimeEdit()
        self.at.setDisplayFormat(qt_time_format(time_style(ctx.db)))
        self.at.setTime(QTime(17, 0))
        self.series = QComboBox()
        self.series.setAccessibleName("Series")
        self.series.addItem("(none)", None)
        for choice in series_choices(ctx.db):
            self.series.addItem(choice.label, choice.id)
        past = series_sessions(ctx.db)
        for event in past:
            self.past_event.addItem(f"{event.starts_at:%d %b %Y} — {event.title}", event.id)
        if not past:
            self.duplicate_button.setEnabled(False)
            self.past_event.setEnabled(False)
            self.past_event.addItem("(no event belongs to a series yet)", None)

        form = QFormLayout()
        title_box = QVBoxLayout()
        title_box.setSpacing(2)
        title_box.addWidget(self.title)
        title_box.addWidget(self.title_error)
        form.addRow("Title", title_box)
        form.addRow("Date", self.day)
        form.addRow("Starts at", self.at)
        form.addRow("Series", self.series)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.create_event)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Start from</b>"))
        layout.addLayout(kinds_box)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._update()

    def choose(self, key: str) -> None:
        for button in self.kinds.buttons():
            if button.property("key") == key:
                button.setChecked(True)
        self._update()

    def _update(self) -> None:
        checked = self.kinds.checkedButton()
        duplicating = checked is self.duplicate_button
        if duplicating:
            self.description.setText(
                "The same details, agenda, chair, host and moderator, numbered next in the "
                "series, on the date below."
            )
        elif checked is not None:
            self.description.setText(checked.toolTip())
        if checked is not None:
            self.kinds_box.removeWidget(self.description)
            below = self.kinds_box.indexOf(checked) + 1
            if duplicating:  # under the past events' list, which belongs to the button
                below += 1
            self.kinds_box.insertWidget(below, self.description)
        self.past_event.setEnabled(duplicating)
        self.title.setEnabled(not duplicating)
        self.series.setEnabled(not duplicating)
        self.at.setEnabled(not duplicating)

    def create_event(self) -> None:
        checked = self.kinds.checkedButton()
        key = str(checked.property("key")) if checked else "roundtable"
        qd = self.day.date()
        day = date(qd.year(), qd.month(), qd.day())
        try:
            if key == DUPLICATE:
                source = self.past_event.currentData()
                if source is None:
                    return
                self.created_event_id = next_session_of(self.ctx, int(source), day)
            else:
                title = self.title.text().strip()
                problem = (
                    field_problem(Record.EVENT, "title", title)
                    if title
                    else "Give the event a title."
                )
                if problem:
                    show_error(self.title_error, problem)
                    self.title.setFocus()
                    return
                qt = self.at.time()
                self.created_event_id = new_event_from_template(
                    self.ctx,
                    key,
                    title,
                    day,
                    time(qt.hour(), qt.minute()),
                    self.series.currentData(),
                )
        except PlannerError as error:
            show_error(self.title_error, str(error))
            return
        self.accept()
