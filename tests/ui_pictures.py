"""Pictures of views in the window tests: written to the test's own folder (never into
docs/screenshots: those come from ``docs/screenshots/make_screenshots.py``), read back, and
measured, so a view that painted nothing fails."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget


def distinct_colours(image: QImage, step: int = 7) -> int:
    """How many colours a coarse sample of the image has (an empty view has a handful)."""
    return len(
        {
            image.pixel(x, y)
            for y in range(0, image.height(), step)
            for x in range(0, image.width(), step)
        }
    )


def save_picture(shown: QWidget | QImage, folder: Path, name: str) -> QImage:
    """Grab ``shown`` (or take the picture), write ``folder/name.png`` and check that the file
    holds the same picture; returns it."""
    image = shown if isinstance(shown, QImage) else shown.grab().toImage()
    assert not image.isNull(), name
    path = folder / f"{name}.png"
    assert image.save(str(path)), path
    assert QImage(str(path)).size() == image.size(), path
    return image
