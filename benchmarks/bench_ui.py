"""The desktop reader against plain PyMuPDF, measured in the same run.

- ``ui.first_page``: open a cached 300-page document (decrypting it from the
  encrypted cache into memory) and have page 1 as a QImage, against PyMuPDF
  opening the same plaintext file and rendering the same page at the same zoom.
- ``ui.scroll``: pages per second shown by the real page view while scrolling
  a 300-page document, against PyMuPDF rendering the same pages in a loop.
- ``ui.memory``: resident memory after viewing 1,000 pages, against the same
  app with no document open (in a fresh process each).
- ``ui.startup``: ``python -m hanoi_desk`` from process start to its first
  window, against a bare PySide6 program showing one window.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

from common import first_window, median_of, report
from hanoi_desk.app.reader import Reader
from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.samples import make_pdf
from hanoi_desk.store.keys import Argon2Params
from hanoi_desk.store.unlockers import PassphraseUnlocker
from hanoi_desk.ui.app import load_fonts, make_application
from hanoi_desk.ui.pdf_view import POINTS_TO_PX, PdfView
from hanoi_desk.ui.qt import QtCore, QtGui
from hanoi_desk.ui.tasks import TaskRunner

ZOOM = round(POINTS_TO_PX, 3)  # 100 % on a 96 dpi screen


class _Prompt:
    def passphrase(self, profile: str, *, new: bool) -> str:
        return "benchmark passphrase"


def long_pdf(path: Path, pages: int) -> Path:
    unit = pymupdf.open(stream=make_pdf(None, "Báo cáo tổng hợp Hà Nội", pages=10), filetype="pdf")
    doc = pymupdf.open()
    for _ in range(pages // 10):
        doc.insert_pdf(unit)
    doc.save(path, garbage=3, deflate=True)
    return path


def open_profile(home: Path) -> Session:
    # A cheap KDF: unlocking is not what is measured here.
    desk = Desk(default_vault(home, {"passphrase": PassphraseUnlocker(Argon2Params(8192, 1, 1))}))
    if not desk.profiles():
        desk.create("bench", _Prompt())
    return desk.open("bench", _Prompt(), "passphrase")


def qimage(samples: bytes, w: int, h: int, stride: int) -> QtGui.QImage:
    return QtGui.QImage(samples, w, h, stride, QtGui.QImage.Format.Format_RGB888)


def bench_first_page(session: Session, pdf: Path) -> None:
    doc = session.cache.add_pdf(pdf)
    reader = Reader(session.cache)

    def ours() -> None:
        opened = reader.open(doc)
        image = opened.render(0, ZOOM)
        assert not qimage(image.samples, image.width, image.height, image.stride).isNull()
        opened.close()

    def baseline() -> None:
        plain = pymupdf.open(str(pdf))
        pix = plain[0].get_pixmap(matrix=pymupdf.Matrix(ZOOM, ZOOM), alpha=False)
        assert not qimage(bytes(pix.samples), pix.width, pix.height, pix.stride).isNull()
        plain.close()

    ours()
    baseline()
    report("ui.first_page", median_of(ours, 15) * 1000, median_of(baseline, 15) * 1000, "ms")


def bench_scroll(session: Session, pdf: Path) -> None:
    app = make_application()
    doc = session.cache.add_pdf(pdf)
    runner = TaskRunner()
    ws = Workspace(session)
    opened = ws.reader.open(doc)
    view = PdfView(runner)
    view.resize(900, 1000)
    view.show()
    view.set_document(opened)
    view.set_zoom("percent", 100)
    shown: set[int] = set()
    view.rendered.connect(shown.add)
    bar = view.verticalScrollBar()
    started = time.perf_counter()
    while bar.value() < bar.maximum() or len(shown) < opened.page_count:
        bar.setValue(min(bar.maximum(), bar.value() + view.viewport().height()))
        want = set(view.visible_pages())
        deadline = time.perf_counter() + 10
        while not want <= shown and time.perf_counter() < deadline:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if bar.value() >= bar.maximum():
            break
    ours_s = time.perf_counter() - started
    pages = len(shown)
    runner.shutdown()
    opened.close()
    plain = pymupdf.open(str(pdf))
    started = time.perf_counter()
    for number in range(pages):
        pix = plain[number].get_pixmap(matrix=pymupdf.Matrix(ZOOM, ZOOM), alpha=False)
        qimage(bytes(pix.samples), pix.width, pix.height, pix.stride)
    base_s = time.perf_counter() - started
    plain.close()
    view.deleteLater()
    report(
        "ui.scroll",
        pages / ours_s,
        pages / base_s,
        "pages/s",
        f"{pages} pages shown by the page view vs rendered in a plain loop",
    )


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def memory_child(home: Path, pdf: Path, view_pages: bool) -> None:
    """Runs in a fresh process: the app's main window, then (optionally) 1,000 pages viewed."""
    from hanoi_desk.ui.main_window import MainWindow

    app = make_application()
    load_fonts()
    runner = TaskRunner()
    # As the desktop does: the db lane opens the session, so it owns the connection.
    session = runner.call_db(lambda: open_profile(home))
    ws = Workspace(session, on_db=runner.call_db)
    main = MainWindow(ws, runner, "en")
    main.resize(1100, 900)
    main.show()
    deadline = time.perf_counter() + 5
    while runner.pending and time.perf_counter() < deadline:
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
    if view_pages:
        doc = runner.call("db", lambda: session.cache.add_pdf(pdf))
        main.open_document(doc)
        while main.reader.doc is None:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
        view = main.reader.view
        bar = view.verticalScrollBar()
        seen: set[int] = set()
        view.rendered.connect(seen.add)
        while True:
            want = set(view.visible_pages())
            limit = time.perf_counter() + 10
            while not want <= seen and time.perf_counter() < limit:
                app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
            if bar.value() >= bar.maximum():
                break
            bar.setValue(bar.value() + view.viewport().height())
        assert len(seen) >= 990, len(seen)
    print(f"rss-kib {_rss_kib()}", flush=True)
    runner.call_db(session.close)
    runner.shutdown()


