"""The outbox and downloads: what is queued, its state, a rejection's reason,
the documents not yet on this computer and those the last sync skipped. The
status-bar indicator lives here too, so the sync state is always visible.

Titles, file names and refusal reasons come from the server: they are shown
as plain text (never as Qt rich text) and through
:func:`hanoi_desk.domain.text.printable`, so a bidi override or a control
character cannot disguise one document as another.
"""

from __future__ import annotations

import json

from hanoi_desk.app.sync_problem import SyncProblem
from hanoi_desk.app.unsent import entry_version
from hanoi_desk.domain.models import DocumentSummary, OutboxEntry
from hanoi_desk.domain.states import UNSENT, OutboxState
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.common import named, plain_tip
from hanoi_desk.ui.icons import icon
from hanoi_desk.ui.qt import QtCore, QtWidgets, Signal

STATES = ("offline", "connecting", "syncing", "up_to_date", "error", "not_configured")
STATE_ICONS = {
    "offline": "cloud-off",
    "connecting": "refresh-cw",
    "syncing": "refresh-cw",
    "up_to_date": "cloud-check",
    "error": "cloud-alert",
    "not_configured": "cloud-off",
}
SHOWN_TITLE = 80
"""Characters of a title named in the list of skipped documents."""
SHOWN_REASON = 64
"""Characters of a server's refusal reason shown."""


def kind_text(kind: str) -> str:
    names = {
        "annotation.upsert": QtCore.QCoreApplication.translate("SyncPanel", "Private note"),
        "comment.add": QtCore.QCoreApplication.translate("SyncPanel", "Comment"),
        "comment.edit": QtCore.QCoreApplication.translate("SyncPanel", "Comment edited"),
        "comment.resolve": QtCore.QCoreApplication.translate("SyncPanel", "Answer to a comment"),
        "signature.submit": QtCore.QCoreApplication.translate("SyncPanel", "Signed document"),
        # The signature's long-term proofs (timestamp, revocation data) added later.
        "signature.complete": QtCore.QCoreApplication.translate(
            "SyncPanel", "Signature completed with a timestamp"
        ),
        "consultation.respond": QtCore.QCoreApplication.translate("SyncPanel", "Written opinion"),
        # A step of a signing request (docs/signing-requests.md): my signature or refusal.
        "signing_step.sign": QtCore.QCoreApplication.translate(
            "SyncPanel", "Signature on a signing request"
        ),
        "signing_step.decline": QtCore.QCoreApplication.translate(
            "SyncPanel", "Declined signing request"
        ),
    }
    return names.get(kind, kind)


def state_text(state: OutboxState) -> str:
    names = {
        OutboxState.QUEUED: QtCore.QCoreApplication.translate("SyncPanel", "Queued"),
        OutboxState.SENDING: QtCore.QCoreApplication.translate("SyncPanel", "Sending"),
        OutboxState.DONE: QtCore.QCoreApplication.translate("SyncPanel", "Done"),
        OutboxState.REJECTED: QtCore.QCoreApplication.translate("SyncPanel", "Rejected"),
    }
    return names[state]


def problem_text(problem: SyncProblem) -> str:
    """A failed sync's reason in a few words, for the status bar."""
    names = {
        SyncProblem.UNREACHABLE: QtCore.QCoreApplication.translate(
            "SyncIndicator", "server unreachable"
        ),
        SyncProblem.BUSY: QtCore.QCoreApplication.translate(
            "SyncIndicator", "server busy or failing"
        ),
        SyncProblem.LOGIN_REFUSED: QtCore.QCoreApplication.translate(
            "SyncIndicator", "login refused"
        ),
        SyncProblem.SIGN_IN_BLOCKED: QtCore.QCoreApplication.translate(
            "SyncIndicator", "sign-in blocked for now"
        ),
        SyncProblem.ACCOUNT_DISABLED: QtCore.QCoreApplication.translate(
            "SyncIndicator", "account disabled"
        ),
        SyncProblem.TLS: QtCore.QCoreApplication.translate(
            "SyncIndicator", "server certificate not trusted (TLS)"
        ),
        SyncProblem.PLAIN_HTTP: QtCore.QCoreApplication.translate(
            "SyncIndicator", "plain HTTP refused"
        ),
        SyncProblem.BAD_ADDRESS: QtCore.QCoreApplication.translate(
            "SyncIndicator", "wrong server address"
        ),
        SyncProblem.BAD_ANSWER: QtCore.QCoreApplication.translate(
            "SyncIndicator", "server's answer refused"
        ),
        SyncProblem.TIMEOUT: QtCore.QCoreApplication.translate("SyncIndicator", "took too long"),
        SyncProblem.REFUSED: QtCore.QCoreApplication.translate(
            "SyncIndicator", "refused by the server"
        ),
        SyncProblem.DISK_FULL: QtCore.QCoreApplication.translate("SyncIndicator", "disk full"),
        SyncProblem.DISK_ERROR: QtCore.QCoreApplication.translate("SyncIndicator", "disk error"),
        SyncProblem.CACHE_DAMAGED: QtCore.QCoreApplication.translate(
            "SyncIndicator", "cache damaged"
        ),
        SyncProblem.OTHER: QtCore.QCoreApplication.translate("SyncIndicator", "see the Sync page"),
    }
    return names[problem]


