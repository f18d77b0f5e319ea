"""The client killed with SIGKILL at random points of a sync, 50 times.

After every kill, the profile must open and show: no blob listed that is not
whole and verified, no version marked available without its blob, a cursor
never ahead of the data applied (checked against the server's own feed rows
below that cursor's watermark), and no outgoing action marked done that the
server has not stored. At the end, one clean sync per profile, then: every
action queued during the trials was applied exactly once on the server.

The clients are forked from tests/sync/sync_zygote.py (a pre-loaded parent),
so each trial spends its time in the sync, not in Python's start-up.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from sqlalchemy import func, select
from sync_helpers import server_bytes
from tests.server.ballots import make_signer, sign_pdf
from tests.server.live import DEMO_PASSWORD

from hanoi_desk.app.session import Desk
from hanoi_desk.protocol import decode_cursor
from hanoi_desk.server import admin, models
from hanoi_desk.server.mutations import comment_row_id
from hanoi_desk.store.replica import Replica
from helpers import PASSPHRASE, FixedPrompt, raw_sql

TRIALS = 50
KILLS_PER_PROFILE = 5
PAGE_LIMIT = 3
"""Small pages, so a kill often lands between two page commits."""
ZYGOTE = Path(__file__).with_name("sync_zygote.py")


class Zygote:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ZYGOTE)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def start(self, job: dict[str, Any]) -> int:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        return int(json.loads(self.proc.stdout.readline())["pid"])

    def status(self) -> int:
        assert self.proc.stdout is not None
        return int(json.loads(self.proc.stdout.readline())["status"])

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(30)
        self.proc.stdout.close()


def check_invariants(live: Any, replica: Replica) -> None:
    c = raw_sql(replica)
    listed = {r[0] for r in c.execute("SELECT sha256 FROM blobs")}
    for sha in listed:  # no blob half-listed: every listed blob is whole and verifies
        with replica.blobs.open(sha) as reader:
            reader.verify()
    available = {r[0] for r in c.execute("SELECT sha256 FROM document_versions WHERE available")}
    assert available <= listed
    cursor = replica.cursor(live.base_url)
    account = replica.account(live.base_url)
    if cursor:
        assert account is not None
        watermark = decode_cursor(cursor)
        with live.server.db.read() as s:
            rows = s.execute(
                select(models.FeedEntry.kind, models.FeedEntry.entity_id).where(
                    models.FeedEntry.user_id == account.user_id,
                    models.FeedEntry.seq <= watermark,
                    models.FeedEntry.deleted.is_(False),
                )
            ).all()
        local = {
            "meeting": {r[0] for r in c.execute("SELECT id FROM meetings")},
            "agenda_item": {r[0] for r in c.execute("SELECT id FROM agenda_items")},
            "participant": {r[0] for r in c.execute("SELECT record_id FROM participants")},
            "document_version": {r[0] for r in c.execute("SELECT id FROM document_versions")},
            "comment": {r[0] for r in c.execute("SELECT id FROM comments")},
        }
        missing = [(k, i) for k, i in rows if k in local and i not in local[k]]
        assert not missing, f"cursor ahead of the data: {missing[:3]}"
    done = [e.op_id for e in replica.cache.outbox(("done",))]
    if done:
        with live.server.db.read() as s:
            stored = set(
                s.scalars(
                    select(models.MutationRecord.op_id).where(models.MutationRecord.op_id.in_(done))
                )
            )
        assert stored == set(done)


SIGNER = make_signer("Người ký thử SIGKILL")
"""Signs the queued signatures for real (the server judges them, docs/server-uploads.md)."""


def _signed_copy(live: Any, version_id: str, padding: int) -> bytes:
    """The version signed by :data:`SIGNER`, ``padding`` bytes bigger (an
    unreferenced stream in its update) so that uploads of many sizes are cut."""
    with live.server.db.read() as s:
        version = s.get(models.DocumentVersion, version_id)
        assert version is not None
        sha = version.sha256

    def pad(writer: IncrementalPdfFileWriter) -> None:
        writer.add_object(generic.StreamObject(stream_data=os.urandom(padding)))

    return sign_pdf(SIGNER, server_bytes(live, sha), before=pad)


def queue_work(replica: Replica, rng: random.Random, trial: int, live: Any) -> dict[str, str]:
    """Two to three outgoing actions; returns op_id -> what to find on the server."""
    versions = [
        r[0]
        for r in raw_sql(replica).execute(
            "SELECT id FROM document_versions WHERE superseded_by IS NULL ORDER BY id"
        )
    ]
    if not versions:
        return {}
    version = rng.choice(versions)
    work = {}
    comment_id = uuid.uuid4().hex
    op = replica.enqueue(
        "comment.add",
        {"comment_id": comment_id, "document_version_id": version, "text": f"Ý kiến {trial}"},
    )
    work[op] = "comment:" + comment_id
    op = replica.enqueue(
        "annotation.upsert",
        {
            "note_id": uuid.uuid4().hex,
            "document_version_id": version,
            "updated_at": int(time.time() * 1000),
            "body": {"text": "ghi chú", "page": 1},
        },
    )
    work[op] = "note"
    if trial % 3 == 0:
        data = _signed_copy(live, version, rng.randint(50_000, 250_000))
        op = replica.queue_signature(version, data)
        work[op] = "signature"
    return work


def test_sigkill_at_random_points_loses_and_duplicates_nothing(
    live: Any, desk: Desk, home: Path
) -> None:
    admin.add_trust_root(live.server.db, "HĐND quận Đống Đa", SIGNER.cert_der)
    rng = random.Random(11)
    zygote = Zygote()
    queued: dict[str, str] = {}
    profiles: list[str] = []
    outcomes = {"killed": 0, "finished": 0}
    try:
        for trial in range(TRIALS):
            name = f"p{trial // KILLS_PER_PROFILE}"
            if name not in profiles:
                desk.create(name, FixedPrompt())
                profiles.append(name)
            with desk.open(name, FixedPrompt(), "passphrase") as session:
                queued.update(queue_work(Replica(session.cache), rng, trial, live))
            job = {
                "home": str(home), "profile": name, "passphrase": PASSPHRASE,
                "server": live.base_url, "user": "demo", "password": DEMO_PASSWORD,
                "page_limit": PAGE_LIMIT, "upload_chunk": 32 * 1024,
            }  # fmt: skip
            pid = zygote.start(job)
            time.sleep(rng.uniform(0.0, 1.2))
            with contextlib.suppress(ProcessLookupError):  # it may have finished already
                os.kill(pid, signal.SIGKILL)
            status = zygote.status()
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
                outcomes["killed"] += 1
            else:
                assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
                outcomes["finished"] += 1
            with desk.open(name, FixedPrompt(), "passphrase") as session:
                check_invariants(live, Replica(session.cache))
        # One clean run per profile: everything queued must now be on the server once.
        for name in profiles:
            job = {
                "home": str(home), "profile": name, "passphrase": PASSPHRASE,
                "server": live.base_url, "user": "demo", "password": DEMO_PASSWORD,
                "page_limit": 500,
            }  # fmt: skip
            zygote.start(job)
            assert zygote.status() == 0
            with desk.open(name, FixedPrompt(), "passphrase") as session:
                replica = Replica(session.cache)
                check_invariants(live, replica)
                assert replica.queued_count() == 0
                assert (
                    raw_sql(replica)
                    .execute("SELECT MIN(available) FROM document_versions")
                    .fetchone()[0]
                    == 1
                )
    finally:
        zygote.close()
    assert outcomes["killed"] >= TRIALS * 0.6, outcomes  # most trials really were killed
    with live.server.db.read() as s:
        for op_id, what in queued.items():
            records = s.scalars(
                select(models.MutationRecord).where(models.MutationRecord.op_id == op_id)
            ).all()
            assert [r.status for r in records] == ["applied"], (op_id, what)
            if what.startswith("comment:"):
                # The server scopes the client's comment id to its author.
                comment_id = comment_row_id(records[0].user_id, what.split(":", 1)[1])
                count = s.scalar(select(func.count()).where(models.Comment.id == comment_id))
                assert count == 1
        signatures = s.scalar(select(func.count()).select_from(models.Signature))
    assert signatures == sum(1 for w in queued.values() if w == "signature")
