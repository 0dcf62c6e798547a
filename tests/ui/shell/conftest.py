"""Message boxes in the shell's tests: recorded, never shown (offscreen nobody answers)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMessageBox

# The message boxes a test saw: (title, text), in order (the ``boxes`` fixture).
Boxes = list[tuple[str, str]]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    """Every warning, information and question box shown: (title, text); questions say Yes."""
    shown: Boxes = []

    def box(answer: QMessageBox.StandardButton) -> Callable[..., QMessageBox.StandardButton]:
        def record(_parent: object, title: str, text: str, *_a: object, **_k: object) -> object:
            shown.append((title, text))
            return answer

        return record

    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, box(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", box(QMessageBox.StandardButton.Yes))
    return shown
