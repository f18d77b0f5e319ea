"""Signatures made offline completed at the next sync (issue 12), with real parts
only: the reference server over HTTP on 127.0.0.1 (demo data), a real SQLCipher
profile, the SoftHSM2 token, and the certomancer TSA/OCSP/CRL on loopback. The
timestamp authority is "down" by pointing the profile at a port nothing listens
on (a real refused connection, not a mock)."""

from __future__ import annotations

import http.server
import io
import json
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from sqlalchemy import select
from tests.server.live import DEMO_PASSWORD

from hanoi_desk.app.session import Session
from hanoi_desk.app.settings import Settings
from hanoi_desk.app.sign_cached import CachedSigner, CachedSignRequest, queue_signed
from hanoi_desk.app.signature_completion import plan_for, signatures
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.settings import TSA_URL
from hanoi_desk.domain.signatures import CompletionState
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.server import admin, models
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.signing.verify import verify_bytes
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.engine import SyncReport
from helpers import PASSPHRASE, raw_sql, run_cli

from .conftest import FixedPin
from .signing_helpers import pdfsig
from .signing_pki import TOKEN, TestPki

GOOD, REVOKED = "a1", "e7"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv


@pytest.fixture
def trusted(pki: TestPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test root in the trust folder, as an administrator would put it there."""
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "root.pem").write_bytes(pki.root_pem.read_bytes())
    monkeypatch.setenv("HANOI_DESK_TRUST_DIR", str(folder))


def dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    return f"http://127.0.0.1:{port}/tsa"


def sync(session: Session, url: str) -> SyncReport:
    options = SyncOptions(server=url, username="demo", password=lambda: DEMO_PASSWORD)
    return SyncService(session, options).run()


def current_document(session: Session) -> DocumentSummary:
    """An unsigned version the server has not superseded (it accepts signatures of it)."""
    current = {
        r[0]
        for r in raw_sql(session.cache).execute(
            "SELECT id FROM document_versions WHERE superseded_by IS NULL AND available = 1"
        )
    }
    # Some demo documents are signed already; a fresh one keeps each test to one signature.
    return next(
        d
        for d in session.documents()
        if d.version_id in current and b"/ByteRange" not in session.cache.read_document(d)
    )


def sign_offline(session: Session, manager: TokenManager, pki: TestPki, cert_id: str) -> str:
    cache = session.cache
    doc = current_document(session)
    request = CachedSignRequest((doc,), pki.module, TOKEN, cert_id=cert_id)
    ops: list[str] = []

    def keep(d: DocumentSummary, data: bytes) -> str:
        ops.append(queue_signed(cache, d, data))
        return ops[-1]

    report = CachedSigner(cache, manager).sign(request, FixedPin(), keep)
    assert report.signed == 1, report
    return ops[0]


def signature_row(live: Any, op_id: str) -> models.Signature:
    """The server's row of the signature submitted under ``op_id``."""
    with live.server.db.read() as s:
        record = s.scalars(
            select(models.MutationRecord).where(models.MutationRecord.op_id == op_id)
        ).one()
        row = s.get(models.Signature, json.loads(record.result or "{}")["signature_id"])
        assert row is not None
        s.expunge(row)
        return row


def blob(live: Any, sha: str) -> bytes:
    size = live.server.blobs.size(sha)
    assert size is not None
    return b"".join(live.server.blobs.read(sha, 0, size - 1))


def signed_ranges(data: bytes) -> list[tuple[int, ...]]:
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    return [tuple(s.sig_object["/ByteRange"]) for s in reader.embedded_regular_signatures]


def cache_signatures(*extra: str, lang: str = "en") -> str:
    """``hanoi-desk cache signatures`` of the test's profile, in a child process."""
    env = {**os.environ, "HANOI_DESK_LANG": lang}
    args = ("cache", "signatures", "--profile", "alice", "--passphrase-stdin", *extra)
    res = run_cli(*args, stdin=PASSPHRASE + "\n", env=env)
    assert res.returncode == 0, res.stderr
    return res.stdout


def record_of(session: Session, op_id: str) -> Any:
    return next(r for r in signatures(session.cache) if r.id == op_id)


@pytest.mark.usefixtures("trusted")
def test_signed_offline_waits_while_the_tsa_is_down_then_completes_to_b_lt(
    live: Any, session: Session, pki: TestPki, manager: TokenManager, tmp_path: Path
) -> None:
    settings = Settings(session.cache)
    sync(session, live.base_url)
    settings.save(TSA_URL.to(dead_url()))
    op = sign_offline(session, manager, pki, GOOD)
    signed = Replica(session.cache).signature_bytes(record_of(session, op).signed_sha256)
    assert record_of(session, op).state is CompletionState.WAITING
    # A comment queued at the same time, offline.
    version = current_document(session).version_id
    comment = Replica(session.cache).enqueue(
        "comment.add",
        {"comment_id": uuid.uuid4().hex, "document_version_id": version, "text": "Đồng ý"},
    )

    # The TSA is down: the signature waits, the rest of the sync goes through.
    report = sync(session, live.base_url)
    assert report.signatures.waiting and not report.signatures.completed
    assert report.pushed == 2  # the signed file and the comment
    states = {e.op_id: e.state for e in session.cache.outbox(("done", "rejected"))}
    assert states[comment] == "done" and states[op] == "done"
    waiting = record_of(session, op)
    assert waiting.state is CompletionState.WAITING and waiting.level == "B-B"
    assert waiting.reason and waiting.reason.startswith("tsa_unreachable")
    row = signature_row(live, op)
    assert row.sha256 == waiting.signed_sha256

    # The TSA is back: completed to B-LT, uploaded as the signature's new state.
    settings.save(TSA_URL.to(pki.tsa_url))
    report = sync(session, live.base_url)
    assert report.signatures.completed == [op] and not report.signatures.waiting
    done = record_of(session, op)
    assert done.state is CompletionState.COMPLETED and done.level == "B-LT"
    assert done.upload is OutboxState.DONE
    row = signature_row(live, op)
    assert row.sha256 == done.sha256 != done.signed_sha256
    held = blob(live, row.sha256)
    assert held.startswith(signed)  # an extension: the signed bytes untouched
    assert signed_ranges(held)[0] == signed_ranges(signed)[0]
    roots = [_root(pki)]
    report_file = verify_bytes(held, "held.pdf", roots)
    (sig,) = [s for s in report_file.signatures if s.kind == "signature"]
    assert sig.level == "B-LT" and sig.ok and sig.intact, report_file
    out = tmp_path / "held.pdf"
    out.write_bytes(held)
    assert "Signature is Valid" in pdfsig(out)
    (listed,) = json.loads(cache_signatures("--json"))
    assert (listed["id"], listed["level"], listed["state"], listed["upload"]) == (
        op,
        "B-LT",
        "completed",
        "done",
    )
    # The next sync has nothing more to do for it.
    again = sync(session, live.base_url)
    assert not again.signatures.completed and not again.signatures.waiting


def _root(pki: TestPki) -> x509.Certificate:
    from asn1crypto import pem

    _, _, der = pem.unarmor(pki.root_pem.read_bytes())
    return x509.Certificate.load(der)


def demo_body(live: Any) -> str:
    with live.server.db.read() as s:
        return str(
            s.scalars(
                select(models.Organisation.name)
                .join(models.User, models.User.organisation_id == models.Organisation.id)
                .where(models.User.username == "demo")
            ).one()
        )


class _CountingTsa(http.server.BaseHTTPRequestHandler):
    """Stands for a host on this computer's own network a server's policy
    points at: it only counts what reaches it (and answers 500)."""

    seen: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        self.seen.append(self.path)
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.mark.usefixtures("trusted")
def test_a_servers_policy_cannot_point_the_client_at_a_local_tsa(
    live: Any, session: Session, pki: TestPki, manager: TokenManager
) -> None:
    """Review M1: a TSA on 127.0.0.1 named by the server's policy is never
    contacted (every waiting signature's hash would be POSTed to it): the
    signature waits with tsa_not_allowed; the profile's own tsa_url setting
    naming a loopback TSA is the user's choice and is used."""
    _CountingTsa.seen = []
    local = http.server.HTTPServer(("127.0.0.1", 0), _CountingTsa)
    serving = threading.Thread(target=local.serve_forever, daemon=True)
    serving.start()
    try:
        url = f"http://127.0.0.1:{local.server_address[1]}/internal/admin"
        admin.set_policy(live.server.db, demo_body(live), tsa_url=url)
        sync(session, live.base_url)
        plan = plan_for(session.cache)
        assert (plan.tsa_url, plan.tsa_problem) == (None, "tsa_not_allowed")
        # Another server this profile also uses names a public TSA: it does not
        # choose the TSA for this server's signatures (only the synced one's policy).
        other = "https://other-council.example"
        with session.cache.transaction():
            session.cache.repos.accounts.save(
                other,
                username="demo",
                device_id="d2",
                access_token="",
                refresh_token="",
                user_id="u2",
            )
            raw_sql(session.cache).execute(
                "UPDATE sync_accounts SET policy = ? WHERE server = ?",
                ('{"tsa_url": "https://tsa.other-council.example/"}', other),
            )
        synced = next(s for s in session.cache.repos.accounts.servers() if s != other)
        assert plan_for(session.cache, synced).tsa_problem == "tsa_not_allowed"
        assert plan_for(session.cache, other).tsa_url == "https://tsa.other-council.example/"
        op = sign_offline(session, manager, pki, GOOD)
        report = sync(session, live.base_url)
        assert [r for _t, r in report.signatures.waiting] == ["tsa_not_allowed"]
        waiting = record_of(session, op)
        assert waiting.state is CompletionState.WAITING and waiting.reason == "tsa_not_allowed"
        assert _CountingTsa.seen == []  # never contacted
        assert "the server's policy names a timestamp service on a local" in cache_signatures()
        assert json.loads(cache_signatures("--json"))[0]["tsa_url"] is None
        # The profile's own setting, to the (loopback) certomancer TSA: used.
        Settings(session.cache).save(TSA_URL.to(pki.tsa_url))
        report = sync(session, live.base_url)
        assert report.signatures.completed == [op]
        assert record_of(session, op).level == "B-LT"
        assert _CountingTsa.seen == []
        assert json.loads(cache_signatures("--json"))[0]["tsa_url"] == pki.tsa_url
    finally:
        local.shutdown()
        serving.join()
        local.server_close()


def test_a_revoked_certificate_is_reported_not_hidden(
    live: Any, session: Session, pki: TestPki, manager: TokenManager, trusted: None
) -> None:
    # The body's policy names the loopback TSA too: not used from a server's
    # policy (test below), so the profile's own setting names it.
    admin.set_policy(live.server.db, demo_body(live), tsa_url=pki.tsa_url)
    # The revoked certificate is the member's registered one (the server does not
    # check revocation, docs/server-uploads.md): the refusal tested is the client's.
    with live.server.db.read() as s:
        before = s.get(models.MemberCertificate, admin.user_by_name(s, "demo").id)
        kept = None if before is None else bytes(before.der)
    admin.set_member_certificate(live.server.db, "demo", pki.certs["revoked"].dump())
    Settings(session.cache).save(TSA_URL.to(pki.tsa_url))
    sync(session, live.base_url)
    assert plan_for(session.cache).tsa_url == pki.tsa_url
    op = sign_offline(session, manager, pki, REVOKED)
    try:
        report = sync(session, live.base_url)
    finally:  # the module's other tests sign with the good key
        if kept is not None:
            admin.set_member_certificate(live.server.db, "demo", kept)
        else:
            with live.server.db.write() as s:
                row = s.get(models.MemberCertificate, admin.user_by_name(s, "demo").id)
                if row is not None:
                    s.delete(row)
    assert [r for _title, r in report.signatures.refused] == ["certificate_revoked"]
    rec = record_of(session, op)
    assert rec.state is CompletionState.REFUSED and rec.reason == "certificate_revoked"
    assert rec.sha256 == rec.signed_sha256  # nothing completed was kept or sent
    assert rec.level == "B-B"  # the level of the file kept, not of one discarded
    assert "refused: the signer's certificate was revoked" in cache_signatures()


def test_the_server_refuses_a_completed_file_that_changes_a_signed_byte(
    live: Any, session: Session, pki: TestPki, manager: TokenManager, trusted: None
) -> None:
    sync(session, live.base_url)
    Settings(session.cache).save(TSA_URL.to(dead_url()))
    op = sign_offline(session, manager, pki, GOOD)
    sync(session, live.base_url)  # the signed file reaches the server; completion waits
    replica = Replica(session.cache)
    rec = record_of(session, op)
    signed = replica.signature_bytes(rec.signed_sha256)
    start, length = signed_ranges(signed)[0][:2]
    at = start + length // 2  # a byte inside the signed range
    forged = bytearray(signed)
    forged[at] = forged[at] ^ 0x01
    forged += b"\n% an appended update\n%%EOF\n"
    replica.signature_raised(rec, CompletionState.COMPLETED, "B-LT", bytes(forged), None)
    report = sync(session, live.base_url)
    (rejected,) = report.rejected
    assert rejected[1] == "not_an_extension"
    rec = record_of(session, op)
    assert rec.state is CompletionState.REFUSED and rec.reason == "not_an_extension"
    assert rec.upload is OutboxState.REJECTED
    row = signature_row(live, op)
    assert row.sha256 == rec.signed_sha256  # the server kept the signed file
    payloads = [json.loads(e.payload) for e in session.cache.outbox(("rejected",))]
    assert payloads[0]["previous_sha256"] == rec.signed_sha256
    shown = cache_signatures(lang="vi")
    assert f"(phiên bản {rec.version})\tB-LT\tbị từ chối: máy chủ từ chối tệp đã hoàn thiện" in (
        shown
    )
    assert shown.rstrip().endswith("bị máy chủ từ chối")


def test_verify_warns_about_an_old_signature_still_without_a_trusted_time(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``hanoi-desk verify`` (cli/sign_cmds.verify calls this after the reports)."""
    from dataclasses import replace

    from hanoi_desk.cli.cache_cmds import warn_unstamped
    from hanoi_desk.signing.verify import FileReport, Revocation, SignatureReport

    monkeypatch.setenv("HANOI_DESK_LANG", "en")
    old = SignatureReport(
        field="Signature1", kind="signature", signer="Nguyễn Văn An\x1b[2J",
        signer_subject="", issuer="", claimed_time="2026-01-05T09:00:00+07:00",
        timestamp_time=None, intact=True, valid=True, trusted=True,
        revocation=Revocation.UNKNOWN, revoked_on=None, level="B-B", coverage="ENTIRE_FILE",
        modification_level="NONE", ok=True,
    )  # fmt: skip
    stamped = replace(old, field="Signature2", level="B-LT")
    recent = replace(old, field="Signature3", claimed_time=datetime_now_vn())
    warn_unstamped([FileReport("a.pdf", (old, stamped, recent))])
    err = capsys.readouterr().err
    assert "“Signature1” by Nguyễn Văn An" in err and "2026-01-05" in err
    assert "still has no trusted time (more than 7 days)" in err
    assert "Signature2" not in err and "Signature3" not in err
    assert "\x1b" not in err  # the signer's name is escaped


def datetime_now_vn() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


@pytest.mark.usefixtures("trusted")
def test_a_signature_the_server_refused_is_reported_and_never_stamped(
    live: Any, session: Session, pki: TestPki, manager: TokenManager
) -> None:
    sync(session, live.base_url)
    settings = Settings(session.cache)
    settings.save(TSA_URL.to(dead_url()))
    op = sign_offline(session, manager, pki, GOOD)
    version = record_of(session, op).document_version_id
    with live.server.db.write() as s:  # replaced on the server meanwhile
        row = s.get(models.DocumentVersion, version)
        assert row is not None
        row.superseded_by = version
    try:
        first = sync(session, live.base_url)
        assert first.rejected == [(op, "document_superseded")]
        # Refused in that same sync, with the server's reason (docs/server-uploads.md).
        rec = record_of(session, op)
        assert rec.state is CompletionState.REFUSED and rec.reason == "document_superseded"
        settings.save(TSA_URL.to(pki.tsa_url))  # the TSA is back: it must not be asked
        second = sync(session, live.base_url)
    finally:
        with live.server.db.write() as s:
            row = s.get(models.DocumentVersion, version)
            assert row is not None
            row.superseded_by = None
    assert not second.signatures.refused  # refused already: not reported again
    rec = record_of(session, op)
    assert rec.state is CompletionState.REFUSED and rec.reason == "document_superseded"
    assert rec.sha256 == rec.signed_sha256 and not second.signatures.completed
    assert [e.kind for e in session.cache.outbox(("queued", "sending", "done", "rejected"))] == [
        "signature.submit"
    ]
