"""The organisation's settings row, for the Organisation view.

There is one ``organisation`` row; its fields are edited as ``SetField`` operations on
``Record.ORGANISATION`` (services/operations.py) like any other form.
"""

from __future__ import annotations

from sqlalchemy import select

from planner.model import Organisation, TimeStyle
from planner.safety import url_problem
from planner.store import Database


def organisation_id(db: Database) -> int:
    """The id of the organisation row, creating the row with its defaults the first time."""
    with db.session(write=False) as session:
        existing = session.scalar(select(Organisation.id).order_by(Organisation.id).limit(1))
    if existing is not None:
        return int(existing)
    with db.session() as session:  # writing: check again, another program may have made it
        existing = session.scalar(select(Organisation.id).order_by(Organisation.id).limit(1))
        if existing is not None:
            return int(existing)
        row = Organisation()
        session.add(row)
        session.flush()
        return int(row.id)


def website_problem(value: object) -> str | None:
    """Only http, https and mailto links (or a bare address) reach footers and signatures."""
    problem = url_problem(str(value))
    return f"Website: {problem}." if problem else None


def time_style(db: Database) -> TimeStyle:
    """How the organisation writes times (24-hour "1700 hours" or 12-hour "5:00 pm"): the
    window's lists and editor follow it as the printed documents do."""
    with db.session(write=False) as session:
        style = session.scalar(select(Organisation.time_style).order_by(Organisation.id).limit(1))
    return TimeStyle(style) if style is not None else TimeStyle.HOURS


def sender_problem(db: Database) -> str | None:
    """What email drafts lack while the organisation's name or email address is not set
    (a new database): said beside the drafts written, so none goes out "on behalf of the
    organisers" with no From line unnoticed. None when both are set."""
    with db.session(write=False) as session:
        row = session.execute(
            select(Organisation.name, Organisation.email).order_by(Organisation.id).limit(1)
        ).first()
    name, email = (row[0] or "", row[1] or "") if row is not None else ("", "")
    unset = [
        (what, lack)
        for what, value, lack in (
            ("name", name, "say \u201con behalf of the organisers\u201d"),
            ("email address", email, "have no From line"),
        )
        if not value.strip()
    ]
    if not unset:
        return None
    missing = [what for what, _lack in unset]
    lacks = [lack for _what, lack in unset]
    return (
        f"The organisation's {' and '.join(missing)} {'are' if len(missing) > 1 else 'is'} not "
        f"set (Organisation section): these drafts {' and '.join(lacks)}."
    )
