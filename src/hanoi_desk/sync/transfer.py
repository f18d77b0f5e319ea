"""Resumable blob transfers over HTTP Range (down) and offset PATCHes (up).

Downloads stream straight into the encrypted partial blob (``BlobSink``): the
plaintext is never held whole in memory and never touches an unencrypted file.
Every answer is checked before a byte is kept: status 206 (a 200 to a range
request is refused, since it would restart the whole body), the exact
``Content-Range`` asked for, the strong ETag, no content coding, and no more
bytes than asked. The hash is checked by ``commit`` before the blob becomes
visible. After a drop the next request starts at the first byte not yet
received in this process, or after a restart at the last whole encrypted
chunk, so a drop costs at most one chunk.

Uploads are keyed by the outbox operation id: creating the same upload twice
returns the same upload and its current offset, so a lost answer never makes
a duplicate; a ``409`` tells the server's offset and the upload continues from
there.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from hanoi_desk.errors import IntegrityError
from hanoi_desk.protocol import (
    UploadCreate,
    UploadState,
    check_sha256,
    etag,
    parse_content_range,
    parse_offset,
)
from hanoi_desk.sync import faults
from hanoi_desk.sync.backoff import Backoff, CancelToken
from hanoi_desk.sync.events import BlobProgress, Listener
from hanoi_desk.sync.http import Connection
from hanoi_desk.sync.ports import BlobSink, BlobSource

log = logging.getLogger(__name__)
T = TypeVar("T")
UPLOAD_CHUNK = 1024 * 1024


@dataclass
class TransferStats:
    """What a transfer cost, for the resume benchmark and the drop tests."""

    bytes_on_wire: int = 0
    drops: int = 0
    requests: int = 0


class Retrier:
    """Runs one step again after a transient failure, waiting with jitter.

    The attempt counter resets whenever the step made progress, so a link that
    drops every few seconds but moves data is never given up on; what ends such
    a run (or a server that drips bytes) is the run's deadline, checked before
    every wait.
    """

    def __init__(
        self, backoff: Backoff, cancel: CancelToken, link: Connection | None = None
    ) -> None:
        self.backoff = backoff
        self.cancel = cancel
        self.link = link
        self.failures = 0

    def failed(self, exc: faults.Transient, progressed: bool) -> None:
        self.failures = 0 if progressed else self.failures + 1
        if self.failures >= self.backoff.attempts:
            raise exc
        log.debug("retrying after %s", type(exc).__name__)
        wait = self.backoff.delay(self.failures)
        if self.link is not None:
            self.link.check_wait(wait)
        self.cancel.sleep(wait)

    def run(self, step: Callable[[], T]) -> T:
        while True:
            self.cancel.check()
            try:
                return step()
            except faults.Transient as exc:
                self.failed(exc, progressed=False)


def download(
    conn: Connection,
    sha256: str,
    size: int,
    sink: BlobSink,
    *,
    backoff: Backoff,
    cancel: CancelToken,
    listener: Listener,
    stats: TransferStats | None = None,
) -> None:
    """Fill ``sink`` with the blob and commit it; the partial survives any failure
    except a wrong hash (then it is discarded, since its bytes are not trusted)."""
    check_sha256(sha256)
    stats = stats or TransferStats()
    retry = Retrier(backoff, cancel, conn)
    try:
        while sink.received < size:
            cancel.check()
            conn.check_run()
            before = sink.received
            try:
                _fetch(conn, sha256, size, sink, cancel=cancel, listener=listener, stats=stats)
            except faults.Transient as exc:
                stats.drops += 1
                retry.failed(exc, progressed=sink.received > before)
        sink.commit(sha256)
    except IntegrityError:
        sink.abort()
        raise
    except BaseException:
        sink.close()
        raise
    listener(BlobProgress(sha256, size, size, "down"))


def _fetch(
    conn: Connection,
    sha256: str,
    size: int,
    sink: BlobSink,
    *,
    cancel: CancelToken,
    listener: Listener,
    stats: TransferStats,
) -> None:
    start, last = sink.received, size - 1
    headers = {
        "Range": f"bytes={start}-{last}",
        "If-Range": etag(sha256),
        "Accept-Encoding": "identity",
    }
    stats.requests += 1
    with conn.open("GET", f"/blobs/{sha256}", headers=headers) as response:
        if response.status_code == 200:
            raise conn.bad("the whole blob was sent where a range was asked (200, not 206)")
        if response.status_code != 206:
            raise conn.status_error(response)
        try:
            a, b, total = parse_content_range(response.headers.get("Content-Range"))
        except Exception as exc:
            raise conn.bad(f"bad Content-Range ({type(exc).__name__})") from None
        if (a, b, total) != (start, last, size):
            raise conn.bad("the range sent is not the range asked for")
        if response.headers.get("ETag") != etag(sha256):
            raise conn.bad("the blob's ETag does not name the blob asked for")
        if response.headers.get("Content-Encoding", "identity").lower() != "identity":
            raise conn.bad("the blob was sent with a content coding")
        length = response.headers.get("Content-Length")
        if length is not None and length.strip() != str(b - a + 1):
            raise conn.bad("Content-Length does not match the range")
        want = b - a + 1
        got = 0
        with _Pipeline(sink) as pipe, conn.wrap_errors():
            for block in response.iter_raw():  # as it arrives: a drop keeps what came
                got += len(block)
                stats.bytes_on_wire += len(block)
                if got > want:
                    raise conn.bad("more bytes than the range holds")
                pipe.write(block)
                listener(BlobProgress(sha256, start + got, size, "down"))
                cancel.check()
        if got < want:
            raise conn.transient("the answer ended early")


class _Pipeline:
    """Hashing, encrypting and writing run on a worker thread while the next
    bytes arrive (hashlib, AES-GCM and file writes release the GIL), so a fast
    link is not slowed to the speed of the disk plus the crypto in turn.

    Writes stay in order (one worker); leaving the block waits for all of them,
    so ``sink.received`` is exact before any retry computes its next range.
    """

    DEPTH = 4
    BATCH = 1024 * 1024

    def __init__(self, sink: BlobSink) -> None:
        self.sink = sink
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="blob-writer")
        self.pending: deque[Future[None]] = deque()
        self.batch: list[bytes] = []
        self.batched = 0

    def write(self, block: bytes) -> None:
        self.batch.append(block)
        self.batched += len(block)
        if self.batched >= self.BATCH:
            self._submit()

    def _submit(self) -> None:
        if not self.batch:
            return
        data = b"".join(self.batch)
        self.batch.clear()
        self.batched = 0
        self.pending.append(self.pool.submit(self.sink.write, data))
        if len(self.pending) > self.DEPTH:
            self.pending.popleft().result()

    def __enter__(self) -> _Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._submit()  # what arrived before a drop is kept too
            while self.pending:
                self.pending.popleft().result()
        finally:
            self.pool.shutdown(wait=True)


def upload(
    conn: Connection,
    op_id: str,
    sha256: str,
    source: BlobSource,
    *,
    backoff: Backoff,
    cancel: CancelToken,
    listener: Listener,
    chunk_size: int = UPLOAD_CHUNK,
    stats: TransferStats | None = None,
) -> str:
    """Upload ``source`` under ``op_id`` and return the server's upload id."""
    stats = stats or TransferStats()
    size = source.size
    retry = Retrier(backoff, cancel, conn)
    create = UploadCreate(op_id, size, sha256).to_json()

    def created() -> UploadState:
        _, body = conn.call("POST", "/uploads", ok=(200, 201), json=create)
        return conn.parse(UploadState.parse, body)

    state = retry.run(created)
    upload_id, offset = state.upload_id, _checked(conn, state.offset, size)
    furthest = offset
    while offset < size:
        cancel.check()
        conn.check_run()
        before = offset
        try:
            offset = _patch(conn, upload_id, offset, source, chunk_size=chunk_size, stats=stats)
            listener(BlobProgress(sha256, offset, size, "up"))
        except faults.Transient as exc:
            stats.drops += 1
            retry.failed(exc, progressed=False)
            offset = _checked(conn, _head(conn, upload_id, retry), size)
            if offset > before:
                retry.failures = 0
            continue
        if offset > furthest:
            furthest = offset
        elif offset < size:
            # Answered, but the upload got no further than before (nothing taken, or
            # a 409 sending us back): a server doing that for ever would keep the
            # run going, so it uses up the retries like a dropped link.
            retry.failed(conn.transient("the server took none of the upload"), progressed=False)
    return upload_id


