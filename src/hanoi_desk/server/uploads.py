"""Resumable, idempotent uploads of signed PDFs.

Creation is keyed by the client's outbox ``op_id``: asking again after a lost
answer returns the same upload and its offset, never a second one. A chunk is
accepted only at the server's current offset (else 409 with that offset), is
written and synced to the part file *before* the offset moves in the database,
and the part is truncated to the recorded offset before each write, so a crash
between the two costs at most that chunk. The last chunk is verified against
the announced SHA-256 before the blob is stored.
"""

from __future__ import annotations

import time
import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as DbIntegrityError

from hanoi_desk import protocol as p
from hanoi_desk.server.auth import Principal
from hanoi_desk.server.blobs import BlobStore
from hanoi_desk.server.db import Database
from hanoi_desk.server.http import ApiError
from hanoi_desk.server.models import Upload


def create(db: Database, who: Principal, req: p.UploadCreate) -> p.UploadState:
    try:
        return _create(db, who, req)
    except DbIntegrityError:
        # The same op_id was created concurrently (a retry racing the first try): reuse it.
        return _create(db, who, req)


def _create(db: Database, who: Principal, req: p.UploadCreate) -> p.UploadState:
    with db.write() as session:
        up = session.scalars(
            select(Upload).where(Upload.user_id == who.user_id, Upload.op_id == req.op_id)
        ).first()
        if up is not None:
            if (up.size, up.sha256) != (req.size, req.sha256):
                raise ApiError(409, p.ERR_BAD_REQUEST, "this op_id names another upload")
            return p.UploadState(up.id, up.offset)
        up = Upload(id=uuid.uuid4().hex, user_id=who.user_id, op_id=req.op_id, size=req.size,
                    sha256=req.sha256, offset=0, complete=False,
                    created_at=int(time.time()))  # fmt: skip
        session.add(up)
        return p.UploadState(up.id, 0)


def _owned(session: object, who: Principal, upload_id: str, lock: bool) -> Upload:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    stmt = select(Upload).where(Upload.id == upload_id, Upload.user_id == who.user_id)
    up = session.scalars(stmt.with_for_update() if lock else stmt).first()
    if up is None:
        raise ApiError(404, p.ERR_NOT_FOUND, "no such upload")
    return up


def offset(db: Database, who: Principal, upload_id: str) -> int:
    with db.read() as session:
        return _owned(session, who, upload_id, lock=False).offset


def append(
    db: Database, blobs: BlobStore, who: Principal, upload_id: str, *, at: int, chunk: bytes
) -> int:
    mismatch = False
    with db.write() as session:
        up = _owned(session, who, upload_id, lock=True)
        if at != up.offset:
            raise ApiError(409, p.ERR_OFFSET_MISMATCH, "offset mismatch", offset=up.offset)
        if up.complete or at + len(chunk) > up.size:
            raise ApiError(413, p.ERR_TOO_LARGE, "the chunk goes past the announced size")
        if chunk:
            blobs.write_part(up.id, at, chunk)
        end = at + len(chunk)
        if end == up.size and blobs.part_digest(up.id) != up.sha256:
            # Start over: the client sent other bytes than it announced.
            blobs.discard_part(up.id)
            mismatch, end = True, 0
        elif end == up.size:
            blobs.commit_part(up.id, up.sha256)
            up.complete = True
        up.offset = end
    if mismatch:
        raise ApiError(422, p.ERR_HASH_MISMATCH, "the bytes do not match the sha256", offset=0)
    return end