class SyncIndicator(QtWidgets.QToolButton):
    """Always visible in the status bar: the sync's state and, after a failure,
    why (from the sync's typed error). A click opens the Sync page."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.state = "not_configured"
        self.queued = 0
        self.detail = ""
        self.problem: SyncProblem | None = None
        self.skipped = 0
        self.set_state("not_configured")

    def set_state(
        self,
        state: str,
        detail: str = "",
        queued: int | None = None,
        problem: SyncProblem | None = None,
        skipped: int = 0,
    ) -> None:
        """``problem``: why a run failed; ``skipped``: documents a finished run could
        not download (both only with ``error``)."""
        self.state, self.detail, self.problem, self.skipped = state, detail, problem, skipped
        if queued is not None:
            self.queued = queued
        self._show()

    def _show(self) -> None:
        state = self.state
        names = {
            "offline": self.tr("Offline"),
            "connecting": self.tr("Connecting…"),
            "syncing": self.tr("Syncing…"),
            "up_to_date": self.tr("Up to date"),
            "error": self.tr("Sync error"),
            "not_configured": self.tr("Offline — no server set up"),
        }
        text = names.get(state, state)
        if state == "error" and self.problem is not None:
            text = self.tr("Sync error: %1").replace("%1", problem_text(self.problem))
        elif state == "error" and self.skipped:
            text = self.tr("Sync error: %1 documents not downloaded").replace(
                "%1", str(self.skipped)
            )
        if self.queued:
            text += " · " + self.tr("%1 queued").replace("%1", str(self.queued))
        self.setText(text)
        self.setIcon(icon(STATE_ICONS.get(state, "cloud-off")))
        self.setToolTip(plain_tip(self.detail) if self.detail else "")
        self.setAccessibleName(self.tr("Sync state: %1").replace("%1", text))
        self.setAccessibleDescription(self.detail)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() in (QtCore.QEvent.Type.LanguageChange, QtCore.QEvent.Type.PaletteChange):
            self._show()
        super().changeEvent(event)


class ConnectionLabel(QtWidgets.QLabel):
    """Always visible in the status bar: which server and login this profile
    syncs with, and when it last reached it."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionLabel")
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.server, self.user, self.last = "", "", ""
        self._show()

    def set_connection(self, server: str, user: str, last: str | None = None) -> None:
        self.server, self.user = server, user
        if last is not None:
            self.last = last
        self._show()

    def _show(self) -> None:
        if not self.server:
            text = self.tr("No server")
        else:
            host = QtCore.QUrl(self.server).authority() or self.server
            text = printable(host, limit=60)
            if self.user:
                text += " · " + printable(self.user, limit=40)
        self.setText(text)
        tip = self.tr("Last sync: %1").replace("%1", self.last) if self.last else ""
        self.setToolTip(tip)
        self.setAccessibleName(self.tr("Server: %1").replace("%1", text))

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)


