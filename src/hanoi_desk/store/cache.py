"""The local cache of one unlocked profile: documents, their text, the audit log.

Order of writes when a document enters the cache: the blob is committed
(renamed into place) first, then one SQL transaction lists it. A crash between
the two leaves an unlisted blob, which :meth:`Cache.collect_garbage` removes;
it never leaves a listed document without its bytes.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3

from hanoi_desk.domain.models import AuditEntry, DocumentSummary, OutboxEntry, SearchHit
from hanoi_desk.domain.text import fold, query_terms, snippet
from hanoi_desk.errors import HanoiDeskError, IntegrityError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.store.blobs import BlobError, BlobReader, BlobStore
from hanoi_desk.store.database import OwnedConnection, database_fault, open_database
from hanoi_desk.store.fsutil import ProfileLock, remove_stale_temp_files
from hanoi_desk.store.pdftext import check_complete, read_pdf
from hanoi_desk.store.vault import UnlockedProfile

DOC_DAMAGED = N_(
    "Document “{title}” ({id}) is damaged in the cache: {reason}. Sync again or re-import it."
)
NO_DOCUMENT = N_("No document matches “{id}”. `hanoi-desk cache list` shows them.")
AMBIGUOUS = N_("“{id}” matches several documents: {candidates}. Type more of the id.")
MAX_CANDIDATES = 5
"""How many of the documents an ambiguous prefix matches are named (then "…")."""
CANNOT_READ = N_("{file} cannot be read: {reason}.")
NOT_HERE = N_(
    "“{title}” is not on this computer: it is still to be downloaded, or its meeting is past "
    "the retention period and its pack was removed."
)
MIN_PREFIX = 4
PROFILE_LOCKED = N_("Profile “{name}” was locked. Unlock it again to continue.")
LEASE_EXPIRED = N_(
    "The offline period allowed for profile “{name}” ended on {until}: connect to the "
    "server to unlock its documents again."
)

_SELECT_DOCS = """
SELECT d.id, d.title, v.id, v.version, v.sha256, v.size, v.pages, v.filename, d.meeting_id,
       v.available
