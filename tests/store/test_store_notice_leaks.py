"""A change notice carries no name: any role that may connect can LISTEN to planner_changes,
read-only ones included, so the payload names tables and ids only, whatever the event holds."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings

from planner.model import Base
from planner.policy import Audience
from planner.store import Database
from planner.store.live import Changed
from strategies import event_specs, forbidden_strings, leaked, write_event


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=event_specs())
def test_a_change_notice_names_no_one(leak_db: Database, spec: dict[str, Any]) -> None:
    seen: list[Changed] = []
    remove = leak_db.on_commit(seen.append)
    try:
        with leak_db.session() as session:
            write_event(session, spec)
    finally:
        remove()
    [changed] = seen
    payload = changed.payload()
    assert leaked(payload, forbidden_strings(spec, Audience.PUBLIC)) == []
    body = json.loads(payload)
    assert set(body) == {"o", "t", "e"}
    assert set(body["t"]) <= set(Base.metadata.tables)
    assert body["e"] is None or all(isinstance(i, int) for i in body["e"])
    assert body["o"] == leak_db.origin
