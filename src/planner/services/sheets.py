"""The sheets every export and draft is rendered from, built by the policy in one short read."""

from __future__ import annotations

from planner.policy.sheet import Audience, Sheet
from planner.store import Database


def build(db: Database, event_id: int, audience: Audience) -> Sheet:
    """The sheet of one event for one audience (a NotFoundError names an unknown id)."""
    (sheet,) = build_for(db, event_id, audience)
    return sheet


def build_for(db: Database, event_id: int, *audiences: Audience) -> list[Sheet]:
    """The sheets of one event for each of ``audiences``, in that order, from one reading of
    the event and its people (a NotFoundError names an unknown id)."""
    from planner.policy.build import load_event, load_organisation, sheet_for

    with db.session() as session:
        event = load_event(session, event_id)
        organisation = load_organisation(session)
        return [sheet_for(event, organisation, audience) for audience in audiences]
