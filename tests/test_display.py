"""The window's start without a display or without an X11 library: one line, not a Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.display import NO_DISPLAY, XCB_PACKAGES, display_problem

PLUGIN = Path(__file__)  # any existing file: the fake loaders below never read it


def _never(_path: Path) -> None:
    raise AssertionError("the X11 plugin must not be loaded here")


def _missing_icccm(path: Path) -> None:
    raise OSError("libxcb-icccm.so.4: cannot open shared object file: No such file or directory")


def test_no_display_is_said_in_words() -> None:
    assert display_problem({}, PLUGIN, platform="linux", load=_never) == NO_DISPLAY
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, platform="linux", load=_never) == (
        NO_DISPLAY
    )


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "vnc:size=800x600"])
def test_platforms_without_a_desktop_need_no_display(platform: str) -> None:
    environ = {"QT_QPA_PLATFORM": platform}
    assert display_problem(environ, PLUGIN, platform="linux", load=_never) is None


def test_other_systems_are_left_to_qt() -> None:
    assert display_problem({}, PLUGIN, platform="win32", load=_never) is None
    assert display_problem({}, PLUGIN, platform="darwin", load=_never) is None


def test_wayland_sessions_do_not_need_the_x11_libraries() -> None:
    environ = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert display_problem(environ, PLUGIN, platform="linux", load=_never) is None


def test_a_missing_x11_library_is_named_with_the_packages_to_install() -> None:
    problem = display_problem({"DISPLAY": ":0"}, PLUGIN, platform="linux", load=_missing_icccm)
    assert problem is not None
    assert "libxcb-icccm.so.4 is missing" in problem
    assert all(package in problem for package in XCB_PACKAGES)
    # Asked for xcb explicitly on a Wayland session: the same check.
    environ = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "w", "QT_QPA_PLATFORM": "xcb"}
    assert display_problem(environ, PLUGIN, platform="linux", load=_missing_icccm) == problem


def test_a_loadable_plugin_is_no_problem() -> None:
    loaded: list[Path] = []
    assert display_problem({"DISPLAY": ":0"}, PLUGIN, platform="linux", load=loaded.append) is None
    assert loaded == [PLUGIN]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
def test_the_window_without_a_display_exits_with_the_message(tmp_path: Path) -> None:
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    done = subprocess.run(
        [sys.executable, "-m", "planner.cli.main", "--db", str(tmp_path / "p.db")],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == f"planner: {NO_DISPLAY}"
