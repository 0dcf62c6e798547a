"""Everything scheduling knows about one event: its conflicts and its readiness gaps.

``planner check EVENT_ID`` (registered by the policy commands, which add the attribution
findings) and the event editor's Checks section call :func:`event_findings`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from planner.findings import Finding
from planner.policy.checker import ReportCheck

from .conflicts import event_conflicts, sort_findings
from .readiness import event_readiness


def event_findings(
    session: Session,
    event_id: int,
    *,
    now: datetime | None = None,
    report: ReportCheck | None = None,
) -> list[Finding]:
    """Conflicts, then readiness, errors first. Raises ``NotFoundError`` for an unknown id.
    ``report``: the report's check, when the caller has made it already."""
    findings = event_conflicts(session, event_id)
    findings += event_readiness(session, event_id, now=now, report=report)
    return sort_findings(findings)
