"""The respondent's written consultation (lấy ý kiến bằng văn bản): the side
panel's "Consultations" page (docs/ui-consultation.md).

The consultations this computer knows (the open ones first), each with its
reference, title, deadline (the server's, in local time, with the time left)
and where my opinion stands; the chosen one's documents (opened in the reader)
and its form: per question agree / disagree / other opinion (a text box for
"other"), *Preview* (the opinion sheet as it will be signed) and *Sign and
send* (the token chosen as in signing, the PIN asked once through the one PIN
dialog, never retried; the signed opinion is queued and the sync sends it).

No rule is written here: what may be answered is ``app.consultation``
(``check_answers``, ``answer``) over ``domain.consultation``. The list loads on
the ``db`` lane, the sheet is generated on the ``render`` lane, signing runs on
the ``token`` lane; nothing blocks the window.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from hanoi_desk.app.token_access import TokenManager
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.domain import consultation as dc
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import HanoiDeskError
from hanoi_desk.ui.common import error_text
from hanoi_desk.ui.key_list import KeyList
from hanoi_desk.ui.live_room import flow_layout, named_button, plain_label, side_scroll_area
from hanoi_desk.ui.live_votes import KeyEntry
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets, Signal
from hanoi_desk.ui.tasks import Job, TaskRunner
from hanoi_desk.ui.token_outcome import token_outcome

if TYPE_CHECKING:
    # app.consultation brings the signing pipeline (pyHanko, seconds to import):
    # loaded when the page first loads, not when the window starts.
    from hanoi_desk.app.consultation import ConsultationView, SignOpinion
    from hanoi_desk.signing.pin import PinPrompt


CONSULTATION_ROLE = QtCore.Qt.ItemDataRole.UserRole + 31
DOC_ROLE = QtCore.Qt.ItemDataRole.UserRole + 32
ANSWER_ORDER = (dc.Answer.AGREE, dc.Answer.DISAGREE, dc.Answer.OTHER)


def local_time(epoch: int) -> str:
    """A server time (UTC seconds) in this computer's time zone, to the minute."""
    return datetime.fromtimestamp(epoch, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def is_read_only(c: dc.Consultation, now: float) -> bool:
    """The form takes no answer: not asked, not open, or the deadline is past.
    (After the deadline the server would keep an opinion marked late, never
    counted: the form says so rather than collecting a signature for nothing.)"""
    return not c.respondent or c.state is not dc.ConsultationState.OPEN or now > c.deadline


class KeyChooser(QtWidgets.QWidget):
    """The token and certificate to sign with, found as signing finds them
    (``key_entries``, on the token lane)."""

    def __init__(
        self,
        runner: TaskRunner,
        tokens: Callable[[], TokenManager] | None,
        key_settings: Callable[[], tuple[Sequence[str], Sequence[str]]],
        language: Callable[[], str],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.tokens, self.key_settings = runner, tokens, key_settings
        self.language = language
        self.box = QtWidgets.QComboBox()
        self.box.setObjectName("consultKeyBox")
        self.box.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.box.setMinimumContentsLength(8)
        self.find_button = named_button("consultFindKeys")
        self.key_list = KeyList(self.box, self.find_button, item_tips=True)
        self.note = plain_label("consultKeyNote")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QtWidgets.QLabel("")
        self.label.setBuddy(self.box)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        layout.addWidget(self.box)
        layout.addLayout(flow_layout(self.find_button))
        layout.addWidget(self.note)
        self.find_button.clicked.connect(self.look)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Sign with:"))
        self.find_button.setText(self.tr("Find &tokens"))
        self.box.setAccessibleName(self.tr("Sign with"))
        self.find_button.setAccessibleName(self.find_button.text().replace("&", ""))

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def keys(self) -> list[KeyEntry]:
        return self.key_list.keys

    def look(self) -> None:
        if self.tokens is None:
            return

        def found(entries: list[KeyEntry], problems: list[HanoiDeskError]) -> None:
            texts = [error_text(p, self.language()) for p in problems]
            self.note.setText(
                ""
                if entries
                else " ".join(texts) or self.tr("No token found. Plug it in and try again.")
            )

        def failed(exc: BaseException) -> None:
            self.note.setText(error_text(exc, self.language()))

        self.key_list.look(self.runner, self.tokens, self.key_settings(), self,
                           found=found, failed=failed)  # fmt: skip

    def chosen(self) -> KeyEntry | None:
        return self.key_list.chosen()

    def how(self, owner: object = None) -> SignOpinion | None:
        entry = self.chosen()
        if entry is None:
            return None
        from hanoi_desk.app.consultation import SignOpinion

        return SignOpinion(entry.module, entry.token, software_key=entry.software_key,
                           cert_id=entry.cert_id, owner=owner)  # fmt: skip


class QuestionBox(QtWidgets.QWidget):
    """One question: its text, agree / disagree / other, and the opinion's text
    (shown for "other")."""

    changed = Signal()

    def __init__(self, number: int, question: dc.Question) -> None:
        super().__init__()
        self.setObjectName(f"question-{question.id}")
        self.question = question
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.text = plain_label("questionText")
        self.text.setText(f"{number}. {printable(question.text)}")
        layout.addWidget(self.text)
        self.group = QtWidgets.QButtonGroup(self)
        self.radios: list[QtWidgets.QRadioButton] = []
        for i, _answer in enumerate(ANSWER_ORDER):
            radio = QtWidgets.QRadioButton("")
            self.group.addButton(radio, i)
            self.radios.append(radio)
            layout.addWidget(radio)
        self.other = QtWidgets.QPlainTextEdit()
        self.other.setObjectName("otherOpinion")
        self.other.setTabChangesFocus(True)
        self.other.setMaximumHeight(80)
        self.other.hide()
        layout.addWidget(self.other)
        self.group.idToggled.connect(lambda _i, _on: self._toggled())
        self.other.textChanged.connect(self.changed.emit)
        self.retranslate()

    def retranslate(self) -> None:
        for radio, text in zip(
            self.radios,
            (self.tr("Agree"), self.tr("Disagree"), self.tr("Other opinion")),
            strict=True,
        ):
            radio.setText(text)
            radio.setAccessibleName(text)
        self.other.setPlaceholderText(self.tr("Your opinion"))
        self.other.setAccessibleName(self.tr("Your opinion"))

    def _toggled(self) -> None:
        self.other.setVisible(self.group.checkedId() == 2)
        self.changed.emit()

    def answer(self) -> dict[str, str] | None:
        chosen = self.group.checkedId()
        if chosen < 0:
            return None
        text = self.other.toPlainText().strip() if chosen == 2 else ""
        return {"answer": ANSWER_ORDER[chosen].value, "text": text}

    def set_answer(self, reply: dc.Reply) -> None:
        self.radios[ANSWER_ORDER.index(reply.answer)].setChecked(True)
        if reply.answer is dc.Answer.OTHER:
            self.other.setPlainText(reply.text)

    def set_read_only(self, read_only: bool) -> None:
        for radio in self.radios:
            radio.setEnabled(not read_only)
        self.other.setReadOnly(read_only)


class PreviewDialog(QtWidgets.QDialog):
    """The opinion sheet as it will be signed, page by page (pixels from memory)."""

    def __init__(
        self, pages: list[tuple[int, int, int, bytes]], parent: QtWidgets.QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("opinionPreview")
        self.setWindowTitle(self.tr("Opinion sheet — preview"))
        body = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(body)
        self.images: list[QtGui.QImage] = []
        for width, height, stride, samples in pages:
            image = QtGui.QImage(
                samples, width, height, stride, QtGui.QImage.Format.Format_RGB888
            ).copy()
            self.images.append(image)
            label = QtWidgets.QLabel()
            label.setPixmap(QtGui.QPixmap.fromImage(image))
            column.addWidget(label)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidget(body)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(660, 700)


class ConsultationPanel(QtWidgets.QWidget):
    """The side panel's "Consultations" page."""

    documentChosen = Signal(str)
    """A consultation's document version to open in the reader."""
    loaded = Signal(object)
    """The list was (re)loaded: ``list[ConsultationView]``."""

    def __init__(
        self,
        ws: Workspace,
        runner: TaskRunner,
        *,
        tokens: Callable[[], TokenManager] | None,
        prompt: Callable[[], PinPrompt],
        key_settings: Callable[[], tuple[Sequence[str], Sequence[str]]] = lambda: ((), ()),
        send_now: Callable[[], None] = lambda: None,
        language: Callable[[], str] = lambda: "en",
        clock: Callable[[], float] = time.time,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consultationPanel")
        self.ws, self.runner, self.tokens, self.prompt = ws, runner, tokens, prompt
        self.send_now, self.language, self.clock = send_now, language, clock
        self.views: list[ConsultationView] = []
        self.current_id: str | None = None
        self.boxes: list[QuestionBox] = []
        self._form_of: tuple[str, tuple[dc.Question, ...]] | None = None
        self.signing = False
        self.preview_dialog: PreviewDialog | None = None
        self._loading = self._again = self._looked = False
        self._build(runner, tokens, key_settings, language)
        self.list.currentItemChanged.connect(lambda *_: self._picked())
        self.docs.itemActivated.connect(lambda item: self.documentChosen.emit(item.data(DOC_ROLE)))
        self.preview_button.clicked.connect(self.preview)
        self.send.clicked.connect(self.sign_and_send)
        self.keys.box.currentIndexChanged.connect(lambda _i: self._enable())
        # The time left changes by itself; the page says it again each minute.
        self._tick = QtCore.QTimer(self)
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(self._tick_over)
        self._tick.start()
        self.retranslate()
        self._show()

    def _build(
        self,
        runner: TaskRunner,
        tokens: Callable[[], TokenManager] | None,
        key_settings: Callable[[], tuple[Sequence[str], Sequence[str]]],
        language: Callable[[], str],
    ) -> None:
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("consultationList")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(QtCore.Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMaximumHeight(170)
        self.title = plain_label("consultTitle")
        self.deadline = plain_label("consultDeadline")
        self.state = plain_label("consultState")
        self.docs_label = QtWidgets.QLabel("")
        self.docs_label.setWordWrap(True)  # a long label would widen the page past the panel
        self.docs = QtWidgets.QListWidget()
        self.docs.setObjectName("consultDocuments")
        self.docs.setWordWrap(True)
        self.docs.setMaximumHeight(80)
        self.form = QtWidgets.QVBoxLayout()
        self.keys = KeyChooser(runner, tokens, key_settings, language)
        self.preview_button = named_button("consultPreview")
        self.send = named_button("consultSend")
        self.message = plain_label("consultMessage")
        body = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(body)
        for widget in (self.title, self.deadline, self.state, self.docs_label, self.docs):
            column.addWidget(widget)
        column.addLayout(self.form)
        column.addWidget(self.keys)
        column.addLayout(flow_layout(self.preview_button, self.send))
        column.addWidget(self.message)
        column.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QtWidgets.QLabel("")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(side_scroll_area(body), 1)

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Written consultations"))
        self.docs_label.setText(self.tr("Documents (double-click to read):"))
        self.preview_button.setText(self.tr("Pre&view"))
        self.send.setText(self.tr("Sign and &send"))
        for button in (self.preview_button, self.send):
            button.setAccessibleName(button.text().replace("&", ""))
        self.list.setAccessibleName(self.heading.text())
        self.docs.setAccessibleName(self.docs_label.text())
        for box in self.boxes:
            box.retranslate()
        self._fill_list()
        self._show()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def time_left(self, deadline: int) -> str:
        left = deadline - self.clock()
        if left <= 0:
            return self.tr("closed")
        hours = int(left // 3600)
        if hours < 1:
            return self.tr("less than an hour left")
        if hours == 1:
            return self.tr("1 hour left")
        if hours < 48:
            return self.tr("%1 hours left").replace("%1", str(hours))
        return self.tr("%1 days left").replace("%1", str(hours // 24))

    def state_text(self, view: ConsultationView) -> str:
        c = view.consultation
        if not c.respondent:
            return self.tr("You are not asked for an opinion.")
        texts = {
            "not_answered": self.tr("Not answered"),
            "queued": self.tr("Signed, waiting on this computer: the next sync sends it"),
            "on_time": self.tr("Sent on time"),
            "revised": self.tr("Revised on time (the last opinion counts)"),
            "late": self.tr("Sent late: kept, not counted"),
        }  # MyState's values
        return texts[str(view.state)]

    def deadline_text(self, c: dc.Consultation) -> str:
        return (
            self.tr("Deadline: %1 (your time) — %2")
            .replace("%1", local_time(c.deadline))
            .replace("%2", self.time_left(c.deadline))
        )

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """The consultations again from this computer's cache (db lane); a reload
        asked while one runs runs once more after it."""
        if self._loading:
            self._again = True
            return
        self._loading = True

        def done(views: list[ConsultationView]) -> None:
            self._loaded()
            self.show_views(views)

        def failed(exc: BaseException) -> None:
            self._loaded()
            self.message.setText(error_text(exc, self.language()))

        from hanoi_desk.app.consultation import consultation_views

        self.runner.run("db", lambda job: consultation_views(self.ws.session.cache), done,
                        failed=failed, owner=self)  # fmt: skip

    def _loaded(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.reload()

    def show_views(self, views: list[ConsultationView]) -> None:
        self.views = views
        self._fill_list()
        self._show()
        self.loaded.emit(views)

    def _fill_list(self) -> None:
        keep = self.current_id
        self.list.blockSignals(True)
        self.list.clear()
        for view in self.views:
            c = view.consultation
            line = f"{printable(c.reference)} — {printable(c.title)}\n{self.deadline_text(c)}"
            item = QtWidgets.QListWidgetItem(f"{line}\n{self.state_text(view)}")
            item.setData(CONSULTATION_ROLE, c.id)
            self.list.addItem(item)
            if c.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.views:
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        item = self.list.currentItem()
        self.current_id = None if item is None else str(item.data(CONSULTATION_ROLE))

    def _picked(self) -> None:
        item = self.list.currentItem()
        self.current_id = None if item is None else str(item.data(CONSULTATION_ROLE))
        self.message.setText("")
        self._show()

    def _tick_over(self) -> None:
        self._fill_list()
        self._show()

    def current(self) -> ConsultationView | None:
        return next((v for v in self.views if v.consultation.id == self.current_id), None)

    # -- the chosen consultation -------------------------------------------------------------

    def _show(self) -> None:
        view = self.current()
        for widget in (self.title, self.deadline, self.state, self.docs_label, self.docs, self.keys,
                       self.preview_button, self.send):  # fmt: skip
            widget.setVisible(view is not None)
        if view is None:
            self._build_form(None)
            if not self.views:
                self.message.setText(self.tr("No consultation on this computer. Sync to get them."))
            return
        c = view.consultation
        self.title.setText(f"{printable(c.reference)}\n{printable(c.title)}")
        self.deadline.setText(self.deadline_text(c))
        self.state.setText(self.state_text(view) + self._replaces(view))
        self.docs.clear()
        for version, title in view.documents:
            unnamed = self.tr("Document %1").replace("%1", version[:12])
            shown = printable(title) if title else unnamed
            item = QtWidgets.QListWidgetItem(shown)
            item.setData(DOC_ROLE, version)
            self.docs.addItem(item)
        self.docs_label.setVisible(bool(c.documents))
        self.docs.setVisible(bool(c.documents))
        self._build_form(c)
        self._enable()

    def _replaces(self, view: ConsultationView) -> str:
        """A new opinion before the deadline replaces the one that counts now."""
        c = view.consultation
        if is_read_only(c, self.clock()):
            return ""
        if view.state == "queued":
            return "\n" + self.tr("Sending again replaces the opinion waiting to be sent.")
        counted = c.counted
        if counted is not None:
            return "\n" + self.tr("Sending again replaces your opinion of %1.").replace(
                "%1", local_time(counted.received_at)
            )
        return ""

    def _build_form(self, c: dc.Consultation | None) -> None:
        """The questions' boxes; kept as they are (with what was typed) while the
        consultation and its questions stay the same, whatever reloads."""
        key = None if c is None else (c.id, c.questions)
        if key == self._form_of:
            return
        self._form_of = key
        for box in self.boxes:
            self.form.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        if c is None:
            return
        for n, q in enumerate(c.questions, 1):
            box = QuestionBox(n, q)
            box.changed.connect(self._enable)
            self.form.addWidget(box)
            self.boxes.append(box)
        # The opinion that counts (or my last) fills the form: a revision starts from it.
        last = c.counted or (c.my_responses[-1] if c.my_responses else None)
        if last is not None:
            for box in self.boxes:
                reply = last.replies.get(box.question.id)
                if reply is not None:
                    box.set_answer(reply)

    def read_only_reason(self, c: dc.Consultation) -> str:
        if not c.respondent:
            return self.tr("You are not asked for an opinion in this consultation.")
        if c.state is not dc.ConsultationState.OPEN:
            return self.tr("This consultation is closed: it takes no opinion now.")
        if self.clock() > c.deadline:
            return self.tr(
                "The deadline has passed: the form is read-only. An opinion sent now would be kept "
                "as late and not counted."
            )
        return ""

    def _enable(self) -> None:
        view = self.current()
        if view is None:
            return
        c = view.consultation
        read_only = is_read_only(c, self.clock())
        for box in self.boxes:
            box.set_read_only(read_only or self.signing)
        complete = all(box.answer() is not None for box in self.boxes)
        self.keys.setVisible(not read_only)
        self.preview_button.setEnabled(not read_only and complete and not self.signing)
        self.send.setEnabled(
            not read_only and complete and not self.signing and self.keys.chosen() is not None
        )
        self.send.setVisible(not read_only)
        self.preview_button.setVisible(not read_only)
        if read_only:
            self.message.setText(self.read_only_reason(c))
        # Tokens are looked for once the person sees a form that takes answers, not
        # when a sync reloads a page nobody opened: loading PKCS#11 modules is the
        # person's doing (and a module initialised now keeps this process's config).
        shown = self.isVisible()
        if shown and not read_only and self.keys.tokens is not None and not self._looked:
            self._looked = True
            self.keys.look()

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        self._enable()

    def answers(self) -> dict[str, dict[str, str]]:
        return {box.question.id: a for box in self.boxes if (a := box.answer()) is not None}

    # -- preview, sign and send --------------------------------------------------------------

    def _checked(self, view: ConsultationView) -> dict[str, dc.Reply] | None:
        """The answers as the app checks them (before any PIN); a refusal is told."""
        try:
            from hanoi_desk.app.consultation import check_answers

            return check_answers(view.consultation, self.answers())
        except HanoiDeskError as e:
            self.message.setText(e.message(self.language()))
            return None

    def preview(self) -> None:
        view = self.current()
        if view is None:
            return
        replies = self._checked(view)
        if replies is None:
            return
        language, made = self.language(), int(time.time())
        self.preview_button.setEnabled(False)

        def work(job: Job[list[tuple[int, int, int, bytes]]]) -> list[tuple[int, int, int, bytes]]:
            from hanoi_desk.app.consultation import opinion_pdf, preview_pages

            pdf = opinion_pdf(view.consultation, replies, view.me, made, language)
            return preview_pages(pdf, 1.2)

        def done(pages: list[tuple[int, int, int, bytes]]) -> None:
            self._enable()
            self.preview_dialog = PreviewDialog(pages, self)
            self.preview_dialog.open()

        def failed(exc: BaseException) -> None:
            self._enable()
            self.message.setText(error_text(exc, self.language()))

        self.runner.run("render", work, done, failed=failed, owner=self, label="preview")

    def sign_and_send(self) -> None:
        """Sign the opinion on the token lane (the PIN asked once; the app's
        refusals come before it) and queue it; the sync then sends it. Whatever
        fails, the answers stay in the form."""
        view, manager = self.current(), self.tokens
        how = self.keys.how(self.ws.session.token_scope)
        if view is None or manager is None or how is None or self.signing:
            return
        raw = self.answers()
        if self._checked(view) is None:
            return
        prompt, language, session = self.prompt(), self.language(), self.ws.session
        self.signing = True
        self.message.setText(self.tr("Signing your opinion…"))
        self._enable()

        def work(job: Job[str]) -> str:
            from hanoi_desk.app.consultation import answer_apart

            return answer_apart(session, manager(), view.consultation, raw_answers=raw,
                                       respondent=view.me, how=how, prompt=prompt,
                                       language=language)  # fmt: skip

        def done(_op_id: str) -> None:
            self._signed()
            self.message.setText(
                self.tr(
                    "Signed and queued. It is sent with the next sync; without a connection "
                    "it waits on this computer."
                )
            )
            self.send_now()

        failed, cancelled = token_outcome(self.message, self.runner, self.language,
                                          self.tr("Not signed: the PIN was not given."),
                                          self._signed)  # fmt: skip

        self.runner.run("token", work, done, failed=failed, cancelled=cancelled, owner=self,
                        label="opinion")  # fmt: skip

    def _signed(self) -> None:
        self.signing = False
        self._enable()
