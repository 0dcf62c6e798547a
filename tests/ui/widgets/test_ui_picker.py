"""The person picker: one pick per choice (Enter, click, double-click), the search waits for
the typing to pause and runs in a worker, and a mouse pick leaves the field empty."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.widgets.picker import SEARCH_DEBOUNCE_MS, PersonSearchEdit


@pytest.fixture
def edit(qtbot: QtBot, db: Database) -> Iterator[PersonSearchEdit]:
    """The picker on the demo directory, shown and with the keyboard in it."""
    load_demo(db)
    widget = PersonSearchEdit(db)
    qtbot.addWidget(widget)
    widget.resize(500, 30)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)  # as when the user types in it
    yield widget


def picks(edit: PersonSearchEdit) -> list[str]:
    picked: list[str] = []
    edit.picked.connect(lambda _id, name: picked.append(name))
    return picked


def type_and_wait_for_popup(qtbot: QtBot, edit: PersonSearchEdit, text: str) -> QPoint:
    """Type ``text``; the centre of the popup's first row once the matches are in it."""
    qtbot.keyClicks(edit, text)
    popup = edit.completer_.popup()
    qtbot.waitUntil(lambda: popup.isVisible() and edit.matches.shown_text == text)
    return popup.visualRect(popup.model().index(0, 0)).center()


def test_a_mouse_pick_leaves_no_text_behind(qtbot: QtBot, edit: PersonSearchEdit) -> None:
    picked = picks(edit)
    point = type_and_wait_for_popup(qtbot, edit, "Kh")
    popup = edit.completer_.popup()
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert len(picked) == 1
    qtbot.waitUntil(lambda: edit.text() == "")


def test_down_and_enter_on_the_only_match_picks_once(qtbot: QtBot, edit: PersonSearchEdit) -> None:
    # The try-out: "Sehar", Down, Enter added her and then said she was already in the cast
    # (the field's returnPressed picked her, then the completer picked its row again).
    picked = picks(edit)
    type_and_wait_for_popup(qtbot, edit, "Sehar")
    assert edit.matches.rowCount() == 1
    popup = edit.completer_.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert picked == ["Senator Sehar Kamran (TI)"]
    qtbot.waitUntil(lambda: edit.text() == "")


def test_a_double_click_picks_once(qtbot: QtBot, edit: PersonSearchEdit) -> None:
    picked = picks(edit)
    point = type_and_wait_for_popup(qtbot, edit, "Kh")
    viewport = edit.completer_.popup().viewport()
    # What a double-click delivers: a click, then a double-click and its release.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.wait(50)
    assert len(picked) == 1


def test_enter_with_one_match_picks_once(qtbot: QtBot, edit: PersonSearchEdit) -> None:
    picked = picks(edit)
    type_and_wait_for_popup(qtbot, edit, "Sehar")
    edit.completer_.popup().hide()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert picked == ["Senator Sehar Kamran (TI)"]


def test_enter_before_the_search_ran_picks_the_typed_match(
    qtbot: QtBot, edit: PersonSearchEdit
) -> None:
    # A quick typist presses Enter within the debounce: the exact match is still picked.
    picked = picks(edit)
    qtbot.keyClicks(edit, "Sehar")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert picked == ["Senator Sehar Kamran (TI)"]


def test_keys_do_not_search_until_the_typing_pauses(qtbot: QtBot, edit: PersonSearchEdit) -> None:
    calls: list[str] = []
    request = edit.matches.request
    edit.matches.request = lambda text: (calls.append(text), request(text))[1]  # type: ignore[method-assign]
    qtbot.keyClicks(edit, "Khat")
    # Before s20 each key ran a query here, on the GUI thread.
    assert edit.matches.shown_text == ""
    assert edit.matches.rowCount() == 0
    qtbot.waitUntil(lambda: edit.matches.shown_text == "Khat", timeout=SEARCH_DEBOUNCE_MS * 20)
    assert calls == ["Khat"]  # one query for the burst of four keys
    assert edit.matches.rowCount() >= 1


def test_matches_for_an_older_text_are_dropped(qtbot: QtBot, edit: PersonSearchEdit) -> None:
    matches = edit.matches
    matches.request("Kh")
    matches.request("Sehar")  # typed on before the first search came back
    qtbot.waitUntil(lambda: matches.shown_text == "Sehar")
    qtbot.wait(100)  # the first search's rows, if they were not dropped, would land now
    assert matches.shown_text == "Sehar"
    assert [matches.row_at(r).display_name for r in range(matches.rowCount())] == [
        "Senator Sehar Kamran (TI)"
    ]
