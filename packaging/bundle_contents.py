"""What the PyInstaller bundle keeps and drops, as data the spec applies and a test reads.

PyInstaller collects every library the PySide6 hooks name plus everything those link to, and
copies the build machine's system libraries that are not on its own exclude list. Untrimmed,
the folder was 244 MB. Two lists decide what goes:

- Qt libraries and plugins of modules the program never imports (Quick, QML, the virtual
  keyboard and what it pulls in). Listing them in ``excludes`` is not enough: the keyboard's
  input-context plugin is collected with the platform plugins and drags Quick and QML in.
- System libraries of the build machine. Only those the program's own libraries need at run
  time stay (see KEEP_SYSTEM); the rest (gnutls, gcrypt, cups, cairo, ...) are loaded from the
  user's system when Qt wants them, or not at all.

No PyInstaller import here: the spec imports this file, and so does a fast test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

# Python modules that never run in the bundle (tests, development tools, unused Qt bindings).
EXCLUDED_MODULES = (
    "tkinter",
    "unittest",
    "pydoc_data",
    "pytest",
    "_pytest",
    "hypothesis",
    "pytestqt",
    "mypy",
    "ruff",
    "pypdf",
    "openpyxl",
    "markdown_it",
    "PyInstaller",
    "setuptools",
    "pip",
    # Pillow stays (ReportLab draws the organisation's logo with it), minus AVIF (4.8 MB).
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "readline",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtMultimedia",
    "PySide6.Qt3DCore",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
)

# Qt libraries and plugins the program does not use: matched against the file name of every
# collected binary (libQt6Quick.so.6, qtvirtualkeyboardplugin.so, Qt6Quick.dll, ...).
UNUSED_QT = re.compile(
    r"Qt6?(Quick|Qml|VirtualKeyboard|ShaderTools|Multimedia|WebEngine|WebChannel|"
    r"Positioning|Location|3D|Charts|DataVisualization|Designer|Sql|Test|OpenGLWidgets|"
    r"Labs|Wayland(Egl)?Compositor|Sensors|SerialPort|Bluetooth|Nfc|RemoteObjects|Scxml|"
    r"StateMachine|TextToSpeech|SpatialAudio|HttpServer|WebSockets|WebView|"
    r"EglFS|EglFsKms)"
    r"|virtualkeyboard|qtquick|libqmltooling|libqtquick|qml",
    re.IGNORECASE,
)

# Qt plugins and data of a desktop program that never runs on a bare framebuffer, never goes
# on the network and installs no Qt translator (matched against the destination path).
UNUSED_QT_PATHS = (
    "/plugins/egldeviceintegrations/",
    "/plugins/generic/",
    "/plugins/networkinformation/",
    "/plugins/tls/",
    "/plugins/platforms/libqeglfs",
    "/plugins/platforms/libqlinuxfb",
    "/plugins/platforms/libqminimalegl",
    "/plugins/platforms/libqvkkhrdisplay",
    "/plugins/platforms/libqvnc",
    "/Qt/translations/",
)

# System libraries the bundle keeps on Linux, by the start of the file name. PySide6 ships its
# own Qt and ICU; what else the Qt libraries link to comes from the user's desktop (X11/xcb,
# fontconfig, freetype, GL, glib, dbus), where the versions match the rest of that system.
# libpython and Python's own extension modules' dependencies (ssl, ffi, ...) stay.
KEEP_SYSTEM = (
    "libpython",
    "libffi",
    "libssl",
    "libcrypto",
    "libz.",
    "libbz2",
    "liblzma",
    "libexpat",
    "libsqlite3",
    "libmpdec",
    "libuuid",
    "libstdc++",
    "libgcc_s",
)

# Libraries that belong to the bundled Python packages (PySide6/Qt, shiboken, uharfbuzz, ...):
# everything under a package folder stays (the Qt filter above applies to those).
SYSTEM_PREFIXES = ("lib",)


def is_unused_qt(name: str) -> bool:
    """Whether the bundled file ``name`` (a destination path) is an unused Qt library/plugin."""
    path = name.replace("\\", "/")
    file = PurePosixPath(path).name
    in_qt = "PySide6" in path or file.lower().startswith(("libqt6", "qt6"))
    if not in_qt:
        return False
    return UNUSED_QT.search(file) is not None or any(part in path for part in UNUSED_QT_PATHS)


def is_dropped_system_library(name: str) -> bool:
    """Whether ``name`` is a build-machine system library the program does not need.

    System libraries land at the top of the bundle (no folder in the destination path);
    libraries inside a package's folder (PySide6/Qt/lib, ...) belong to that package.
    """
    path = PurePosixPath(name.replace("\\", "/"))
    if len(path.parts) > 1 or not path.name.startswith(SYSTEM_PREFIXES):
        return False
    if ".so" not in path.name:
        return False
    return not path.name.startswith(KEEP_SYSTEM)


def keep(name: str, *, linux: bool) -> bool:
    """Whether the collected binary ``name`` stays in the bundle."""
    if is_unused_qt(name):
        return False
    return not (linux and is_dropped_system_library(name))


def kept(names: Iterable[str], *, linux: bool) -> list[str]:
    return [name for name in names if keep(name, linux=linux)]
