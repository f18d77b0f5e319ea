"""The main window of an unlocked profile, built around a delegate's day:
Home (today's and the next meetings, the calendar, past meetings) and the
Meeting (agenda, the item's documents, the reader, and a side panel for the
room, my notes, the comments on drafts, signatures and people), with search
one keystroke away (Ctrl+K), the documents imported on this computer and the
sync's page. The sync and connection state stay in the status bar.

It owns no data: every read and write is a job on the database lane through
the workspace. Screens reload when the session publishes a change of a kind
they show (``ui/changes.py``), never because another screen asked them to.
Every text is set again on a language change (no restart); the window's
geometry is kept in the per-machine ``desktop.ini`` (not secret, readable
before unlock: docs/ui-window.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hanoi_desk.app.changes import Changes
from hanoi_desk.app.comments import Comments, Thread
from hanoi_desk.app.home import HomeData
from hanoi_desk.app.live import LiveView
from hanoi_desk.app.meetings import Meeting, MeetingDetail
from hanoi_desk.app.notes import Note
from hanoi_desk.app.session import ImportResult
from hanoi_desk.app.token_access import TokenManager
from hanoi_desk.app.workspace import Purged, Workspace
from hanoi_desk.domain.live.roles import CommandKind, may
from hanoi_desk.domain.models import DocumentSummary, OutboxEntry, SearchHit
from hanoi_desk.domain.policy import DevicePolicy
from hanoi_desk.domain.settings import (
    LANGUAGE,
    PKCS11_MODULES,
    RETENTION_DAYS,
    SERVER_URL,
    SOFTWARE_KEYS,
    TRUST_ROOTS,
    USERNAME,
    Assignment,
    SettingValues,
)
from hanoi_desk.domain.states import UNSENT
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import SUPPORTED
from hanoi_desk.ui.changes import ChangeFeed
from hanoi_desk.ui.comments_panel import CommentsPanel
from hanoi_desk.ui.common import desktop_settings, named, on_choose, show_error
from hanoi_desk.ui.icons import icon
from hanoi_desk.ui.live_room import ChairConsole, LiveRoom, RoomNowPanel
from hanoi_desk.ui.live_votes import VotesPanel
from hanoi_desk.ui.meetings_view import HomeView, MeetingPage
from hanoi_desk.ui.notes_panel import NotesPanel
from hanoi_desk.ui.presenter import PresenterBar
from hanoi_desk.ui.projector import ProjectorWindow
from hanoi_desk.ui.prompts import GuiPrompts
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets, Signal
from hanoi_desk.ui.reader_panel import ReaderPanel
from hanoi_desk.ui.settings_dialog import SettingsDialog
from hanoi_desk.ui.side_panel import SidePanel
from hanoi_desk.ui.sync_control import SyncController
from hanoi_desk.ui.sync_panel import ConnectionLabel, SyncIndicator, SyncPanel
from hanoi_desk.ui.tasks import Job, TaskRunner

if TYPE_CHECKING:  # the signing stack is imported when the signing dialog first opens
    from hanoi_desk.app.sign_cached import CachedBatchReport

T = TypeVar("T")
DOC_ROLE = QtCore.Qt.ItemDataRole.UserRole + 2
GEOMETRY = "window/geometry"
"""desktop.ini key of the main window's geometry (saved on lock and quit)."""
PREFERRED = QtCore.QSize(1280, 800)
"""The first size, when the screen has room; otherwise the screen's available area."""
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
"""Each language by its own name: someone who cannot read the other finds theirs."""


