"""The written consultation's desktop pages (ui/consultation_form.py and
ui/consultation_summary.py; docs/ui-consultation.md) against the real server on
127.0.0.1: a delegate's and the secretary's real SQLCipher profiles, each with
its task runner, the window's change feed and PIN dialog; opinions signed on
the SoftHSM2 token HANOI-PINTEST (its certificate registered for the delegate)
with the PIN typed in the real dialog. The consultation is made with the host
command's function (``server.consultation.create``), as the secretariat does;
the sync is the real one. "Offline" is a server address where nothing listens
(connection refused), the only way to be offline on one machine. The form's
clock is injected for "after the deadline" (no sleeping); the server's receipt
clock stays real. Nothing is mocked."""

from __future__ import annotations

import csv
import io
import random
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from test_live_room import SIDE_WIDTH, _clipped
from test_ui_live_votes import type_pin
from ui_helpers import LEFT, WAIT, FixedPrompt

from hanoi_desk.app.consultation import consultation_document
from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.app.token_access import TokenManager
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.mupdf import pdf_document
from hanoi_desk.server import admin, consultation
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.sync.backoff import Backoff
from hanoi_desk.ui.app import load_fonts
from hanoi_desk.ui.changes import ChangeFeed
from hanoi_desk.ui.consultation_form import CONSULTATION_ROLE, ConsultationPanel
from hanoi_desk.ui.consultation_summary import ConsultationSummary
from hanoi_desk.ui.prompts import GuiPrompts
from hanoi_desk.ui.qt import QtWidgets
from hanoi_desk.ui.tasks import TaskRunner

PIN_TOKEN = "HANOI-PINTEST"
QUESTIONS = [
    {"id": "q1", "text": "Thông qua dự thảo Nghị quyết về bảng giá đất?"},
    {"id": "q2", "text": "Thời điểm áp dụng từ ngày 01/01/2027?"},
]
OTHER = "Đề nghị áp dụng từ quý II năm 2027"


@pytest.fixture
def srv(tmp_path: Path, pki: Any) -> Iterator[Any]:
    from tests.server.live import running_server

    with running_server(tmp_path / "data", packs_dir=tmp_path / "packs") as s:
        admin.set_member_certificate(s.server.db, "daibieu", pki.certs["signer"].dump())
        yield s


def dead_url() -> str:
    """An address on this machine where nothing listens: the sync cannot connect."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class Desktop:
    """One member's pages: a profile synced once, its runner (the db lane owns
    the connection), the window's change feed and PIN dialog, both pages; the
    form's *Sign and send* starts the real sync against ``self.url``."""

    def __init__(self, qtbot: Any, desk: Desk, srv: Any, user: str, *, manager: TokenManager,
                 module: str, out: Path | None = None) -> None:  # fmt: skip
        self.srv, self.user, self.url = srv, user, srv.base_url
        desk.create(user, FixedPrompt())
        self.runner = TaskRunner()
        self.session: Session = self.runner.call(
            "db", lambda: desk.open(user, FixedPrompt(), "passphrase")
        )
        self.ws = Workspace(self.session, on_db=self.runner.call_db)
        self.feed = ChangeFeed(self.ws.changes, self.runner)
        self.prompts = GuiPrompts(self.runner, lambda: self.form, "en")
        self.syncs: list[str] = []
        self.form = ConsultationPanel(
            self.ws, self.runner, tokens=lambda: manager, prompt=lambda: self.prompts,
            key_settings=lambda: ((module,), ()), send_now=self.send_now,
        )  # fmt: skip
        self.summary = ConsultationSummary(
            self.ws, self.runner, tokens=lambda: manager, prompt=lambda: self.prompts,
            key_settings=lambda: ((module,), ()), folder=lambda _w, _t: out,
            options=self.options,
        )  # fmt: skip
        self.form.loaded.connect(self.summary.show_views)
        self.feed.subscribe(("meetings", "outbox"), self.form.reload)
        load_fonts()  # the app's fonts, as in the window: widths as people see them
        for page in (self.form, self.summary):
            qtbot.addWidget(page)
            page.resize(SIDE_WIDTH, 560)  # the side panel's page at 1366×768
            page.show()
        self.sync()

    def options(self) -> SyncOptions:
        from tests.server.live import DEMO_PASSWORD

        # A quick give-up when nothing listens (the real default retries for minutes).
        backoff = Backoff(base=0.01, cap=0.05, attempts=2, rng=random.Random(0))
        return SyncOptions(server=self.url, username=self.user, backoff=backoff,
                           password=lambda: DEMO_PASSWORD, run_timeout=10.0)  # fmt: skip

    def sync(self) -> None:
        """The real sync on the profile's database lane; it publishes what it changed."""
        options = self.options()
        self.runner.call("db", lambda: SyncService(self.session, options).run())

    def send_now(self) -> None:
        """What the window's sync controller does after an opinion is queued."""
        options = self.options()

        def failed(exc: BaseException) -> None:
            self.syncs.append("failed")

        self.runner.run("db", lambda job: SyncService(self.session, options).run(),
                        lambda _r: self.syncs.append("done"), failed=failed)  # fmt: skip

    def pick(self, qtbot: Any, cid: str) -> None:
        form = self.form

        def row() -> QtWidgets.QListWidgetItem | None:
            items = (form.list.item(i) for i in range(form.list.count()))
            return next((i for i in items if i.data(CONSULTATION_ROLE) == cid), None)

        qtbot.waitUntil(lambda: row() is not None, timeout=WAIT)
        item = row()
        assert item is not None
        form.list.setCurrentItem(item)
        qtbot.waitUntil(lambda: form.current_id == cid and len(form.boxes) == 2, timeout=WAIT)

    def close(self) -> None:
        self.feed.close()
        self.runner.call("db", self.session.close)
        self.runner.shutdown()


