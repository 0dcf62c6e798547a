"""What ``planner render`` loads at start-up: not the modules it does not need on that path.

Each check runs in a fresh interpreter, where ``sys.modules`` shows what the command paid for.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from planner.store import Database
from planner.store.demo import load_demo

TESTS = Path(__file__).resolve().parent.parent

# Loaded by nothing on the path of ``planner render programme`` (a programme with no logo).
NOT_ON_THE_RENDER_PATH = (
    "PIL._imaging",  # Pillow's C core: ReportLab's image support, deferred until a picture
    "xml.sax.saxutils",  # escaping is done with ``html.escape``
    "urllib.request",  # came with xml.sax.saxutils
    "http.client",
    "planner.policy.review",  # the report check, not needed to build a programme's sheet
    "planner.store.package_spec",
    "planner.store.transfer",
    "planner.exports",
    "alembic",  # the database is current: its revision is read without Alembic
    # ... and its rows with sqlite3 (planner.store.quick_read): SQLAlchemy's import alone took
    # more CPU than the rendering, its ORM as much again.
    "sqlalchemy",
    "planner.model.entities",
    "icalendar",
    "PySide6",
    "hypothesis",
    "pydoc",
    # The other command modules: a command imports only the modules that add it.
    "planner.cli.core",
    "planner.cli.policy",
    "planner.cli.scheduling",
    "planner.cli.exports",
    "planner.cli.contacts",
    # platformdirs is on the path since every open looks for the day's automatic backup in the
    # user data folder (2-5 ms, see config._dirs).
)


def _loaded_after(code: str) -> dict[str, str]:
    """Every module imported once ``code`` has run in a new interpreter, with its type name
    (``_LazyModule`` for a module found but not yet executed)."""
    script = (
        code + "\nimport json, sys\n"
        "print(json.dumps({n: type(m).__name__ for n, m in list(sys.modules.items())}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded: dict[str, str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def _imported(loaded: dict[str, str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in loaded)


def test_render_programme_imports_nothing_it_does_not_need(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    url = db.url
    db.dispose()
    output = tmp_path / "programme.pdf"
    loaded = _loaded_after(
        "from planner.cli.main import main\n"
        f"assert main(['--db', {url!r}, 'render', 'programme', '1', '-o', {str(output)!r}]) == 0"
    )
    assert output.read_bytes().startswith(b"%PDF")
    assert {"sqlite3", "reportlab.platypus", "planner.policy.build"} <= set(loaded)
    unwanted = [name for name in NOT_ON_THE_RENDER_PATH if _imported(loaded, name)]
    assert unwanted == []
    assert loaded["PIL.Image"] == "_LazyModule"  # found, not executed


def test_the_sheet_and_the_documents_package_import_without_sqlalchemy() -> None:
    # Renderers see only Sheets: importing them must not pull in the sheet builder.
    loaded = _loaded_after("import planner.policy.sheet, planner.policy.names, planner.documents")
    assert not _imported(loaded, "sqlalchemy")
    assert "planner.policy.build" not in loaded


def test_the_policy_package_still_gives_every_name() -> None:
    import planner.policy as policy

    for name in policy.__all__:
        assert getattr(policy, name) is not None
    from planner.policy import Audience, build_sheet, names
    from planner.policy.build import build_sheet as built_from_module

    assert build_sheet is built_from_module
    assert Audience("attendees") is Audience.ATTENDEES
    assert callable(names.full_style)
    try:
        policy.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_a_logo_still_loads_pillow_when_it_is_drawn() -> None:
    # PIL.Image is deferred before ReportLab is imported; drawing a picture must load it and
    # put the picture in the PDF exactly as an eager import did.
    code = f"""
import dataclasses, struct, sys, tempfile, zlib
sys.path.insert(0, {str(TESTS)!r})
from planner.documents import DocumentKind, render_with_warnings
import sheet_samples
assert type(sys.modules["PIL.Image"]).__name__ == "_LazyModule"

def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

# A 4 x 2 green PNG written by hand, so that nothing has loaded Pillow before the render.
rows = b"".join(b"\\x00" + b"\\x1d\\x5c\\x4d" * 4 for _ in range(2))
png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
logo = tempfile.NamedTemporaryFile(suffix=".png", delete=False)
logo.write(png)
logo.close()
sheet = sheet_samples.gulf_security()
sheet = dataclasses.replace(
    sheet, organisation=dataclasses.replace(sheet.organisation, logo_path=logo.name)
)
result = render_with_warnings(DocumentKind.PROGRAMME, sheet)
assert result.warnings == (), result.warnings
assert b"/Subtype /Image" in result.pdf
"""
    loaded = _loaded_after(code)
    assert "PIL._imaging" in loaded
    assert loaded["PIL.Image"] == "module"
