"""The desktop half of ``hanoi-desk demo``: open the app on the demo profile,
unlocked, with the demo settings (token module or software key, signature and
seal images, organisation, trust root), connected to the demo server and syncing.

``smoke`` is for tests and CI: once the first sync is done, one real
signature with the demo token (or the software key) goes to the outbox, a
summary is printed, and the app quits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from hanoi_desk.app.session import Desk
from hanoi_desk.app.sign_cached import (
    CachedSigner,
    CachedSignRequest,
    TokenManager,
    queue_signed,
)
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.settings import Assignment
from hanoi_desk.ui.app import DeskApp, install_translator, load_fonts, make_application
from hanoi_desk.ui.common import ui_language
from hanoi_desk.ui.main_window import MainWindow
from hanoi_desk.ui.qt import QObject, QtCore, QtWidgets
from hanoi_desk.ui.tasks import Job

if TYPE_CHECKING:
    from hanoi_desk.demo.kit import DemoKey


class _Pin:
    def __init__(self, pin: str) -> None:
        self.value = pin

    def pin(self, token: str, state: object) -> str:
        return self.value


class DemoDriver(QObject):
    def __init__(
        self,
        app: QtWidgets.QApplication,
        root: DeskApp,
        tokens: TokenManager,
        *,
        settings: Sequence[Assignment[Any]],
        server: tuple[str, str, str] | None,
        smoke: bool,
        smoke_key: DemoKey | None,
        report: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.app, self.root, self.tokens = app, root, tokens
        self.settings, self.server = settings, server
        self.smoke, self.smoke_key, self.report = smoke, smoke_key, report
        self.code = 0
        root.lockedChanged.connect(self.entered)

    def entered(self, locked: bool) -> None:
        main = self.root.main
        if locked or main is None:
            return
        self.root.lockedChanged.disconnect(self.entered)
        main._save_settings(self.settings)
        if self.server is not None:
            url, user, password = self.server
            main.sync.finished.connect(self.synced)
            main.sync.start(url, user, lambda: password)
        elif self.smoke:
            QtCore.QTimer.singleShot(0, self.finish)

    def synced(self, _report: object) -> None:
        main = self.root.main
        if main is None or not self.smoke:
            return
        if main.sync.last_error is not None:
            self.report(f"sync failed: {type(main.sync.last_error).__name__}")
            self.code = 1
        if self.smoke_key is None:
            QtCore.QTimer.singleShot(500, self.finish)
        else:
            self.sign_one(main, self.smoke_key)

    def sign_one(self, main: MainWindow, key: DemoKey) -> None:
        ws = main.ws
        cache = ws.session.cache

        def store(doc: DocumentSummary, signed: bytes) -> str:
            op: str = main.runner.call("db", lambda: queue_signed(cache, doc, signed))
            return op

        def work(job: Job[int]) -> int:
            docs = main.runner.call("db", ws.session.documents)
            first = tuple(d for d in docs if d.available)[:1]
            request = CachedSignRequest(first, key.module, key.label, software_key=key.software_key)
            signer = CachedSigner(
                cache, self.tokens, ws.session.token_scope, on_db=ws.on_db, changes=ws.changes
            )
            return signer.sign(request, _Pin(key.secret), store).signed

        what = "software key" if key.software_key else "token"

        def done(signed: int) -> None:
            self.report(f"demo {what} signed {signed} document(s)")  # the outbox reloads itself
            QtCore.QTimer.singleShot(500, self.finish)

        def failed(exc: BaseException) -> None:
            self.report(f"demo signing failed: {type(exc).__name__}")
            self.code = 1
            self.finish()

        self.root.runner.run("token", work, done, failed=failed)

    def finish(self) -> None:
        main = self.root.main
        meetings = 0
        if main is not None:
            meetings = len(main.meetings.rows())
        state = main.indicator.state if main is not None else "-"
        self.report(f"demo app ready: {meetings} meeting(s), sync state {state}")
        self.app.quit()


def run_demo(
    desk: Desk,
    tokens: TokenManager,
    *,
    profile: str,
    passphrase: str,
    settings: Sequence[Assignment[Any]],
    server: tuple[str, str, str] | None,
    smoke: bool = False,
    smoke_key: DemoKey | None = None,
    report: Callable[[str], None] = print,
) -> int:
    app = make_application()
    language = ui_language()
    load_fonts()
    install_translator(app, language)
    root = DeskApp(desk, language, tokens=tokens)
    root.show()
    driver = DemoDriver(
        app,
        root,
        tokens,
        settings=settings,
        server=server,
        smoke=smoke,
        smoke_key=smoke_key,
        report=report,
    )
    root.unlock.refresh(select=profile)
    root.unlock.passphrase.setText(passphrase)
    root.unlock.unlock("passphrase")
    code = app.exec()
    root.shutdown()
    return driver.code or int(code)
