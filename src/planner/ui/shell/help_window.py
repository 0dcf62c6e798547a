"""Help ▸ Planner Guide (F1) and Keyboard Shortcuts: the bundled docs, inside the program.

The guide is the README and docs/guide/*.md as shipped with the program (config.guide_files),
rendered from Markdown by QTextDocument, with a contents list of the documents on the left.
Links between the guides open in the same window; web links are not followed (the program
never uses the network), their address is shown instead. Screenshots are scaled to the
window's width, so a 1320-pixel capture does not push the text off to the right.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QImage,
    QKeySequence,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextFragment,
    QTextLength,
    QTextOption,
    QTextTable,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planner.config import APP_NAME, guide_files
from planner.ui.widgets.style import is_dark

# Room the images leave for the browser's margins and scroll bar.
IMAGE_MARGIN = 48
# What a table cell takes besides its content: padding and borders.
TABLE_CELL_MARGIN = 12
# Pixels a page-wide table is kept under the page: Qt's table layout rounds up by one.
TABLE_ROUNDING = 2


def document_title(path: Path) -> str:
    """The first ``# `` heading of a Markdown file, else its name."""
    try:
        with path.open(encoding="utf-8") as text:
            for line in text:
                if line.startswith("# "):
                    # Shown as plain text in the contents: no Markdown marks.
                    return line[2:].strip().replace("`", "").replace("*", "")
    except OSError:
        pass
    return path.stem.replace("-", " ").capitalize()


def themed_screenshot(path: Path, dark: bool) -> Path:
    """The dark twin of a ``NAME-light.png`` screenshot in a dark theme, when there is one
    (the guide links the light ones; make_screenshots.py writes both)."""
    if dark and path.name.endswith("-light.png"):
        twin = path.with_name(path.name.removesuffix("-light.png") + "-dark.png")
        if twin.is_file():
            return twin
    return path


def wrap_long_lines(document: QTextDocument) -> None:
    """Let code blocks wrap: Qt's Markdown reader marks them non-breaking, so one long command
    line pushed the whole page sideways (a horizontal scroll bar on every guide)."""
    block = document.begin()
    while block.isValid():
        layout = block.blockFormat()
        if layout.nonBreakableLines():
            layout.setNonBreakableLines(False)
            QTextCursor(block).setBlockFormat(layout)
        block = block.next()


def _table_images(table: QTextTable) -> Iterator[QTextFragment]:
    """The images in the cells of ``table``."""
    block = table.firstCursorPosition().block()
    end = table.lastCursorPosition().position()
    while block.isValid() and block.position() <= end:
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isImageFormat():
                yield fragment
            fragments += 1
        block = block.next()


def fit_tables(document: QTextDocument) -> None:
    """Tables no wider than the page. One as wide as the page is given the page's width (laid
    out by its cells it came out a pixel or two wider and scrolled sideways by that); the
    screenshots side by side in a table are scaled to their column (each at the page's width,
    they overlapped and ran off the page)."""
    page = document.textWidth() - 2 * document.documentMargin()
    layout = document.documentLayout()
    layout.documentSize()  # lays the document out
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        column = page / max(frame.columns(), 1) - TABLE_CELL_MARGIN
        images = list(_table_images(frame))
        for fragment in images:
            image_format = fragment.charFormat().toImageFormat()
            image = document.resource(
                QTextDocument.ResourceType.ImageResource.value, QUrl(image_format.name())
            )
            if not isinstance(image, QImage) or image.isNull():
                continue
            width = min(float(image.width()), column)
            image_format.setWidth(width)
            image_format.setHeight(image.height() * width / image.width())
            cursor = QTextCursor(document)
            cursor.setPosition(fragment.position())
            cursor.setPosition(
                fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
            )
            cursor.setCharFormat(image_format)
        if images or layout.frameBoundingRect(frame).width() >= page:
            # A hair under the page: Qt rounds a table of the page's width up by a pixel.
            table = frame.format()
            share = 100 * (page - TABLE_ROUNDING) / page if page > TABLE_ROUNDING else 100
            table.setWidth(QTextLength(QTextLength.Type.PercentageLength, share))
            frame.setFormat(table)


