"""A person's name order reaches every output through policy.names (issue s20, names): Wang Yi
(family name Wang) is "H.E. Wang Yi" on the programme, the badges, the email To: line and the
calendar, never "H.E. Yi Wang"; contact files and packages carry the order both ways."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import select

from pdf_reading import pdf_text
from planner.errors import ValidationError
from planner.model import Person
from planner.services import people as svc
from planner.services.exports import email_drafts, ics_bytes, write_people_csv
from planner.services.people_import import import_people_csv, import_vcard
from planner.services.rendering import render_event_document
from planner.store import Database
from planner.store.demo import load_demo

ON_THE_RECORD = 4  # the demo's event 4: Pakistan – Russia Relations, chaired by Sehar Kamran


@pytest.fixture
def wang(db: Database) -> Database:
    """The demo with its chair, Senator Sehar Kamran, turned into H.E. Wang Yi (family Wang)."""
    load_demo(db)
    with db.session() as session:
        chair = session.scalars(select(Person).where(Person.family_name == "Kamran")).one()
        chair.honorific, chair.given_name, chair.family_name = "H.E.", "Yi", "Wang"
        chair.post_nominals, chair.short_style, chair.salutation = "", "", ""
        chair.name_order = "family first"
    return db


def test_programme_and_badges_write_the_family_name_first(wang: Database) -> None:
    programme = pdf_text(render_event_document(wang, ON_THE_RECORD, "programme").pdf)
    badges = pdf_text(render_event_document(wang, ON_THE_RECORD, "badges").pdf)
    tents = pdf_text(render_event_document(wang, ON_THE_RECORD, "tents").pdf)
    for text in (programme, badges):
        assert "H.E. Wang Yi" in text
        assert "Yi Wang" not in text
    assert "H.E. Wang" in tents


def test_the_invitation_and_the_calendar_write_the_family_name_first(wang: Database) -> None:
    drafts = email_drafts(wang, ON_THE_RECORD, "invitation")
    to_lines = [str(message_from_bytes(d.content, policy=policy.default)["To"]) for d in drafts]
    assert '"H.E. Wang Yi" <sehar.kamran@cpgs.example.org>' in to_lines
    assert not any("Yi Wang" in line for line in to_lines)
    [event] = Calendar.from_ical(ics_bytes(wang, event_id=ON_THE_RECORD)).walk("VEVENT")
    assert "H.E. Wang Yi" in str(event["DESCRIPTION"])


def test_csv_carries_the_order_out_and_in(wang: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    write_people_csv(wang, path)
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    assert header.endswith(",Name order")
    assert any(row.endswith(",family first") and ",Yi,Wang," in row for row in rows)


def test_a_full_name_column_is_split_family_first_when_the_row_says_so(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Full Name,Name order,Email\n"
        "Dr. Li Wei,Family name first,li.wei@example.cn\n"
        "Dr. Anna Schmidt,,anna@example.de\n",
        encoding="utf-8",
    )
    import_people_csv(db, path)
    rows = {r.email: r for r in svc.search_people(db)}
    li = rows["li.wei@example.cn"]
    assert (li.family_name, li.given_name, li.name_order) == ("Li", "Wei", "family first")
    assert li.display_name == "Dr. Li Wei"
    assert svc.get_person(db, li.id)["name_order"] == "family first"
    assert rows["anna@example.de"].family_name == "Schmidt"
    from planner.services.name_styles import styled_forms

    assert styled_forms(svc.get_person(db, li.id).values)[2] == "Dear Dr Li"


def test_a_csv_with_an_unknown_name_order_is_refused_naming_the_column(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("Name,Name order\nLi Wei,surname last maybe\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="line 2: Name order 'surname last maybe'"):
        import_people_csv(db, path)
    assert svc.count_people(db) == 0  # all or nothing


def test_a_vcard_whose_fn_writes_the_family_name_first_keeps_that_order(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Zhang;Wei;;Dr.;\r\nFN:Dr. Zhang Wei\r\n"
        "EMAIL:zhang.wei@example.cn\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Weinbaum;Marvin;;Prof.;\r\nFN:Prof. Marvin Weinbaum\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    import_vcard(db, path)
    names = sorted(r.display_name for r in svc.search_people(db))
    assert names == ["Dr. Zhang Wei", "Prof. Marvin Weinbaum"]


def test_a_package_carries_the_order_and_refuses_a_wrong_one(
    wang: Database, tmp_path: Path
) -> None:
    from planner.store.package import export_package
    from planner.store.package_spec import parse_package

    with wang.session(write=False) as session:
        data = export_package(session, [ON_THE_RECORD])
    people = data["people"]
    assert [p["name_order"] for p in people if p.get("name_order")] == ["family first"]
    assert all("name_order" not in p for p in people if p["family_name"] != "Wang")
    read = parse_package(json.loads(json.dumps(data))).people
    assert [p.fields["name_order"] for p in read if "name_order" in p.fields] == ["family first"]
    broken = json.loads(json.dumps(data))
    next(p for p in broken["people"] if p.get("name_order"))["name_order"] = "backwards"
    with pytest.raises(ValidationError, match="name_order"):
        parse_package(broken)
