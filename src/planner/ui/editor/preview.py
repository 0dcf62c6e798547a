"""The document preview: a QtPdf page view with a toolbar for zoom (Fit Width, Fit Page,
50–400 %) and page navigation (previous, next, a page number box and "of N").

A new PDF replaces the one shown without a blank moment: it is loaded into a document of its
own and swapped in whole, and the zoom, the page and the scroll position shown before are kept
(a re-render after an edit must not throw the reader back to page 1).

QtPdf is imported with this module, which the Documents section imports only when it first
shows a PDF, so the window opens without it.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# The zoom steps offered (per cent of the page's printed size on this screen).
ZOOM_STEPS: tuple[int, ...] = (50, 75, 100, 125, 150, 200, 300, 400)
FIT_WIDTH = "Fit Width"
FIT_PAGE = "Fit Page"
_FIT_MODES = {FIT_WIDTH: QPdfView.ZoomMode.FitToWidth, FIT_PAGE: QPdfView.ZoomMode.FitInView}


class PdfPreview(QWidget):
    """Shows one PDF at a time (``show_pdf``); ``shortcut_scope`` is the widget whose focus
    makes Ctrl+plus, Ctrl+minus and Ctrl+0 zoom (default: the preview itself)."""

    page_changed = Signal(int)  # the page shown (0-based)

    def __init__(self, parent: QWidget | None = None, shortcut_scope: QWidget | None = None):
        super().__init__(parent)
        self.view = QPdfView()
        self.view.setObjectName("pdfView")
        self.view.setAccessibleName("Document preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.document: QPdfDocument | None = None
        self._buffer: QBuffer | None = None
        # The view keeps one navigator for every document it shows; scrolling moves its page.
        self.view.pageNavigator().currentPageChanged.connect(self._update_navigation)

        self.previous_button = _tool_button("‹", "Previous page", "Previous page")
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button = _tool_button("›", "Next page", "Next page")
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page_box = QSpinBox()
        self.page_box.setObjectName("previewPage")
        self.page_box.setAccessibleName("Page number")
        self.page_box.setRange(1, 1)
        self.page_box.setKeyboardTracking(False)  # jump when the number is whole, not per digit
        self.page_box.valueChanged.connect(lambda number: self.go_to_page(number - 1))
        self.page_count_label = QLabel("of 1")
        self.page_count_label.setObjectName("previewPageCount")

        self.zoom_out_button = _tool_button("−", "Zoom out (Ctrl+minus)", "Zoom out")
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button = _tool_button("+", "Zoom in (Ctrl+plus)", "Zoom in")
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("previewZoom")
        self.zoom_box.setAccessibleName("Zoom")
        self.zoom_box.addItems([FIT_WIDTH, FIT_PAGE, *(f"{step}%" for step in ZOOM_STEPS)])
        self.zoom_box.setToolTip("Zoom (Ctrl+0: fit the width)")
        self.zoom_box.currentTextChanged.connect(self._zoom_chosen)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_count_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_box)
        bar.addWidget(self.zoom_in_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        scope = shortcut_scope or self
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),  # the + key without Shift
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit_width),
        ):
            shortcut = QShortcut(keys, scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_navigation()

    # --- the document ------------------------------------------------------------------------

    def show_pdf(self, pdf: bytes) -> int:
        """Show ``pdf`` in place of the PDF shown (keeping zoom, page and scroll position);
        the number of its pages."""
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument(self)
        # The document reads from the buffer for as long as it is shown: keep both alive.
        document.load(buffer)
        vertical = self.view.verticalScrollBar().value()
        horizontal = self.view.horizontalScrollBar().value()
        old_document, old_buffer = self.document, self._buffer
        self.document, self._buffer = document, buffer
        self.view.setDocument(document)
        # setDocument lays the new pages out at once: the old offsets are valid again (or are
        # clamped to the new, shorter document).
        self.view.verticalScrollBar().setValue(vertical)
        self.view.horizontalScrollBar().setValue(horizontal)
        if old_document is not None:
            old_document.deleteLater()
        if old_buffer is not None:
            old_buffer.deleteLater()
        self._update_navigation()
        return self.page_count()

    def clear(self) -> None:
        """Show no document (the next one opens at the top)."""
        if self.document is not None:
            self.view.setDocument(None)  # type: ignore[arg-type]
            self.document.deleteLater()
            self.document = None
        if self._buffer is not None:
            self._buffer.deleteLater()
            self._buffer = None
        self._update_navigation()

    def page_count(self) -> int:
        return int(self.document.pageCount()) if self.document is not None else 0

    # --- pages -------------------------------------------------------------------------------

    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    def go_to_page(self, page: int) -> None:
        """Scroll to the top of ``page`` (0-based; clamped to the document)."""
        count = self.page_count()
        if not count:
            return
        page = max(0, min(page, count - 1))
        if page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), 0)
        self._update_navigation()

    def _update_navigation(self, *_args: object) -> None:
        count = self.page_count()
        page = self.current_page() if count else 0
        self.page_box.blockSignals(True)
        self.page_box.setRange(1, max(1, count))
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.page_count_label.setText(f"of {max(1, count)}")
        self.previous_button.setEnabled(count > 0 and page > 0)
        self.next_button.setEnabled(page + 1 < count)
        self.page_box.setEnabled(count > 1)
        self.page_changed.emit(page)

    # --- zoom --------------------------------------------------------------------------------

    def zoom_text(self) -> str:
        return self.zoom_box.currentText()

    def set_zoom_text(self, text: str) -> None:
        """Choose a zoom by its entry: "Fit Width", "Fit Page" or "50%" … "400%"."""
        index = self.zoom_box.findText(text)
        if index < 0:
            raise ValueError(f"no zoom {text!r}")
        self.zoom_box.setCurrentIndex(index)

    def fit_width(self) -> None:
        self.set_zoom_text(FIT_WIDTH)

    def zoom_in(self) -> None:
        current = self.effective_percent()
        larger = [step for step in ZOOM_STEPS if step > current + 1]
        self.set_zoom_text(f"{larger[0] if larger else ZOOM_STEPS[-1]}%")

    def zoom_out(self) -> None:
        current = self.effective_percent()
        smaller = [step for step in ZOOM_STEPS if step < current - 1]
        self.set_zoom_text(f"{smaller[-1] if smaller else ZOOM_STEPS[0]}%")

    def effective_percent(self) -> float:
        """The zoom shown, in per cent, also while a fit mode sizes the page."""
        mode = self.view.zoomMode()
        if mode is QPdfView.ZoomMode.Custom or self.document is None or not self.page_count():
            return float(self.view.zoomFactor() * 100)
        page = self.document.pagePointSize(max(0, self.current_page()))
        dpi = self.view.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        viewport = self.view.viewport().size()
        width = (viewport.width() - margins.left() - margins.right()) / (page.width() * dpi)
        if mode is QPdfView.ZoomMode.FitToWidth:
            return float(width * 100)
        height = (viewport.height() - margins.top() - margins.bottom()) / (page.height() * dpi)
        return float(min(width, height) * 100)

    def _zoom_chosen(self, text: str) -> None:
        if text in _FIT_MODES:
            self.view.setZoomMode(_FIT_MODES[text])
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(int(text.rstrip("%")) / 100)
        self.zoom_out_button.setEnabled(text != f"{ZOOM_STEPS[0]}%")
        self.zoom_in_button.setEnabled(text != f"{ZOOM_STEPS[-1]}%")


def _tool_button(text: str, tip: str, name: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(name)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button
