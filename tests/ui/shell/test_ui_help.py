"""F1 opens the user guide inside the program (the bundled README and docs/guide/*.md), Help ▸
Keyboard Shortcuts lists the window's real shortcuts, and Ctrl+C in the terminal quits cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.config import docs_root, guide_files
from planner.store import Database
from planner.store.demo import load_demo
from planner.ui.shell.help_window import HelpWindow, ShortcutsDialog
from planner.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def window(open_window: Callable[..., MainWindow]) -> MainWindow:
    return open_window()


def test_the_guide_is_found_where_the_package_is() -> None:
    files = guide_files()
    assert files[0] == docs_root() / "README.md"
    assert {path.name for path in files[1:]} >= {"gui.md", "documents.md", "exports.md"}
    assert all(path.is_file() for path in files)


def test_the_wheel_and_the_bundle_carry_the_guide() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for line in (
        '"README.md" = "planner/README.md"',
        '"docs/guide" = "planner/docs/guide"',
        '"docs/screenshots" = "planner/docs/screenshots"',
    ):
        assert line in pyproject
    spec = (ROOT / "packaging" / "planner.spec").read_text(encoding="utf-8")
    assert '"docs" / "guide"), "planner/docs/guide"' in spec
    assert '"README.md"), "planner"' in spec


def test_an_installed_package_finds_its_guide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The layout the wheel installs: planner/README.md and planner/docs/guide/ beside config.py.
    import planner.config as config

    installed = tmp_path / "planner"
    (installed / "docs" / "guide").mkdir(parents=True)
    (installed / "README.md").write_text("# Planner\n", encoding="utf-8")
    (installed / "docs" / "guide" / "gui.md").write_text("# The window\n", encoding="utf-8")
    monkeypatch.setattr(config, "__file__", str(installed / "config.py"))
    assert config.docs_root() == installed
    assert config.guide_files() == [installed / "README.md", installed / "docs/guide/gui.md"]


def test_f1_opens_the_guide_window_with_its_contents(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.findChild(HelpWindow)
    assert guide is not None and guide.isVisible()
    titles = [guide.contents.item(row).text() for row in range(guide.contents.count())]
    assert titles[0] == "Planner" and "The desktop application" in titles
    row = titles.index("The desktop application")
    guide.contents.setCurrentRow(row)
    text = guide.text()
    # Rendered from Markdown: headings and table cells, not the markup.
    assert "Open Recent" in text and "Connect to Team Server" in text
    assert "| Keys |" not in text and "## " not in text
    # F1 again brings the same window forward.
    window.show_help()
    assert window.findChildren(HelpWindow) == [guide]


def test_links_between_guides_open_in_the_window_and_web_links_do_not(qtbot: QtBot) -> None:
    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.show()
    readme = guide.files[0]
    gui = readme.parent / "docs" / "guide" / "gui.md"
    guide.follow(QUrl("docs/guide/gui.md"))
    assert Path(guide.browser.source().toLocalFile()) == gui
    assert guide.contents.currentItem().text() == "The desktop application"
    guide.follow(QUrl("https://example.org/"))
    assert Path(guide.browser.source().toLocalFile()) == gui
    assert "Not opened here" in guide.status.text()


def test_screenshots_are_scaled_to_the_window(qtbot: QtBot) -> None:
    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.resize(700, 600)
    guide.show()
    shot = docs_root() / "docs" / "screenshots" / "events-light.png"
    image = guide.browser.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl.fromLocalFile(str(shot))
    )
    assert 0 < image.width() <= guide.browser.viewport().width()


@pytest.mark.parametrize("size", [(1000, 720), (760, 560)])
def test_every_guide_reads_without_scrolling_sideways(qtbot: QtBot, size: tuple[int, int]) -> None:
    """At the window's own size (and a smaller one) no guide needs the horizontal scroll bar:
    code blocks wrap, long paths break, tables and the screenshots in them fit the page."""
    help_window = HelpWindow()
    qtbot.addWidget(help_window)
    help_window.resize(*size)
    help_window.show()
    browser = help_window.browser
    wide: dict[str, float] = {}
    for row, path in enumerate(help_window.files):
        help_window.contents.setCurrentRow(row)
        qtbot.waitUntil(lambda: not browser.document().isEmpty())
        QApplication.processEvents()
        if browser.horizontalScrollBar().maximum() > 0:
            wide[path.name] = browser.document().size().width() - browser.viewport().width()
    assert wide == {}
    # What made them wide: a code block is no longer kept on one line.
    help_window.show_file(next(p for p in help_window.files if p.name == "foundation.md"))
    block = browser.document().begin()
    while block.isValid():
        assert not block.blockFormat().nonBreakableLines(), block.text()
        block = block.next()


def test_a_dark_guide_shows_the_dark_screenshots(qtbot: QtBot) -> None:
    from planner.ui.shell.help_window import themed_screenshot
    from planner.ui.widgets.style import dark_palette, light_palette

    folder = docs_root() / "docs" / "screenshots"
    light, dark = folder / "events-light.png", folder / "events-dark.png"
    assert themed_screenshot(light, dark=True) == dark
    assert themed_screenshot(light, dark=False) == light
    sample = folder / "doc-programme-chatham.png"  # a document sample has no twin
    assert themed_screenshot(sample, dark=True) == sample
    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.resize(1500, 900)  # wide enough to show the picture unscaled
    guide.show()
    url = QUrl.fromLocalFile(str(light))
    kind = QTextDocument.ResourceType.ImageResource.value
    guide.browser.setPalette(dark_palette())
    assert guide.browser.loadResource(kind, url) == QImage(str(dark))
    guide.browser.setPalette(light_palette())
    assert guide.browser.loadResource(kind, url) == QImage(str(light))


def test_keyboard_shortcuts_lists_the_menus_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QAction

    dialog = ShortcutsDialog(window.findChildren(QAction), window)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for keys, what in (
        ("Ctrl+N", "New Event"),
        ("F1", "Planner Guide"),
        ("Ctrl+O", "Open Database"),
        # Keys no menu has: how Ctrl+PageDown behaves is said where the user looks for it.
        ("Ctrl+PageDown", "the editor's next / previous tab"),
        ("Ctrl+PageDown", "in the sidebar: the next / previous section"),
        ("Tab", "a list or table takes Tab once"),
    ):
        assert keys in text and what in text


# --- Ctrl+C in the terminal ----------------------------------------------------------------------

STARTER = textwrap.dedent(
    """
    import sys
    from planner import app

    started = app.quit_on_interrupt

    def announce(window):
        started(window)
        if window is not None:
            print("ready", flush=True)

    app.quit_on_interrupt = announce
    sys.exit(app.run_gui(sys.argv[1]))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
def test_ctrl_c_in_the_terminal_closes_the_window_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "planner.sqlite3"
    database = Database.open(f"sqlite:///{path}")
    load_demo(database)  # no demo offer waiting for an answer
    database.dispose()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        [sys.executable, "-c", STARTER, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        assert (path.parent / (path.name + ".planner-lock")).exists()
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    # Closed as Quit closes: the lock is given back.
    assert not (path.parent / (path.name + ".planner-lock")).exists()


def test_the_interpreters_ctrl_c_comes_back_after_the_window(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner import app

    before = signal.getsignal(signal.SIGINT)
    # The window cannot open (an unreadable database): run_gui returns at once.
    db_path.write_bytes(b"not a database" * 100)
    monkeypatch.setattr(app, "interactive", lambda: False)
    assert app.run_gui(str(db_path)) == 1
    assert signal.getsignal(signal.SIGINT) is before
