"""The local cache of one unlocked profile: documents, their text, the audit log.

Order of writes when a document enters the cache: the blob is committed
(renamed into place) first, then one SQL transaction lists it. A crash between
the two leaves an unlisted blob, which :meth:`Cache.collect_garbage` removes;
it never leaves a listed document without its bytes.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from hanoi_desk.domain.models import AuditEntry, DocumentSummary, OutboxEntry, SearchHit
from hanoi_desk.domain.states import SHOWN, OutboxState
from hanoi_desk.domain.text import query_terms, snippet
from hanoi_desk.errors import HanoiDeskError, IntegrityError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.store.blobs import BlobError, BlobReader, BlobStore
from hanoi_desk.store.database import OwnedConnection, database_fault, open_database
from hanoi_desk.store.fsutil import ProfileLock, remove_stale_temp_files
from hanoi_desk.store.pdftext import check_complete, read_pdf
from hanoi_desk.store.repos import Repositories
from hanoi_desk.store.repos.audit import AuditRepository
from hanoi_desk.store.repos.base import now
from hanoi_desk.store.repos.documents import DocumentRepository, PageMatch
from hanoi_desk.store.repos.outbox import OutboxRepository
from hanoi_desk.store.vault import UnlockedProfile

__all__ = ["Cache", "Imported", "Readable", "now"]

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


class Cache:
    """One profile's cache: its connection (private: SQL lives in ``repos``),
    its blob store and its session lock."""

    def __init__(
        self,
        conn: OwnedConnection,
        blobs: BlobStore,
        profile_name: str,
        lock: ProfileLock | None = None,
    ) -> None:
        self._conn = conn
        self.repos = Repositories.over(conn)
        """The SQL of each aggregate; their writes go inside :meth:`transaction`."""
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
                cache._conn.close()
                cache.blobs.close()
            lock.release()
            raise
        return cache

    def close(self) -> None:
        self._conn.close()
        self.blobs.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[OwnedConnection]:
        """One write transaction: the repositories' writes inside it commit
        together or not at all. It yields the connection for the store's own
        modules (and the tests' seeding); a use case calls repositories.

        Faults of the file or the machine are classified where queries run
        (``OwnedConnection``); any other SQLite error a write meets (locked, an
        unknown code) becomes an EnvironmentFault naming the profile. Either
        way the transaction is rolled back."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # SQLite may already have rolled back
                    conn.execute("ROLLBACK")
                raise
        except sqlcipher3.OperationalError as exc:
            raise database_fault(exc, self.profile_name) from None

    def cipher_version(self) -> str:
        """The SQLCipher version the cache runs on (the self-test names it)."""
        return str(self._conn.execute("PRAGMA cipher_version").fetchone()[0])

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
        with self.transaction():
            self.repos.documents.add_local(
                doc_id,
                version_id,
                title=title,
                sha256=sha,
                size=size,
                filename=path.name,
                pages=facts.pages,
            )
            self.repos.audit.record("import", doc_id, path.name)
        return Imported(self.document(doc_id), (warning,) if warning is not None else ())

    @staticmethod
    def _index_pages(c: OwnedConnection, version_id: str, pages: list[str]) -> None:
        """Index ``pages`` inside the transaction of ``c`` (tests and benchmarks seed with it)."""
        DocumentRepository(c).index_pages(version_id, pages)

    def documents(self) -> list[DocumentSummary]:
        return self.repos.documents.all()

    def versions(self, version_ids: Iterable[str]) -> dict[str, DocumentSummary]:
        """Versions by id, current or superseded; an unknown id is left out."""
        return {d.version_id: d for d in self.repos.documents.versions(list(version_ids))}

    def document(self, id_or_prefix: str) -> DocumentSummary:
        if len(id_or_prefix) < MIN_PREFIX:
            raise UserError(NO_DOCUMENT, id=id_or_prefix)
        found = self.repos.documents.starting_with(id_or_prefix, MAX_CANDIDATES + 1)
        if not found:
            raise UserError(NO_DOCUMENT, id=id_or_prefix)
        if len(found) > 1:
            # Named in full, so that the person can copy the one they meant.
            named = [f"{d.id} “{d.title}”" for d in found[:MAX_CANDIDATES]]
            if len(found) > MAX_CANDIDATES:
                named.append("…")
            raise UserError(AMBIGUOUS, id=id_or_prefix, candidates="; ".join(named))
        return found[0]

    def _damaged(self, doc: DocumentSummary, exc: BlobError) -> IntegrityError:
        return IntegrityError(DOC_DAMAGED, title=doc.title, id=doc.id[:8], reason=exc.reason)

    def lease_until(self) -> datetime | None:
        """When a server's offline lease runs out (the earliest, if several), else None.

        The lease counts from the last successful sync with that server; its
        length comes from the server's device policy."""
        ends = [
            end
            for p in self.repos.accounts.policies()
            if (end := p.policy.lease_end(p.last_success)) is not None
        ]
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
        with self.transaction():
            self.repos.audit.record("export", doc.id, reason)

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
        listed = self.repos.documents.listed_blobs()
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
        found: list[PageMatch] = []
        seen: set[int] = set()
        for match in (phrase, every):
            for page in self.repos.documents.matching(match, limit):
                if page.rowid not in seen and len(found) < limit:
                    seen.add(page.rowid)
                    found.append(page)
            if len(found) >= limit:
                break
        return [SearchHit(p.document_id, p.title, p.page, snippet(p.body, terms)) for p in found]

    # -- outbox and audit ------------------------------------------------------

    @staticmethod
    def enqueue(
        c: OwnedConnection, kind: str, payload: Mapping[str, Any], op_id: str | None = None
    ) -> str:
        """Queue an outgoing action inside the transaction of ``c``, so the
        action and its outbox entry commit together or not at all."""
        return OutboxRepository(c).enqueue(kind, payload, op_id)

    def outbox(self, states: Iterable[OutboxState] = SHOWN) -> list[OutboxEntry]:
        return self.repos.outbox.entries(states)

    @staticmethod
    def _audit(c: OwnedConnection, action: str, subject: str, detail: str = "") -> None:
        """An audit line inside the transaction of ``c``."""
        AuditRepository(c).record(action, subject, detail)

    def audit_entries(self) -> list[AuditEntry]:
        return self.repos.audit.entries()
