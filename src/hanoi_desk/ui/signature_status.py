"""What happened to this profile's signatures, in the desktop (issue 12): the
completion line of the signatures panel, the sync's one-line summary, the
overdue warning that stays until the signature is completed, and the
"My signatures" list (like ``hanoi-desk cache signatures``).

The states and reasons are the domain's words (domain/signatures.py); a reason
this client does not know came from the server and is shown escaped
(``printable``) in plain-text labels and cells, never as Qt rich text.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hanoi_desk.app.signatures import SignatureOverview
from hanoi_desk.domain.signatures import (
    CompletionState,
    SignatureRecord,
    SignedCopy,
    reason_template,
)
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.domain.text import printable
from hanoi_desk.i18n import translate
from hanoi_desk.sync.completion import CompletionReport
from hanoi_desk.ui.common import named
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets

SHOWN_REASON = 80
"""Characters of a server's reason shown."""


def reason_text(reason: str | None, language: str) -> str:
    """A stored reason in the UI's language (the domain's catalogue), or escaped
    as it came (a server's word this client does not know)."""
    template = reason_template(reason)
    if template is not None:
        return translate(template, language)
    return printable(reason or "", limit=SHOWN_REASON)


def completion_text(record: SignatureRecord, language: str) -> str:
    """ "waiting for a timestamp: the timestamp service could not be reached",
    "completed (B-LT)", "refused: the signer's certificate was revoked"."""
    if record.state is CompletionState.COMPLETED:
        return QtCore.QCoreApplication.translate("SignatureStatus", "completed (%1)").replace(
            "%1", record.level
        )
    if record.state is CompletionState.NOT_NEEDED:
        return QtCore.QCoreApplication.translate(
            "SignatureStatus", "complete when signed (%1)"
        ).replace("%1", record.level)
    why = reason_text(record.reason, language) if record.reason else ""
    if record.state is CompletionState.WAITING:
        head = QtCore.QCoreApplication.translate("SignatureStatus", "waiting for a timestamp")
    else:
        head = QtCore.QCoreApplication.translate("SignatureStatus", "refused")
    return f"{head}: {why}" if why else head


def upload_text(record: SignatureRecord, language: str) -> str:
    names = {
        OutboxState.QUEUED: QtCore.QCoreApplication.translate("SignatureStatus", "queued"),
        OutboxState.SENDING: QtCore.QCoreApplication.translate("SignatureStatus", "sending"),
        OutboxState.DONE: QtCore.QCoreApplication.translate("SignatureStatus", "sent"),
        OutboxState.REJECTED: QtCore.QCoreApplication.translate("SignatureStatus", "refused"),
    }
    if record.upload is None:
        return QtCore.QCoreApplication.translate("SignatureStatus", "not in the outbox")
    text = names[record.upload]
    if record.upload is OutboxState.REJECTED and record.upload_reason:
        text += f": {reason_text(record.upload_reason, language)}"
    return text


def troubled(record: SignatureRecord) -> bool:
    """Refused for good, or its upload refused: shown as an error."""
    return record.state is CompletionState.REFUSED or record.upload is OutboxState.REJECTED


def mine_text(record: SignatureRecord, language: str) -> str:
    """The signatures panel's line for this profile's signature of the version."""
    return (
        QtCore.QCoreApplication.translate(
            "SignatureStatus", "My signature: level %1, %2. Upload: %3."
        )
        .replace("%1", record.level)
        .replace("%2", completion_text(record, language))
        .replace("%3", upload_text(record, language))
    )


SHOWN_NAME = 60
"""Characters of a signer's name shown (the server's text)."""


