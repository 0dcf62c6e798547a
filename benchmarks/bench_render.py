"""How fast the printed documents render (a benchmark, not a test).

    uv run python benchmarks/bench_render.py [--repeat N] [--no-libreoffice]

In process, for a 13-page programme (40 agenda rows, 40 biographies of ~120 words), a 100-page
conference book and the demo's Gulf Security roundtable, it prints Planner's time beside the
time of a bare ReportLab script that lays out the same content with no database, policy, script
handling or page templates (the floor), both measured in the same run, best of N.

Whole process: ``planner render programme`` of a 40-session conference (40 speakers, biographies
of ~120 words, imported as an event package into a fresh database) against LibreOffice headless
converting the same content (the sheet Planner renders, as HTML) to PDF. Both write a PDF, run
alternately after a warm-up each (LibreOffice's profile is created by its warm-up run, and
Planner's bytecode is cached as on a user's machine); the median of the runs is printed, beside
the bare-import floors: the interpreter start, ``python -c "import planner"``, and importing the
libraries the render path uses (sqlite3 and ReportLab; SQLAlchemy's ORM for comparison).
Skipped when ``soffice`` is not installed (``apt-get install libreoffice-writer-nogui``).
"""

from __future__ import annotations

import argparse
import html
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the hand-built sample sheets

from pypdf import PdfReader  # noqa: E402

import sheet_samples  # noqa: E402
from planner.documents import render  # noqa: E402
from planner.policy.sheet import Sheet  # noqa: E402


def paired(
    planner: Callable[[], object], floor: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Best times of the two, run alternately so that a busy machine slows both alike."""
    planner()
    floor()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        for fn, times in ((planner, a), (floor, b)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return min(a), min(b)


# --- the floor: the same content laid out by a bare ReportLab script ------------------------


def floor_programme(sheet: Sheet) -> bytes:
    """The programme's content with plain ReportLab: no policy, no scripts, no templates."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from planner.documents import fonts

    fonts.ensure_base_fonts()  # the same bundled fonts, registered once
    sans, bold = fonts.SANS, fonts.SANS_BOLD
    body = ParagraphStyle("b", fontName=sans, fontSize=10, leading=13.5, spaceAfter=6)
    small = ParagraphStyle("s", fontName=sans, fontSize=8.5, leading=11.5)
    cell = ParagraphStyle("c", fontName=sans, fontSize=9.5, leading=12.5)
    cell_bold = ParagraphStyle("cb", fontName=bold, fontSize=9.5, leading=12.5)
    head = ParagraphStyle("h", fontName=bold, fontSize=11.5, leading=15, spaceBefore=16)
    title = ParagraphStyle("t", fontName=bold, fontSize=21, leading=26)
    name = ParagraphStyle("n", fontName=bold, fontSize=10, leading=13, spaceBefore=3)
    bio = ParagraphStyle("bio", fontName=sans, fontSize=9.5, leading=13, spaceAfter=5)
    story: list[object] = [
        Paragraph(escape(sheet.title), title),
        Paragraph(escape(sheet.subtitle), body),
        Paragraph(escape(sheet.date_line), body),
    ]
    for notice in sheet.notices:
        box = Table(
            [[[Paragraph(escape(notice.title), cell_bold), Paragraph(escape(notice.text), small)]]]
        )
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, HexColor("#cccccc"))]))
        story.append(box)
    story.append(Paragraph("About this event", head))
    story.append(Paragraph(escape(sheet.concept_note), body))
    story.append(Paragraph("Programme", head))
    rows: list[list[object]] = [[Paragraph("TIME", cell_bold), Paragraph("PROGRAMME", cell_bold)]]
    for row in sheet.agenda:
        content: list[object] = [Paragraph(escape(row.title), cell_bold)]
        for person in row.people:
            content.append(Paragraph(escape(f"{person.name} · {person.role_label}"), cell))
            content.append(Paragraph(escape(f"{person.position}, {person.affiliation}"), small))
        rows.append([Paragraph(escape(row.time_text), cell), content])
    table = Table(rows, colWidths=[26 * mm, 144 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, HexColor("#cccccc")),
            ]
        )
    )
    story.append(table)
    story.append(Paragraph("Speakers", head))
    for group in sheet.cast:
        for person in group.people:
            story.append(Paragraph(escape(person.name), name))
            story.append(Paragraph(escape(f"{person.position}, {person.affiliation}"), small))
            story.append(Paragraph(escape(person.short_bio), bio))
    story.append(Spacer(1, 1))

    def footer(canvas: object, doc: object) -> None:
        canvas.setFont(sans, 7.5)  # type: ignore[attr-defined]
        canvas.drawRightString(190 * mm, 12 * mm, f"Page {doc.page}")  # type: ignore[attr-defined]

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=30 * mm,
        bottomMargin=24 * mm,
        invariant=1,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def in_process(repeat: int) -> list[tuple[str, int, float, float]]:
    results = []
    cases = [
        ("programme: 40 rows, 40 bios of 120 words", sheet_samples.programme_book()),
        ("conference book (~100 pages)", sheet_samples.programme_book(rows=250, speakers=250)),
    ]
    for label, sheet in cases:
        planner, floor = paired(
            lambda s=sheet: render("programme", s), lambda s=sheet: floor_programme(s), repeat
        )
        results.append((label, pages(render("programme", sheet)), planner, floor))
    # The demo roundtable, from the database through the policy to the PDF.
    from planner.policy.build import build_sheet
    from planner.services.rendering import render_document
    from planner.store import Database
    from planner.store.demo import load_demo

    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(f"sqlite:///{folder}/demo.sqlite3")
        load_demo(db)
        event_id = demo_event_id(db)
        with db.session() as session:
            sheet = build_sheet(session, event_id, "attendees")
        planner, floor = paired(
            lambda: render_document(db, event_id, "programme"),
            lambda: floor_programme(sheet),
            repeat,
        )
        count = pages(render("programme", sheet))
        results.append(("demo roundtable (db + policy + render)", count, planner, floor))
        planner, floor = paired(
            lambda: render("programme", sheet), lambda: floor_programme(sheet), repeat
        )
        results.append(("demo roundtable (render only, same sheet)", count, planner, floor))
        db.dispose()
    return results


