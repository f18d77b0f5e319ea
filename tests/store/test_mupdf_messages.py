"""MuPDF's messages quote the files it reads, and PyMuPDF keeps them in one list
for the life of the process: every open, render and text read drains that list
to the log (hanoi_desk/mupdf.py), and a lock drains what anything else left.

The file is the crafted scan whose ICC profile is garbage: MuPDF complains each
time a fresh document paints or reads its page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crafted_pdfs import broken_icc_pdf, write
from hanoi_desk.app.reader import OpenDocument, Reader
from hanoi_desk.app.session import Desk
from hanoi_desk.mupdf import drain_messages, open_pdf, pdf_document, pymupdf
from helpers import FixedPrompt

ICC = "format error: cmsOpenProfileFromMem failed"
BROKEN_XREF = "trying to repair broken xref"


def _pending() -> str:
    """What PyMuPDF still holds (read without emptying it)."""
    text: str = pymupdf.TOOLS.mupdf_warnings(reset=False)
    return text


@pytest.fixture(autouse=True)
def empty_list(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    drain_messages()  # what earlier tests of this process left
    caplog.set_level(logging.DEBUG, logger="hanoi_desk.mupdf")
    yield


READS: dict[str, Callable[[OpenDocument], Any]] = {
    "render": lambda d: d.render(0, 1.0),
    "words": lambda d: d.words(0),
    "find": lambda d: d.find("ngan sach"),
    "search_exact": lambda d: d.search_exact(0, "Nghi quyet"),
    "page_text_folded": lambda d: d.page_text_folded(0),
}


@pytest.mark.parametrize("read", READS, ids=list(READS))
def test_reading_a_cached_document_leaves_no_message_behind(
    desk: Desk,
    fast_kdf: None,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    read: str,
) -> None:
    desk.create("an", FixedPrompt())
    with desk.open("an", FixedPrompt(), "passphrase") as session:
        summary = session.cache.add_pdf(write(tmp_path / "scan.pdf", broken_icc_pdf()))
        opened = Reader(session.cache).open(summary)  # decrypted into memory, as the reader does
        caplog.clear()
        try:
            READS[read](opened)
            assert _pending() == ""
            assert f"MuPDF: {ICC}" in caplog.text  # the page really made MuPDF complain
        finally:
            opened.close()


def test_a_lock_drains_what_any_other_caller_left(
    desk: Desk, fast_kdf: None, caplog: pytest.LogCaptureFixture
) -> None:
    """A document opened with PyMuPDF directly, not through mupdf.py's helpers
    (what signing/placement.py and app/sign_cached.py still do): the messages
    stay in the list until the session closes, which every lock does."""
    desk.create("an", FixedPrompt())
    session = desk.open("an", FixedPrompt(), "passphrase")
    with pymupdf.open(stream=broken_icc_pdf(), filetype="pdf") as raw:
        raw[0].get_text("text")
    assert ICC in _pending()
    session.close()
    assert _pending() == ""
    assert f"MuPDF: {ICC}" in caplog.text


def test_the_open_helpers_drain_after_opening_working_and_closing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with pdf_document(broken_icc_pdf()) as doc:
        doc[0].get_pixmap()  # what a caller does inside the block is drained with it
    assert _pending() == "" and f"MuPDF: {ICC}" in caplog.text
    caplog.clear()
    with pytest.raises(Exception, match="Failed to open"):
        open_pdf(b"%PDF-1.7 garbage")  # a file MuPDF cannot open: drained all the same
    assert _pending() == "" and f"MuPDF: {BROKEN_XREF}" in caplog.text
