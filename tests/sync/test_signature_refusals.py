"""Over the real server and real SQLCipher profiles (docs/server-uploads.md): a
signed copy the server refuses reaches its signer — the sync reports the
refusal with its reason, the signature's record holds it, and ``hanoi-desk
cache signatures`` prints it translated; one it accepts reaches the
secretary's profile at their next sync (``cache signatures --all``), not
another delegate's."""

from __future__ import annotations

import os
from typing import Any

from sync_helpers import server_bytes
from tests.server.ballots import make_signer, sign_pdf
from tests.server.live import DEMO_PASSWORD

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.signature_completion import signatures
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain.signatures import CompletionState
from hanoi_desk.server import admin, models
from hanoi_desk.store.replica import Replica
from helpers import PASSPHRASE, FixedPrompt, raw_sql, run_cli


def _cache_signatures(lang: str, *extra: str, profile: str = "alice") -> str:
    env = {**os.environ, "HANOI_DESK_LANG": lang}
    res = run_cli("cache", "signatures", "--profile", profile, "--passphrase-stdin", *extra,
                  stdin=PASSPHRASE + "\n", env=env)  # fmt: skip
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_a_signature_under_no_root_is_refused_and_the_signer_is_told(
    live: Any, session: Session, replica: Replica
) -> None:
    options = SyncOptions(server=live.base_url, username="demo", password=lambda: DEMO_PASSWORD)
    SyncService(session, options).run()
    version = (
        raw_sql(replica)
        .execute("SELECT id FROM document_versions WHERE superseded_by IS NULL ORDER BY id LIMIT 1")
        .fetchone()[0]
    )
    with live.server.db.read() as s:
        row = s.get(models.DocumentVersion, version)
        assert row is not None
        sha = row.sha256
    stranger = make_signer("Người ký lạ")  # a real signature, under no root of the council
    op = replica.queue_signature(version, sign_pdf(stranger, server_bytes(live, sha)))
    # The sync that sends it, from the command line: it names the refusal.
    env = {**os.environ, "HANOI_DESK_LANG": "en"}
    sync = run_cli("sync", "--profile", "alice", "--server", live.base_url, "--user", "demo",
                   "--passphrase-stdin", stdin=f"{PASSPHRASE}\n{DEMO_PASSWORD}\n",
                   env=env)  # fmt: skip
    assert sync.returncode == 0, sync.stderr
    told = "your certificate is not issued under a root this body trusts"
    assert told in sync.stdout + sync.stderr
    (record,) = [r for r in signatures(session.cache) if r.id == op]
    assert (record.state, record.reason) == (CompletionState.REFUSED, "untrusted")
    assert told in _cache_signatures("en")
    assert "không được cấp dưới chứng thư gốc mà cơ quan tin cậy" in _cache_signatures("vi")


def test_an_accepted_signature_reaches_the_secretarys_profile(
    live: Any, desk: Desk, session: Session, replica: Replica
) -> None:
    def sync(s: Session, user: str) -> None:
        SyncService(s, SyncOptions(server=live.base_url, username=user,
                                   password=lambda: DEMO_PASSWORD)).run()  # fmt: skip

    sync(session, "demo")
    version = (
        raw_sql(replica)
        .execute("SELECT id FROM document_versions WHERE superseded_by IS NULL ORDER BY id LIMIT 1")
        .fetchone()[0]
    )
    with live.server.db.read() as s:
        row = s.get(models.DocumentVersion, version)
        assert row is not None
        sha = row.sha256
        name = admin.user_by_name(s, "demo").display_name
    signer = make_signer("Người ký của hội đồng")
    admin.add_trust_root(live.server.db, "HĐND quận Đống Đa", signer.cert_der)
    admin.set_member_certificate(live.server.db, "demo", signer.cert_der)
    replica.queue_signature(version, sign_pdf(signer, server_bytes(live, sha)))
    sync(session, "demo")
    assert not replica.cache.outbox(("rejected",))
    for profile, user in (("thuky", "thuky"), ("daibieu2", "daibieu2")):
        desk.create(profile, FixedPrompt())
        with desk.open(profile, FixedPrompt(), "passphrase") as other:
            sync(other, user)
    secretary = _cache_signatures("en", "--all", profile="thuky")
    assert "Signed by other members (accepted by the server):" in secretary
    assert f"signed by {name}" in secretary
    assert "do " + name + " ký" in _cache_signatures("vi", "--all", profile="thuky")
    delegate = _cache_signatures("en", "--all", profile="daibieu2")
    assert "No other member's signature is shown to you." in delegate
    assert name not in delegate
