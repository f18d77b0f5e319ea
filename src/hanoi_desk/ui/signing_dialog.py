"""Signing a batch of cached documents: documents, token and certificate (with
the token's PIN state shown before anything is tried), appearance, placement
(a box dragged on the page or an anchor text), one PIN, a progress bar with
cancel, and a result per document. Signed outputs go to the outbox.

The token is logged out at the end of the batch unless the signer ticks "keep
the token logged in" (off by default; the minutes are a setting): then later
batches of this unlocked session sign without the PIN until that time is up
or Hanoi Desk locks. While such a login lasts the option shows ticked, with
the minutes left; unticking it logs the token out after that batch.

The demo's software key (only in a profile whose ``software_keys`` setting
names it) is listed beside the tokens, labelled as a DEMO software key and
never by a token's name, with its warning where the PIN state goes."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from pathlib import Path

from hanoi_desk.app.sign_cached import (
    AppearanceSpec,
    CachedBatchReport,
    CachedSigner,
    CachedSignRequest,
    Kind,
    ModuleReport,
    Placement,
    TokenInfo,
    already_signed,
    decree_placement,
    queue_signed,
    refuse_superseded,
)
from hanoi_desk.app.token_watch import SlotWatcher, listed, watch_tokens
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.settings import (
    ORGANISATION,
    PKCS11_MODULES,
    SEAL_IMAGE,
    SIGNATURE_IMAGE,
    SOFTWARE_KEYS,
    TOKEN_KEEP_MINUTES,
    SettingValues,
)
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.common import error_text, follow_choice_tip, named, plain_tip
from hanoi_desk.ui.prompts import GuiPrompts
from hanoi_desk.ui.qt import QtCore, QtWidgets, Signal
from hanoi_desk.ui.tasks import Job, TaskRunner

DOC_ROLE = QtCore.Qt.ItemDataRole.UserRole + 3


def _path(setting: str) -> Path | None:
    """An image setting as a path; empty means none."""
    return Path(setting) if setting else None


class SigningDialog(QtWidgets.QDialog):
    finishedBatch = Signal(object)  # CachedBatchReport
    tokensMoved = Signal()  # from the slot watcher's thread: a token was plugged in or out
    tokenProblem = Signal(str, object)  # module, error: the watcher stopped watching it

    def __init__(
        self,
        runner: TaskRunner,
        workspace: Workspace,
        signer: CachedSigner,
        prompts: GuiPrompts,
        documents: list[DocumentSummary],
        *,
        chosen: DocumentSummary | None,
        box: tuple[int, tuple[float, float, float, float]] | None,
        settings: SettingValues,
        language: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.ws, self.signer, self.prompts = runner, workspace, signer, prompts
        self.settings, self.language, self.box = settings, language, box
        self.tokens: list[TokenInfo] = []
        self.job: Job[CachedBatchReport] | None = None
        self.running: CachedSignRequest | None = None
        self.report: CachedBatchReport | None = None
        self.again_box: QtWidgets.QMessageBox | None = None
        """The question asked before signing versions this profile already signed."""
        self.setObjectName("signingDialog")
        self.setWindowTitle(self.tr("Sign documents"))
        form = QtWidgets.QFormLayout(self)
        self.docs = QtWidgets.QListWidget()
        named(self.docs, self.tr("Documents to sign"))
        for doc in documents:
            item = QtWidgets.QListWidgetItem(doc.title)
            item.setData(DOC_ROLE, doc)
            item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            picked = chosen is not None and doc.id == chosen.id
            item.setCheckState(
                QtCore.Qt.CheckState.Checked if picked else QtCore.Qt.CheckState.Unchecked
            )
            self.docs.addItem(item)
        form.addRow(self.tr("&Documents:"), self.docs)
        self._build_choices(form, box)
        self.progress = QtWidgets.QProgressBar()
        named(self.progress, self.tr("Signing progress"))
        form.addRow(self.progress)
        self.results = QtWidgets.QListWidget()
        self.results.setObjectName("signingResults")
        named(self.results, self.tr("Results per document"))
        form.addRow(self.results)
        self.login_state = QtWidgets.QLabel("")
        self.login_state.setObjectName("tokenLogin")
        self.login_state.setWordWrap(True)
        form.addRow(self.login_state)
        buttons = QtWidgets.QDialogButtonBox()
        self.sign_button = buttons.addButton(
            self.tr("&Sign"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        named(self.sign_button, self.tr("Sign"))
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole
        )
        named(self.cancel_button, self.tr("Cancel"))
        form.addRow(buttons)
        self.find_button.clicked.connect(self.find_tokens)
        self.token.currentIndexChanged.connect(self._token_chosen)
        self.sign_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.sign_button.setEnabled(False)
        self._watch_tokens()

    def _watch_tokens(self) -> None:
        """Token hot-plug (issue 12): the list follows the tokens plugged in and
        out while the dialog is open; the watcher ends with the dialog."""
        self.relist_after_batch = False
        self.in_batch = False
        self.tokensMoved.connect(self._tokens_moved)
        self.tokenProblem.connect(self._token_problem)
        self.watcher: SlotWatcher | None = None
        modules = list(self.settings[PKCS11_MODULES])
        if modules:
            watcher = self.watcher = watch_tokens(
                self.signer.manager, modules, self.tokensMoved.emit, self.tokenProblem.emit
            )
            # Also when the window goes without closing the dialog (quit, lock).
            self.destroyed.connect(lambda *_: watcher.stop(wait=0.0))
        self.finished.connect(self.stop_watching)

    def stop_watching(self) -> None:
        """Not waiting for a poll under way: a hung module must not hold the GUI
        (the watcher's thread ends after that poll)."""
        if self.watcher is not None:
            self.watcher.stop(wait=0.0)

    def _build_choices(
        self, form: QtWidgets.QFormLayout, box: tuple[int, tuple[float, float, float, float]] | None
    ) -> None:
        self.token = QtWidgets.QComboBox()
        named(self.token, self.tr("Token"))
        self.find_button = QtWidgets.QPushButton(self.tr("&Find tokens"))
        named(self.find_button, self.tr("Find tokens"))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.token, 1)
        row.addWidget(self.find_button)
        token_label = QtWidgets.QLabel(self.tr("&Token:"))
        token_label.setBuddy(self.token)  # the field is a row of widgets: say which one
        form.addRow(token_label, row)
        self.cert = QtWidgets.QComboBox()
        named(self.cert, self.tr("Certificate"))
        form.addRow(self.tr("&Certificate:"), self.cert)
        self.pin_state = QtWidgets.QLabel("")
        self.pin_state.setObjectName("pinState")
        self.pin_state.setWordWrap(True)
        form.addRow(self.pin_state)
        minutes = str(self.keep_minutes())
        self.keep = QtWidgets.QCheckBox(
            self.tr("&Keep the token logged in for %1 min after this batch").replace("%1", minutes)
        )
        self.keep.setObjectName("keepToken")
        named(self.keep, self.tr("Keep the token logged in after this batch"))
        self.keep.setToolTip(
            self.tr(
                "Until then, later batches sign without asking for the PIN. Locking Hanoi "
                "Desk or opening another profile logs the token out at once."
            )
        )
        self.keep.setChecked(False)  # a login outliving the batch is the signer's choice
        form.addRow(self.keep)
        self.kind = QtWidgets.QComboBox()
        named(self.kind, self.tr("Appearance"))
        self.kind.addItem(self.tr("Invisible signature"), None)
        self.kind.addItem(self.tr("Approval (signature image)"), Kind.APPROVAL)
        self.kind.addItem(self.tr("Issuing (signature and seal)"), Kind.ISSUING)
        self.kind.addItem(self.tr("Attachment (seal, top right)"), Kind.ATTACHMENT)
        self.kind.addItem(self.tr("Copy (SAO Y)"), Kind.COPY)
        form.addRow(self.tr("&Appearance:"), self.kind)
        self.place = QtWidgets.QComboBox()
        named(self.place, self.tr("Placement"))
        if box is not None:
            self.place.addItem(
                self.tr("The box drawn on page %1").replace("%1", str(box[0] + 1)), "box"
            )
        self.place.addItem(self.tr("Below a text on the last page"), "anchor")
        self.place.addItem(self.tr("Bottom right of the last page"), "corner")
        form.addRow(self.tr("&Placement:"), self.place)
        self.anchor = QtWidgets.QLineEdit()
        named(self.anchor, self.tr("Anchor text"))
        form.addRow(self.tr("A&nchor text:"), self.anchor)
        # A token's label and a certificate's holder are long ("VNPT-CA — Nguyễn Văn
        # An — Ủy ban nhân dân…"): the boxes cut them and say them whole in their
        # tooltip and list, so the dialog keeps a width that fits the screen.
        for combo in (self.token, self.cert, self.kind, self.place):
            combo.setSizeAdjustPolicy(
                QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            follow_choice_tip(combo)
        # Wide enough for "Tìm thiết bị ký" beside the token and the Vietnamese labels.
        self.setMinimumWidth(max(560, form.sizeHint().width()))

    # -- tokens --------------------------------------------------------------------------

    def find_tokens(self) -> None:
        modules = list(self.settings[PKCS11_MODULES])
        software_keys = list(self.settings[SOFTWARE_KEYS])
        if not self.tokens:  # a relisting keeps the chosen token's PIN state in view
            self.pin_state.setText(self.tr("Looking for tokens…"))

        def done(reports: list[ModuleReport]) -> None:
            if self.watcher is not None:
                listed(self.watcher, reports)
            before = self.current_token()
            self.tokens = [t for r in reports for t in r.tokens]
            # A relisting keeps the signer's choice when that token is still there.
            keep = next((i for i, t in enumerate(self.tokens) if (t.module, t.label) == before), -1)
            with QtCore.QSignalBlocker(self.token):
                self.token.clear()
                for t in self.tokens:
                    if t.software_key:
                        self.token.addItem(self.tr("Software key (DEMO — not a hardware token)"))
                    else:
                        self.token.addItem(f"{t.label} ({t.manufacturer})")
                self.token.setCurrentIndex(max(keep, 0) if self.tokens else -1)
            self.token.setToolTip(plain_tip(self.token.currentText()))  # filled, signals off
            if keep < 0:  # new choice: its certificates and PIN state
                self._token_chosen(self.token.currentIndex())
            problems = [error_text(r.error, self.language) for r in reports if r.error]
            if not self.tokens:
                self.pin_state.setText(
                    " ".join(problems) or self.tr("No token found. Plug it in and try again.")
                )

        self.runner.run(
            "token",
            lambda job: self.signer.tokens(modules, software_keys),
            done,
            owner=self,
            failed=lambda exc: self.pin_state.setText(error_text(exc, self.language)),
        )

    def current_token(self) -> tuple[str, str] | None:
        index = self.token.currentIndex()
        if not 0 <= index < len(self.tokens):
            return None
        return self.tokens[index].module, self.tokens[index].label

    def batch_running(self) -> bool:
        return self.in_batch

    def _batch_over(self) -> None:
        self.in_batch = False
        if self.relist_after_batch:  # a token moved during the batch
            self.relist_after_batch = False
            self.find_tokens()

    def _tokens_moved(self) -> None:
        """A token was plugged in or out: list again, without a click (after a
        running batch, whose token choice must not move under it)."""
        if self.batch_running():
            self.relist_after_batch = True
        else:
            self.find_tokens()

    def _token_problem(self, module: str, error: BaseException) -> None:
        self.pin_state.setText(error_text(error, self.language))

    def _token_chosen(self, index: int) -> None:
        self.cert.clear()
        if not 0 <= index < len(self.tokens):
            self.sign_button.setEnabled(False)
            return
        token = self.tokens[index]
        # Usable certificates first; the others are listed, disabled, with the reason.
        certs = sorted((c for c in token.certificates if c.has_key), key=lambda c: not c.usable)
        for cert in certs:
            label = f"{cert.common_name} — {cert.organization}"
            if not cert.usable:
                label += " (" + self.tr("cannot sign") + ")"
            self.cert.addItem(label, cert.id_hex)
            if not cert.usable:
                model = self.cert.model()
                item = model.item(self.cert.count() - 1) if hasattr(model, "item") else None
                if item is not None:
                    item.setEnabled(False)
        # The demo's software key asks for its passphrase every batch: nothing to keep.
        self.keep.setEnabled(not token.software_key)
        left = 0.0 if token.software_key else self.signer.kept_for(token.module, token.label)
        # Ticked only while this session's kept login lasts: unticking it now logs
        # the token out at the end of this batch.
        self.keep.setChecked(left > 0)
        warnings = token.pin.describe(self.language)
        if left > 0:
            warnings.append(
                self.tr(
                    "The token is still logged in for another %1 min: this batch signs "
                    "without asking for the PIN."
                ).replace("%1", str(math.ceil(left / 60)))
            )
        self.pin_state.setText("\n".join(warnings) or self.tr("PIN state: normal."))
        usable = any(c.usable and c.has_key for c in token.certificates)
        self.sign_button.setEnabled(usable and not token.pin.locked)

    # -- batch -----------------------------------------------------------------------------

    def keep_minutes(self) -> int:
        return self.settings[TOKEN_KEEP_MINUTES]

    def chosen_documents(self) -> list[DocumentSummary]:
        out = []
        for i in range(self.docs.count()):
            item = self.docs.item(i)
            if item is not None and item.checkState() == QtCore.Qt.CheckState.Checked:
                out.append(item.data(DOC_ROLE))
        return out

    def request(self) -> CachedSignRequest:
        token = self.tokens[self.token.currentIndex()]
        kind = self.kind.currentData()
        appearance = None
        if kind is not None:
            appearance = AppearanceSpec(
                kind,
                signature_image=_path(self.settings[SIGNATURE_IMAGE]),
                seal_image=_path(self.settings[SEAL_IMAGE]),
                organisation=self.settings[ORGANISATION] or None,
            )
        mode = self.place.currentData()
        placement: Placement | None = None
        if kind is not None:
            if mode == "box" and self.box is not None:
                placement = Placement.drawn(*self.box)
            elif mode == "anchor":  # below the text, on the last page
                placement = Placement(anchor=self.anchor.text().strip())
            else:
                placement = decree_placement(kind)
        return CachedSignRequest(
            tuple(self.chosen_documents()),
            token.module,
            token.label,
            cert_id=self.cert.currentData(),
            appearance=appearance,
            placement=placement,
            software_key=token.software_key,
            keep_for=self.keep_minutes() * 60.0 if self.keep.isChecked() else 0.0,
        )

    def start(self) -> None:
        """The checks before any PIN, on the database lane: a version the cache
        knows a newer version of refuses the batch (its name in the results); a
        version this profile already signed asks first (:meth:`_ask_again`)."""
        request = self.request()
        cache = self.ws.session.cache
        self.results.clear()
        self.sign_button.setEnabled(False)

        def check(job: Job[list[DocumentSummary]]) -> list[DocumentSummary]:
            refuse_superseded(cache, request.documents)
            return already_signed(cache, request.documents)

        self.runner.run(
            "db",
            check,
            lambda earlier: self._ask_again(request, earlier),
            failed=self._failed,
            owner=self,
        )

    def _ask_again(self, request: CachedSignRequest, earlier: list[DocumentSummary]) -> None:
        """Sign them again, leave them out of this batch, or stop (nothing signed)."""
        if not earlier:
            self._sign(request)
            return
        box = self.again_box = QtWidgets.QMessageBox(self)
        box.setObjectName("signAgain")
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Already signed"))
        names = "\n".join(
            self.tr("“%1”, version %2")
            .replace("%1", printable(d.title, limit=80))
            .replace("%2", str(d.version))
            for d in earlier
        )
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # titles are the server's words
        box.setText(self.tr("You already signed:\n%1\n\nSign again?").replace("%1", names))
        again = box.addButton(self.tr("Sign &again"), QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        rest = [d for d in request.documents if d not in earlier]
        skip = None
        if rest:  # leaving them out still signs the others
            skip = box.addButton(
                self.tr("&Leave them out"), QtWidgets.QMessageBox.ButtonRole.ActionRole
            )
        box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)

        def answered(button: QtWidgets.QAbstractButton) -> None:
            if button is again:
                self._sign(dataclasses.replace(request, again=True))
            elif skip is not None and button is skip:
                self._sign(dataclasses.replace(request, documents=tuple(rest)))
            else:  # nothing signed, the signer may change the choice
                self.sign_button.setEnabled(True)

        box.buttonClicked.connect(answered)
        box.open()

    def _sign(self, request: CachedSignRequest) -> None:
        self.running = request
        cache = self.ws.session.cache
        self.results.clear()
        self.progress.setRange(0, max(1, len(request.documents)))
        self.progress.setValue(0)
        self.sign_button.setEnabled(False)
        self.in_batch = True

        def store(doc: DocumentSummary, signed: bytes) -> str:
            return self.runner.call("db", lambda: queue_signed(cache, doc, signed))

        def work(job: Job[CachedBatchReport]) -> CachedBatchReport:
            return self.signer.sign(request, self.prompts, store, job.progress, job.cancelled)

        self.job = self.runner.run(
            "token",
            work,
            self._done,
            failed=self._failed,
            cancelled=self._cancelled,
            owner=self,
            progress=lambda done, _total, _name: self.progress.setValue(done),
        )

    def cancel(self) -> None:
        if self.job is not None and self.report is None:
            self.job.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        """Closing the dialog (or a lock) stops a running batch between documents."""
        if self.job is not None and self.report is None:
            self.job.cancel()
        super().reject()

    def _done(self, report: CachedBatchReport) -> None:
        self.report = report
        names = {
            "signed": self.tr("Signed"),
            "skipped": self.tr("Already signed by this certificate"),  # an earlier batch
            "failed": self.tr("Not signed"),
            "not-started": self.tr("Not started"),
        }
        for r in report.results:
            line = f"{names.get(r.status, r.status)}: {r.document.title}"
            if r.error is not None:
                line += f" — {error_text(r.error, self.language)}"
            self.results.addItem(line)
        if report.stopped_by is not None:  # the token was pulled out, hung, or cancel
            self.results.addItem(
                self.tr(
                    "The batch stopped: %1 of %2 documents signed, the others not. Signing "
                    "them again skips the documents already signed."
                )
                .replace("%1", str(report.signed))
                .replace("%2", str(len(report.results)))
            )
        for warning in report.warnings:  # the batch's own, e.g. a certificate expiring soon
            self.results.addItem(error_text(warning, self.language))
        if self.running is not None and not self.running.software_key:
            if report.kept_for > 0:
                left = str(math.ceil(report.kept_for / 60))
                self.login_state.setText(
                    self.tr(
                        "The token stays logged in for another %1 min, or until Hanoi Desk locks."
                    ).replace("%1", left)
                )
            else:
                self.login_state.setText(
                    self.tr("The token was logged out: the next batch asks for the PIN.")
                )
        self.cancel_button.setText(self.tr("Close"))
        self._batch_over()
        self.finishedBatch.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.results.addItem(error_text(exc, self.language))
        self.sign_button.setEnabled(True)
        self._batch_over()

    def _cancelled(self) -> None:
        # The PIN dialog was closed before anything was signed: the signer may
        # start again, and Cancel closes the dialog instead of stopping no batch.
        self.job = None
        self.sign_button.setEnabled(True)
        self._batch_over()


Opener = Callable[[], None]
