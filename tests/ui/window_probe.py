"""Run in a child process by test_window.py: Qt's scale factor and screen are
fixed when the QApplication starts. Opens the real main window over a real
profile with a meeting of today on a 1366×768 offscreen screen, shows Home
and then the Meeting with a document open, and prints JSON: the screen's
available area and, on each page, every visible top-level widget's frame and
where the status bar and its sync indicator are."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: helpers
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/ui: ui_helpers

from ui_helpers import PASSPHRASE, FixedPrompt, seed_meeting

from hanoi_desk.app.meetings import VIETNAM
from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.samples import make_pdf
from hanoi_desk.store.keys import Argon2Params
from hanoi_desk.store.unlockers import PassphraseUnlocker
from hanoi_desk.ui.app import DeskApp, install_translator, load_fonts, make_application
from hanoi_desk.ui.qt import QtCore, QtWidgets


def rect(r: Any) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> None:
    language = sys.argv[1] if len(sys.argv) > 1 else "vi"
    tmp = Path(tempfile.mkdtemp(prefix="hd-window-"))
    os.environ["HANOI_DESK_HOME"] = str(tmp / "home")
    # The tests' cheaper key derivation (tests/conftest.py: fast_kdf).
    PassphraseUnlocker.__init__ = lambda self, params=None: setattr(  # type: ignore[method-assign]
        self, "params", Argon2Params(8 * 1024, 1, 1)
    )
    app = make_application()
    load_fonts()
    install_translator(app, language)
    desk = Desk(default_vault(tmp / "home"))
    desk.create("alice", FixedPrompt())
    root = DeskApp(desk, language)
    root.show()

    def pump(until: Any = lambda: True, what: str = "") -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if root.runner.pending == 0 and until():
                return
        raise SystemExit(f"timed out waiting for {what}: pending {root.runner.pending}")

    root.unlock.passphrase.setText(PASSPHRASE)
    root.unlock.unlock_button.click()
    pump(lambda: root.main is not None, "unlock")
    main = root.main
    assert main is not None and root.workspace is not None
    pdf = tmp / "to-trinh.pdf"
    make_pdf(pdf, "Tờ trình dự toán ngân sách", pages=3)
    session = root.workspace.session
    today = datetime.now(VIETNAM).replace(hour=8, minute=0, second=0, microsecond=0)
    meeting = root.runner.call(
        "db", lambda: seed_meeting(session, "Kỳ họp thứ 12 HĐND quận", today, [pdf], missing=1)
    )
    main.refresh_all()
    pump()
    screen = main.screen().availableGeometry()
    found: dict[str, Any] = {"screen": rect(screen), "pages": {}}

    def look(name: str) -> None:
        pump()
        bar = main.statusBar()
        indicator = main.indicator
        found["pages"][name] = {
            "windows": {
                w.objectName() or type(w).__name__: rect(w.frameGeometry())
                for w in QtWidgets.QApplication.topLevelWidgets()
                if w.isVisible()
            },
            "status_bar": rect(QtCore.QRect(bar.mapToGlobal(QtCore.QPoint(0, 0)), bar.size())),
            "status_visible": bar.isVisible(),
            "indicator": rect(
                QtCore.QRect(indicator.mapToGlobal(QtCore.QPoint(0, 0)), indicator.size())
            ),
            "indicator_visible": indicator.isVisible(),
            "minimum": [main.minimumSizeHint().width(), main.minimumSizeHint().height()],
        }

    look("home")
    main.open_meeting(meeting)
    pump(lambda: main.meeting_page.detail is not None, "the meeting")
    doc = next(d for _text, d in main.meeting_page.document_items() if d.available)
    main.open_document(doc)
    pump(lambda: main.reader.doc is not None, "the document")
    for key in main.side.pages:
        main.side.show_page(key)
        look(f"meeting/{key}")
    found["room"] = {
        "agenda": main.meeting_page.width(),
        "reader": main.reader.width(),
        "side": main.side.width(),
    }
    print(json.dumps(found))
    root.lock()
    pump()
    root.shutdown()
    sys.exit(0)


if __name__ == "__main__":
    main()