def demo_event_id(db: object) -> int:
    from sqlalchemy import select

    from planner.model import Event

    with db.session() as session:  # type: ignore[attr-defined]
        found = session.scalars(select(Event.id).where(Event.title.like("Gulf Security%"))).first()
    if found is None:
        raise SystemExit("the demo has no Gulf Security roundtable")
    return int(found)


# --- whole process: planner render against LibreOffice headless ---------------------------


def programme_html(sheet: Sheet) -> str:
    """The same content as an HTML page for LibreOffice to lay out."""
    e = html.escape
    parts = [
        f"<html><head><meta charset='utf-8'><title>{e(sheet.title)}</title></head><body>",
        f"<h1>{e(sheet.title)}</h1><h2>{e(sheet.subtitle)}</h2><p>{e(sheet.date_line)}</p>",
    ]
    for notice in sheet.notices:
        parts.append(
            f"<div style='border:1px solid #ccc'><b>{e(notice.title)}</b>"
            f"<p>{e(notice.text)}</p></div>"
        )
    parts.append(f"<h3>About this event</h3><p>{e(sheet.concept_note)}</p><h3>Programme</h3>")
    parts.append("<table><tr><th>Time</th><th>Programme</th></tr>")
    for row in sheet.agenda:
        people = "".join(
            f"<br>{e(p.name)} · {e(p.role_label)}<br><small>{e(p.position)}, "
            f"{e(p.affiliation)}</small>"
            for p in row.people
        )
        parts.append(f"<tr><td>{e(row.time_text)}</td><td><b>{e(row.title)}</b>{people}</td></tr>")
    parts.append("</table><h3>Speakers and chair</h3>")
    for group in sheet.cast:
        for p in group.people:
            parts.append(
                f"<p><small>{e(group.label.upper())}</small><br><b>{e(p.name)}</b><br>"
                f"{e(p.position)}, {e(p.affiliation)}</p><p>{e(p.short_bio)}</p>"
            )
    parts.append("</body></html>")
    return "".join(parts)


