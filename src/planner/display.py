"""Whether the window can open here, asked before Qt is: Qt aborts the process (a core dump, a
line on stderr nobody reads after a double-click) when there is no display or when its X11
platform plugin cannot load a system library. Qt-free, so it is tested without a screen.
"""

from __future__ import annotations

import ctypes
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# The libraries a bare Linux desktop may lack (Debian/Ubuntu package names); README "Install".
XCB_PACKAGES = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxkbcommon-x11-0",
)

NO_DISPLAY = (
    "no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
    "Start Planner from a desktop session; the commands work without one: planner --help"
)

# dlopen's message names the first library it could not find.
_MISSING = re.compile(r"(lib[\w.+-]+\.so[\w.]*): cannot open shared object file")


def _platform_names(environ: Mapping[str, str]) -> list[str]:
    """The platforms asked for in QT_QPA_PLATFORM ("wayland;xcb", "xcb:option=...")."""
    value = environ.get("QT_QPA_PLATFORM", "")
    return [part.split(":", 1)[0].strip() for part in value.split(";") if part.strip()]


def load_library(path: Path) -> None:
    ctypes.CDLL(str(path))


def display_problem(
    environ: Mapping[str, str],
    xcb_plugin: Path | None = None,
    *,
    platform: str = sys.platform,
    load: Callable[[Path], None] = load_library,
) -> str | None:
    """Why the window cannot open, in one sentence; None when it can (or when only Qt knows).

    ``xcb_plugin`` is Qt's X11 platform plugin: loading it (as Qt would) finds a missing
    system library while the error can still be reported.
    """
    if not platform.startswith("linux"):
        return None
    asked = _platform_names(environ)
    if asked and not {"xcb", "wayland"} & set(asked):
        return None  # offscreen, minimal, vnc, eglfs: no desktop display needed
    has_x11 = bool(environ.get("DISPLAY"))
    has_wayland = bool(environ.get("WAYLAND_DISPLAY"))
    if not has_x11 and not has_wayland:
        return NO_DISPLAY
    # Qt takes Wayland when the session has it (unless told xcb), X11 otherwise.
    uses_xcb = asked[:1] == ["xcb"] or (not asked and not has_wayland)
    if not uses_xcb or xcb_plugin is None or not xcb_plugin.is_file():
        return None
    try:
        load(xcb_plugin)
    except OSError as error:
        found = _MISSING.search(str(error))
        missing = found.group(1) if found else str(error)
        return (
            f"the window cannot open: the system library {missing} is missing. "
            f"On Debian or Ubuntu: sudo apt install {' '.join(XCB_PACKAGES)}"
        )
    return None
