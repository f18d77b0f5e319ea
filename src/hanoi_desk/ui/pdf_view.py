"""The continuous-scroll page view: paints what is rendered, asks for the rest.

Pages are laid out from their sizes alone, so a 1,000-page document scrolls
at once; only pages near the viewport are rendered, on the render lane, and a
grey placeholder stands in until they arrive. High-DPI: pages are rendered at
the screen's device pixel ratio and drawn at logical size. Nothing in the PDF
is executed: a click on a link is reported, and the panel asks before an
external address is opened.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from dataclasses import dataclass

from hanoi_desk.app.reader import MAX_ZOOM, MIN_ZOOM, Link, OpenDocument, PageImage, Rect
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets, Signal
from hanoi_desk.ui.tasks import Job, TaskRunner

GAP = 12
MARGIN = 16
POINTS_TO_PX = 96 / 72
KEEP_IMAGES = 12
COLOURS = {
    "highlight": QtGui.QColor(255, 220, 0, 90),
    "lost": QtGui.QColor(200, 0, 0, 60),
    "match": QtGui.QColor(255, 120, 0, 110),
    "selection": QtGui.QColor(40, 110, 230, 80),
    "signature": QtGui.QColor(0, 150, 60, 70),
}


@dataclass(frozen=True)
class Mark:
    kind: str
    rects: tuple[Rect, ...]
    tip: str = ""


class PdfView(QtWidgets.QAbstractScrollArea):
    pageChanged = Signal(int)
    selectionChanged = Signal(str)
    linkActivated = Signal(object)  # Link
    noteRequested = Signal(int, float, float)  # page, x, y in page points
    rendered = Signal(int)
    boxDrawn = Signal(int, object)  # page, (x0, y0, x1, y1) in PDF points

    def __init__(self, runner: TaskRunner, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("pdfView")
        self.setAccessibleName(self.tr("Document pages"))
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(False)
        self.doc: OpenDocument | None = None
        self.mode = "width"
        self.percent = 100.0
        self.scale = 1.0
        self._tops: list[float] = []
        self._images: OrderedDict[int, tuple[PageImage, QtGui.QImage]] = OrderedDict()
        self._inflight: set[tuple[int, float]] = set()
        self._wanted: frozenset[int] = frozenset()
        self._generation = 0
        self._current = 0
        self.marks: dict[int, list[Mark]] = {}
        self.selection: tuple[int, str, tuple[Rect, ...]] | None = None
        self._press: tuple[int, QtCore.QPointF, QtCore.QPoint] | None = None
        self._rubber: QtCore.QRectF | None = None
        self.watermark = ""
        self._measuring: OpenDocument | None = None
        self.box_mode = False
        self.signature_box: tuple[int, Rect] | None = None
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # -- document and zoom -------------------------------------------------------

    def set_document(self, doc: OpenDocument | None) -> None:
        self.doc = doc
        self._generation += 1
        self._images.clear()
        self._inflight.clear()
        self.marks = {}
        self.selection = None
        self.signature_box = None
        self._current = -1
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self._scrolled()

    def set_zoom(self, mode: str, percent: float | None = None) -> None:
        """``width``, ``page`` or ``percent`` (100 % = 96 dpi)."""
        page = self.current_page()
        self.mode = mode
        if percent is not None:
            self.percent = max(MIN_ZOOM * 100 / POINTS_TO_PX, min(percent, 400.0))
        self._relayout()
        self.go_to(page)

    def zoom_by(self, factor: float) -> None:
        self.set_zoom("percent", self.scale / POINTS_TO_PX * 100 * factor)

    def _fit_scale(self) -> float:
        if self.doc is None or not self.doc.page_sizes:
            return POINTS_TO_PX
        view = self.viewport().size()
        widest = max(w for w, _ in self.doc.page_sizes)
        width_fit = max(50.0, view.width() - 2 * MARGIN) / widest
        if self.mode == "width":
            return width_fit
        if self.mode == "page":
            tallest = max(h for _, h in self.doc.page_sizes)
            return min(width_fit, max(50.0, view.height() - 2 * MARGIN) / tallest)
        return self.percent / 100 * POINTS_TO_PX

    def _relayout(self) -> None:
        self.scale = min(max(self._fit_scale(), MIN_ZOOM), MAX_ZOOM)
        self._tops = []
        y = float(MARGIN)
        sizes = self.doc.page_sizes if self.doc is not None else []
        for _, h in sizes:
            self._tops.append(y)
            y += h * self.scale + GAP
        widest = max((w for w, _ in sizes), default=0) * self.scale
        view = self.viewport().size()
        self.verticalScrollBar().setRange(0, max(0, int(y + MARGIN - view.height())))
        self.verticalScrollBar().setPageStep(view.height())
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setRange(0, max(0, int(widest + 2 * MARGIN - view.width())))
        self.horizontalScrollBar().setPageStep(view.width())
        self.viewport().update()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        page = self.current_page()
        super().resizeEvent(event)
        if self.mode != "percent":
            self._relayout()
            self.go_to(page)

    # -- geometry ----------------------------------------------------------------------

    def page_rect(self, page: int) -> QtCore.QRectF:
        assert self.doc is not None
        w, h = self.doc.page_sizes[page]
        content_w = max(self.viewport().width(), w * self.scale + 2 * MARGIN)
        x = (content_w - w * self.scale) / 2 - self.horizontalScrollBar().value()
        y = self._tops[page] - self.verticalScrollBar().value()
        return QtCore.QRectF(x, y, w * self.scale, h * self.scale)

    def visible_pages(self) -> range:
        if not self._tops:
            return range(0)
        top = self.verticalScrollBar().value()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        last = bisect.bisect_right(self._tops, top + self.viewport().height())
        return range(first, min(last, len(self._tops)))

    def current_page(self) -> int:
        if not self._tops:
            return 0
        probe = self.verticalScrollBar().value() + self.viewport().height() / 3
        return max(0, bisect.bisect_right(self._tops, probe) - 1)

    def go_to(self, page: int, y_points: float = 0.0) -> None:
        if not self._tops:
            return
        page = max(0, min(page, len(self._tops) - 1))
        target = self._tops[page] - MARGIN + max(0.0, y_points * self.scale - 40)
        self.verticalScrollBar().setValue(int(target))

    def at(self, pos: QtCore.QPointF) -> tuple[int, QtCore.QPointF] | None:
        """The page under ``pos`` and the point on it in PDF points."""
        for page in self.visible_pages():
            rect = self.page_rect(page)
            if rect.contains(pos):
                p = (pos - rect.topLeft()) / self.scale
                return page, QtCore.QPointF(p.x(), p.y())
        return None

    def _scrolled(self, *_: object) -> None:
        page = self.current_page()
        if page != self._current and self._tops:
            self._current = page
            self.pageChanged.emit(page)
        self.viewport().update()

    # -- rendering ---------------------------------------------------------------------

    def _zoom_for_render(self) -> float:
        return round(self.scale * self.devicePixelRatioF(), 3)

    def _request(self, pages: range) -> None:
        doc = self.doc
        if doc is None:
            return
        zoom = self._zoom_for_render()
        around = range(max(0, pages.start - 1), min(doc.page_count, pages.stop + 1))
        self._wanted = frozenset(around)
        for page in around:
            have = self._images.get(page)
            if (have is not None and have[0].zoom == zoom) or (page, zoom) in self._inflight:
                continue
            self._inflight.add((page, zoom))
            generation = self._generation

            def work(job: Job[PageImage | None], page: int = page) -> PageImage | None:
                if page not in self._wanted:  # scrolled past before its turn came
                    return None
                return doc.render(page, zoom)

            def done(image: PageImage | None, page: int = page, gen: int = generation) -> None:
                self._inflight.discard((page, zoom))
                if image is None or gen != self._generation:
                    return
                qimage = QtGui.QImage(
                    image.samples,
                    image.width,
                    image.height,
                    image.stride,
                    QtGui.QImage.Format.Format_RGB888,
                )
                qimage.setDevicePixelRatio(self.devicePixelRatioF())
                self._images[page] = (image, qimage)
                self._images.move_to_end(page)
                while len(self._images) > KEEP_IMAGES:
                    self._images.popitem(last=False)
                self.viewport().update()
                self.rendered.emit(page)
                if not doc.measured:
                    self._measure(doc)

            self.runner.run("render", work, done, owner=self)

    def _measure(self, doc: OpenDocument) -> None:
        """Exact page sizes, learnt after page 1 is shown; the layout follows."""
        if self._measuring is doc:
            return
        self._measuring = doc
        before = list(doc.page_sizes)

        def done(sizes: list[tuple[float, float]]) -> None:
            if doc is self.doc and sizes != before:
                page = self.current_page()
                self._relayout()
                self.go_to(page)

        self.runner.run("render", lambda job: doc.measure(), done, owner=self)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), QtGui.QColor(90, 90, 90))
        if self.doc is None:
            return
        pages = self.visible_pages()
        for page in pages:
            rect = self.page_rect(page)
            have = self._images.get(page)
            if have is None:
                painter.fillRect(rect, QtGui.QColor(235, 235, 235))
            else:
                painter.drawImage(rect, have[1])
            self._paint_marks(painter, page, rect)
        if self._rubber is not None:
            painter.setPen(QtGui.QPen(QtGui.QColor(40, 110, 230), 1, QtCore.Qt.PenStyle.DashLine))
            painter.drawRect(self._rubber)
        if self.watermark:
            self._paint_watermark(painter)
        painter.end()
        self._request(pages)

    def _paint_marks(self, painter: QtGui.QPainter, page: int, rect: QtCore.QRectF) -> None:
        marks = list(self.marks.get(page, ()))
        if self.selection is not None and self.selection[0] == page:
            marks.append(Mark("selection", self.selection[2]))
        if self.signature_box is not None and self.signature_box[0] == page:
            marks.append(Mark("signature", (self.signature_box[1],)))
        for mark in marks:
            colour = COLOURS.get(mark.kind, COLOURS["highlight"])
            for x0, y0, x1, y1 in mark.rects:
                r = QtCore.QRectF(
                    rect.x() + x0 * self.scale,
                    rect.y() + y0 * self.scale,
                    (x1 - x0) * self.scale,
                    (y1 - y0) * self.scale,
                )
                if mark.kind == "sticky":
                    painter.fillRect(
                        QtCore.QRectF(r.topLeft(), QtCore.QSizeF(18, 18)), QtGui.QColor(255, 200, 0)
                    )
                    painter.drawRect(QtCore.QRectF(r.topLeft(), QtCore.QSizeF(18, 18)))
                else:
                    painter.fillRect(r, colour)

    def _paint_watermark(self, painter: QtGui.QPainter) -> None:
        painter.save()
        painter.setPen(QtGui.QColor(160, 0, 0, 45))
        font = painter.font()
        font.setPointSize(20)
        painter.setFont(font)
        size = self.viewport().size()
        painter.translate(size.width() / 2, size.height() / 2)
        painter.rotate(-30)
        for row in range(-4, 5):
            painter.drawText(QtCore.QPointF(-size.width() / 2, row * 140.0), self.watermark)
        painter.restore()

    # -- input ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        self.setFocus()
        hit = self.at(event.position())
        if event.button() == QtCore.Qt.MouseButton.LeftButton and hit is not None:
            self._press = (hit[0], hit[1], event.position().toPoint())
            self._rubber = None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        if self._press is not None:
            self._rubber = QtCore.QRectF(
                QtCore.QPointF(self._press[2]), event.position()
            ).normalized()
            self.viewport().update()

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        press, self._press = self._press, None
        self._rubber = None
        if press is None or self.doc is None:
            return
        page, start, origin = press
        moved = (event.position().toPoint() - origin).manhattanLength()
        rect = self.page_rect(page)
        end = (event.position() - rect.topLeft()) / self.scale
        if moved < 4:
            self._click(page, start)
        elif self.box_mode:
            area = (
                min(start.x(), end.x()),
                min(start.y(), end.y()),
                max(start.x(), end.x()),
                max(start.y(), end.y()),
            )
            self.signature_box = (page, area)
            self.box_mode = False
            self.boxDrawn.emit(page, area)
        else:
            area = (
                min(start.x(), end.x()),
                min(start.y(), end.y()),
                max(start.x(), end.x()),
                max(start.y(), end.y()),
            )
            self.select_area(page, area)
        self.viewport().update()

    def select_area(self, page: int, area: Rect) -> None:
        doc = self.doc
        if doc is None:
            return

        def done(result: tuple[str, tuple[Rect, ...]]) -> None:
            text, rects = result
            self.selection = (page, text, rects) if text else None
            self.viewport().update()
            self.selectionChanged.emit(text)

        self.runner.run("render", lambda job: doc.selection(page, area), done, owner=self)

    def _click(self, page: int, point: QtCore.QPointF) -> None:
        doc = self.doc
        assert doc is not None

        def done(links: list[Link]) -> None:
            for link in links:
                x0, y0, x1, y1 = link.rect
                if x0 <= point.x() <= x1 and y0 <= point.y() <= y1:
                    if link.page is not None:
                        self.go_to(link.page)
                    else:
                        self.linkActivated.emit(link)
                    return

        self.runner.run("render", lambda job: doc.links(page), done, owner=self)

    def contextMenuEvent(self, event: QtGui.QContextMenuEvent) -> None:
        hit = self.at(QtCore.QPointF(event.pos()))
        menu = QtWidgets.QMenu(self)
        copy = menu.addAction(self.tr("Copy"))
        copy.setEnabled(self.selection is not None)
        copy.triggered.connect(self.copy_selection)
        if hit is not None:
            note = menu.addAction(self.tr("Add a sticky note here"))
            note.triggered.connect(lambda: self.noteRequested.emit(hit[0], hit[1].x(), hit[1].y()))
        menu.exec(event.globalPos())

    def copy_selection(self) -> None:
        if self.selection is not None:
            QtWidgets.QApplication.clipboard().setText(self.selection[1])

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & QtCore.Qt.KeyboardModifier.ControlModifier)
        if key == QtCore.Qt.Key.Key_Home:
            self.go_to(0)
        elif key == QtCore.Qt.Key.Key_End and self._tops:
            self.go_to(len(self._tops) - 1)
        elif ctrl and key in (QtCore.Qt.Key.Key_Plus, QtCore.Qt.Key.Key_Equal):
            self.zoom_by(1.25)
        elif ctrl and key == QtCore.Qt.Key.Key_Minus:
            self.zoom_by(0.8)
        elif event.matches(QtGui.QKeySequence.StandardKey.Copy):
            self.copy_selection()
        else:
            super().keyPressEvent(event)
