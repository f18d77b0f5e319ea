"""The "Signing requests" side page (ui/signing_requests_page.py) against the real
server on 127.0.0.1: one real SQLCipher profile, task runner and page per
signer, the demo's council members signing on SoftHSM2 tokens (the desktop
tests' PKI: HANOI-PINTEST and HANOI-HOSTILE, each certificate registered for
its member by the admin) through the window's real PIN dialog, the PIN typed
in it. Requests are made with the host command's function
(``server.signing_requests.create``), as the secretariat does; the sync is the
real one (``SyncService``) on each profile's database lane. Nothing is mocked."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from test_live_room import SIDE_WIDTH, _clipped
from test_ui_live_votes import type_pin
from ui_helpers import LEFT, WAIT, FixedPrompt

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.app.token_access import TokenManager
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.server import admin, signing_requests
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.models import Document, DocumentVersion
from hanoi_desk.server.signing_requests import StepSpec
from hanoi_desk.sync.engine import SyncReport
from hanoi_desk.ui.changes import ChangeFeed
from hanoi_desk.ui.prompts import GuiPrompts
from hanoi_desk.ui.qt import QtWidgets
from hanoi_desk.ui.signing_requests_page import REQUEST_ROLE, SigningRequestsPage
from hanoi_desk.ui.sync_panel import kind_text
from hanoi_desk.ui.tasks import TaskRunner

PIN_TOKEN, HOSTILE_TOKEN = "HANOI-PINTEST", "HANOI-HOSTILE"
KEYS = {"thuky": PIN_TOKEN, "daibieu": HOSTILE_TOKEN, "daibieu2": PIN_TOKEN}
"""Which token each demo member signs with (its certificate is registered for them)."""


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory, pki: Any) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv-requests")
    with running_server(root / "data", packs_dir=root / "packs") as s:
        certs = {PIN_TOKEN: pki.certs["signer"].dump(), HOSTILE_TOKEN: pki.certs["hostile"].dump()}
        for user, token in KEYS.items():
            admin.set_member_certificate(s.server.db, user, certs[token])
        yield s


class Signer:
    """One member's desktop: a profile, its runner (the db lane owns the
    connection), the window's change feed and PIN dialog, and the page."""

    def __init__(
        self,
        qtbot: Any,
        desk: Desk,
        srv: Any,
        user: str,
        *,
        manager: TokenManager,
        module: str,
        software: tuple[str, ...] = (),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.srv, self.user = srv, user
        desk.create(user, FixedPrompt())
        self.runner = TaskRunner()
        self.session: Session = self.runner.call(
            "db", lambda: desk.open(user, FixedPrompt(), "passphrase")
        )
        self.ws = Workspace(self.session, on_db=self.runner.call_db)
        self.feed = ChangeFeed(self.ws.changes, self.runner)
        self.prompts = GuiPrompts(self.runner, lambda: self.page, "en")
        self.page = SigningRequestsPage(
            self.runner, lambda: self.ws, self.feed, tokens=lambda: manager,
            prompt=lambda: self.prompts, key_settings=lambda: ((module,), software), clock=clock,
        )  # fmt: skip
        qtbot.addWidget(self.page)
        self.page.resize(340, 700)
        self.page.show()

    def sync(self) -> SyncReport:
        """The real sync on the profile's database lane; it publishes what it changed."""
        from tests.server.live import DEMO_PASSWORD

        options = SyncOptions(server=self.srv.base_url, username=self.user,
                              password=lambda: DEMO_PASSWORD)  # fmt: skip
        return self.runner.call("db", lambda: SyncService(self.session, options).run())

    def pick(self, qtbot: Any, rid: str) -> None:
        """Click the request's row (once the page lists it)."""
        page = self.page

        def row() -> QtWidgets.QListWidgetItem | None:
            items = (page.list.item(i) for i in range(page.list.count()))
            return next((i for i in items if i.data(REQUEST_ROLE) == rid), None)

        qtbot.waitUntil(lambda: row() is not None, timeout=WAIT)
        item = row()
        assert item is not None
        page.list.setCurrentItem(item)
        qtbot.waitUntil(lambda: page.chosen == rid, timeout=WAIT)

    def sign(self, qtbot: Any, pin: str, seen: list[str], token: str | None = None) -> None:
        """Choose my token and click Sign; the PIN typed in the dialog."""
        page, token = self.page, token or KEYS[self.user]
        qtbot.waitUntil(lambda: any(k.token == token for k in page.keys), timeout=WAIT)
        page.key_box.setCurrentIndex(next(i for i, k in enumerate(page.keys) if k.token == token))
        qtbot.waitUntil(page.sign_button.isEnabled, timeout=WAIT)
        type_pin(pin, seen)
        qtbot.mouseClick(page.sign_button, LEFT)
        qtbot.waitUntil(lambda: "queued" in page.notice.text(), timeout=WAIT)

    def close(self) -> None:
        self.feed.close()
        self.runner.call("db", self.session.close)
        self.runner.shutdown()


def _version_id(srv: Any) -> str:
    with srv.server.db.read() as session:
        found = session.scalars(
            select(DocumentVersion.id)
            .join(Document, Document.id == DocumentVersion.document_id)
            .where(Document.meeting_id == COUNCIL_ID, DocumentVersion.superseded_by.is_(None))
            .order_by(DocumentVersion.id)
        ).first()
    assert found is not None
    return str(found)


def _request(srv: Any, title: str, steps: list[StepSpec]) -> str:
    return signing_requests.create(srv.server.db, srv.server.blobs, _version_id(srv), title, steps)


def _state(srv: Any, rid: str) -> dict[str, Any]:
    return dict(signing_requests.show(srv.server.db, rid))


def test_two_signers_in_order_sign_from_the_page(
    qtbot: Any, desk: Desk, srv: Any, pki: Any, manager: TokenManager
) -> None:
    """The secretary signs first from the page (one PIN dialog, one C_Sign); the
    delegate's page shows the step pending, then active after a sync, and the
    delegate signs; the request completes on every page. The page at the side
    panel's default width (Vietnamese) cuts no button."""
    rid = _request(srv, "Biên bản kỳ họp — hai người ký",
                   [StepSpec("thuky", "Thư ký kỳ họp"),
                    StepSpec("daibieu", "Đại biểu")])  # fmt: skip
    secretary = Signer(qtbot, desk, srv, "thuky", manager=manager, module=pki.module)
    delegate = Signer(qtbot, desk, srv, "daibieu", manager=manager, module=pki.module)
    try:
        for s in (secretary, delegate):
            s.sync()
            s.pick(qtbot, rid)
        page = secretary.page
        assert "Waiting for your signature" in page.heading.text()
        assert page.sign_button.isVisibleTo(page) and page.sign_button.text() == "&Sign"
        # Steps in order, each with its person, role, kind and state.
        first, second = page.steps.text().splitlines()
        assert first.startswith("1. ") and first.endswith(
            "(Thư ký kỳ họp, approval): to sign now ← you"), first  # fmt: skip
        assert second.startswith("2. ") and second.endswith(
            "(Đại biểu, approval): waiting for an earlier signer"), second  # fmt: skip
        assert page.notice.text() == "Your turn: sign in the field “Sig1”."
        # Open: the request's current file (its head, fetched by the sync) for the reader.
        opened: list[Any] = []
        page.open_document = opened.append
        qtbot.mouseClick(page.open_button, LEFT)
        assert [(d.title, d.sha256, d.available) for d in opened] == [
            (opened[0].title, _state(srv, rid)["head_sha256"], True)]  # fmt: skip
        # The delegate's turn has not come: nothing to sign.
        assert not delegate.page.sign_button.isVisibleTo(delegate.page)

        seen: list[str] = []
        secretary.sign(qtbot, pki.pin, seen)
        assert len(seen) == 1 and PIN_TOKEN in seen[0] and manager.counters.signs == 1
        assert kind_text("signing_step.sign") == "Signature on a signing request"  # the outbox
        assert secretary.sync().rejected == []
        assert _state(srv, rid)["steps"][0]["state"] == "signed"

        delegate.sync()
        qtbot.waitUntil(delegate.page.sign_button.isEnabled, timeout=WAIT)
        assert "to sign now ← you" in delegate.page.steps.text()
        delegate.sign(qtbot, pki.pin, seen)
        assert len(seen) == 2 and manager.counters.signs == 2
        assert delegate.sync().rejected == []
        assert _state(srv, rid)["state"] == "completed"
        secretary.sync()
        for s in (secretary, delegate):
            qtbot.waitUntil(lambda s=s: s.page.state.text() == "State: completed", timeout=WAIT)
            assert not s.page.sign_button.isVisibleTo(s.page)

    finally:
        secretary.close()
        delegate.close()


def test_someone_signed_first_then_sign_again_with_one_more_pin(
    qtbot: Any, desk: Desk, srv: Any, pki: Any, manager: TokenManager
) -> None:
    """Two deputies of one stage both sign the same file offline. The second
    one's upload is refused stale_head: the page names who signed first and
    offers Sign again, which signs the new file with one more PIN dialog and
    one more C_Sign (never on its own), and the request completes."""
    rid = _request(srv, "Kết luận phiên họp — cùng lượt",
                   [StepSpec("daibieu", "Phó Chủ tịch", stage=1),
                    StepSpec("daibieu2", "Phó Chủ tịch", stage=1)])  # fmt: skip
    a = Signer(qtbot, desk, srv, "daibieu", manager=manager, module=pki.module)
    b = Signer(qtbot, desk, srv, "daibieu2", manager=manager, module=pki.module)
    try:
        for s in (a, b):
            s.sync()
            s.pick(qtbot, rid)
        seen: list[str] = []
        a.sign(qtbot, pki.pin, seen)
        b.sign(qtbot, pki.pin, seen)  # both offline, on the same file
        assert len(seen) == 2 and manager.counters.signs == 2
        assert a.sync().rejected == []
        late = b.sync()
        assert len(late.rejected) == 1 and late.rejected[0][1] == "stale_head"
        first = _state(srv, rid)["steps"][0]["name"]  # daibieu, step 1
        page = b.page
        qtbot.waitUntil(lambda: page.sign_button.text() == "Sign &again", timeout=WAIT)
        assert page.notice.text() == (
            f"{first} signed this file first. Sign the new version: one more PIN entry."
        )
        assert page.sign_button.isEnabled()
        # Nothing was signed again on its own: still two PIN dialogs, two C_Sign.
        assert len(seen) == 2 and manager.counters.signs == 2
        b.sign(qtbot, pki.pin, seen)
        assert len(seen) == 3 and manager.counters.signs == 3
        assert b.sync().rejected == []
        assert _state(srv, rid)["state"] == "completed"
        qtbot.waitUntil(lambda: page.state.text() == "State: completed", timeout=WAIT)
        assert page.notice.text() == ""
    finally:
        a.close()
        b.close()


def test_a_decline_with_its_reason_ends_the_request_on_every_page(
    qtbot: Any, desk: Desk, srv: Any, pki: Any, manager: TokenManager
) -> None:
    """The secretary declines from the page with a reason (no PIN); after the
    syncs the request is cancelled and every page shows who declined and why.
    Before that, the page with its decline box open fits the side panel at its
    default width in Vietnamese."""
    rid = _request(srv, "Biên bản cần sửa",
                   [StepSpec("thuky", "Thư ký kỳ họp"),
                    StepSpec("daibieu", "Đại biểu")])  # fmt: skip
    secretary = Signer(qtbot, desk, srv, "thuky", manager=manager, module=pki.module)
    delegate = Signer(qtbot, desk, srv, "daibieu", manager=manager, module=pki.module)
    reason = "Biên bản ghi sai số đại biểu có mặt <b>36</b>"
    try:
        for s in (secretary, delegate):
            s.sync()
            s.pick(qtbot, rid)
        page = secretary.page
        qtbot.waitUntil(lambda: any(k.token == PIN_TOKEN for k in page.keys), timeout=WAIT)
        _fits(qtbot, page)
        assert page.decline_button.isChecked()  # opened by the width check
        assert page.reason.isVisibleTo(page) and not page.send_decline.isEnabled()
        qtbot.keyClicks(page.reason, "x")  # typed: the button wakes up
        assert page.send_decline.isEnabled()
        # Vietnamese comes through an input method QTest cannot type: set, as one would paste.
        page.reason.setText(reason)
        qtbot.mouseClick(page.send_decline, LEFT)
        qtbot.waitUntil(lambda: "decline is queued" in page.notice.text(), timeout=WAIT)
        assert not page.sign_button.isVisibleTo(page)
        assert secretary.sync().rejected == []
        assert manager.counters.signs == 0  # a decline signs nothing
        assert _state(srv, rid)["state"] == "cancelled"
        delegate.sync()
        for s in (secretary, delegate):
            qtbot.waitUntil(lambda s=s: s.page.state.text() == "State: cancelled", timeout=WAIT)
            lines = s.page.steps.text().splitlines()
            assert lines[0].endswith(": declined") and lines[1] == f"    Reason: {reason}"
            assert not s.page.sign_button.isVisibleTo(s.page)
    finally:
        secretary.close()
        delegate.close()


def test_an_expiring_request_says_when_and_past_it_signs_nothing(
    qtbot: Any, desk: Desk, srv: Any, pki: Any, manager: TokenManager
) -> None:
    """A request that expires shows "expires <local time>" while it runs; once the
    clock passes the expiry (the server's injected receipt clock, the page's clock
    the same) a click on Sign is refused with the reason before any PIN, the page
    then says expired and offers no Sign; a draft says it has not started and asks
    nothing of its first signer."""
    from hanoi_desk.app.consultation import when

    t0 = 1_900_000_000  # 2030: far from the host's time, so only the injected clock decides
    clock = {"t": float(t0)}
    srv.server.receipt_clock = lambda: clock["t"]
    rid = signing_requests.create(srv.server.db, srv.server.blobs, _version_id(srv),
                                  "Biên bản có hạn ký", [StepSpec("thuky", "Thư ký kỳ họp")],
                                  now=t0, expires_at=t0 + 60)  # fmt: skip
    draft = signing_requests.create(srv.server.db, srv.server.blobs, _version_id(srv),
                                    "Biên bản nháp", [StepSpec("thuky", "Thư ký kỳ họp")],
                                    draft=True)  # fmt: skip
    secretary = Signer(qtbot, desk, srv, "thuky", manager=manager, module=pki.module,
                       clock=lambda: clock["t"])  # fmt: skip
    page = secretary.page
    seen: list[str] = []
    stop: list[bool] = []
    try:
        secretary.sync()
        secretary.pick(qtbot, draft)
        qtbot.waitUntil(lambda: page.deadline.text() == "draft — not started", timeout=WAIT)
        assert page.state.text() == "State: draft" and not page.sign_button.isVisibleTo(page)
        secretary.pick(qtbot, rid)
        qtbot.waitUntil(lambda: page.deadline.text() == f"expires {when(t0 + 60)}", timeout=WAIT)
        qtbot.waitUntil(lambda: any(k.token == PIN_TOKEN for k in page.keys), timeout=WAIT)
        page.key_box.setCurrentIndex(next(i for i, k in enumerate(page.keys)
                                          if k.token == PIN_TOKEN))  # fmt: skip
        qtbot.waitUntil(page.sign_button.isEnabled, timeout=WAIT)
        clock["t"] = t0 + 61  # the page still shows Sign: its click is refused before the PIN
        _note_pin_dialogs(seen, stop)
        qtbot.mouseClick(page.sign_button, LEFT)
        qtbot.waitUntil(lambda: "expired on" in page.message.text(), timeout=WAIT)
        assert page.message.text() == (
            f"Signing request “Biên bản có hạn ký” expired on {when(t0 + 60)}: "
            "it takes no more signatures."
        )
        assert seen == [] and manager.counters.signs == 0  # no PIN asked, nothing signed
        page.reload()
        qtbot.waitUntil(lambda: page.state.text() == "State: expired", timeout=WAIT)
        assert page.deadline.text() == f"expired {when(t0 + 60)}"
        assert not page.sign_button.isVisibleTo(page)
        secretary.sync()  # the server's word agrees
        assert _state(srv, rid)["state"] == "expired"
        qtbot.waitUntil(lambda: page.state.text() == "State: expired", timeout=WAIT)
    finally:
        stop.append(True)
        srv.server.receipt_clock = time.time
        secretary.close()


def _note_pin_dialogs(seen: list[str], stop: list[bool]) -> None:
    """Any PIN dialog that shows is noted and closed (a PIN must not be asked);
    the watch ends once ``stop`` holds a value."""
    from hanoi_desk.ui.prompts import PinDialog
    from hanoi_desk.ui.qt import QtCore

    def poll() -> None:
        if stop:
            return
        for w in QtWidgets.QApplication.topLevelWidgets():
            if isinstance(w, PinDialog) and w.isVisible():
                seen.append("PIN asked")
                w.reject()
        QtCore.QTimer.singleShot(50, poll)

    QtCore.QTimer.singleShot(50, poll)


def test_the_demo_minutes_signed_by_the_demo_user_with_the_demo_key(
    qtbot: Any, desk: Desk, srv: Any, pki: Any, manager: TokenManager, *, tmp_path: Path
) -> None:
    """The demo's request (server/demo_requests.py, as ``hanoi-desk demo`` adds it):
    the minutes, ``demo``'s step active beside the secretary's; ``demo`` signs it
    for real with the DEMO software key whose certificate the demo registers, and
    the server accepts it. A second run of the demo changes nothing."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from tests.server.live import trust_in_tests

    from hanoi_desk.demo.kit import DEMO_KEY_PASSPHRASE, make_software_key
    from hanoi_desk.server.demo_requests import DEMO_REQUEST, add_demo_request

    key = make_software_key(tmp_path / "softkey")
    assert key.certificate is not None
    admin.set_member_certificate(srv.server.db, "demo", key.certificate)  # as cli/demo_cmds
    # The body trusts the demo's root, as the demo's server does (docs/server-uploads.md).
    root = x509.load_pem_x509_certificate(key.root_pem.read_bytes())
    trust_in_tests(root.public_bytes(serialization.Encoding.DER))
    assert add_demo_request(srv.server.db, srv.server.blobs) == DEMO_REQUEST
    assert add_demo_request(srv.server.db, srv.server.blobs) == DEMO_REQUEST
    steps = _state(srv, DEMO_REQUEST)["steps"]
    assert [(st["decree_kind"], st["state"]) for st in steps] == [("approval", "active"),
        ("approval", "active"), ("approval", "pending"), ("issuing", "pending")]  # fmt: skip
    me = Signer(qtbot, desk, srv, "demo", manager=manager, module=pki.module,
                software=(key.module,))  # fmt: skip
    try:
        me.sync()
        me.pick(qtbot, DEMO_REQUEST)
        page = me.page
        assert page.title.text().splitlines() == [
            "Biên bản Kỳ họp thứ 12 HĐND quận Đống Đa", "Biên bản kỳ họp, version 1"]  # fmt: skip
        assert page.notice.text() == "Your turn: sign in the field “Sig2”."
        seen: list[str] = []
        me.sign(qtbot, DEMO_KEY_PASSPHRASE, seen, token=key.label)
        assert me.sync().rejected == []
        assert [st["state"] for st in _state(srv, DEMO_REQUEST)["steps"]][:2] == [
            "active", "signed"]  # fmt: skip
    finally:
        me.close()


def _fits(qtbot: Any, page: SigningRequestsPage) -> None:
    from hanoi_desk.ui.app import install_translator, set_language

    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    install_translator(app, "vi")
    try:
        page.retranslate()
        page.decline_button.setChecked(True)
        page.resize(SIDE_WIDTH, 700)
        qtbot.waitUntil(lambda: not _clipped(page), timeout=WAIT)
        scroll = page.findChild(QtWidgets.QScrollArea)
        body = None if scroll is None else scroll.widget()
        assert scroll is not None and body is not None
        needs = body.minimumSizeHint().width()
        assert needs <= scroll.viewport().width(), needs
    finally:
        set_language(app, "en")
