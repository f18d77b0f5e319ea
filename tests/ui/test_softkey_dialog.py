"""The demo's software key in the desktop signing dialog, on real parts: a key
file made by the demo kit, the real dialogs (offscreen), the encrypted store and
the outbox. A profile without the demo's setting never lists it; with it, it is
labelled as a DEMO software key (never as a token), asks for its passphrase in
the PIN dialog once per batch, and signs into the outbox."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from ui_helpers import WAIT, idle, on_db, unlock

from hanoi_desk.demo.kit import make_images, make_software_key
from hanoi_desk.domain.settings import SIGNATURE_IMAGE, SOFTWARE_KEYS, TRUST_ROOTS
from hanoi_desk.samples import make_pdf
from hanoi_desk.signing.verify import load_roots
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.common import plain_tip
from hanoi_desk.ui.prompts import PinDialog
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets
from hanoi_desk.ui.signing_dialog import SigningDialog

LABEL = "Software key (DEMO — not a hardware token)"


def answer(secret: str, seen: list[tuple[str, str, str]]) -> None:
    """Types into the PIN dialog when it appears, noting its title, heading and texts."""

    def poll() -> None:
        shown = [
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if isinstance(w, PinDialog) and w.isVisible()
        ]
        if not shown:
            QtCore.QTimer.singleShot(50, poll)
            return
        dialog = shown[0]
        heading = dialog.findChild(QtWidgets.QLabel, "pinTitle")
        texts = "\n".join(x.text() for x in dialog.findChildren(QtWidgets.QLabel))
        seen.append((dialog.windowTitle(), heading.text() if heading else "", texts))
        dialog.field.setText(secret)
        dialog.accept()

    QtCore.QTimer.singleShot(50, poll)


def open_dialog(qtbot: Any, root: DeskApp) -> SigningDialog:
    assert root.main is not None
    root.main.signing = None
    root.main.sign_documents()
    qtbot.waitUntil(lambda: getattr(root.main, "signing", None) is not None, timeout=WAIT)
    dialog: SigningDialog = root.main.signing
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.find_button.click()
    qtbot.waitUntil(lambda: dialog.pin_state.text() != "Looking for tokens…", timeout=WAIT)
    idle(qtbot, root)
    return dialog


def test_software_key_only_in_the_demo_profile_and_signs_into_the_outbox(
    qtbot: Any, deskapp: DeskApp, pki: Any, tmp_path: Path
) -> None:
    # ``pki``: the dialog scans the usual module places, SoftHSM2 among them, which
    # must be initialised with the tests' configuration (once per process).
    key = make_software_key(tmp_path / "softkey")
    signature, _seal = make_images(tmp_path / "images")
    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None
    path = tmp_path / "bien-ban.pdf"
    make_pdf(path, "Biên bản họp", pages=2)
    doc = on_db(deskapp, lambda s: s.cache.add_pdf(path))
    main._save_settings([SIGNATURE_IMAGE.to(str(signature))])
    idle(qtbot, deskapp)

    # An ordinary profile: the key file exists on disk, yet it is not offered.
    dialog = open_dialog(qtbot, deskapp)
    names = [dialog.token.itemText(i) for i in range(dialog.token.count())]
    assert not any("Software key" in n for n in names) and not any(
        t.software_key for t in dialog.tokens
    )
    dialog.reject()

    # The demo's setting opts in: listed, labelled, with its warning.
    main._save_settings([SOFTWARE_KEYS.to((key.module,)), TRUST_ROOTS.to((str(key.root_pem),))])
    idle(qtbot, deskapp)
    dialog = open_dialog(qtbot, deskapp)
    names = [dialog.token.itemText(i) for i in range(dialog.token.count())]
    assert names.count(LABEL) == 1
    dialog.token.setCurrentIndex(names.index(LABEL))
    assert "not a hardware token" in dialog.pin_state.text()
    assert "Nguyễn Văn An (DEMO)" in dialog.cert.currentText()
    assert dialog.sign_button.isEnabled()
    dialog.docs.item(0).setCheckState(QtCore.Qt.CheckState.Checked)
    dialog.kind.setCurrentIndex(dialog.kind.findData("approval"))
    dialog.place.setCurrentIndex(dialog.place.findData("corner"))

    # A wrong passphrase: one try, a clear line, nothing queued.
    seen: list[tuple[str, str, str]] = []
    answer("000000", seen)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=60_000)
    idle(qtbot, deskapp)
    ((title, heading, texts),) = seen
    assert (title, heading) == ("Software key passphrase", LABEL)  # never "PIN of token"
    assert "not a hardware token" in texts and "PIN" not in texts
    assert "Wrong passphrase for the software key" in dialog.results.item(0).text()
    assert on_db(deskapp, lambda s: s.cache.outbox()) == []
    assert dialog.sign_button.isEnabled()

    # The right one: signed into the encrypted store and the outbox.
    seen.clear()
    answer(key.secret, seen)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=120_000)
    idle(qtbot, deskapp)
    assert len(seen) == 1  # asked once for the batch
    assert dialog.report is not None and [r.status for r in dialog.report.results] == ["signed"]
    (entry,) = on_db(deskapp, lambda s: s.cache.outbox())
    payload = json.loads(entry.payload)
    assert entry.kind == "signature.submit" and payload["document_version_id"] == doc.version_id

    def read_signed(s: Any) -> bytes:
        with s.cache.blobs.open(payload["sha256"]) as blob:
            return bytes(blob.read_all())

    signed = on_db(deskapp, read_signed)
    (sig,) = PdfFileReader(io.BytesIO(signed), strict=False).embedded_signatures
    roots = load_roots([key.root_pem])
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots))
    assert status.intact and status.valid and status.trusted
    assert "DEMO" in status.signing_cert.subject.native["common_name"]
    widget = sig.sig_field if "/Rect" in sig.sig_field else sig.sig_field["/Kids"][0]
    x0, _y0, x1, _y1 = (float(v) for v in widget["/Rect"])
    assert x1 - x0 > 50  # a visible appearance, not an invisible signature


def test_the_signing_dialog_shows_its_buttons_and_names_whole_in_vietnamese(
    qtbot: Any, deskapp: DeskApp, pki: Any, tmp_path: Path
) -> None:
    """The screenshot review (issue 16): at 462 px "Tìm thiết bị ký" was clipped
    and the token and certificate cut with no way to read them whole."""
    from hanoi_desk.ui.app import install_translator, set_language

    key = make_software_key(tmp_path / "softkey")
    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None
    main._save_settings([SOFTWARE_KEYS.to((key.module,)), TRUST_ROOTS.to((str(key.root_pem),))])
    idle(qtbot, deskapp)
    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    install_translator(app, "vi")
    try:
        dialog = open_dialog(qtbot, deskapp)
        dialog.adjustSize()
        button = dialog.find_button
        assert button.text() == "&Tìm thiết bị ký"
        qtbot.waitUntil(lambda: button.width() >= button.sizeHint().width(), timeout=WAIT)
        right = button.mapTo(dialog, QtCore.QPoint(button.width(), 0)).x()
        assert right <= dialog.width()
        assert dialog.token.count() > 0 and dialog.cert.count() > 0
        for box in (dialog.token, dialog.cert):
            # The whole name, however cut, as plain text (ui.common.plain_tip: a
            # token's label must not become markup).
            assert box.toolTip() == plain_tip(box.currentText())
            shown = QtGui.QTextDocumentFragment.fromHtml(box.toolTip()).toPlainText()
            assert shown == box.currentText()
        dialog.reject()
    finally:
        set_language(app, "en")
