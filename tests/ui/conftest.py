"""Fixtures for the desktop tests: real widgets (offscreen), a real encrypted
profile, real PDFs in the cache. Helpers shared by the tests are in ui_helpers.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from ui_helpers import WAIT, FixedPrompt

from hanoi_desk.app.session import Desk
from hanoi_desk.app.token_access import TokenManager
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.samples import make_pdf
from hanoi_desk.ui.app import DeskApp, load_fonts, make_application, set_language
from hanoi_desk.ui.qt import QtWidgets


@pytest.fixture(scope="session")
def big_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,000-page Vietnamese PDF, built by repeating a 10-page one (fast)."""
    path = tmp_path_factory.mktemp("pdf") / "bao-cao-1000.pdf"
    unit = pymupdf.open(stream=make_pdf(None, "Báo cáo tổng hợp Hà Nội", pages=10), filetype="pdf")
    doc = pymupdf.open()
    for _ in range(100):
        doc.insert_pdf(unit)
    doc.save(path, garbage=3, deflate=True)
    return path


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The real server with the demo's data on 127.0.0.1, one per test module
    (its users sign in with ui_helpers.demo_password)."""
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv


@pytest.fixture(scope="session", autouse=True)
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The signing tests' real PKI (certomancer on 127.0.0.1) and SoftHSM2 tokens,
    built before the process's first test and its SOFTHSM2_CONF set from then on.

    One SoftHSM2 configuration for the whole desktop test process: python-pkcs11
    loads the module once per process and SoftHSM reads SOFTHSM2_CONF and lists
    its token folder's tokens when it is first initialised, so whichever test
    first looks for tokens (a window's sync, a signing page) fixes them for every
    later test. Built only when a test first asked for it, a test that looked
    earlier left the module on the default folder and this PKI's tokens were
    never found ("No token labelled HANOI-SIGNER"); pointing SOFTHSM2_CONF early
    at a folder filled later is not enough either (SoftHSM 2.6 fixes its slots at
    initialisation). So the tokens exist before any test runs."""
    from tests.signing.signing_pki import running_pki

    base = tmp_path_factory.mktemp("pki-ui")
    with running_pki(base) as p:
        old = os.environ.get("SOFTHSM2_CONF")
        os.environ["SOFTHSM2_CONF"] = str(p.softhsm_conf)
        try:
            yield p
        finally:
            if old is None:
                os.environ.pop("SOFTHSM2_CONF", None)
            else:
                os.environ["SOFTHSM2_CONF"] = old


@pytest.fixture
def desk(home: Path, fast_kdf: None) -> Desk:
    """A desk on the test's home with no profile yet."""
    return Desk(default_vault(home))


@pytest.fixture
def profile_desk(desk: Desk) -> Desk:
    desk.create("alice", FixedPrompt())
    return desk


@pytest.fixture
def manager() -> Iterator[TokenManager]:
    """The process's one token manager, as in the app (one token thread)."""
    m = TokenManager()
    yield m
    m.close()
    m.thread.close()


@pytest.fixture
def deskapp(qtbot: Any, profile_desk: Desk) -> Iterator[DeskApp]:
    make_application()
    load_fonts()
    root = DeskApp(profile_desk, "en")
    qtbot.addWidget(root.unlock)
    root.show()
    yield root
    root.lock()
    qtbot.waitUntil(lambda: root.runner.pending == 0, timeout=WAIT)
    root.shutdown()
    # A test may switch the language (settings, View → Language): the next starts in English.
    app = QtWidgets.QApplication.instance()
    assert app is not None
    set_language(app, "en")
