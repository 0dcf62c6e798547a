"""Page 1 of every printed document, under the Chatham House Rule and off the record.

Makes the pictures in docs/screenshots/ (``doc-<document>-<rule>.png``) from the demo's Gulf
Security roundtable, with three discussants added whose names are in Urdu, Arabic and Chinese
script, so that the pictures show what a real roundtable prints. Run it after changing a document:

    uv run python tools/document_screenshots.py            # writes docs/screenshots/doc-*.png
    uv run python tools/document_screenshots.py --out DIR  # somewhere else, to compare first

Needs ``pdftoppm`` (Debian: poppler-utils). Works on a temporary database; yours is untouched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from planner.documents import ALLOWED_AUDIENCES, DEFAULT_AUDIENCE, DocumentKind, render
from planner.errors import PolicyRefusal
from planner.model import Event, Participation, Person
from planner.model.enums import AttributionRule, EventStatus, Role
from planner.policy import Audience
from planner.services.exports import build
from planner.store import Database
from planner.store.demo import load_demo

ROOT = Path(__file__).resolve().parent.parent
EVENT_ID = 1  # Gulf Security: Emerging Scenario, a roundtable with a chair and four speakers
RULES = {
    "chatham": AttributionRule.CHATHAM_HOUSE,
    "offrecord": AttributionRule.OFF_THE_RECORD,
}
# Three discussants in the scripts an institute in Islamabad meets every week.
SCRIPT_PEOPLE = (
    ("ڈاکٹر", "ثمینہ", "قریشی", "قائداعظم یونیورسٹی"),  # Urdu
    ("د.", "ليلى", "الحسيني", "جامعة الكويت"),  # Arabic
    ("", "建国", "王", "中国现代国际关系研究院"),  # Chinese
)


def _add_script_people(db: Database) -> None:
    with db.session() as session, session.begin():
        event = session.get(Event, EVENT_ID)
        assert event is not None, "the demo has no event 1"
        for position, (honorific, given, family, affiliation) in enumerate(SCRIPT_PEOPLE, 10):
            person = Person(
                honorific=honorific,
                given_name=given,
                family_name=family,
                affiliation=affiliation,
                position="Discussant",
            )
            session.add(person)
            event.participations.append(
                Participation(person=person, role=Role.DISCUSSANT, position=position)
            )


def _set_rule(db: Database, rule: AttributionRule) -> None:
    with db.session() as session, session.begin():
        event = session.get(Event, EVENT_ID)
        assert event is not None
        event.attribution = rule
        event.status = EventStatus.CONFIRMED


def _page_one(pdf: bytes, target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(pdf)
        stem = Path(folder) / "page"
        subprocess.run(
            ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", "-singlefile", source, stem],
            check=True,
        )
        shutil.move(f"{stem}.png", target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(f"sqlite:///{Path(folder) / 'shots.sqlite3'}")
        load_demo(db)
        _add_script_people(db)
        for label, rule in RULES.items():
            _set_rule(db, rule)
            for kind in DocumentKind:
                audience = DEFAULT_AUDIENCE[kind]
                if kind is DocumentKind.PROGRAMME and Audience.PUBLIC in ALLOWED_AUDIENCES[kind]:
                    audience = Audience.PUBLIC  # the page that must name least
                target = args.out / f"doc-{kind.value}-{label}.png"
                try:
                    pdf = render(kind, build(db, EVENT_ID, audience))
                except PolicyRefusal as refusal:
                    # A report the rule keeps from the public is still the organisers' record.
                    if Audience.ORGANISERS not in ALLOWED_AUDIENCES[kind]:
                        raise
                    print(f"{target.name}: refused for {audience.value}: {refusal}".split("\n")[0])
                    audience = Audience.ORGANISERS
                    pdf = render(kind, build(db, EVENT_ID, audience))
                _page_one(pdf, target)
                print(f"{target.name}: {audience.value}")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
