"""File ▸ New Database…: where the new file goes, and whether it starts with the demo events.

A dialog of its own rather than a bare save dialog, so "Start with the demo events" sits beside
the file it fills (off by default: a new database is usually for real events). Choose… opens
the desktop's save dialog for the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services.database import check_new_database
from planner.ui.widgets.style import Tone, error_label, set_tone, show_error

FILE_FILTER = "Planner database (*.sqlite3 *.sqlite *.db);;All files (*)"
SUFFIX = ".sqlite3"


def free_name(folder: Path, stem: str = "events") -> Path:
    """``events.sqlite3`` in ``folder``, else ``events-2.sqlite3``, … (the first not there)."""
    candidate = folder / f"{stem}{SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{SUFFIX}"
        number += 1
    return candidate


def as_database_path(text: str) -> Path:
    """The typed or chosen file, with ``.sqlite3`` when it has no suffix; ``~`` expanded."""
    path = Path(text.strip()).expanduser()
    return path if path.suffix else path.with_suffix(SUFFIX)


class NewDatabaseDialog(QDialog):
    """Asks for the new file and the demo; ``path()`` and ``with_demo()`` after Create."""

    def __init__(self, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newDatabaseDialog")
        self.setWindowTitle("New Database")
        self.file = QLineEdit(str(suggested))
        self.file.setObjectName("newDatabaseFile")
        self.file.setAccessibleName("New database file")
        self.file.setMinimumWidth(self.file.fontMetrics().horizontalAdvance("x" * 56))
        choose = QPushButton("Choose…")
        choose.setAccessibleName("Choose where the new database goes")
        choose.clicked.connect(self.choose_file)
        file_row = QWidget()
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.file, 1)
        file_layout.addWidget(choose)
        self.problem = error_label()
        self.problem.setObjectName("newDatabaseProblem")

        self.demo = QCheckBox("Start with the demo events")
        self.demo.setObjectName("newDatabaseDemo")
        self.demo.setAccessibleName("Start with the demo events")
        self.demo.setChecked(False)
        about_demo = QLabel(
            "The seminars and roundtables of a policy institute, with their people, venues "
            "and a series, to look around or to practise on. Delete them when you are done."
        )
        about_demo.setWordWrap(True)
        # Its height is reckoned for a narrower width than it gets: the spare line goes below.
        about_demo.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        set_tone(about_demo, Tone.MUTED)

        file_column = QVBoxLayout()
        file_column.setSpacing(2)
        file_column.addWidget(file_row)
        file_column.addWidget(self.problem)
        demo_column = QVBoxLayout()
        demo_column.setSpacing(2)
        demo_column.addWidget(self.demo)
        demo_column.addWidget(about_demo)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("File", file_column)
        form.addRow("", demo_column)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("Create")
        self.create_button.setAccessibleName("Create the new database")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # Grown when a problem shows under the file, shrunk when it goes.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.file.textChanged.connect(lambda _text: show_error(self.problem, None))

    def path(self) -> Path:
        return as_database_path(self.file.text())

    def with_demo(self) -> bool:
        return self.demo.isChecked()

    def choose_file(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "New Database", str(self.path()), FILE_FILTER
        )
        if chosen:
            self.file.setText(str(as_database_path(chosen)))

    def accept(self) -> None:
        """Create only a file that can be made: an existing one is refused here, by name."""
        if not self.file.text().strip():
            show_error(self.problem, "File: choose where the new database goes.")
            return
        try:
            check_new_database(self.path())
        except PlannerError as error:
            show_error(self.problem, f"File: {error}")
            return
        super().accept()
