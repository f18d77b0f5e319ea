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

from hanoi_desk.domain.models import DocumentSummary, OutboxEntry
from hanoi_desk.domain.states import UNSENT, OutboxState
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.common import named
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets, Signal

STATES = ("offline", "connecting", "syncing", "up_to_date", "error", "not_configured")
SHOWN_TITLE = 80
"""Characters of a title named in the list of skipped documents."""
SHOWN_REASON = 64
"""Characters of a server's refusal reason shown."""


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` as it is: Qt takes a tooltip that looks like
    HTML for rich text, and a server's words must not become markup."""
    return QtGui.Qt.convertFromPlainText(text, QtCore.Qt.WhiteSpaceMode.WhiteSpaceNormal)


def kind_text(kind: str) -> str:
    names = {
        "annotation.upsert": QtCore.QCoreApplication.translate("SyncPanel", "Private note"),
        "comment.add": QtCore.QCoreApplication.translate("SyncPanel", "Comment"),
        "signature.submit": QtCore.QCoreApplication.translate("SyncPanel", "Signed document"),
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


class SyncIndicator(QtWidgets.QLabel):
    """Always visible in the status bar."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.state = "not_configured"
        self.queued = 0
        self.set_state("not_configured")

    def set_state(self, state: str, detail: str = "", queued: int | None = None) -> None:
        self.state = state
        if queued is not None:
            self.queued = queued
        names = {
            "offline": self.tr("Offline"),
            "connecting": self.tr("Connecting…"),
            "syncing": self.tr("Syncing…"),
            "up_to_date": self.tr("Up to date"),
            "error": self.tr("Sync error"),
            "not_configured": self.tr("Offline — no server set up"),
        }
        text = names.get(state, state)
        if self.queued:
            text += " · " + self.tr("%1 queued").replace("%1", str(self.queued))
        colour = {"up_to_date": "#1a7f37", "error": "#a40000", "syncing": "#0b5cad"}.get(
            state, "#555"
        )
        self.setText(f"● {text}")
        self.setStyleSheet(f"color: {colour};")
        self.setToolTip(detail)
        self.setAccessibleName(self.tr("Sync state: %1").replace("%1", text))


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
        row.addWidget(self.summary, 1)
        self.sync_button = QtWidgets.QPushButton(self.tr("Sync &now"))
        named(self.sync_button, self.tr("Sync now"))
        self.sync_button.clicked.connect(self.syncRequested)
        row.addWidget(self.sync_button)
        layout.addLayout(row)
        self.skipped = QtWidgets.QLabel("")
        self.skipped.setObjectName("syncSkipped")
        self.skipped.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.skipped.setWordWrap(True)
        self.skipped.setStyleSheet("color: #a40000;")
        self.skipped.hide()
        layout.addWidget(self.skipped)
        outbox_label = QtWidgets.QLabel(self.tr("&Outgoing actions"))
        layout.addWidget(outbox_label)
        self.outbox = QtWidgets.QTreeWidget()
        self.outbox.setObjectName("outbox")
        named(self.outbox, self.tr("Outgoing actions"))
        outbox_label.setBuddy(self.outbox)
        self.outbox.setHeaderLabels(
            [self.tr("Action"), self.tr("State"), self.tr("Attempts"), self.tr("Reason")]
        )
        layout.addWidget(self.outbox, 2)
        downloads_label = QtWidgets.QLabel(self.tr("&Downloads"))
        layout.addWidget(downloads_label)
        self.downloads = QtWidgets.QTreeWidget()
        self.downloads.setObjectName("downloads")
        named(self.downloads, self.tr("Downloads"))
        downloads_label.setBuddy(self.downloads)
        self.downloads.setHeaderLabels([self.tr("Document"), self.tr("Size"), self.tr("Progress")])
        layout.addWidget(self.downloads, 1)
        self.progress: dict[str, tuple[int, int]] = {}
        self.failed: dict[str, str] = {}
        """sha256 -> reason: the documents the last sync skipped."""
        self.titles: dict[str, str] = {}
        """sha256 -> title of the documents not on this computer, as last listed."""

    def show_outbox(self, entries: list[OutboxEntry]) -> None:
        self.outbox.clear()
        for e in entries:
            try:
                payload = json.loads(e.payload)
            except ValueError:
                payload = {}
            detail = ""
            if isinstance(payload, dict):
                body = payload.get("body")
                if isinstance(body, dict):
                    detail = str(body.get("quote") or body.get("text") or "")[:60]
            title = kind_text(e.kind) + (f": {detail}" if detail else "")
            reason = printable(e.last_error or "", limit=SHOWN_REASON)
            item = QtWidgets.QTreeWidgetItem([title, state_text(e.state), str(e.attempts), reason])
            if e.state is OutboxState.REJECTED:
                item.setForeground(3, QtCore.Qt.GlobalColor.darkRed)
            self.outbox.addTopLevelItem(item)
        queued = sum(1 for e in entries if e.state in UNSENT)
        self.summary.setText(self.tr("%1 actions waiting to be sent").replace("%1", str(queued)))
        self.outbox.resizeColumnToContents(0)

    def show_downloads(self, missing: list[DocumentSummary]) -> None:
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
                item.setForeground(2, QtCore.Qt.GlobalColor.darkRed)
            self.downloads.addTopLevelItem(item)
        if not missing:
            self.downloads.addTopLevelItem(
                QtWidgets.QTreeWidgetItem([self.tr("Every document is on this computer.")])
            )
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
