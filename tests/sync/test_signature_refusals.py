"""A signed copy the server refuses (docs/server-uploads.md) reaches its signer:
over the real server and a real SQLCipher profile, the sync reports the
refusal with its reason, the signature's record holds it, and ``hanoi-desk
cache signatures`` prints it translated."""

from __future__ import annotations

import os
from typing import Any

from sync_helpers import server_bytes
from tests.server.ballots import make_signer, sign_pdf
from tests.server.live import DEMO_PASSWORD

from hanoi_desk.app.session import Session
from hanoi_desk.app.signature_completion import signatures
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain.signatures import CompletionState
from hanoi_desk.server import models
from hanoi_desk.store.replica import Replica
from helpers import PASSPHRASE, raw_sql, run_cli


def _cache_signatures(lang: str) -> str:
    env = {**os.environ, "HANOI_DESK_LANG": lang}
    res = run_cli("cache", "signatures", "--profile", "alice", "--passphrase-stdin",
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
