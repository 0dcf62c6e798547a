"""The document preview: zoom, page navigation, and a re-render after edits that keeps the
page shown until the new one is ready."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy import select

from pdf_reading import pdf_text
from planner.model import Event
from planner.store import Database
from planner.ui.editor.preview import FIT_PAGE, FIT_WIDTH, ZOOM_STEPS, PdfPreview
from planner.ui.shell.main_window import MainWindow


def _pdf(pages: int, word: str = "Page") -> bytes:
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        sheet.drawString(72, 720, f"{word} {number}")
        sheet.showPage()
    sheet.save()
    return out.getvalue()


@pytest.fixture
def preview(qtbot: QtBot) -> PdfPreview:
    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.resize(600, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_zoom_offers_fit_width_fit_page_and_50_to_400_per_cent(preview: PdfPreview) -> None:
    entries = [preview.zoom_box.itemText(i) for i in range(preview.zoom_box.count())]
    assert entries[:2] == [FIT_WIDTH, FIT_PAGE]
    assert entries[2:] == [f"{step}%" for step in ZOOM_STEPS]
    assert ZOOM_STEPS[0] == 50 and ZOOM_STEPS[-1] == 400
    # A readable size to start with: the page fills the width.
    assert preview.zoom_text() == FIT_WIDTH


def test_zoom_steps_and_shortcuts(qtbot: QtBot, preview: PdfPreview) -> None:
    preview.show_pdf(_pdf(2))
    preview.set_zoom_text("100%")
    assert preview.view.zoomFactor() == pytest.approx(1.0)
    preview.view.setFocus()
    qtbot.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom_text() == "125%"
    assert preview.view.zoomFactor() == pytest.approx(1.25)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom_text() == "75%"
    for _ in range(5):
        preview.zoom_out()
    assert preview.zoom_text() == "50%" and not preview.zoom_out_button.isEnabled()
    for _ in range(12):
        preview.zoom_in()
    assert preview.zoom_text() == "400%" and not preview.zoom_in_button.isEnabled()
    qtbot.keyClick(preview.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom_text() == FIT_WIDTH


def test_zooming_in_from_a_fit_mode_goes_to_the_next_larger_step(preview: PdfPreview) -> None:
    preview.show_pdf(_pdf(1))
    preview.set_zoom_text(FIT_PAGE)
    shown = preview.effective_percent()
    assert 10 < shown < 400
    preview.zoom_in()
    assert int(preview.zoom_text().rstrip("%")) > shown


def test_page_navigation_and_count(qtbot: QtBot, preview: PdfPreview) -> None:
    assert preview.show_pdf(_pdf(3)) == 3
    assert preview.page_count_label.text() == "of 3"
    assert preview.page_box.value() == 1 and not preview.previous_button.isEnabled()
    preview.next_button.click()
    qtbot.waitUntil(lambda: preview.current_page() == 1)
    assert preview.page_box.value() == 2 and preview.previous_button.isEnabled()
    preview.page_box.setValue(3)
    qtbot.waitUntil(lambda: preview.current_page() == 2)
    assert not preview.next_button.isEnabled()
    preview.previous_button.click()
    qtbot.waitUntil(lambda: preview.current_page() == 1)


def test_a_new_pdf_keeps_the_zoom_and_the_page_shown(qtbot: QtBot, preview: PdfPreview) -> None:
    preview.show_pdf(_pdf(4, "Old"))
    preview.set_zoom_text("150%")
    preview.go_to_page(2)
    qtbot.waitUntil(lambda: preview.current_page() == 2)
    scrolled = preview.view.verticalScrollBar().value()
    assert scrolled > 0
    old = preview.document
    preview.show_pdf(_pdf(4, "New"))
    assert preview.document is not old
    assert preview.zoom_text() == "150%"
    assert preview.view.verticalScrollBar().value() == scrolled
    qtbot.waitUntil(lambda: preview.page_box.value() == 3)
    # A shorter document: the position is clamped, not lost in an empty view.
    preview.show_pdf(_pdf(1, "Short"))
    assert preview.page_count_label.text() == "of 1"
    assert preview.page_box.value() == 1


def _open_first_event(window: MainWindow, db: Database) -> int:
    with db.session() as session:
        event_id = session.scalar(select(Event.id).order_by(Event.id).limit(1))
    assert event_id is not None
    window.open_event(event_id)
    return event_id


def test_an_edit_renders_the_shown_document_again(
    qtbot: QtBot, demo_window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open_first_event(demo_window, db)
    documents = demo_window.editor.documents
    demo_window.editor.show_section("Documents")
    documents.render_selected()
    assert documents.current is not None
    preview = documents.preview
    first = documents.current
    preview.set_zoom_text("125%")
    renders = _count_renders(monkeypatch)

    details = demo_window.editor.details
    # Typed letter by letter: one render once the typing pauses, not one per letter.
    for end in range(1, len("A retitled seminar") + 1):
        details.push_event_field("title", "A retitled seminar"[:end], "Edit title")
    # Until the edits pause, the old pages stay on show.
    assert documents.current is first
    assert documents.preview_stack.currentWidget() is preview
    qtbot.waitUntil(lambda: documents.current is not first, timeout=5000)
    assert "A retitled seminar" in pdf_text(documents.current.pdf)
    assert documents.preview_stack.currentWidget() is preview
    assert preview.zoom_text() == "125%"
    assert not documents.progress_box.isVisible()
    assert renders == [first.kind]


def _count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from planner.ui.editor import documents as editor_documents

    renders: list[str] = []
    real = editor_documents.render_pdf

    def counted(*args: Any, **kwargs: Any) -> tuple[bytes, tuple[str, ...]]:
        renders.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(editor_documents, "render_pdf", counted)
    return renders


def test_edits_while_the_documents_are_hidden_render_when_shown_again(
    qtbot: QtBot, demo_window: MainWindow, db: Database
) -> None:
    _open_first_event(demo_window, db)
    documents = demo_window.editor.documents
    demo_window.editor.show_section("Documents")
    documents.render_selected()
    first = documents.current
    demo_window.editor.show_section("Details")
    details = demo_window.editor.details
    details.push_event_field("title", "Renamed while hidden", "Edit title")
    qtbot.waitUntil(lambda: documents._stale, timeout=5000)
    assert documents.current is first  # nothing rendered behind the user's back
    demo_window.editor.show_section("Documents")
    qtbot.waitUntil(lambda: documents.current is not first, timeout=5000)
    assert "Renamed while hidden" in pdf_text(documents.current.pdf)


def test_another_event_clears_the_preview(demo_window: MainWindow, db: Database) -> None:
    event_id = _open_first_event(demo_window, db)
    documents = demo_window.editor.documents
    demo_window.editor.show_section("Documents")
    documents.render_selected()
    with db.session() as session:
        other = session.scalar(select(Event.id).where(Event.id != event_id).limit(1))
    assert other is not None
    demo_window.open_event(other)
    assert documents.current is None
    assert documents.preview_stack.currentIndex() == 0
    assert not documents._rerender_timer.isActive()
