"""Render the application icon: resources/icons/planner.svg to PNGs, and .ico/.icns for a build.

    uv run python packaging/make_icons.py            # the PNGs in resources/icons/ (committed)
    uv run --group packaging python packaging/make_icons.py --platform-icons build/icons

The PNGs are committed (the window and the .desktop file use them; rendering needs QtSvg, which
the bundle does not ship). The Windows .ico and macOS .icns are made at build time from the
PNGs with Pillow, so there is one source drawing and no binary copies of it to keep in step.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "planner.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return ICONS / f"planner-{size}.png"


def render_pngs() -> list[Path]:
    """Each size drawn from the SVG (not scaled down from 512: small sizes stay crisp)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = png_path(size)
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"{path}: could not write")
        written.append(path)
    return written


def platform_icons(folder: Path) -> tuple[Path, Path]:
    """planner.ico (Windows, 16..256) and planner.icns (macOS, up to 512) in ``folder``."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    largest = Image.open(png_path(512)).convert("RGBA")
    ico = folder / "planner.ico"
    # Pillow picks, for every size asked, the closest image given; give it the real renderings.
    frames = [Image.open(png_path(size)).convert("RGBA") for size in SIZES if size <= 256]
    frames[-1].save(ico, format="ICO", sizes=[f.size for f in frames], append_images=frames[:-1])
    icns = folder / "planner.icns"
    largest.save(icns, format="ICNS")
    return ico, icns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform-icons", type=Path, metavar="FOLDER")
    args = parser.parse_args()
    if args.platform_icons:
        for path in platform_icons(args.platform_icons):
            print(path)
    else:
        for path in render_pngs():
            print(path)


if __name__ == "__main__":
    main()
