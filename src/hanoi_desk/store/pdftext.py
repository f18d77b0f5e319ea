"""Page text and facts of a PDF, read from memory with PyMuPDF.

Opening from bytes means a decrypted document never needs a file on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_

if TYPE_CHECKING:  # the module imports PyMuPDF, which only a real read should pay for
    from hanoi_desk.mupdf import ActiveScan

NOT_PDF = N_("{file} is not a readable PDF ({reason}).")
ENCRYPTED_PDF = N_("{file} is password-protected; Hanoi Desk only stores PDFs it can read.")
TRUNCATED = N_(
    "{file} is incomplete: the end of the PDF is missing (a download or a copy stopped "
    "early). It was not imported; get the file again."
)

# Readers accept the end-of-file marker anywhere in the last KiB (some mailers
# and scanners add bytes after it); a file without one there was cut short.
TAIL = 1024


@dataclass(frozen=True)
class PdfFacts:
    title: str
    pages: list[str]
    active: ActiveScan
    """JavaScript or Launch actions found in the file, for a warning."""


def check_complete(f: IO[bytes], size: int, filename: str) -> None:
    """Refuse a truncated file (``f`` is left at its start).

    MuPDF repairs a PDF whose end is missing and shows what survived, so a cut
    file would be cached as if whole while ``sign`` (pyHanko) refuses it. A
    file that is complete but needed repair is accepted, as every viewer does.
    """
    f.seek(max(0, size - TAIL))
    tail = f.read(TAIL)
    f.seek(0)
    if b"%%EOF" not in tail:
        raise UserError(TRUNCATED, file=filename)


def read_pdf(source: bytes | Path, filename: str) -> PdfFacts:
    """Text, title and active content of a PDF given as bytes (decrypted in
    memory) or as a path (a file the user is importing, read without a copy in
    memory)."""
    from hanoi_desk.mupdf import close_pdf, open_pdf, scan_active_content

    try:
        doc = open_pdf(source)
    except Exception as exc:  # PyMuPDF raises several types for broken files
        raise UserError(NOT_PDF, file=filename, reason=type(exc).__name__) from None
    try:
        if doc.needs_pass:
            raise UserError(ENCRYPTED_PDF, file=filename)
        if doc.page_count == 0:
            raise UserError(NOT_PDF, file=filename, reason="no pages")
        pages = [page.get_text("text") for page in doc]
        title = ((doc.metadata or {}).get("title") or "").strip()
        return PdfFacts(title=title, pages=pages, active=scan_active_content(doc))
    except UserError:
        raise
    except Exception as exc:  # a damaged page: this file fails, the batch goes on
        raise UserError(NOT_PDF, file=filename, reason=type(exc).__name__) from None
    finally:
        close_pdf(doc)  # drains what reading the pages made MuPDF say
