"""Sync from the desktop: first connection (server, login), "sync now", a
periodic sync, and the engine's events turned into the indicator and panel.

A run goes on the network lane with a database connection of its own (the
sync service opens it), so a slow download never holds up the database lane
that opens documents and loads lists; rendering has its own lane too. The password is
asked only when the server needs it (no stored token), through a dialog on the
GUI thread, and is never stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from hanoi_desk.app.signatures import SignatureOverview, signature_overview
from hanoi_desk.app.sync_problem import classify
from hanoi_desk.app.sync_service import SyncOptions
from hanoi_desk.app.workspace import (
    Backoff,
    BlobFailed,
    BlobProgress,
    CancelToken,
    QueueChanged,
    Rejected,
    StateChanged,
    Synced,
    SyncEvent,
    SyncReport,
    Workspace,
)
from hanoi_desk.domain.settings import SERVER_URL, USERNAME, Assignment, SettingValues
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.common import dialog_buttons, error_text, named
from hanoi_desk.ui.prompts import GuiPrompts
from hanoi_desk.ui.qt import QObject, QtCore, QtWidgets, Signal
from hanoi_desk.ui.signature_status import (
    SignaturesDialog,
    error_style,
    overdue_text,
    plain_label,
    sync_summary,
)
from hanoi_desk.ui.sync_panel import SHOWN_REASON, SyncIndicator, SyncPanel
from hanoi_desk.ui.tasks import Job, TaskRunner

AUTO_SYNC_MS = 5 * 60_000


class ConnectDialog(QtWidgets.QDialog):
    """First connection of a profile to a server."""

    def __init__(self, server: str, username: str, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to the document server"))
        self.setObjectName("connectDialog")
        form = QtWidgets.QFormLayout(self)
        self.server = QtWidgets.QLineEdit(server or "https://")
        named(self.server, self.tr("Server address"))
        self.username = QtWidgets.QLineEdit(username)
        named(self.username, self.tr("Login name"))
        self.password = QtWidgets.QLineEdit()
        self.password.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        named(self.password, self.tr("Password"))
        form.addRow(self.tr("&Server:"), self.server)
        form.addRow(self.tr("&Login:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(dialog_buttons(self, self.tr("Connect"), self.tr("Cancel")))


class SyncController(QObject):
    finished = Signal(object)  # SyncReport
    wiped = Signal()
    downloadProgress = Signal(str, int, int)  # sha256, done, total
    synced = Signal(str)  # ISO time of the last complete sync
    started = Signal(str, str)  # server, user: shown in the status bar from the start

    def __init__(
        self,
        runner: TaskRunner,
        workspace: Workspace,
        *,
        indicator: SyncIndicator,
        panel: SyncPanel,
        prompts: GuiPrompts,
        settings: Callable[[], SettingValues],
        save_settings: Callable[[Sequence[Assignment[Any]]], None],
        wipe_profile: Callable[[], None],
        language: str,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.ws = workspace
        self.indicator = indicator
        self.panel = panel
        self.prompts = prompts
        self.settings = settings
        self.save_settings = save_settings
        self.wipe_profile = wipe_profile
        self.language = language
        self.cancel: CancelToken | None = None
        self.running = False
        self.skipped: dict[str, str] = {}
        """sha256 -> reason of the documents the current (or last) run skipped."""
        self.last_error: BaseException | None = None
        self.last_sync = ""
        self.backoff: Backoff | None = None
        """The retry schedule (None: the sync's default; tests use a fast one)."""
        self.timer = QtCore.QTimer(self)
        self.timer.timeout.connect(lambda: self.sync_now(interactive=False))
        self.timer.start(AUTO_SYNC_MS)
        panel.syncRequested.connect(lambda: self.sync_now(interactive=True))
        self._build_signatures()
        self.refresh_signatures()

    # -- this profile's signatures (issue 12) --------------------------------------------

    def _build_signatures(self) -> None:
        """Under the Sync page's summary: what the last sync did to this profile's
        signatures, and "My signatures…" (the list). ``overdue`` is the warning
        the main window keeps in the status bar until the signature is completed."""
        self.overview: SignatureOverview | None = None
        self.dialog: SignaturesDialog | None = None
        self.completion: SyncReport | None = None
        """The last sync's report, so its line can be said again in another language."""
        self.panel.installEventFilter(self)
        row = QtWidgets.QHBoxLayout()
        self.signature_line = plain_label("syncSignatures")
        row.addWidget(self.signature_line, 1)
        self.signatures_button = QtWidgets.QPushButton()
        self.signatures_button.setObjectName("mySignaturesButton")
        self.signatures_button.clicked.connect(lambda: self.show_signatures(self.panel.window()))
        row.addWidget(self.signatures_button)
        layout = self.panel.layout()
        if isinstance(layout, QtWidgets.QVBoxLayout):
            layout.insertLayout(1, row)
        # On the Sync page until the main window moves it to its status bar (never
        # a parentless label: shown, it would become a window of its own).
        self.overdue = plain_label("signaturesOverdue")
        error_style(self.overdue, True)
        if isinstance(layout, QtWidgets.QVBoxLayout):
            layout.insertWidget(2, self.overdue)
        self.retranslate_signatures()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        # The controller is no widget: the Sync page's language change retranslates it.
        if watched is self.panel and event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate_signatures()
        return super().eventFilter(watched, event)

    def retranslate_signatures(self) -> None:
        self.signatures_button.setText(self.tr("&My signatures…"))
        named(self.signatures_button, self.tr("My signatures"))
        if self.overview is not None:
            self._show_overdue(self.overview)
        if self.completion is not None:
            self._show_completion(self.completion)

    def refresh_signatures(self) -> None:
        """Reads the list and the overdue warning (database lane): at start, after
        each sync, and when a signature or the outbox changes."""
        ws = self.ws
        self.runner.run(
            "db", lambda job: signature_overview(ws.session.cache), self._show_overdue, owner=self
        )

    def _show_overdue(self, overview: SignatureOverview) -> None:
        self.overview = overview
        text = overdue_text(overview)
        self.overdue.setText(text)
        self.overdue.setVisible(bool(text))

    def show_signatures(self, parent: QtWidgets.QWidget | None) -> None:
        """Opens "My signatures" on a fresh read (never a stale list)."""
        ws, language = self.ws, self.language

        def done(overview: SignatureOverview) -> None:
            self._show_overdue(overview)
            if self.dialog is not None:
                self.dialog.close()
            self.dialog = SignaturesDialog(overview, language, parent)
            self.dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(lambda _o=None: setattr(self, "dialog", None))
            self.dialog.open()

        self.runner.run("db", lambda job: signature_overview(ws.session.cache), done, owner=self)

    def _show_completion(self, report: SyncReport) -> None:
        """One line when the sync did something to signatures; a refused one is
        styled as an error, not hidden; a run that did nothing clears it."""
        self.completion = report
        text, error = sync_summary(report.signatures)
        self.signature_line.setText(text)
        error_style(self.signature_line, error)
        self.signature_line.setVisible(bool(text))

    def configured(self) -> bool:
        return bool(self.settings()[SERVER_URL])

    def connect_first(self, parent: QtWidgets.QWidget | None) -> None:
        values = self.settings()
        dialog = ConnectDialog(values[SERVER_URL], values[USERNAME], parent)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        server, user = dialog.server.text().strip(), dialog.username.text().strip()
        password = dialog.password.text()
        dialog.password.clear()
        self.save_settings([SERVER_URL.to(server), USERNAME.to(user)])
        self.start(server, user, lambda: password)

    def sync_now(self, interactive: bool = True) -> None:
        if self.running:
            return
        values = self.settings()
        if not values[SERVER_URL]:
            if interactive:
                self.connect_first(self.panel.window())
            return
        server, user = values[SERVER_URL], values[USERNAME]
        self.start(server, user, None if not interactive else self._ask_password(server, user))

    def _ask_password(self, server: str, user: str) -> Callable[[], str | None]:
        def ask() -> str | None:
            return self.prompts.password(server, user)

        return ask

    def start(self, server: str, user: str, password: Callable[[], str | None] | None) -> None:
        self.running = True
        self.skipped = {}
        self.cancel = CancelToken()
        cancel = self.cancel
        self.indicator.set_state("connecting")
        self.started.emit(server, user)
        options = SyncOptions(
            server=server, username=user or None, password=password, backoff=self.backoff
        )

        def listener(event: SyncEvent) -> None:
            self.runner.post(lambda: self._event(event))

        def work(job: Job[SyncReport]) -> SyncReport:
            service = self.ws.sync_service(options, listener, cancel, self.wipe_profile)
            return service.run()

        self.runner.run(
            "net", work, self._done, failed=self._failed, cancelled=self._cancelled, owner=self
        )

    def stop(self) -> None:
        self.timer.stop()
        if self.cancel is not None:
            self.cancel.cancel()

    def _event(self, event: SyncEvent) -> None:
        if isinstance(event, StateChanged):
            self.indicator.set_state(event.state.value, event.reason)
        elif isinstance(event, QueueChanged):
            self.indicator.set_state(self.indicator.state, queued=event.queued)
        elif isinstance(event, BlobProgress) and event.direction == "down":
            self.panel.progress[event.sha256] = (event.done, event.total)
            self.downloadProgress.emit(event.sha256, event.done, event.total)
        elif isinstance(event, BlobFailed):
            self.skipped[event.sha256] = event.reason
            self.panel.show_skipped(self.skipped)
        elif isinstance(event, Rejected):
            reason = printable(event.reason, limit=SHOWN_REASON)
            self.panel.summary.setText(
                self.tr("The server refused an action: %1").replace("%1", reason)
            )
        elif isinstance(event, Synced):
            self.last_sync = event.at
            self.synced.emit(event.at)

    def _done(self, report: SyncReport) -> None:
        self.running = False
        self.last_error = None
        # This run's list replaces the last one's: a document that came this time
        # is no longer named, one skipped again still is.
        self.panel.show_skipped(self.skipped)
        if report.wipe:
            self.wiped.emit()
            return
        self._show_completion(report)
        self.refresh_signatures()
        if self.indicator.state == "error" and self.skipped:
            self.indicator.set_state(
                "error", self.indicator.detail, skipped=len(self.skipped)
            )  # "Sync error: 2 documents not downloaded"
        elif self.indicator.state not in ("up_to_date", "offline", "error"):
            self.indicator.set_state("up_to_date")
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.last_error = exc
        self.panel.show_skipped(self.skipped)
        # The status bar says why in a few words (from the error's type); the
        # sentence is its tooltip and the Sync page's summary.
        problem = classify(exc)
        self.indicator.set_state("error", error_text(exc, self.language), problem=problem)
        self.panel.summary.setText(error_text(exc, self.language))
        self.finished.emit(None)

    def _cancelled(self) -> None:
        self.running = False
        self.indicator.set_state("offline", self.tr("Sync stopped."))
