"""The secretariat's view of a written consultation: the side panel's "Opinions
received" page, shown to a consultation's secretariat only (the meeting's
chair and secretary; docs/ui-consultation.md).

Per consultation: who answered (on time, on paper with both dates, late) and
who did not, the counts per question and answer — the server's
(``fetch_summary`` on the ``net`` lane; without a connection it says so) —
*Export PDF + CSV…* (the files ``hanoi-desk consult summary --out DIR``
writes, on the ``render`` lane) and *Sign the summary* (the exported PDF
signed through the one signing pipeline, one PIN, on the ``token`` lane; the
signed copy goes to ``signed/`` beside it).

Names and texts come from the server: shown as plain text through
:func:`hanoi_desk.domain.text.printable`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hanoi_desk.app.sync_service import SyncOptions
from hanoi_desk.app.token_access import TokenManager
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.common import error_text
from hanoi_desk.ui.consultation_form import KeyChooser, local_time
from hanoi_desk.ui.live_room import flow_layout, named_button, plain_label, side_scroll_area
from hanoi_desk.ui.qt import QtCore, QtWidgets, Signal
from hanoi_desk.ui.tasks import Job, TaskRunner
from hanoi_desk.ui.token_outcome import token_outcome

if TYPE_CHECKING:
    from hanoi_desk.app.consultation import ConsultationView, SummaryExport
    from hanoi_desk.signing.pin import PinPrompt

Report = dict[str, Any]


def choose_folder(parent: QtWidgets.QWidget, title: str) -> Path | None:
    chosen = QtWidgets.QFileDialog.getExistingDirectory(parent, title)
    return Path(chosen) if chosen else None


class ConsultationSummary(QtWidgets.QWidget):
    """The side panel's "Opinions received" page."""

    available = Signal(bool)
    """Whether this user is the secretariat of any consultation here (the window
    shows the page's button only then)."""

    def __init__(
        self,
        ws: Workspace,
        runner: TaskRunner,
        *,
        tokens: Callable[[], TokenManager] | None,
        prompt: Callable[[], PinPrompt],
        key_settings: Callable[[], tuple[Sequence[str], Sequence[str]]] = lambda: ((), ()),
        language: Callable[[], str] = lambda: "en",
        options: Callable[[], SyncOptions] = SyncOptions,
        folder: Callable[[QtWidgets.QWidget, str], Path | None] = choose_folder,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consultationSummary")
        self.ws, self.runner, self.tokens, self.prompt = ws, runner, tokens, prompt
        self.language, self.options, self.folder = language, options, folder
        self.views: list[ConsultationView] = []
        self.report: Report | None = None
        self.report_of: str | None = None
        self.exported: SummaryExport | None = None
        self.busy = False
        self._build(key_settings)
        self.chooser.currentIndexChanged.connect(lambda _i: self.fetch())
        self.refresh.clicked.connect(self.fetch)
        self.export_button.clicked.connect(self.export)
        self.sign_button.clicked.connect(self.sign)
        self.keys.box.currentIndexChanged.connect(lambda _i: self._enable())
        self.retranslate()
        self._enable()

    def _build(self, key_settings: Callable[[], tuple[Sequence[str], Sequence[str]]]) -> None:
        self.heading = QtWidgets.QLabel("")
        self.heading.setWordWrap(True)
        self.chooser = QtWidgets.QComboBox()
        self.chooser.setObjectName("summaryChooser")
        self.chooser.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.setMinimumContentsLength(8)
        self.refresh = named_button("summaryRefresh")
        self.counts = plain_label("summaryCounts")
        self.people = QtWidgets.QListWidget()
        self.people.setObjectName("summaryPeople")
        self.people.setWordWrap(True)
        self.people.setTextElideMode(QtCore.Qt.TextElideMode.ElideNone)
        self.people.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.people.setMinimumHeight(120)
        self.questions = plain_label("summaryQuestions")
        self.export_button = named_button("summaryExport")
        self.progress = QtWidgets.QProgressBar()
        self.progress.setObjectName("summaryProgress")
        self.progress.setRange(0, 0)  # generating has no steps to count
        self.progress.hide()
        self.keys = KeyChooser(self.runner, self.tokens, key_settings, self.language)
        self.sign_button = named_button("summarySign")
        self.message = plain_label("summaryMessage")
        body = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(body)
        column.addWidget(self.heading)
        column.addWidget(self.chooser)
        column.addLayout(flow_layout(self.refresh))
        for widget in (self.counts, self.questions, self.people):
            column.addWidget(widget)
        column.addLayout(flow_layout(self.export_button))
        column.addWidget(self.progress)
        column.addWidget(self.keys)
        column.addLayout(flow_layout(self.sign_button))
        column.addWidget(self.message)
        column.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(side_scroll_area(body))

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Opinions received (secretariat)"))
        self.refresh.setText(self.tr("&Fetch from the server"))
        self.export_button.setText(self.tr("&Export PDF + CSV…"))
        self.sign_button.setText(self.tr("Sign the s&ummary"))
        for button in (self.refresh, self.export_button, self.sign_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.chooser.setAccessibleName(self.tr("Consultation"))
        self.people.setAccessibleName(self.tr("Respondents"))
        if self.report is not None:
            self._show_report(self.report)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def answer_text(self, answer: str) -> str:
        return {
            "agree": self.tr("Agree"),
            "disagree": self.tr("Disagree"),
            "other": self.tr("Other opinion"),
        }.get(answer, answer)

    # -- the consultations -------------------------------------------------------------------

    def show_views(self, views: object) -> None:
        """The form's list (ConsultationPanel.loaded): the ones I am the secretariat of."""
        mine = [v for v in views if v.consultation.secretariat] if isinstance(views, list) else []
        ids = [v.consultation.id for v in mine]
        before = [v.consultation.id for v in self.views]
        self.views = mine
        if ids != before:
            keep = self.chooser.currentData()
            self.chooser.blockSignals(True)
            self.chooser.clear()
            for v in mine:
                c = v.consultation
                self.chooser.addItem(f"{printable(c.reference)} — {printable(c.title)}", c.id)
            if keep in ids:
                self.chooser.setCurrentIndex(ids.index(keep))
            self.chooser.blockSignals(False)
            if self.chooser.currentData() != self.report_of:
                self.fetch()
        self.available.emit(bool(mine))
        self._enable()

    def fetch(self) -> None:
        """The server's summary of the chosen consultation (net lane)."""
        cid = self.chooser.currentData()
        if not isinstance(cid, str):
            return
        session, options = self.ws.session, self.options()
        self.message.setText(self.tr("Asking the server…"))

        def work(job: Job[Report]) -> Report:
            from hanoi_desk.app.consultation import fetch_summary_apart

            return fetch_summary_apart(session, options, cid)

        def done(report: Report) -> None:
            if cid != self.chooser.currentData():
                return
            self.report, self.report_of, self.exported = report, cid, None
            self.message.setText("")
            self._show_report(report)
            self._enable()

        def failed(exc: BaseException) -> None:
            if cid != self.chooser.currentData():
                return
            self.message.setText(
                self.tr("The summary needs the server, which did not answer: %1").replace(
                    "%1", error_text(exc, self.language())
                )
            )

        self.runner.run("net", work, done, failed=failed, owner=self, label="summary")

    def _show_report(self, report: Mapping[str, Any]) -> None:
        try:
            self._fill(report)
        except (KeyError, TypeError, ValueError, AttributeError):
            self.people.clear()
            self.counts.setText(self.tr("The server's summary is damaged."))
            self.report = None

    def _fill(self, report: Mapping[str, Any]) -> None:
        s = report["summary"]
        total = sum(len(s[k]) for k in ("answered", "late", "missing"))
        self.counts.setText(
            self.tr("%1 asked: %2 answered on time (%3 on paper), %4 late, %5 without an opinion.")
            .replace("%1", str(total))
            .replace("%2", str(len(s["answered"])))
            .replace("%3", str(len(s["paper"])))
            .replace("%4", str(len(s["late"])))
            .replace("%5", str(len(s["missing"])))
        )
        lines = []
        for n, q in enumerate(s["questions"], 1):
            counts = q["counts"]
            numbers = ", ".join(
                f"{self.answer_text(a)} {int(counts[a])}" for a in ("agree", "disagree", "other")
            )
            lines.append(f"{n}. {printable(str(q['text']))}\n    {numbers}")
            for other in q["others"]:
                lines.append(
                    f"    – {printable(str(other['name']))}: {printable(str(other['text']))}"
                )
        self.questions.setText("\n".join(lines))
        self._fill_people(report)

    def _fill_people(self, report: Mapping[str, Any]) -> None:
        s = report["summary"]
        last: dict[str, Mapping[str, Any]] = {}
        for r in report["responses"]:
            uid = str(r.get("user_id", ""))
            if r.get("counted") or uid not in last:
                last[uid] = r
        status = {
            "answered": self.tr("answered on time"),
            "paper": self.tr("on paper"),
            "late": self.tr("late (not counted)"),
            "missing": self.tr("no opinion yet"),
        }
        self.people.clear()
        paper = {str(who["user_id"]) for who in s["paper"]}
        for key in ("answered", "late", "missing"):
            for who in s[key]:
                uid = str(who["user_id"])
                shown = "paper" if uid in paper else key
                text = f"{printable(str(who['name']))} — {status[shown]}"
                r = last.get(uid)
                if r is not None and shown == "paper":
                    text += "\n" + self.tr("dated %1 on paper, entered %2").replace(
                        "%1", printable(str(r.get("written_on") or "?"))
                    ).replace("%2", local_time(int(r["received_at"])))
                elif r is not None:
                    text += "\n" + self.tr("received %1 (server time)").replace(
                        "%1", local_time(int(r["received_at"]))
                    )
                item = QtWidgets.QListWidgetItem(text)
                item.setData(QtCore.Qt.ItemDataRole.UserRole, shown)
                self.people.addItem(item)

    # -- export and sign ---------------------------------------------------------------------

    def _enable(self) -> None:
        has = self.report is not None and not self.busy
        self.export_button.setEnabled(has)
        self.refresh.setEnabled(bool(self.views) and not self.busy)
        self.sign_button.setEnabled(
            has and self.exported is not None and self.keys.chosen() is not None
        )

    def export(self) -> None:
        """The CSV and the PDF into a chosen folder (render lane)."""
        report = self.report
        if report is None or self.busy:
            return
        out = self.folder(self, self.tr("Export the summary to"))
        if out is None:
            return
        language = self.language()
        self.busy = True
        self.progress.show()
        self.message.setText(self.tr("Writing the summary…"))
        self._enable()

        def work(job: Job[SummaryExport]) -> SummaryExport:
            from hanoi_desk.app.consultation import export_summary

            return export_summary(report, out, language)

        def done(files: SummaryExport) -> None:
            self._idle()
            self.exported = files
            self.message.setText(
                self.tr("Saved: %1 and %2")
                .replace("%1", str(files.pdf))
                .replace("%2", str(files.csv))
            )
            self._enable()
            if self.keys.tokens is not None and not self.keys.keys:
                self.keys.look()

        def failed(exc: BaseException) -> None:
            self._idle()
            self.message.setText(error_text(exc, self.language()))

        self.runner.run("render", work, done, failed=failed, owner=self, label="export")

    def sign(self) -> None:
        """The exported PDF signed on the token lane (one PIN, never retried)."""
        files, manager = self.exported, self.tokens
        how = self.keys.how(self.ws.session.token_scope)
        if files is None or manager is None or how is None or self.busy:
            return
        prompt = self.prompt()
        self.busy = True
        self.progress.show()
        self.message.setText(self.tr("Signing the summary…"))
        self._enable()

        def work(job: Job[Path]) -> Path:
            from hanoi_desk.app.consultation import sign_summary

            return sign_summary(manager(), files.pdf, how, prompt)

        def done(path: Path) -> None:
            self._idle()
            self.message.setText(self.tr("Signed summary saved: %1").replace("%1", str(path)))

        failed, cancelled = token_outcome(self.message, self.runner, self.language,
                                          self.tr("Not signed: the PIN was not given."),
                                          self._idle)  # fmt: skip

        self.runner.run("token", work, done, failed=failed, cancelled=cancelled, owner=self,
                        label="sign summary")  # fmt: skip

    def _idle(self) -> None:
        self.busy = False
        self.progress.hide()
        self._enable()
