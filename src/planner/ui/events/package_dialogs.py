"""Exporting an event as a package, and importing one after a preview of what will be created
and which people matched people already in the directory (nothing is written before Import).
Import matches the package again under the people lock (services.event_packages.apply_package):
what others changed while the preview was open is said afterwards."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services.event_packages import (
    ImportPlan,
    Match,
    PackageImportSummary,
    apply_package,
    event_title,
    export_event_package,
    plan_package,
)
from planner.ui.context import AppContext
from planner.ui.widgets.bidi import isolate_quoted
from planner.ui.widgets.file_names import safe_file_name


def export_package_interactive(
    ctx: AppContext, parent: QWidget, event_id: int, path: Path | None = None
) -> Path | None:
    if path is None:
        title = event_title(ctx.db, event_id) or "event"
        chosen, _f = QFileDialog.getSaveFileName(
            parent,
            "Export event package",
            str(Path.home() / f"{safe_file_name(title)}.json"),
            "Event package (*.json)",
        )
        if not chosen:
            return None
        path = Path(chosen)
    try:
        written = export_event_package(ctx.db, event_id, path)
    except (PlannerError, OSError) as error:
        QMessageBox.warning(parent, "Planner", f"Could not export the event: {error}")
        return None
    ctx.show_status(f"Event package written to {written}")
    return written


class ImportPreviewDialog(QDialog):
    """What the import will do, grouped: events, people (new / matched, and by what)."""

    def __init__(self, plan: ImportPlan, source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import event package")
        self.resize(640, 480)
        self.tree = QTreeWidget()
        self.tree.setObjectName("importPreview")
        self.tree.setHeaderLabels(["What", "Will be"])
        self.tree.setColumnWidth(0, 380)
        for title, matches in (
            ("Events", plan.events),
            ("People", plan.people),
            ("Venues", plan.venues),
            ("Series", plan.series),
        ):
            if not matches:
                continue
            new = sum(1 for m in matches if m.is_new)
            group = QTreeWidgetItem(
                [f"{title} ({len(matches)})", f"{new} new, {len(matches) - new} existing"]
            )
            for match in matches:
                group.addChild(QTreeWidgetItem([match.label, self._fate(title, match)]))
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
        intro = QLabel(
            f"<b>{source.name}</b><br>Nothing has been written yet. People already in the "
            "directory (same email, or same name) are reused, not duplicated."
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if plan.notes:
            # Settings that differ (the stricter wins) and what was cleaned: read before Import.
            self.notes = QLabel("<br>".join(f"• {html.escape(note)}" for note in plan.notes))
            self.notes.setObjectName("importNotes")
            self.notes.setWordWrap(True)
            layout.addWidget(self.notes)
        layout.addWidget(self.tree, 1)
        if plan.create_organisation:
            layout.addWidget(QLabel("The organisation profile will be set from the package."))
        layout.addWidget(buttons)

    @staticmethod
    def _fate(title: str, match: Match) -> str:
        if match.is_new:
            return "created"
        verb = "updated" if title == "Events" else "matched"
        return f"{verb}: #{match.existing_id} (same {match.matched_by})"


def import_package_interactive(
    ctx: AppContext,
    parent: QWidget,
    on_created: Callable[[int], None],
    path: Path | None = None,
    *,
    confirm: Callable[[ImportPreviewDialog], bool] | None = None,
) -> PackageImportSummary | None:
    if path is None:
        chosen, _f = QFileDialog.getOpenFileName(
            parent, "Import event package", str(Path.home()), "Event package (*.json)"
        )
        if not chosen:
            return None
        path = Path(chosen)
    try:
        plan = plan_package(ctx.db, path)
    except PlannerError as error:
        QMessageBox.warning(parent, "Planner", f"{path.name}: {error}")
        return None
    dialog = ImportPreviewDialog(plan, path, parent)
    accepted = confirm(dialog) if confirm is not None else bool(dialog.exec())
    if not accepted:
        return None
    try:
        summary = apply_package(ctx.db, plan)
    except PlannerError as error:
        QMessageBox.warning(parent, "Planner", f"Nothing was imported: {error}")
        return None
    # One line for the status bar; the notes were in the preview the organiser confirmed.
    ctx.show_status(str(summary).split("\n", 1)[0].capitalize())
    if summary.since_preview:
        # Others changed the database while the preview was open; the import matched the
        # package again (nobody duplicated), and what it did otherwise is said here.
        QMessageBox.information(parent, "Import event package", since_preview_text(summary))
    if summary.event_ids:
        on_created(summary.event_ids[0])
    return summary


def since_preview_text(summary: PackageImportSummary) -> str:
    """What the import did otherwise than its preview said, for a message box."""
    changes = "\n".join(f"• {isolate_quoted(change)}" for change in summary.since_preview)
    return (
        "Imported. The database changed while the preview was open, so the package was "
        f"matched again before it was written:\n\n{changes}"
    )
