"""The side panel's "Signing requests" page (Chờ tôi ký, docs/ui-signing.md):
the minutes and conclusions several members sign in order
(docs/signing-requests.md), those waiting for my signature first, then those
in progress, then the finished; for the selected one its steps in order
(person, role, Decree 30 kind, state, a decline's reason) and, when a step of
mine is active, **Sign** (the key chosen as for a vote, the PIN asked once by
the window's PIN dialog, never retried; the signed file is queued and the next
sync sends it, offline too) and **Decline…** (with a reason). **Open** shows
the request's current file in the reader.

When the server refused my signature because someone of my stage signed that
file first (``stale_head``), the page says who and offers **Sign again** on the
new file: one click, one more PIN entry, never on its own.

Cache reads run on the ``db`` lane, signing on the ``token`` lane; the page
reloads when a sync or a queued action changes meetings, documents or the
outbox. Titles, names, roles and reasons come from the server: plain text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from hanoi_desk.app.changes import Changes
from hanoi_desk.app.signing_requests import RequestView
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.common import error_text, follow_choice_tip, named
from hanoi_desk.ui.icons import icon
from hanoi_desk.ui.key_list import KeyList
from hanoi_desk.ui.live_room import (
    flow_layout,
    named_button,
    plain_label,
    side_scroll_area,
    wrapping_list,
)
from hanoi_desk.ui.live_votes import KeyEntry
from hanoi_desk.ui.qt import QtCore, QtWidgets
from hanoi_desk.ui.tasks import Job
from hanoi_desk.ui.token_outcome import token_outcome

if TYPE_CHECKING:
    from hanoi_desk.app.token_access import TokenManager
    from hanoi_desk.app.workspace import Workspace
    from hanoi_desk.errors import HanoiDeskError as _Error
    from hanoi_desk.signing.pin import PinPrompt
    from hanoi_desk.ui.changes import ChangeFeed
    from hanoi_desk.ui.tasks import TaskRunner

REQUEST_ROLE = QtCore.Qt.ItemDataRole.UserRole + 31
SHOWN_TITLE = 120
SHOWN_NAME = 60
SHOWN_REASON = 300
"""Characters of a decline's reason shown (the protocol allows 1000)."""

Loaded = tuple[list[RequestView], dict[str, DocumentSummary]]


def _load(ws: Workspace, now: float) -> Loaded:
    from hanoi_desk.app.signing_requests import overview, versions

    views = overview(ws.session.cache, now)
    return views, versions(ws.session.cache, views)