CONFERENCE_UID = "annual-conference-2026@bench.example.org"


def conference_package(sessions: int = 40, bio_words: int = 120) -> dict[str, object]:
    """The demo's organisation and venues with one on-the-record conference: ``sessions``
    panels of 20 minutes over two days, each with its own speaker, every speaker with a
    biography of ``bio_words`` words (the content of ``sheet_samples.programme_book``)."""
    from planner.store.demo import demo_package

    package = demo_package()
    people = []
    for i in range(sessions):
        given = sheet_samples.GIVEN[i % len(sheet_samples.GIVEN)]
        family = sheet_samples.FAMILY[(i // len(sheet_samples.GIVEN)) % len(sheet_samples.FAMILY)]
        people.append(
            {
                "key": f"speaker-{i + 1}",
                "honorific": "Dr",
                "given_name": given,
                "family_name": f"{family}-{i + 1}",
                "position": "Senior Fellow",
                "affiliation": "Institute of Strategic Studies, Islamabad",
                "email": f"speaker-{i + 1}@bench.example.org",
                "bio": sheet_samples.prose(bio_words, i),
            }
        )
    agenda = []
    per_day = (sessions + 1) // 2
    for i in range(sessions):
        day, slot = divmod(i, per_day)
        start = datetime(2026, 11, 24 + day, 9, 0) + timedelta(minutes=20 * slot)
        agenda.append(
            {
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(minutes=20)).isoformat(),
                "title": f"Session {i + 1}: " + sheet_samples.prose(7, i).rstrip("."),
                "kind": "panel",
                "attribution": None,
                "people": [{"person": f"speaker-{i + 1}", "role": "speaker"}],
            }
        )
    package["people"] = people
    package["series"] = []
    package["events"] = [
        {
            "uid": CONFERENCE_UID,
            "title": "Pakistan and the Gulf: Annual Conference",
            "short_title": "Annual Conference",
            "subtitle": "Programme and speakers",
            "format": "conference",
            "status": "confirmed",
            "starts_at": agenda[0]["starts_at"],
            "ends_at": agenda[-1]["ends_at"],
            "time_zone": "Asia/Karachi",
            "venue": package["venues"][0]["key"],  # type: ignore[index]
            "attribution": "on_the_record",
            "audience": "invitation",
            "concept_note": sheet_samples.prose(150, 3),
            "roles": [{"person": p["key"], "role": "speaker"} for p in people],
            "agenda": agenda,
        }
    ]
    return package


def whole_process(
    repeat: int, baseline: Path | None = None
) -> dict[str, list[tuple[float, float]]] | None:
    """(wall, CPU) times of each run of each command, keyed by what it is; None without
    soffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print(
            "\nsoffice not found: whole-process comparison skipped "
            "(apt-get install libreoffice-writer-nogui)"
        )
        return None
    from sqlalchemy import select

    from planner.model import Event
    from planner.policy.build import build_sheet
    from planner.store import Database
    from planner.store.package import import_package

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        db_path = base / "conference.sqlite3"
        db = Database.open(f"sqlite:///{db_path}")
        import_package(db, conference_package())
        with db.session() as session:
            event_id = session.scalars(select(Event.id).where(Event.uid == CONFERENCE_UID)).one()
            sheet = build_sheet(session, event_id, "attendees")
        db.dispose()
        if len(sheet.agenda) != 40 or sum(len(g.people) for g in sheet.cast) != 40:
            raise SystemExit("the conference lost sessions or speakers on import")
        source = base / "programme.html"
        source.write_text(programme_html(sheet), encoding="utf-8")
        # The console script a user runs (its run() exits quickly after a command).
        script = shutil.which("planner", path=str(Path(sys.executable).parent))
        planner_cmd = [
            *([script] if script else [sys.executable, "-m", "planner.cli.main"]),
            "--db",
            str(db_path),
            "render",
            "programme",
            str(event_id),
            "-o",
            str(base / "planner.pdf"),
        ]
        profile = (base / "lo-profile").as_uri()
        lo_cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf:writer_web_pdf_Export",
            "--outdir",
            str(base / "lo"),
            str(source),
        ]
        # As on a user's machine: bytecode cached (outside the source tree), not recompiled
        # by every process (this workplace sets PYTHONDONTWRITEBYTECODE).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(base / "pycache")

        python = sys.executable
        commands = {
            "planner render programme": planner_cmd,
            "LibreOffice headless (HTML -> PDF)": lo_cmd,
            # Another checkout's src/ ahead of this one: before and after, run alternately.
            **(
                {f"planner, {baseline}": ["env", f"PYTHONPATH={baseline}", *planner_cmd]}
                if baseline is not None
                else {}
            ),
            # The floor no start-up work can go below: the interpreter with its site packages
            # (the virtual environment's .pth files), and importing the package itself.
            "floor: python -S -c pass": [python, "-S", "-c", "pass"],
            "floor: python -c pass": [python, "-c", "pass"],
            'floor: python -c "import planner"': [python, "-c", "import planner"],
            # What the render path's libraries cost to import, with nothing run: `planner
            # render` on a SQLite file reads it with sqlite3 (store/quick_read.py) and cannot
            # go below this; through SQLAlchemy's ORM (a server, or a file to migrate) it
            # cannot go below the next line.
            "floor: import sqlite3, reportlab.platypus": [
                python,
                "-c",
                "import sqlite3, reportlab.platypus",
            ],
            "floor: import sqlalchemy.orm, reportlab.platypus": [
                python,
                "-c",
                "import sqlalchemy.orm, reportlab.platypus",
            ],
        }

        def run(cmd: list[str]) -> tuple[float, float]:
            """Wall time, and CPU time (user + system, the process and its children): on a
            machine shared with other jobs the CPU time varies far less than the wall time."""
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            return wall, cpu

        for cmd in commands.values():  # warm-up, not counted: LibreOffice makes its profile
            run(cmd)
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
        for _ in range(repeat):  # alternately, so that a busy machine slows each alike
            for label, cmd in commands.items():
                times[label].append(run(cmd))
        lo_pdf = (base / "lo" / "programme.pdf").read_bytes()
        planner_pdf = (base / "planner.pdf").read_bytes()
        print(
            f"\nwhole process, 40-session conference programme: Planner {pages(planner_pdf)} "
            f"pages, LibreOffice {pages(lo_pdf)} pages"
        )
        return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument(
        "--whole-process-only", action="store_true", help="skip the in-process measurements"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="SRC",
        help="also time `planner render` from another checkout's src/ folder (e.g. the code "
        "before a change: git archive COMMIT src resources | tar -x -C /tmp/base)",
    )
    args = parser.parse_args()
    print(f"CPU cores: {os.cpu_count()}; best of {args.repeat} runs after a warm-up\n")
    if not args.whole_process_only:
        print(
            f"{'document':55} {'pages':>5} {'planner':>9} {'floor':>9} {'ratio':>6} {'pages/s':>8}"
        )
        for label, count, planner, floor in in_process(args.repeat):
            print(
                f"{label:55} {count:5d} {planner * 1000:7.0f}ms {floor * 1000:7.0f}ms "
                f"{planner / floor:6.2f} {count / planner:8.0f}"
            )
    if not args.no_libreoffice:
        result = whole_process(max(5, args.repeat), args.baseline)
        if result is not None:
            print(f"  {'':50} {'wall':>9} {'CPU':>9}   (medians of {max(5, args.repeat)} runs)")
            medians = {
                label: (
                    statistics.median(wall for wall, _ in runs),
                    statistics.median(cpu for _, cpu in runs),
                )
                for label, runs in result.items()
            }
            for label, (wall, cpu) in medians.items():
                print(f"  {label:50} {wall * 1000:6.0f} ms {cpu * 1000:6.0f} ms")
            planner = medians["planner render programme"]
            lo = medians["LibreOffice headless (HTML -> PDF)"]
            print(
                f"  LibreOffice / planner: {lo[0] / planner[0]:.2f}x wall, "
                f"{lo[1] / planner[1]:.2f}x CPU"
            )


if __name__ == "__main__":
    main()
