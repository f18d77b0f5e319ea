"""The reader: toolbar, thumbnails, the page view and the notes of the document.

Opening decrypts the document into memory on the render lane; notes made on
an older version are then re-anchored by one use case call on the render lane
(``app/reanchor.py``, which asks the database lane for what it reads and
writes), with its progress and result under the notes, before they are drawn.
The notes reload whenever the session publishes a change of notes, whoever
made it.

A version this profile signed is shown as its signed copy (the latest one
kept encrypted with the outbox: ``app.signatures.signed_copy``), with its
signature in the signatures panel, before and after the sync; the open
document reopens on the same page when a batch signs it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hanoi_desk.app.notes import STICKY, Note, Notes
from hanoi_desk.app.reader import Link, OpenDocument, TextMatch
from hanoi_desk.app.reanchor import Reanchored
from hanoi_desk.app.signatures import signed_copy
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.changes import ChangeFeed
from hanoi_desk.ui.common import named, show_error
from hanoi_desk.ui.icons import icon
from hanoi_desk.ui.notes_panel import NotesPanel
from hanoi_desk.ui.pdf_view import Mark, PdfView
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets, Signal
from hanoi_desk.ui.signatures_panel import SignaturesPanel
from hanoi_desk.ui.tasks import Job, TaskRunner
from hanoi_desk.ui.thumbnails import Thumbnails

SAFE_SCHEMES = ("http", "https", "mailto")


class ReaderPanel(QtWidgets.QWidget):
    opened = Signal(object)  # DocumentSummary

    def __init__(
        self,
        runner: TaskRunner,
        workspace: Callable[[], Workspace],
        language: str,
        user: str,
        parent: QtWidgets.QWidget | None = None,
        *,
        changes: ChangeFeed,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self.language = language
        self.user = user
        self.doc: OpenDocument | None = None
        self.summary: DocumentSummary | None = None
        self.shown: DocumentSummary | None = None
        """What the page view shows: ``summary``, or this profile's signed copy of it."""
        self.notes: list[Note] = []
        self.matches: list[TextMatch] = []
        self.match_index = -1
        self._search_job: Job[list[TextMatch]] | None = None
        self.show_watermark = True
        self.setObjectName("readerPanel")

        self.view = PdfView(runner)
        self.thumbs = Thumbnails(runner)
        self.notes_panel = NotesPanel(self._run_notes, language)
        self.trust: Callable[[], list[str]] = lambda: []
        # The document's notes and signatures are pages of the meeting window's
        # side panel (ui/side_panel.py): the window places these two widgets.
        self.signatures = SignaturesPanel(runner, workspace, self._trust_roots, language)
        self._build_toolbar()
        split = QtWidgets.QSplitter()
        split.setObjectName("readerSplit")
        split.addWidget(self.thumbs)
        split.addWidget(self.view)
        split.setStretchFactor(1, 4)
        split.setSizes([110, 800])
        self.thumbs.setMaximumWidth(160)  # the page is what is read
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(split)

        self.view.pageChanged.connect(self._page_changed)
        self.view.selectionChanged.connect(
            lambda text: self.notes_panel.highlight_button.setEnabled(bool(text))
        )
        self.view.linkActivated.connect(self._external_link)
        self.view.noteRequested.connect(self.add_sticky)
        self.view.boxDrawn.connect(lambda _p, _b: self.box_action.setChecked(False))
        self.thumbs.pageChosen.connect(self.view.go_to)
        self.notes_panel.activated.connect(self._note_activated)
        self.notes_panel.highlightRequested.connect(self.highlight_selection)
        self.notes_panel.stickyRequested.connect(
            lambda: self.add_sticky(self.view.current_page(), 72.0, 72.0)
        )
        changes.subscribe(("notes",), self.reload_notes)
        changes.subscribe(("signatures",), self._signed)
        # The panel's completion line follows the sync (completed, waiting, refused)
        # and the outbox (queued → sent), even when the copy shown stays the same.
        changes.subscribe(("signatures", "outbox"), self.signatures.load_mine)
        QtGui.QShortcut(QtGui.QKeySequence("Ctrl+H"), self, self.highlight_selection)
        QtGui.QShortcut(QtGui.QKeySequence("Ctrl+G"), self, self.page_box.setFocus)
        QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Find, self, self.search_box.setFocus)
        self._clock = QtCore.QTimer(self)
        self._clock.timeout.connect(self._update_watermark)
        self._clock.start(30_000)

    def _build_toolbar(self) -> None:
        bar = self.toolbar = QtWidgets.QToolBar()
        bar.setObjectName("readerTools")
        bar.setIconSize(QtCore.QSize(18, 18))
        self.title = QtWidgets.QLabel("")
        self.title.setObjectName("readerTitle")
        self.title.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        bar.addWidget(self.title)
        bar.addSeparator()
        self.zoom_box = QtWidgets.QComboBox()
        self.zoom_box.addItem("", "width")
        self.zoom_box.addItem("", "page")
        for pct in (50, 75, 100, 125, 150, 200, 300, 400):
            self.zoom_box.addItem(f"{pct} %", pct)
        self.zoom_box.currentIndexChanged.connect(self._zoom_chosen)
        bar.addWidget(self.zoom_box)
        self.page_box = QtWidgets.QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda v: self.view.go_to(v - 1))
        bar.addWidget(self.page_box)
        self.page_count = QtWidgets.QLabel("/ 0")
        bar.addWidget(self.page_count)
        bar.addSeparator()
        self.search_box = QtWidgets.QLineEdit()
        self.search_box.setObjectName("documentSearch")
        self.search_box.setMaximumWidth(220)
        self.search_box.returnPressed.connect(self.search)
        bar.addWidget(self.search_box)
        self.prev_match = bar.addAction("")
        self.prev_match.triggered.connect(lambda: self.step_match(-1))
        self.next_match = bar.addAction("")
        self.next_match.setShortcut(QtGui.QKeySequence("F3"))
        self.next_match.triggered.connect(lambda: self.step_match(1))
        self.match_label = QtWidgets.QLabel("")
        self.match_label.setObjectName("matchLabel")
        bar.addWidget(self.match_label)
        bar.addSeparator()
        self.box_action = bar.addAction("")
        self.box_action.setCheckable(True)
        self.box_action.toggled.connect(self._box_mode)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the reader's tools, again after a language change."""
        bar = self.toolbar
        bar.setAccessibleName(self.tr("Reader tools"))
        bar.setWindowTitle(self.tr("Reader tools"))
        named(self.zoom_box, self.tr("Zoom"))
        self.zoom_box.setItemText(0, self.tr("Fit width"))
        self.zoom_box.setItemText(1, self.tr("Fit page"))
        named(self.page_box, self.tr("Go to page"), self.tr("Go to page (Ctrl+G)"))
        self.search_box.setPlaceholderText(self.tr("Search in this document"))
        named(
            self.search_box,
            self.tr("Search in this document"),
            self.tr("Search in this document (Ctrl+F)"),
        )
        for action, text, name in (
            (self.prev_match, self.tr("Previous match"), "chevron-left"),
            (self.next_match, self.tr("Next match"), "chevron-right"),
            (self.box_action, self.tr("Draw signature box"), "signature"),
        ):
            action.setText(text)
            action.setIcon(icon(name))
            button = bar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(text)
        self.next_match.setToolTip(self.tr("Next match (F3)"))
        self.box_action.setToolTip(self.tr("Drag a box on the page where the signature goes"))

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- opening -------------------------------------------------------------------------

    def open_document(
        self, summary: DocumentSummary, page: int = 0, watermark: bool = True
    ) -> None:
        ws = self.workspace()
        self.show_watermark = watermark

        def work(
            job: Job[tuple[OpenDocument, DocumentSummary]],
        ) -> tuple[OpenDocument, DocumentSummary]:
            copy = ws.on_db(lambda: signed_copy(ws.session.cache, summary))
            shown = copy or summary
            return ws.reader.open(shown), shown

        def done(opened: tuple[OpenDocument, DocumentSummary]) -> None:
            doc, shown = opened
            self.close_document()
            self.doc, self.summary, self.shown = doc, summary, shown
            title = printable(summary.title, limit=80)
            if shown is not summary:
                title = self.tr("%1 — my signed copy").replace("%1", title)
            self.title.setText(title)
            self.page_box.setMaximum(doc.page_count)
            self.page_count.setText(f"/ {doc.page_count}")
            self.view.set_document(doc)
            self.thumbs.set_document(doc)
            self.view.go_to(page)
            self._update_watermark()
            self.reanchor_and_load()
            self.signatures.show_document(shown)
            self.opened.emit(summary)
            self.view.setFocus()

        self.runner.run(
            "render",
            work,
            done,
            failed=lambda exc: show_error(self, exc, self.language),
            owner=self,
        )

    def _signed(self) -> None:
        """A batch stored a signed copy, or a sync completed one: the open
        document is reopened on the same page if its copy to show changed (a
        batch of other documents, or a sync that completed nothing, leaves it)."""
        summary, ws = self.summary, self.workspace()
        if summary is None or self.doc is None:
            return

        def done(copy: DocumentSummary | None) -> None:
            shown = self.shown
            if self.summary is not summary or copy is None or shown is None:
                return
            if copy.sha256 != shown.sha256:
                self.open_document(summary, self.view.current_page(), self.show_watermark)

        self.runner.run("db", lambda job: signed_copy(ws.session.cache, summary), done, owner=self)

    def _box_mode(self, on: bool) -> None:
        self.view.box_mode = on
        self.view.setCursor(
            QtCore.Qt.CursorShape.CrossCursor if on else QtCore.Qt.CursorShape.ArrowCursor
        )

    def _trust_roots(self) -> list[str]:
        return self.trust()

    def close_document(self) -> None:
        """Drop the decrypted document (on the render lane, after pending renders)."""
        doc, self.doc, self.summary, self.shown = self.doc, None, None, None
        self.view.set_document(None)
        self.thumbs.set_document(None)
        self.notes_panel.show_notes([])
        self.notes_panel.show_status("")
        self.signatures.show_document(None)
        self.matches, self.match_index = [], -1
        self.title.setText("")
        if doc is not None:
            self.runner.run("render", lambda job: doc.close())

    def reanchor_and_load(self) -> None:
        """Notes of older versions onto this one (one use case call), then the notes."""
        doc, ws = self.doc, self.workspace()
        if doc is None:
            return

        def progress(done: int, total: int, _item: str) -> None:
            if self.doc is doc:
                self.notes_panel.show_status(
                    self.tr("Moving your notes to the new version: %1 of %2")
                    .replace("%1", str(done))
                    .replace("%2", str(total))
                )

        def done(result: Reanchored) -> None:
            if self.doc is not doc:
                return
            if result.moved:
                self.notes_panel.show_status(
                    self.tr("%1 notes moved to the new version; %2 of them not found in it.")
                    .replace("%1", str(len(result.moved)))
                    .replace("%2", str(len(result.lost)))
                )
            else:
                # A move published ``notes``, which reloads them; nothing moved, nothing did.
                self.reload_notes()

        def failed(exc: BaseException) -> None:
            self.notes_panel.show_status("")
            show_error(self, exc, self.language)
            self.reload_notes()  # the notes as they are stored

        self.runner.run(
            "render",
            lambda job: ws.reanchor(doc, job.progress, job.cancelled),
            done,
            failed=failed,
            progress=progress,
            owner=self,
        )

    def reload_notes(self) -> None:
        summary, ws = self.summary, self.workspace()
        if summary is None:
            return

        def done(notes: list[Note]) -> None:
            self.notes = notes
            self.notes_panel.show_notes(notes)
            self._update_marks()

        self.runner.run("db", lambda job: ws.notes.for_document(summary.id), done, owner=self)

    def _run_notes(self, action: Callable[[Notes], object]) -> None:
        # The use case publishes ``notes``: this panel, the meeting's notes and the
        # outbox reload from that, not from here.
        ws = self.workspace()
        self.runner.run(
            "db",
            lambda job: action(ws.notes),
            failed=lambda exc: show_error(self, exc, self.language),
            owner=self,
        )

    # -- notes -------------------------------------------------------------------------

    def highlight_selection(self) -> None:
        selection, summary = self.view.selection, self.summary
        if selection is None or summary is None:
            return
        page, text, rects = selection
        self.view.selection = None
        self._run_notes(lambda notes: notes.highlight(summary, page, text, rects))

    def add_sticky(self, page: int, x: float, y: float) -> None:
        summary = self.summary
        if summary is None:
            return
        text, ok = QtWidgets.QInputDialog.getMultiLineText(
            self,
            self.tr("Sticky note"),
            self.tr("Text of the note on page %1:").replace("%1", str(page + 1)),
        )
        if ok and text.strip():
            self._run_notes(lambda notes: notes.sticky(summary, page, (x, y), text))

    def _note_activated(self, note: Note) -> None:
        y = note.rects[0][1] if note.rects else 0.0
        self.view.go_to(note.page, y)

    def _update_marks(self) -> None:
        marks: dict[int, list[Mark]] = {}
        for note in self.notes:
            kind = "sticky" if note.kind == STICKY else "highlight"
            marks.setdefault(note.page, []).append(Mark(kind, note.rects, note.body))
        if 0 <= self.match_index < len(self.matches):
            match = self.matches[self.match_index]
            marks.setdefault(match.page, []).append(Mark("match", match.rects))
        self.view.marks = marks
        self.view.viewport().update()

    # -- search, zoom, pages ----------------------------------------------------------------

    def search(self) -> None:
        doc, query = self.doc, self.search_box.text()
        if doc is None:
            return
        if self._search_job is not None:
            self._search_job.cancel()
        self.match_label.setText(self.tr("Searching…"))

        def done(matches: list[TextMatch]) -> None:
            self.matches, self.match_index = matches, -1
            if not matches:
                self.match_label.setText(self.tr("No match"))
                self._update_marks()
                return
            self.step_match(1)

        self._search_job = self.runner.run(
            "render", lambda job: doc.find(query, job.cancelled), done, owner=self
        )

    def step_match(self, step: int) -> None:
        if not self.matches:
            return
        self.match_index = (self.match_index + step) % len(self.matches)
        match = self.matches[self.match_index]
        self.match_label.setText(
            self.tr("%1 of %2")
            .replace("%1", str(self.match_index + 1))
            .replace("%2", str(len(self.matches)))
        )
        self.view.go_to(match.page, match.rects[0][1] if match.rects else 0.0)
        self._update_marks()

    def _zoom_chosen(self, index: int) -> None:
        value = self.zoom_box.itemData(index)
        if isinstance(value, str):
            self.view.set_zoom(value)
        else:
            self.view.set_zoom("percent", float(value))

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.thumbs.show_page(page)

    def _update_watermark(self) -> None:
        if self.show_watermark and self.doc is not None:
            stamp = datetime.now().astimezone().strftime("%d/%m/%Y %H:%M")
            self.view.watermark = f"{self.user} · {stamp}"
        else:
            self.view.watermark = ""
        self.view.viewport().update()

    def _external_link(self, link: Link) -> None:
        uri = link.uri or ""
        url = QtCore.QUrl(uri)
        if url.scheme().lower() not in SAFE_SCHEMES:
            QtWidgets.QMessageBox.information(
                self,
                self.tr("Link not opened"),
                self.tr("This document links to “%1”, which Hanoi Desk does not open.").replace(
                    "%1", uri
                ),
            )
            return
        answer = QtWidgets.QMessageBox.question(
            self,
            self.tr("Open an external link?"),
            self.tr("The document links to:\n%1\n\nOpen it in your browser?").replace("%1", uri),
        )
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            QtGui.QDesktopServices.openUrl(url)