def _child_rss(home: Path, pdf: Path, view_pages: bool) -> int:
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(home), str(pdf), str(int(view_pages))],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "HANOI_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"},
    )
    line = next(x for x in out.stdout.splitlines() if x.startswith("rss-kib"))
    return int(line.split()[1])


def bench_memory(home: Path, pdf: Path) -> None:
    empty = _child_rss(home, pdf, False)
    viewed = _child_rss(home, pdf, True)
    report(
        "ui.memory", viewed / 1024, empty / 1024, "MiB", "after viewing 1,000 pages vs empty app"
    )


_BARE = """
import time, sys
from PySide6 import QtWidgets, QtCore
app = QtWidgets.QApplication(sys.argv[:1])
w = QtWidgets.QWidget(); w.resize(640, 480); w.show()
def probe():
    print(f"first-window {time.time():.6f}", flush=True); app.quit()
QtCore.QTimer.singleShot(0, probe)
app.exec()
"""


def bench_startup(home: Path) -> None:
    ours = min(first_window([sys.executable, "-m", "hanoi_desk"], home) for _ in range(5))
    bare = min(first_window([sys.executable, "-c", _BARE], home) for _ in range(5))
    report("ui.startup", ours * 1000, bare * 1000, "ms", "process start to first window")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hd-bench-ui-") as tmp:
        root = Path(tmp)
        pdf300 = long_pdf(root / "300.pdf", 300)
        pdf1000 = long_pdf(root / "1000.pdf", 1000)
        home = root / "home"
        make_application()
        session = open_profile(home)
        try:
            bench_first_page(session, pdf300)
            bench_scroll(session, pdf300)
        finally:
            session.close()
        bench_memory(root / "home-mem", pdf1000)
        bench_startup(root / "home-start")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--memory-child":
        memory_child(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] == "1")
    else:
        main()
