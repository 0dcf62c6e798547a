"""Every image the README and the guide show exists (the guide window shows them too), and the
screenshots folder stays small enough to commit and to ship in the wheel."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "docs" / "screenshots"
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
MAX_BYTES = 4 * 1024 * 1024


def _pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs" / "guide").glob("*.md"))]


def test_every_image_link_resolves() -> None:
    missing = [
        f"{page.relative_to(ROOT)}: {target}"
        for page in _pages()
        for target in IMAGE.findall(page.read_text(encoding="utf-8"))
        if not target.startswith(("http:", "https:")) and not (page.parent / target).is_file()
    ]
    assert missing == []


def test_the_pages_show_screenshots_of_both_themes() -> None:
    shown = {Path(t).name for page in _pages() for t in IMAGE.findall(page.read_text("utf-8"))}
    assert any(name.endswith("-light.png") for name in shown)
    assert any(name.endswith("-dark.png") for name in shown)


def test_every_view_screenshot_comes_in_both_themes() -> None:
    names = {path.name for path in SCREENSHOTS.glob("*.png")}
    for name in names:
        if name.endswith("-light.png"):
            assert name.replace("-light.png", "-dark.png") in names, name
        elif name.endswith("-dark.png"):
            assert name.replace("-dark.png", "-light.png") in names, name
        else:  # the printed documents' samples only
            assert name.startswith("doc-"), name


def test_the_screenshots_stay_small() -> None:
    total = sum(path.stat().st_size for path in SCREENSHOTS.glob("*.png"))
    assert total < MAX_BYTES, f"{total / 1e6:.1f} MB"
