"""The signatures panel's report for a cached document, verified in memory.

``signing.verify.verify_file`` reads a path; a cached document must never
become a plaintext file, so this runs the same per-signature checks on the
decrypted bytes. Trust roots are only those the user configured.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader

from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.i18n import translate
from hanoi_desk.signing import verify
from hanoi_desk.signing.pdfio import ENCRYPTED
from hanoi_desk.store.cache import Cache

FileReport = verify.FileReport


def verify_document(
    cache: Cache, doc: DocumentSummary, trust: Sequence[str], fetch: bool = False
) -> FileReport:
    """Every signature of ``doc`` (latest version); ``fetch`` allows OCSP/CRL over the network."""
    roots = verify.load_roots([Path(p) for p in trust])
    data = cache.read_document(doc)
    name = doc.filename or doc.title
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            return FileReport(doc.title, error=translate(ENCRYPTED, "en", name=name))
        sigs = list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko raises several types for broken files
        reason = type(exc).__name__
        return FileReport(
            doc.title, error=translate(verify.UNREADABLE, "en", name=name, reason=reason)
        )
    if not sigs:
        return FileReport(doc.title)
    revinfo = verify._dss_has_revinfo(reader)
    return FileReport(doc.title, tuple(verify._one(s, reader, roots, fetch, revinfo) for s in sigs))


def report_lines(report: FileReport, language: str) -> list[str]:
    """The same readable lines as ``hanoi-desk verify``, in the UI's language."""
    return verify.render(report, language)[1:]