def _wider_than_shown(page: QtWidgets.QWidget) -> list[str]:
    """The scrolling page's parts that need more width than its viewport shows
    (the page scrolls down, never sideways: they would be cut at the edge)."""
    area = page.findChild(QtWidgets.QScrollArea)
    assert area is not None
    body, width = area.widget(), area.viewport().width()
    assert body is not None
    return [
        f"{type(w).__name__} {w.objectName()!r} {w.minimumSizeHint().width()} > {width}"
        for w in [body, *body.findChildren(QtWidgets.QWidget)]
        if w.isVisibleTo(area) and w.minimumSizeHint().width() > width
    ]


def _answer(form: ConsultationPanel, first: int) -> None:
    q1, q2 = form.boxes
    q1.radios[first].setChecked(True)
    q2.radios[2].setChecked(True)
    q2.other.setPlainText(OTHER)


def _send(qtbot: Any, d: Desktop, pin: str, seen: list[str]) -> None:
    form = d.form
    qtbot.waitUntil(lambda: any(k.token == PIN_TOKEN for k in form.keys.keys), timeout=WAIT)
    form.keys.box.setCurrentIndex(next(i for i, k in enumerate(form.keys.keys)
                                       if k.token == PIN_TOKEN))  # fmt: skip
    qtbot.waitUntil(form.send.isEnabled, timeout=WAIT)
    type_pin(pin, seen)
    qtbot.mouseClick(form.send, LEFT)


