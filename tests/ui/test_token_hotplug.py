"""Token hot-plug in the signing dialog (issue 12), on real parts: the SoftHSM2
module loaded in this process, tokens made by another process (``softhsm2-util``,
``pkcs11-tool``) as a token plugged in, a token's files deleted as a token
pulled out, the real dialog, PIN dialog and encrypted profile. Nobody clicks
"Find tokens" after the first listing: the dialog's slot watcher does it."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_signing import answer_pin
from tests.signing.signing_pki import SIGNER_NAME, init_token, write_key_and_cert
from ui_helpers import WAIT, idle, on_db, unlock

from hanoi_desk.domain.settings import PKCS11_MODULES
from hanoi_desk.samples import make_pdf
from hanoi_desk.ui import signing_dialog
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.qt import QtCore
from hanoi_desk.ui.signing_dialog import SigningDialog

SIGNER = "HANOI-SIGNER"


def token_dir(pki: Any, label: str) -> Path:
    for d in (pki.dir / "tokens").iterdir():
        obj = d / "token.object"
        if obj.is_file() and label.encode() in obj.read_bytes():
            return d
    raise AssertionError(f"no token directory for {label}")


def plug_in(pki: Any, label: str, with_key: bool = False) -> None:
    """A token initialised by another process, as the CA's tool does."""
    init_token(pki.softhsm_conf, label)
    if with_key:
        write_key_and_cert(
            pki.softhsm_conf,
            label,
            pki.dir / "keys" / "signer.key.pem",
            pki.certs["signer"],
            obj_id="a1",
            key_label="KEY-HOTPLUG",
            cert_label="Chu ky so",
        )


def listed(dialog: SigningDialog) -> list[str]:
    return [t.label for t in dialog.tokens]


@pytest.fixture
def three_docs(qtbot: Any, deskapp: DeskApp, pki: Any, tmp_path: Path) -> list[Any]:
    unlock(qtbot, deskapp)
    assert deskapp.main is not None
    deskapp.main._save_settings([PKCS11_MODULES.to((pki.module,))])
    docs = []
    for n in (1, 2, 3):
        path = tmp_path / f"to-trinh-{n}.pdf"
        make_pdf(path, f"Tờ trình số {n}", pages=1)
        docs.append(on_db(deskapp, lambda s, p=path: s.cache.add_pdf(p)))
    idle(qtbot, deskapp)
    return docs


@pytest.fixture
def dialog(qtbot: Any, deskapp: DeskApp, three_docs: list[Any]) -> Iterator[SigningDialog]:
    assert deskapp.main is not None
    deskapp.main.sign_documents()
    qtbot.waitUntil(lambda: getattr(deskapp.main, "signing", None) is not None, timeout=WAIT)
    d: SigningDialog = deskapp.main.signing
    qtbot.waitUntil(d.isVisible, timeout=WAIT)
    d.find_button.click()  # the first listing, as before
    qtbot.waitUntil(lambda: SIGNER in listed(d), timeout=WAIT)
    assert d.watcher is not None and d.watcher.running
    yield d
    d.reject()
    # The watcher ends with the dialog: no thread left behind for the next test.
    qtbot.waitUntil(lambda: d.watcher is not None and not d.watcher.running, timeout=WAIT)


def choose(dialog: SigningDialog, label: str) -> None:
    dialog.token.setCurrentIndex(listed(dialog).index(label))
    texts = [dialog.cert.itemText(i) for i in range(dialog.cert.count())]
    dialog.cert.setCurrentIndex(next(i for i, t in enumerate(texts) if SIGNER_NAME in t))


def test_a_token_plugged_in_while_the_dialog_is_open_appears_and_goes(
    qtbot: Any, pki: Any, dialog: SigningDialog
) -> None:
    choose(dialog, SIGNER)
    cert, pin_state = dialog.cert.currentData(), dialog.pin_state.text()
    assert "HANOI-PLUGGED" not in listed(dialog) and "PIN" in pin_state

    plug_in(pki, "HANOI-PLUGGED")
    qtbot.waitUntil(lambda: "HANOI-PLUGGED" in listed(dialog), timeout=WAIT)
    shown = [dialog.token.itemText(i) for i in range(dialog.token.count())]
    assert any(text.startswith("HANOI-PLUGGED") for text in shown)
    # The signer's choice did not move under them, nor its PIN state.
    assert listed(dialog)[dialog.token.currentIndex()] == SIGNER
    assert dialog.cert.currentData() == cert
    assert dialog.pin_state.text() == pin_state

    shutil.rmtree(token_dir(pki, "HANOI-PLUGGED"))  # pulled out
    qtbot.waitUntil(lambda: "HANOI-PLUGGED" not in listed(dialog), timeout=WAIT)
    assert listed(dialog)[dialog.token.currentIndex()] == SIGNER


