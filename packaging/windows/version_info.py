"""Write the Windows version resource of planner.exe (PyInstaller's VSVersionInfo text) from
the package, so Explorer's Properties > Details show the same version as ``planner --version``.

    python packaging/windows/version_info.py build/windows-version.txt

The spec reads build/windows-version.txt when it builds on Windows.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import planner
from planner.config import APP_NAME

TEMPLATE = """\
# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
        StringStruct('CompanyName', 'The {name} developers'),
        StringStruct('FileDescription', '{name}: seminars and roundtables of a policy institute'),
        StringStruct('FileVersion', '{version}'),
        StringStruct('InternalName', 'planner'),
        StringStruct('LegalCopyright', 'MIT licence; see THIRD-PARTY-LICENSES for the rest'),
        StringStruct('OriginalFilename', 'planner.exe'),
        StringStruct('ProductName', '{name}'),
        StringStruct('ProductVersion', '{version}')
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0409, 1200])])
  ]
)
"""


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers: 0.1.0 -> (0, 1, 0, 0); 1.2.0rc1 -> (1, 2, 0, 0)."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def render(version: str = planner.__version__) -> str:
    return TEMPLATE.format(numbers=version_numbers(version), version=version, name=APP_NAME)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "build/windows-version.txt")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
