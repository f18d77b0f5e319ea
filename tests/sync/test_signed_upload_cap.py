"""A signed file the server sends back ``send_again`` (its batch was full:
MAX_SIGNED_UPLOADS_PER_BATCH, docs/protocol.md) stays queued in the profile and
goes again at the next sync, where it is judged. Real server on 127.0.0.1, real
SQLCipher profile, the real sync engine, a real signature.

The client sends one signed file per batch, so a real batch never fills the cap:
the in-process server's cap is set to 0 for the first sync (monkeypatch of the
protocol constant it reads at each batch), then put back."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import server_bytes
from tests.server.ballots import make_signer, sign_pdf
from tests.server.live import DEMO_PASSWORD

from hanoi_desk import protocol
from hanoi_desk.app.session import Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.server import admin, models
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.engine import SyncReport
from helpers import raw_sql


def test_a_signature_sent_back_send_again_goes_at_the_next_sync(
    live: Any, session: Session, replica: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    def sync() -> SyncReport:
        options = SyncOptions(server=live.base_url, username="demo", password=lambda: DEMO_PASSWORD)
        return SyncService(session, options).run()

    def on_server(op: str) -> list[str]:
        with live.server.db.read() as s:
            return list(
                s.scalars(
                    select(models.MutationRecord.status).where(models.MutationRecord.op_id == op)
                )
            )

    sync()
    version = (
        raw_sql(replica)
        .execute("SELECT id FROM document_versions WHERE superseded_by IS NULL ORDER BY id LIMIT 1")
        .fetchone()[0]
    )
    with live.server.db.read() as s:
        row = s.get(models.DocumentVersion, version)
        assert row is not None
        sha = row.sha256
    signer = make_signer("Người ký của hội đồng")
    admin.add_trust_root(live.server.db, "HĐND quận Đống Đa", signer.cert_der)
    admin.set_member_certificate(live.server.db, "demo", signer.cert_der)
    op = replica.queue_signature(version, sign_pdf(signer, server_bytes(live, sha)))

    monkeypatch.setattr(protocol, "MAX_SIGNED_UPLOADS_PER_BATCH", 0)
    first = sync()
    assert first.deferred == 1 and first.rejected == [] and first.pushed == 0
    assert op not in {e.op_id for e in session.cache.outbox((OutboxState.REJECTED,))}
    assert op in {e.op_id for e in session.cache.outbox((OutboxState.QUEUED, OutboxState.SENDING))}
    assert on_server(op) == []  # nothing stored: the server did not judge it

    monkeypatch.undo()
    second = sync()
    assert second.deferred == 0 and second.rejected == [] and second.pushed >= 1
    assert op in {e.op_id for e in session.cache.outbox((OutboxState.DONE,))}
    assert on_server(op) == [protocol.APPLIED]
