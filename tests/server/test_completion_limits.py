"""signature.complete cannot tie up a server worker (review H3): a file is read
only for a previous_sha256 that is one of the caller's signatures, and only for
the first MAX_SIGNED_UPLOADS_PER_BATCH signed files of a batch (the later ones
are sent back send_again: not stored, judged when sent again). Real server database (SQLite and
PostgreSQL) and real blob store; the blob store is wrapped only to count reads."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

from sqlalchemy import select
from tests.server.api import Api, mutation
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.server.auth import Principal
from hanoi_desk.server.blobs import BlobStore, DirectoryBlobStore
from hanoi_desk.server.models import Signature, Upload, User
from hanoi_desk.server.mutations import apply_batch

SIGNED = (
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    b"5 0 obj\n<< /Type /Sig /ByteRange [0 60 120 40] /Contents <00> >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
DSS = b"9 0 obj\n<< /Type /DSS >>\nendobj\n%%EOF\n"


class CountingBlobs(DirectoryBlobStore):
    """The server's own blob folder; counts which blobs are read."""

    def __init__(self, inner: BlobStore) -> None:
        assert isinstance(inner, DirectoryBlobStore)
        super().__init__(inner.root)
        self.read_of: list[str] = []

    def read(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        self.read_of.append(sha256)
        return super().read(sha256, start, end)


def _setup(
    live: LiveServer, user: str, version_id: str, n: int, owner: str
) -> list[dict[str, str]]:
    """n signatures of ``owner`` of the version, each with a completed file
    uploaded by ``user``; the signature.complete payloads ``user`` would send."""
    blobs = live.server.blobs
    payloads = []
    with live.server.db.write() as session:
        uid = session.scalars(select(User.id).where(User.username == user)).one()
        oid = session.scalars(select(User.id).where(User.username == owner)).one()
        for i in range(n):
            held = SIGNED + b"%" + str(i).encode() + b"\n"
            held_sha, new_sha = blobs.put_bytes(held), blobs.put_bytes(held + DSS)
            now = int(time.time())
            held_up = Upload(id=uuid.uuid4().hex, user_id=oid, op_id=uuid.uuid4().hex,
                             size=len(held), sha256=held_sha, offset=len(held), complete=True,
                             created_at=now)  # fmt: skip
            new_up = Upload(id=uuid.uuid4().hex, user_id=uid, op_id=uuid.uuid4().hex,
                            size=len(held) + len(DSS), sha256=new_sha, offset=len(held) + len(DSS),
                            complete=True, created_at=now)  # fmt: skip
            session.add_all([held_up, new_up])
            session.flush()
            session.add(Signature(id=uuid.uuid4().hex, document_version_id=version_id,
                                  user_id=oid, upload_id=held_up.id, sha256=held_sha,
                                  created_at=now))  # fmt: skip
            payloads.append({"document_version_id": version_id, "upload_id": new_up.id,
                             "sha256": new_sha, "previous_sha256": held_sha})  # fmt: skip
    return payloads


def _principal(live: LiveServer, user: str) -> Principal:
    with live.server.db.read() as session:
        uid = session.scalars(select(User.id).where(User.username == user)).one()
    return Principal(user_id=uid, device_id="test-device")


def _batch(payloads: list[dict[str, str]]) -> p.MutationBatch:
    return p.MutationBatch(
        client_id=uuid.uuid4().hex,
        mutations=tuple(
            mutation(i + 1, p.KIND_SIGNATURE_COMPLETE, pl) for i, pl in enumerate(payloads)
        ),
    )


def test_a_completion_of_another_users_signature_reads_no_file(api: Api, live: LiveServer) -> None:
    v = api.login("demo").current_version()
    others = _setup(live, "demo", v.id, 3, owner="daibieu")
    counting = CountingBlobs(live.server.blobs)
    results = apply_batch(live.server.db, _principal(live, "demo"), _batch(others), counting)
    assert [(r.status, r.reason) for r in results.results] == [(p.REJECTED, p.REASON_NOT_FOUND)] * 3
    assert counting.read_of == []  # refused before any blob was read


def test_completions_beyond_the_cap_are_refused_unread(api: Api, live: LiveServer) -> None:
    v = api.login("demo").current_version()
    n = p.MAX_SIGNED_UPLOADS_PER_BATCH + 2
    mine = _setup(live, "demo", v.id, n, owner="demo")
    counting = CountingBlobs(live.server.blobs)
    results = apply_batch(live.server.db, _principal(live, "demo"), _batch(mine), counting)
    cap = p.MAX_SIGNED_UPLOADS_PER_BATCH
    statuses = [(r.status, r.reason) for r in results.results]
    # The first ``cap`` are read and judged (these byte-made files are not real
    # signed PDFs, so pyHanko's difference analysis refuses them: judged, not capped).
    assert all(reason != p.REASON_SEND_AGAIN for _status, reason in statuses[:cap])
    assert statuses[cap:] == [(p.REJECTED, p.REASON_SEND_AGAIN)] * 2
    assert len(counting.read_of) == 2 * cap  # the held and the new file of each checked one
    late = {pl["sha256"] for pl in mine[cap:]}
    assert late.isdisjoint(counting.read_of)


def test_signed_files_beyond_the_cap_wait_and_are_judged_when_sent_again(
    api: Api, live: LiveServer
) -> None:
    """Over HTTP: one cap for every kind carrying a signed file. A batch of
    submits, opinions and signing steps fills it, the completion after them and
    the comment after that are sent back send_again, unstored; sent again with
    the same seqs they are judged (here: the completion's own verdict, the
    comment applied), so nothing was refused for good."""
    from hanoi_desk.protocol.consultation import KIND_CONSULTATION_RESPOND
    from hanoi_desk.protocol.signing_requests import KIND_SIGNING_STEP_SIGN

    s = api.login("demo")
    v = s.current_version()
    (completion,) = _setup(live, "demo", v.id, 1, owner="demo")
    cap = p.MAX_SIGNED_UPLOADS_PER_BATCH
    kinds = (p.KIND_SIGNATURE_SUBMIT, KIND_CONSULTATION_RESPOND, KIND_SIGNING_STEP_SIGN)
    # Uploads that do not exist: each is refused not_found, but counts (it is a signed file).
    filling = [mutation(i + 1, kinds[i % 3], {"upload_id": uuid.uuid4().hex}) for i in range(cap)]
    late = [mutation(cap + 1, p.KIND_SIGNATURE_COMPLETE, completion),
            mutation(cap + 2, p.KIND_COMMENT_ADD,
                     {"comment_id": uuid.uuid4().hex, "document_version_id": v.id,
                      "text": "Sau chữ ký"})]  # fmt: skip
    first = s.push(*filling, *late)
    assert [r.status for r in first.results[:cap]] == [p.REJECTED] * cap
    assert all(r.reason != p.REASON_SEND_AGAIN for r in first.results[:cap])
    assert [(r.op_id, r.status, r.reason) for r in first.results[cap:]] == [
        (m.op_id, p.REJECTED, p.REASON_SEND_AGAIN) for m in late
    ]
    again = s.push(*late)
    assert [r.op_id for r in again.results] == [m.op_id for m in late]
    assert all(r.reason != p.REASON_SEND_AGAIN for r in again.results)
    assert again.results[1].status == p.APPLIED  # the comment, in its turn
    # Judged now, and stored: a third send is a duplicate of that verdict.
    third = s.push(*late)
    assert [r.status for r in third.results] == [p.DUPLICATE] * 2
    assert [r.reason for r in third.results] == [r.reason for r in again.results]