FROM documents d
JOIN document_versions v ON v.document_id = d.id
WHERE v.version = (SELECT MAX(version) FROM document_versions WHERE document_id = d.id)
"""


@dataclass(frozen=True)
class Readable:
    """A document its cache found readable on the connection's own thread (the
    offline lease has not run out, the bytes are here); only
    :meth:`Cache.readable` makes one."""

    document: DocumentSummary


@dataclass(frozen=True)
class Imported:
    document: DocumentSummary
    warnings: tuple[HanoiDeskError, ...] = ()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _summary(row: tuple[Any, ...]) -> DocumentSummary:
    return DocumentSummary(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], bool(row[9])
    )


class Cache:
    def __init__(
        self,
        conn: OwnedConnection,
        blobs: BlobStore,
        profile_name: str,
        lock: ProfileLock | None = None,
    ) -> None:
        self.conn = conn
        self.blobs = blobs
        self.profile_name = profile_name
        self._lock = lock

    @classmethod
    def open(cls, profile: UnlockedProfile, *, create: bool = False) -> Cache:
        """Open the cache; ``create`` only when the profile itself is being created."""
        if profile.wiped:  # its keys are zeros now: say so, not "damaged database"
            raise UserError(PROFILE_LOCKED, name=profile.meta.name)
        lock = ProfileLock(profile.path / "session.lock")
        cache: Cache | None = None
        try:
            conn = open_database(
                profile.path / "cache.db",
                profile.keys.database,
                profile.meta.profile_id,
                profile.meta.name,
                create=create,
            )
            cache = cls(
                conn, BlobStore(profile.path / "blobs", profile.keys.blobs), profile.meta.name, lock
            )
            if lock.try_exclusive():  # no other session: safe to delete leftovers
                cache.blobs.drop_abandoned_imports()
                remove_stale_temp_files(profile.path)
                cache.collect_garbage()
            lock.share()
        except BaseException:
            if cache is not None:
                cache.conn.close()
                cache.blobs.close()
            lock.release()
            raise
        return cache

    def close(self) -> None:
        self.conn.close()
        self.blobs.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction. SQLite errors (locked, full, I/O) become an
        EnvironmentFault naming the profile; the transaction is rolled back."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:  # SQLite may already have rolled back
                    self.conn.execute("ROLLBACK")
                raise
        except sqlcipher3.OperationalError as exc:
            raise database_fault(exc, self.profile_name) from None

    # -- documents -----------------------------------------------------------

    def add_pdf(self, path: Path) -> DocumentSummary:
        """Import one PDF, streaming it into the blob store (memory stays flat)."""
        return self.import_pdf(path).document

    def import_pdf(self, path: Path) -> Imported:
        """:meth:`add_pdf`, with the warnings a person should read about the file.

        A truncated file is refused, not imported with a warning: the cache
        would show a document with pages missing as if it were whole, and it
        could not be signed. JavaScript and Launch actions are only warned
        about: Hanoi Desk never runs them, and the document may still be needed.
        """
        try:
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                facts = read_pdf(path, path.name)
                check_complete(f, size, path.name)
                sha = self.blobs.put_file(f, size)
        except OSError as exc:
            raise UserError(CANNOT_READ, file=path.name, reason=exc.strerror or "") from None
        from hanoi_desk.mupdf import active_content_warning  # loaded by read_pdf already

        warning = active_content_warning(facts.active, path.name)
        title = facts.title or path.stem
        doc_id, version_id = uuid.uuid4().hex, uuid.uuid4().hex
        with self.transaction() as c:
            c.execute(
                "INSERT OR IGNORE INTO blobs (sha256, size, added_at) VALUES (?, ?, ?)",
                (sha, size, now()),
            )
            c.execute(
                "INSERT INTO documents (id, title, origin, created_at) VALUES (?, ?, ?, ?)",
                (doc_id, title, "local", now()),
            )
            c.execute(
                "INSERT INTO document_versions (id, document_id, version, sha256, size, pages, "
                "filename, created_at, available) VALUES (?, ?, 1, ?, ?, ?, ?, ?, 1)",
                (version_id, doc_id, sha, size, len(facts.pages), path.name, now()),
            )
            self._index_pages(c, version_id, facts.pages)
            self._audit(c, "import", doc_id, path.name)
        return Imported(self.document(doc_id), (warning,) if warning is not None else ())

    @staticmethod
    def _index_pages(c: Any, version_id: str, pages: list[str]) -> None:
        for number, text in enumerate(pages, start=1):
            cur = c.execute(
                "INSERT INTO page_text (version_id, page, body) VALUES (?, ?, ?)",
                (version_id, number, text),
            )
            c.execute(
                "INSERT INTO page_fts (rowid, folded) VALUES (?, ?)", (cur.lastrowid, fold(text))
            )

    def documents(self) -> list[DocumentSummary]:
        rows = self.conn.execute(_SELECT_DOCS + " ORDER BY d.created_at, d.title").fetchall()
        return [_summary(r) for r in rows]

    def document(self, id_or_prefix: str) -> DocumentSummary:
        if len(id_or_prefix) < MIN_PREFIX:
            raise UserError(NO_DOCUMENT, id=id_or_prefix)
        pattern = id_or_prefix.replace("%", "").replace("_", "") + "%"
        rows = self.conn.execute(
            _SELECT_DOCS + " AND d.id LIKE ? ORDER BY d.id LIMIT ?", (pattern, MAX_CANDIDATES + 1)
        ).fetchall()
        if not rows:
            raise UserError(NO_DOCUMENT, id=id_or_prefix)
        if len(rows) > 1:
            # Named in full, so that the person can copy the one they meant.
            named = [f"{row[0]} “{row[1]}”" for row in rows[:MAX_CANDIDATES]]
            if len(rows) > MAX_CANDIDATES:
                named.append("…")
            raise UserError(AMBIGUOUS, id=id_or_prefix, candidates="; ".join(named))
        return _summary(rows[0])

    def _damaged(self, doc: DocumentSummary, exc: BlobError) -> IntegrityError:
        return IntegrityError(DOC_DAMAGED, title=doc.title, id=doc.id[:8], reason=exc.reason)

    def lease_until(self) -> datetime | None:
        """When a server's offline lease runs out (the earliest, if several), else None.

        The lease counts from the last successful sync with that server; its
        length comes from the server's device policy."""
        ends = []
        for policy, last in self.conn.execute("SELECT policy, last_success FROM sync_accounts"):
            try:
                hours = json.loads(policy).get("offline_lease_hours")
                if last and isinstance(hours, int) and hours > 0:
                    ends.append(datetime.fromisoformat(last) + timedelta(hours=hours))
            except (ValueError, AttributeError):
                continue  # a damaged policy row is the server's to fix on the next sync
        return min(ends) if ends else None

    def check_lease(self, at: datetime | None = None) -> None:
        """Documents stay locked once the lease ran out, until a sync succeeds
        again (which the sync engine can still do: it does not read through here)."""
        until = self.lease_until()
        if until is not None and (at or datetime.now(UTC)) > until:
            raise UserError(
                LEASE_EXPIRED, name=self.profile_name, until=until.isoformat(timespec="minutes")
            )

    def _require_here(self, doc: DocumentSummary) -> None:
        """Lease first (it locks everything), then whether the bytes are here at all."""
        self.check_lease()
        if not doc.available:
            raise UserError(NOT_HERE, title=doc.title)

    def readable(self, doc: DocumentSummary) -> Readable:
        """On the connection's thread: the lease and the bytes' presence checked,
        so that another lane may decrypt ``doc`` with :meth:`read_readable`
        without a query of its own (docs/ui-threads.md)."""
        self._require_here(doc)
        return Readable(doc)

    def read_readable(self, readable: Readable) -> bytearray:
        """The plaintext of a document :meth:`readable` let through, in a buffer the
        caller zeroes; no SQL, so any thread may call it (the blob store is files)."""
        doc = readable.document
        try:
            with self.blobs.open(doc.sha256) as reader:
                return reader.read_buffer()
        except BlobError as exc:
            raise self._damaged(doc, exc) from None

    def open_document(self, doc: DocumentSummary) -> BlobReader:
        """Random access to the plaintext; each chunk is checked as it is read."""
        self._require_here(doc)
        try:
            return self.blobs.open(doc.sha256)
        except BlobError as exc:
            raise self._damaged(doc, exc) from None

    def read_document_buffer(self, doc: DocumentSummary) -> bytearray:
        """The plaintext in a buffer the caller zeroes when done (the reader does on close)."""
        self._require_here(doc)
        try:
            with self.blobs.open(doc.sha256) as reader:
                return reader.read_buffer()
        except BlobError as exc:
            raise self._damaged(doc, exc) from None

    def read_document(self, doc: DocumentSummary) -> bytes:
        self._require_here(doc)
        try:
            with self.blobs.open(doc.sha256) as reader:
                return reader.read_all()
        except BlobError as exc:
            raise self._damaged(doc, exc) from None

    def export_document(self, doc: DocumentSummary, reason: str) -> Iterator[bytes]:
        """Plaintext chunks for printing/export, recorded in the audit log first.

        The whole blob is verified before the first byte is handed out, so a
        damaged document never yields a silently wrong prefix.
        """
        reader = self.open_document(doc)
        try:
            reader.verify()
        except BlobError as exc:
            reader.close()
            raise self._damaged(doc, exc) from None
        with self.transaction() as c:
            self._audit(c, "export", doc.id, reason)

        def chunks() -> Iterator[bytes]:
            with reader:
                yield from reader.iter_chunks()

        return chunks()

    def verify_all(self) -> list[IntegrityError]:
        problems = []
        for doc in self.documents():
            if not doc.available:
                continue
            try:
                with self.blobs.open(doc.sha256) as reader:
                    reader.verify()
            except BlobError as exc:
                problems.append(self._damaged(doc, exc))
        return problems

    def collect_garbage(self) -> int:
        """Remove blobs that no document version lists (left by a crash or a purge)."""
        listed = {r[0] for r in self.conn.execute("SELECT sha256 FROM blobs")}
        removed = 0
        for sha in self.blobs.stored() - listed:
            self.blobs.remove(sha)
            removed += 1
        return removed

    # -- search ----------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Pages with the words as a phrase first, then pages with all of them.

        Results come in document and page order, not by bm25: ranking every
        match made a common query over a large cache cost 60-80 ms, and people
        reading a meeting pack look for "where", in order. The last word is a
        prefix, so results appear while typing.
        """
        self.check_lease()
        terms = query_terms(query)
        if not terms:
            return []
        quoted = ['"' + t.replace('"', "") + '"' for t in terms]
        phrase = '"' + " ".join(t.replace('"', "") for t in terms) + '"*'
        every = " ".join([*quoted[:-1], quoted[-1] + "*"])
        rows: list[tuple[Any, ...]] = []
        seen: set[int] = set()
        for match in (phrase, every):
            for row in self.conn.execute(
                "SELECT p.id, d.id, d.title, p.page, p.body FROM page_fts f "
                "JOIN page_text p ON p.id = f.rowid "
                "JOIN document_versions v ON v.id = p.version_id "
                "JOIN documents d ON d.id = v.document_id "
                "WHERE page_fts MATCH ? ORDER BY f.rowid LIMIT ?",
                (match, limit),
            ):
                if row[0] not in seen and len(rows) < limit:
                    seen.add(row[0])
                    rows.append(row)
            if len(rows) >= limit:
                break
        return [SearchHit(r[1], r[2], r[3], snippet(r[4], terms)) for r in rows]

    # -- outbox and audit ------------------------------------------------------

    @staticmethod
    def enqueue(c: Any, kind: str, payload: dict[str, Any], op_id: str | None = None) -> str:
        """Queue an outgoing action inside the caller's transaction, so the
        action and its outbox entry commit together or not at all."""
        op = op_id or uuid.uuid4().hex
        c.execute(
            "INSERT INTO outbox (op_id, kind, payload, created_at) VALUES (?, ?, ?, ?)",
            (op, kind, json.dumps(payload, ensure_ascii=False, sort_keys=True), now()),
        )
        return op

    def outbox(
        self, states: tuple[str, ...] = ("queued", "sending", "rejected")
    ) -> list[OutboxEntry]:
        marks = ",".join("?" * len(states))
        sql = f"SELECT seq, op_id, kind, payload, state, attempts, last_error FROM outbox WHERE state IN ({marks}) ORDER BY seq"  # noqa: S608, E501 - placeholders only
        rows = self.conn.execute(sql, states).fetchall()
        return [OutboxEntry(*r) for r in rows]

    @staticmethod
    def _audit(c: Any, action: str, subject: str, detail: str = "") -> None:
        c.execute(
            "INSERT INTO audit_log (at, action, subject, detail) VALUES (?, ?, ?, ?)",
            (now(), action, subject, detail),
        )

    def audit_entries(self) -> list[AuditEntry]:
        rows = self.conn.execute("SELECT at, action, subject, detail FROM audit_log ORDER BY id")
        return [AuditEntry(*r) for r in rows.fetchall()]