class GuideBrowser(QTextBrowser):
    """A QTextBrowser that scales the guides' screenshots down to its width, wraps their code
    and long tables to it (no sideways scrolling at the window's size), and shows the
    screenshots in the window's theme."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Long paths and URLs break where they must, not only at spaces.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    def doSetSource(
        self,
        name: QUrl | str,
        kind: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
    ) -> None:
        super().doSetSource(name, kind)
        wrap_long_lines(self.document())
        fit_tables(self.document())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_tables(self.document())  # a table that fitted may fill a narrower page

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        name = QUrl(name)
        if kind == QTextDocument.ResourceType.ImageResource.value and name.isLocalFile():
            path = themed_screenshot(Path(name.toLocalFile()), is_dark(self.palette()))
            image = QImage(str(path))
            widest = max(self.viewport().width() - IMAGE_MARGIN, 200)
            if not image.isNull() and image.width() > widest:
                image = image.scaledToWidth(widest, Qt.TransformationMode.SmoothTransformation)
            return image
        return super().loadResource(kind, name)


class HelpWindow(QWidget):
    """The guide: its documents listed on the left, the chosen one on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(f"{APP_NAME} Guide")
        self.resize(1000, 720)
        self.files = guide_files()
        self.contents = QListWidget()
        self.contents.setObjectName("guideContents")
        self.contents.setAccessibleName("Contents")
        # Long titles wrap instead of running off the list's edge.
        self.contents.setWordWrap(True)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.setSpacing(2)
        for path in self.files:
            # "Sharing: calendar files, email drafts, …" is listed as "Sharing" (the whole
            # heading is the tooltip and the page's own title).
            title = document_title(path)
            item = QListWidgetItem(title.split(": ", 1)[0])
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(f"{title} ({path.name})")
            self.contents.addItem(item)
        self.browser = GuideBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setAccessibleName("Guide text")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.follow)
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 740])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        close = QAction("Close", self)
        close.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Esc")])
        close.triggered.connect(self.close)
        self.addAction(close)
        self.contents.currentRowChanged.connect(self._show_row)
        if not self.files:
            self.browser.setPlainText(
                "The guide is not installed with this copy of Planner (README.md and "
                "docs/guide/ are missing)."
            )
        else:
            self.contents.setCurrentRow(0)

    def sizeHint(self) -> QSize:
        return QSize(1000, 720)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.files):
            self.show_file(self.files[row])

    def show_file(self, path: Path, anchor: str = "") -> None:
        """Show one document (the contents list follows)."""
        self.browser.setSource(
            QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource
        )
        if anchor:
            self.browser.scrollToAnchor(anchor)
        for row, listed in enumerate(self.files):
            if listed == path and self.contents.currentRow() != row:
                self.contents.blockSignals(True)
                self.contents.setCurrentRow(row)
                self.contents.blockSignals(False)
        self.status.setText(path.name)

    def follow(self, url: QUrl) -> None:
        """A link: another guide (or a place in one) opens here; anything else is named."""
        target = self.browser.source().resolved(url) if url.isRelative() else url
        if target.isLocalFile():
            path = Path(target.toLocalFile())
            if path.suffix.lower() == ".md" and path.is_file():
                self.show_file(path, target.fragment())
                return
            if not url.path() and url.fragment():
                self.browser.scrollToAnchor(url.fragment())
                return
        self.status.setText(f"Not opened here: {url.toString()}")

    def text(self) -> str:
        """What the browser shows (tests read this)."""
        return self.browser.toPlainText()


# Keys that are no menu item's, written once here (docs/guide/gui.md says the same).
MOVING_AROUND: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "the next / previous field; a list or table takes Tab once"),
    ("Up / Down", "the previous / next row of a list or table"),
    (
        "Ctrl+PageDown / Ctrl+PageUp",
        "in the Events section (the list or the editor): the editor's next / previous tab; "
        "in the sidebar: the next / previous section",
    ),
    ("F2", "edit the chosen cell of a table (Tab: the next cell)"),
    ("Enter", "in a person search: add the only match, or the one chosen with the arrows"),
)


def shortcuts_html(actions: list[QAction]) -> str:
    """A table of the menus' actions that have shortcuts, as the window really has them, then
    the keys that move around the window (``MOVING_AROUND``)."""
    rows = []
    for action in actions:
        keys = ", ".join(
            key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
        )
        if keys:
            what = action.text().replace("&", "").rstrip("…")
            rows.append(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>")
    rows.append("<tr><th align='left' colspan='2'><br>Moving around</th></tr>")
    for keys, what in MOVING_AROUND:
        rows.append(f"<tr><td><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>")
    return (
        "<table cellspacing='0' cellpadding='4'>"
        "<tr><th align='left'>Keys</th><th align='left'>What</th></tr>" + "".join(rows) + "</table>"
    )


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard Shortcuts: every menu shortcut of the window."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Keyboard shortcuts")
        self.browser.setHtml(shortcuts_html(actions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(460, 480)
