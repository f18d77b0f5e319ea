"""Signing a batch of cached documents from the desktop, on real parts: the
SoftHSM2 token, the certomancer PKI on 127.0.0.1, the project's signing engine.
The PIN is typed into the real PIN dialog; the signed outputs land in the
encrypted store and the outbox, and verify. When the token is logged out
(after each batch, after the kept time, on lock, for another profile) is read
from PKCS#11 itself and from the PIN dialogs counted."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from tests.signing.token_state import FakeClock, logged_in
from ui_helpers import LEFT, WAIT, idle, on_db, unlock

from hanoi_desk.app.sign_cached import CachedBatchReport, TokenManager
from hanoi_desk.domain.settings import ORGANISATION, PKCS11_MODULES, SIGNATURE_IMAGE
from hanoi_desk.samples import make_pdf
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.prompts import PinDialog
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets
from hanoi_desk.ui.signing_dialog import DOC_ROLE, SigningDialog

TOKEN = "HANOI-SIGNER"


def when_pin_dialog(act: Callable[[PinDialog], None]) -> None:
    """Runs ``act`` on the PIN dialog as soon as it is shown (a person at the keyboard)."""

    def poll() -> None:
        dialogs = [
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if isinstance(w, PinDialog) and w.isVisible()
        ]
        if dialogs:
            act(dialogs[0])
        else:
            QtCore.QTimer.singleShot(50, poll)

    QtCore.QTimer.singleShot(50, poll)


def answer_pin(pin: str, seen: list[str]) -> None:
    """Types the PIN into the PIN dialog when it appears."""

    def answer(dialog: PinDialog) -> None:
        seen.append("\\n".join(x.text() for x in dialog.findChildren(QtWidgets.QLabel)))
        dialog.field.setText(pin)
        dialog.accept()

    when_pin_dialog(answer)


def close_pin_dialog(seen: list[str]) -> None:
    """Closes the PIN dialog when it appears (a person who changes their mind)."""

    def close(dialog: PinDialog) -> None:
        seen.append("closed")
        dialog.reject()

    when_pin_dialog(close)


def open_signing(qtbot: Any, root: DeskApp) -> SigningDialog:
    assert root.main is not None
    root.main.sign_documents()
    qtbot.waitUntil(lambda: getattr(root.main, "signing", None) is not None, timeout=WAIT)
    dialog: SigningDialog = root.main.signing
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.find_button.click()
    qtbot.waitUntil(lambda: dialog.token.count() > 0, timeout=WAIT)
    index = next(i for i, t in enumerate(dialog.tokens) if t.label == TOKEN)
    dialog.token.setCurrentIndex(index)
    texts = [dialog.cert.itemText(i) for i in range(dialog.cert.count())]
    assert "(cannot sign)" not in dialog.cert.currentText()  # a usable one is the default
    dialog.cert.setCurrentIndex(next(i for i, t in enumerate(texts) if "Nguyễn Văn An" in t))
    assert any("Hết Hạn" in t and "(cannot sign)" in t for t in texts)
    return dialog


@pytest.fixture
def two_docs(qtbot: Any, deskapp: DeskApp, pki: Any, tmp_path: Path) -> list[Any]:
    unlock(qtbot, deskapp)
    image = tmp_path / "chu-ky.png"
    Image.new("RGBA", (300, 120), (20, 40, 160, 255)).save(image, dpi=(150, 150))
    assert deskapp.main is not None
    deskapp.main._save_settings(
        [
            PKCS11_MODULES.to((pki.module,)),
            SIGNATURE_IMAGE.to(str(image)),
            ORGANISATION.to("UBND quận Hoàn Kiếm"),
        ]
    )
    docs = []
    for n in (1, 2):
        path = tmp_path / f"to-trinh-{n}.pdf"
        make_pdf(path, f"Tờ trình số {n}", pages=2)
        docs.append(on_db(deskapp, lambda s, p=path: s.cache.add_pdf(p)))
    idle(qtbot, deskapp)
    return docs


def test_sign_a_batch_with_a_dragged_box_into_the_outbox(
    qtbot: Any, deskapp: DeskApp, pki: Any, two_docs: list[Any]
) -> None:
    assert deskapp.main is not None
    main = deskapp.main
    main.open_document(two_docs[0])
    qtbot.waitUntil(lambda: main.reader.doc is not None, timeout=WAIT)
    view = main.reader.view
    qtbot.waitUntil(lambda: 0 in view._images, timeout=WAIT)
    # Drag the signature box on page 1 (PDF points 330..530 x 600..700).
    main.reader.box_action.setChecked(True)
    rect = view.page_rect(0)
    start = (rect.topLeft() + QtCore.QPointF(330, 600) * view.scale).toPoint()
    end = (rect.topLeft() + QtCore.QPointF(530, 700) * view.scale).toPoint()
    qtbot.mousePress(view.viewport(), LEFT, pos=start)
    qtbot.mouseMove(view.viewport(), pos=end)
    with qtbot.waitSignal(view.boxDrawn, timeout=WAIT):
        qtbot.mouseRelease(view.viewport(), LEFT, pos=end)
    assert not main.reader.box_action.isChecked()
    page, box = view.signature_box  # type: ignore[misc]
    assert page == 0 and box[0] == pytest.approx(330, abs=2) and box[3] == pytest.approx(700, abs=2)

    dialog = open_signing(qtbot, deskapp)
    assert dialog.sign_button.isEnabled()
    assert dialog.place.currentData() == "box"
    for i in range(dialog.docs.count()):
        dialog.docs.item(i).setCheckState(QtCore.Qt.CheckState.Checked)
    dialog.kind.setCurrentIndex(dialog.kind.findData("approval"))
    seen: list[str] = []
    answer_pin(pki.pin, seen)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=120_000)
    assert dialog.report is not None, dialog.results.item(0).text()
    report = dialog.report
    assert [r.status for r in report.results] == ["signed", "signed"]
    assert len(seen) == 1 and TOKEN in seen[0]  # one PIN for the batch
    assert dialog.results.count() == 2 and dialog.results.item(0).text().startswith("Signed")
    assert dialog.progress.value() == 2
    idle(qtbot, deskapp)
    outbox = on_db(deskapp, lambda s: s.cache.outbox())
    assert [e.kind for e in outbox] == ["signature.submit", "signature.submit"]
    payload = json.loads(outbox[0].payload)
    assert payload["document_version_id"] == two_docs[0].version_id
    assert main.sync_panel.outbox.topLevelItemCount() == 2

    # The signed bytes are in the encrypted store, and verify against the test root.
    def read_signed(s: Any) -> bytes:
        with s.cache.blobs.open(payload["sha256"]) as blob:
            return bytes(blob.read_all())

    signed = on_db(deskapp, read_signed)
    reader = PdfFileReader(io.BytesIO(signed), strict=False)
    (sig,) = reader.embedded_signatures
    status = validate_pdf_signature(
        sig, ValidationContext(trust_roots=[pki.certs["root"]], allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted
    widget = (
        sig.sig_field.get("/Kids", [sig.sig_field])[0]
        if "/Rect" not in sig.sig_field
        else sig.sig_field
    )
    x0, _y0, _x1, y1 = (float(v) for v in widget["/Rect"])
    assert x0 == pytest.approx(330, abs=2) and y1 == pytest.approx(842 - 600, abs=2)
    assert b"%%EOF" in signed and signed.startswith(b"%PDF")


def test_wrong_pin_is_reported_once_and_never_retried(
    qtbot: Any, deskapp: DeskApp, pki: Any, two_docs: list[Any]
) -> None:
    dialog = open_signing(qtbot, deskapp)
    dialog.docs.item(0).setCheckState(QtCore.Qt.CheckState.Checked)
    seen: list[str] = []
    answer_pin("000000", seen)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=60_000)
    idle(qtbot, deskapp)
    assert len(seen) == 1  # asked once: no automatic retry
    assert "PIN" in dialog.results.item(0).text()
    assert on_db(deskapp, lambda s: s.cache.outbox()) == []
    assert dialog.sign_button.isEnabled()  # the person may try again, deliberately


def test_closing_the_pin_dialog_lets_the_signer_start_again(
    qtbot: Any, deskapp: DeskApp, pki: Any, two_docs: list[Any]
) -> None:
    dialog = open_signing(qtbot, deskapp)
    dialog.docs.item(0).setCheckState(QtCore.Qt.CheckState.Checked)
    seen: list[str] = []
    close_pin_dialog(seen)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: seen == ["closed"], timeout=60_000)
    qtbot.waitUntil(dialog.sign_button.isEnabled, timeout=WAIT)  # not stuck disabled
    assert dialog.results.count() == 0  # a cancel is silent, never an error line
    assert on_db(deskapp, lambda s: s.cache.outbox()) == []
    dialog.cancel_button.click()  # closes the dialog: no batch is left to stop
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)


def test_unlock_a_profile_with_the_hardware_token(
    qtbot: Any, pki: Any, home: Path, fast_kdf: None
) -> None:
    from ui_helpers import FixedPrompt

    from hanoi_desk.app.session import Desk
    from hanoi_desk.app.sign_cached import TokenManager, token_unlocker
    from hanoi_desk.app.wiring import default_vault
    from hanoi_desk.signing.unlocker import TokenUnlocker

    class Person(FixedPrompt):
        def pin(self, token: str, state: Any) -> str:
            return str(pki.pin)

    # Enrol the token as an unlocker (as `hanoi-desk profile-token` does).
    enrol_manager = TokenManager()
    desk = Desk(
        default_vault(
            home, {"token": TokenUnlocker(enrol_manager, pki.module, "HANOI-UNLOCK", "f6")}
        )
    )
    desk.create("tuan", Person())
    opened = desk.vault.unlock("tuan", Person(), "passphrase")
    desk.vault.add_unlocker(opened, "token", Person())
    enrol_manager.close()
    enrol_manager.thread.close()

    tokens = TokenManager()
    root = DeskApp(
        Desk(default_vault(home, {"token": token_unlocker(tokens)})), "en", tokens=tokens
    )
    root.show()
    try:
        assert root.unlock.token_button.isEnabled()
        closed: list[str] = []
        close_pin_dialog(closed)
        root.unlock.token_button.click()  # the PIN dialog closed: the screen is usable again
        qtbot.waitUntil(lambda: closed == ["closed"], timeout=60_000)
        qtbot.waitUntil(root.unlock.token_button.isEnabled, timeout=WAIT)
        assert root.unlock.status.text() == "" and root.main is None
        seen: list[str] = []
        answer_pin(pki.pin, seen)
        root.unlock.token_button.click()
        qtbot.waitUntil(lambda: root.main is not None, timeout=60_000)
        assert len(seen) == 1 and "HANOI-UNLOCK" in seen[0]
        assert root.workspace is not None and root.workspace.profile_name == "tuan"
    finally:
        root.lock()
        qtbot.waitUntil(lambda: root.runner.pending == 0, timeout=WAIT)
        root.shutdown()


class PinTyper:
    """A person at the keyboard who types the PIN into every PIN dialog that
    opens, and counts them; stopped at the end so no later test is answered."""

    def __init__(self, pin: str) -> None:
        self.pin = pin
        self.asked: list[str] = []
        self.timer = QtCore.QTimer()
        self.timer.timeout.connect(self._poll)
        self.timer.start(50)

    def _poll(self) -> None:
        for w in QtWidgets.QApplication.topLevelWidgets():
            if isinstance(w, PinDialog) and w.isVisible() and w.result() == 0:
                self.asked.append(w.findChild(QtWidgets.QLabel, "pinTitle").text())
                w.field.setText(self.pin)
                w.accept()


@pytest.fixture
def typer(pki: Any) -> Iterator[PinTyper]:
    person = PinTyper(pki.pin)
    yield person
    person.timer.stop()


def sign_one(
    qtbot: Any, root: DeskApp, *, kept: bool = False, keep: bool | None = None
) -> SigningDialog:
    """One batch of one document through the signing dialog, then the dialog closed.
    ``kept``: the option must open ticked (a kept login lasts); ``keep``: tick or
    untick it (None: as it opened). Each batch signs a document of its own: a
    document already signed by this certificate is skipped (resume)."""
    assert root.main is not None
    if hasattr(root.main, "signing"):
        del root.main.signing  # the next dialog, not the last one
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cong-van.pdf"
        make_pdf(path, "Công văn", pages=1)
        fresh = on_db(root, lambda s: s.cache.add_pdf(path))
    idle(qtbot, root)
    dialog = open_signing(qtbot, root)
    assert dialog.keep.isEnabled() and dialog.keep.isChecked() is kept
    assert ("still logged in" in dialog.pin_state.text()) is kept
    items = [dialog.docs.item(i) for i in range(dialog.docs.count())]
    mine = next(item for item in items if item.data(DOC_ROLE).id == fresh.id)
    mine.setCheckState(QtCore.Qt.CheckState.Checked)
    if keep is not None:
        dialog.keep.setChecked(keep)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=120_000)
    assert dialog.report is not None and dialog.report.signed == 1
    dialog.cancel_button.click()  # "Close"
    idle(qtbot, root)
    return dialog


def test_without_the_keep_option_every_batch_asks_the_pin(
    qtbot: Any, deskapp: DeskApp, pki: Any, two_docs: list[Any], typer: PinTyper
) -> None:
    first = sign_one(qtbot, deskapp)
    assert "logged out" in first.login_state.text()
    assert not logged_in(deskapp.tokens(), pki.module, TOKEN)
    sign_one(qtbot, deskapp)
    assert len(typer.asked) == 2 and TOKEN in typer.asked[1]


def test_a_kept_login_ends_after_its_time(
    qtbot: Any, deskapp: DeskApp, pki: Any, two_docs: list[Any], typer: PinTyper
) -> None:
    clock = FakeClock()
    deskapp.tokens().clock = clock
    first = sign_one(qtbot, deskapp, keep=True)
    assert "15 min" in first.keep.text()  # the setting's default, said on the option
    assert "another 15 min" in first.login_state.text()
    clock.advance(14 * 60)
    second = sign_one(qtbot, deskapp, kept=True)  # within the time: signed with no PIN
    assert "another 1 min" in second.login_state.text()  # counted from the PIN
    assert len(typer.asked) == 1
    clock.advance(60)
    sign_one(qtbot, deskapp, keep=True)  # 15 minutes after the PIN: asked again
    assert len(typer.asked) == 2

    # Unused, the kept login is logged out when its time is up (the window's timer).
    assert deskapp.main is not None and logged_in(deskapp.tokens(), pki.module, TOKEN)
    clock.advance(15 * 60)
    deskapp.main._token_kept(CachedBatchReport(kept_for=0.01))
    qtbot.waitUntil(lambda: not logged_in(deskapp.tokens(), pki.module, TOKEN), timeout=WAIT)

    # Unticking the option on a later batch ends the kept login with that batch.
    sign_one(qtbot, deskapp, keep=True)
    last = sign_one(qtbot, deskapp, kept=True, keep=False)
    assert len(typer.asked) == 3 and "logged out" in last.login_state.text()
    assert not logged_in(deskapp.tokens(), pki.module, TOKEN)


def _lock_action(root: DeskApp) -> QtGui.QAction:
    assert root.main is not None
    return next(a for a in root.main.findChildren(QtGui.QAction) if a.text() == "&Lock")


def test_lock_logs_the_token_out_and_unlocking_asks_the_pin_again(
    qtbot: Any, deskapp: DeskApp, pki: Any, two_docs: list[Any], typer: PinTyper
) -> None:
    """The reproduction: sign, Ctrl+L, unlock, sign. Even a login the signer chose
    to keep ends with the lock."""
    sign_one(qtbot, deskapp, keep=True)
    sign_one(qtbot, deskapp, kept=True)
    assert len(typer.asked) == 1
    _lock_action(deskapp).trigger()
    idle(qtbot, deskapp)
    assert deskapp.main is None
    assert not logged_in(deskapp.tokens(), pki.module, TOKEN)
    unlock(qtbot, deskapp)
    sign_one(qtbot, deskapp)
    assert len(typer.asked) == 2


def test_idle_lock_logs_the_token_out(
    qtbot: Any, deskapp: DeskApp, pki: Any, two_docs: list[Any], typer: PinTyper
) -> None:
    sign_one(qtbot, deskapp, keep=True)
    assert logged_in(deskapp.tokens(), pki.module, TOKEN)
    assert deskapp.idle is not None
    with qtbot.waitSignal(deskapp.lockedChanged, timeout=WAIT):
        deskapp.idle.set_minutes(0.002)  # about 120 ms of no input
    idle(qtbot, deskapp)
    assert "without activity" in deskapp.unlock.status.text()
    assert not logged_in(deskapp.tokens(), pki.module, TOKEN)
    unlock(qtbot, deskapp)
    sign_one(qtbot, deskapp)
    assert len(typer.asked) == 2


def test_quit_logs_a_kept_token_login_out(
    qtbot: Any, profile_desk: Any, pki: Any, typer: PinTyper, tmp_path: Path
) -> None:
    """Quitting ends a login the signer chose to keep, with its time not up: the
    batch, a lock, the window's timer and ``expire`` all leave it alone, so only
    the quit's logout can end it. Its own app, not the ``deskapp`` fixture, whose
    teardown locks a live app."""
    root = DeskApp(profile_desk, "en")
    root.tokens().clock = FakeClock()  # the kept time does not run out during the test
    qtbot.addWidget(root.unlock)
    root.show()
    try:
        unlock(qtbot, root)
        assert root.main is not None and root.workspace is not None
        scope = root.workspace.session.token_scope
        root.main._save_settings([PKCS11_MODULES.to((pki.module,))])
        path = tmp_path / "quyet-dinh.pdf"
        make_pdf(path, "Quyết định", pages=1)
        on_db(root, lambda s: s.cache.add_pdf(path))
        idle(qtbot, root)
        sign_one(qtbot, root, keep=True)
        assert root.tokens().kept_for(pki.module, TOKEN, scope) == 15 * 60
        assert logged_in(root.tokens(), pki.module, TOKEN)
        root.main.close()  # Ctrl+Q: the last window closes, app.exec() returns
    finally:
        root.shutdown()  # then what run() does
    # The app's token thread is gone: PKCS#11's login state is the process's, so
    # another manager's thread reads it.
    observer = TokenManager()
    try:
        assert not logged_in(observer, pki.module, TOKEN)
    finally:
        observer.thread.close()
    assert len(typer.asked) == 1


def test_another_profile_is_asked_for_the_pin(
    qtbot: Any, deskapp: DeskApp, pki: Any, two_docs: list[Any], *, typer: PinTyper, tmp_path: Path
) -> None:
    """A second profile on the same laptop, after the first kept its token login."""
    from ui_helpers import FixedPrompt

    deskapp.desk.create("bao", FixedPrompt())
    sign_one(qtbot, deskapp, keep=True)
    _lock_action(deskapp).trigger()
    idle(qtbot, deskapp)
    assert not logged_in(deskapp.tokens(), pki.module, TOKEN)
    deskapp.unlock.refresh(select="bao")
    unlock(qtbot, deskapp)
    assert deskapp.workspace is not None and deskapp.workspace.profile_name == "bao"
    assert deskapp.main is not None
    deskapp.main._save_settings([PKCS11_MODULES.to((pki.module,))])
    path = tmp_path / "bao.pdf"
    make_pdf(path, "Công văn", pages=1)
    on_db(deskapp, lambda s: s.cache.add_pdf(path))
    idle(qtbot, deskapp)
    sign_one(qtbot, deskapp)
    assert len(typer.asked) == 2


def test_the_batch_warning_of_a_certificate_expiring_soon_is_shown(
    qtbot: Any, deskapp: DeskApp, pki: Any, two_docs: list[Any], typer: PinTyper
) -> None:
    """The desktop's batch is the CLI's: signed at B-B (no timestamp) with a
    certificate that expires in ten days, it warns under the results."""
    dialog = open_signing(qtbot, deskapp)
    texts = [dialog.cert.itemText(i) for i in range(dialog.cert.count())]
    dialog.cert.setCurrentIndex(next(i for i, t in enumerate(texts) if "Sắp Hết" in t))
    dialog.docs.item(0).setCheckState(QtCore.Qt.CheckState.Checked)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=120_000)
    lines = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert lines[0].startswith("Signed")
    assert any("Phạm Thị Sắp Hết expires on" in line and "no timestamp" in line for line in lines)
