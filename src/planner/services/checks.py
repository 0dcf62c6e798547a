"""What the checks say about one event (conflicts, readiness, the report checker), for the
editor's Checks section. The findings are plain frozen records on neutral ground
(planner/findings.py); they are named here so the window needs no import below services."""

from __future__ import annotations

from planner.findings import Finding, Severity
from planner.store import Database

__all__ = ["Finding", "Severity", "cast_findings", "conflicted_event_ids", "event_findings_of"]


def event_findings_of(db: Database, event_id: int) -> list[Finding]:
    """Everything the checks say about one event (runs off the GUI thread), a contact who is
    no longer part of it (services.event_contact), and what its cast still lacks for its
    format ("Still needed: 2 speakers", as the People section and the header say it): the
    header never says "no problems found" while People lists a gap."""
    from planner.scheduling.check import event_findings  # heavy: loaded when first checked
    from planner.services.event_contact import contact_findings_in

    with db.session(write=False) as session:
        findings = list(event_findings(session, event_id))
        findings += contact_findings_in(session, event_id)
    return findings + cast_findings(db, event_id)


def cast_findings(db: Database, event_id: int) -> list[Finding]:
    """What the event's cast still lacks for its format, as a finding: the window's Checks
    and header, and ``planner check``, say the same (the command line once said "nothing to
    report" beside a window that said "Still needed: 1 speaker")."""
    from planner.services.invitations import still_needed

    needed = still_needed(db, event_id)
    if not needed:
        return []
    message = "Still needed: " + ", ".join(needed) + "."
    return [Finding(Severity.WARNING, "cast_still_needed", message, (event_id,))]


def conflicted_event_ids(db: Database) -> frozenset[int]:
    """The ids of every event in a scheduling conflict (the events list marks them; it reads
    every event, so the window runs it off the GUI thread)."""
    from planner.scheduling.conflicts import conflicted_event_ids as conflicted

    with db.session(write=False) as session:
        return frozenset(conflicted(session))
