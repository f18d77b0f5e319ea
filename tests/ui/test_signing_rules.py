"""The desktop's signing path held to the CLI's rules, through the real signing
dialog (pytest-qt, offscreen) on real parts: the SoftHSM2 token, a real
encrypted profile, the PIN typed into the real PIN dialog. Counted from
PKCS#11 itself (the token manager's counters, as the CLI tests count): one
login per batch, one C_Sign per document; no plaintext document bytes in any
file; a version already signed asks first; a superseded version is refused
before the PIN; the signer sees what was signed (reader, signatures panel,
outbox) before and after a sync with the real server."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from test_signing import PinTyper, open_signing
from ui_helpers import WAIT, idle, on_db, unlock

from hanoi_desk.domain.settings import PKCS11_MODULES
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.qt import QtCore, QtWidgets
from hanoi_desk.ui.signing_dialog import DOC_ROLE, SigningDialog

MARKER = "DESKLEAK-9b2e41-HaNoi"
NEEDLES = [MARKER.encode(), MARKER.encode("utf-16-be"), MARKER.lower().encode()]
BATCH_WAIT = 120_000


def marked_pdf(path: Path, title: str) -> Path:
    """Uncompressed, the marker also in the metadata: it is in the raw bytes of
    the document and of any copy of it that is not encrypted."""
    doc = pymupdf.open()
    for _ in range(2):
        doc.new_page().insert_text((72, 72), f"{title} {MARKER}", fontname="helv")
    doc.set_metadata({"title": title, "subject": MARKER})
    path.write_bytes(doc.tobytes(deflate=False))
    doc.close()
    return path


def files_containing(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            raw = path.read_bytes()
            found += [f"{path}: {n!r}" for n in needles if n in raw]
    return found


@pytest.fixture
def typer(pki: Any) -> Iterator[PinTyper]:
    person = PinTyper(pki.pin)
    yield person
    person.timer.stop()


def ready(qtbot: Any, root: DeskApp, pki: Any, tmp_path: Path, titles: list[str]) -> list[Any]:
    """Unlocked, the token's module set, the marked documents imported (their
    plaintext inputs deleted: any marker on disk afterwards came from signing)."""
    unlock(qtbot, root)
    assert root.main is not None
    root.main._save_settings([PKCS11_MODULES.to((pki.module,))])
    docs = []
    for n, title in enumerate(titles):
        path = marked_pdf(tmp_path / f"in-{n}.pdf", title)
        docs.append(on_db(root, lambda s, p=path: s.cache.add_pdf(p)))
        path.unlink()
    idle(qtbot, root)
    return docs


def check(dialog: SigningDialog, docs: list[Any]) -> None:
    wanted = {d.id for d in docs}
    for i in range(dialog.docs.count()):
        item = dialog.docs.item(i)
        picked = item.data(DOC_ROLE).id in wanted
        item.setCheckState(
            QtCore.Qt.CheckState.Checked if picked else QtCore.Qt.CheckState.Unchecked
        )


def fresh_dialog(qtbot: Any, root: DeskApp) -> SigningDialog:
    assert root.main is not None
    if hasattr(root.main, "signing"):
        del root.main.signing  # the next dialog, not the last one
    return open_signing(qtbot, root)


def signed_copies(root: DeskApp) -> list[str]:
    return [e.kind for e in on_db(root, lambda s: s.cache.outbox()) if e.kind == "signature.submit"]


def test_a_desktop_batch_logs_in_once_signs_each_document_once_and_writes_no_plaintext(
    qtbot: Any,
    deskapp: DeskApp,
    pki: Any,
    *,
    typer: PinTyper,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A temp folder and a home directory of the test's own, scanned afterwards.
    private_tmp, user_home = tmp_path / "tmp", tmp_path / "user"
    private_tmp.mkdir()
    user_home.mkdir()
    for name in ("TMPDIR", "TMP", "TEMP"):
        monkeypatch.setenv(name, str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    monkeypatch.setenv("HOME", str(user_home))
    docs = ready(qtbot, deskapp, pki, tmp_path, ["Tờ trình 1", "Tờ trình 2", "Tờ trình 3"])
    dialog = open_signing(qtbot, deskapp)
    check(dialog, docs)
    counters = deskapp.tokens().counters
    logins, signs = counters.logins, counters.signs
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=BATCH_WAIT)
    assert dialog.report is not None and dialog.report.signed == 3
    assert counters.logins - logins == 1  # one login for the batch
    assert counters.signs - signs == 3  # exactly one C_Sign per document
    assert len(typer.asked) == 1  # one PIN
    idle(qtbot, deskapp)

    def signed_bytes(s: Any) -> list[bytes]:
        import json

        out = []
        for entry in s.cache.outbox():
            with s.cache.blobs.open(json.loads(entry.payload)["sha256"]) as blob:
                out.append(bytes(blob.read_all()))
        return out

    copies = on_db(deskapp, signed_bytes)
    assert len(copies) == 3 and all(MARKER.encode() in c for c in copies)  # the scan can fail
    for root in (home, private_tmp, user_home):
        assert files_containing(root, NEEDLES) == [], root


def test_signing_a_version_again_asks_first(
    qtbot: Any, deskapp: DeskApp, pki: Any, typer: PinTyper, tmp_path: Path
) -> None:
    doc, other = ready(qtbot, deskapp, pki, tmp_path, ["Quyết định", "Công văn"])
    first = fresh_dialog(qtbot, deskapp)
    check(first, [doc])
    first.sign_button.click()  # never signed: no question
    qtbot.waitUntil(lambda: first.report is not None, timeout=BATCH_WAIT)
    assert first.again_box is None and len(typer.asked) == 1
    first.cancel_button.click()
    idle(qtbot, deskapp)

    dialog = fresh_dialog(qtbot, deskapp)
    check(dialog, [doc])
    dialog.sign_button.click()
    qtbot.waitUntil(
        lambda: dialog.again_box is not None and dialog.again_box.isVisible(), timeout=WAIT
    )
    box = dialog.again_box
    assert box is not None and "“Quyết định”, version 1" in box.text()
    assert len(typer.asked) == 1  # asked before any PIN
    box.button(QtWidgets.QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(dialog.sign_button.isEnabled, timeout=WAIT)
    idle(qtbot, deskapp)
    assert len(signed_copies(deskapp)) == 1 and len(typer.asked) == 1  # nothing signed

    dialog.sign_button.click()
    qtbot.waitUntil(
        lambda: dialog.again_box is not box and dialog.again_box.isVisible(), timeout=WAIT
    )
    again = next(b for b in dialog.again_box.buttons() if b.text() == "Sign &again")
    again.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=BATCH_WAIT)
    assert dialog.report is not None and dialog.report.signed == 1
    idle(qtbot, deskapp)
    assert len(signed_copies(deskapp)) == 2 and len(typer.asked) == 2
    dialog.cancel_button.click()
    idle(qtbot, deskapp)

    # With a document not signed yet in the batch: leave the signed one out.
    last = fresh_dialog(qtbot, deskapp)
    check(last, [doc, other])
    last.sign_button.click()
    qtbot.waitUntil(lambda: last.again_box is not None and last.again_box.isVisible(), timeout=WAIT)
    assert last.again_box is not None and "Công văn" not in last.again_box.text()
    leave = next(b for b in last.again_box.buttons() if b.text() == "&Leave them out")
    leave.click()
    qtbot.waitUntil(lambda: last.report is not None, timeout=BATCH_WAIT)
    assert last.report is not None
    assert [(r.document.id, r.status) for r in last.report.results] == [(other.id, "signed")]
    idle(qtbot, deskapp)
    assert len(signed_copies(deskapp)) == 3 and len(typer.asked) == 3


def test_a_superseded_version_is_refused_before_the_pin(
    qtbot: Any, deskapp: DeskApp, pki: Any, typer: PinTyper, tmp_path: Path
) -> None:
    from helpers import add_version

    (doc,) = ready(qtbot, deskapp, pki, tmp_path, ["Nghị quyết"])
    dialog = open_signing(qtbot, deskapp)
    check(dialog, [doc])
    # A sync brings version 2 while the dialog shows version 1.
    newer = marked_pdf(tmp_path / "v2.pdf", "Nghị quyết (sửa đổi)").read_bytes()
    on_db(deskapp, lambda s: add_version(s, doc.id, newer))
    logins = deskapp.tokens().counters.logins
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=WAIT)
    idle(qtbot, deskapp)
    line = dialog.results.item(0).text()
    assert "“Nghị quyết” version 1 is not signed" in line and "version 2" in line
    assert typer.asked == [] and deskapp.tokens().counters.logins == logins
    assert signed_copies(deskapp) == []
    assert dialog.sign_button.isEnabled()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv


def test_the_signer_sees_the_signed_copy_before_and_after_the_sync(
    qtbot: Any, deskapp: DeskApp, pki: Any, live: Any, typer: PinTyper
) -> None:
    """The reader shows this profile's signed copy with its signature in the
    signatures panel once the batch ends, and again when the document is
    opened after the real server accepted it; the outbox names the document."""
    from test_ui_end_to_end import connect

    unlock(qtbot, deskapp)
    assert deskapp.main is not None
    main = deskapp.main
    main._save_settings([PKCS11_MODULES.to((pki.module,))])
    connect(qtbot, deskapp, live)
    main.meetings.cards()[0].click()
    idle(qtbot, deskapp)
    page, reader, panel = main.meeting_page, main.reader, main.reader.signatures
    page.agenda.setCurrentRow(0)
    item = page.documents.item(0)
    page.documents.itemClicked.emit(item)
    qtbot.waitUntil(lambda: reader.doc is not None and panel.report is not None, timeout=WAIT)
    assert panel.report is not None and not panel.report.signatures
    assert panel.verdict.text() == "This document has no signatures."
    summary = reader.summary
    assert summary is not None and reader.shown is summary

    dialog = fresh_dialog(qtbot, deskapp)
    check(dialog, [summary])
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=BATCH_WAIT)
    assert dialog.report is not None and dialog.report.signed == 1
    dialog.cancel_button.click()

    def signed_copy_shown() -> bool:
        shown, report = reader.shown, panel.report
        return (
            shown is not None
            and shown.sha256 != summary.sha256
            and report is not None
            and len(report.signatures) == 1
        )

    qtbot.waitUntil(signed_copy_shown, timeout=WAIT)
    assert reader.shown is not None
    copy = reader.shown.sha256
    assert reader.title.text().endswith("— my signed copy")
    assert "Nguyễn Văn An" in panel.details.toPlainText()
    assert "no signatures" not in panel.verdict.text()
    idle(qtbot, deskapp)
    line = main.sync_panel.outbox.topLevelItem(0).text(0)
    assert line == f"Signed document: “{summary.title}”, version {summary.version}"

    with qtbot.waitSignal(main.sync.finished, timeout=BATCH_WAIT):
        main.sync.sync_now()
    idle(qtbot, deskapp)
    assert main.sync.last_error is None
    assert on_db(deskapp, lambda s: s.cache.outbox()) == []  # the server accepted it
    reader.close_document()
    page.agenda.setCurrentRow(0)  # the sync refilled the lists: the item anew
    page.documents.itemClicked.emit(page.documents.item(0))
    qtbot.waitUntil(lambda: reader.shown is not None and panel.report is not None, timeout=WAIT)
    assert reader.shown is not None and reader.shown.sha256 == copy
    assert panel.report is not None and len(panel.report.signatures) == 1
