"""The person page's name order and shared-email warning, and the directory's search for
full names and names without their accents (issue s20, names)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QLineEdit

from planner.model import NameOrder, Person
from planner.services import people as svc
from planner.store import Database
from planner.ui.context import AppContext
from planner.ui.people.view import PeopleView


@pytest.fixture
def ctx(qapp, db: Database) -> AppContext:
    return AppContext(db, QUndoStack())


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    rows = {
        "wang": {"honorific": "H.E.", "given_name": "Yi", "family_name": "Wang"},
        "wang_cjk": {"given_name": "晓明", "family_name": "王", "affiliation": "北京大学"},
        "muller": {"honorific": "Prof.", "given_name": "Jürgen", "family_name": "Müller"},
        "khattak": {
            "honorific": "Amb (R)",
            "given_name": "Khalid",
            "family_name": "Khattak",
            "email": "office@mofa.gov.pk",
        },
    }
    return {key: svc.create_person(db, values) for key, values in rows.items()}


def _view(qtbot, ctx: AppContext) -> PeopleView:
    view = PeopleView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    return view


def _stored(db: Database, person_id: int) -> Person:
    with db.session() as s:
        return s.get_one(Person, person_id)


def test_name_order_is_chosen_on_the_person_page_and_undone(qtbot, ctx, people) -> None:
    view = _view(qtbot, ctx)
    assert view.select_person(people["wang"])
    page = view.page
    assert page.full_style_label.text() == "H.E. Yi Wang"
    combo = page.edits["name_order"]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(NameOrder.FAMILY_FIRST.value))
    combo.activated.emit(combo.currentIndex())
    assert _stored(ctx.db, people["wang"]).name_order == "family first"
    assert page.full_style_label.text() == "H.E. Wang Yi"
    assert page.salutation_label.text() == "Your Excellency"
    row = view.model.row_of(people["wang"])
    assert view.model.data(view.model.index(row, 0)) == "H.E. Wang Yi"
    ctx.undo_stack.undo()
    assert _stored(ctx.db, people["wang"]).name_order == ""
    assert combo.currentData() == "" and page.full_style_label.text() == "H.E. Yi Wang"


def test_an_email_someone_else_has_is_saved_with_a_warning_naming_them(qtbot, ctx, people) -> None:
    view = _view(qtbot, ctx)
    assert view.select_person(people["muller"])
    page = view.page
    email = page.edits["email"]
    assert isinstance(email, QLineEdit)
    email.setText("Office@MOFA.gov.pk")
    email.textEdited.emit(email.text())
    assert _stored(ctx.db, people["muller"]).email == "Office@MOFA.gov.pk"  # not refused
    warning = page.errors["email"]
    assert not warning.isHidden()
    assert "Amb (R) Khalid Khattak already has this email address" in warning.text()
    email.setText("juergen@uni-koeln.de")
    email.textEdited.emit(email.text())
    assert warning.isHidden()
    # Shown again when the person is opened later.
    email.setText("office@mofa.gov.pk")
    email.textEdited.emit(email.text())
    assert view.select_person(people["wang"]) and page.errors["email"].isHidden()
    assert view.select_person(people["muller"]) and "Khattak" in page.errors["email"].text()


@pytest.mark.parametrize(
    ("query", "who"), [("王晓明", "wang_cjk"), ("muller", "muller"), ("JURGEN", "muller")]
)
def test_the_directory_finds_full_names_and_names_without_accents(
    qtbot, ctx, people, query: str, who: str
) -> None:
    view = _view(qtbot, ctx)
    view.search.setText(query)
    view.apply_search()
    assert view.model.rowCount() == 1
    assert view.model.person_id(0) == people[who]