class RoomNow(QtWidgets.QWidget):
    """The side panel's "room now" page until the live screens take it over:
    says plainly that this meeting is not live on this computer."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomNow")
        layout = QtWidgets.QVBoxLayout(self)
        self.picture = QtWidgets.QLabel()
        self.picture.setAlignment(QtCore.Qt.AlignmentFlag.AlignHCenter)
        self.text = QtWidgets.QLabel("")
        self.text.setObjectName("roomNowText")
        self.text.setWordWrap(True)
        self.text.setAlignment(QtCore.Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        layout.addWidget(self.picture)
        layout.addWidget(self.text)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.picture.setPixmap(icon("radio").pixmap(QtCore.QSize(40, 40)))
        self.text.setText(
            self.tr(
                "This meeting is not live on this computer. When the chair opens the "
                "session, attendance, the speakers and votes appear here."
            )
        )

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() in (QtCore.QEvent.Type.LanguageChange, QtCore.QEvent.Type.PaletteChange):
            self.retranslate()
        super().changeEvent(event)


class SearchView(QtWidgets.QWidget):
    """Results of the search box: in the open meeting's documents, or everywhere."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchView")
        layout = QtWidgets.QVBoxLayout(self)
        row = QtWidgets.QHBoxLayout()
        self.summary = QtWidgets.QLabel("")
        self.summary.setObjectName("searchSummary")
        self.summary.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.scope = QtWidgets.QComboBox()
        self.scope.setObjectName("searchScope")
        self.scope.addItem("", "meeting")
        self.scope.addItem("", "all")
        row.addWidget(self.summary, 1)
        row.addWidget(self.scope)
        layout.addLayout(row)
        self.hits = QtWidgets.QListWidget()
        self.hits.setObjectName("searchHits")
        layout.addWidget(self.hits, 1)
        self.retranslate()

    def retranslate(self) -> None:
        named(self.scope, self.tr("Where to search"))
        self.scope.setItemText(0, self.tr("In this meeting"))
        self.scope.setItemText(1, self.tr("In every document"))
        named(self.hits, self.tr("Search results"))

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class MainWindow(QtWidgets.QMainWindow):
    lockRequested = Signal(str)
    settingsChanged = Signal(object)
    languageChosen = Signal(str)
    _home_stale = False
    """A live change came while Home was not shown: Home reloads when shown."""

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
        self.roles: dict[str, str] = {}
        self.setObjectName("mainWindow")
        self.changes = ChangeFeed(workspace.changes, runner, self)

        # Home
        self.meetings = HomeView()
        self.calendar = self.meetings.calendar
        # Meeting: agenda | reader | side panel
        self.meeting_page = MeetingPage()
        self.reader = ReaderPanel(
            runner, lambda: self.ws, language, workspace.profile_name, changes=self.changes
        )
        self.reader.trust = lambda: list(self.settings[TRUST_ROOTS])
        self.meeting_notes = NotesPanel(self._run_meeting_notes, language, meeting_mode=True)
        self.comments = CommentsPanel(
            self._load_comments, self._add_comment, lambda: self.language,
            act=self._comment_action,
        )  # fmt: skip
        self.room_now = RoomNow()
        # The live meeting (ui/live_room.py): followed while a meeting is open.
        self.live = LiveRoom(
            workspace, runner, self.changes, parent=self, language=lambda: self.language
        )
        self.room_panel = RoomNowPanel(self.live)
        self.room_stack = QtWidgets.QStackedWidget()
        self.room_stack.addWidget(self.room_now)  # until the meeting's live view is known
        self.room_stack.addWidget(self.room_panel)
        self.console = ChairConsole(self.live)
        self.console.agenda_choice = self.meeting_page.chosen_item  # "Make current" acts on it
        # The delegate's votes (ui/live_votes.py): the token as signing finds it
        # (the profile's modules and software keys), the one PIN dialog.
        self.votes = VotesPanel(
            self.live,
            tokens=token_manager,
            prompt=lambda: self.prompts,
            key_settings=lambda: (self.settings[PKCS11_MODULES], self.settings[SOFTWARE_KEYS]),
        )
        self.presenter = PresenterBar(self.live, self.reader)
        self.live.viewChanged.connect(self._live_view)
        self.live.unavailable.connect(lambda _m: self.room_stack.setCurrentWidget(self.room_now))
        self.side = SidePanel()
        self._build_side()
        # A round opened: the Votes page comes forward in the side panel; no
        # modal, no focus taken from the reader (VotesPanel.roundOpened).
        self.votes.roundOpened.connect(lambda _poll: self.side.show_page("votes"))
        self._build_pages()

        self._build_status()
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
        # Issue 12: a signature past the policy's limit without a trusted time is
        # warned about on every page until it is completed (ui/signature_status.py).
        self.statusBar().insertPermanentWidget(0, self.sync.overdue)
        self.changes.subscribe(("signatures", "outbox", "policy"), self.sync.refresh_signatures)
        self.missing: dict[str, DocumentSummary] = {}
        self.device_watermark = True
        self.comment_doc: DocumentSummary | None = None
        self._room_sized = False
        self._build_actions()
        self.retranslate()

        self._connect_screens()
        self._subscribe_screens()
        self.show_page(self.meetings)
        self.place_on_screen()
        self._first_load()

    # -- building ----------------------------------------------------------------------------

    def _build_pages(self) -> None:
        """The meeting (agenda | reader | side panel) and the pages beside Home."""
        self._build_consultation()  # after every other side page: the rail's last
        self.room = QtWidgets.QSplitter()
        self.room.setObjectName("meetingRoom")
        self.room.setChildrenCollapsible(False)
        self.room.addWidget(self.meeting_page)
        reader_box = QtWidgets.QWidget()
        reader_box.setObjectName("readerBox")
        box = QtWidgets.QVBoxLayout(reader_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.presenter)
        box.addWidget(self.reader, 1)
        self.room.addWidget(reader_box)
        self.room.addWidget(self.side)
        self.room.setStretchFactor(1, 1)
        self.room.setSizes([250, 700, 300])
        self.search_view = SearchView()
        self.hits = self.search_view.hits
        self.documents = QtWidgets.QListWidget()
        self.documents.setObjectName("documents")
        self.sync_panel = SyncPanel()
        self.pages = QtWidgets.QStackedWidget()
        self.pages.setObjectName("pages")
        for page in (self.meetings, self.room, self.search_view, self.documents, self.sync_panel):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

    def _build_status(self) -> None:
        """The status bar: the sync's state and why, the server, background work."""
        self.indicator = SyncIndicator()
        self.connection = ConnectionLabel()
        self.busy = QtWidgets.QProgressBar()
        self.busy.setObjectName("busy")
        self.busy.setMaximumWidth(100)
        self.busy.setRange(0, 0)
        self.busy.hide()
        status = self.statusBar()
        status.setObjectName("statusBar")
        status.addPermanentWidget(self.busy)
        status.addPermanentWidget(self.connection)
        status.addPermanentWidget(self.indicator)
        self.runner.busy_changed.connect(self._busy_changed)

    def _build_side(self) -> None:
        """The side panel's pages; the live screens add theirs the same way
        (docs/ui-window.md)."""
        notes = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        notes.setObjectName("notesPage")
        notes.addWidget(self.reader.notes_panel)
        notes.addWidget(self.meeting_notes)
        side = self.side
        side.add_page(
            "room", lambda: self.tr("The room now"), "radio", self.room_stack, shortcut="Alt+1"
        )
        side.add_page("notes", lambda: self.tr("My notes"), "notebook-pen", notes, shortcut="Alt+2")
        side.add_page(
            "comments",
            lambda: self.tr("Comments on drafts"),
            "message-square-text",
            self.comments,
            shortcut="Alt+3",
        )
        side.add_page(
            "signatures",
            lambda: self.tr("Signatures"),
            "shield-check",
            self.reader.signatures,
            shortcut="Alt+4",
        )
        side.add_page(
            "people", lambda: self.tr("Participants"), "users", self.meeting_page.people,
            shortcut="Alt+5",
        )  # fmt: skip
        console = side.add_page(
            "console", lambda: self.tr("Chair's console"), "list-ordered", self.console,
            shortcut="Alt+6",
        )  # fmt: skip
        console.button.hide()  # shown to the chair and the secretary (_live_view)
        side.add_page(
            "votes", lambda: self.tr("Votes"), "circle-check", self.votes, shortcut="Alt+7"
        )
        # The meeting's action items under its documents (ui/action_items_panel.py).
        from hanoi_desk.ui.action_items_panel import ActionItemsPanel

        self.action_items = ActionItemsPanel(
            self.runner, lambda: self.ws, lambda: self.meeting_id, lambda: self.language
        )
        column = self.meeting_page.layout()
        assert isinstance(column, QtWidgets.QVBoxLayout)  # MeetingPage's own column
        column.addWidget(self.action_items, 2)
        self.changes.subscribe(("meetings", "outbox"), self.action_items.reload)
        # Several signers of the minutes in order (ui/signing_requests_page.py).
        from hanoi_desk.ui.signing_requests_page import SigningRequestsPage

        self.signing_requests = SigningRequestsPage(
            self.runner, lambda: self.ws, self.changes, tokens=self.token_manager,
            prompt=lambda: self.prompts, language=lambda: self.language,
            key_settings=lambda: (self.settings[PKCS11_MODULES], self.settings[SOFTWARE_KEYS]),
            open_document=self.open_document,
        )  # fmt: skip
        side.add_page("requests", lambda: self.tr("Signing requests"), "signature",
                      self.signing_requests, shortcut="Alt+8")  # fmt: skip
        self.signing_requests.reload()

    def _build_consultation(self) -> None:
        """Written consultation (docs/ui-consultation.md): the respondent's form and,
        for a consultation's secretariat only, the opinions received; the side
        panel's last page (its shortcut is the rail's last: Alt+<pages>)."""
        from hanoi_desk.app.consultation import consultation_document
        from hanoi_desk.ui.consultation_form import ConsultationPanel
        from hanoi_desk.ui.consultation_page import ConsultationPage
        from hanoi_desk.ui.consultation_summary import ConsultationSummary

        keys = dict(tokens=self.token_manager, prompt=lambda: self.prompts,
                    key_settings=lambda: (self.settings[PKCS11_MODULES],
                                          self.settings[SOFTWARE_KEYS]),
                    language=lambda: self.language)  # fmt: skip
        self.consult = ConsultationPanel(
            self.ws,
            self.runner,
            **keys,  # type: ignore[arg-type]
            send_now=lambda: self.sync.sync_now(interactive=False),
        )
        summary = ConsultationSummary(self.ws, self.runner, **keys)  # type: ignore[arg-type]
        self.consult_page = ConsultationPage(self.consult, summary)
        self.side.add_page("consult", lambda: self.tr("Consultations"), "send",
                           self.consult_page,
                           shortcut=f"Alt+{len(self.side.pages) + 1}")  # fmt: skip
        self.consult.documentChosen.connect(
            lambda version: self.db(
                lambda ws: consultation_document(ws.session.cache, version), self.open_document
            )
        )
        self.changes.subscribe(("meetings", "outbox"), self.consult.reload)
        self.consult.reload()

    def _action(
        self,
        name: str,
        slot: Callable[[], object],
        keys: Sequence[str] = (),
        checkable: bool = False,
    ) -> QtGui.QAction:
        action = QtGui.QAction(self)
        action.setObjectName(name)
        action.setShortcuts([QtGui.QKeySequence(k) for k in keys])
        action.setCheckable(checkable)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # its shortcut works from every page
        return action

    def _build_actions(self) -> None:
        go = self._action
        self.go_home = go("goHome", lambda: self.show_page(self.meetings), ["Ctrl+1"], True)
        self.go_meeting = go("goMeeting", lambda: self.show_page(self.room), ["Ctrl+2"], True)
        self.go_documents = go(
            "goDocuments", lambda: self.show_page(self.documents), ["Ctrl+4"], True
        )
        self.go_sync = go("goSync", lambda: self.show_page(self.sync_panel), ["Ctrl+5"], True)
        self.go_search = go("goSearch", self.focus_search, ["Ctrl+K", "Ctrl+Shift+F", "Ctrl+3"])
        self.nav = QtGui.QActionGroup(self)
        for action in (self.go_home, self.go_meeting, self.go_documents, self.go_sync):
            self.nav.addAction(action)
        self.import_action = go("import", self.import_files, ["Ctrl+O"])
        self.settings_action = go("settings", self.edit_settings, ["Ctrl+,"])
        self.sign_action = go("sign", self.sign_documents, ["Ctrl+Shift+S"])
        self.sync_action = go("syncNow", self.sync.sync_now, ["F5"])
        self.connect_action = go("connect", lambda: self.sync.connect_first(self))
        self.lock_action = go("lock", lambda: self.lockRequested.emit("user"), ["Ctrl+L"])
        self.quit_action = go("quit", self.close, ["Ctrl+Q"])
        self.projector_action = go("projector", self.open_projector, ["F7"])
        self.projector_action.setVisible(False)  # the chair's and the secretary's (_live_view)
        self.language_actions = {
            lang: go(f"language-{lang}", self._language_slot(lang), [], True) for lang in SUPPORTED
        }
        languages = QtGui.QActionGroup(self)
        for lang, action in self.language_actions.items():
            languages.addAction(action)
            action.setText(LANGUAGE_NAMES.get(lang, lang))
        self.language_actions[self.language].setChecked(True)
        self._build_menus()
        self._build_toolbar()

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        for action in (
            self.import_action,
            self.settings_action,
            self.sign_action,
            self.sync_action,
            self.connect_action,
            self.lock_action,
            self.quit_action,
        ):
            self.file_menu.addAction(action)
        self.view_menu = self.menuBar().addMenu("")
        for action in (
            self.go_home,
            self.go_meeting,
            self.go_search,
            self.go_documents,
            self.go_sync,
            self.projector_action,
        ):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)

    def _build_toolbar(self) -> None:
        bar = self.toolbar = QtWidgets.QToolBar()
        bar.setObjectName("mainTools")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setIconSize(QtCore.QSize(20, 20))
        bar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(QtCore.Qt.ToolBarArea.TopToolBarArea, bar)
        for action in (self.go_home, self.go_meeting, self.go_documents, self.go_sync):
            bar.addAction(action)
        bar.addSeparator()
        self.cache_search = QtWidgets.QLineEdit()
        self.cache_search.setObjectName("cacheSearch")
        self.cache_search.setClearButtonEnabled(True)
        self.cache_search.setMinimumWidth(160)
        self.cache_search.setMaximumWidth(320)
        self.cache_search.addAction(
            icon("search"), QtWidgets.QLineEdit.ActionPosition.LeadingPosition
        )
        self.cache_search.returnPressed.connect(self.search_cache)
        bar.addWidget(self.cache_search)
        spacer = QtWidgets.QWidget()
        spacer.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Preferred
        )
        bar.addWidget(spacer)
        for action in (
            self.sync_action,
            self.sign_action,
            self.import_action,
            self.settings_action,
            self.lock_action,
        ):
            bar.addAction(action)
            button = bar.widgetForAction(action)
            if isinstance(button, QtWidgets.QToolButton):
                button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _language_slot(self, language: str) -> Callable[[], None]:
        return lambda: self.choose_language(language)

    def retranslate(self) -> None:
        """Every text this window sets itself, in the language now installed."""
        self.setWindowTitle(self.tr("Hanoi Desk — %1").replace("%1", self.ws.profile_name))
        texts: list[tuple[QtGui.QAction, str, str, str]] = [
            (
                self.go_home,
                self.tr("&Home"),
                self.tr("Home: today's and the next meetings"),
                "house",
            ),
            (self.go_meeting, self.tr("&Meeting"), self.tr("The open meeting"), "list-ordered"),
            (self.go_search, self.tr("&Search"), self.tr("Search the documents"), "search"),
            (
                self.go_documents,
                self.tr("&Documents"),
                self.tr("Documents imported on this computer"),
                "files",
            ),
            (self.go_sync, self.tr("S&ync"), self.tr("Outgoing actions and downloads"), "server"),
            (self.import_action, self.tr("&Import PDF files…"), "", "file-up"),
            (self.settings_action, self.tr("&Settings…"), "", "settings"),
            (self.sign_action, self.tr("Sign &documents…"), "", "signature"),
            (self.sync_action, self.tr("Sync &now"), "", "refresh-cw"),
            (self.connect_action, self.tr("&Connect to a server…"), "", "server"),
            (self.lock_action, self.tr("&Lock"), "", "lock"),
            (self.quit_action, self.tr("&Quit"), "", "power"),
            (self.projector_action, self.tr("&Projector view…"), "", "radio"),
        ]
        for action, text, tip, name in texts:
            action.setText(text)
            action.setIcon(icon(name))
            plain = text.replace("&", "").rstrip("…")
            keys = action.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)
            shown = tip or plain
            action.setToolTip(f"{shown} ({keys})" if keys else shown)
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(plain)
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_menu.setIcon(icon("languages"))
        self.toolbar.setWindowTitle(self.tr("Main tools"))
        self.toolbar.setAccessibleName(self.tr("Main tools"))
        self.cache_search.setPlaceholderText(self.tr("Search this meeting (Ctrl+K)"))
        named(
            self.cache_search,
            self.tr("Search the documents"),
            self.tr("Search this meeting's documents, or every one (Ctrl+K); accents optional"),
        )
        for button in self.cache_search.findChildren(QtWidgets.QToolButton):
            button.setAccessibleName(self.tr("Clear the search"))  # the box's clear button
        named(self.pages, self.tr("Screens"))
        named(self.documents, self.tr("Documents imported on this computer"))
        named(self.busy, self.tr("Background work"))
        named(self.room, self.tr("The meeting: agenda, reader and side panel"))
        named(self.side, self.tr("Side panel"))

    def changeEvent(self, event: QtCore.QEvent) -> None:
        kind = event.type()
        if kind == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        elif kind in (
            QtCore.QEvent.Type.PaletteChange,
            QtCore.QEvent.Type.ApplicationPaletteChange,
        ):
            # The application's change comes before its new palette is in place: the
            # icons (drawn in the palette's colours) are drawn again once it is.
            QtCore.QTimer.singleShot(0, self, self.redraw_icons)
        super().changeEvent(event)

    def redraw_icons(self) -> None:
        """Every screen's icons again, in the palette's colours (light or dark)."""
        self.retranslate()
        for screen in (
            self.side,
            self.room_now,
            self.comments,
            self.reader,
            self.reader.notes_panel,
            self.meeting_notes,
            self.sync_panel,
            self.calendar,
            self.meeting_page,
        ):
            screen.retranslate()
        self.indicator.set_state(
            self.indicator.state,
            self.indicator.detail,
            problem=self.indicator.problem,
            skipped=self.indicator.skipped,
        )

    def _connect_screens(self) -> None:
        self.sync.finished.connect(self._sync_finished)
        self.sync.downloadProgress.connect(self._download_progress)
        self.sync.synced.connect(lambda at: self.connection.set_connection(
            self.connection.server, self.connection.user, at
        ))  # fmt: skip
        self.sync.started.connect(self.connection.set_connection)
        self.sync.wiped.connect(lambda: self.lockRequested.emit("wiped"))
        self.indicator.clicked.connect(lambda: self.show_page(self.sync_panel))
        self.meetings.meetingChosen.connect(self.open_meeting)
        self.calendar.rangeChanged.connect(self.load_calendar)
        self.meeting_page.documentChosen.connect(self.open_document)
        on_choose(self.documents, lambda item: self.open_document(item.data(DOC_ROLE)))
        self.meeting_notes.activated.connect(self._open_note)
        self.reader.opened.connect(self._document_opened)
        on_choose(self.hits, self._hit_activated)
        self.search_view.scope.currentIndexChanged.connect(lambda _i: self._search_again())

    def _subscribe_screens(self) -> None:
        """Which screen reloads for which kind of change (the reader subscribes itself)."""
        feed = self.changes
        # Home's live lines change with every live event: a burst of them while the
        # meeting is read would reload Home (its cards and their live summaries) for
        # nobody and stall the UI thread (issue 16, ui.live_stall). Home reloads on a
        # live change only while it is shown, and once when it is shown again.
        feed.changed.connect(self._home_on_change)
        feed.subscribe(("meetings",), lambda: self.load_calendar(*self.calendar.period()))
        feed.subscribe(("meetings", "documents"), self._reload_meeting)
        feed.subscribe(("documents",), self.load_local_documents)
        feed.subscribe(("notes", "documents"), self.load_meeting_notes)  # titles, purges
        feed.subscribe(("comments", "outbox"), self.comments.reload)  # queued → sent
        feed.subscribe(("outbox", "documents"), self.refresh_outbox)  # and missing documents
        feed.subscribe(("settings",), self.load_settings)
        feed.subscribe(("policy",), self.load_policy)

    def _home_on_change(self, changes: Changes) -> None:
        if changes.touches(("meetings", "documents", "outbox")):
            self.load_meetings()
        elif changes.touches(("live",)):
            if self.pages.currentWidget() is self.meetings:
                self.load_meetings()
            else:
                self._home_stale = True

    def _busy_changed(self, pending: int) -> None:
        self.busy.setVisible(pending > 0)

    # -- pages, screen, language -------------------------------------------------------------

    def show_page(self, page: QtWidgets.QWidget) -> None:
        if page is self.room and not self._room_sized:
            # The first time, by shares of the width it has now: the reader gets most.
            self._room_sized = True
            width = max(self.room.width(), 600)
            self.room.setSizes([width * 21 // 100, width * 54 // 100, width * 25 // 100])
        self.pages.setCurrentWidget(page)
        if page is self.meetings and self._home_stale:
            self.load_meetings()  # live changes came while another page was shown
        for action, widget in (
            (self.go_home, self.meetings),
            (self.go_meeting, self.room),
            (self.go_documents, self.documents),
            (self.go_sync, self.sync_panel),
        ):
            action.setChecked(widget is page)

    def focus_search(self) -> None:
        """Ctrl+K: the search box, ready to type (its results have their own page)."""
        self.cache_search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.cache_search.selectAll()

    def place_on_screen(self) -> None:
        """The saved geometry if it still fits the screen; else a size that fits the
        available area (a 1366×768 laptop at 100 % or 125 % gets all of it)."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        saved = desktop_settings().value(GEOMETRY)
        restored = isinstance(saved, QtCore.QByteArray) and self.restoreGeometry(saved)
        if restored and area.contains(self.frameGeometry()):
            return
        size = PREFERRED.boundedTo(area.size())
        self.resize(size)
        frame = self.frameGeometry()
        frame.moveCenter(area.center())
        top_left = frame.topLeft()
        self.move(max(top_left.x(), area.left()), max(top_left.y(), area.top()))

    def fit_on_screen(self) -> None:
        """Keep the whole frame on the available area: once shown, the window
        manager's frame adds to the size asked for before."""
        screen = self.screen() or QtGui.QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        if area.contains(frame):
            return
        extra = frame.size() - inner.size()
        self.resize(inner.size().boundedTo(area.size() - extra))
        frame = self.frameGeometry()
        x = min(max(frame.left(), area.left()), area.right() - frame.width() + 1)
        y = min(max(frame.top(), area.top()), area.bottom() - frame.height() + 1)
        self.move(x, y)

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        self.fit_on_screen()

    def save_geometry(self) -> None:
        desktop_settings().setValue(GEOMETRY, self.saveGeometry())

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.live.stop()
        self.save_geometry()
        super().closeEvent(event)

    def choose_language(self, language: str) -> None:
        """The View → Language menu: saved with the profile's settings and applied now."""
        if language == self.language:
            return
        self._save_settings([LANGUAGE.to(language)])
        self.languageChosen.emit(language)

    def apply_language(self, language: str) -> None:
        """The language the core's messages use from now on (the Qt texts follow
        the installed translator through LanguageChange)."""
        self.language = language
        for holder in (
            self.reader,
            self.reader.notes_panel,
            self.reader.signatures,
            self.meeting_notes,
            self.sync,
            self.prompts,
        ):
            holder.language = language
        action = self.language_actions.get(language)
        if action is not None:
            action.setChecked(True)

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
        if values[SERVER_URL] or not self.connection.server:
            self.connection.set_connection(values[SERVER_URL], values[USERNAME])
        if first and self.sync.configured():
            self.sync.sync_now(interactive=False)

    def _save_settings(self, assignments: Sequence[Assignment[Any]]) -> None:
        # The save publishes ``settings``: load_settings shows the result.
        self.db(lambda ws: ws.settings.save(*assignments), lambda _saved: None)

    def load_meetings(self) -> None:
        self._home_stale = False

        def done(data: HomeData) -> None:
            self.meeting_policy = {m.id: m for m in data.meetings}
            self.roles = data.roles
            self.meetings.show_meetings(data)

        self.db(lambda ws: ws.home.load(), done)

    def load_calendar(self, start: datetime, end: datetime) -> None:
        self.db(lambda ws: ws.meetings.between(start, end), self.calendar.show_meetings)

    def _show_documents(self, docs: list[DocumentSummary]) -> None:
        self.documents.clear()
        for doc in docs:
            item = QtWidgets.QListWidgetItem(
                self.tr("%1 (%2 pages)")
                .replace("%1", printable(doc.title, limit=160))
                .replace("%2", str(doc.pages))
            )
            item.setIcon(icon("file-text"))
            item.setData(DOC_ROLE, doc)
            self.documents.addItem(item)
        if not docs:
            self.documents.addItem(
                self.tr("No documents imported on this computer. File → Import PDF files… (Ctrl+O)")
            )

    def refresh_outbox(self) -> None:
        from hanoi_desk.app.unsent import entry_documents

        Listed = tuple[list[OutboxEntry], list[DocumentSummary], dict[str, DocumentSummary]]

        def work(ws: Workspace) -> Listed:
            missing = [d for d in ws.session.documents() if not d.available]
            entries = ws.session.cache.outbox()
            return entries, missing, entry_documents(ws.session.cache, entries)

        def done(result: Listed) -> None:
            entries, missing, documents = result
            self.missing = {d.sha256: d for d in missing}
            self.sync_panel.show_outbox(entries, documents)
            self.sync_panel.show_downloads(missing)
            queued = sum(1 for e in entries if e.state in UNSENT)
            self.indicator.set_state(
                self.indicator.state,
                self.indicator.detail,
                queued=queued,
                problem=self.indicator.problem,
                skipped=self.indicator.skipped,
            )

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

    def open_meeting(self, meeting_id: str, show: bool = True) -> None:
        self.meeting_id = meeting_id
        self.live.open(meeting_id)

        def done(detail: MeetingDetail) -> None:
            self.meeting_page.show_detail(detail, self.roles.get(meeting_id, ""))
            self.action_items.reload()
            if show:
                self.show_page(self.room)
            self.load_meeting_notes()

        self.db(lambda ws: ws.meetings.detail(meeting_id), done)

    def _live_view(self, view: object) -> None:
        """The meeting's live view arrived: the room page shows it; the console
        and the projector are offered to those the permission table lets run the list."""
        if not isinstance(view, LiveView):
            return
        # The agenda marks the item the live state says is under discussion.
        self.meeting_page.show_live_item(view.meeting_id, view.state.current_item)
        self.room_stack.setCurrentWidget(self.room_panel)
        runs = may(view.role, CommandKind.APPROVE)
        self.side.pages["console"].button.setVisible(runs)
        self.projector_action.setVisible(runs)

    def open_projector(self) -> None:
        """A full-screen projector window on the screen the chair chooses (asked
        only when there are several)."""
        screens = QtGui.QGuiApplication.screens()
        index = len(screens) - 1
        if len(screens) > 1:
            names = [f"{i + 1}: {s.name()}" for i, s in enumerate(screens)]
            chosen, ok = QtWidgets.QInputDialog.getItem(
                self, self.tr("Projector view"), self.tr("Show on screen:"), names, index, False
            )
            if not ok:
                return
            index = names.index(chosen)
        self.projector = ProjectorWindow(self.live, index)
        self.projector.show_full()

    def _reload_meeting(self) -> None:
        """The open meeting again, where the person left it (no page switch)."""
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
                self.meeting_page.show_detail(detail, self.roles.get(meeting_id, ""))

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
        if doc.meeting_id is not None and doc.meeting_id != self.meeting_id:
            self.open_meeting(doc.meeting_id, show=False)  # its agenda beside it
        self.reader.open_document(doc, page, watermark=watermark)
        self.show_page(self.room)

    def _document_opened(self, summary: DocumentSummary) -> None:
        self.comment_doc = summary
        self.comments.show_document(summary)

    def load_meeting_notes(self) -> None:
        meeting_id = self.meeting_id
        self.db(lambda ws: ws.notes.for_meeting(meeting_id), self.meeting_notes.show_notes)

    def _run_meeting_notes(self, action: Callable[..., object]) -> None:
        # The note use case publishes what it changed: the screens reload themselves.
        self.db(lambda ws: action(ws.notes), lambda _result: None)

    def _load_comments(self, doc: DocumentSummary) -> None:
        def done(found: tuple[list[Thread], frozenset[str]]) -> None:
            self.comments.show_threads(doc.version_id, *found)

        self.db(lambda ws: (ws.comments.threads(doc), ws.comments.my_user_ids()), done)

    def _add_comment(self, doc: DocumentSummary, text: str, **options: Any) -> None:
        # The use case publishes ``comments`` and ``outbox``: the list, the outbox
        # page and the queued counts reload from that.
        self.db(lambda ws: ws.comments.add(doc, text, **options), lambda _c: self.comments.sent())

    def _comment_action(self, action: Callable[[Comments], object]) -> None:
        # A thread's answer or an edit (docs/comment-threads.md); it publishes what
        # it changed. The panel empties its editor only once an edit is queued.
        self.db(lambda ws: action(ws.comments), lambda _r: self.comments.acted())

    def _open_note(self, note: Note) -> None:
        def done(doc: DocumentSummary) -> None:
            self.open_document(doc, note.page)

        self.db(lambda ws: ws.session.cache.document(note.document_id), done)

    def search_cache(self) -> None:
        """Search the open meeting's documents (or every one, as the scope says);
        the results page comes forward."""
        query = self.cache_search.text()
        meeting_id = self.meeting_id
        if meeting_id is None:
            self.search_view.scope.setCurrentIndex(1)
        everywhere = self.search_view.scope.currentData() == "all" or meeting_id is None

        def work(ws: Workspace) -> list[SearchHit]:
            hits = ws.session.search(query)
            if everywhere:
                return hits
            ids = {d.id for d in ws.session.documents() if d.meeting_id == meeting_id}
            return [h for h in hits if h.document_id in ids]

        def done(hits: list[SearchHit]) -> None:
            self.hits.clear()
            for hit in hits:
                item = QtWidgets.QListWidgetItem(
                    f"{printable(hit.title, limit=120)} — "
                    + self.tr("p. %1").replace("%1", str(hit.page))
                    + f": {printable(hit.snippet)}"
                )
                item.setIcon(icon("file-text"))
                item.setData(DOC_ROLE, hit)
                self.hits.addItem(item)
            if not hits:
                self.hits.addItem(self.tr("Nothing found."))
            self.search_view.summary.setText(
                self.tr("%1 results for “%2”")
                .replace("%1", str(len(hits)))
                .replace("%2", printable(query, limit=60))
            )

        self.pages.setCurrentWidget(self.search_view)
        for action in self.nav.actions():
            action.setChecked(False)
        self.db(work, done)

    def _search_again(self) -> None:
        if self.cache_search.text().strip():
            self.search_cache()

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
            if saved[LANGUAGE] != self.language:
                self.languageChosen.emit(saved[LANGUAGE])  # applied now, no restart
            self.settingsChanged.emit(saved)

        self.db(lambda ws: ws.settings.save(*assignments), done)

    def _retention_applied(self, purged: Purged) -> None:
        # The purge published what it removed; a released pack needs the server.
        if purged.released:  # their packs come back with the next sync
            self.sync.sync_now(interactive=False)
