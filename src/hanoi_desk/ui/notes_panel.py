"""The notes beside the reader: highlights and sticky notes of the open document,
and the notes list of a whole meeting. All reads and writes run on the
database lane; a note and its outbox entry are saved together by the app layer,
which publishes the change: each list reloads itself from that (``ui/changes.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from hanoi_desk.app.notes import STICKY, Note, Notes
from hanoi_desk.ui.common import named
from hanoi_desk.ui.icons import icon
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets, Signal

NOTE_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1


def note_label(widget: QtWidgets.QWidget, note: Note, with_title: bool = False) -> str:
    """One line per note; lupdate finds these under the context of ``NotesPanel``."""
    kind = (
        QtCore.QCoreApplication.translate("NotesPanel", "Note")
        if note.kind == STICKY
        else QtCore.QCoreApplication.translate("NotesPanel", "Highlight")
    )
    text = note.body if note.kind == STICKY else f"“{note.quote}”"
    if note.kind != STICKY and note.body:
        text += f" — {note.body}"
    line = (
        QtCore.QCoreApplication.translate("NotesPanel", "p. %1").replace("%1", str(note.page + 1))
        + f" · {kind}: {text}"
    )
    if note.lost:
        line += " " + QtCore.QCoreApplication.translate(
            "NotesPanel", "(not found in the new version)"
        )
    if with_title:
        line = f"{note.document_title} · {line}"
    return " ".join(line.split())


class NotesPanel(QtWidgets.QWidget):
    """Notes of one document (reader side panel) or one meeting (notes tab)."""

    activated = Signal(object)  # Note
    highlightRequested = Signal()
    stickyRequested = Signal()

    def __init__(
        self,
        run_db: Callable[..., object],
        language: str,
        *,
        meeting_mode: bool = False,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.run_db = run_db
        self.language = language
        self.meeting_mode = meeting_mode
        self.notes: list[Note] = []
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QtWidgets.QLabel("")
        layout.addWidget(self.title)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("notesList")
        self.list.setWordWrap(True)
        self.title.setBuddy(self.list)
        layout.addWidget(self.list)
        self.status = QtWidgets.QLabel("")
        self.status.setObjectName("notesStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        # Two rows of two: the panel stays narrow beside the reader (1366×768 at 125 %).
        row = QtWidgets.QGridLayout()
        self.highlight_button = QtWidgets.QPushButton()
        self.sticky_button = QtWidgets.QPushButton()
        self.edit_button = QtWidgets.QPushButton()
        self.delete_button = QtWidgets.QPushButton()
        buttons = (self.highlight_button, self.sticky_button, self.edit_button, self.delete_button)
        for n, b in enumerate(buttons):
            row.addWidget(b, *divmod(n, 2))
        self.highlight_button.setVisible(not meeting_mode)
        self.sticky_button.setVisible(not meeting_mode)
        layout.addLayout(row)
        self.highlight_button.setEnabled(False)
        self.list.itemActivated.connect(self._activated)
        self.highlight_button.clicked.connect(self.highlightRequested)
        self.sticky_button.clicked.connect(self.stickyRequested)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(
            self.tr("Notes of this meeting") if self.meeting_mode else self.tr("My notes")
        )
        named(self.list, self.tr("Private notes"))
        self.highlight_button.setText(self.tr("&Highlight"))
        self.highlight_button.setIcon(icon("highlighter"))
        named(
            self.highlight_button,
            self.tr("Highlight the selected text"),
            self.tr("Highlight the selected text (Ctrl+H)"),
        )
        self.sticky_button.setText(self.tr("Add &note"))
        self.sticky_button.setIcon(icon("sticky-note"))
        named(self.sticky_button, self.tr("Add a sticky note on this page"))
        self.edit_button.setText(self.tr("&Edit"))
        named(self.edit_button, self.tr("Edit the chosen note"))
        self.delete_button.setText(self.tr("&Delete"))
        named(self.delete_button, self.tr("Delete the chosen note"))
        self.show_notes(self.notes)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_notes(self, notes: list[Note]) -> None:
        self.notes = notes
        self.list.clear()
        for note in notes:
            item = QtWidgets.QListWidgetItem(note_label(self, note, with_title=self.meeting_mode))
            item.setData(NOTE_ROLE, note.id)
            if note.lost:  # the palette's colour for links seen: readable in both themes
                item.setForeground(self.palette().color(QtGui.QPalette.ColorRole.LinkVisited))
            self.list.addItem(item)

    def show_status(self, text: str) -> None:
        """A line under the list (a re-anchoring's progress or result); empty hides it."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def selected(self) -> Note | None:
        item = self.list.currentItem()
        if item is None:
            return None
        note_id = item.data(NOTE_ROLE)
        return next((n for n in self.notes if n.id == note_id), None)

    def _activated(self, item: QtWidgets.QListWidgetItem) -> None:
        note = self.selected()
        if note is not None:
            self.activated.emit(note)

    def edit_selected(self) -> None:
        note = self.selected()
        if note is None:
            return
        text, ok = QtWidgets.QInputDialog.getMultiLineText(
            self, self.tr("Edit note"), self.tr("Text of the note:"), note.body
        )
        if ok:
            self.run_db(lambda notes: notes.edit(note.id, text))

    def delete_selected(self) -> None:
        note = self.selected()
        if note is None:
            return
        answer = QtWidgets.QMessageBox.question(
            self, self.tr("Delete note"), self.tr("Delete this note on every device?")
        )
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            self.run_db(lambda notes: notes.delete(note.id))


NotesAction = Callable[[Notes], object]
