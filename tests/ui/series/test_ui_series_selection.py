"""The Series section keeps the chosen series and session when the user goes to another
section and comes back (as the Events list keeps its chosen event)."""

from __future__ import annotations

from collections.abc import Callable

from planner.model import Series
from planner.services.series import list_series, series_events
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.series.view import SeriesView
from planner.ui.shell.main_window import MainWindow


def test_coming_back_to_series_keeps_the_chosen_session(
    db: Database, open_window: Callable[..., MainWindow]
) -> None:
    load_demo(db)
    with db.session() as s:  # a second series, listed first, so "the first row" is not it
        s.add(Series(title="A Gulf Dialogue", numbering="Round {n}"))
    window = open_window((1320, 840))
    review = next(s.id for s in list_series(db) if s.title.startswith("Pakistan Foreign"))
    sessions = [e.id for e in series_events(db, review)]
    assert len(sessions) >= 2
    view = window.section("Series")
    assert isinstance(view, SeriesView)
    view.select_series(review)
    view.select_event(sessions[-1])
    assert view.current_event_id() == sessions[-1]
    for elsewhere in ("Events", "People", "Venues"):
        window.section(elsewhere)
        window.section("Series")
        assert view.binder.row_id == review, elsewhere
        assert view.current_event_id() == sessions[-1], elsewhere
        assert view.move_action.isEnabled()  # the session buttons follow the selection
    window.ctx.undo_stack.clear()