def test_a_delegate_answers_offline_then_online_revises_and_the_deadline_locks_the_form(
    qtbot: Any, desk: Desk, srv: Any, pki: Any, manager: TokenManager
) -> None:
    db = srv.server.db
    deadline = int(time.time()) + 3 * 86400
    cid = consultation.create(db, COUNCIL_ID, "17/PLYK-HĐND", "Lấy ý kiến về bảng giá đất",
                              deadline, questions=QUESTIONS,
                              respondents=["daibieu", "daibieu2", "daibieu3"])  # fmt: skip
    consultation.move(db, cid, "open")
    d = Desktop(qtbot, desk, srv, "daibieu", manager=manager, module=pki.module)
    try:
        d.form.reload()
        d.pick(qtbot, cid)
        form = d.form
        assert "Not answered" in form.state.text() and "days left" in form.deadline.text()
        # Its documents (the meeting's current versions) by their titles, for the reader.
        titles = [form.docs.item(i).text() for i in range(form.docs.count())]
        assert titles and not any(t.startswith("Document ") for t in titles), titles
        # Double-clicking one asks the window to open it; the app finds it by version.
        asked: list[str] = []
        form.documentChosen.connect(asked.append)
        form.docs.itemActivated.emit(form.docs.item(0))
        (version,) = asked
        doc = d.runner.call("db", lambda: consultation_document(d.session.cache, version))
        assert doc.version_id == version and doc.title == titles[0]
        # Open ones first: the demo's own open consultation and this one lead the list.
        assert not form.send.isEnabled()  # nothing answered yet
        _answer(form, 0)
        qtbot.waitUntil(lambda: form.boxes[1].other.isVisibleTo(form), timeout=WAIT)
        assert not form.boxes[0].other.isVisibleTo(form)  # the text box is for "other" only
        # The page fits the side panel (about 220 px): no button cut or out of its
        # width, and nothing in it needs more than the width (it would be cut).
        qtbot.waitUntil(lambda: not _clipped(form), timeout=WAIT)
        assert _wider_than_shown(form) == []

        # Preview: the opinion sheet as it will be signed, its pages in a dialog.
        qtbot.waitUntil(form.preview_button.isEnabled, timeout=WAIT)
        qtbot.mouseClick(form.preview_button, LEFT)
        qtbot.waitUntil(lambda: form.preview_dialog is not None, timeout=WAIT)
        shown = form.preview_dialog
        assert shown is not None
        assert shown.isVisible() and len(shown.images) == 1 and shown.images[0].width() > 600
        shown.close()
        # A wrong PIN: a clear error, nothing signed or queued, the answers kept.
        seen: list[str] = []
        _send(qtbot, d, "000000", seen)
        qtbot.waitUntil(lambda: "PIN" in form.message.text(), timeout=WAIT)
        assert manager.counters.signs == 0 and len(seen) == 1 and PIN_TOKEN in seen[0]
        assert [b.answer() for b in form.boxes] == [
            {"answer": "agree", "text": ""}, {"answer": "other", "text": OTHER}
        ]  # fmt: skip
        assert d.syncs == []

        # Offline: signed once, queued, and the page says it waits on this computer.
        d.url = dead_url()
        _send(qtbot, d, pki.pin, seen)
        qtbot.waitUntil(lambda: d.syncs == ["failed"], timeout=WAIT)
        qtbot.waitUntil(lambda: "waiting on this computer" in form.state.text(), timeout=WAIT)
        assert manager.counters.signs == 1 and len(seen) == 2
        assert consultation.report(db, cid).to_json()["responses"] == []

        # Online: the next sync sends it; received on time, counted by the server.
        d.url = srv.base_url
        d.send_now()
        qtbot.waitUntil(lambda: d.syncs == ["failed", "done"], timeout=WAIT)
        qtbot.waitUntil(lambda: "Sent on time" in form.state.text(), timeout=WAIT)
        report = consultation.report(db, cid).to_json()
        (first,) = report["responses"]
        assert first["counted"] and report["summary"]["questions"][0]["counts"]["agree"] == 1
        assert "replaces your opinion of" in form.state.text()

        # A revision before the deadline replaces it.
        form.boxes[0].radios[1].setChecked(True)
        _send(qtbot, d, pki.pin, seen)
        qtbot.waitUntil(lambda: "Revised on time" in form.state.text(), timeout=WAIT)
        counts = consultation.report(db, cid).to_json()["summary"]["questions"][0]["counts"]
        assert counts == {"agree": 0, "disagree": 1, "other": 0}
        assert manager.counters.signs == 2 and len(seen) == 3

        # After the deadline the form is read-only and says why.
        form.clock = lambda: deadline + 60
        form.reload()
        qtbot.waitUntil(lambda: "deadline has passed" in form.message.text(), timeout=WAIT)
        assert not form.send.isVisible() and not form.boxes[0].radios[0].isEnabled()
        assert "closed" in form.deadline.text()
        # The delegate is no secretary: the summary page has nothing to offer.
        assert d.summary.chooser.count() == 0
    finally:
        d.close()


