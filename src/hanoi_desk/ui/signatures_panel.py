"""The signatures of the open document: who signed, when, intact, trusted,
revocation, PAdES level, and changes since, verified in memory off the UI
thread (network revocation checks only when asked)."""

from __future__ import annotations

from collections.abc import Callable

from hanoi_desk.app.signatures import (
    FileReport,
    my_signature,
    others_signatures,
    report_lines,
    verify_document,
)
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.signatures import SignatureRecord, SignedCopy
from hanoi_desk.ui.common import error_text, named
from hanoi_desk.ui.qt import QtCore, QtWidgets
from hanoi_desk.ui.signature_status import (
    copy_text,
    error_style,
    mine_text,
    plain_label,
    troubled,
)
from hanoi_desk.ui.tasks import Job, TaskRunner

Mine = tuple[SignatureRecord | None, list[SignedCopy]]


class SignaturesPanel(QtWidgets.QWidget):
    def __init__(
        self,
        runner: TaskRunner,
        workspace: Callable[[], Workspace],
        trust: Callable[[], list[str]],
        language: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.workspace = workspace
        self.trust = trust
        self.language = language
        self.doc: DocumentSummary | None = None
        self.report: FileReport | None = None
        self.mine: SignatureRecord | None = None
        """This profile's signature of the version shown, as the cache records it."""
        self.others: list[SignedCopy] = []
        """Others' accepted signatures of the version the server shows this
        profile (the secretariat's; docs/server-uploads.md)."""
        self.setObjectName("signaturesPanel")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Completion of this profile's own signature (issue 12): level now,
        # waiting / completed / refused with why, and its upload.
        self.mine_label = plain_label("mySignature")
        layout.addWidget(self.mine_label)
        self.others_label = plain_label("othersSignatures")
        layout.addWidget(self.others_label)
        self.verdict = QtWidgets.QLabel("")
        self.verdict.setObjectName("signatureVerdict")
        self.verdict.setWordWrap(True)
        layout.addWidget(self.verdict)
        self.details = QtWidgets.QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("signatureDetails")
        layout.addWidget(self.details)
        self.online = QtWidgets.QPushButton()
        self.online.clicked.connect(lambda: self.verify(fetch=True))
        layout.addWidget(self.online)
        self.retranslate()

    def retranslate(self) -> None:
        named(self.details, self.tr("Signature verification report"))
        self.online.setText(self.tr("Check &revocation online"))
        named(self.online, self.tr("Check revocation online"))
        if self.report is not None:
            self._show(self.report)
        self._show_mine()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_document(self, doc: DocumentSummary | None) -> None:
        self.doc = doc
        self.report = None
        self.details.clear()
        self.verdict.setText("")
        self.mine, self.others = None, []
        self._show_mine()
        if doc is not None:
            self.load_mine()
            self.verify(fetch=False)

    def load_mine(self) -> None:
        """Reads this profile's signature of the version shown and the others'
        signatures the server showed it (database lane); again after a sync, which
        may have completed or refused mine, or brought others'."""
        doc, ws = self.doc, self.workspace()
        if doc is None:
            return

        def load(job: Job[Mine]) -> Mine:
            cache = ws.session.cache
            return my_signature(cache, doc.version_id), others_signatures(cache, doc.version_id)

        def done(found: Mine) -> None:
            if doc is self.doc:
                self.mine, self.others = found
                self._show_mine()

        self.runner.run("db", load, done, owner=self)

    def _show_mine(self) -> None:
        lines = [copy_text(c) for c in self.others]
        self.others_label.setText("\n".join(lines))
        self.others_label.setVisible(bool(lines))
        if self.mine is None:
            self.mine_label.hide()
            return
        self.mine_label.setText(mine_text(self.mine, self.language))
        error_style(self.mine_label, troubled(self.mine))
        self.mine_label.show()

    def verify(self, fetch: bool) -> None:
        doc, ws, trust = self.doc, self.workspace(), self.trust()
        if doc is None:
            return
        self.verdict.setText(self.tr("Checking signatures…"))

        def work(job: Job[FileReport]) -> FileReport:
            return verify_document(ws.session.cache, doc, trust, fetch, on_db=ws.on_db)

        def done(report: FileReport) -> None:
            if doc is not self.doc:
                return
            self.report = report
            self._show(report)

        def failed(exc: BaseException) -> None:
            self.verdict.setText(error_text(exc, self.language))

        self.runner.run("net", work, done, failed=failed, owner=self)

    def _show(self, report: FileReport) -> None:
        """The report in the UI's language (again after a language change)."""
        if report.error:
            self.verdict.setText(report.error)
        elif not report.signatures:
            self.verdict.setText(self.tr("This document has no signatures."))
        else:
            good = sum(1 for s in report.signatures if s.ok)
            self.verdict.setText(
                self.tr("%1 of %2 signatures valid and trusted")
                .replace("%1", str(good))
                .replace("%2", str(len(report.signatures)))
            )
        self.details.setPlainText("\n".join(report_lines(report, self.language)))
