"""Saving people and participant lists: one save dialog for both the People view and the
Documents section's Share area, offering the Excel workbook first, then CSV, then vCard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from planner.errors import PlannerError
from planner.services.contact_exports import FORMAT_CHOICES, ContactFormat

# "Excel workbook (*.xlsx);;CSV (*.csv);;vCard (*.vcf)": the first is the default.
FILE_FILTERS: tuple[str, ...] = tuple(
    f"{label.rsplit(' (', 1)[0]} (*{suffix})" for _fmt, label, suffix in FORMAT_CHOICES
)
FILE_FILTER = ";;".join(FILE_FILTERS)


def format_of(path: Path) -> ContactFormat:
    """The format a file name asks for, by its ending."""
    suffix = path.suffix.lower()
    for fmt, _label, ending in FORMAT_CHOICES:
        if suffix == ending or (fmt is ContactFormat.VCARD and suffix == ".vcard"):
            return fmt
    endings = ", ".join(ending for _f, _l, ending in FORMAT_CHOICES)
    raise PlannerError(f"{path.name}: save as one of {endings}")


def choose_file(parent: QWidget, caption: str, stem: str) -> Path | None:
    """Ask where to save; a name typed without an ending gets the chosen filter's."""
    chosen, selected = QFileDialog.getSaveFileName(
        parent, caption, str(Path.home() / f"{stem}.xlsx"), FILE_FILTER, FILE_FILTERS[0]
    )
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:
        index = FILE_FILTERS.index(selected) if selected in FILE_FILTERS else 0
        path = path.with_suffix(FORMAT_CHOICES[index][2])
    return path


def written_text(count: int, one: str, many: str, path: Path) -> str:
    """``12 participants written to /home/…/list.xlsx``"""
    return f"{count} {one if count == 1 else many} written to {path}"