def test_a_token_pulled_out_mid_batch_stops_it_with_a_result_per_document(
    qtbot: Any,
    deskapp: DeskApp,
    pki: Any,
    dialog: SigningDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plug_in(pki, "HANOI-PULLED", with_key=True)
    qtbot.waitUntil(lambda: "HANOI-PULLED" in listed(dialog), timeout=WAIT)
    choose(dialog, "HANOI-PULLED")
    assert dialog.sign_button.isEnabled()
    for i in range(dialog.docs.count()):
        dialog.docs.item(i).setCheckState(QtCore.Qt.CheckState.Checked)
    order = [d.title for d in dialog.chosen_documents()]

    # The signer pulls the token out once the first document is signed and
    # stored: hooked where the dialog stores it, so the moment is exact (as
    # the CLI's removal test does from its progress callback).
    real = signing_dialog.queue_signed
    stored: list[str] = []

    def store_then_pull(*args: Any, **kwargs: Any) -> str:
        op = real(*args, **kwargs)
        stored.append(op)
        if len(stored) == 1:
            shutil.rmtree(token_dir(pki, "HANOI-PULLED"))
        return op

    monkeypatch.setattr(signing_dialog, "queue_signed", store_then_pull)
    seen: list[str] = []
    answer_pin(pki.pin, seen)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=120_000)
    report = dialog.report
    assert report is not None
    assert [r.status for r in report.results] == ["signed", "failed", "not-started"]
    lines = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert lines[0] == f"Signed: {order[0]}"
    assert lines[1].startswith(f"Not signed: {order[1]} — ") and "HANOI-PULLED" in lines[1]
    assert "was removed or stopped answering" in lines[1]
    assert lines[2].startswith(f"Not started: {order[2]} — ")
    assert lines[3] == (
        "The batch stopped: 1 of 3 documents signed, the others not. Signing them again "
        "skips the documents already signed."
    )
    assert len(seen) == 1 and len(stored) == 1
    idle(qtbot, deskapp)
    outbox = on_db(deskapp, lambda s: s.cache.outbox())
    assert [e.kind for e in outbox] == ["signature.submit"]  # the one signed, nothing half-kept
    # The list follows: the pulled-out token leaves it without a click.
    qtbot.waitUntil(lambda: "HANOI-PULLED" not in listed(dialog), timeout=WAIT)
    assert SIGNER in listed(dialog)


def test_the_watcher_stops_when_the_dialog_goes_without_closing(
    qtbot: Any, deskapp: DeskApp, three_docs: list[Any]
) -> None:
    """The window (and its dialog) may be deleted without the dialog's own close."""
    assert deskapp.main is not None
    deskapp.main.sign_documents()
    qtbot.waitUntil(lambda: getattr(deskapp.main, "signing", None) is not None, timeout=WAIT)
    d: SigningDialog = deskapp.main.signing
    watcher = d.watcher
    assert watcher is not None and watcher.running
    d.deleteLater()
    qtbot.waitUntil(lambda: not watcher.running, timeout=WAIT)


def test_a_hanging_module_is_reported_and_freezes_nothing(
    qtbot: Any, deskapp: DeskApp, pki: Any, dialog: SigningDialog
) -> None:
    """A driver that hangs cannot be made with SoftHSM2: the watcher's access to
    the module is replaced by a call that blocks until the test ends (the one
    double here); the listing still goes through the real module."""
    manager = deskapp.tokens()
    manager.load_timeout = 0.5  # instead of 20 s, so the test does not wait for it
    release = threading.Event()

    def hang(module: str) -> object:
        release.wait(60)
        raise AssertionError("released")

    manager.lib_on_thread = hang  # type: ignore[method-assign]
    try:
        qtbot.waitUntil(lambda: "did not answer" in dialog.pin_state.text(), timeout=WAIT)
        # Back to the real limit at once: a real listing must not be abandoned
        # half-way by the short one (two threads in the module at once).
        manager.load_timeout = 20.0
        assert dialog.watcher is not None and dialog.watcher.dropped == {pki.module}
        # The dialog and a fresh token thread still answer: a listing into an
        # emptied list (so that only this listing can fill it) comes back.
        with QtCore.QSignalBlocker(dialog.token):
            dialog.tokens = []
            dialog.token.clear()
        dialog.find_button.click()
        qtbot.waitUntil(lambda: SIGNER in listed(dialog), timeout=WAIT)
    finally:
        release.set()
        manager.load_timeout = 20.0
        del manager.lib_on_thread
