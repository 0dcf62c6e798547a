"""Details: title, subtitle, format, status, series and number, times with zone, venue and room,
attribution rule, audience. Each field saves as it changes; problems show under the field."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.model import AttributionRule, EventAudience, EventFormat, EventStatus, TimeStyle
from planner.model.labels import AUDIENCE_LABELS, FORMAT_CHOICE_LABELS, RULE_LABELS, STATUS_LABELS
from planner.services.events import (
    ChangeSeries,
    Choice,
    MoveEvent,
    link_choices,
)
from planner.services.operations import Batch, Record, SetField
from planner.services.organisation import time_style
from planner.services.snapshot import EventSnapshot
from planner.ui.editor.base import EditorHost, Section, set_text_keep_cursor
from planner.ui.widgets.clock import qt_time_format
from planner.ui.widgets.style import error_label, show_error
from planner.zones import is_zone, zone_names, zone_or_utc

# Offered first, after the zone the event is in (the organisation's, for a new event).
COMMON_ZONES = (
    "Asia/Dubai",
    "Asia/Riyadh",
    "Asia/Kolkata",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "UTC",
)


def enum_combo(labels: Mapping[Any, str]) -> QComboBox:
    combo = QComboBox()
    for value, label in labels.items():
        combo.addItem(label, value.value)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0 and combo.currentIndex() != index:
        combo.setCurrentIndex(index)


_UTC = QTimeZone(QTimeZone.Initialization.UTC)


def to_qdatetime(value: datetime) -> QDateTime:
    """The wall-clock time of ``value`` as a QDateTime in UTC spec (no machine zone involved)."""
    return QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute), _UTC
    )


def from_qdatetime(value: QDateTime, zone_name: str) -> datetime:
    d, t = value.date(), value.time()
    return datetime(
        d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=zone_or_utc(zone_name)
    )


def datetime_edit() -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setTimeZone(_UTC)
    edit.setCalendarPopup(True)
    set_time_style(edit, TimeStyle.HOURS)
    return edit


def set_time_style(edit: QDateTimeEdit, style: TimeStyle) -> None:
    """Show the date and the time as the organisation writes times."""
    wanted = f"ddd d MMM yyyy  {qt_time_format(style)}"
    if edit.displayFormat() != wanted:
        edit.setDisplayFormat(wanted)


class DetailsSection(Section):
    title = "Details"

    def __init__(self, host: EditorHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_error = error_label()
        self.title_edit.textEdited.connect(self._title_edited)
        self.merge_on_leave(self.title_edit, "title")
        self.title_edit.setAccessibleName("Title")  # its row's label names the cell around it
        form.addRow("Title", self._with_error(self.title_edit, self.title_error))
        self.short_title = QLineEdit()
        self.short_title.setPlaceholderText("For running heads and badges (optional)")
        self.short_title.textEdited.connect(
            lambda text: self.push_event_field("short_title", text, "Edit short title")
        )
        self.merge_on_leave(self.short_title, "short_title")
        form.addRow("Short title", self.short_title)
        self.subtitle = QLineEdit()
        self.subtitle.textEdited.connect(
            lambda text: self.push_event_field("subtitle", text, "Edit subtitle")
        )
        self.merge_on_leave(self.subtitle, "subtitle")
        form.addRow("Subtitle", self.subtitle)

        self.format = enum_combo(FORMAT_CHOICE_LABELS)
        self.format.activated.connect(
            lambda _i: self._push_enum("format", EventFormat, self.format, "Change format")
        )
        self.status = enum_combo(STATUS_LABELS)
        self.status.activated.connect(
            lambda _i: self._push_enum("status", EventStatus, self.status, "Change status")
        )
        # A combo box's own name would be its current choice ("Roundtable"): say what it is.
        self.format.setAccessibleName("Format")
        self.status.setAccessibleName("Status")
        row = QHBoxLayout()
        row.addWidget(self.format, 1)
        row.addWidget(QLabel("Status"))
        row.addWidget(self.status, 1)
        form.addRow("Format", row)

        self.series = QComboBox()
        self.series.setAccessibleName("Series")
        self.series.activated.connect(self._series_chosen)
        self.number = QSpinBox()
        self.number.setAccessibleName("Number in the series")
        self.number.setRange(0, 9999)
        self.number.setSpecialValueText("—")
        self.number.setToolTip("Number of this session in the series")
        self.number.valueChanged.connect(self._number_changed)
        row = QHBoxLayout()
        row.addWidget(self.series, 1)
        row.addWidget(QLabel("No."))
        row.addWidget(self.number)
        form.addRow("Series", row)

        self.starts = datetime_edit()
        self.starts.setObjectName("startsEdit")
        self.ends = datetime_edit()
        self.ends.setObjectName("endsEdit")
        self.zone = QComboBox()
        self.zone.setAccessibleName("Time zone")
        self.zone.setEditable(True)
        self.zone.addItems([*COMMON_ZONES, *[z for z in zone_names() if z not in COMMON_ZONES]])
        zone_completer = self.zone.completer()
        assert zone_completer is not None  # an editable combo box always has one
        zone_completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.zone.setMinimumContentsLength(14)
        self.times_error = error_label()
        # Spinning a time sends a change per step: save once the spinning stops.
        self._times_timer = QTimer(self)
        self._times_timer.setSingleShot(True)
        self._times_timer.setInterval(400)
        self._times_timer.timeout.connect(self._save_times)
        self._start_moved = False
        self.starts.setAccessibleName("Starts")
        self.ends.setAccessibleName("Ends")
        self.starts.dateTimeChanged.connect(lambda _d: self._times_edited(start=True))
        self.ends.dateTimeChanged.connect(lambda _d: self._times_edited(start=False))
        self.zone.activated.connect(lambda _i: self._times_edited(start=False))
        row = QHBoxLayout()
        row.addWidget(self.starts, 1)
        row.addWidget(QLabel("to"))
        row.addWidget(self.ends, 1)
        times = QVBoxLayout()
        times.setSpacing(2)
        times.addLayout(row)
        zone_row = QHBoxLayout()
        zone_row.addWidget(QLabel("Time zone"))
        zone_row.addWidget(self.zone, 1)
        times.addLayout(zone_row)
        times.addWidget(self.times_error)
        form.addRow("When", times)

        self.venue = QComboBox()
        self.venue.setAccessibleName("Venue")
        self.venue.activated.connect(self._venue_chosen)
        self.room = QComboBox()
        self.room.setAccessibleName("Room")
        self.room.activated.connect(self._room_chosen)
        row = QHBoxLayout()
        # Equal halves: a room reads "Conference Room (20 seats)" and was cut at a third.
        row.addWidget(self.venue, 1)
        row.addWidget(QLabel("Room"))
        row.addWidget(self.room, 1)
        form.addRow("Venue", row)

        self.rule = enum_combo(RULE_LABELS)
        self.rule.setAccessibleName("Attribution rule")
        self.rule.setObjectName("ruleCombo")
        self.rule.activated.connect(
            lambda _i: self._push_enum(
                "attribution", AttributionRule, self.rule, "Change attribution rule"
            )
        )
        form.addRow("Rule", self.rule)
        self.audience = enum_combo(AUDIENCE_LABELS)
        self.audience.setAccessibleName("Audience")
        self.audience.activated.connect(
            lambda _i: self._push_enum("audience", EventAudience, self.audience, "Change audience")
        )
        form.addRow("Audience", self.audience)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("Organiser on the day (name, phone)")
        self.contact.textEdited.connect(
            lambda text: self.push_event_field("contact", text, "Edit contact")
        )
        self.merge_on_leave(self.contact, "contact")
        form.addRow("Contact", self.contact)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self._rooms: list[Choice] = []
        self._choices_version = 0

    @staticmethod
    def _with_error(field: QWidget, error: QLabel) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(error)
        return box

    # --- filling -----------------------------------------------------------------------------

    def fingerprint(self, snapshot: EventSnapshot) -> object:
        return (
            snapshot.title,
            snapshot.short_title,
            snapshot.subtitle,
            snapshot.contact,
            snapshot.format,
            snapshot.status,
            snapshot.attribution,
            snapshot.audience,
            snapshot.series_id,
            snapshot.series_number,
            snapshot.venue_id,
            snapshot.room_id,
            snapshot.starts_at,
            snapshot.ends_at,
            snapshot.time_zone,
            self._choices_version,
        )

    def saving_soon(self) -> bool:
        """Whether a time change waits to be saved (it is saved once the spinning stops)."""
        return self._times_timer.isActive()

    def reload_choices(self) -> None:
        """Series, venues and rooms may have been edited in their own sections."""
        self._choices_version += 1

    def fill(self, snapshot: EventSnapshot) -> None:
        style = time_style(self.ctx.db)
        for edit in (self.starts, self.ends):
            set_time_style(edit, style)
        set_text_keep_cursor(self.title_edit, snapshot.title)
        show_error(self.title_error, None)
        set_text_keep_cursor(self.short_title, snapshot.short_title)
        set_text_keep_cursor(self.subtitle, snapshot.subtitle)
        set_text_keep_cursor(self.contact, snapshot.contact)
        select_data(self.format, snapshot.format.value)
        select_data(self.status, snapshot.status.value)
        select_data(self.rule, snapshot.attribution.value)
        select_data(self.audience, snapshot.audience.value)
        choices = link_choices(self.ctx.db)
        series, venues, self._rooms = choices.series, choices.venues, list(choices.rooms)
        self.series.clear()
        self.series.addItem("(none)", None)
        for choice in series:
            self.series.addItem(choice.label, choice.id)
        select_data(self.series, snapshot.series_id)
        self.number.setValue(snapshot.series_number or 0)
        self.number.setEnabled(snapshot.series_id is not None)
        self.venue.clear()
        self.venue.addItem("(not set)", None)
        for choice in venues:
            self.venue.addItem(choice.label, choice.id)
        select_data(self.venue, snapshot.venue_id)
        self._fill_rooms(snapshot.venue_id, snapshot.room_id)
        if not self._times_timer.isActive():
            self.starts.setDateTime(to_qdatetime(snapshot.starts_at))
            self.ends.setDateTime(to_qdatetime(snapshot.ends_at))
            show_error(self.times_error, None)
        if self.zone.currentText() != snapshot.time_zone:
            self.zone.setCurrentText(snapshot.time_zone)

    def _fill_rooms(self, venue_id: int | None, room_id: int | None) -> None:
        self.room.clear()
        self.room.addItem("(whole venue)", None)
        for choice in self._rooms:
            if choice.parent_id == venue_id:
                label = choice.label
                if choice.capacity:
                    label += f" ({choice.capacity} seats)"
                self.room.addItem(label, choice.id)
        select_data(self.room, room_id)
        self.room.setEnabled(venue_id is not None)

    # --- edits -------------------------------------------------------------------------------

    def _title_edited(self, text: str) -> None:
        if not text.strip():
            show_error(self.title_error, "An event needs a title; the last one is kept.")
            return
        show_error(self.title_error, None)
        self.push_event_field("title", text, "Edit title")

    def _push_enum(self, field: str, kind: type[StrEnum], combo: QComboBox, text: str) -> None:
        self.push_event_field(field, kind(combo.currentData()), text, mergeable=False)

    def _series_chosen(self, _index: int) -> None:
        if self.loading or self.host.event_id is None or self.snapshot is None:
            return
        series_id = self.series.currentData()
        if series_id == self.snapshot.series_id:
            return
        self.push_operation(ChangeSeries(self.host.event_id, series_id))

    def _number_changed(self, value: int) -> None:
        if self.snapshot is None or self.snapshot.series_id is None:
            return
        self.push_event_field("series_number", value or None, "Change session number")

    def _venue_chosen(self, _index: int) -> None:
        if self.loading or self.host.event_id is None or self.snapshot is None:
            return
        venue_id = self.venue.currentData()
        if venue_id == self.snapshot.venue_id:
            return
        event_id, text = self.host.event_id, "Change venue"
        venue = SetField(Record.EVENT, event_id, "venue_id", venue_id, text)
        room = SetField(Record.EVENT, event_id, "room_id", None, text)
        self.push_operation(Batch(text, (venue, room), event_id))

    def _room_chosen(self, _index: int) -> None:
        self.push_event_field("room_id", self.room.currentData(), "Change room", mergeable=False)

    def _times_edited(self, *, start: bool) -> None:
        if self.loading or self.snapshot is None:
            return
        if start:
            # Moving the start keeps the length: the end (and the agenda) move with it.
            self._start_moved = True
            self.loading = True
            length = self.snapshot.ends_at - self.snapshot.starts_at
            new_start = from_qdatetime(self.starts.dateTime(), self.snapshot.time_zone)
            self.ends.setDateTime(to_qdatetime(new_start + length))
            self.loading = False
        self._times_timer.start()

    def show_event(self, snapshot: EventSnapshot) -> None:
        if (
            self._times_timer.isActive()
            and self.snapshot is not None
            and self.snapshot.id != snapshot.id
        ):
            # Another event is opened while a time change waits: save it to its own event.
            self._times_timer.stop()
            self._save_times()
        super().show_event(snapshot)

    def _save_times(self) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            return
        zone_name = self.zone.currentText().strip()
        if not is_zone(zone_name):
            show_error(self.times_error, f"Unknown time zone “{zone_name}”.")
            return
        starts = from_qdatetime(self.starts.dateTime(), zone_name)
        ends = from_qdatetime(self.ends.dateTime(), zone_name)
        if ends <= starts:
            show_error(self.times_error, "The end is before the start: not saved.")
            return
        if ends - starts > timedelta(days=14):
            show_error(self.times_error, "An event longer than two weeks? Check the dates.")
        else:
            show_error(self.times_error, None)
        old = (snapshot.starts_at, snapshot.ends_at, snapshot.time_zone)
        if (starts, ends, zone_name) == old and starts.tzinfo == old[0].tzinfo:
            return
        self.push_operation(MoveEvent(snapshot.id, starts, ends, zone_name))
