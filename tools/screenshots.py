"""Screenshots of each main screen, in Vietnamese and English, from the real app
on a 1366×768 screen (the meeting rooms' laptops).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py

It starts the reference server with its demo data on 127.0.0.1, creates a
throwaway profile, syncs it for real, opens a document, adds notes and a
comment, and saves ``docs/screenshots/<screen>-<language>.png``. Home shows
the demo meeting's day (12/05/2027) as today. Each language runs in its own
process (a fresh application per language).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
DEMO_DAY = (2027, 5, 12)
"""The demo council's meeting day (server/demo.py), shown on Home as today."""


@contextmanager
def demo_server(data: Path) -> Iterator[str]:
    import uvicorn

    from hanoi_desk.server.app import ServerConfig, build_app, open_server
    from hanoi_desk.server.demo import build_demo

    build_demo(data, cheap_hash=True)
    server = open_server(ServerConfig(data, None))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(build_app(server), log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not uv.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        uv.should_exit = True
        thread.join(10)
        sock.close()
        server.db.dispose()


def shoot(language: str, server: str, home: Path) -> None:  # noqa: PLR0915 - one linear script
    from hanoi_desk.app.session import Desk
    from hanoi_desk.app.wiring import default_vault
    from hanoi_desk.demo.kit import make_demo_token, softhsm_module
    from hanoi_desk.domain.settings import PKCS11_MODULES
    from hanoi_desk.server.demo import DEMO_PASSWORD
    from hanoi_desk.ui.app import DeskApp, install_translator, load_fonts, make_application
    from hanoi_desk.ui.prompts import PinDialog
    from hanoi_desk.ui.qt import QtCore, QtWidgets
    from hanoi_desk.ui.settings_dialog import SettingsDialog

    app = make_application()
    load_fonts()
    install_translator(app, language)
    desk = Desk(default_vault(home))

    class Prompt:
        def passphrase(self, profile: str, *, new: bool) -> str:
            return "demo passphrase"

    desk.create("demo", Prompt())
    root = DeskApp(desk, language)
    root.show()

    def settle(until: Callable[[], bool] = lambda: True, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if root.runner.pending == 0 and until():
                break
        for _ in range(10):
            app.processEvents()
            time.sleep(0.02)

    def save(widget: QtWidgets.QWidget, name: str) -> None:
        settle()
        widget.grab().save(str(OUT / f"{name}-{language}.png"))
        print(f"saved {name}-{language}.png", flush=True)

    root.unlock.resize(*SIZE)
    save(root.unlock, "unlock")
    root.unlock.passphrase.setText("demo passphrase")
    root.unlock.unlock("passphrase")
    settle(lambda: root.main is not None)
    main = root.main
    assert main is not None
    main.showMaximized()
    main.resize(*SIZE)
    main.sync.start(server, "demo", lambda: DEMO_PASSWORD)
    settle(lambda: not main.sync.running, 180)
    from datetime import date

    main.meetings.shown_day = date(*DEMO_DAY)
    main.calendar.day.setSelectedDate(QtCore.QDate(*DEMO_DAY))
    main.refresh_all()
    settle()
    save(main, "home")
    card = main.meetings.cards()[0]
    card.click()
    settle(lambda: main.meeting_page.detail is not None)
    detail = main.meeting_page.detail
    assert detail is not None
    doc = next(d for item in detail.agenda for d in item.documents if d.available)
    main.open_document(doc)
    settle(lambda: main.reader.doc is not None)
    reader = main.reader
    reader.search_box.setText("ngan sach")
    reader.search()
    settle(lambda: bool(reader.matches))
    match = reader.matches[0]
    reader.view.select_area(match.page, match.rects[0])
    settle(lambda: reader.view.selection is not None)
    reader.highlight_selection()
    settle()
    main.reader._run_notes(
        lambda notes: notes.sticky(doc, match.page, (420.0, 120.0), "Đề nghị làm rõ nguồn vốn")
    )
    settle(lambda: reader.notes_panel.list.count() >= 2)
    reader.view.go_to(match.page)
    main.side.show_page("room")
    save(main, "meeting")
    main.side.show_page("notes")
    save(main, "notes")
    main.side.show_page("comments")
    main.comments.editor.setPlainText("Đề nghị bổ sung số liệu thu ngân sách quý III.")
    main.comments.send()
    settle(lambda: main.comments.list.count() >= 1 and "·" in main.comments.list.item(0).text())
    main.sync.start(server, "demo", lambda: DEMO_PASSWORD)
    settle(lambda: not main.sync.running, 180)
    main.comments.editor.setPlainText("Phụ lục 2 thiếu bảng tổng hợp.")
    main.comments.send()
    settle()
    save(main, "comments")
    main.cache_search.setText("truong hoc")
    main.search_cache()
    save(main, "search")
    main.refresh_outbox()
    main.show_page(main.sync_panel)
    save(main, "sync")
    module = softhsm_module()
    if module is not None:
        token = make_demo_token(home / "softhsm", module)
        os.environ["SOFTHSM2_CONF"] = str(token.softhsm_conf)
        main._save_settings([PKCS11_MODULES.to((module,))])
        settle()
        main.reader.view.signature_box = (match.page, (330.0, 600.0, 530.0, 700.0))
        main.sign_documents()
        settle(lambda: getattr(main, "signing", None) is not None)
        signing = main.signing
        signing.find_button.click()
        settle(lambda: signing.token.count() > 0)
        save(signing, "signing")
        signing.close()
    dialog = SettingsDialog(main.settings, main)
    dialog.show()
    save(dialog, "settings")
    dialog.close()

    class State:
        locked = False
        protected_path = False
        software_key = False

        def describe(self, language: str | None = None) -> list[str]:
            from hanoi_desk.i18n import translate
            from hanoi_desk.signing.pin import COUNT_LOW

            return [translate(COUNT_LOW, language)]

    pin = PinDialog(
        "Demo token",
        State().describe(language),
        locked=False,
        pin_pad=False,
        language=language,
        parent=main,
    )
    pin.show()
    save(pin, "pin")
    pin.close()
    root.lock()
    settle()
    root.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=("vi", "en"))
    parser.add_argument("--server")
    parser.add_argument("--home", type=Path)
    args = parser.parse_args()
    if args.lang:
        shoot(args.lang, args.server, args.home)
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="hd-shots-") as tmp,
        demo_server(Path(tmp) / "server") as url,
    ):
        for lang in ("vi", "en"):
            home = Path(tmp) / f"home-{lang}"
            env = {**os.environ, "HANOI_DESK_HOME": str(home), "HANOI_DESK_LANG": lang}
            subprocess.run(
                [sys.executable, __file__, "--lang", lang, "--server", url, "--home", str(home)],
                check=True,
                env=env,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
