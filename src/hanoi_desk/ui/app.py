"""Start of the desktop app and the unlock/lock cycle.

``DeskApp`` is the composition root of the UI: it owns the task runner, shows
the unlock screen, builds the main window over an unlocked workspace, and on a
lock (idle, OS session lock, or by hand) closes the open document, logs every
token out, drops the session (and its keys) on the database lane and covers
everything with the unlock screen again.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.token_access import TokenManager, token_unlocker
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.domain.settings import IDLE_LOCK_MINUTES, SettingValues
from hanoi_desk.resources import resources_dir
from hanoi_desk.ui.common import set_ui_language, show_error, ui_language
from hanoi_desk.ui.idle import IdleLock
from hanoi_desk.ui.prompts import GuiPrompts
from hanoi_desk.ui.qt import QObject, QtCore, QtGui, QtWidgets, Signal
from hanoi_desk.ui.tasks import TaskRunner
from hanoi_desk.ui.unlock import UnlockScreen

if TYPE_CHECKING:
    from hanoi_desk.app.workspace import Workspace
    from hanoi_desk.ui.main_window import MainWindow

Extras = Callable[[Session], dict[str, Any]]


def _preload() -> None:
    import importlib

    for name in ("hanoi_desk.app.workspace", "hanoi_desk.app.sign_cached"):
        importlib.import_module(name)


def load_fonts() -> None:
    """Noto Sans has every Vietnamese glyph; the system may not."""
    families = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QtGui.QFontDatabase.addApplicationFont(str(path))
        families += QtGui.QFontDatabase.applicationFontFamilies(font_id)
    if families:
        font = QtGui.QFont(families[0])
        font.setPointSize(10)
        QtWidgets.QApplication.setFont(font)


LOCALES = {"vi": "vi_VN", "en": "en_GB"}
"""The QLocale of each UI language: day and month names, date formats ("Thứ Tư 12/05")."""
_installed: list[QtCore.QTranslator] = []


def set_language(app: QtCore.QCoreApplication, language: str) -> QtCore.QTranslator:
    """Install ``language`` in place of the one installed: the app's own catalogue,
    the standard Qt strings (dialog buttons, context menus) and the default
    QLocale. Qt sends every widget a LanguageChange, and each screen sets its
    texts again: no restart. Returns the app catalogue's translator.

    Qt ships no Vietnamese translation of its own strings (no qtbase_vi.qm in
    PySide6), so ``resources/i18n/qt_vi.ts`` translates the ones this app shows."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QtCore.QLocale.setDefault(QtCore.QLocale(LOCALES.get(language, "en_GB")))
    folder = resources_dir() / "i18n"
    translator = QtCore.QTranslator(app)
    for name in (f"hanoi_desk_{language}.qm", f"qt_{language}.qm"):
        candidate = translator if name.startswith("hanoi_desk") else QtCore.QTranslator(app)
        if candidate.load(str(folder / name)):
            app.installTranslator(candidate)
            _installed.append(candidate)
    return translator


def install_translator(app: QtCore.QCoreApplication, language: str) -> QtCore.QTranslator:
    """The start-up's language (and the tests'): see :func:`set_language`."""
    return set_language(app, language)


