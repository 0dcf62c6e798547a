"""File ▸ Import… and Export…, files dropped on the window, and ``planner FILE``: one path.

A file's ending picks its import (config.IMPORT_SUFFIXES): an event package opens the import
preview, a CSV or vCard file the People section's import. Several files of one kind are
imported one after another; packages mixed with people files are refused in one message (two
kinds of import at once would be two questions at once). Anything else is named in the status
bar, not guessed at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.config import IMPORT_SUFFIXES

if TYPE_CHECKING:
    from planner.ui.shell.shell import Shell

IMPORT_FILTER = (
    "Event packages and people (*.json *.csv *.vcf *.vcard);;Event package (*.json);;"
    "People (*.csv *.vcf *.vcard)"
)
# What a people file is, whichever of the two formats.
PEOPLE_KINDS = frozenset({"csv", "vcard"})


def kind_of(path: Path) -> str | None:
    """``package``, ``people`` or None (a file Planner does not import)."""
    kind = IMPORT_SUFFIXES.get(path.suffix.lower())
    return "people" if kind in PEOPLE_KINDS else kind


def not_imported(paths: Sequence[Path]) -> str:
    names = ", ".join(path.name for path in paths[:3]) + (" …" if len(paths) > 3 else "")
    return (
        f"{names}: Planner imports event packages (.json), people (.csv) and contacts (.vcf); "
        "nothing was imported from " + ("it" if len(paths) == 1 else "these files")
    )


def import_files(window: Shell, paths: Sequence[Path], *, ask: bool = True) -> None:
    """Import ``paths`` (a drop, ``planner FILE``, the Import… dialog). ``ask``: people files
    are imported after a question (a drop or a double-click is not yet a decision; choosing
    in the Import… dialog is)."""
    known = [path for path in paths if kind_of(path) is not None]
    unknown = [path for path in paths if kind_of(path) is None]
    if unknown:
        window.ctx.show_status(not_imported(unknown))
    kinds = {kind_of(path) for path in known}
    if len(kinds) > 1:
        QMessageBox.information(
            window.as_widget(),
            "Import",
            "Event packages and people files are imported separately: drop the packages, "
            "then the people files (nothing was imported).",
        )
        return
    if kinds == {"package"}:
        _import_packages(window, known)
    elif kinds == {"people"}:
        _import_people(window, known, ask=ask)


def _import_packages(window: Shell, paths: Sequence[Path]) -> None:
    from planner.ui.events.package_dialogs import import_package_interactive

    # Each preview is modal: the next opens once this one is answered.
    for path in paths:
        import_package_interactive(
            window.ctx, window.as_widget(), on_created=window.open_event, path=path
        )


def _import_people(window: Shell, paths: Sequence[Path], *, ask: bool) -> None:
    if ask:
        names = ", ".join(path.name for path in paths)
        answer = QMessageBox.question(
            window.as_widget(),
            "Import people",
            f"Import the people in {names} into the directory?\n\n"
            "People already in the directory (same email, or same name) are completed, "
            "not duplicated.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
    view = window.section("People")
    waiting = list(paths)

    def next_file() -> None:
        # One after another: the next starts once the previous one's outcome was shown.
        if waiting:
            view.import_people(waiting.pop(0), then=next_file)  # type: ignore[attr-defined]

    next_file()


def choose_and_import(window: Shell) -> None:
    """File ▸ Import…: a package, CSV or vCard file, into its matching import."""
    chosen, _filter = QFileDialog.getOpenFileNames(
        window.as_widget(), "Import", str(Path.home()), IMPORT_FILTER
    )
    if chosen:
        import_files(window, [Path(name) for name in chosen], ask=False)


# --- Export… -------------------------------------------------------------------------------------


class ExportDialog(QDialog):
    """File ▸ Export…: the chosen event's package, or the people directory."""

    def __init__(self, event_title: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.package = QRadioButton(
            f"Event package of “{event_title}” (.json)"
            if event_title
            else "Event package (.json): choose an event first"
        )
        self.package.setEnabled(event_title is not None)
        self.package.setAccessibleName("Event package of the chosen event")
        self.people = QRadioButton("People directory (Excel workbook, CSV or vCard)")
        self.people.setAccessibleName("People directory")
        (self.package if event_title else self.people).setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("What to export:"))
        layout.addWidget(self.package)
        layout.addWidget(self.people)
        layout.addWidget(buttons)

    @property
    def choice(self) -> str:
        return "package" if self.package.isChecked() else "people"


def export(window: Shell, ask: Callable[[ExportDialog], bool] | None = None) -> None:
    """File ▸ Export…: ask what, then the existing save dialogs (package, people directory)."""
    editor = window.editor
    title = editor.snapshot.title if editor.event_id is not None and editor.snapshot else None
    dialog = ExportDialog(title, window.as_widget())
    if not (ask(dialog) if ask is not None else dialog.exec()):
        return
    if dialog.choice == "package":
        window.export_package()
    else:
        window.section("People").export_people()  # type: ignore[attr-defined]


# --- drops ---------------------------------------------------------------------------------------


def dropped_files(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    """The local files a drag carries (none: it is text or a web link, not ours)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    urls = mime.urls()
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


class FileDrops(QObject):
    """Files dropped anywhere on the window start their import. The filter sits on the window
    and on every widget in it that takes drops of its own (a line edit or a text field would
    take a dropped file as its path's text): not on the whole application, where it would run
    for every event of every widget (measured once, on a loaded machine: about 12% more time
    to repaint the window)."""

    def __init__(self, window: Shell) -> None:
        super().__init__(window.as_widget())
        self.shell = window
        self.widget = window.as_widget()
        self.widget.setAcceptDrops(True)
        self.widget.installEventFilter(self)

    def watch(self, root: QWidget) -> None:
        """Take over the drops of ``root`` and its widgets that accept drops (call it when a
        section or the editor is built)."""
        for widget in [root, *root.findChildren(QWidget)]:
            if widget.acceptDrops() and widget is not self.widget:
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        if not self.shell.is_attached:
            return False
        assert isinstance(event, QDragEnterEvent | QDropEvent)
        files = dropped_files(event)
        if not files:
            return False
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            import_files(self.shell, files)
        return True


# --- quitting while an import runs ---------------------------------------------------------------


def stop_imports_to_quit(parent: QWidget, sections: Sequence[QWidget]) -> bool:
    """Closing the window while a people import runs: ask first; on yes stop it (its one
    transaction is rolled back) and say what came of it. False: the user chose to stay."""
    jobs = [
        job
        for section in sections
        if (job := getattr(section, "running_import", lambda: None)()) is not None
    ]
    if not jobs:
        return True
    names = ", ".join(job.path.name for job in jobs if job.path is not None) or "people"
    answer = QMessageBox.question(
        parent,
        "Quit",
        f"An import is running ({names}): stop it and quit?\n\n"
        "Nothing of it is kept: an import is all or nothing.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    outcomes = [job.stop() for job in jobs]
    done = [message for ok, message in outcomes if ok]
    if done:  # it committed before the stop reached it: say so rather than "nothing"
        text = "The import finished before it could be stopped: " + " ".join(done)
    else:
        text = "The import was stopped: nothing was imported."
    QMessageBox.information(parent, "Quit", text)
    return True
