"""New event: from a template (seminar, roundtable, in-house discussion, lecture), or as the next
session of a past event's series. The event is created as one undoable command."""

from __future__ import annotations

from collections.abc import Callable
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
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.errors import PlannerError
from planner.model import Event
from planner.services.events import (
    TEMPLATES,
    EventBackup,
    create_from_template,
    delete_event_with_backup,
    duplicate_event,
    restore_event,
    series_choices,
)
from planner.services.field_limits import check_length
from planner.ui.commands import CallbackCommand
from planner.ui.shell.context import AppContext
from planner.ui.widgets.style import error_label, show_error

DUPLICATE = "duplicate"


def create_event_command(
    ctx: AppContext,
    make: Callable[[Session], int],
    text: str,
) -> int:
    """Push an undoable command that runs ``make(session) -> id``; the new event's id.

    Redo after undo puts back the very event undo took away (its id, calendar UID, agenda
    item ids): the commands pushed after this one hold those ids, and a second ``make`` would
    draw new ones (a new UID always, new ids on PostgreSQL)."""
    created: dict[str, int] = {}
    backup: list[EventBackup] = []
    refused: list[PlannerError] = []

    def do(session: Session) -> None:
        if backup:
            restore_event(session, backup.pop())
            return
        try:
            created["id"] = make(session)
        except PlannerError as error:
            refused.append(error)
            raise

    def undo(session: Session) -> None:
        if session.get(Event, created["id"]) is not None:
            backup.append(delete_event_with_backup(session, created["id"]))

    ctx.undo_stack.push(CallbackCommand(ctx, text, do, undo))
    if refused:
        # The command caught it (and left no undo step); the dialog shows the reason.
        raise refused[0]
    return created["id"]


def new_event_from_template(
    ctx: AppContext,
    key: str,
    title: str,
    day: date,
    at: time = time(17, 0),
    series_id: int | None = None,
) -> int:
    return create_event_command(
        ctx,
        lambda s: create_from_template(s, key, title=title, day=day, at=at, series_id=series_id),
        f"New {key.replace('_', ' ')}",
    )


def next_session_of(ctx: AppContext, event_id: int, day: date | None = None) -> int:
    return create_event_command(
        ctx, lambda s: duplicate_event(s, event_id, day=day), "New session of the series"
    )


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
        kinds_box.addWidget(self.past_event)
        self.kinds.buttons()[1].setChecked(True)  # roundtable: the institute's staple
        self.kinds.idClicked.connect(lambda _i: self._update())
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color:#555; margin-left:22px;")
        kinds_box.insertWidget(len(TEMPLATES), self.description)

        self.title = QLineEdit()
        self.title.setObjectName("newEventTitle")
        self.title.setPlaceholderText("Pakistan – Russia Relations: Challenges and Prospects")
        self.title_error = error_label()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setDate(QDate.currentDate().addDays(14))
        self.at = QTimeEdit()
        self.at.setDisplayFormat("HH:mm")
        self.at.setTime(QTime(17, 0))
        self.series = QComboBox()
        self.series.addItem("(none)", None)
        with ctx.db.session() as session:
            for choice in series_choices(session):
                self.series.addItem(choice.label, choice.id)
            past = session.execute(
                select(Event.id, Event.title, Event.starts_at)
                .where(Event.series_id.is_not(None))
                .order_by(Event.starts_at.desc())
                .limit(200)
            ).all()
        for event_id, title, starts in past:
            self.past_event.addItem(f"{starts:%d %b %Y} — {title}", event_id)
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
                    check_length(Event, "title", title) if title else "Give the event a title."
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
