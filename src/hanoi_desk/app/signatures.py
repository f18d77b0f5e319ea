"""The signatures panel's report for a cached document, verified in memory.

A cached document must never become a plaintext file, so the decrypted bytes
are verified as they are. Trust roots are only those the user configured.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from hanoi_desk.app.sign_cached import signed_copies
from hanoi_desk.app.signature_completion import overdue_limit, signatures
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.signatures import SignatureRecord, SignedCopy
from hanoi_desk.signing import verify
from hanoi_desk.store.blobs import BlobError
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.database import OnOwner, on_this_thread
from hanoi_desk.store.secmem import zero

FileReport = verify.FileReport


def verify_document(
    cache: Cache,
    doc: DocumentSummary,
    trust: Sequence[str],
    fetch: bool = False,
    on_db: OnOwner = on_this_thread,
) -> FileReport:
    """Every signature of ``doc`` (latest version); ``fetch`` allows OCSP/CRL over the
    network. Runs on a network thread in the desktop: ``on_db`` checks the lease on
    the thread that owns the connection."""
    roots = verify.load_roots([Path(p) for p in trust])
    buffer = cache.read_readable(on_db(lambda: cache.readable(doc)))
    try:
        data = bytes(buffer)  # what verify_bytes takes; the buffer at least is zeroed
    finally:
        zero(buffer)
    return verify.verify_bytes(data, doc.filename or doc.title, roots, fetch, label=doc.title)


def signed_copy(cache: Cache, doc: DocumentSummary) -> DocumentSummary | None:
    """This profile's latest signed copy of ``doc``'s version (queued, being sent
    or accepted by the server) as a summary whose bytes are that copy, so the
    reader and the signatures panel show what was signed; None when there is
    none, or none that can be read (then the version as the server sent it).

    The server keeps a signature beside the version it signed and sends no new
    version for it, so this local copy is the signer's view before and after
    the sync alike; once the sync completed the signature (a timestamp and
    revocation data added), the completed file. Database lane (it lists the
    outbox and the signature records)."""
    signed = signed_copies(cache).get(doc.version_id, [])
    if not signed:
        return None
    newest = {
        r.signed_sha256: r.sha256
        for r in signatures(cache)
        if r.document_version_id == doc.version_id
    }
    for copy in reversed(signed):
        for sha in dict.fromkeys((newest.get(copy, copy), copy)):  # completed first, as signed next
            try:
                with cache.blobs.open(sha) as blob:
                    size = blob.size
            except (BlobError, OSError):  # purged or damaged: an older copy, else none
                continue
            return dataclasses.replace(doc, sha256=sha, size=size)
    return None


def report_lines(report: FileReport, language: str) -> list[str]:
    """The same readable lines as ``hanoi-desk verify``, in the UI's language."""
    return verify.render(report, language)[1:]


@dataclasses.dataclass(frozen=True)
class SignatureOverview:
    """This profile's signatures as the desktop shows them (issue 12): the list,
    those still without a trusted time past the policy's limit, and that limit."""

    records: list[SignatureRecord]
    """Every signature this profile made, oldest first."""
    overdue: list[SignatureRecord]
    """Older than ``overdue_days`` and still not completed (domain rule)."""
    overdue_days: int
    oldest_days: int
    """Whole days since the oldest overdue one was made (0 when none)."""


def signature_overview(cache: Cache, now: datetime | None = None) -> SignatureOverview:
    """The list and the overdue warning in one read (database lane); the rule is
    ``SignatureRecord.overdue`` (``domain.signatures.unstamped_too_long``)."""
    at = now or datetime.now(UTC)
    records = signatures(cache)
    days = overdue_limit(cache)
    late = [r for r in records if r.overdue(at, days)]
    oldest = 0
    for record in late:
        oldest = max(oldest, (at - datetime.fromisoformat(record.created_at)).days)
    return SignatureOverview(records, late, days, oldest)


def others_signatures(cache: Cache, version_id: str) -> list[SignedCopy]:
    """Other members' signatures of a version that the server accepted and shows
    this profile (the meeting's secretariat; docs/server-uploads.md), oldest
    first. Database lane."""
    return [c for c, _title, _n in cache.repos.signatures.others()
            if c.document_version_id == version_id]  # fmt: skip


def my_signature(cache: Cache, version_id: str) -> SignatureRecord | None:
    """This profile's newest signature of a version (None: it signed none), for
    the signatures panel's completion line. Database lane."""
    mine = [r for r in signatures(cache) if r.document_version_id == version_id]
    return mine[-1] if mine else None