def copy_text(copy: SignedCopy) -> str:
    """The signatures panel's line for another member's accepted signature: who
    (the server's plain text, escaped), when (local time) and the signed file's hash."""
    when = datetime.fromtimestamp(copy.created_at, UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    text = QtCore.QCoreApplication.translate(
        "SignatureStatus", "Signed by %1 on %2 — accepted by the server (file hash %3…)"
    )
    # Ours first, the name last: a name holding "%2" is not filled in again.
    text = text.replace("%2", when).replace("%3", copy.sha256[:16])
    return text.replace("%1", printable(copy.name, limit=SHOWN_NAME))


def sync_summary(report: CompletionReport) -> tuple[str, bool]:
    """One line after a sync when something happened to signatures ("" when
    nothing did) and whether it is an error (a refused signature)."""
    # "Label: N" rather than a plural form: Vietnamese has none, and one
    # catalogue entry per line keeps the .ts flow simple.
    parts: list[str] = []
    if report.completed:
        text = QtCore.QCoreApplication.translate("SignatureStatus", "Signatures completed: %1")
        parts.append(text.replace("%1", str(len(report.completed))))
    if report.waiting:
        text = QtCore.QCoreApplication.translate(
            "SignatureStatus", "Signatures waiting for a timestamp: %1"
        )
        parts.append(text.replace("%1", str(len(report.waiting))))
    if report.refused:
        text = QtCore.QCoreApplication.translate(
            "SignatureStatus", "Signatures refused: %1 — see My signatures"
        )
        parts.append(text.replace("%1", str(len(report.refused))))
    return "; ".join(parts), bool(report.refused)


def overdue_text(overview: SignatureOverview) -> str:
    """The warning that stays while a signature is past the policy's limit ("" none)."""
    if not overview.overdue:
        return ""
    text = QtCore.QCoreApplication.translate(
        "SignatureStatus",
        "Signatures with no trusted time for %2 days: %1 — connect to complete them",
    )
    return text.replace("%1", str(len(overview.overdue))).replace("%2", str(overview.oldest_days))


def error_style(label: QtWidgets.QLabel, error: bool) -> None:
    """A refused signature reads as an error (red, with the "tone" property a
    style sheet can use); otherwise the application's own colours."""
    label.setProperty("tone", "error" if error else "")
    if error:
        palette = label.palette()
        palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor("#b00020"))
        label.setPalette(palette)
    else:
        label.setPalette(QtGui.QPalette())


def plain_label(name: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel("")
    label.setObjectName(name)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # titles and reasons are untrusted
    label.setWordWrap(True)
    label.hide()
    return label


class SignaturesDialog(QtWidgets.QDialog):
    """This profile's signatures: document, version, level, completion, upload."""

    COLUMNS = 5

    def __init__(
        self,
        overview: SignatureOverview,
        language: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signaturesDialog")
        self.setWindowTitle(self.tr("My signatures"))
        self.resize(760, 360)
        layout = QtWidgets.QVBoxLayout(self)
        self.overdue = plain_label("signaturesOverdue")
        layout.addWidget(self.overdue)
        text = overdue_text(overview)
        if text:
            self.overdue.setText(text)
            self.overdue.show()
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setObjectName("signaturesList")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [
                self.tr("Document"),
                self.tr("Version"),
                self.tr("Level"),
                self.tr("Completion"),
                self.tr("Upload"),
            ]
        )
        named(self.tree, self.tr("My signatures"))
        for record in overview.records:
            # QTreeWidgetItem texts are plain: a title cannot become markup.
            item = QtWidgets.QTreeWidgetItem(
                [
                    printable(record.title, limit=120) or record.document_version_id[:12],
                    "?" if record.version is None else str(record.version),
                    record.level,
                    completion_text(record, language),
                    upload_text(record, language),
                ]
            )
            if troubled(record):
                for column in range(self.COLUMNS):
                    item.setForeground(column, QtGui.QBrush(QtGui.QColor("#b00020")))
            self.tree.addTopLevelItem(item)
        if not overview.records:
            empty = QtWidgets.QTreeWidgetItem([self.tr("This profile has signed nothing yet.")])
            self.tree.addTopLevelItem(empty)
        for column in range(self.COLUMNS):
            self.tree.resizeColumnToContents(column)
        layout.addWidget(self.tree, 1)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QtWidgets.QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        layout.addWidget(close)
        self.tree.setFocus()
        first = self.tree.topLevelItem(0)
        if first is not None:  # keyboard users start on the first row
            self.tree.setCurrentItem(first)


__all__ = [
    "SignaturesDialog",
    "completion_text",
    "mine_text",
    "overdue_text",
    "sync_summary",
    "upload_text",
]
