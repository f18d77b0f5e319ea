"""Comment threads on the open document (góp ý, docs/comment-threads.md): each
thread with its quote, state and replies, placed on the version being read;
the orphaned ones (their quote is gone or ambiguous in this version) listed
apart under their own heading, never moved; a box to add a comment (with who
may read it) or a reply to the selected thread; the drafting unit's answer
(and the author's withdrawal) for the selected thread; Edit on my own comment
(a new revision: the server keeps the earlier texts, which "Earlier texts"
shows for any edited comment). A comment is queued in
the outbox by the app layer (``app/comments.py``) and shown with its state until the server has it:
queued, sending, sent, or refused with the reason. The list reloads when the
session publishes ``comments`` or ``outbox`` (a sync sent or pulled some).

Authors' names and texts come from the server: shown as plain text through
:func:`hanoi_desk.domain.text.printable`, never as rich text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hanoi_desk.app.comments import Comment, Comments, CommentState, refusal_text
from hanoi_desk.domain.comment_threads import ThreadState, Visibility, may_resolve
from hanoi_desk.domain.comments import Thread
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.common import named
from hanoi_desk.ui.icons import icon
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets

SHOWN_TEXT = 2000
"""Characters of one comment shown in the list (the whole text is in its tooltip)."""
SHOWN_QUOTE = 200

Adder = Callable[..., None]
"""``add(doc, text, visibility=, reply_to=)``: queue a comment or a reply."""
Action = Callable[[Callable[[Comments], object]], None]
"""Run a use case on the database lane (an answer to a thread, an edit); the
window calls :meth:`CommentsPanel.acted` once it has run without error."""
COMMENT_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1
"""An item's own comment id (``UserRole`` holds its thread's, to select the thread)."""


class CommentsPanel(QtWidgets.QWidget):
    def __init__(
        self,
        load: Callable[[DocumentSummary], None],
        add: Adder,
        language: Callable[[], str],
        parent: QtWidgets.QWidget | None = None,
        act: Action | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commentsPanel")
        self._load, self._add, self.language = load, add, language
        self._act = act
        self.doc: DocumentSummary | None = None
        self.comments: list[Comment] = []
        self.threads: list[Thread] = []
        self.my_ids: frozenset[str] = frozenset()
        self.reply_to: Thread | None = None
        self.editing: Comment | None = None
        """My comment whose new text the editor holds (Edit pressed)."""
        self._edit_sent = False
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
        self.list.currentItemChanged.connect(lambda *_: self._selected())
        self._thread_controls(layout)
        self.editor = QtWidgets.QPlainTextEdit()
        self.editor.setObjectName("commentEditor")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        layout.addWidget(self.editor)
        row = QtWidgets.QHBoxLayout()
        self.hint = QtWidgets.QLabel("")
        self.hint.setObjectName("commentHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # names a member: untrusted
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

    def _thread_controls(self, layout: QtWidgets.QVBoxLayout) -> None:
        """The answer row, its refusal line, and the reply / visibility row."""
        # The drafting unit's answer to the selected thread (or its author's withdrawal).
        answer_row = QtWidgets.QHBoxLayout()
        self.state_box = QtWidgets.QComboBox()
        self.state_box.setObjectName("threadState")
        answer_row.addWidget(self.state_box)
        self.answer_edit = QtWidgets.QLineEdit()
        self.answer_edit.setObjectName("threadAnswer")
        answer_row.addWidget(self.answer_edit, 1)
        self.mark_button = QtWidgets.QPushButton()
        self.mark_button.setObjectName("markThread")
        answer_row.addWidget(self.mark_button)
        self.answer_widgets = QtWidgets.QWidget()
        self.answer_widgets.setLayout(answer_row)
        answer_row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.answer_widgets)
        self.answer_widgets.setVisible(False)  # shown for a thread I may mark
        self.mark_button.clicked.connect(self.mark)
        self.answer_problem = QtWidgets.QLabel("")
        self.answer_problem.setObjectName("threadProblem")
        self.answer_problem.setWordWrap(True)
        self.answer_problem.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # a server's reason
        layout.addWidget(self.answer_problem)
        reply_row = QtWidgets.QHBoxLayout()
        self.reply_button = QtWidgets.QPushButton()
        self.reply_button.setObjectName("replyThread")
        self.reply_button.setCheckable(True)
        reply_row.addWidget(self.reply_button)
        self.visibility_box = QtWidgets.QComboBox()
        self.visibility_box.setObjectName("commentVisibility")
        # The side panel is narrow: the choices must not widen it (the window's
        # toolbar would overflow into its extension button).
        for box in (self.visibility_box, self.state_box):
            box.setSizeAdjustPolicy(
                QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(6)
        reply_row.addWidget(self.visibility_box, 1)
        layout.addLayout(reply_row)
        self.reply_button.toggled.connect(lambda _on: self._reply_mode())
        self._edit_controls(layout)

    def _edit_controls(self, layout: QtWidgets.QVBoxLayout) -> None:
        """Edit my own comment, and read an edited one's earlier texts: shown only
        for a comment they apply to (absent, not greyed, on another's comment)."""
        edit_row = QtWidgets.QHBoxLayout()
        self.edit_button = QtWidgets.QPushButton()
        self.edit_button.setObjectName("editComment")
        self.edit_button.setCheckable(True)
        edit_row.addWidget(self.edit_button)
        self.history_button = QtWidgets.QPushButton()
        self.history_button.setObjectName("commentHistory")
        self.history_button.setCheckable(True)
        edit_row.addWidget(self.history_button)
        edit_row.addStretch(1)
        layout.addLayout(edit_row)
        self.history = QtWidgets.QLabel("")
        self.history.setObjectName("commentHistoryText")
        self.history.setWordWrap(True)
        self.history.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # the author's old texts
        self.history.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.history)
        self.edit_button.toggled.connect(self._edit_mode)
        self.history_button.toggled.connect(lambda _on: self._show_history())

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
        self.reply_button.setText(self.tr("&Reply"))
        named(self.reply_button, self.tr("Reply to the selected thread"))
        self.edit_button.setText(self.tr("&Edit"))
        named(
            self.edit_button,
            self.tr("Edit my selected comment"),
            self.tr("Write its new text and send; the earlier text is kept and shown"),
        )
        self.history_button.setText(self.tr("Earlier texts"))
        named(self.history_button, self.tr("Show the selected comment's earlier texts"))
        self.visibility_box.blockSignals(True)
        chosen = self.visibility_box.currentIndex()
        self.visibility_box.clear()
        for v in Visibility:
            self.visibility_box.addItem(self._visibility_name(v), v.value)
        self.visibility_box.setCurrentIndex(max(0, chosen))
        self.visibility_box.blockSignals(False)
        named(self.visibility_box, self.tr("Who reads the new comment"))
        self.state_box.clear()
        for state in ThreadState:
            self.state_box.addItem(self._state_name(state), state.value)
        named(self.state_box, self.tr("State of the thread"))
        self.answer_edit.setPlaceholderText(self.tr("Answer (tiếp thu, giải trình)"))
        named(self.answer_edit, self.tr("Answer to the thread"))
        self.mark_button.setText(self.tr("&Mark"))
        named(self.mark_button, self.tr("Mark the selected thread"),
              self.tr("Queue the state and answer; the next sync sends them"))  # fmt: skip
        self.hint.setText(self.tr("Shared with every participant of the meeting."))
        self._show()

    def _visibility_name(self, v: Visibility) -> str:
        return {
            Visibility.ALL: self.tr("All members"),
            Visibility.SECRETARIAT: self.tr("Secretariat only"),
            Visibility.DRAFTING: self.tr("Drafting unit"),
        }[v]

    def _state_name(self, state: ThreadState) -> str:
        return {
            ThreadState.OPEN: self.tr("not answered yet"),
            ThreadState.ACCEPTED: self.tr("accepted"),
            ThreadState.EXPLAINED: self.tr("explained"),
            ThreadState.NOT_ACCEPTED: self.tr("not accepted"),
            ThreadState.WITHDRAWN: self.tr("withdrawn"),
        }[state]

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_document(self, doc: DocumentSummary | None) -> None:
        """The open document (None: no document, nothing to comment on)."""
        changed = doc is None or self.doc is None or doc.id != self.doc.id
        self.doc = doc
        if changed:
            self.comments, self.threads = [], []
            self.edit_button.setChecked(False)
            self.editor.clear()
            self.reply_button.setChecked(False)
        self._enable()
        self._show()
        self.reload()

    def reload(self) -> None:
        if self.doc is not None:
            self._load(self.doc)

    def show_threads(self, version_id: str, threads: list[Thread], my_ids: frozenset[str]) -> None:
        """The threads placed on version ``version_id`` (``my_ids``: my user ids, to
        offer the answer to the drafting unit and the withdrawal to the author)."""
        if self.doc is None or self.doc.version_id != version_id:
            return  # an answer for a document closed meanwhile
        self.threads, self.my_ids = threads, my_ids
        self.comments = [c for t in threads for c in (t.root, *t.replies)]
        self._show()

    def send(self) -> None:
        text = self.editor.toPlainText()
        if self.doc is None or not text.strip():
            return
        if self.editing is not None and self.edit_button.isChecked():
            if self._act is None:
                return
            comment_id = self.editing.id
            self._edit_sent = True
            # The editor keeps the text until the edit is queued (acted): a
            # refusal is shown by the window and loses nothing.
            self._act(lambda c: c.edit(comment_id, text))
            return
        target = self.reply_to if self.reply_button.isChecked() else None
        if target is not None:
            self._add(self.doc, text, reply_to=target.root.id)
        else:
            chosen = Visibility(self.visibility_box.currentData() or "all")
            self._add(self.doc, text, visibility=chosen)

    def _selected_thread(self) -> Thread | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(QtCore.Qt.ItemDataRole.UserRole)
        return next((t for t in self.threads if t.root.id == wanted), None)

    def _selected_comment(self) -> Comment | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(COMMENT_ROLE)
        return next((c for c in self.comments if c.id == wanted), None)

    def _selected(self) -> None:
        thread = self._selected_thread()
        on_server = thread is not None and thread.root.state is CommentState.SENT
        self.reply_button.setEnabled(on_server)
        if not on_server:
            self.reply_button.setChecked(False)
        self.reply_to = thread if on_server else None
        drafting = thread is not None and bool(thread.root.drafter_ids & self.my_ids)
        author = thread is not None and thread.root.mine
        self.answer_widgets.setVisible(on_server and (drafting or author))
        self.answer_problem.setText("")
        comment = self._selected_comment()
        # Only its author edits a comment, once the server has it (an edit names
        # the server's id). The server allows it until the meeting closes, also
        # after the drafting unit answered: the answered text stays readable under
        # "Earlier texts" and the comment says "edited" (docs/comment-threads.md).
        editable = comment is not None and comment.mine and comment.state is CommentState.SENT
        if self.editing is not None and (comment is None or comment.id != self.editing.id):
            self.edit_button.setChecked(False)  # another comment chosen: not editing it
        self.edit_button.setVisible(editable)
        self.history_button.setVisible(comment is not None and bool(comment.revisions))
        self.reply_button.setEnabled(on_server and self.editing is None)
        self._show_history()
        self._reply_mode()

    def _edit_mode(self, on: bool) -> None:
        self._edit_sent = False
        comment = self._selected_comment() if on else None
        if on and comment is not None:
            self.editing = comment
            self.reply_button.setChecked(False)
            self.editor.setPlainText(comment.text)
            self.editor.setFocus()
        elif self.editing is not None:
            self.editing = None
            self.editor.clear()
        self.reply_button.setEnabled(self.editing is None and self.reply_to is not None)
        self._reply_mode()

    def _show_history(self) -> None:
        """The selected comment's earlier texts, oldest first, when asked for."""
        comment = self._selected_comment()
        if not self.history_button.isChecked() or comment is None or not comment.revisions:
            self.history.setVisible(False)
            self.history.setText("")
            return
        lines = [self.tr("Edited; earlier texts, oldest first:")]
        for text, stamp in comment.revisions:
            lines.append(f"{_when(stamp)}: {_lines(text)[:SHOWN_TEXT]}")
        self.history.setText("\n".join(lines))
        self.history.setVisible(True)

    def acted(self) -> None:
        """A use case run through ``act`` succeeded: an edit is queued, the box empties."""
        if self.editing is not None and self._edit_sent:
            self.edit_button.setChecked(False)

    def _reply_mode(self) -> None:
        replying = self.reply_button.isChecked() and self.reply_to is not None
        editing = self.editing is not None
        # A reply has its thread's readers; an edit keeps its comment's.
        self.visibility_box.setEnabled(not replying and not editing)
        if editing:
            self.send_button.setText(self.tr("&Save edit"))
            self.hint.setText(self.tr("Editing my comment; the earlier text is kept."))
            return
        self.send_button.setText(self.tr("&Send"))
        if replying and self.reply_to is not None:
            who = printable(self.reply_to.root.author, limit=60) or self.tr("Me")
            self.hint.setText(self.tr("Replying to %1's comment.").replace("%1", who))
        else:
            self.hint.setText(self.tr("Shared with every participant of the meeting."))

    def mark(self) -> None:
        """Queue the chosen state and answer for the selected thread; the rule the
        server applies is checked first and its refusal shown beside the button."""
        thread = self._selected_thread()
        if thread is None or self._act is None:
            return
        state = ThreadState(self.state_box.currentData())
        answer = self.answer_edit.text()
        problem = may_resolve(state, answer, drafting=bool(thread.root.drafter_ids & self.my_ids),
                              author=thread.root.mine, is_root=True)  # fmt: skip
        if problem is not None:
            self.answer_problem.setText(refusal_text(problem.value, self.language()))
            return
        root_id, mine = thread.root.id, self.my_ids
        self._act(lambda c: c.resolve(root_id, state, answer, my_user_ids=mine))
        self.answer_edit.clear()

    def sent(self) -> None:
        """The use case queued it: clear the box (the list reloads from the change)."""
        self.editor.clear()
        self.reply_button.setChecked(False)

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
        # A reload (a sync, the outbox) keeps the chosen comment chosen, so an
        # edit or a reply being written is not dropped by the list's rebuild.
        current = self.list.currentItem()
        keep = current.data(COMMENT_ROLE) if current is not None else None
        self.list.blockSignals(True)
        try:
            self._fill()
            for row in range(self.list.count()):
                if keep is not None and self.list.item(row).data(COMMENT_ROLE) == keep:
                    self.list.setCurrentRow(row)
                    break
        finally:
            self.list.blockSignals(False)
        self._selected()

    def _fill(self) -> None:
        self.list.clear()
        if self.doc is None:
            self.heading.setText(self.tr("Open a document to read and add comments."))
            return
        self.heading.setText(
            self.tr("Comments on “%1”").replace("%1", printable(self.doc.title, limit=80))
        )
        placed = [t for t in self.threads if not t.orphaned]
        orphaned = [t for t in self.threads if t.orphaned]
        for t in placed:
            self._add_thread(t)
        if orphaned:
            # Listed apart, never moved: their quote is gone or ambiguous in this version.
            head = QtWidgets.QListWidgetItem(
                self.tr("Orphaned threads: their quote is not found once in this version")
            )
            head.setFlags(QtCore.Qt.ItemFlag.NoItemFlags)
            head.setIcon(icon("cloud-alert"))
            self.list.addItem(head)
            for t in orphaned:
                self._add_thread(t)
        if not self.threads:
            self.list.addItem(self.tr("No comments on this document yet."))

    def _add_thread(self, t: Thread) -> None:
        assert self.doc is not None
        c = t.root
        item = self._comment_item(c)
        tags = []
        if c.thread_state is not ThreadState.OPEN:
            tags.append(self._state_name(c.thread_state))
        if c.visibility is not Visibility.ALL:
            tags.append(self._visibility_name(c.visibility))
        if c.revisions:
            tags.append(self.tr("edited"))
        head, _, body = item.text().partition("\n")
        if tags:
            head += " · " + ", ".join(tags)
        lines = [head]
        if c.anchor is not None:
            page = t.located.page or c.anchor.page
            quote = printable(c.anchor.quote, limit=SHOWN_QUOTE)
            lines.append(self.tr("“%1” (page %2)").replace("%1", quote).replace("%2", str(page)))
        if t.orphaned:
            lines.append(self._orphan_reason(t))
        lines.append(body)
        if c.answer:
            who = printable(c.answered_by, limit=60)
            lines.append(self.tr("Answer by %1: %2").replace("%1", who)
                         .replace("%2", _lines(c.answer)[:SHOWN_TEXT]))  # fmt: skip
        item.setText("\n".join(lines))
        item.setData(QtCore.Qt.ItemDataRole.UserRole, c.id)
        item.setData(COMMENT_ROLE, c.id)
        self.list.addItem(item)
        for r in t.replies:
            reply = self._comment_item(r)
            reply.setText("    ↳ " + reply.text().replace("\n", "\n    "))
            reply.setData(QtCore.Qt.ItemDataRole.UserRole, c.id)  # selects its thread
            reply.setData(COMMENT_ROLE, r.id)
            self.list.addItem(reply)

    def _orphan_reason(self, t: Thread) -> str:
        from hanoi_desk.domain.comment_threads import Placement

        if t.located.placement is Placement.ORPHANED_AMBIGUOUS:
            return self.tr("Orphaned: the quote occurs more than once in this version")
        return self.tr("Orphaned: the quote is no longer in this version")

    def _comment_item(self, c: Comment) -> QtWidgets.QListWidgetItem:
        assert self.doc is not None
        who = self.tr("Me") if c.mine and not c.author else printable(c.author, limit=60)
        when = _when(c.created_at)
        top = f"{who} · {when}"
        if c.version != self.doc.version:
            top += " · " + self.tr("on version %1").replace("%1", str(c.version))
        if c.mine:
            top += " · " + self._state(c)
        if c.revisions and c.parent_id is not None:
            top += " · " + self.tr("edited")  # a thread's root says it among its tags
        text = _lines(c.text)
        item = QtWidgets.QListWidgetItem(f"{top}\n{text[:SHOWN_TEXT]}")
        item.setToolTip(QtGui.Qt.convertFromPlainText(text))
        if c.state in (CommentState.QUEUED, CommentState.SENDING):
            item.setIcon(icon("clock"))
        elif c.state is CommentState.REFUSED:
            item.setIcon(icon("cloud-alert"))
        return item


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