class DeskApp(QObject):
    lockedChanged = Signal(bool)

    def __init__(
        self,
        desk: Desk,
        language: str,
        extras: Extras | None = None,
        tokens: TokenManager | None = None,
    ) -> None:
        super().__init__()
        self.desk = desk
        self.language = language
        self.extras = extras
        self.runner = TaskRunner(self)
        self.runner.on_error = lambda exc: show_error(self.window, exc, self.language)
        self.prompts = GuiPrompts(self.runner, lambda: self.window, language)
        self.unlock = UnlockScreen(desk, self.runner, language, self.prompts)
        self.unlock.unlocked.connect(self.enter)
        self.main: MainWindow | None = None
        self.workspace: Workspace | None = None
        self.idle: IdleLock | None = None
        self._tokens: TokenManager | None = tokens

    def tokens(self) -> TokenManager:
        """One token manager per process: one login per token, one token thread."""
        if self._tokens is None:
            self._tokens = TokenManager()
        return self._tokens

    @property
    def window(self) -> QtWidgets.QWidget:
        return self.main if self.main is not None else self.unlock

    def show(self) -> None:
        self.unlock.resize(640, 480)
        self.unlock.show()
        # Warm the heavy imports (PyMuPDF, the signing stack) while the person types.
        self.runner.run("render", lambda job: _preload())

    def enter(self, session: Session) -> None:
        # Imported here: the main window pulls in the PDF and signing stacks, which
        # the unlock screen does not need (they cost seconds at start-up).
        from hanoi_desk.app.workspace import Workspace
        from hanoi_desk.ui.main_window import MainWindow

        extras = self.extras(session) if self.extras is not None else {}
        # Another profile may have been open before: it leaves no token logged in.
        self.logout_tokens()
        self.workspace = Workspace(session, extras=extras, on_db=self.runner.call_db)
        name = session.profile.meta.name
        workspace = self.workspace

        def wipe_ordered_by_server() -> None:
            # On the sync's thread: the reading connection closes on its own lane first.
            self.runner.call("db", workspace.close)
            self.desk.wipe(name)

        self.main = MainWindow(
            self.workspace,
            self.runner,
            self.language,
            wipe_ordered_by_server,
            self.tokens,
        )
        self.main.lockRequested.connect(self.lock)
        self.main.settingsChanged.connect(self._settings_changed)
        self.main.languageChosen.connect(self.set_language)
        self.main.show()
        self.unlock.hide()
        self.idle = IdleLock(10, self)
        self.idle.lockNow.connect(self.lock)
        self.runner.run(
            "db",
            lambda job: self.workspace.settings.load() if self.workspace else None,
            self._settings_changed,
            owner=self,
        )
        self.lockedChanged.emit(False)

    def _settings_changed(self, values: SettingValues | None) -> None:
        if self.idle is not None and values is not None:
            self.idle.set_minutes(float(values[IDLE_LOCK_MINUTES]))

    def lock(self, reason: str = "user") -> None:
        """Cover the windows first, then drop the document, the session and the keys."""
        if self.main is None:
            return
        # Close open dialogs first (settings, signing, PIN): a modal dialog's own
        # event loop must end before its window goes; a PIN dialog closed is a cancel.
        for widget in QtWidgets.QApplication.topLevelWidgets():
            if isinstance(widget, QtWidgets.QDialog) and widget.isVisible():
                widget.reject()
        self.logout_tokens()
        main, self.main = self.main, None
        main.save_geometry()
        main.changes.close()  # nothing the lanes still publish reaches a closing window
        main.live.stop()  # the live stream's follower ends with the session
        workspace, self.workspace = self.workspace, None
        if self.idle is not None:
            self.idle.stop()
            self.idle.deleteLater()
            self.idle = None
        self.unlock.refresh()
        self.unlock.show()
        self.unlock.raise_()
        main.hide()
        main.sync.stop()
        main.reader.close_document()
        main.deleteLater()
        if workspace is not None:
            self.runner.run("db", lambda job: workspace.close())
        messages = {
            "idle": self.tr("Locked after a period without activity."),
            "session": self.tr("Locked because the computer's session was locked."),
            "wiped": self.tr("The server ordered this profile wiped; it was deleted."),
        }
        self.unlock.status.setText(messages.get(reason, self.tr("Locked.")))
        self.lockedChanged.emit(True)

    def set_language(self, language: str) -> None:
        """Switch the interface's language now (Settings, or View → Language): the
        Qt catalogues, then the language of the core's messages; the choice is
        kept for the next start (desktop.ini, before any profile is unlocked)."""
        app = QtCore.QCoreApplication.instance()
        if app is None or language not in LOCALES:
            return
        set_language(app, language)
        set_ui_language(language)
        self.language = language
        self.prompts.language = language
        if self.main is not None:
            self.main.apply_language(language)

    def logout_tokens(self) -> None:
        """A token login belongs to one unlocked profile session: lock, idle lock
        and a profile switch end it. On the token lane, so it runs after the
        batch a rejected signing dialog is stopping, and on the token thread."""
        if self._tokens is not None:
            tokens = self._tokens
            self.runner.run("token", lambda job: tokens.logout_all())

    def shutdown(self) -> None:
        if self.main is not None:
            self.main.reader.close_document()
        workspace, self.workspace = self.workspace, None
        if workspace is not None:
            self.runner.run("db", lambda job: workspace.close())
        self.runner.shutdown()
        if self._tokens is not None:
            self._tokens.close()
            self._tokens.thread.close()


def make_application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    existing = QtWidgets.QApplication.instance()
    if isinstance(existing, QtWidgets.QApplication):
        app = existing  # tests make theirs first (pytest-qt)
    else:
        QtWidgets.QApplication.setHighDpiScaleFactorRoundingPolicy(
            QtCore.Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QtWidgets.QApplication(argv or sys.argv[:1])
    app.setApplicationName("Hanoi Desk")
    app.setOrganizationName("HanoiDesk")
    icon = QtGui.QIcon()
    for size in (48, 128, 256):  # the window manager picks the size it needs
        icon.addFile(str(resources_dir() / "icons" / f"hanoi-desk-{size}.png"))
    app.setWindowIcon(icon)
    return app


def run(args: argparse.Namespace) -> int:
    app = make_application()
    language = ui_language()
    load_fonts()
    install_translator(app, language)
    tokens = TokenManager()
    desk = Desk(default_vault(extra={"token": token_unlocker(tokens)}))
    root = DeskApp(desk, language, tokens=tokens)
    root.show()
    if os.environ.get("HANOI_DESK_STARTUP_PROBE"):
        # For the startup benchmark: report when the first window is on screen, then quit.
        def probe() -> None:
            print(f"first-window {time.time():.6f}", flush=True)
            app.quit()

        QtCore.QTimer.singleShot(0, probe)
    code = app.exec()
    root.shutdown()
    return int(code)
