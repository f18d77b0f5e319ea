"""The outbox and downloads: what is queued, its state, a rejection's reason,
and the documents not yet on this computer. The status-bar indicator lives
here too, so the sync state is always visible."""

from __future__ import annotations

import json

from hanoi_desk.domain.models import DocumentSummary, OutboxEntry
from hanoi_desk.ui.common import named
from hanoi_desk.ui.qt import QtCore, QtWidgets, Signal

STATES = ("offline", "connecting", "syncing", "up_to_date", "error", "not_configured")


def kind_text(kind: str) -> str:
    names = {
        "annotation.upsert": QtCore.QCoreApplication.translate("SyncPanel", "Private note"),
        "comment.add": QtCore.QCoreApplication.translate("SyncPanel", "Comment"),
        "signature.submit": QtCore.QCoreApplication.translate("SyncPanel", "Signed document"),
    }
    return names.get(kind, kind)


def state_text(state: str) -> str:
    names = {
        "queued": QtCore.QCoreApplication.translate("SyncPanel", "Queued"),
        "sending": QtCore.QCoreApplication.translate("SyncPanel", "Sending"),
        "done": QtCore.QCoreApplication.translate("SyncPanel", "Done"),
        "rejected": QtCore.QCoreApplication.translate("SyncPanel", "Rejected"),
    }
    return names.get(state, state)


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
        row.addWidget(self.summary, 1)
        self.sync_button = QtWidgets.QPushButton(self.tr("Sync &now"))
        named(self.sync_button, self.tr("Sync now"))
        self.sync_button.clicked.connect(self.syncRequested)
        row.addWidget(self.sync_button)
        layout.addLayout(row)
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
            item = QtWidgets.QTreeWidgetItem(
                [title, state_text(e.state), str(e.attempts), e.last_error or ""]
            )
            if e.state == "rejected":
                item.setForeground(3, QtCore.Qt.GlobalColor.darkRed)
            self.outbox.addTopLevelItem(item)
        queued = sum(1 for e in entries if e.state in ("queued", "sending"))
        self.summary.setText(self.tr("%1 actions waiting to be sent").replace("%1", str(queued)))
        self.outbox.resizeColumnToContents(0)

    def show_downloads(self, missing: list[DocumentSummary]) -> None:
        self.downloads.clear()
        for doc in missing:
            done, total = self.progress.get(doc.sha256, (0, doc.size))
            pct = f"{100 * done // total} %" if total else ""
            self.downloads.addTopLevelItem(
                QtWidgets.QTreeWidgetItem([doc.title, f"{doc.size // 1024} KiB", pct])
            )
        if not missing:
            self.downloads.addTopLevelItem(
                QtWidgets.QTreeWidgetItem([self.tr("Every document is on this computer.")])
            )
