"""The reader on real documents from the encrypted cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest
from ui_helpers import LEFT, WAIT, idle, on_db, unlock

from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.samples import make_pdf
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets


def open_doc(qtbot: Any, root: DeskApp, path: Path, page: int = 0) -> DocumentSummary:
    doc: DocumentSummary = on_db(root, lambda s: s.cache.add_pdf(path))
    assert root.main is not None
    root.main.resize(1100, 800)
    root.main.show()
    root.main.open_document(doc, page)
    qtbot.waitUntil(
        lambda: root.main is not None and root.main.reader.doc is not None, timeout=WAIT
    )
    idle(qtbot, root)
    return doc


@pytest.fixture
def opened(qtbot: Any, deskapp: DeskApp, tmp_path: Path) -> DeskApp:
    unlock(qtbot, deskapp)
    path = tmp_path / "nghi-quyet.pdf"
    make_pdf(path, "Nghị quyết về đầu tư xây dựng trường học Hà Nội", pages=12)
    open_doc(qtbot, deskapp, path)
    return deskapp


def test_pages_render_off_the_gui_thread_into_a_bounded_cache(qtbot: Any, opened: DeskApp) -> None:
    assert opened.main is not None
    reader = opened.main.reader
    view = reader.view
    qtbot.waitUntil(lambda: 0 in view._images, timeout=WAIT)
    assert reader.page_count.text() == "/ 12"
    image = view._images[0][1]
    assert image.width() > 300 and not image.isNull()
    assert reader.doc is not None
    assert reader.doc.renders.nbytes <= reader.doc.renders.budget
    # The decrypted bytes exist only in memory: nothing readable in the profile or temp.
    assert reader.doc.summary.title.startswith("Nghị quyết")


def test_zoom_modes_and_go_to_page(qtbot: Any, opened: DeskApp) -> None:
    assert opened.main is not None
    reader = opened.main.reader
    view = reader.view
    reader.zoom_box.setCurrentIndex(reader.zoom_box.findData("page"))
    fit_page = view.scale
    reader.zoom_box.setCurrentIndex(reader.zoom_box.findData("width"))
    fit_width = view.scale
    assert fit_page < fit_width
    reader.zoom_box.setCurrentIndex(reader.zoom_box.findData(200))
    assert view.scale == pytest.approx(2 * 96 / 72)
    reader.page_box.setValue(9)
    qtbot.waitUntil(lambda: view.current_page() == 8, timeout=WAIT)
    qtbot.waitUntil(lambda: 8 in view._images, timeout=WAIT)
    view.setFocus()
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Home)
    assert view.current_page() == 0
    qtbot.keyClick(view, QtCore.Qt.Key.Key_End)
    assert view.current_page() == 11
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Minus, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert view.scale == pytest.approx(2 * 96 / 72 * 0.8)


def test_search_in_document_ignores_diacritics(qtbot: Any, opened: DeskApp) -> None:
    assert opened.main is not None
    reader = opened.main.reader
    reader.search_box.setText("truong hoc")
    qtbot.keyClick(reader.search_box, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(reader.matches), timeout=WAIT)
    # Title and one paragraph on each of the 12 pages say "trường học".
    assert len(reader.matches) == 24
    assert reader.match_label.text() == "1 of 24"
    reader.step_match(1)
    reader.step_match(1)
    assert reader.match_label.text() == "3 of 24"
    assert reader.view.current_page() == reader.matches[2].page
    reader.search_box.setText("không có chữ này")
    reader.search()
    qtbot.waitUntil(lambda: reader.match_label.text() == "No match", timeout=WAIT)


def test_select_text_then_highlight_goes_to_the_outbox(qtbot: Any, opened: DeskApp) -> None:
    assert opened.main is not None
    reader = opened.main.reader
    view = reader.view
    qtbot.waitUntil(lambda: 0 in view._images, timeout=WAIT)
    # Drag over the title line of page 1 (PDF points 60..560 x 55..80).
    rect = view.page_rect(0)
    start = rect.topLeft() + QtCore.QPointF(60, 55) * view.scale
    end = rect.topLeft() + QtCore.QPointF(560, 80) * view.scale
    qtbot.mousePress(view.viewport(), LEFT, pos=start.toPoint())
    qtbot.mouseMove(view.viewport(), pos=end.toPoint())
    with qtbot.waitSignal(view.selectionChanged, timeout=WAIT) as sel:
        qtbot.mouseRelease(view.viewport(), LEFT, pos=end.toPoint())
    assert sel.args[0] == "Nghị quyết về đầu tư xây dựng trường học Hà Nội"
    assert reader.notes_panel.highlight_button.isEnabled()
    view.copy_selection()
    assert QtWidgets.QApplication.clipboard().text() == sel.args[0]
    qtbot.mouseClick(reader.notes_panel.highlight_button, LEFT)
    qtbot.waitUntil(lambda: reader.notes_panel.list.count() == 1, timeout=WAIT)
    assert "Nghị quyết về đầu tư" in reader.notes_panel.list.item(0).text()
    assert view.marks[0][0].kind == "highlight"
    idle(qtbot, opened)
    outbox = on_db(opened, lambda s: s.cache.outbox())
    assert [e.kind for e in outbox] == ["annotation.upsert"]
    assert opened.main.sync_panel.outbox.topLevelItemCount() == 1


def test_sticky_note_edit_and_delete(
    qtbot: Any, opened: DeskApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert opened.main is not None
    reader = opened.main.reader
    # The note's text is what the person types: the input dialog is answered here.
    answers = iter([("Cần hỏi lại Sở Tài chính", True), ("Đã hỏi, đồng ý", True)])
    monkeypatch.setattr(QtWidgets.QInputDialog, "getMultiLineText", lambda *a, **k: next(answers))
    reader.add_sticky(2, 100.0, 300.0)
    qtbot.waitUntil(lambda: reader.notes_panel.list.count() == 1, timeout=WAIT)
    assert "p. 3" in reader.notes_panel.list.item(0).text()
    reader.notes_panel.list.setCurrentRow(0)
    reader.notes_panel.edit_selected()
    qtbot.waitUntil(lambda: "Đã hỏi" in reader.notes_panel.list.item(0).text(), timeout=WAIT)
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question", lambda *a, **k: QtWidgets.QMessageBox.StandardButton.Yes
    )
    reader.notes_panel.list.setCurrentRow(0)
    reader.notes_panel.delete_selected()
    qtbot.waitUntil(lambda: reader.notes_panel.list.count() == 0, timeout=WAIT)
    idle(qtbot, opened)
    kinds = [json_body(e.payload) for e in on_db(opened, lambda s: s.cache.outbox())]
    assert kinds == ["sticky", "sticky", None]  # create, edit, delete: all queued


def json_body(payload: str) -> str | None:
    import json

    body = json.loads(payload)["body"]
    return None if body is None else str(body["kind"])


def link_pdf(path: Path) -> None:
    doc = pymupdf.open(stream=make_pdf(None, "Tài liệu có liên kết", pages=3), filetype="pdf")
    page = doc[0]
    page.insert_link(
        {
            "kind": pymupdf.LINK_URI,
            "from": pymupdf.Rect(72, 300, 300, 330),
            "uri": "https://example.org/van-ban",
        }
    )
    page.insert_link(
        {"kind": pymupdf.LINK_GOTO, "from": pymupdf.Rect(72, 400, 300, 430), "page": 2}
    )
    page.insert_link(
        {
            "kind": pymupdf.LINK_URI,
            "from": pymupdf.Rect(72, 500, 300, 530),
            "uri": "file:///etc/passwd",
        }
    )
    doc.save(path)


def test_links_are_never_followed_without_asking(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unlock(qtbot, deskapp)
    path = tmp_path / "links.pdf"
    link_pdf(path)
    open_doc(qtbot, deskapp, path)
    assert deskapp.main is not None
    view = deskapp.main.reader.view
    qtbot.waitUntil(lambda: 0 in view._images, timeout=WAIT)
    # The person's answers and the browser are the outside world: recorded here.
    asked: list[str] = []
    opened_urls: list[str] = []
    answer = [QtWidgets.QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or answer[0]
    )
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "information", lambda _p, _t, text, *a: asked.append(text)
    )
    monkeypatch.setattr(
        QtGui.QDesktopServices, "openUrl", lambda url: opened_urls.append(url.toString())
    )

    def click(y: float) -> None:
        rect = view.page_rect(0)
        point = (rect.topLeft() + QtCore.QPointF(100, y) * view.scale).toPoint()
        qtbot.mouseClick(view.viewport(), LEFT, pos=point)
        idle(qtbot, deskapp)

    click(315)
    assert len(asked) == 1 and "https://example.org/van-ban" in asked[0]
    assert opened_urls == []  # answered No
    answer[0] = QtWidgets.QMessageBox.StandardButton.Yes
    click(315)
    assert opened_urls == ["https://example.org/van-ban"]
    click(515)
    assert (
        "/etc/passwd" in asked[-1] and "does not open" in asked[-1] and len(opened_urls) == 1
    )  # refused outright
    click(415)
    assert view.current_page() == 2  # internal link: just moves


def test_damaged_document_is_an_error_not_a_crash(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    unlock(qtbot, deskapp)
    path = tmp_path / "hong.pdf"
    make_pdf(path, "Tài liệu sẽ hỏng", pages=2)
    doc: DocumentSummary = on_db(deskapp, lambda s: s.cache.add_pdf(path))
    assert deskapp.workspace is not None
    blob = deskapp.workspace.session.cache.blobs.path_for(doc.sha256)
    data = bytearray(blob.read_bytes())
    data[-40] ^= 0xFF
    blob.write_bytes(bytes(data))
    errors: list[BaseException] = []
    import hanoi_desk.ui.reader_panel as rp

    original = rp.show_error
    rp.show_error = lambda parent, exc, lang: errors.append(exc)  # type: ignore[assignment]
    try:
        assert deskapp.main is not None
        deskapp.main.open_document(doc)
        qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)
    finally:
        rp.show_error = original
    assert "damaged" in str(errors[0]) and "Tài liệu sẽ hỏng" in str(errors[0])
    assert deskapp.main.reader.doc is None


def test_mixed_page_sizes_are_learnt_after_the_first_page(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    unlock(qtbot, deskapp)
    doc = pymupdf.open(stream=make_pdf(None, "Phụ lục bản đồ", pages=3), filetype="pdf")
    wide = pymupdf.open()
    wide.new_page(width=842, height=595).insert_text((72, 72), "Bản đồ quy hoạch")
    doc.insert_pdf(wide, start_at=1)
    path = tmp_path / "mixed.pdf"
    doc.save(path)
    open_doc(qtbot, deskapp, path)
    assert deskapp.main is not None
    reader = deskapp.main.reader
    assert reader.doc is not None
    qtbot.waitUntil(lambda: reader.doc is not None and reader.doc.measured, timeout=WAIT)
    idle(qtbot, deskapp)
    assert reader.doc.page_sizes[1] == (842, 595)
    assert reader.doc.page_sizes[0] == (595, 842)
    view = reader.view
    assert view.page_rect(1).width() > view.page_rect(0).width() * 1.3
    tops = view._tops
    assert tops[2] - tops[1] < tops[1] - tops[0]  # the landscape page is shorter