class SigningRequestsPage(QtWidgets.QWidget):
    """Every signing request this profile's sync brought, and my part in them."""

    def __init__(
        self,
        runner: TaskRunner,
        workspace: Callable[[], Workspace],
        changes: ChangeFeed,
        *,
        tokens: Callable[[], TokenManager] | None,
        prompt: Callable[[], PinPrompt],
        key_settings: Callable[[], tuple[Sequence[str], Sequence[str]]] = lambda: ((), ()),
        language: Callable[[], str] = lambda: "en",
        open_document: Callable[[DocumentSummary], None] = lambda _d: None,
        clock: Callable[[], float] = time.time,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signingRequestsPage")
        self.runner, self.workspace, self.tokens, self.prompt = runner, workspace, tokens, prompt
        self.key_settings, self.language, self.open_document = key_settings, language, open_document
        self.clock = clock  # decides expiry (tests give the server's injected clock)
        self.views: list[RequestView] = []
        self.versions: dict[str, DocumentSummary] = {}
        self.chosen: str | None = None
        self.keys_looked = False
        self.busy = False
        self._loading = self._again = False
        self._build()
        self.list.currentItemChanged.connect(lambda *_: self._picked())
        self.find_keys.clicked.connect(self.look_for_keys)
        self.sign_button.clicked.connect(self.sign)
        self.open_button.clicked.connect(self.open_head)
        self.decline_button.toggled.connect(lambda _on: self._show_request())
        self.reason.textChanged.connect(lambda _t: self._enable())
        self.send_decline.clicked.connect(self.decline)
        changes.subscribe(("meetings", "documents", "outbox"), self.reload)
        self.retranslate()

    def _build(self) -> None:
        self.heading = plain_label("signingRequestsHeading")
        self.list = wrapping_list("signingRequestsList")  # long titles wrap
        self.list.setMaximumHeight(170)
        self.title = plain_label("signingRequestTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.state = plain_label("signingRequestState")
        self.deadline = plain_label("signingRequestDeadline")
        self.steps = plain_label("signingRequestSteps")
        self.notice = plain_label("signingRequestNotice")
        self.key_label = QtWidgets.QLabel("")
        self.key_box = QtWidgets.QComboBox()
        self.key_box.setObjectName("signingRequestKey")
        self.key_label.setBuddy(self.key_box)
        # A key's name is long ("token — holder"): cut in the box, whole in its tooltip.
        self.key_box.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.key_box.setMinimumContentsLength(10)
        follow_choice_tip(self.key_box)  # a certificate's name, as plain text
        self.find_keys = named_button("signingRequestFindKeys")
        self.key_list = KeyList(self.key_box, self.find_keys)
        self.sign_button = named_button("signingRequestSign")
        self.open_button = named_button("signingRequestOpen")
        self.decline_button = named_button("signingRequestDecline")
        self.decline_button.setCheckable(True)
        self.reason = QtWidgets.QLineEdit()
        self.reason.setObjectName("signingRequestReason")
        self.send_decline = named_button("signingRequestSendDecline")
        self.message = plain_label("signingRequestMessage")
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.list, self.title, self.state, self.deadline, self.steps,
                       self.notice,
                       self.key_label, self.key_box):  # fmt: skip
            layout.addWidget(widget)
        layout.addLayout(flow_layout(self.find_keys))
        layout.addLayout(flow_layout(self.sign_button, self.open_button, self.decline_button))
        self.decline_box = QtWidgets.QWidget()
        decline_layout = QtWidgets.QVBoxLayout(self.decline_box)
        decline_layout.setContentsMargins(0, 0, 0, 0)
        decline_layout.addWidget(self.reason)
        decline_layout.addLayout(flow_layout(self.send_decline))
        layout.addWidget(self.decline_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        # A scroll area: the page fits the side panel whatever it shows.
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(side_scroll_area(body))

    # -- texts -------------------------------------------------------------------------------

    def state_text(self, state: str) -> str:
        names = {
            "in_progress": self.tr("in progress"),
            "completed": self.tr("completed"),
            "cancelled": self.tr("cancelled"),
            "expired": self.tr("expired"),
            "draft": self.tr("draft"),
        }
        return names.get(state, printable(state, limit=20))

    def step_state_text(self, state: str) -> str:
        names = {
            "pending": self.tr("waiting for an earlier signer"),
            "active": self.tr("to sign now"),
            "signed": self.tr("signed"),
            "declined": self.tr("declined"),
        }
        return names.get(state, printable(state, limit=20))

    def kind_text(self, kind: str) -> str:
        names = {
            "approval": self.tr("approval"),
            "issuing": self.tr("issuing, with the seal"),
            "copy": self.tr("copy"),
        }
        return names.get(kind, printable(kind, limit=20))

    def retranslate(self) -> None:
        named(self.list, self.tr("Signing requests"))
        self.key_label.setText(self.tr("Sign &with:"))
        named(self.key_box, self.tr("Key to sign with"))
        self.find_keys.setText(self.tr("Find &tokens"))
        named(self.find_keys, self.tr("Find tokens"),
              self.tr("Look for the plugged-in tokens and their certificates"))  # fmt: skip
        self.open_button.setText(self.tr("&Open"))
        self.open_button.setIcon(icon("file-text"))
        named(self.open_button, self.tr("Open the file to sign"),
              self.tr("Show the request's current file, with the signatures so far"))  # fmt: skip
        self.decline_button.setText(self.tr("&Decline…"))
        named(self.decline_button, self.tr("Decline to sign"),
              self.tr("Refuse to sign, with a reason everyone sees; the request ends"))  # fmt: skip
        self.reason.setPlaceholderText(self.tr("Why you decline (everyone sees it)"))
        named(self.reason, self.tr("Reason for declining"))
        self.send_decline.setText(self.tr("Send the &decline"))
        named(self.send_decline, self.tr("Send the decline"),
              self.tr("Queue the decline; the next sync sends it"))  # fmt: skip
        self._show()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """The requests again from the cache (db lane); one load at a time, one more
        after it if changes came meanwhile."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        ws, now = self.workspace(), self.clock()

        def done(loaded: Loaded) -> None:
            self._loaded()
            self.show_requests(*loaded)

        def failed(exc: BaseException) -> None:
            self._loaded()
            self.message.setText(error_text(exc, self.language()))

        self.runner.run("db", lambda job: _load(ws, now), done, failed=failed, owner=self)

    def _loaded(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.reload()

    def show_requests(self, views: list[RequestView], versions: dict[str, DocumentSummary]) -> None:
        self.views, self.versions = views, versions
        if self.chosen is None or self.current() is None:
            # The first waiting for me (the list's order puts them first), else the first.
            self.chosen = views[0].request.id if views else None
        self._show()
        if self.tokens is not None and not self.keys_looked and self._mine_waiting():
            self.look_for_keys()

    def _mine_waiting(self) -> bool:
        return any(v.my_step is not None for v in self.views)

    def current(self) -> RequestView | None:
        return next((v for v in self.views if v.request.id == self.chosen), None)

    # -- showing -----------------------------------------------------------------------------

    def _show(self) -> None:
        waiting = sum(1 for v in self.views if v.my_step is not None and v.queued is None)
        if not self.views:
            self.heading.setText(self.tr("No signing requests on this computer. Sync first."))
        elif waiting:
            text = self.tr("Waiting for your signature: %1")
            self.heading.setText(text.replace("%1", str(waiting)))
        else:
            self.heading.setText(self.tr("Nothing is waiting for your signature."))
        self.list.blockSignals(True)
        self.list.clear()
        for v in self.views:
            item = QtWidgets.QListWidgetItem(self._item_text(v))
            item.setData(REQUEST_ROLE, v.request.id)
            if v.refusal is not None and v.my_step is not None:
                item.setIcon(icon("cloud-alert"))
            elif v.my_step is not None and v.queued is None:
                item.setIcon(icon("signature"))
            self.list.addItem(item)
            if v.request.id == self.chosen:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._show_request()

    def _item_text(self, v: RequestView) -> str:
        title = printable(v.request.title, limit=SHOWN_TITLE)
        if v.my_step is not None and v.queued is None:
            state = self.tr("waiting for your signature")
        elif v.queued == "sign":
            state = self.tr("signed, sent at the next sync")
        elif v.queued == "decline":
            state = self.tr("declined, sent at the next sync")
        else:
            state = self.state_text(v.state)
        return f"{title}\n{state}"

    def _picked(self) -> None:
        item = self.list.currentItem()
        chosen = None if item is None else item.data(REQUEST_ROLE)
        if chosen != self.chosen:
            self.chosen = chosen
            self.decline_button.setChecked(False)
            self.reason.clear()
            self.message.setText("")
        self._show_request()

    def _show_request(self) -> None:
        v = self.current()
        if v is None:
            for label in (self.title, self.state, self.deadline, self.steps, self.notice):
                label.setText("")
            self._enable()
            return
        r = v.request
        version = self.versions.get(r.document_version_id)
        title = printable(r.title, limit=SHOWN_TITLE)
        if version is not None:
            title += "\n" + (self.tr("%1, version %2")
                             .replace("%1", printable(version.title, limit=SHOWN_TITLE))
                             .replace("%2", str(version.version)))  # fmt: skip
        self.title.setText(title)
        self.state.setText(self.tr("State: %1").replace("%1", self.state_text(v.state)))
        from hanoi_desk.app.signing_requests import deadline_text

        # "expires <local time>", "expired …" or "draft — not started" (the app's words).
        self.deadline.setText(deadline_text(r, self.clock(), self.language()))
        lines = []
        for s in r.steps:
            line = self.tr("%1. %2 (%3, %4): %5")
            values = (str(s.position), printable(s.name, limit=SHOWN_NAME),
                      printable(s.role, limit=SHOWN_NAME), self.kind_text(s.decree_kind),
                      self.step_state_text(s.state))  # fmt: skip
            # One pass over the template: a name holding "%3" is not filled in again.
            line = _fill(line, values)
            if v.my_step is not None and s.position == v.my_step.position:
                line += " ← " + self.tr("you")
            lines.append(line)
            if s.reason:
                lines.append("    " + self.tr("Reason: %1").replace(
                    "%1", printable(s.reason, limit=SHOWN_REASON)))  # fmt: skip
        self.steps.setText("\n".join(lines))
        self.notice.setText(self._notice(v))
        self._enable()

    def _notice(self, v: RequestView) -> str:
        from hanoi_desk.app.signing_requests import refusal_text

        if v.queued is not None:
            return (self.tr("Your signature is queued: the next sync sends it.")
                    if v.queued == "sign"
                    else self.tr("Your decline is queued: the next sync sends it."))  # fmt: skip
        refused = refusal_text(v, self.language())
        if refused and v.my_step is not None:
            return refused
        if refused:
            return self.tr("Your last answer was refused: %1").replace("%1", refused)
        if v.my_step is not None and not v.head_here:
            return self.tr("The file to sign is not on this computer yet. Sync first.")
        if v.my_step is not None:
            return self.tr("Your turn: sign in the field “%1”.").replace(
                "%1", printable(v.my_step.field_name, limit=40)
            )
        return ""

    def _enable(self) -> None:
        v = self.current()
        mine = v is not None and v.my_step is not None and v.queued is None and not self.busy
        stale = v is not None and v.refusal is not None and v.my_step is not None
        self.sign_button.setText(self.tr("Sign &again") if stale else self.tr("&Sign"))
        self.sign_button.setIcon(icon("signature"))
        named(self.sign_button, self.sign_button.text().replace("&", ""),
              self.tr("Sign your step with the chosen key: the PIN is asked once"))  # fmt: skip
        ready = mine and v is not None and v.head_here and self.key_box.count() > 0
        self.sign_button.setEnabled(ready)
        for widget in (self.sign_button, self.decline_button, self.key_label, self.key_box,
                       self.find_keys):  # fmt: skip
            widget.setVisible(mine)
        if not mine and self.decline_button.isChecked():
            self.decline_button.setChecked(False)
        self.decline_box.setVisible(mine and self.decline_button.isChecked())
        self.send_decline.setEnabled(mine and bool(self.reason.text().strip()))
        self.open_button.setEnabled(v is not None and v.head_here
                                    and v.request.document_version_id in self.versions)  # fmt: skip

    # -- keys --------------------------------------------------------------------------------

    def look_for_keys(self) -> None:
        """The tokens and certificates a step can be signed with (token lane)."""
        if self.tokens is None:
            return
        self.keys_looked = True

        def found(entries: list[KeyEntry], problems: list[_Error]) -> None:
            if not entries:
                texts = [error_text(p, self.language()) for p in problems]
                self.message.setText(
                    " ".join(texts) or self.tr("No token found. Plug it in and try again.")
                )
            elif not self.busy:
                self.message.setText("")  # an earlier look's "no token" is over
            self._enable()

        def failed(exc: BaseException) -> None:
            self.message.setText(error_text(exc, self.language()))

        self.key_list.look(self.runner, self.tokens, self.key_settings(), self,
                           found=found, failed=failed)  # fmt: skip

    @property
    def keys(self) -> list[KeyEntry]:
        return self.key_list.keys

    def chosen_key(self) -> KeyEntry | None:
        return self.key_list.chosen()

    # -- acting ------------------------------------------------------------------------------

    def sign(self) -> None:
        """Sign my step on the request's current file (token lane): the refusals the
        app knows come before the PIN; the PIN dialog asks once; a wrong or
        withheld PIN loses nothing and is not retried."""
        v, entry, manager = self.current(), self.chosen_key(), self.tokens
        if v is None or v.my_step is None or entry is None or manager is None or self.busy:
            return
        ws, prompt, request = self.workspace(), self.prompt(), v.request
        self.busy = True
        self.message.setText(self.tr("Signing…"))
        self._enable()

        def work(job: Job[str]) -> str:
            from hanoi_desk.app.signing_requests import SignHow, sign

            how = SignHow(entry.module, entry.token, entry.software_key, cert_id=entry.cert_id,
                          owner=ws.session.token_scope)  # fmt: skip
            return sign(ws.session.cache, manager(), request, how=how, prompt=prompt,
                        on_db=ws.on_db, now=self.clock)  # fmt: skip

        def done(_op: str) -> None:
            self.busy = False
            self.message.setText(self.tr("Signed: the next sync sends your signature."))
            ws.changes.publish(Changes(outbox=True))  # this page and the sync's list reload

        failed, cancelled = token_outcome(self.message, self.runner, self.language,
                                          self.tr("Not signed: the PIN was not given."),
                                          self._idle)  # fmt: skip

        self.runner.run("token", work, done, failed=failed, cancelled=cancelled, owner=self,
                        label="sign request")  # fmt: skip

    def _idle(self) -> None:
        self.busy = False
        self._enable()

    def decline(self) -> None:
        """Queue my refusal with its reason (db lane); the next sync sends it."""
        v = self.current()
        reason = self.reason.text()
        if v is None or v.my_step is None or not reason.strip() or self.busy:
            return
        ws, request = self.workspace(), v.request

        def work(job: Job[str]) -> str:
            from hanoi_desk.app.signing_requests import decline

            return decline(ws.session.cache, request, reason)

        def done(_op: str) -> None:
            self.reason.clear()
            self.decline_button.setChecked(False)
            self.message.setText(self.tr("Declined: the next sync sends it."))
            ws.changes.publish(Changes(outbox=True))

        def failed(exc: BaseException) -> None:
            self.message.setText(error_text(exc, self.language()))

        self.runner.run("db", work, done, failed=failed, owner=self)

    def open_head(self) -> None:
        from hanoi_desk.app.signing_requests import head_document

        v = self.current()
        version = None if v is None else self.versions.get(v.request.document_version_id)
        if v is not None and version is not None and v.head_here:
            self.open_document(head_document(version, v))


def _fill(template: str, values: Sequence[str]) -> str:
    """``%1`` … ``%9`` of a Qt text replaced in one pass (as ``QString.arg``)."""
    import re

    return re.sub(r"%([1-9])", lambda m: values[int(m.group(1)) - 1]
                  if int(m.group(1)) <= len(values) else m.group(0), template)  # fmt: skip
