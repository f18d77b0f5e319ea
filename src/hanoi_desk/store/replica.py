"""The cache as the sync engine sees it: the local replica of the server.

It implements the Protocols of ``hanoi_desk.sync.ports`` structurally, so the
sync adapter never imports the store. Every page of changes is applied *with*
its cursor in one SQLCipher transaction: after a crash the cursor is never
ahead of the data. Records are checked with the protocol's typed parsers
before anything is written; a bad record rolls back the whole page.

Conflict rules (docs/sync-conflicts.md): the server wins for meeting data
(records overwrite); private notes merge per note by the writer's clock (the
newer ``updated_at`` in ms wins, ties keep what is stored); a version replaced on the
server keeps its row and blob, with ``superseded_by`` naming its successor.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import sqlcipher3

from hanoi_desk.domain.policy import DevicePolicy
from hanoi_desk.domain.signatures import (
    DEFAULT_TARGET,
    CompletionState,
    SignatureRecord,
    below,
)
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.errors import IntegrityError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol import (
    KIND_SIGNATURE_COMPLETE,
    KIND_SIGNATURE_SUBMIT,
    REJECTED,
    Change,
    ProtocolError,
)
from hanoi_desk.store.blobs import BlobError, BlobReader, BlobStore, BlobWriter
from hanoi_desk.store.cache import Cache, now
from hanoi_desk.store.pdftext import read_pdf
from hanoi_desk.store.replica_apply import apply_change
from hanoi_desk.store.repos.accounts import Account
from hanoi_desk.store.repos.documents import Wanted
from hanoi_desk.store.repos.outbox import Pending
from hanoi_desk.store.retention import purge_expired

__all__ = ["Account", "Pending", "Replica", "Wanted"]

log = logging.getLogger(__name__)

BLOB_MISMATCH = N_(
    "The document {sha} downloaded from the server does not match its hash; it was discarded."
)
SIGNED_MISSING = N_("The signed file {sha} is no longer in the cache; it cannot be sent.")


class _ChangeLike(Protocol):
    @property
    def type(self) -> str: ...

    @property
    def id(self) -> str: ...

    @property
    def data(self) -> Mapping[str, Any]: ...


class _Sink:
    """``BlobWriter`` with a hash mismatch reported as the cache's IntegrityError."""

    def __init__(self, writer: BlobWriter) -> None:
        self._w = writer

    @property
    def offset(self) -> int:
        return self._w.offset

    @property
    def received(self) -> int:
        return self._w.received

    def write(self, data: bytes) -> None:
        self._w.write(data)

    def commit(self, expected_sha256: str) -> None:
        try:
            self._w.commit(expected_sha256)
        except BlobError:
            raise IntegrityError(BLOB_MISMATCH, sha=expected_sha256[:12]) from None

    def close(self) -> None:
        self._w.close()

    def abort(self) -> None:
        self._w.abort()


class _Source:
    def __init__(self, reader: BlobReader) -> None:
        self._r = reader

    @property
    def size(self) -> int:
        return self._r.size

    def read(self, offset: int, length: int) -> bytes:
        return self._r.read_range(offset, length)

    def close(self) -> None:
        self._r.close()


