"""The new-event dialog: each start's description sits under its own button, and the title's
placeholder reads as an example, in grey, not as a title already typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.events.new_event_dialog import DUPLICATE, NewEventDialog
from planner.ui.shell.main_window import MainWindow
from planner.ui.widgets.style import Tone, tone_of


def _dialog(qtbot: QtBot, window: MainWindow) -> NewEventDialog:
    dialog = NewEventDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_description_sits_under_the_chosen_button(
    qtbot: QtBot, db: Database, open_window: Callable[..., MainWindow]
) -> None:
    load_demo(db)
    dialog = _dialog(qtbot, open_window())
    for button in dialog.kinds.buttons():
        if not button.isEnabled():
            continue
        key = str(button.property("key"))
        dialog.choose(key)
        dialog.layout().activate()
        box = dialog.kinds_box
        below = box.indexOf(button) + (2 if key == DUPLICATE else 1)
        assert box.indexOf(dialog.description) == below, key
        # On screen: right under the button (or under the past events' list).
        above = dialog.past_event if key == DUPLICATE else button
        assert 0 <= dialog.description.geometry().top() - above.geometry().bottom() < 20
        assert dialog.description.text()


def test_the_title_placeholder_is_an_example_in_grey(
    qtbot: QtBot, db: Database, open_window: Callable[..., MainWindow]
) -> None:
    dialog = _dialog(qtbot, open_window())
    assert dialog.title.placeholderText().startswith("e.g. ")
    palette = dialog.title.palette()
    placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    # As drawn: the placeholder (often half-transparent text) over the field's background.
    alpha = placeholder.alphaF()
    shown = alpha * placeholder.lightness() + (1 - alpha) * base.lightness()
    assert abs(shown - text.lightness()) > 60  # grey, not the colour of typed text
    assert tone_of(dialog.description) is Tone.MUTED
