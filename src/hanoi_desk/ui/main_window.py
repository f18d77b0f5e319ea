"""The main window of an unlocked profile: tabs for each screen, the sync state
always in the status bar, and the lock. It owns no data: every read and write
is a job on the database lane through the workspace. Screens reload when the
session publishes a change of a kind they show (``ui/changes.py``), never
because another screen asked them to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hanoi_desk.app.meetings import Meeting, MeetingDetail
from hanoi_desk.app.notes import Note
from hanoi_desk.app.session import ImportResult
from hanoi_desk.app.token_access import TokenManager
from hanoi_desk.app.workspace import Purged, Workspace
from hanoi_desk.domain.models import DocumentSummary, OutboxEntry, SearchHit
from hanoi_desk.domain.policy import DevicePolicy
from hanoi_desk.domain.settings import (
    LANGUAGE,
    RETENTION_DAYS,
    TRUST_ROOTS,
    Assignment,
    SettingValues,
)
from hanoi_desk.domain.states import UNSENT
from hanoi_desk.errors import UserError
from hanoi_desk.ui.changes import ChangeFeed
from hanoi_desk.ui.common import named, set_ui_language, show_error
from hanoi_desk.ui.meetings_view import CalendarView, MeetingPage, MeetingsList
from hanoi_desk.ui.notes_panel import NotesPanel
from hanoi_desk.ui.prompts import GuiPrompts
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets, Signal
from hanoi_desk.ui.reader_panel import ReaderPanel
from hanoi_desk.ui.settings_dialog import SettingsDialog
from hanoi_desk.ui.sync_control import SyncController
from hanoi_desk.ui.sync_panel import SyncIndicator, SyncPanel
from hanoi_desk.ui.tasks import Job, TaskRunner

if TYPE_CHECKING:  # the signing stack is imported when the signing dialog first opens
    from hanoi_desk.app.sign_cached import CachedBatchReport

T = TypeVar("T")
DOC_ROLE = QtCore.Qt.ItemDataRole.UserRole + 2


class MainWindow(QtWidgets.QMainWindow):
    lockRequested = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        language: str,
        wipe_profile: Callable[[], None] = lambda: None,
        token_manager: Callable[[], TokenManager] | None = None,
    ) -> None:
        super().__init__()
        self.token_manager = token_manager
        self.ws = workspace
        self.runner = runner
        self.language = language
        # Defaults until the profile's are loaded; the first load may start a sync.
        self.settings, self._settings_known = SettingValues.defaults(), False
        self.meeting_id: str | None = None
        self.meeting_policy: dict[str, Meeting] = {}
        self.setObjectName("mainWindow")
        self.changes = ChangeFeed(workspace.changes, runner, self)
        self.setWindowTitle(self.tr("Hanoi Desk — %1").replace("%1", workspace.profile_name))
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setObjectName("tabs")
        named(self.tabs, self.tr("Screens"))
        self.setCentralWidget(self.tabs)

        self.meetings = MeetingsList()
        self.meeting_page = MeetingPage()
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        split.addWidget(self.meetings)
        split.addWidget(self.meeting_page)
        self.calendar = CalendarView()
        self.documents = QtWidgets.QListWidget()
        self.documents.setObjectName("documents")
        named(self.documents, self.tr("Documents imported on this computer"))
        self.search_tab = self._build_search()
        self.reader = ReaderPanel(
            runner, lambda: self.ws, language, workspace.profile_name, changes=self.changes
        )
        self.reader.trust = lambda: list(self.settings[TRUST_ROOTS])
        self.meeting_notes = NotesPanel(self._run_meeting_notes, language, meeting_mode=True)
        self.sync_panel = SyncPanel()
        for widget, text in (
            (split, self.tr("&Meetings")),
            (self.calendar, self.tr("&Calendar")),
            (self.documents, self.tr("&Documents")),
            (self.search_tab, self.tr("&Search")),
            (self.reader, self.tr("&Reader")),
            (self.meeting_notes, self.tr("&Notes")),
            (self.sync_panel, self.tr("S&ync")),
        ):
            self.tabs.addTab(widget, text)

        self.indicator = SyncIndicator()
        self.statusBar().addPermanentWidget(self.indicator)
        self.busy = QtWidgets.QProgressBar()
        self.busy.setObjectName("busy")
        named(self.busy, self.tr("Background work"))
        self.busy.setMaximumWidth(120)
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.runner.busy_changed.connect(self._busy_changed)
        self.prompts = GuiPrompts(runner, lambda: self, language)
        self.sync = SyncController(
            runner,
            workspace,
            indicator=self.indicator,
            panel=self.sync_panel,
            prompts=self.prompts,
            settings=lambda: self.settings,
            save_settings=self._save_settings,
            wipe_profile=wipe_profile,
            language=language,
        )
        self.missing: dict[str, DocumentSummary] = {}
        self.device_watermark = True
        self._build_menu()

        self._connect_screens()
        self._subscribe_screens()
        self.resize(1200, 800)
        self._first_load()

    def _connect_screens(self) -> None:
        self.sync.finished.connect(self._sync_finished)
        self.sync.downloadProgress.connect(self._download_progress)
        self.sync.wiped.connect(lambda: self.lockRequested.emit("wiped"))
        self.meetings.meetingChosen.connect(self.open_meeting)
        self.calendar.meetingChosen.connect(self.open_meeting)
        self.calendar.rangeChanged.connect(self.load_calendar)
        self.meeting_page.documentChosen.connect(self.open_document)
        self.documents.itemActivated.connect(lambda item: self.open_document(item.data(DOC_ROLE)))
        self.meeting_notes.activated.connect(self._open_note)

    def _subscribe_screens(self) -> None:
        """Which screen reloads for which kind of change (the reader subscribes itself)."""
        feed = self.changes
        feed.subscribe(("meetings", "documents", "outbox"), self.load_meetings)  # queued counts
        feed.subscribe(("meetings",), lambda: self.load_calendar(*self.calendar.period()))
        feed.subscribe(("meetings", "documents"), self._reload_meeting)
        feed.subscribe(("documents",), self.load_local_documents)
        feed.subscribe(("notes", "documents"), self.load_meeting_notes)  # titles, purges
        feed.subscribe(("outbox", "documents"), self.refresh_outbox)  # and missing documents
        feed.subscribe(("settings",), self.load_settings)
        feed.subscribe(("policy",), self.load_policy)

    def _busy_changed(self, pending: int) -> None:
        self.busy.setVisible(pending > 0)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        actions: list[tuple[str, str, Callable[[], object]]] = [
            (self.tr("&Import PDF files…"), "Ctrl+O", self.import_files),
            (self.tr("&Settings…"), "Ctrl+,", self.edit_settings),
            (self.tr("Sign &documents…"), "Ctrl+Shift+S", self.sign_documents),
            (self.tr("Sync &now"), "F5", self.sync.sync_now),
            (self.tr("&Connect to a server…"), "", lambda: self.sync.connect_first(self)),
            (self.tr("&Lock"), "Ctrl+L", lambda: self.lockRequested.emit("user")),
            (self.tr("&Quit"), "Ctrl+Q", self.close),
        ]
        for text, keys, slot in actions:
            action = menu.addAction(text)
            action.setShortcut(QtGui.QKeySequence(keys))
            action.triggered.connect(slot)

    def _build_search(self) -> QtWidgets.QWidget:
        box = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(box)
        self.cache_search = QtWidgets.QLineEdit()
        self.cache_search.setObjectName("cacheSearch")
        self.cache_search.setPlaceholderText(
            self.tr("Search every cached document (accents optional)")
        )
        named(self.cache_search, self.tr("Search every cached document"))
        self.hits = QtWidgets.QListWidget()
        self.hits.setObjectName("searchHits")
        named(self.hits, self.tr("Search results"))
        layout.addWidget(self.cache_search)
        layout.addWidget(self.hits)
        self.cache_search.returnPressed.connect(self.search_cache)
        self.hits.itemActivated.connect(self._hit_activated)
        return box

    # -- plumbing --------------------------------------------------------------------------

    def db(self, work: Callable[[Workspace], T], done: Callable[[T], None]) -> None:
        ws = self.ws
        self.runner.run(
            "db",
            lambda job: work(ws),
            done,
            failed=lambda exc: show_error(self, exc, self.language),
            owner=self,
        )

    def _sync_finished(self, _report: object) -> None:
        # Progress belongs to that run. The run published what it changed before
        # it reported back, so the lists being reloaded show no progress.
        self.meetings.downloading.clear()

    def _first_load(self) -> None:
        # Retention first (the lane runs in order): a pack past it never shows as readable.
        self.db(lambda ws: ws.meetings.purge_expired(), lambda _purged: None)
        self.refresh_all()

    def refresh_all(self) -> None:
        """Load every screen: at unlock; later, changes reload what they touch."""
        self.load_settings()
        self.load_policy()
        self.load_meetings()
        self.load_local_documents()
        self.load_calendar(*self.calendar.period())
        self.load_meeting_notes()
        self.refresh_outbox()

    def load_settings(self) -> None:
        self.db(lambda ws: ws.settings.load(), self._settings_loaded)

    def load_policy(self) -> None:
        self.db(lambda ws: ws.device_policy(), self._policy_loaded)

    def load_local_documents(self) -> None:
        self.db(lambda ws: ws.meetings.local_documents(), self._show_documents)

    def _policy_loaded(self, policy: DevicePolicy) -> None:
        self.device_watermark = policy.watermark

    def _settings_loaded(self, values: SettingValues) -> None:
        first = not self._settings_known
        self.settings, self._settings_known = values, True
        if first and self.sync.configured():
            self.sync.sync_now(interactive=False)

    def _save_settings(self, assignments: Sequence[Assignment[Any]]) -> None:
        # The save publishes ``settings``: load_settings shows the result.
        self.db(lambda ws: ws.settings.save(*assignments), lambda _saved: None)

    def load_meetings(self) -> None:
        def done(meetings: list[Meeting]) -> None:
            self.meeting_policy = {m.id: m for m in meetings}
            self.meetings.show_meetings(meetings)

        self.db(lambda ws: ws.meetings.all(), done)

    def load_calendar(self, start: datetime, end: datetime) -> None:
        self.db(lambda ws: ws.meetings.between(start, end), self.calendar.show_meetings)

    def _show_documents(self, docs: list[DocumentSummary]) -> None:
        self.documents.clear()
        for doc in docs:
            item = QtWidgets.QListWidgetItem(
                self.tr("%1 (%2 pages)").replace("%1", doc.title).replace("%2", str(doc.pages))
            )
            item.setData(DOC_ROLE, doc)
            self.documents.addItem(item)

    def refresh_outbox(self) -> None:
        def work(ws: Workspace) -> tuple[list[OutboxEntry], list[DocumentSummary]]:
            missing = [d for d in ws.session.documents() if not d.available]
            return ws.session.cache.outbox(), missing

        def done(result: tuple[list[OutboxEntry], list[DocumentSummary]]) -> None:
            entries, missing = result
            self.missing = {d.sha256: d for d in missing}
            self.sync_panel.show_outbox(entries)
            self.sync_panel.show_downloads(missing)
            queued = sum(1 for e in entries if e.state in UNSENT)
            self.indicator.set_state(self.indicator.state, queued=queued)

        self.db(work, done)

    def _download_progress(self, sha256: str, done: int, total: int) -> None:
        """Per-meeting download progress. A document that arrived with this very
        sync (as on a first sync) is known once the lists reload: the sync
        publishes what its pull brought when its first download starts."""
        doc = self.missing.get(sha256)
        if doc is None:
            return
        self.sync_panel.show_downloads(list(self.missing.values()))
        if doc.meeting_id is None:
            return
        meeting = self.meeting_policy.get(doc.meeting_id)
        parts = [d for d in self.missing.values() if d.meeting_id == doc.meeting_id]
        got = sum(self.sync_panel.progress.get(d.sha256, (0, d.size))[0] for d in parts)
        size = sum(d.size for d in parts) or 1
        self.meetings.downloading[doc.meeting_id] = min(100, 100 * got // size)
        if meeting is not None:
            self.meetings.update_meeting(meeting)

    # -- screens -----------------------------------------------------------------------------

    def open_meeting(self, meeting_id: str) -> None:
        self.meeting_id = meeting_id

        def done(detail: MeetingDetail) -> None:
            self.meeting_page.show_detail(detail)
            self.tabs.setCurrentIndex(0)
            self.load_meeting_notes()

        self.db(lambda ws: ws.meetings.detail(meeting_id), done)

    def _reload_meeting(self) -> None:
        """The open meeting again, where the person left it (no tab switch)."""
        meeting_id = self.meeting_id
        if meeting_id is None:
            return

        def gone(exc: BaseException) -> None:
            # Removed by the server since it was opened: nothing to show, no alarm.
            if isinstance(exc, UserError) and meeting_id == self.meeting_id:
                self.meeting_id = None
                self.meeting_page.clear()
            elif not isinstance(exc, UserError):
                show_error(self, exc, self.language)

        def done(detail: MeetingDetail) -> None:
            if meeting_id == self.meeting_id:
                self.meeting_page.show_detail(detail)

        self.runner.run(
            "db",
            lambda job: self.ws.meetings.detail(meeting_id),
            done,
            failed=gone,
            owner=self,
        )

    def open_document(self, doc: object, page: int = 0) -> None:
        if not isinstance(doc, DocumentSummary):
            return
        meeting = self.meeting_policy.get(doc.meeting_id or "")
        watermark = self.device_watermark and (meeting.watermark if meeting else True)
        self.reader.open_document(doc, page, watermark=watermark)
        self.tabs.setCurrentWidget(self.reader)

    def load_meeting_notes(self) -> None:
        meeting_id = self.meeting_id
        self.db(lambda ws: ws.notes.for_meeting(meeting_id), self.meeting_notes.show_notes)

    def _run_meeting_notes(self, action: Callable[..., object]) -> None:
        # The note use case publishes what it changed: the screens reload themselves.
        self.db(lambda ws: action(ws.notes), lambda _result: None)

    def _open_note(self, note: Note) -> None:
        def done(doc: DocumentSummary) -> None:
            self.open_document(doc, note.page)

        self.db(lambda ws: ws.session.cache.document(note.document_id), done)

    def search_cache(self) -> None:
        query = self.cache_search.text()

        def done(hits: list[SearchHit]) -> None:
            self.hits.clear()
            for hit in hits:
                item = QtWidgets.QListWidgetItem(
                    f"{hit.title} — "
                    + self.tr("p. %1").replace("%1", str(hit.page))
                    + f": {hit.snippet}"
                )
                item.setData(DOC_ROLE, hit)
                self.hits.addItem(item)
            if not hits:
                self.hits.addItem(self.tr("Nothing found."))

        self.db(lambda ws: ws.session.search(query), done)

    def _hit_activated(self, item: QtWidgets.QListWidgetItem) -> None:
        hit = item.data(DOC_ROLE)
        if isinstance(hit, SearchHit):
            page = hit.page - 1
            self.db(
                lambda ws: ws.session.cache.document(hit.document_id),
                lambda doc: self.open_document(doc, page),
            )

    def import_files(self) -> None:
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(
            self, self.tr("Import PDF files"), "", self.tr("PDF documents (*.pdf)")
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> None:
        def work(job: Job[list[ImportResult]]) -> list[ImportResult]:
            return self.ws.session.import_pdfs(paths, job.progress, job.cancelled)

        def done(results: list[ImportResult]) -> None:
            bad = [r for r in results if r.error is not None]
            for r in bad:
                assert r.error is not None
                show_error(self, r.error, self.language)
            self.statusBar().showMessage(
                self.tr("Imported %1 of %2 files.")
                .replace("%1", str(len(results) - len(bad)))
                .replace("%2", str(len(results))),
                8000,
            )

        self.runner.run(
            "db", work, done, owner=self, failed=lambda exc: show_error(self, exc, self.language)
        )

    def sign_documents(self) -> None:
        """The signing dialog over the current meeting's documents (or the local ones)."""
        if self.token_manager is None:
            return
        from hanoi_desk.app.sign_cached import CachedSigner
        from hanoi_desk.ui.signing_dialog import SigningDialog

        manager = self.token_manager
        meeting_id, chosen = self.meeting_id, self.reader.summary
        if chosen is not None:
            meeting_id = chosen.meeting_id
        box = self.reader.view.signature_box if chosen is not None else None

        def work(ws: Workspace) -> list[DocumentSummary]:
            return [d for d in ws.session.documents() if d.meeting_id == meeting_id and d.available]

        def done(docs: list[DocumentSummary]) -> None:
            self.signing = SigningDialog(
                self.runner,
                self.ws,
                CachedSigner(
                    self.ws.session.cache,
                    manager(),
                    self.ws.session.token_scope,
                    on_db=self.ws.on_db,
                    changes=self.ws.changes,
                ),
                self.prompts,
                docs,
                chosen=chosen,
                box=box,
                settings=self.settings,
                language=self.language,
                parent=self,
            )
            self.signing.finishedBatch.connect(self._token_kept)
            self.signing.open()

        self.db(work, done)

    def _token_kept(self, report: CachedBatchReport) -> None:
        """A kept login is logged out when its time is up, used or not (the next
        login would refuse it anyway). The timer dies with this window on lock,
        which logs every token out itself."""
        if report.kept_for <= 0 or self.token_manager is None:
            return
        manager = self.token_manager

        def expire() -> None:
            self.runner.run("token", lambda job: manager().expire(), owner=self)

        QtCore.QTimer.singleShot(int(report.kept_for * 1000) + 1000, self, expire)

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        assignments = dialog.values()
        retention_changed = any(
            a.setting is RETENTION_DAYS and a.value != self.settings[RETENTION_DAYS]
            for a in assignments
        )

        def done(saved: SettingValues) -> None:
            self.settings = saved
            if retention_changed:  # a shorter period purges now, a longer one releases packs
                self.db(lambda ws: ws.meetings.purge_expired(), self._retention_applied)
            set_ui_language(saved[LANGUAGE])
            if saved[LANGUAGE] != self.language:
                self.statusBar().showMessage(
                    self.tr("The new language applies the next time Hanoi Desk starts."), 10000
                )
            self.settingsChanged.emit(saved)

        self.db(lambda ws: ws.settings.save(*assignments), done)

    def _retention_applied(self, purged: Purged) -> None:
        # The purge published what it removed; a released pack needs the server.
        if purged.released:  # their packs come back with the next sync
            self.sync.sync_now(interactive=False)

    settingsChanged = Signal(object)
