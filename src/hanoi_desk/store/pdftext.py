"""Page text and facts of a PDF, read from memory with PyMuPDF.

Opening from bytes means a decrypted document never needs a file on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_

NOT_PDF = N_("{file} is not a readable PDF ({reason}).")
ENCRYPTED_PDF = N_("{file} is password-protected; Hanoi Desk only stores PDFs it can read.")


@dataclass(frozen=True)
class PdfFacts:
    title: str
    pages: list[str]


def read_pdf(source: bytes | Path, filename: str) -> PdfFacts:
    """Text and title of a PDF given as bytes (decrypted in memory) or as a
    path (a file the user is importing, read without a copy in memory)."""
    import pymupdf  # 0.5-2 s to import: only when a PDF is really read, not at CLI start

    try:
        if isinstance(source, Path):
            doc = pymupdf.open(source, filetype="pdf")
        else:
            doc = pymupdf.open(stream=source, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types for broken files
        raise UserError(NOT_PDF, file=filename, reason=type(exc).__name__) from None
    try:
        if doc.needs_pass:
            raise UserError(ENCRYPTED_PDF, file=filename)
        if doc.page_count == 0:
            raise UserError(NOT_PDF, file=filename, reason="no pages")
        pages = [page.get_text("text") for page in doc]
        title = ((doc.metadata or {}).get("title") or "").strip()
        return PdfFacts(title=title, pages=pages)
    except UserError:
        raise
    except Exception as exc:  # a damaged page: this file fails, the batch goes on
        raise UserError(NOT_PDF, file=filename, reason=type(exc).__name__) from None
    finally:
        doc.close()
