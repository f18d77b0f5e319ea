"""Comments on the open document (góp ý): everyone's, shared with the meeting,
and a box to add one. A comment is queued in the outbox by the app layer
(``app/comments.py``) and shown with its state until the server has it:
queued, sending, sent, or refused with the reason. The list reloads when the
session publishes ``comments`` or ``outbox`` (a sync sent or pulled some).

Authors' names and texts come from the server: shown as plain text through
:func:`hanoi_desk.domain.text.printable`, never as rich text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hanoi_desk.app.comments import Comment, CommentState, refusal_text
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.common import named
from hanoi_desk.ui.icons import icon
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets

SHOWN_TEXT = 2000
"""Characters of one comment shown in the list (the whole text is in its tooltip)."""


class CommentsPanel(QtWidgets.QWidget):
    def __init__(
        self,
        load: Callable[[str], None],
        add: Callable[[DocumentSummary, str], None],
        language: Callable[[], str],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commentsPanel")
        self._load, self._add, self.language = load, add, language
        self.doc: DocumentSummary | None = None
        self.comments: list[Comment] = []
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QtWidgets.QLabel("")
        self.heading.setObjectName("commentsHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("commentsList")
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        layout.addWidget(self.list, 1)
        self.editor = QtWidgets.QPlainTextEdit()
        self.editor.setObjectName("commentEditor")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        layout.addWidget(self.editor)
        row = QtWidgets.QHBoxLayout()
        self.hint = QtWidgets.QLabel("")
        self.hint.setObjectName("commentHint")
        self.hint.setWordWrap(True)
        row.addWidget(self.hint, 1)
        self.send_button = QtWidgets.QPushButton()
        self.send_button.setObjectName("sendComment")
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self.send_button.clicked.connect(self.send)
        QtGui.QShortcut(QtGui.QKeySequence("Ctrl+Return"), self.editor, self.send)
        self.editor.textChanged.connect(self._enable)
        self.retranslate()
        self.show_document(None)

    def retranslate(self) -> None:
        named(self.list, self.tr("Comments on this document"))
        named(self.editor, self.tr("New comment"))
        self.editor.setPlaceholderText(self.tr("Your comment, shared with the meeting"))
        self.send_button.setText(self.tr("&Send"))
        self.send_button.setIcon(icon("send"))
        named(
            self.send_button,
            self.tr("Send the comment"),
            self.tr("Queue the comment; the next sync sends it (Ctrl+Enter)"),
        )
        self.hint.setText(self.tr("Shared with every participant of the meeting."))
        self._show()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_document(self, doc: DocumentSummary | None) -> None:
        """The open document (None: no document, nothing to comment on)."""
        changed = doc is None or self.doc is None or doc.id != self.doc.id
        self.doc = doc
        if changed:
            self.comments = []
            self.editor.clear()
        self._enable()
        self._show()
        self.reload()

    def reload(self) -> None:
        if self.doc is not None:
            self._load(self.doc.id)

    def show_comments(self, document_id: str, comments: list[Comment]) -> None:
        if self.doc is None or self.doc.id != document_id:
            return  # an answer for a document closed meanwhile
        self.comments = comments
        self._show()

    def send(self) -> None:
        text = self.editor.toPlainText()
        if self.doc is None or not text.strip():
            return
        self._add(self.doc, text)

    def sent(self) -> None:
        """The use case queued it: clear the box (the list reloads from the change)."""
        self.editor.clear()

    def _enable(self) -> None:
        ok = self.doc is not None
        self.editor.setEnabled(ok)
        self.send_button.setEnabled(ok and bool(self.editor.toPlainText().strip()))

    def _state(self, c: Comment) -> str:
        names = {
            CommentState.QUEUED: self.tr("queued, sent at the next sync"),
            CommentState.SENDING: self.tr("sending"),
            CommentState.SENT: self.tr("sent"),
            CommentState.REFUSED: self.tr("refused: %1"),
        }
        text = names[c.state]
        if c.state is CommentState.REFUSED:
            text = text.replace("%1", refusal_text(c.reason, self.language()))
        return text

    def _show(self) -> None:
        self.list.clear()
        if self.doc is None:
            self.heading.setText(self.tr("Open a document to read and add comments."))
            return
        self.heading.setText(
            self.tr("Comments on “%1”").replace("%1", printable(self.doc.title, limit=80))
        )
        for c in self.comments:
            who = self.tr("Me") if c.mine and not c.author else printable(c.author, limit=60)
            when = _when(c.created_at)
            top = f"{who} · {when}"
            if c.version != self.doc.version:
                top += " · " + self.tr("on version %1").replace("%1", str(c.version))
            if c.mine:
                top += " · " + self._state(c)
            text = _lines(c.text)
            item = QtWidgets.QListWidgetItem(f"{top}\n{text[:SHOWN_TEXT]}")
            item.setToolTip(QtGui.Qt.convertFromPlainText(text))
            if c.state in (CommentState.QUEUED, CommentState.SENDING):
                item.setIcon(icon("clock"))
            elif c.state is CommentState.REFUSED:
                item.setIcon(icon("cloud-alert"))
            self.list.addItem(item)
        if not self.comments:
            self.list.addItem(self.tr("No comments on this document yet."))


def _lines(text: str) -> str:
    """A comment's text, line by line through the one escaping rule (a line
    break stays a line break; a control character or bidi override does not act)."""
    return "\n".join(printable(line) for line in text.splitlines())


def _when(stamp: str) -> str:
    """A stored time stamp in this computer's time zone, in the UI's locale."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return ""
    when = QtCore.QDateTime(
        QtCore.QDate(moment.year, moment.month, moment.day),
        QtCore.QTime(moment.hour, moment.minute),
    )
    return QtCore.QLocale().toString(when, "dd/MM HH:mm")
