"""Write THIRD-PARTY-LICENSES: every distribution the bundle ships, the bundled fonts, Python.

    uv run python packaging/third_party_licenses.py [-o THIRD-PARTY-LICENSES]

Generated from the installed distributions' metadata (name, version, licence, the licence
files each wheel carries), never typed by hand: the distributions are planner's runtime
requirements followed through their own requirements, so a new dependency appears here the
next time the file is written (tests/test_packaging_files.py checks the committed copy).
A distribution that ships no licence text (PySide6, shiboken6) gets the text of its licence
from the system's common licences (Debian: /usr/share/common-licenses), or its address.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
COMMON_LICENSES = Path("/usr/share/common-licenses")
RULE = "=" * 78

# Licence files by name: what wheels put in .dist-info/licenses/ or beside their code.
LICENCE_FILE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE|AUTHORS)[^/]*$", re.IGNORECASE)
# SPDX identifier -> the file of its text among the common licences.
COMMON_TEXT = {"LGPL-3.0-only": "LGPL-3", "GPL-3.0-only": "GPL-3", "GPL-2.0-only": "GPL-2"}

QT_NOTE = """\
Qt and PySide6 are used under the GNU Lesser General Public License version 3 (LGPL-3.0;
the LGPL is a set of additional permissions on the GPL-3.0: both texts are at the end).

Planner links them dynamically and unmodified: they are the shared libraries in the bundle's
_internal/PySide6/ folder (Qt/lib/libQt6*.so.6 and Qt/plugins/ on Linux, Qt6*.dll on Windows,
Contents/Frameworks/PySide6 in the macOS application). To use a modified or other build of Qt
or PySide6, replace those files with your own build of the same major version (6.x) built
with the same options; Planner loads whatever libraries it finds there. The source code of Qt
is at https://download.qt.io/official_releases/qt/ and of PySide6 and shiboken6 at
https://code.qt.io/cgit/pyside/pyside-setup.git/ (the version is given above).
"""

HARFBUZZ_NOTE = """\
uharfbuzz contains HarfBuzz, compiled in (the "Old MIT" licence, included in its licence file
above where the wheel carries it; https://github.com/harfbuzz/harfbuzz/blob/main/COPYING).
"""

PYTHON_NOTE = """\
The bundle contains the Python interpreter and standard library (libpython) with the libraries
Python's own modules link to: OpenSSL (Apache-2.0), libffi (MIT), zlib (Zlib), bzip2
(bzip2-1.0.6), xz/liblzma (0BSD / public domain), expat (MIT), SQLite (public domain),
mpdecimal (BSD-2-Clause), libuuid (BSD-3-Clause), and the GCC runtime (libstdc++, libgcc_s:
GPL-3.0 with the GCC Runtime Library Exception, which permits shipping them with any program).
Python's licence follows.
"""


def runtime_distributions(root: str = "planner") -> list[md.Distribution]:
    """``root`` and everything it needs at run time (no extras, markers as on this machine)."""
    seen: dict[str, md.Distribution] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        key = _key(name)
        if key in seen:
            continue
        try:
            distribution = md.distribution(name)
        except md.PackageNotFoundError:
            continue  # a requirement for another platform or Python
        seen[key] = distribution
        for line in distribution.requires or []:
            requirement = Requirement(line)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            pending.append(requirement.name)
    seen.pop(_key(root), None)
    return sorted(seen.values(), key=lambda d: _key(d.metadata["Name"]))


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def licence_of(distribution: md.Distribution) -> str:
    meta = distribution.metadata
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    classifiers = [
        c.removeprefix("License :: ").removeprefix("OSI Approved :: ")
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    text = (meta.get("License") or "").strip().splitlines()
    return "; ".join(classifiers) or (text[0] if text else "see the licence text below")


def licence_texts(distribution: md.Distribution) -> Iterator[tuple[str, str]]:
    """(file name, text) of each licence file the distribution installed."""
    for file in distribution.files or []:
        if LICENCE_FILE.search(str(file)) and not str(file).endswith((".py", ".pyc")):
            path = Path(str(distribution.locate_file(file)))
            if path.is_file():
                yield str(file), path.read_text(encoding="utf-8", errors="replace")


def common_licences(distribution: md.Distribution) -> list[str]:
    """The SPDX ids of the common licences whose text this distribution does not carry."""
    if any(True for _ in licence_texts(distribution)):
        return []
    expression = licence_of(distribution)
    return [spdx for spdx in COMMON_TEXT if spdx in expression]


def common_licence_text(spdx: str) -> str:
    path = COMMON_LICENSES / COMMON_TEXT[spdx]
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return f"The text is at https://spdx.org/licenses/{spdx}.html\n"


def section(title: str, body: str) -> str:
    return f"{RULE}\n{title}\n{RULE}\n\n{body.rstrip()}\n\n"


def font_sections() -> Iterator[str]:
    readme = FONTS / "README.md"
    yield section(
        "Bundled fonts (resources/fonts, embedded as subsets in the printed documents)",
        readme.read_text(encoding="utf-8"),
    )
    for path in sorted((FONTS / "licenses").iterdir()):
        yield section(f"Font licence: {path.name}", path.read_text(encoding="utf-8"))


def python_section() -> str:
    folder = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    licence = folder / "LICENSE.txt"
    text = licence.read_text(encoding="utf-8") if licence.is_file() else ""
    version = ".".join(map(str, sys.version_info[:3]))
    return section(
        f"Python {version} (PSF-2.0)",
        PYTHON_NOTE + "\n" + (text or "https://docs.python.org/3/license.html"),
    )


def render() -> str:
    import planner

    distributions = runtime_distributions()
    needed: set[str] = set()
    parts = [
        f"Third-party software in Planner {planner.__version__}\n\n"
        "Planner itself is under the MIT licence. The bundle also contains the software listed\n"
        "below, each under its own licence. This file is generated by\n"
        "packaging/third_party_licenses.py from the installed distributions' metadata.\n\n"
        + "\n".join(f"  {d.metadata['Name']} {d.version}: {licence_of(d)}" for d in distributions)
        + "\n  Python, the bundled fonts: see their sections below\n\n"
    ]
    for distribution in distributions:
        name = distribution.metadata["Name"]
        body = [f"Version: {distribution.version}", f"Licence: {licence_of(distribution)}"]
        home = distribution.metadata.get("Home-page") or ""
        urls = distribution.metadata.get_all("Project-URL") or []
        if home or urls:
            body.append(f"Home: {home or urls[0].split(',', 1)[-1].strip()}")
        text = "\n".join(body) + "\n\n"
        if _key(name) in {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"}:
            text += QT_NOTE + "\n"
        if _key(name) == "uharfbuzz":
            text += HARFBUZZ_NOTE + "\n"
        for file, licence in licence_texts(distribution):
            text += f"--- {file} ---\n\n{licence.rstrip()}\n\n"
        shared = common_licences(distribution)
        if shared:
            text += f"The texts of {', '.join(shared)} are at the end of this file.\n"
            needed.update(shared)
        parts.append(section(name, text))
    parts.append(python_section())
    parts.extend(font_sections())
    for spdx in sorted(needed):
        parts.append(section(f"Licence text: {spdx}", common_licence_text(spdx)))
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "THIRD-PARTY-LICENSES")
    args = parser.parse_args()
    args.output.write_text(render(), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
