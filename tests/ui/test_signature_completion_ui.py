"""The signer sees signature completion in the desktop (issue 12), on real
parts: the real window (pytest-qt, offscreen), a real SQLCipher profile, the
real server over HTTP for the sync line. Each state is put in the profile by
the cache's own code (``Replica.queue_signature``, ``Replica.signature_raised``,
the signature and outbox repositories), as a sync would; only the age of a
signature is written by SQL, since nothing can make a signature nine days old
in a test but the clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from ui_helpers import WAIT, idle, on_db, unlock

from hanoi_desk.domain.signatures import CompletionState
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.store.replica import Replica
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.signature_status import SignaturesDialog

SYNC_WAIT = 120_000


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv


def pdf(path: Path, title: str) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), title, fontname="helv")
    doc.set_metadata({"title": title})
    path.write_bytes(doc.tobytes())
    doc.close()
    return path


def signed(session: Any, doc: Any, source: Path, level: str = "B-B") -> str:
    """A signed copy queued as the signing pipeline queues one (its bytes: the
    document with one more line, a distinct readable PDF; the panel's line reads
    the signature's record, which is what is tested here)."""
    return Replica(session.cache).queue_signature(
        doc.version_id, source.read_bytes() + b"\n", level
    )


def record(session: Any, op: str) -> Any:
    return next(r for r in session.cache.repos.signatures.all() if r.id == op)


def mark(session: Any, op: str, state: CompletionState, reason: str | None) -> None:
    with session.cache.transaction():
        session.cache.repos.signatures.mark(op, state, reason, "B-B")


def test_the_panel_shows_my_signature_waiting_completed_and_refused(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None
    source = pdf(tmp_path / "a.pdf", "Tờ trình số 7")
    doc = on_db(deskapp, lambda s: s.cache.add_pdf(source))
    op = on_db(deskapp, lambda s: signed(s, doc, source))
    reader, panel = main.reader, main.reader.signatures
    reader.open_document(doc)
    label = panel.mine_label

    def says(*parts: str) -> bool:
        return not label.isHidden() and all(p in label.text() for p in parts)

    qtbot.waitUntil(lambda: says("level B-B", "waiting for a timestamp", "queued"), timeout=WAIT)
    assert label.textFormat() == label.textFormat().PlainText

    on_db(deskapp, lambda s: mark(s, op, CompletionState.WAITING, "tsa_unreachable:ConnectError"))
    panel.load_mine()
    qtbot.waitUntil(
        lambda: says("waiting for a timestamp: the timestamp service could not be reached"),
        timeout=WAIT,
    )
    assert label.property("tone") == ""

    on_db(deskapp, lambda s: mark(s, op, CompletionState.REFUSED, "certificate_revoked"))
    panel.load_mine()
    qtbot.waitUntil(lambda: says("refused: the signer's certificate was revoked"), timeout=WAIT)
    assert label.property("tone") == "error"

    # A reason the client does not know came from the server: shown escaped, as text.
    on_db(deskapp, lambda s: mark(s, op, CompletionState.REFUSED, "<b>odd</b>\u202eevil"))
    panel.load_mine()
    qtbot.waitUntil(lambda: says("refused: <b>odd</b>"), timeout=WAIT)
    assert "\u202e" not in label.text()

    def complete(s: Any) -> None:
        mark(s, op, CompletionState.WAITING, None)
        Replica(s.cache).signature_raised(
            record(s, op), CompletionState.COMPLETED, "B-LT", b"%PDF completed", None
        )

    on_db(deskapp, complete)
    panel.load_mine()
    qtbot.waitUntil(lambda: says("level B-LT", "completed (B-LT)", "Upload: queued"), timeout=WAIT)
    assert label.property("tone") == ""

    # The completed file's upload refused by the server, with its reason.
    def refuse_upload(s: Any) -> None:
        complete_op = next(e.op_id for e in s.cache.outbox() if e.kind == "signature.complete")
        with s.cache.transaction():
            s.cache.repos.outbox.record_result(
                complete_op, OutboxState.REJECTED, None, "not_an_extension"
            )

    on_db(deskapp, refuse_upload)
    panel.load_mine()
    qtbot.waitUntil(
        lambda: says("Upload: refused: the server refused the completed file"), timeout=WAIT
    )
    assert label.property("tone") == "error"


def test_the_sync_says_what_happened_to_signatures(
    qtbot: Any, deskapp: DeskApp, live: Any, tmp_path: Path
) -> None:
    """Real syncs with the real server: the first meets a "signed" copy that
    holds no signature (its completion is refused: not_signed) and says so in
    one error-styled line, not hidden; the next, with nothing new to complete
    (a refused signature is not retried), clears the line."""
    from test_ui_end_to_end import connect

    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None
    connect(qtbot, deskapp, live)
    line = main.sync.signature_line
    assert line.isHidden()  # nothing happened to signatures
    source = pdf(tmp_path / "b.pdf", "Nghị quyết")
    doc = on_db(deskapp, lambda s: s.cache.add_pdf(source))
    on_db(deskapp, lambda s: signed(s, doc, source))
    main.show_page(main.sync_panel)

    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.sync_now()
    idle(qtbot, deskapp)
    assert line.isVisible()
    assert line.text() == "Signatures refused: 1 — see My signatures"
    assert line.property("tone") == "error"

    # The list, from the Sync page's button, by keyboard.
    main.sync.signatures_button.click()
    qtbot.waitUntil(lambda: main.sync.dialog is not None and main.sync.dialog.isVisible())
    dialog = main.sync.dialog
    assert isinstance(dialog, SignaturesDialog)
    row = dialog.tree.topLevelItem(0)
    assert row is not None
    assert row.text(0) == "Nghị quyết"
    assert row.text(3) == "refused: the file holds no readable signature"
    dialog.reject()

    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.sync_now()
    idle(qtbot, deskapp)
    assert line.isHidden()


def test_the_overdue_warning_stays_until_the_signature_is_completed(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None
    source = pdf(tmp_path / "c.pdf", "Biên bản")
    doc = on_db(deskapp, lambda s: s.cache.add_pdf(source))
    fresh = on_db(deskapp, lambda s: signed(s, doc, source))
    old = on_db(deskapp, lambda s: signed(s, doc, source))
    warning = main.sync.overdue

    main.sync.refresh_signatures()
    idle(qtbot, deskapp)
    assert not warning.isVisible()  # made today: not overdue

    made = (datetime.now(UTC) - timedelta(days=9, hours=1)).isoformat(timespec="seconds")

    def age(s: Any) -> None:
        with s.cache.transaction() as c:
            c.execute("UPDATE signatures SET created_at = ? WHERE id = ?", (made, old))

    on_db(deskapp, age)
    main.sync.refresh_signatures()
    qtbot.waitUntil(warning.isVisible, timeout=WAIT)
    assert warning.text() == (
        "Signatures with no trusted time for 9 days: 1 — connect to complete them"
    )
    assert warning.property("tone") == "error"
    status = main.statusBar()
    assert warning.parent() is status or status.isAncestorOf(warning)
    main.show_page(main.meetings)  # Home: still there
    assert warning.isVisible()

    def complete(s: Any) -> None:
        Replica(s.cache).signature_raised(
            record(s, old), CompletionState.COMPLETED, "B-LT", b"%PDF completed", None
        )

    on_db(deskapp, complete)
    main.sync.refresh_signatures()
    qtbot.waitUntil(lambda: not warning.isVisible(), timeout=WAIT)
    assert fresh != old  # the recent one never counted: the warning is gone


def test_the_sync_line_counts_completed_waiting_and_refused(qtbot: Any) -> None:
    """The line's words for each outcome of the completion step (the report the
    sync engine returns); an error only when one is refused, empty when none."""
    from hanoi_desk.sync.completion import CompletionReport
    from hanoi_desk.ui.signature_status import sync_summary

    assert sync_summary(CompletionReport()) == ("", False)
    both = CompletionReport(completed=["a", "b"], waiting=[("Tờ trình", "no_tsa")])
    assert sync_summary(both) == (
        "Signatures completed: 2; Signatures waiting for a timestamp: 1",
        False,
    )
    waiting = CompletionReport(waiting=[("Tờ trình", "tsa_unreachable")])
    assert sync_summary(waiting) == ("Signatures waiting for a timestamp: 1", False)
    refused = CompletionReport(refused=[("Tờ trình", "certificate_revoked")])
    assert sync_summary(refused) == ("Signatures refused: 1 — see My signatures", True)


class KnownPin:
    """The signer, who knows the token's PIN (the signing is not what is tested here)."""

    def __init__(self, pin: str) -> None:
        self.value = pin

    def pin(self, token: str, state: object) -> str:
        return self.value


def test_a_real_offline_signature_waits_then_completes_in_the_window(
    qtbot: Any,
    deskapp: DeskApp,
    *,
    live: Any,
    pki: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real completion (certomancer TSA/OCSP/CRL on loopback, SoftHSM2):
    signed B-B offline nine days ago, a sync with the TSA down says it waits and
    the panel says why and the warning shows; a sync with the TSA back says
    "completed", the panel says B-LT, and the warning goes."""
    import socket

    from test_ui_end_to_end import connect

    from hanoi_desk.app.sign_cached import CachedSigner, CachedSignRequest, queue_signed
    from hanoi_desk.domain.settings import TSA_URL

    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "root.pem").write_bytes(pki.root_pem.read_bytes())
    monkeypatch.setenv("HANOI_DESK_TRUST_DIR", str(trust))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/tsa"  # nothing listens once closed

    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None
    connect(qtbot, deskapp, live)
    main._save_settings([TSA_URL.to(dead)])
    manager = deskapp.tokens()

    def sign(s: Any) -> tuple[Any, str]:
        doc = next(
            d for d in s.documents() if b"/ByteRange" not in s.cache.read_document(d)
        )  # an unsigned demo document
        ops: list[str] = []

        def keep(d: Any, data: bytes) -> str:  # as the desktop keeps a signed copy
            ops.append(queue_signed(s.cache, d, data))
            return ops[-1]

        request = CachedSignRequest((doc,), pki.module, "HANOI-SIGNER", cert_id="a1")
        report = CachedSigner(s.cache, manager).sign(request, KnownPin(pki.pin), keep)
        assert report.signed == 1, report
        made = (datetime.now(UTC) - timedelta(days=9, hours=1)).isoformat(timespec="seconds")
        with s.cache.transaction() as c:  # only the clock could make it nine days old
            c.execute("UPDATE signatures SET created_at = ? WHERE id = ?", (made, ops[0]))
        return doc, ops[0]

    doc, op = on_db(deskapp, sign)
    line, warning, panel = main.sync.signature_line, main.sync.overdue, main.reader.signatures

    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.sync_now()
    idle(qtbot, deskapp)
    assert line.text() == "Signatures waiting for a timestamp: 1"
    qtbot.waitUntil(lambda: not warning.isHidden(), timeout=WAIT)
    assert "for 9 days: 1" in warning.text()
    main.reader.open_document(doc)
    qtbot.waitUntil(
        lambda: (
            "waiting for a timestamp: the timestamp service could not be reached"
            in panel.mine_label.text()
        ),
        timeout=WAIT,
    )

    main._save_settings([TSA_URL.to(pki.tsa_url)])
    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.sync_now()
    idle(qtbot, deskapp)
    assert line.text() == "Signatures completed: 1"
    qtbot.waitUntil(warning.isHidden, timeout=WAIT)
    qtbot.waitUntil(lambda: "completed (B-LT)" in panel.mine_label.text(), timeout=WAIT)
    assert op
