"""Run in a child process by test_hidpi.py: Qt's scale factor is fixed when the
QApplication starts, so each scale needs a process of its own. Prints JSON."""

from __future__ import annotations

import json
import sys

from hanoi_desk.app.reader import OpenDocument
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.samples import make_pdf
from hanoi_desk.ui.app import load_fonts, make_application
from hanoi_desk.ui.pdf_view import PdfView
from hanoi_desk.ui.qt import QtCore
from hanoi_desk.ui.tasks import TaskRunner


def main() -> None:
    app = make_application()
    load_fonts()
    runner = TaskRunner()
    view = PdfView(runner)
    view.resize(700, 500)
    view.show()
    summary = DocumentSummary("d", "Báo cáo", "v", 1, "0" * 64, 0, 2, "a.pdf", None, True)
    doc = OpenDocument(summary, make_pdf(None, "Báo cáo Hà Nội", pages=2))
    loop = QtCore.QEventLoop()
    view.rendered.connect(lambda page: page == 0 and loop.quit())
    QtCore.QTimer.singleShot(30_000, loop.quit)
    view.set_document(doc)
    view.set_zoom("percent", 100)
    loop.exec()
    image = view._images[0][1]  # the page as drawn: its pixels and their density
    grab = view.viewport().grab()
    print(
        json.dumps(
            {
                "dpr": view.devicePixelRatioF(),
                "page_logical_width": view.page_rect(0).width(),
                "image_width": image.width(),
                "image_dpr": image.devicePixelRatio(),
                "grab_width": grab.width(),
                "viewport_width": view.viewport().width(),
            }
        )
    )
    runner.shutdown()
    doc.close()
    app.quit()
    sys.exit(0)


if __name__ == "__main__":
    main()
