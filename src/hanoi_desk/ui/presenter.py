"""Follow the presenter (docs/ui-live.md): a bar over the reader.

While the meeting is live, a following reader opens the presented document
version at the presented page from this computer's own encrypted cache; only
the position came over the stream. A version not here yet is fetched at once
through the sync's download path (``app.fetch_version``, on the ``net`` lane);
offline, the bar says so and fetches it when the room is in reach again. Any
navigation of one's own detaches (the bar then offers "Return to presenter");
the chair and the secretary have "Present this page".
"""

from __future__ import annotations

import time

from hanoi_desk.app.fetch_version import fetch_version
from hanoi_desk.app.live import LiveView
from hanoi_desk.app.sync_service import SyncOptions
from hanoi_desk.domain.live.roles import CommandKind, may
from hanoi_desk.domain.live.state import Presented
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.errors import HanoiDeskError
from hanoi_desk.sync.backoff import Backoff
from hanoi_desk.ui.live_room import LiveRoom
from hanoi_desk.ui.qt import QtCore, QtWidgets
from hanoi_desk.ui.reader_panel import ReaderPanel
from hanoi_desk.ui.tasks import Job

RETRY_FETCH_S = 3.0
"""Seconds between two tries to fetch a presented version that could not be fetched."""


class PresenterBar(QtWidgets.QWidget):
    def __init__(
        self, room: LiveRoom, reader: ReaderPanel, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presenterBar")
        self.room, self.reader = room, reader
        self.following = True
        self.presented: Presented | None = None
        self._expect: tuple[str, int] | None = None
        """The (version, page index) this bar is taking the reader to: not the reader's own move."""
        self._arrived = False
        """Whether the reader reached ``_expect`` since the bar sent it there."""
        # Few quick tries: the bar tries again itself while the room is in reach, and a
        # sync's long back-off would keep the message up long after the link returned.
        self.fetch_options = SyncOptions(backoff=Backoff(base=0.2, cap=1.0, attempts=2))
        """How a missing presented version is fetched (the profile's server and sign-in)."""
        self.fetching: str | None = None
        """The version being fetched now (one fetch at a time)."""
        self.waiting_for: str | None = None
        """A version that could not be fetched offline: fetched when the room is in reach."""
        self._failed_at = 0.0
        self.follow = QtWidgets.QCheckBox("")
        self.follow.setObjectName("followPresenter")
        self.follow.setChecked(True)
        self.back = QtWidgets.QPushButton("")
        self.back.setObjectName("returnToPresenter")
        self.present = QtWidgets.QPushButton("")
        self.present.setObjectName("presentThisPage")
        self.note = QtWidgets.QLabel("")
        self.note.setObjectName("presenterNote")
        self.note.setWordWrap(True)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.follow)
        layout.addWidget(self.back)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.present)
        self.back.hide()
        self.present.hide()
        self.follow.toggled.connect(self._toggled)
        self.back.clicked.connect(self.return_to_presenter)
        self.present.clicked.connect(self.present_page)
        reader.view.pageChanged.connect(self._reader_moved)
        room.viewChanged.connect(self.show_view)
        room.onlineChanged.connect(self._online)
        self.retranslate()

    def retranslate(self) -> None:
        self.follow.setText(self.tr("Follow the presenter"))
        self.back.setText(self.tr("Return to presenter"))
        self.present.setText(self.tr("Present this page"))
        for widget in (self.follow, self.back, self.present):
            widget.setAccessibleName(widget.text())

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the room's position ---------------------------------------------------------------

    def show_view(self, view: LiveView) -> None:
        self.present.setVisible(may(view.role, CommandKind.PRESENTER_SHOW))
        shown = view.state.presented
        if self._retry_due(shown):
            self.go_to_presented()  # the room is in reach: try the fetch that failed again
        if shown is None or shown == self.presented:
            return
        self.presented = shown
        if self.following:
            self.go_to_presented()
        else:
            self.back.show()

    def go_to_presented(self) -> None:
        shown = self.presented
        if shown is None:
            return
        page = shown.page - 1
        summary = self.reader.summary
        if summary is not None and summary.version_id == shown.document_version:
            self._expect = (shown.document_version, page)
            self._arrived = self.reader.view.current_page() == page  # no move signal then
            self.reader.view.go_to(page)
            return
        version = shown.document_version

        def find(job: Job[DocumentSummary | None]) -> DocumentSummary | None:
            # Current or superseded: the presenter may show an earlier version.
            return self.room.ws.session.cache.versions([version]).get(version)

        def found(doc: DocumentSummary | None) -> None:
            if self.presented is None or self.presented.document_version != version:
                return  # the presenter moved on meanwhile
            if doc is None or not doc.available:
                self._fetch(version)
                return
            self._open(doc)

        self.room.runner.run("db", find, found, owner=self)

    def _open(self, doc: DocumentSummary) -> None:
        shown = self.presented
        if shown is None or shown.document_version != doc.version_id or not self.following:
            return
        self.note.setText("")
        self.waiting_for = None
        self._expect, self._arrived = (doc.version_id, shown.page - 1), False
        self.reader.open_document(doc, shown.page - 1)

    def _fetch(self, version: str) -> None:
        """Download the presented version now (the sync's path, on the net lane)."""
        self.note.setText(
            self.tr("The presented document is not on this computer yet; fetching it…")
        )
        if self.fetching == version:
            return
        self.fetching = version
        session, options = self.room.ws.session, self.fetch_options

        def work(job: Job[DocumentSummary | None]) -> DocumentSummary | None:
            return fetch_version(session, version, options)

        def done(doc: DocumentSummary | None) -> None:
            self.fetching = None
            if doc is not None and doc.available:
                self._open(doc)
            elif self.presented is not None and self.presented.document_version == version:
                self.note.setText(self.tr("The presented document is not available to you."))

        def failed(exc: BaseException) -> None:
            # Offline or refused: keep the message; the room's return fetches it.
            self.fetching = None
            self._failed_at = time.monotonic()
            if not isinstance(exc, HanoiDeskError):
                self.room.runner.on_error(exc)  # a bug: reported, never silent
                return
            if self.presented is not None and self.presented.document_version == version:
                self.waiting_for = version
                self.note.setText(
                    self.tr(
                        "The presented document is not on this computer yet; it is fetched "
                        "when the connection returns."
                    )
                )

        self.room.runner.run(
            "net", work, done, failed=failed, owner=self, label="fetch the presented document"
        )

    def _retry_due(self, shown: Presented | None) -> bool:
        # The stream may outlive the link's loss (a new connection fails while the
        # open stream goes on), so "online" need not change: a reload of the view
        # while in reach retries too, at most every RETRY_FETCH_S.
        return (
            shown is not None
            and shown == self.presented
            and self.following
            and self.room.online
            and self.fetching is None
            and self.waiting_for == shown.document_version
            and time.monotonic() - self._failed_at >= RETRY_FETCH_S
        )

    def _online(self, online: bool) -> None:
        shown = self.presented
        waiting = shown is not None and self.waiting_for == shown.document_version
        if online and waiting and self.following:
            self.go_to_presented()

    def _reader_moved(self, page: int) -> None:
        summary = self.reader.summary
        expect = self._expect
        there = expect is not None and summary is not None and summary.version_id == expect[0]
        if expect is not None and not self._arrived:
            # The bar's own move is under way: opening a document shows its first
            # page before the presented one, which is no move of the reader's.
            self._arrived = there and page == expect[1]
            return
        if there and expect is not None and page == expect[1]:
            return  # where the presenter is
        if self.following and self.presented is not None:
            self._detach()

    def _detach(self) -> None:
        self.following = False
        self._expect = None
        self.follow.blockSignals(True)
        self.follow.setChecked(False)
        self.follow.blockSignals(False)
        self.back.show()

    def _toggled(self, on: bool) -> None:
        if on:
            self.return_to_presenter()
        else:
            self._detach()

    def return_to_presenter(self) -> None:
        self.following = True
        self.follow.blockSignals(True)
        self.follow.setChecked(True)
        self.follow.blockSignals(False)
        self.back.hide()
        self.go_to_presented()

    def present_page(self) -> None:
        summary = self.reader.summary
        if summary is None:
            return
        version, page = summary.version_id, self.reader.view.current_page() + 1
        self.room.act(lambda s, m: s.present(m, version, page))