class Replica:
    """The sync engine's side of the cache, over the cache's repositories (it
    holds no connection of its own: SQL stays in ``store/repos``)."""

    def __init__(self, cache: Cache, retention_days: int | None = None) -> None:
        self.cache = cache
        self.repos = cache.repos
        self.blobs: BlobStore = cache.blobs
        self.retention_days = retention_days
        """Purge packs past this many days before downloading (store/retention.py)."""

    # -- account and policy ----------------------------------------------------

    def account(self, server: str) -> Account | None:
        return self.repos.accounts.get(server)

    def save_account(
        self,
        server: str,
        *,
        username: str,
        device_id: str,
        access_token: str,
        refresh_token: str,
        user_id: str,
    ) -> Account:
        with self.cache.transaction():
            self.repos.accounts.save(
                server,
                username=username,
                device_id=device_id,
                access_token=access_token,
                refresh_token=refresh_token,
                user_id=user_id,
            )
        account = self.account(server)
        assert account is not None
        return account

    def forget_tokens(self, server: str) -> None:
        with self.cache.transaction():
            self.repos.accounts.forget_tokens(server)

    def policy(self, server: str) -> DevicePolicy:
        return self.repos.accounts.policy(server)

    def record_success(self, server: str, at: str) -> None:
        with self.cache.transaction():
            self.repos.accounts.record_success(server, at)

    # -- pull ------------------------------------------------------------------

    def cursor(self, server: str) -> str:
        return self.repos.accounts.cursor(server)

    def apply_page(self, server: str, changes: Sequence[_ChangeLike], cursor: str) -> None:
        account = self.account(server)
        device_id = account.device_id if account else None
        try:
            with self.cache.transaction() as c:
                c.execute("PRAGMA defer_foreign_keys = ON")
                stamp = now()
                for change in changes:
                    apply_change(
                        c, server, device_id, Change(change.type, change.id, change.data), stamp
                    )
                self.repos.accounts.set_cursor(server, cursor)
        except sqlcipher3.IntegrityError:
            raise ProtocolError(
                "changes page", "a record refers to a meeting or item that was never sent"
            ) from None

    def pending(self, limit: int) -> list[Pending]:
        return self.repos.outbox.pending(limit)

    def queued_count(self) -> int:
        return self.repos.outbox.unsent_count()

    def record_result(
        self, op_id: str, status: str, result: Mapping[str, Any] | None, reason: str | None
    ) -> None:
        state = OutboxState.after_answer(rejected=status == REJECTED)
        with self.cache.transaction():
            self.repos.outbox.record_result(op_id, state, result, reason)
            if state is OutboxState.REJECTED:
                self.repos.audit.record("sync-rejected", op_id, reason or "")
                # A refused signed file (submitted or completed) refuses its signature.
                self.repos.signatures.refused_upload(op_id, reason or "")

    def enqueue(self, kind: str, payload: Mapping[str, Any]) -> str:
        with self.cache.transaction():
            return self.repos.outbox.enqueue(kind, payload)

    def queue_signature(self, version_id: str, signed_pdf: bytes, level: str = "B-B") -> str:
        """Keep a signed PDF in the encrypted blob store and queue its submission.

        The payload names the local blob; the engine uploads it under the
        outbox op id and adds the server's upload id when it sends the action.
        The signature is recorded (``repos.signatures``) in the same
        transaction, at ``level``, waiting for completion at the next sync
        unless it was made at B-LT or above already.
        """
        sha = self.blobs.put(signed_pdf)
        state = (
            CompletionState.WAITING if below(level, DEFAULT_TARGET) else CompletionState.NOT_NEEDED
        )
        with self.cache.transaction():
            self.repos.documents.list_blob(sha, len(signed_pdf))
            op_id = self.repos.outbox.enqueue(
                KIND_SIGNATURE_SUBMIT,
                {"document_version_id": version_id, "sha256": sha, "size": len(signed_pdf)},
            )
            self.repos.signatures.record(op_id, version_id, sha, level, state)
            return op_id

    # -- signatures made offline (sync/completion.py) ----------------------------

    def signatures_waiting(self) -> list[SignatureRecord]:
        return self.repos.signatures.waiting()

    def signature_bytes(self, sha256: str) -> bytes:
        with self.blobs.open(sha256) as reader:
            return reader.read_all()

    def signature_raised(
        self,
        record: SignatureRecord,
        state: CompletionState,
        level: str,
        data: bytes | None,
        reason: str | None,
    ) -> None:
        """Keep what the completion step reached, encrypted. A completed file is
        queued as ``signature.complete`` of the file the server holds (the one
        signed: partial steps are kept here, not uploaded)."""
        sha = self.blobs.put(data) if data is not None else None
        with self.cache.transaction():
            if sha is not None and data is not None:
                self.repos.documents.list_blob(sha, len(data))
            if state is CompletionState.COMPLETED and sha is not None and data is not None:
                op_id = self.repos.outbox.enqueue(
                    KIND_SIGNATURE_COMPLETE,
                    {
                        "document_version_id": record.document_version_id,
                        "sha256": sha,
                        "size": len(data),
                        "previous_sha256": record.signed_sha256,
                    },
                )
                self.repos.signatures.completed(record.id, sha, level, op_id)
                return
            if sha is not None:
                self.repos.signatures.kept(record.id, sha)
            self.repos.signatures.mark(record.id, state, reason, level)

    # -- blobs -----------------------------------------------------------------

    def wanted_blobs(self) -> list[Wanted]:
        """Missing documents, nearest meeting first; never those of a meeting past
        retention (purged first, so an old meeting's pack is not fetched only to go)."""
        if self.retention_days is not None:
            purge_expired(self.cache, self.retention_days)
        # The head of each request waiting for my signature too: signed offline later.
        return self.repos.documents.wanted() + self.repos.signing_requests.wanted_heads()

    def blob_sink(self, sha256: str, size: int) -> _Sink:
        return _Sink(self.blobs.writer(size, name=sha256))

    def blob_arrived(self, sha256: str, size: int) -> None:
        """List the blob and its versions in one transaction, with their page text."""
        pages: list[str] | None = None
        try:
            with self.blobs.open(sha256) as reader:
                pages = read_pdf(reader.read_all(), sha256[:12]).pages
        except (BlobError, UserError):
            pages = None  # not a readable PDF: stored and listed, just not searchable
        with self.cache.transaction():
            self.repos.documents.arrived(sha256, size, pages)

    def upload_source(self, sha256: str) -> _Source:
        try:
            return _Source(self.blobs.open(sha256))
        except (BlobError, ValueError):
            raise UserError(SIGNED_MISSING, sha=sha256[:12]) from None
