"""Transfers through a fault-injecting TCP proxy to the real server.

Every trial cuts connections at random byte offsets (a reset or a clean
close), sometimes delays, and must still complete with the hash verified and
with no more than one chunk of bytes sent again per drop. The bytes counted
are the ones the proxy forwarded, read from the HTTP framing it parses.
"""

from __future__ import annotations

import hashlib
import os
import random
import uuid
from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import cache_bytes, fast_backoff, server_bytes
from sync_proxy import Fault, FaultProxy
from tests.server.live import DEMO_PASSWORD

from hanoi_desk.app.session import Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.server import models
from hanoi_desk.store.blobs import BlobStore
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.backoff import Backoff, CancelToken
from hanoi_desk.sync.events import ignore
from hanoi_desk.sync.faults import Transient
from hanoi_desk.sync.http import Connection
from hanoi_desk.sync.transfer import TransferStats, download, upload
from helpers import raw_sql

TRIALS = 50
CHUNK = 16 * 1024
"""Blob-store chunk for downloads and PATCH size for uploads in these trials."""


def random_plan(rng: random.Random, size: int, direction: str) -> Any:
    """Faults on the first 1-3 connections of a trial, then a clean link."""
    faulty = rng.randint(1, 3)

    def plan(n: int) -> Fault:
        if n >= faulty:
            return Fault()
        cut = rng.randint(1, size + 2000)  # anywhere, headers included
        delay = rng.choice([0.0, 0.0, 0.001])
        reset = rng.random() < 0.5
        if direction == "down":
            return Fault(down_after=cut, reset=reset, delay=delay)
        return Fault(up_after=cut, reset=reset, delay=delay)

    return plan


@pytest.fixture
def small_chunks(session: Session) -> Replica:
    cache = session.cache
    cache.blobs = BlobStore(cache.blobs.root, cache.blobs.blob_key, chunk_size=CHUNK)
    return Replica(cache)


@pytest.fixture
def synced(live: Any, session: Session, small_chunks: Replica) -> Replica:
    """A profile that knows the metadata (first sync with blobs skipped)."""
    options = SyncOptions(server=live.base_url, username="demo", password=lambda: DEMO_PASSWORD)
    svc = SyncService(session, options)
    svc.replica = small_chunks
    svc.run()
    return small_chunks


def forget_blobs(replica: Replica) -> None:
    for sha in replica.blobs.stored():
        replica.blobs.remove(sha)
    with replica.cache.transaction() as c:
        c.execute("DELETE FROM blobs")
        c.execute("UPDATE document_versions SET available = 0")


def proxied(live: Any, replica: Replica, proxy: FaultProxy) -> Connection:
    """A connection through the proxy that reuses the tokens of the direct one."""
    account = replica.account(live.base_url)
    assert account is not None
    conn = Connection(proxy.url, replica, username="demo", password=lambda: DEMO_PASSWORD)
    conn._account = account  # same account, another address: the tokens are the server's
    return conn


def test_downloads_survive_drops_and_resend_at_most_one_chunk(live: Any, synced: Replica) -> None:
    replica = synced
    blobs = (
        raw_sql(replica).execute("SELECT DISTINCT sha256, size FROM document_versions").fetchall()
    )
    rng = random.Random(4)
    total_cuts = resumed_after_restart = 0
    for trial in range(TRIALS):
        forget_blobs(replica)
        sha, size = rng.choice(blobs)
        restart = trial % 2 == 1  # odd trials: every drop also ends the "process"
        with FaultProxy(_port(live), random_plan(rng, size, "down")) as proxy:
            conn = proxied(live, replica, proxy)
            stats = TransferStats()
            attempts = 0 if restart else 8  # 0: the first drop ends the run
            while True:
                sink = replica.blob_sink(sha, size)
                if restart:
                    assert sink.offset % CHUNK == 0
                    resumed_after_restart += sink.offset > 0
                try:
                    download(conn, sha, size, sink, backoff=fast_backoff(attempts),
                             cancel=CancelToken(), listener=ignore, stats=stats)  # fmt: skip
                    break
                except Transient:
                    assert restart
            conn.close()
            replica.blob_arrived(sha, size)
            assert cache_bytes(replica, sha) == server_bytes(live, sha)
            resent = proxy.stats.body_bytes(206) - size
            cuts = proxy.stats.cuts
            assert 0 <= resent <= cuts * CHUNK, (trial, resent, cuts)
            total_cuts += cuts
    assert total_cuts >= TRIALS  # the faults really happened
    assert resumed_after_restart > 0  # and some resumed from the encrypted partial


def _port(live: Any) -> int:
    return int(live.base_url.rsplit(":", 1)[1])


def test_uploads_survive_drops_resend_at_most_one_chunk_and_never_duplicate(
    live: Any, synced: Replica
) -> None:
    replica = synced
    rng = random.Random(7)
    total_drops = 0
    for trial in range(TRIALS):
        data = os.urandom(rng.randint(CHUNK, 6 * CHUNK))
        sha = replica.blobs.put(data)
        op_id = uuid.uuid4().hex
        with FaultProxy(_port(live), random_plan(rng, len(data), "up")) as proxy:
            conn = proxied(live, replica, proxy)
            stats = TransferStats()
            source = replica.upload_source(sha)
            upload_id = upload(conn, op_id, sha, source, backoff=fast_backoff(10),
                               cancel=CancelToken(), listener=ignore, chunk_size=CHUNK,
                               stats=stats)  # fmt: skip
            # Asking again with the same operation id names the same, finished upload.
            again = upload(conn, op_id, sha, source, backoff=fast_backoff(),
                           cancel=CancelToken(), listener=ignore, chunk_size=CHUNK)  # fmt: skip
            source.close()
            conn.close()
        assert again == upload_id
        resent = stats.bytes_on_wire - len(data)
        assert 0 <= resent <= stats.drops * CHUNK, (trial, resent, stats.drops)
        total_drops += stats.drops
        with live.server.db.read() as s:
            rows = s.scalars(select(models.Upload).where(models.Upload.op_id == op_id)).all()
        assert [(r.id, r.complete, r.sha256) for r in rows] == [(upload_id, True, sha)]
        assert hashlib.sha256(server_bytes(live, sha)).hexdigest() == sha
    assert total_drops >= TRIALS // 2


def test_cancel_stops_a_download_and_keeps_the_partial(live: Any, synced: Replica) -> None:
    replica = synced
    forget_blobs(replica)
    sha, size = (
        raw_sql(replica)
        .execute("SELECT sha256, size FROM document_versions ORDER BY size DESC LIMIT 1")
        .fetchone()
    )
    cancel = CancelToken()
    seen: list[int] = []

    def listener(event: Any) -> None:
        seen.append(getattr(event, "done", 0))
        if len(seen) == 2:
            cancel.cancel()

    from hanoi_desk.errors import Cancelled

    with FaultProxy(_port(live), lambda _n: Fault(delay=0.002)) as proxy:
        conn = proxied(live, replica, proxy)
        with pytest.raises(Cancelled):
            download(conn, sha, size, replica.blob_sink(sha, size),
                     backoff=Backoff(), cancel=cancel, listener=listener)  # fmt: skip
        conn.close()
    assert not replica.blobs.exists(sha)
    assert (replica.blobs.partial_dir / f"{sha}.part").exists()
    resumed = replica.blob_sink(sha, size)
    assert resumed.offset > 0  # the next run goes on from here
    resumed.close()