def test_the_secretarys_view_lists_counts_exports_and_signs_the_summary(
    qtbot: Any, desk: Desk, srv: Any, pki: Any, *, manager: TokenManager, tmp_path: Path
) -> None:
    db, blobs = srv.server.db, srv.server.blobs
    deadline = int(time.time()) + 86400
    cid = consultation.create(db, COUNCIL_ID, "18/PLYK-HĐND", "Lấy ý kiến về đề án",
                              deadline, questions=QUESTIONS,
                              respondents=["daibieu", "daibieu2", "daibieu3"])  # fmt: skip
    consultation.move(db, cid, "open")
    consultation.enter_paper(db, blobs, cid, username="daibieu2",
                             answers={"q1": {"answer": "disagree"},
                                      "q2": {"answer": "other", "text": OTHER}},
                             scan=b"%PDF-1.4 scan", written_on="2030-03-10", entered_by="thuky",
                             now=deadline - 100)  # fmt: skip
    consultation.enter_paper(db, blobs, cid, username="daibieu3",
                             answers={"q1": {"answer": "agree"}, "q2": {"answer": "agree"}},
                             scan=b"%PDF-1.4 scan", written_on="2030-03-11", entered_by="thuky",
                             now=deadline - 50)  # fmt: skip
    out = tmp_path / "out"
    s = Desktop(qtbot, desk, srv, "thuky", manager=manager, module=pki.module, out=out)
    try:
        s.form.reload()
        page = s.summary
        qtbot.waitUntil(lambda: page.chooser.findData(cid) >= 0, timeout=WAIT)
        page.chooser.setCurrentIndex(page.chooser.findData(cid))
        qtbot.waitUntil(lambda: page.report_of == cid, timeout=WAIT)
        assert page.counts.text().startswith("3 asked: 2 answered on time (2 on paper), 0 late, 1")
        people = [page.people.item(i).text() for i in range(page.people.count())]
        assert len(people) == 3
        (missing,) = [p for p in people if "no opinion yet" in p]
        assert missing == "Phạm Thu Dung — no opinion yet"  # the demo's daibieu
        papers = [p for p in people if "on paper" in p]
        assert len(papers) == 2 and any("dated 2030-03-10 on paper, entered" in p for p in papers)
        assert "Agree 1, Disagree 1, Other opinion 0" in page.questions.text()
        assert OTHER in page.questions.text()
        # The page fits the side panel: no button cut or out of its width.
        qtbot.waitUntil(lambda: not _clipped(page), timeout=WAIT)
        assert _wider_than_shown(page) == []

        # Export: the CSV and the PDF the command line writes, read back.
        assert not page.sign_button.isEnabled()
        qtbot.mouseClick(page.export_button, LEFT)
        qtbot.waitUntil(lambda: page.exported is not None, timeout=WAIT)
        assert page.exported is not None
        assert "Saved:" in page.message.text()
        rows = list(csv.reader(io.StringIO(page.exported.csv.read_bytes().decode("utf-8-sig"))))
        assert sorted(r[1] for r in rows[1:]) == ["answered on paper", "answered on paper",
                                                  "no opinion"]  # fmt: skip
        with pdf_document(page.exported.pdf) as doc:
            text = " ".join(" ".join(p.get_text().split()) for p in doc)
        assert "18/PLYK-HĐND" in text and f"{QUESTIONS[0]['text']} 1 1 0" in text

        # Sign the summary: one PIN, the signed copy beside it, valid in pyHanko.
        qtbot.waitUntil(lambda: any(k.token == PIN_TOKEN for k in page.keys.keys), timeout=WAIT)
        page.keys.box.setCurrentIndex(next(i for i, k in enumerate(page.keys.keys)
                                           if k.token == PIN_TOKEN))  # fmt: skip
        qtbot.waitUntil(page.sign_button.isEnabled, timeout=WAIT)
        seen: list[str] = []
        type_pin(pki.pin, seen)
        qtbot.mouseClick(page.sign_button, LEFT)
        qtbot.waitUntil(lambda: "Signed summary saved" in page.message.text(), timeout=WAIT)
        signed = out / "signed" / page.exported.pdf.name
        assert len(seen) == 1 and manager.counters.signs == 1
        sig = PdfFileReader(io.BytesIO(signed.read_bytes())).embedded_signatures[0]
        ctx = ValidationContext(trust_roots=[pki.certs["root"]], allow_fetching=False)
        status = validate_pdf_signature(sig, ctx)
        assert status.intact and status.valid and status.trusted

        # Without a connection the summary says it needs the server; nothing is guessed.
        s.url = dead_url()
        qtbot.mouseClick(page.refresh, LEFT)
        qtbot.waitUntil(lambda: "needs the server" in page.message.text(), timeout=WAIT)
    finally:
        s.close()
