"""The cache as the sync engine sees it: the local replica of the server.

It implements the Protocols of ``hanoi_desk.sync.ports`` structurally, so the
sync adapter never imports the store. Every page of changes is applied *with*
its cursor in one SQLCipher transaction: after a crash the cursor is never
ahead of the data. Records are checked with the protocol's typed parsers
before anything is written; a bad record rolls back the whole page.

Conflict rules (docs/sync-conflicts.md): the server wins for meeting data
(records overwrite); private notes merge per note by the writer's clock (the
newer ``updated_ms`` wins, ties keep what is stored); a version replaced on the
server keeps its row and blob, with ``superseded_by`` naming its successor.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import sqlcipher3

from hanoi_desk.errors import IntegrityError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol import (
    AGENDA_ITEM,
    COMMENT,
    DOCUMENT_VERSION,
    KIND_SIGNATURE_SUBMIT,
    MEETING,
    NOTE,
    PARTICIPANT,
    POLICY,
    REJECTED,
    TOMBSTONE,
    AgendaItemData,
    Change,
    CommentData,
    DocumentVersionData,
    MeetingData,
    NoteData,
    ParticipantData,
    PolicyData,
    ProtocolError,
    TombstoneData,
)
from hanoi_desk.store.blobs import BlobError, BlobReader, BlobStore, BlobWriter
from hanoi_desk.store.cache import Cache, now
from hanoi_desk.store.pdftext import read_pdf

log = logging.getLogger(__name__)

BLOB_MISMATCH = N_(
    "The document {sha} downloaded from the server does not match its hash; it was discarded."
)
SIGNED_MISSING = N_("The signed file {sha} is no longer in the cache; it cannot be sent.")

_DELETE = {
    MEETING: "DELETE FROM meetings WHERE id = ?",
    AGENDA_ITEM: "DELETE FROM agenda_items WHERE id = ?",
    PARTICIPANT: "DELETE FROM participants WHERE record_id = ?",
    DOCUMENT_VERSION: "DELETE FROM document_versions WHERE id = ?",
    NOTE: "UPDATE annotations SET deleted = 1 WHERE id = ?",
    COMMENT: "DELETE FROM comments WHERE id = ?",
}


_VERSIONS_OF = {
    DOCUMENT_VERSION: "SELECT ?",
    MEETING: "SELECT v.id FROM document_versions v JOIN documents d ON d.id = v.document_id "
    "WHERE d.meeting_id = ?",
}


def _drop_text(c: Any, versions_sql: str, param: str) -> None:
    """Page text and its FTS rows go together (FTS5 has no foreign keys)."""
    c.execute(
        "DELETE FROM page_fts WHERE rowid IN (SELECT id FROM page_text WHERE version_id IN "  # noqa: S608 - fixed SQL
        f"({versions_sql}))",
        (param,),
    )
    c.execute(f"DELETE FROM page_text WHERE version_id IN ({versions_sql})", (param,))  # noqa: S608


def _millis(stamp: str) -> int:
    try:
        return int(datetime.fromisoformat(stamp).timestamp() * 1000)
    except ValueError:
        return 0


def _text(value: object, default: str) -> str:
    return value[:20_000] if isinstance(value, str) else default


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
    access_token: str
    refresh_token: str
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
    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self.conn = cache.conn
        self.blobs: BlobStore = cache.blobs

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
                self._apply(
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

    def _apply(
        self, c: Any, server: str, device_id: str | None, change: Change, stamp: str
    ) -> None:
        kind = change.type
        if kind == MEETING:
            m = MeetingData.parse(change)
            c.execute(
                "INSERT INTO meetings (id, title, starts_at, ends_at, place, chair, status, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "title = excluded.title, starts_at = excluded.starts_at, "
                "ends_at = excluded.ends_at, place = excluded.place, chair = excluded.chair, "
                "status = excluded.status, updated_at = excluded.updated_at",
                (m.id, m.title, m.starts_at, m.ends_at, m.place, m.chair, m.status, stamp),
            )
        elif kind == AGENDA_ITEM:
            a = AgendaItemData.parse(change)
            c.execute(
                "INSERT INTO agenda_items (id, meeting_id, position, title, presenter) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "meeting_id = excluded.meeting_id, position = excluded.position, "
                "title = excluded.title, presenter = excluded.presenter",
                (a.id, a.meeting_id, a.position, a.title, a.presenter),
            )
        elif kind == PARTICIPANT:
            p = ParticipantData.parse(change)
            c.execute("DELETE FROM participants WHERE record_id = ?", (p.id,))
            c.execute(
                "INSERT INTO participants (meeting_id, user_id, display_name, role, record_id) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(meeting_id, user_id) DO UPDATE SET "
                "display_name = excluded.display_name, role = excluded.role, "
                "record_id = excluded.record_id",
                (p.meeting_id, p.user_id, p.display_name, p.role, p.id),
            )
        elif kind == DOCUMENT_VERSION:
            self._apply_version(c, DocumentVersionData.parse(change), stamp)
        elif kind == NOTE:
            self._apply_note(c, NoteData.parse(change))
        elif kind == COMMENT:
            k = CommentData.parse(change)
            c.execute(
                "INSERT OR REPLACE INTO comments (id, document_version_id, meeting_id, "
                "author_id, author_name, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    k.id,
                    k.document_version_id,
                    k.meeting_id,
                    k.author_id,
                    k.author_name,
                    k.text,
                    k.created_at,
                ),
            )
        elif kind == POLICY:
            pol = PolicyData.parse(change)
            if pol.device_id == device_id:
                value = {
                    "retention_days": pol.retention_days,
                    "offline_lease_hours": pol.offline_lease_hours,
                    "wipe": pol.wipe,
                    "watermark": pol.watermark,
                }
                c.execute(
                    "UPDATE sync_accounts SET policy = ? WHERE server = ?",
                    (json.dumps(value), server),
                )
        elif kind == TOMBSTONE:
            t = TombstoneData.parse(change)
            if t.type in _VERSIONS_OF:
                _drop_text(c, _VERSIONS_OF[t.type], t.id)
            sql = _DELETE.get(t.type)
            if sql is not None:
                c.execute(sql, (t.id,))
            if t.type == DOCUMENT_VERSION:
                c.execute(
                    "DELETE FROM documents WHERE origin = 'server' AND NOT EXISTS "
                    "(SELECT 1 FROM document_versions v WHERE v.document_id = documents.id)"
                )
        # Unknown types are skipped: a newer server may send more than we know.

    @staticmethod
    def _apply_note(c: Any, n: NoteData) -> None:
        """Last writer wins per note, by the writing device's clock (ms)."""
        row = c.execute("SELECT updated_at FROM annotations WHERE id = ?", (n.id,)).fetchone()
        if row is not None and _millis(row[0]) >= n.updated_at:
            return
        stamp = datetime.fromtimestamp(n.updated_at / 1000, UTC).isoformat(timespec="milliseconds")
        if n.body is None:
            c.execute(
                "UPDATE annotations SET deleted = 1, updated_at = ? WHERE id = ?", (stamp, n.id)
            )
            return
        b = n.body
        doc = b.get("document_id")
        exists = c.execute("SELECT 1 FROM documents WHERE id = ?", (doc,)).fetchone()
        if not isinstance(doc, str) or exists is None:
            return  # a note on a document this device does not hold: nothing to attach to
        geometry = b.get("geometry")
        c.execute(
            "INSERT INTO annotations (id, document_id, version_id, kind, page, quote, body, "
            "geometry, created_at, updated_at, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,0) "
            "ON CONFLICT(id) DO UPDATE SET document_id = excluded.document_id, "
            "version_id = excluded.version_id, kind = excluded.kind, page = excluded.page, "
            "quote = excluded.quote, body = excluded.body, geometry = excluded.geometry, "
            "updated_at = excluded.updated_at, deleted = 0",
            (
                n.id,
                doc,
                n.document_version_id,
                _text(b.get("kind"), "sticky"),
                b.get("page") if isinstance(b.get("page"), int) else 1,
                _text(b.get("quote"), ""),
                _text(b.get("text"), ""),
                json.dumps(geometry if isinstance(geometry, list) else []),
                stamp,
                stamp,
            ),
        )

    @staticmethod
    def _apply_version(c: Any, v: DocumentVersionData, stamp: str) -> None:
        c.execute(
            "INSERT INTO documents (id, meeting_id, agenda_item_id, title, origin, created_at) "
            "VALUES (?, ?, ?, ?, 'server', ?) ON CONFLICT(id) DO UPDATE SET "
            "meeting_id = excluded.meeting_id, agenda_item_id = excluded.agenda_item_id, "
            "title = excluded.title WHERE documents.origin = 'server'",
            (v.document_id, v.meeting_id, v.agenda_item_id, v.title, stamp),
        )
        # A version number reused under a new id means the server rebuilt it: theirs wins.
        c.execute(
            "DELETE FROM document_versions WHERE document_id = ? AND version = ? AND id != ?",
            (v.document_id, v.version, v.id),
        )
        c.execute(
            "INSERT INTO document_versions (id, document_id, version, sha256, size, filename, "
            "created_at, available, superseded_by) VALUES (?, ?, ?, ?, ?, ?, ?, "
            "EXISTS (SELECT 1 FROM blobs WHERE sha256 = ?4), ?8) "
            "ON CONFLICT(id) DO UPDATE SET document_id = excluded.document_id, "
            "version = excluded.version, sha256 = excluded.sha256, size = excluded.size, "
            "filename = excluded.filename, available = excluded.available, "
            "superseded_by = excluded.superseded_by",
            (
                v.id,
                v.document_id,
                v.version,
                v.sha256,
                v.size,
                v.filename,
                stamp,
                v.superseded_by,
            ),
        )

    # -- outbox ----------------------------------------------------------------

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
        rows = self.conn.execute(
            "SELECT v.sha256, MAX(v.size), MIN(CASE WHEN m.starts_at IS NULL THEN 1e9 ELSE "
            "ABS(julianday(m.starts_at) - julianday('now')) END) AS distance, "
            "MIN(v.superseded_by IS NOT NULL) AS old "
            "FROM document_versions v JOIN documents d ON d.id = v.document_id "
            "LEFT JOIN meetings m ON m.id = d.meeting_id "
            "WHERE v.available = 0 AND d.origin = 'server' "
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
                    _drop_text(c, "SELECT ?", vid)
                    Cache._index_pages(c, vid, pages)

    def upload_source(self, sha256: str) -> _Source:
        try:
            return _Source(self.blobs.open(sha256))
        except (BlobError, ValueError):
            raise UserError(SIGNED_MISSING, sha=sha256[:12]) from None
