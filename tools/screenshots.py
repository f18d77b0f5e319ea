"""Screenshots of each main screen, in Vietnamese and English, from the real app.

    xvfb-run -a -s "-screen 0 1280x1024x24" .venv/bin/python tools/screenshots.py

It starts the reference server with its demo data on 127.0.0.1, creates a
throwaway profile, syncs it for real, opens a document, adds notes, and saves
``docs/screenshots/<screen>-<language>.png``. Each language runs in its own
process (Qt picks its translator once per application).
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
SIZE = (1280, 800)


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
    main.resize(*SIZE)
    main.sync.start(server, "demo", lambda: DEMO_PASSWORD)
    settle(lambda: not main.sync.running, 180)
    main.refresh_all()
    settle()
    save(main, "meetings")
    group = next(
        main.meetings.topLevelItem(i)
        for i in range(main.meetings.topLevelItemCount())
        if main.meetings.topLevelItem(i).childCount()
    )
    main.open_meeting(str(group.child(0).data(0, QtCore.Qt.ItemDataRole.UserRole + 1)))
    settle()
    save(main, "meeting")
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
    save(main, "reader")
    main.tabs.setCurrentWidget(main.calendar)
    save(main, "calendar")
    main.tabs.setCurrentWidget(main.search_tab)
    main.cache_search.setText("truong hoc")
    main.search_cache()
    save(main, "search")
    main.load_meeting_notes()
    main.tabs.setCurrentWidget(main.meeting_notes)
    save(main, "notes")
    main.refresh_outbox()
    main.tabs.setCurrentWidget(main.sync_panel)
    save(main, "sync")
    module = softhsm_module()
    if module is not None:
        token = make_demo_token(home / "softhsm", module)
        os.environ["SOFTHSM2_CONF"] = str(token.softhsm_conf)
        main._save_settings({"pkcs11_modules": [module]})
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