def _checked(conn: Connection, offset: int, size: int) -> int:
    if not 0 <= offset <= size:
        raise conn.bad("the upload offset lies outside the file")
    return offset


def _patch(
    conn: Connection,
    upload_id: str,
    offset: int,
    source: BlobSource,
    *,
    chunk_size: int,
    stats: TransferStats,
) -> int:
    chunk = source.read(offset, chunk_size)
    headers = {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
    stats.requests += 1
    stats.bytes_on_wire += len(chunk)
    with conn.open("PATCH", f"/uploads/{upload_id}", headers=headers, content=chunk) as response:
        if response.status_code == 409:
            return _checked(conn, conn.parse(parse_offset, conn.read_json(response)), source.size)
        if response.status_code not in (200, 204):
            raise conn.status_error(response)
        new = _checked(conn, conn.parse(parse_offset, conn.read_json(response)), source.size)
        if new < offset:
            raise conn.bad("the upload offset went backwards")
        return new


def _head(conn: Connection, upload_id: str, retry: Retrier) -> int:
    def ask() -> int:
        with conn.open("HEAD", f"/uploads/{upload_id}") as response:
            if response.status_code != 200:
                raise conn.status_error(response)
            raw = response.headers.get("Upload-Offset", "")
            if not raw.isdigit():
                raise conn.bad("Upload-Offset is missing or not a number")
            return int(raw)

    return retry.run(ask)
