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

import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import sqlcipher3

from hanoi_desk.errors import IntegrityError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol import KIND_SIGNATURE_SUBMIT, REJECTED, Change, ProtocolError
from hanoi_desk.store.blobs import BlobError, BlobReader, BlobStore, BlobWriter
from hanoi_desk.store.cache import Cache, now
from hanoi_desk.store.pdftext import read_pdf
from hanoi_desk.store.replica_apply import apply_change, drop_text
from hanoi_desk.store.retention import purge_expired

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


@dataclass(frozen=True)
class Account:
    server: str
    client_id: str
    device_id: str
    username: str
    user_id: str
    # Bearer credentials: whoever reads them is this device until they expire, so
    # they never appear in a repr (log lines, assertion messages, tracebacks).
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    last_success: str | None


@dataclass(frozen=True)
class Pending:
    seq: int
    op_id: str
    kind: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class Wanted:
    sha256: str
    size: int


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
    def __init__(self, cache: Cache, retention_days: int | None = None) -> None:
        self.cache = cache
        self.conn = cache.conn
        self.blobs: BlobStore = cache.blobs
        self.retention_days = retention_days
        """Purge packs past this many days before downloading (store/retention.py)."""

    # -- account and policy ----------------------------------------------------

    def account(self, server: str) -> Account | None:
        row = self.conn.execute(
            "SELECT server, client_id, device_id, username, user_id, access_token, "
            "refresh_token, last_success FROM sync_accounts WHERE server = ?",
            (server,),
        ).fetchone()
        return Account(*row) if row else None

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
        with self.cache.transaction() as c:
            c.execute(
                "INSERT INTO sync_accounts (server, client_id, device_id, username, user_id, "
                "access_token, refresh_token) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(server) DO UPDATE SET username = excluded.username, "
                "user_id = excluded.user_id, access_token = excluded.access_token, "
                "refresh_token = excluded.refresh_token",
                (
                    server,
                    uuid.uuid4().hex,
                    device_id,
                    username,
                    user_id,
                    access_token,
                    refresh_token,
                ),
            )
        account = self.account(server)
        assert account is not None
        return account

    def forget_tokens(self, server: str) -> None:
        with self.cache.transaction() as c:
            c.execute(
                "UPDATE sync_accounts SET access_token = '', refresh_token = '' WHERE server = ?",
                (server,),
            )

    def policy(self, server: str) -> Mapping[str, Any]:
        row = self.conn.execute(
            "SELECT policy FROM sync_accounts WHERE server = ?", (server,)
        ).fetchone()
        value = json.loads(row[0]) if row else {}
        return value if isinstance(value, dict) else {}

    def record_success(self, server: str, at: str) -> None:
        with self.cache.transaction() as c:
            c.execute("UPDATE sync_accounts SET last_success = ? WHERE server = ?", (at, server))

    # -- pull ------------------------------------------------------------------

    def cursor(self, server: str) -> str:
        row = self.conn.execute(
            "SELECT cursor FROM sync_checkpoints WHERE server = ?", (server,)
        ).fetchone()
        return str(row[0]) if row else ""

    def apply_page(self, server: str, changes: Sequence[_ChangeLike], cursor: str) -> None:
        account = self.account(server)
        device_id = account.device_id if account else None
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("PRAGMA defer_foreign_keys = ON")
            stamp = now()
            for change in changes:
                apply_change(
                    c, server, device_id, Change(change.type, change.id, change.data), stamp
                )
            c.execute(
                "INSERT INTO sync_checkpoints (server, cursor, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(server) DO UPDATE SET cursor = excluded.cursor, "
                "updated_at = excluded.updated_at",
                (server, cursor, now()),
            )
            c.execute("COMMIT")
        except sqlcipher3.IntegrityError:
            c.execute("ROLLBACK")
            raise ProtocolError(
                "changes page", "a record refers to a meeting or item that was never sent"
            ) from None
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise

    def pending(self, limit: int) -> list[Pending]:
        rows = self.conn.execute(
            "SELECT seq, op_id, kind, payload FROM outbox WHERE state IN ('queued', 'sending') "
            "ORDER BY seq LIMIT ?",
            (limit,),
        ).fetchall()
        return [Pending(r[0], r[1], r[2], json.loads(r[3])) for r in rows]

    def queued_count(self) -> int:
        row = self.conn.execute(
            "SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')"
        ).fetchone()
        return int(row[0])

    def record_result(
        self, op_id: str, status: str, result: Mapping[str, Any] | None, reason: str | None
    ) -> None:
        state = "rejected" if status == REJECTED else "done"
        with self.cache.transaction() as c:
            c.execute(
                "UPDATE outbox SET state = ?, result = ?, last_error = ?, "
                "attempts = attempts + 1 WHERE op_id = ?",
                (state, None if result is None else json.dumps(result), reason, op_id),
            )
            if state == "rejected":
                Cache._audit(c, "sync-rejected", op_id, reason or "")

    def enqueue(self, kind: str, payload: Mapping[str, Any]) -> str:
        with self.cache.transaction() as c:
            return Cache.enqueue(c, kind, dict(payload))

    def queue_signature(self, version_id: str, signed_pdf: bytes) -> str:
        """Keep a signed PDF in the encrypted blob store and queue its submission.

        The payload names the local blob; the engine uploads it under the
        outbox op id and adds the server's upload id when it sends the action.
        """
        sha = self.blobs.put(signed_pdf)
        with self.cache.transaction() as c:
            c.execute(
                "INSERT OR IGNORE INTO blobs (sha256, size, added_at) VALUES (?, ?, ?)",
                (sha, len(signed_pdf), now()),
            )
            return Cache.enqueue(
                c,
                KIND_SIGNATURE_SUBMIT,
                {"document_version_id": version_id, "sha256": sha, "size": len(signed_pdf)},
            )

    # -- blobs -----------------------------------------------------------------

    def wanted_blobs(self) -> list[Wanted]:
        """Missing documents, nearest meeting first; never those of a meeting past
        retention (purged first, so an old meeting's pack is not fetched only to go)."""
        if self.retention_days is not None:
            purge_expired(self.cache, self.retention_days)
        rows = self.conn.execute(
            "SELECT v.sha256, MAX(v.size), MIN(CASE WHEN m.starts_at IS NULL THEN 1e9 ELSE "
            "ABS(julianday(m.starts_at) - julianday('now')) END) AS distance, "
            "MIN(v.superseded_by IS NOT NULL) AS old "
            "FROM document_versions v JOIN documents d ON d.id = v.document_id "
            "LEFT JOIN meetings m ON m.id = d.meeting_id "
            "WHERE v.available = 0 AND d.origin = 'server' AND m.retention_until IS NULL "
            "GROUP BY v.sha256 ORDER BY old, distance, v.sha256"
        ).fetchall()
        return [Wanted(r[0], int(r[1])) for r in rows]

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
        with self.cache.transaction() as c:
            c.execute(
                "INSERT OR IGNORE INTO blobs (sha256, size, added_at) VALUES (?, ?, ?)",
                (sha256, size, now()),
            )
            versions = [
                r[0]
                for r in c.execute(
                    "SELECT id FROM document_versions WHERE sha256 = ? AND available = 0",
                    (sha256,),
                )
            ]
            c.execute(
                "UPDATE document_versions SET available = 1, pages = ? WHERE sha256 = ?",
                (None if pages is None else len(pages), sha256),
            )
            if pages is not None:
                for vid in versions:
                    drop_text(c, "SELECT ?", vid)
                    Cache._index_pages(c, vid, pages)

    def upload_source(self, sha256: str) -> _Source:
        try:
            return _Source(self.blobs.open(sha256))
        except (BlobError, ValueError):
            raise UserError(SIGNED_MISSING, sha=sha256[:12]) from None