class SyncPanel(QtWidgets.QWidget):
    syncRequested = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPanel")
        layout = QtWidgets.QVBoxLayout(self)
        row = QtWidgets.QHBoxLayout()
        self.summary = QtWidgets.QLabel("")
        self.summary.setObjectName("syncSummary")
        self.summary.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        row.addWidget(self.summary, 1)
        self.sync_button = QtWidgets.QPushButton()
        self.sync_button.setObjectName("syncButton")
        self.sync_button.clicked.connect(self.syncRequested)
        row.addWidget(self.sync_button)
        layout.addLayout(row)
        self.skipped = QtWidgets.QLabel("")
        self.skipped.setObjectName("syncSkipped")
        self.skipped.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.skipped.setWordWrap(True)
        self.skipped.hide()
        layout.addWidget(self.skipped)
        self.outbox_label = QtWidgets.QLabel("")
        layout.addWidget(self.outbox_label)
        self.outbox = QtWidgets.QTreeWidget()
        self.outbox.setObjectName("outbox")
        self.outbox_label.setBuddy(self.outbox)
        layout.addWidget(self.outbox, 2)
        self.downloads_label = QtWidgets.QLabel("")
        layout.addWidget(self.downloads_label)
        self.downloads = QtWidgets.QTreeWidget()
        self.downloads.setObjectName("downloads")
        self.downloads_label.setBuddy(self.downloads)
        layout.addWidget(self.downloads, 1)
        self.progress: dict[str, tuple[int, int]] = {}
        self.failed: dict[str, str] = {}
        """sha256 -> reason: the documents the last sync skipped."""
        self.titles: dict[str, str] = {}
        """sha256 -> title of the documents not on this computer, as last listed."""
        self.entries: list[OutboxEntry] = []
        self.entry_docs: dict[str, DocumentSummary] = {}
        """Version id -> the document version an outgoing action is about."""
        self.missing: list[DocumentSummary] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.sync_button.setText(self.tr("Sync &now"))
        self.sync_button.setIcon(icon("refresh-cw"))
        named(self.sync_button, self.tr("Sync now"))
        self.outbox_label.setText(self.tr("&Outgoing actions"))
        named(self.outbox, self.tr("Outgoing actions"))
        self.outbox.setHeaderLabels(
            [self.tr("Action"), self.tr("State"), self.tr("Attempts"), self.tr("Reason")]
        )
        self.downloads_label.setText(self.tr("&Downloads"))
        named(self.downloads, self.tr("Downloads"))
        self.downloads.setHeaderLabels([self.tr("Document"), self.tr("Size"), self.tr("Progress")])
        self.show_outbox(self.entries, self.entry_docs)
        self.show_downloads(self.missing)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_outbox(
        self, entries: list[OutboxEntry], documents: dict[str, DocumentSummary] | None = None
    ) -> None:
        """Each action by its kind and the document it is about (title, version),
        from ``documents`` (version id -> version); an action whose document the
        cache no longer lists is named by its kind only."""
        self.entries = entries
        self.entry_docs = dict(documents or {})
        self.outbox.clear()
        for e in entries:
            try:
                payload = json.loads(e.payload)
            except ValueError:
                payload = {}
            detail = ""
            if isinstance(payload, dict):
                body = payload.get("body")
                if isinstance(body, dict):  # a note
                    detail = str(body.get("quote") or body.get("text") or "")
                elif isinstance(payload.get("text"), str):  # a comment
                    detail = payload["text"]
                detail = printable(" ".join(detail.split()), limit=60)
            # "Signed document: “Tờ trình”, version 2"; "Comment: its text — “Tờ trình”, version 2"
            parts = [detail] if detail else []
            version = entry_version(e)
            doc = self.entry_docs.get(version) if version is not None else None
            if doc is not None:
                parts.append(
                    self.tr("“%1”, version %2")
                    .replace("%1", printable(doc.title, limit=SHOWN_TITLE))
                    .replace("%2", str(doc.version))
                )
            title = kind_text(e.kind) + (": " + " — ".join(parts) if parts else "")
            reason = printable(e.last_error or "", limit=SHOWN_REASON)
            item = QtWidgets.QTreeWidgetItem([title, state_text(e.state), str(e.attempts), reason])
            if e.state is OutboxState.REJECTED:
                item.setIcon(1, icon("cloud-alert"))
            self.outbox.addTopLevelItem(item)
        queued = sum(1 for e in entries if e.state in UNSENT)
        self.summary.setText(self.tr("%1 actions waiting to be sent").replace("%1", str(queued)))
        self.outbox.resizeColumnToContents(0)

    def show_downloads(self, missing: list[DocumentSummary]) -> None:
        self.missing = missing
        self.downloads.clear()
        self.titles = {doc.sha256: doc.title for doc in missing}
        for doc in missing:
            done, total = self.progress.get(doc.sha256, (0, doc.size))
            pct = f"{100 * done // total} %" if total else ""
            reason = self.failed.get(doc.sha256)
            item = QtWidgets.QTreeWidgetItem([doc.title, f"{doc.size // 1024} KiB", pct])
            if reason is not None:
                item.setText(2, self.tr("Skipped"))
                item.setToolTip(2, plain_tip(reason))
                item.setIcon(2, icon("cloud-alert"))
            self.downloads.addTopLevelItem(item)
        if not missing:
            none = QtWidgets.QTreeWidgetItem([self.tr("Every document is on this computer.")])
            self.downloads.addTopLevelItem(none)
            none.setFirstColumnSpanned(True)  # a sentence, not a title: all the row's width
        else:
            self.downloads.resizeColumnToContents(0)
        # The titles of documents that arrived with the sync that skipped them
        # are known only now (a first sync): name them instead of their hashes.
        self._show_skipped()

    def show_skipped(self, failed: dict[str, str]) -> None:
        """The documents a sync skipped (sha256 -> reason); empty hides the line.
        Each stays missing, so the next sync asks for it again."""
        self.failed = dict(failed)
        self._show_skipped()

    def _show_skipped(self) -> None:
        if not self.failed:
            self.skipped.clear()
            self.skipped.setToolTip("")
            self.skipped.hide()
            return
        names = "; ".join(self._name(sha) for sha in self.failed)
        self.skipped.setText(
            self.tr("Not downloaded (asked for again at the next sync): %1").replace("%1", names)
        )
        lines = [f"{self._name(sha)}: {reason}" for sha, reason in self.failed.items()]
        self.skipped.setToolTip(plain_tip("\n".join(lines)))
        self.skipped.show()

    def _name(self, sha256: str) -> str:
        """A skipped document by its title, escaped and cut; by its hash while the
        cache does not know the title yet."""
        title = self.titles.get(sha256)
        if title is None:
            return sha256[:12]
        return "“" + printable(title, limit=SHOWN_TITLE) + "”"
