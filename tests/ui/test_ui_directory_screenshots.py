"""Each directory view on the demo data: filled, nothing empty; pictured into the test's folder
(the guide's screenshots come from docs/screenshots/make_screenshots.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QUndoStack
from sqlalchemy import select

from planner.model import Organisation
from planner.services.people import create_person, search_people
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.context import AppContext
from planner.ui.organisation.view import OrganisationView
from planner.ui.people.merge_dialog import MergeDialog
from planner.ui.people.view import PeopleView
from planner.ui.series.view import SeriesView
from planner.ui.venues.view import VenuesView
from ui_pictures import distinct_colours, save_picture

SIZE = (1280, 800)


@pytest.fixture
def demo(qapp, db: Database, tmp_path: Path) -> AppContext:
    load_demo(db)
    # A logo, so the organisation page shows its preview.
    logo = tmp_path / "cpgs-logo.png"
    image = QImage(360, 120, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setBrush(QColor("#0B6E4F"))
    painter.setPen(QColor("#0B6E4F"))
    painter.drawEllipse(8, 8, 104, 104)
    font = QFont()
    font.setPixelSize(64)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(128, 86, "CPGS")
    painter.end()
    image.save(str(logo))
    with db.session() as s:
        org = s.scalars(select(Organisation)).first()
        assert org is not None
        org.logo_path = str(logo)
    return AppContext(db, QUndoStack())


def save(widget, folder: Path, name: str) -> None:
    assert distinct_colours(save_picture(widget, folder, name)) > 10, name


def show(qtbot, widget) -> None:
    qtbot.addWidget(widget)
    widget.resize(*SIZE)
    widget.show()
    qtbot.waitExposed(widget)


def test_people_on_demo_data(qtbot, demo: AppContext, tmp_path: Path) -> None:
    view = PeopleView(demo)
    show(qtbot, view)
    qtbot.waitUntil(lambda: view.model.rowCount() > 10)
    owais = search_people(demo.db, "owais")[0].id
    assert view.select_person(owais)
    assert view.page.history_model.rowCount() >= 1
    assert view.page.full_style_label.text().startswith("Lt. Gen. (R)")
    qtbot.waitUntil(lambda: "people in the directory" in view.count_label.text())
    save(view, tmp_path, "people")
    view.search.setText("kh")
    view.apply_search()
    assert view.model.rowCount() >= 2
    view.select_person(view.model.person_id(0))
    qtbot.waitUntil(lambda: "match" in view.count_label.text())
    save(view, tmp_path, "people-search")

    duplicate = create_person(
        demo.db,
        {
            "given_name": "K.",
            "family_name": "Khattak",
            "email": "kk@mofa.example.org",
            "position": "Former Ambassador to the Gulf states",
        },
    )
    khattak = search_people(demo.db, "khalid khattak")[0].id
    dialog = MergeDialog(demo, [khattak, duplicate], view)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.survivor_id() == khattak
    qtbot.wait(100)  # let the scroll area settle its scroll bars before the picture
    save(dialog, tmp_path, "people-merge")


def test_venues_series_organisation_on_demo_data(qtbot, demo: AppContext, tmp_path: Path) -> None:
    venues = VenuesView(demo)
    show(qtbot, venues)
    assert venues.model.rowCount() >= 1 and venues.current_venue_id() is not None
    club = next(
        venues.model.venue_id(r)
        for r in range(venues.model.rowCount())
        if "Club" in venues.model.data(venues.model.index(r, 0))
    )
    venues.select_venue(club)
    assert venues.rooms.rowCount() >= 1
    save(venues, tmp_path, "venues")

    series = SeriesView(demo)
    show(qtbot, series)
    assert series.model.rowCount() >= 1 and series.events_model.rowCount() >= 1
    save(series, tmp_path, "series")

    org = OrganisationView(demo)
    show(qtbot, org)
    assert org.binder.fields["name"].read()
    assert not org.logo_preview.pixmap().isNull()
    save(org, tmp_path, "organisation")
