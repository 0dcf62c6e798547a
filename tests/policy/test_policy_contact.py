"""An event's contact line, as each audience may read it (try-out 20).

The public programme of a not-for-attribution event printed "[withheld], +92 300 000 0303": the
name was redacted and the person's own mobile number left beside it. A contact line that names
someone hidden from the audience gives way to the organisation's contact.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from planner.model import Organisation
from planner.policy import Audience
from planner.policy.build import build_sheet
from planner.store import Database
from strategies import gulf_security, write_event

CONTACT = "Dr Farah Siddiqui, +92 300 000 0303"  # the invited participant, and her mobile
ORGANISATION_CONTACT = "Centre for Pakistan and Gulf Studies, +92 51 111 222 333, info@cpgs.org"


def contact_for(db: Database, rule: str, audience: Audience, *, reachable: bool = True) -> str:
    spec = gulf_security(rule)
    spec["event"]["contact"] = CONTACT
    with db.session() as session:
        event_id = write_event(session, spec)
        phone, email = ("+92 51 111 222 333", "info@cpgs.org") if reachable else ("", "")
        session.execute(update(Organisation).values(phone=phone, email=email))
        session.flush()
        return build_sheet(session, event_id, audience).contact


@pytest.mark.parametrize("rule", ["chatham_house", "not_for_attribution", "off_the_record"])
@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.ATTENDEES])
def test_a_contact_naming_a_hidden_person_gives_the_organisations(
    db: Database, rule: str, audience: Audience
) -> None:
    assert contact_for(db, rule, audience) == ORGANISATION_CONTACT


def test_the_organisers_and_an_on_the_record_event_keep_the_contact(db: Database) -> None:
    assert contact_for(db, "off_the_record", Audience.ORGANISERS) == CONTACT
    assert contact_for(db, "on_the_record", Audience.PUBLIC) == CONTACT


def test_no_organisation_contact_leaves_the_line_out(db: Database) -> None:
    assert contact_for(db, "not_for_attribution", Audience.PUBLIC, reachable=False) == ""
