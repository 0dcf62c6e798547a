"""The People, Venues, Series and Organisation views, driven offscreen with pytest-qt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from planner.model import (
    AttributionRule,
    Event,
    Organisation,
    Participation,
    Person,
    Role,
    Room,
    Series,
    TimeStyle,
    Venue,
)
from planner.services import people as svc
from planner.store import Database
from planner.ui.context import AppContext
from planner.ui.organisation.view import OrganisationView
from planner.ui.people.merge_dialog import MergeDialog
from planner.ui.people.model import COL_NAME
from planner.ui.people.view import PeopleView
from planner.ui.series.view import SeriesView
from planner.ui.venues.model import RoomsModel
from planner.ui.venues.view import VenuesView


@pytest.fixture
def ctx(qapp, db: Database) -> AppContext:
    return AppContext(db, QUndoStack())


def type_into(edit: QLineEdit, text: str) -> None:
    """What typing does (setText plus textEdited), safe for non-ASCII text."""
    edit.setText(text)
    edit.textEdited.emit(text)


def person(db: Database, person_id: int) -> Person:
    with db.session() as s:
        row = s.get(Person, person_id)
        assert row is not None
        return row


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    rows = {
        "owais": {
            "honorific": "Lt. Gen. (R)",
            "given_name": "Syed Muhammad",
            "family_name": "Owais",
            "post_nominals": "HI (M)",
            "affiliation": "CPGS",
        },
        "khattak": {
            "honorific": "Amb (R)",
            "given_name": "Khalid",
            "family_name": "Khattak",
            "affiliation": "Ministry of Foreign Affairs",
            "email": "khalid@mofa.gov.pk",
        },
        "khattak2": {"given_name": "K.", "family_name": "Khattak", "position": "Former Ambassador"},
        "weinbaum": {
            "honorific": "Prof.",
            "given_name": "Marvin G.",
            "family_name": "Weinbaum",
            "affiliation": "University of Illinois",
        },
    }
    return {key: svc.create_person(db, values) for key, values in rows.items()}


def select_rows(view: PeopleView, ids: list[int]) -> None:
    selection = view.table.selectionModel()
    selection.clearSelection()
    for pid in ids:
        row = view.model.row_of(pid)
        assert row is not None
        selection.select(
            view.model.index(row, COL_NAME),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_search_as_you_type_is_debounced(qtbot, ctx: AppContext, people) -> None:
    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    view.focus_search()
    qtbot.keyClicks(view.search, "khat")
    assert view.model.rowCount() == 4  # not yet: the search waits for a pause
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=2000)
    qtbot.waitUntil(lambda: "2 people match" in view.count_label.text())
    view.search.setText("mofa.gov")
    view.apply_search()
    assert view.model.rowCount() == 1
    assert view.model.person_id(0) == people["khattak"]
    # Down goes to the first match and shows it; Escape in the search clears it.
    view.focus_search()
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.page.person_id == people["khattak"]
    view.focus_search()
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == "" and view.model.rowCount() == 4


def test_edit_person_saves_each_change_and_undoes(qtbot, ctx: AppContext, people) -> None:
    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    assert view.select_person(people["owais"])
    page = view.page
    assert page.person_id == people["owais"]
    assert page.full_style_label.text() == "Lt. Gen. (R) Syed Muhammad Owais HI (M)"
    assert "Chaired" not in page.history_summary.text()

    type_into(page.edits["affiliation"], "مركز الدراسات")  # non-Latin, right to left
    assert person(ctx.db, people["owais"]).affiliation == "مركز الدراسات"
    assert page.edits["affiliation"].layoutDirection() == Qt.LayoutDirection.RightToLeft
    row = view.model.row_of(people["owais"])
    assert view.model.data(view.model.index(row, 2)) == "مركز الدراسات"

    # An empty family name is shown as a problem and not written.
    type_into(page.edits["family_name"], "")
    assert not page.errors["family_name"].isHidden()
    assert person(ctx.db, people["owais"]).family_name == "Owais"
    type_into(page.edits["family_name"], "Owais-Khan")
    assert page.errors["family_name"].isHidden()
    assert person(ctx.db, people["owais"]).family_name == "Owais-Khan"
    type_into(page.edits["email"], "not an address")
    assert "not an email address" in page.errors["email"].text()
    assert person(ctx.db, people["owais"]).email == ""

    ctx.undo_stack.undo()  # the family name
    assert person(ctx.db, people["owais"]).family_name == "Owais"
    assert page.edits["family_name"].text() == "Owais"
    ctx.undo_stack.undo()  # the affiliation
    assert person(ctx.db, people["owais"]).affiliation == "CPGS"
    ctx.undo_stack.redo()
    assert person(ctx.db, people["owais"]).affiliation == "مركز الدراسات"


def test_add_and_delete_person_are_undoable(qtbot, ctx: AppContext, people, monkeypatch) -> None:
    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.add_person()
    new_id = view.page.person_id
    assert new_id is not None and svc.count_people(ctx.db) == 5
    type_into(view.page.edits["family_name"], "Kamran")
    assert person(ctx.db, new_id).family_name == "Kamran"

    # Someone with a role: deleting asks first, undo brings back the person and the role.
    start = datetime(2024, 3, 12, 12, tzinfo=UTC)
    with ctx.db.session() as s:
        event = Event(uid="e@x", title="Gulf", starts_at=start, ends_at=start + timedelta(hours=2))
        s.add(event)
        s.flush()
        s.add(Participation(event_id=event.id, person_id=people["owais"], role=Role.CHAIR))
    view.refresh()
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    select_rows(view, [people["owais"]])
    view.delete_selected()
    assert asked and "1 role" in asked[0]
    assert svc.person_row(ctx.db, people["owais"]) is None
    ctx.undo_stack.undo()
    assert svc.role_history(ctx.db, people["owais"]).summary() == "chaired 1"
    assert view.model.row_of(people["owais"]) is not None
    ctx.undo_stack.undo()  # the family name
    ctx.undo_stack.undo()  # the new person
    assert svc.count_people(ctx.db) == 4


def test_deleting_an_events_contact_says_so_and_empties_it_undoably(
    qtbot, ctx: AppContext, people, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.show()
    start = datetime(2024, 3, 12, 12, tzinfo=UTC)
    contact = "Prof. Marvin G. Weinbaum, +1 217 000 0000"
    with ctx.db.session() as s:
        event = Event(
            uid="c@x",
            title="Gulf",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            contact=contact,
        )
        s.add(event)
        s.flush()
        event_id = event.id
    view.refresh()
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    select_rows(view, [people["weinbaum"]])
    view.delete_selected()
    # No role at the event, but the contact names him: asked first, and told what happens.
    assert asked and "The contact of “Gulf” names them: it will be emptied" in asked[0]
    with ctx.db.session() as s:
        assert s.get(Event, event_id).contact == ""
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        assert s.get(Event, event_id).contact == contact


def test_merge_duplicates_through_the_dialog(qtbot, ctx: AppContext, people) -> None:
    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    keep, dup = people["khattak"], people["khattak2"]
    select_rows(view, [keep, dup])
    assert view.merge_action.isEnabled()
    dialog = MergeDialog(ctx, view.selected_ids(), view, on_changed=view.refresh)
    qtbot.addWidget(dialog)
    assert dialog.survivor_id() == keep
    assert dialog.chosen_values()["given_name"] == "Khalid"
    assert dialog.chosen_values()["position"] == "Former Ambassador"  # the only non-empty one
    dialog.choose("given_name", "K.")
    dialog.accept()
    assert svc.person_row(ctx.db, dup) is None
    merged = svc.get_person(ctx.db, keep)
    assert merged["given_name"] == "K." and merged["position"] == "Former Ambassador"
    assert merged["email"] == "khalid@mofa.gov.pk"
    assert view.model.rowCount() == 3
    ctx.undo_stack.undo()
    assert svc.get_person(ctx.db, dup)["position"] == "Former Ambassador"
    assert svc.get_person(ctx.db, keep)["given_name"] == "Khalid"
    assert view.model.rowCount() == 4


def test_sorting_by_header_click_sorts_in_sql(qtbot, ctx: AppContext, people) -> None:
    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    families = [svc.get_person(ctx.db, view.model.person_id(r))["family_name"] for r in range(4)]
    assert families == ["Khattak", "Khattak", "Owais", "Weinbaum"]  # not by "Amb", "Lt. Gen."
    view.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not view.model.ordering)  # queried in a worker
    assert svc.get_person(ctx.db, view.model.person_id(0))["family_name"] == "Weinbaum"


def test_venue_rooms_are_edited_with_inline_validation(qtbot, ctx: AppContext) -> None:
    view = VenuesView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.add_venue()
    venue_id = view.current_venue_id()
    assert venue_id is not None
    type_into(view.name_edit, "Islamabad Club")
    view.add_room()
    view.add_room()
    rooms = view.rooms
    assert rooms.names() == ["New room", "New room 2"]
    assert rooms.setData(rooms.index(0, RoomsModel.COL_NAME), "Hall")
    assert rooms.setData(rooms.index(0, RoomsModel.COL_CAPACITY), "80")
    # A duplicate name and a negative capacity are refused, with the reason on screen.
    row = rooms.names().index("New room 2")
    assert not rooms.setData(rooms.index(row, RoomsModel.COL_NAME), "hall")
    assert "already has a room" in view.rooms_error.text() and not view.rooms_error.isHidden()
    assert not rooms.setData(rooms.index(row, RoomsModel.COL_CAPACITY), "-4")
    assert "negative" in view.rooms_error.text()
    with ctx.db.session() as s:
        venue = s.get(Venue, venue_id)
        assert venue is not None and venue.name == "Islamabad Club"
        assert sorted((r.name, r.capacity) for r in venue.rooms) == [
            ("Hall", 80),
            ("New room 2", None),
        ]
    ctx.undo_stack.undo()  # capacity
    ctx.undo_stack.undo()  # name
    with ctx.db.session() as s:
        assert sorted(r.name for r in s.scalars(select(Room))) == ["New room", "New room 2"]
    # Opening hours: closing before opening is refused.
    view.hours_check.setChecked(True)
    from PySide6.QtCore import QTime

    view.opens_edit.setTime(QTime(18, 0))
    view.closes_edit.setTime(QTime(9, 0))
    view.closes_edit.editingFinished.emit()
    assert "close after it opens" in view.hours_error.text()
    view.closes_edit.setTime(QTime(22, 0))
    view.closes_edit.editingFinished.emit()
    with ctx.db.session() as s:
        venue = s.get(Venue, venue_id)
        assert venue is not None and venue.opens_at is not None
        assert (venue.opens_at.hour, venue.closes_at.hour) == (18, 22)


def test_series_defaults_and_events(qtbot, ctx: AppContext, people) -> None:
    with ctx.db.session() as s:
        series = Series(title="Pakistan Foreign Policy Review", numbering="Seminar No. {n}")
        s.add(series)
        s.flush()
        start = datetime(2013, 3, 12, 12, tzinfo=UTC)
        s.add(
            Event(
                uid="s1@x",
                title="Pakistan and Turkey",
                series_id=series.id,
                series_number=1,
                starts_at=start,
                ends_at=start + timedelta(hours=2),
            )
        )
        series_id = series.id
    view = SeriesView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.binder.row_id == series_id
    assert view.events_model.rowCount() == 1
    assert view.events_model.data(view.events_model.index(0, 0)) == "Seminar No. 1"
    type_into(view.numbering_edit, "Session")
    assert "{n}" in view.binder.problem_of("numbering")
    type_into(view.numbering_edit, "Session {n}")
    view.rule_combo.setCurrentIndex(view.rule_combo.findData(AttributionRule.CHATHAM_HOUSE.value))
    view.zone_combo.setCurrentIndex(view.zone_combo.findData("Asia/Dubai"))
    view.binder.save("default_chair_id", people["owais"], "Set default chair")
    with ctx.db.session() as s:
        row = s.get(Series, series_id)
        assert row is not None
        assert row.numbering == "Session {n}"
        assert row.default_attribution == AttributionRule.CHATHAM_HOUSE
        assert row.default_time_zone == "Asia/Dubai"
        assert row.default_chair_id == people["owais"]
    assert "Owais" in view.chair_label.text()
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        row = s.get(Series, series_id)
        assert row is not None and row.default_time_zone == "" and row.default_chair_id is None
    assert view.zone_combo.currentIndex() == 0


def test_organisation_settings_are_saved(qtbot, ctx: AppContext, tmp_path) -> None:
    view = OrganisationView(ctx)
    qtbot.addWidget(view)
    view.show()
    fields = view.binder.fields
    type_into(fields["name"].widget, "Centre for Pakistan and Gulf Studies")
    type_into(fields["email"].widget, "info@cpgs")
    assert view.binder.problem_of("email")
    # A javascript: website would reach every footer and signature: refused, naming the field.
    type_into(fields["website"].widget, "javascript:alert(1)")
    assert "Website: only http://, https:// and mailto:" in view.binder.problem_of("website")
    with ctx.db.session() as s:
        assert s.scalars(select(Organisation.website)).one() == ""
    type_into(fields["website"].widget, "https://www.cpakgulf.org")
    assert not view.binder.problem_of("website")
    type_into(view.colour_edit, "#12345")
    assert view.binder.problem_of("brand_colour")
    type_into(view.colour_edit, "#0a5c36")
    fields["time_style"].widget.setCurrentIndex(
        fields["time_style"].widget.findData(TimeStyle.TWELVE_HOUR.value)
    )
    fields["name_cast_publicly_under_chatham_house"].widget.setChecked(False)
    fields["travel_buffer_minutes"].widget.setValue(45)
    view.zone_combo.setCurrentIndex(view.zone_combo.findData("Asia/Riyadh"))
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(60, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#0a5c36"))
    image.save(str(logo))
    view._set_logo(str(logo))
    assert not view.logo_preview.pixmap().isNull()
    view._set_logo(str(tmp_path / "missing.png"))
    assert "No file" in view.binder.problem_of("logo_path")
    with ctx.db.session() as s:
        org = s.scalars(select(Organisation)).one()
        assert org.name == "Centre for Pakistan and Gulf Studies"
        assert org.email == ""  # refused
        assert org.website == "https://www.cpakgulf.org"
        assert org.brand_colour == "#0A5C36"
        assert org.time_style == TimeStyle.TWELVE_HOUR
        assert org.name_cast_publicly_under_chatham_house is False
        assert org.travel_buffer_minutes == 45
        assert org.time_zone == "Asia/Riyadh"
        assert org.logo_path == str(logo)
    ctx.undo_stack.undo()  # the logo
    ctx.undo_stack.undo()  # the zone
    with ctx.db.session() as s:
        org = s.scalars(select(Organisation)).one()
        assert org.logo_path == "" and org.time_zone == "Asia/Karachi"
    assert view.zone_combo.currentData() == "Asia/Karachi"


def test_import_people_in_a_worker(qtbot, ctx: AppContext, people, tmp_path, monkeypatch) -> None:
    from planner.ui.people import import_dialog as people_import

    shown: list[tuple[bool, str]] = []
    monkeypatch.setattr(people_import, "show_result", lambda _p, ok, msg: shown.append((ok, msg)))
    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.show()
    csv = tmp_path / "people.csv"
    rows = ["Given name,Family name,Affiliation,Email"]
    rows += [f"Person{i},Family{i},Institute,p{i}@example.org" for i in range(600)]
    rows.append("Ольга,Иванова,МГИМО,olga@mgimo.ru")
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    view.import_people(csv)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown[0][0], shown
    assert "601 created" in shown[0][1]
    assert svc.count_people(ctx.db) == 4 + 601
    assert "605 people" in view.count_label.text() or view.model.count() == 605

    # A bad file imports nothing and says why.
    bad = tmp_path / "bad.csv"
    bad.write_text("Given name,Family name,Email\nA,B,not-an-email\n", encoding="utf-8")
    view.import_people(bad)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20000)
    assert not shown[1][0] and "nothing imported" in shown[1][1]
    assert svc.count_people(ctx.db) == 605

    # Cancelled (here: before the first progress report): rolled back, nothing imported.
    job = people_import.PeopleImport(ctx, view)
    job.finished.connect(lambda ok, msg: shown.append((ok, msg)))
    job.cancel()
    job.start(csv)
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=20000)
    assert shown[2] == (False, "Import cancelled; nothing was imported.")
    assert svc.count_people(ctx.db) == 605


def test_views_reread_when_shown_again(qtbot, ctx: AppContext, people) -> None:
    view = PeopleView(ctx)
    venues = VenuesView(ctx)
    for widget in (view, venues):
        qtbot.addWidget(widget)
        widget.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    view.hide()
    venues.hide()
    svc.create_person(ctx.db, {"family_name": "Kamran", "given_name": "Sehar"})
    with ctx.db.session() as s:
        s.add(Venue(name="Marriott", city="Islamabad"))
    view.show()
    venues.show()
    assert view.model.rowCount() == 5
    assert venues.model.rowCount() == 1


def test_removing_a_room_in_use_asks_and_undo_reattaches_events(
    qtbot, ctx: AppContext, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    start = datetime(2024, 3, 12, 12, tzinfo=UTC)
    with ctx.db.session() as s:
        club = Venue(name="Islamabad Club")
        s.add(club)
        s.flush()
        hall = Room(venue_id=club.id, name="Main Hall", capacity=80)
        s.add(hall)
        s.flush()
        s.add(
            Event(
                uid="r@x",
                title="Gulf",
                venue_id=club.id,
                room_id=hall.id,
                starts_at=start,
                ends_at=start + timedelta(hours=2),
            )
        )
        hall_id = hall.id
    view = VenuesView(ctx)
    qtbot.addWidget(view)
    view.show()
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    view.rooms_table.setCurrentIndex(view.rooms.index(0, 0))
    view.remove_room()
    assert asked and "1 event(s) are held in Main Hall" in asked[0]
    with ctx.db.session() as s:
        assert s.get(Room, hall_id) is None
        assert s.scalars(select(Event.room_id)).one() is None
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        assert s.get(Room, hall_id) is not None
        assert s.scalars(select(Event.room_id)).one() == hall_id
    assert view.rooms.names() == ["Main Hall"]


def test_person_picker_searches_the_directory(qtbot, ctx: AppContext, people) -> None:
    from planner.ui.people.pick_dialog import PickPersonDialog

    picker = PickPersonDialog(ctx, "Default chair")
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitUntil(lambda: picker.model.rowCount() == 4)
    assert picker.chosen_id() is None  # nothing chosen yet, several shown
    qtbot.keyClicks(picker.search, "weinb")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1, timeout=2000)
    assert picker.chosen_id() == people["weinbaum"]  # the only match


# --- try-out 20: the logo preview, 12-hour opening hours, the Delete question ----------------


def test_a_logo_path_typed_and_confirmed_is_previewed(qtbot, ctx: AppContext, tmp_path) -> None:
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(60, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#0a5c36"))
    image.save(str(logo))
    view = OrganisationView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert view.logo_preview.text() == "(no logo)"
    type_into(view.logo_edit, str(logo))
    view.logo_edit.editingFinished.emit()  # Enter, or leaving the field
    with ctx.db.session() as s:
        assert s.scalars(select(Organisation.logo_path)).one() == str(logo)
    assert not view.logo_preview.pixmap().isNull()
    assert view.logo_preview.text() == ""


def test_opening_hours_follow_the_organisations_time_style(qtbot, ctx: AppContext) -> None:
    from datetime import time

    with ctx.db.session() as s:
        s.add(Venue(name="Islamabad Club", opens_at=time(9, 0), closes_at=time(22, 0)))
        organisation = s.scalars(select(Organisation)).first()
        if organisation is None:
            s.add(Organisation(name="CPGS", time_style=TimeStyle.TWELVE_HOUR))
        else:
            organisation.time_style = TimeStyle.TWELVE_HOUR
    view = VenuesView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    view.table.selectRow(0)
    assert view.closes_edit.text() == "10:00 pm"
    assert view.opens_edit.text() == "9:00 am"
    with ctx.db.session() as s:
        s.scalars(select(Organisation)).one().time_style = TimeStyle.HOURS
    view.refresh()
    assert view.closes_edit.text() == "22:00"


def test_the_delete_question_names_the_person_in_full(qtbot, ctx: AppContext, monkeypatch) -> None:
    """Three Khans in the directory: "Khan has 2 role(s)" did not say which."""
    from PySide6.QtWidgets import QMessageBox

    khans = [
        svc.create_person(ctx.db, {"honorific": h, "given_name": g, "family_name": "Khan"})
        for h, g in (("Brig Dr", "M."), ("", "Imran"), ("Dr", "Ayesha"))
    ]
    start = datetime(2024, 3, 12, 12, tzinfo=UTC)
    with ctx.db.session() as s:
        for n in range(2):
            event = Event(
                uid=f"k{n}@x", title="Gulf", starts_at=start, ends_at=start + timedelta(hours=2)
            )
            s.add(event)
            s.flush()
            s.add(Participation(event_id=event.id, person_id=khans[0], role=Role.SPEAKER))
    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    select_rows(view, [khans[0]])
    view.delete_selected()
    assert asked == [
        "\u2068Brig Dr M. Khan\u2069 has 2 roles at events. Delete and remove them from those "
        "events? (Edit > Undo brings everything back.)"
    ]
