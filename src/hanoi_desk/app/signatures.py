"""The signatures panel's report for a cached document, verified in memory.

A cached document must never become a plaintext file, so the decrypted bytes
are verified as they are. Trust roots are only those the user configured.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.signing import verify
from hanoi_desk.store.cache import Cache

FileReport = verify.FileReport


def verify_document(
    cache: Cache, doc: DocumentSummary, trust: Sequence[str], fetch: bool = False
) -> FileReport:
    """Every signature of ``doc`` (latest version); ``fetch`` allows OCSP/CRL over the network."""
    roots = verify.load_roots([Path(p) for p in trust])
    data = cache.read_document(doc)
    return verify.verify_bytes(data, doc.filename or doc.title, roots, fetch, label=doc.title)


def report_lines(report: FileReport, language: str) -> list[str]:
    """The same readable lines as ``hanoi-desk verify``, in the UI's language."""
    return verify.render(report, language)[1:]
