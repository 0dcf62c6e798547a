"""The bar at the top of the Invitations and Documents sections that says what an edit made
out of date ("3 invitations and the printed programme show the old time") and offers the
update. It reads ``services.dispatches.out_of_date`` off the GUI thread after every reload."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from planner.services.dispatches import OutOfDate, out_of_date
from planner.services.operations import Database
from planner.ui.widgets.style import style_notice_bar, warning_icon
from planner.ui.worker import run_task


class OutOfDateBar(QFrame):
    """Hidden while everything sent or printed is current."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        style_notice_bar(self)
        self.state = OutOfDate()
        icon = QLabel()
        icon.setPixmap(warning_icon().pixmap(20, 20))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setObjectName(f"{name}Text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        body = QVBoxLayout()
        body.addWidget(self.text)
        body.addLayout(self.buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(body, 1)
        self._generation = 0
        self._offers: list[tuple[QPushButton, Callable[[OutOfDate], bool]]] = []
        self.hide()

    def add_button(
        self,
        text: str,
        name: str,
        action: Callable[[], None],
        applies: Callable[[OutOfDate], bool],
    ) -> QPushButton:
        """An offer shown while ``applies`` says it would bring something up to date."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.clicked.connect(lambda _c=False: action())
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        self._offers.append((button, applies))
        return button

    def refresh(self, db: Database, event_id: int) -> None:
        """Ask again what is out of date (the newest answer wins)."""
        self._generation += 1
        generation = self._generation

        def shown(state: OutOfDate) -> None:
            if generation != self._generation:
                return
            self.state = state
            self.text.setText(state.sentence())
            for button, applies in self._offers:
                button.setVisible(applies(state))
            self.setVisible(not state.current)

        run_task(lambda: out_of_date(db, event_id), on_done=shown, owner=self)
