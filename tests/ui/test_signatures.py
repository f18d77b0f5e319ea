"""The signatures panel verifies a signed document from the encrypted cache,
with a document signed for real (SoftHSM2 token, certomancer PKI on 127.0.0.1,
the project's signing engine)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import WAIT, idle, on_db, unlock

from hanoi_desk.domain.settings import TRUST_ROOTS
from hanoi_desk.samples import make_pdf
from hanoi_desk.signing.batch import sign_batch
from hanoi_desk.signing.pades import Level, SignOptions, make_context
from hanoi_desk.signing.pin import PinState
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.ui.app import DeskApp


class Pin:
    def __init__(self, pin: str) -> None:
        self.value = pin

    def pin(self, token: str, state: PinState) -> str:
        return self.value


@pytest.fixture(scope="module")
def signed_pdf(pki: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    from tests.signing.signing_pki import TOKEN

    base = tmp_path_factory.mktemp("signed")
    manager = TokenManager()
    try:
        src = base / "nghi-quyet.pdf"
        make_pdf(src, "Nghị quyết đã ký", pages=2)
        session = manager.login(pki.module, TOKEN, Pin(pki.pin))
        key = manager.signing_key(session, cert_text="Nguyễn Văn An")
        options = SignOptions(level=Level.B_B, trust=(pki.certs["root"],))
        report = sign_batch(make_context(manager, key, options, None), [src], base / "out")
        assert report.ok
        yield report.results[0].output, pki.root_pem
    finally:
        manager.close()
        manager.thread.close()


def test_signatures_panel_shows_the_verification_report(
    qtbot: Any, deskapp: DeskApp, signed_pdf: tuple[Path, Path], tmp_path: Path
) -> None:
    signed, root = signed_pdf
    unlock(qtbot, deskapp)
    assert deskapp.main is not None
    main = deskapp.main
    doc = on_db(deskapp, lambda s: s.cache.add_pdf(signed))
    panel = main.reader.signatures
    # Without a configured trust root: intact but not trusted.
    main.open_document(doc)
    qtbot.waitUntil(lambda: panel.report is not None, timeout=WAIT)
    assert panel.report is not None
    (sig,) = panel.report.signatures
    assert sig.intact and not sig.trusted and not sig.ok
    assert "0 of 1" in panel.verdict.text()
    assert "Nguyễn Văn An" in panel.details.toPlainText()
    # With the PKI's root configured in the settings: valid and trusted.
    main._save_settings([TRUST_ROOTS.to((str(root),))])
    idle(qtbot, deskapp)
    main.open_document(doc)
    qtbot.waitUntil(
        lambda: panel.report is not None and panel.report.signatures[0].trusted, timeout=WAIT
    )
    assert panel.verdict.text() == "1 of 1 signatures valid and trusted"
    # An unsigned document says so.
    plain = tmp_path / "plain.pdf"
    make_pdf(plain, "Chưa ký", pages=1)
    other = on_db(deskapp, lambda s: s.cache.add_pdf(plain))
    main.open_document(other)
    qtbot.waitUntil(
        lambda: panel.verdict.text() == "This document has no signatures.", timeout=WAIT
    )
