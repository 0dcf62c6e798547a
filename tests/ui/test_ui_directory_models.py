"""The directory's table models, tested without widgets."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from planner.model import Room, Venue
from planner.services import people as svc
from planner.store import Database
from planner.ui.people.model import (
    COL_AFFILIATION,
    COL_EMAIL,
    COL_NAME,
    PERSON_ID_ROLE,
    PeopleTableModel,
)
from planner.ui.venues.model import RoomsModel, VenueListModel, parse_capacity, room_problem
from planner.ui.widgets.style import is_rtl


def fill(db: Database, n: int) -> None:
    for i in range(n):
        svc.create_person(
            db,
            {
                "honorific": "Dr" if i % 2 else "Prof.",
                "given_name": f"Given{i:03d}",
                "family_name": f"Family{(n - i):03d}",
                "affiliation": f"Institute {'ABCDEFG'[i % 7]}",
                "email": f"p{i}@example.org",
            },
        )


def column(model: PeopleTableModel, col: int) -> list[str]:
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_rows_arrive_a_page_at_a_time(qapp, db: Database) -> None:
    fill(db, 25)
    model = PeopleTableModel(db, page_size=10)
    model.reload()
    assert model.rowCount() == 10 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 25 and not model.canFetchMore(QModelIndex())
    assert model.count() == 25
    # Name shows the honorific but sorts by family name.
    names = column(model, COL_NAME)
    assert names[0] == "Prof. Given024 Family001"
    assert [n.split()[-1] for n in names] == sorted(n.split()[-1] for n in names)


def test_filter_and_sort_run_in_sql(qapp, db: Database, synchronous: None) -> None:
    fill(db, 30)
    model = PeopleTableModel(db, page_size=50)
    model.set_filter("institute c")
    assert model.rowCount() == 4 and model.count() == 4
    assert set(column(model, COL_AFFILIATION)) == {"Institute C"}
    model.sort(COL_EMAIL, Qt.SortOrder.DescendingOrder)
    emails = column(model, COL_EMAIL)
    assert emails == sorted(emails, reverse=True) and len(emails) == 4
    model.set_filter("")
    assert model.rowCount() == 30
    assert model.data(model.index(0, COL_NAME), PERSON_ID_ROLE) == model.person_id(0)


def test_a_sort_is_queried_in_a_worker_and_the_rows_stay_until_it_is_in(
    qtbot: QtBot, db: Database
) -> None:
    # Sorting 100,000 people by a column without an index held the GUI thread 0.1-0.6 s.
    fill(db, 30)
    model = PeopleTableModel(db, page_size=10)
    model.reload()
    assert model.count() == 30
    before = column(model, COL_EMAIL)
    model.sort(COL_EMAIL, Qt.SortOrder.DescendingOrder)
    assert column(model, COL_EMAIL) == before  # the old order until the new one is in
    assert model.ordering and not model.canFetchMore(QModelIndex())
    qtbot.waitUntil(lambda: not model.ordering)
    emails = column(model, COL_EMAIL)
    assert emails == sorted(emails, reverse=True) and len(emails) == 10
    assert model.canFetchMore(QModelIndex())
    assert model.known_count == 30  # a new order, the same matches: still counted


def test_an_older_sort_arriving_late_is_dropped(qtbot: QtBot, db: Database) -> None:
    fill(db, 30)
    model = PeopleTableModel(db, page_size=50)
    model.reload()
    model.sort(COL_EMAIL, Qt.SortOrder.DescendingOrder)
    model.sort(COL_AFFILIATION, Qt.SortOrder.AscendingOrder)  # clicked again before it came
    qtbot.waitUntil(lambda: not model.ordering)
    qtbot.wait(100)  # the first sort's rows, if they were not dropped, would land now
    affiliations = column(model, COL_AFFILIATION)
    assert affiliations == sorted(affiliations)


def test_a_search_while_a_sort_is_on_its_way_wins(qtbot: QtBot, db: Database) -> None:
    fill(db, 30)
    model = PeopleTableModel(db, page_size=50)
    model.reload()
    model.sort(COL_EMAIL, Qt.SortOrder.DescendingOrder)
    model.set_filter("institute c")  # searched at once, in the new order
    assert not model.ordering
    qtbot.wait(100)
    assert set(column(model, COL_AFFILIATION)) == {"Institute C"}
    emails = column(model, COL_EMAIL)
    assert emails == sorted(emails, reverse=True)


def test_refresh_person_updates_one_row(qapp, db: Database) -> None:
    fill(db, 3)
    model = PeopleTableModel(db)
    model.reload()
    pid = model.person_id(1)
    from planner.model import Person

    with db.session() as s:
        s.get(Person, pid).affiliation = "Chatham House"
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles=(): changed.append(top.row()))
    model.refresh_person(pid)
    assert changed == [1]
    assert model.data(model.index(1, COL_AFFILIATION)) == "Chatham House"


def test_right_to_left_names_are_right_aligned(qapp, db: Database) -> None:
    svc.create_person(db, {"given_name": "محمد", "family_name": "علي"})
    svc.create_person(db, {"given_name": "Olga", "family_name": "Ivanova"})
    model = PeopleTableModel(db)
    model.reload()
    alignments = {
        model.data(model.index(r, COL_NAME)): model.data(
            model.index(r, COL_NAME), Qt.ItemDataRole.TextAlignmentRole
        )
        & int(Qt.AlignmentFlag.AlignHorizontal_Mask)
        for r in range(2)
    }
    assert alignments["محمد علي"] == int(Qt.AlignmentFlag.AlignRight)
    assert alignments["Olga Ivanova"] == int(Qt.AlignmentFlag.AlignLeft)
    assert is_rtl("  (ع") and not is_rtl("123") and not is_rtl("王伟")


def test_room_rules(qapp, db: Database) -> None:
    assert room_problem("", 10, []) is not None
    assert "already has" in (room_problem("Hall ", 10, ["hall"]) or "")
    assert room_problem("Hall", -1, []) is not None
    assert room_problem("Hall", None, ["Library"]) is None
    assert parse_capacity("") == (None, None)
    assert parse_capacity("40") == (40, None)
    assert parse_capacity("-3")[1] and parse_capacity("forty")[1]


def test_venue_and_room_models(qapp, db: Database) -> None:
    with db.session() as s:
        club = Venue(name="Islamabad Club", city="Islamabad")
        s.add(club)
        s.flush()
        s.add_all(
            [
                Room(venue_id=club.id, name="Hall", capacity=80),
                Room(venue_id=club.id, name="Library"),
            ]
        )
        s.add(Venue(name="Marriott", city="Karachi"))
        club_id = club.id
    venues = VenueListModel(db)
    assert venues.rowCount() == 2
    row = venues.row_of(club_id)
    assert [venues.data(venues.index(row, c)) for c in range(4)] == [
        "Islamabad Club",
        "Islamabad",
        2,
        0,
    ]
    rooms = RoomsModel(db)
    rooms.load(club_id)
    assert rooms.names() == ["Hall", "Library"]
    assert rooms.data(rooms.index(1, RoomsModel.COL_CAPACITY)) == ""
    written: list[tuple[int, str, object]] = []
    rooms.writer = lambda rid, field, value: written.append((rid, field, value))
    assert not rooms.setData(rooms.index(1, RoomsModel.COL_NAME), "hall")
    assert "already has" in (rooms.last_problem or "")
    assert not rooms.setData(rooms.index(0, RoomsModel.COL_CAPACITY), "-5")
    assert rooms.setData(rooms.index(0, RoomsModel.COL_CAPACITY), "120")
    assert written == [(rooms.room_id(0), "capacity", 120)]
