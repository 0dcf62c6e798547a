"""A programme and a briefing note of a conference over two days: the front page gives the
span, and each day's timetable starts under its day's heading, never left alone at a page foot
(a try-out's programme ran from Thursday's last session into Friday's first unmarked)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select

from pdf_reading import pages
from planner.model import AgendaItem, AgendaKind, AttributionRule, Event
from planner.services.rendering import render_document
from planner.store import Database
from planner.store.demo import load_demo

KARACHI = ZoneInfo("Asia/Karachi")
FRIDAY = "Friday, 15 January 2027"
SPAN = "Thursday, 14 January – Friday, 15 January 2027 · 0900–1800 hours"


def _conference(db: Database, rule: AttributionRule) -> int:
    """The demo's first event made a two-day conference of 40 items (Urdu and Chinese titles
    among them): 21 on Thursday, 19 on Friday."""
    load_demo(db)
    with db.session() as s:
        event = s.scalars(select(Event).order_by(Event.id).limit(1)).one()
        event.starts_at = datetime(2027, 1, 14, 9, tzinfo=KARACHI)
        event.ends_at = datetime(2027, 1, 15, 18, tzinfo=KARACHI)
        event.time_zone = "Asia/Karachi"
        event.attribution = rule
        s.execute(delete(AgendaItem).where(AgendaItem.event_id == event.id))
        for n in range(40):
            day = 14 if n < 21 else 15
            start = datetime(2027, 1, day, 9, tzinfo=KARACHI) + timedelta(
                minutes=25 * (n if n < 21 else n - 21)
            )
            title = {5: "پاکستان اور خطے کی سلامتی", 25: "中巴经济走廊的未来"}.get(
                n, f"Session {n + 1}"
            )
            s.add(
                AgendaItem(
                    event=event,
                    position=n,
                    title=title,
                    kind=AgendaKind.PRESENTATION,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=25),
                )
            )
        return int(event.id)


@pytest.mark.parametrize("rule", list(AttributionRule))
@pytest.mark.parametrize(
    ("kind", "audience"),
    [("programme", "attendees"), ("programme", "public"), ("briefing", "organisers")],
)
def test_each_day_of_a_conference_has_its_heading(
    db: Database, rule: AttributionRule, kind: str, audience: str
) -> None:
    event_id = _conference(db, rule)
    pdf = render_document(db, event_id, kind, audience=audience)
    texts = pages(pdf)
    assert SPAN in " ".join(texts[0].split())
    seen = []
    for page in texts:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        for number, line in enumerate(lines):
            if line in ("Thursday, 14 January 2027", FRIDAY):
                seen.append(line)
                # Under the heading, on the same page: the timetable's head and a first row.
                following = lines[number + 1 : number + 3]
                assert len(following) == 2 and following[0].startswith("TIME"), (line, page)
    assert seen == ["Thursday, 14 January 2027", FRIDAY]
    whole = "\n".join(texts)
    assert whole.index("Session 21") < whole.index(FRIDAY + "\n") < whole.index("Session 23")


def test_a_day_heading_is_never_alone_at_the_foot_of_a_page(db: Database) -> None:
    """Longer and longer concept notes move Friday's heading down Thursday's last page, to its
    foot and past it: wherever it falls, its timetable's head and first row are under it."""
    event_id = _conference(db, AttributionRule.CHATHAM_HOUSE)
    placements = set()
    for lines in range(0, 60, 3):
        with db.session() as s:
            event = s.get(Event, event_id)
            assert event is not None
            event.concept_note = "\n\n".join(f"Paragraph {n} of the note." for n in range(lines))
        for page_number, page in enumerate(pages(render_document(db, event_id, "programme"))):
            shown = [line.strip() for line in page.splitlines() if line.strip()]
            if FRIDAY in shown:
                at = shown.index(FRIDAY)
                placements.add((page_number, at))
                assert shown[at + 1].startswith("TIME") and len(shown) > at + 2, page
    # The heading was seen in many places, not once.
    assert len(placements) > 5
