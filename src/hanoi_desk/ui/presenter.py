"""Follow the presenter (docs/ui-live.md): a bar over the reader.

While the meeting is live, a following reader opens the presented document
version at the presented page from this computer's own encrypted cache; only
the position came over the stream. Any navigation of one's own detaches
(the bar then offers "Return to presenter"); the chair and the secretary
have "Present this page".
"""

from __future__ import annotations

from hanoi_desk.app.live import LiveView
from hanoi_desk.domain.live.roles import CommandKind, may
from hanoi_desk.domain.live.state import Presented
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.ui.live_room import LiveRoom
from hanoi_desk.ui.qt import QtCore, QtWidgets
from hanoi_desk.ui.reader_panel import ReaderPanel
from hanoi_desk.ui.tasks import Job


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
            self.reader.view.go_to(page)
            return
        version = shown.document_version

        def find(job: Job[DocumentSummary | None]) -> DocumentSummary | None:
            docs = self.room.ws.session.cache.documents()
            return next((d for d in docs if d.version_id == version), None)

        def found(doc: DocumentSummary | None) -> None:
            if self.presented is None or self.presented.document_version != version:
                return  # the presenter moved on meanwhile
            if doc is None or not doc.available:
                self.note.setText(
                    self.tr("The presented document is not on this computer yet; sync to get it.")
                )
                return
            self.note.setText("")
            self._expect = (version, page)
            self.reader.open_document(doc, page)

        self.room.runner.run("db", find, found, owner=self)

    def _reader_moved(self, page: int) -> None:
        summary = self.reader.summary
        expect = self._expect
        if expect is not None and summary is not None and summary.version_id == expect[0]:
            if page == expect[1]:
                return  # where the presenter is
        elif expect is not None:
            return  # the presented document is still opening
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
