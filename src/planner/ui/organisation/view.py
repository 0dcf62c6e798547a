"""Organisation settings: the institute's name, logo, colour, paper, zone and house rules.

One form over the single ``organisation`` row. Every change is saved at once as an undoable
command; a malformed email, a logo that is not a readable image or a colour that is not
``#RRGGBB`` is shown next to its field and not saved until fixed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImageReader, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QColorDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.model.enums import AttributionRule, PaperSize, TimeStyle
from planner.model.labels import PAPER_SIZE_LABELS, RULE_LABELS, TIME_STYLE_LABELS
from planner.services.operations import Record
from planner.services.organisation import organisation_id, website_problem
from planner.services.people import field_problem
from planner.ui.context import AppContext
from planner.ui.organisation.your_name import YourNameBox
from planner.ui.venues.binding import RowBinder
from planner.ui.widgets.style import EXAMPLE_COLOUR, Tone, set_tone, swatch_style

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
LOGO_PREVIEW = 96


def colour_problem(value: object) -> str | None:
    return (
        None
        if _HEX.match(str(value).strip())
        else f"A colour is written #RRGGBB, e.g. {EXAMPLE_COLOUR}."
    )


def logo_problem(value: object) -> str | None:
    path = str(value).strip()
    if not path:
        return None
    if not Path(path).is_file():
        return f"No file at {path}."
    if QImageReader(path).format().isEmpty():
        return "This file is not an image Planner can read (use PNG or JPEG)."
    return None


def email_problem(value: object) -> str | None:
    return field_problem("email", str(value))


class OrganisationView(QWidget):
    """The organisation profile (``refresh`` after outside edits; no search field)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._shown_once = False
        self.setObjectName("OrganisationView")
        self.binder = RowBinder(ctx, Record.ORGANISATION, "organisation", self._changed, self)

        identity = QGroupBox("The institute")
        form = QFormLayout(identity)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.binder.add_line(
            form, "Name", "name", placeholder="Centre for Pakistan and Gulf Studies"
        )
        self.binder.add_line(form, "Short name", "short_name", placeholder="CPGS")
        self.binder.add_text(form, "Address", "address", height=60)
        self.binder.add_line(
            form, "Website", "website", placeholder="https://", check=website_problem
        )
        self.binder.add_line(form, "Email", "email", check=email_problem)
        self.binder.add_line(form, "Phone", "phone")

        look = QGroupBox("Look of documents")
        lform = QFormLayout(look)
        lform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Logo: a path, a Browse button and a preview.
        self.logo_edit = QLineEdit()
        self.logo_edit.setObjectName("organisation_logo_path")
        self.logo_edit.setAccessibleName("Logo file")
        self.logo_edit.setPlaceholderText("no logo")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.choose_logo)
        remove = QPushButton("Remove")
        remove.clicked.connect(lambda: self._set_logo(""))
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("organisation_logo_preview")
        self.logo_preview.setFixedSize(LOGO_PREVIEW * 3, LOGO_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        logo_row = QWidget()
        logo_layout = QVBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        path_row = QHBoxLayout()
        path_row.addWidget(self.logo_edit, 1)
        path_row.addWidget(browse)
        path_row.addWidget(remove)
        logo_layout.addLayout(path_row)
        logo_layout.addWidget(self.logo_preview)

        def write_logo(value: Any) -> None:
            self.logo_edit.setText(str(value or ""))
            self._preview_logo()

        logo_changed = self.binder.add_custom(
            lform,
            "Logo",
            "logo_path",
            logo_row,
            lambda: self.logo_edit.text().strip(),
            write_logo,
            check=logo_problem,
        )
        self._logo_changed = logo_changed
        # A path typed in and confirmed (Enter, or leaving the field) is shown as well as saved.
        self.logo_edit.editingFinished.connect(self._logo_typed)

        # Brand colour: the hex value, and a swatch that opens the colour dialog.
        self.colour_edit = QLineEdit()
        self.colour_edit.setObjectName("organisation_brand_colour")
        self.colour_edit.setAccessibleName("Brand colour")
        self.colour_edit.setMaxLength(7)
        self.colour_edit.setFixedWidth(100)
        self.colour_button = QPushButton("Pick…")
        self.colour_button.clicked.connect(self.choose_colour)
        self.colour_swatch = QLabel()
        self.colour_swatch.setFixedSize(48, 24)
        colour_row = QWidget()
        colour_layout = QHBoxLayout(colour_row)
        colour_layout.setContentsMargins(0, 0, 0, 0)
        colour_layout.addWidget(self.colour_swatch)
        colour_layout.addWidget(self.colour_edit)
        colour_layout.addWidget(self.colour_button)
        colour_layout.addStretch(1)

        def write_colour(value: Any) -> None:
            self.colour_edit.setText(str(value or ""))
            self._paint_swatch()

        colour_changed = self.binder.add_custom(
            lform,
            "Brand colour",
            "brand_colour",
            colour_row,
            lambda: self.colour_edit.text().strip().upper(),
            write_colour,
            check=colour_problem,
        )
        self.colour_edit.textEdited.connect(lambda _t: self._colour_typed(colour_changed))
        self._colour_changed = colour_changed
        self.binder.add_combo(
            lform,
            "Paper size",
            "paper_size",
            [(PAPER_SIZE_LABELS[p], p.value) for p in PaperSize],
            convert=PaperSize,
        )

        house = QGroupBox("Times and house rules")
        hform = QFormLayout(house)
        hform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.zone_combo = self.binder.add_zone(hform, "Time zone", "time_zone")
        self.zone_combo.setObjectName("organisation_time_zone")
        self.binder.add_combo(
            hform,
            "Time style",
            "time_style",
            [(TIME_STYLE_LABELS[t], t.value) for t in TimeStyle],
            convert=TimeStyle,
        )
        self.binder.add_combo(
            hform,
            "Default rule",
            "default_attribution",
            [(RULE_LABELS[r], r.value) for r in AttributionRule],
            convert=AttributionRule,
        )
        self.binder.add_check(
            hform,
            "Speakers, chair and moderator may be named publicly under the Chatham House Rule",
            "name_cast_publicly_under_chatham_house",
        )
        self.binder.add_spin(
            hform,
            "Travel buffer",
            "travel_buffer_minutes",
            minimum=0,
            maximum=24 * 60,
            suffix=" min",
        )
        hint = QLabel(
            "The travel buffer is the time a person needs between events at different venues; "
            "closer events are reported as conflicts."
        )
        hint.setWordWrap(True)
        set_tone(hint, Tone.MUTED)
        hform.addRow("", hint)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        self.your_name = YourNameBox(ctx)
        content_layout.addWidget(self.your_name)
        content_layout.addWidget(identity)
        content_layout.addWidget(look)
        content_layout.addWidget(house)
        content_layout.addStretch(1)
        content.setMaximumWidth(900)
        scroll = QScrollArea()
        scroll.setAccessibleName("Organisation settings")
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # Coming back to this section: the event editor may have changed what it shows.
        if self._shown_once:
            self.refresh()
        self._shown_once = True
        super().showEvent(event)

    # --- public ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.binder.load(organisation_id(self.ctx.db))

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Choose the logo", self.logo_edit.text(), "Images (*.png *.jpg *.jpeg *.svg)"
        )
        if path:
            self._set_logo(path)

    def choose_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self.colour_edit.text()), self, "Brand colour")
        if colour.isValid():
            self.colour_edit.setText(colour.name().upper())
            self._paint_swatch()
            self._colour_changed()

    # --- internals -------------------------------------------------------------------------

    def _logo_typed(self) -> None:
        self._preview_logo()
        self._logo_changed()

    def _set_logo(self, path: str) -> None:
        self.logo_edit.setText(path)
        self._preview_logo()
        self._logo_changed()

    def _preview_logo(self) -> None:
        path = self.logo_edit.text().strip()
        pixmap = QPixmap(path) if path and logo_problem(path) is None else QPixmap()
        if pixmap.isNull():
            self.logo_preview.clear()  # before setText: clearing a pixmap clears the text too
            self.logo_preview.setText("(no logo)" if not path else "(cannot show this file)")
            return
        self.logo_preview.setPixmap(
            pixmap.scaled(
                LOGO_PREVIEW * 3,
                LOGO_PREVIEW,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _colour_typed(self, changed: Callable[[], None]) -> None:
        self._paint_swatch()
        changed()

    def _paint_swatch(self) -> None:
        text = self.colour_edit.text().strip()
        colour = text if colour_problem(text) is None else "transparent"
        self.colour_swatch.setStyleSheet(swatch_style(colour))

    def _changed(self, _row_id: int) -> None:
        self.ctx.show_status("Organisation settings saved.")
