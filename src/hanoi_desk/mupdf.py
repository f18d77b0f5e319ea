"""PyMuPDF, set up once for the app and the CLI, and the structural checks of a
PDF that importing (``cache add``) and verifying (``verify``) share.

Every module that uses PyMuPDF imports it from here
(``from hanoi_desk.mupdf import pymupdf``), so the set-up below runs before the
first document is opened, whichever part of the program opens it.

MuPDF reports what it finds wrong in a file ("syntax error: ICC profile…",
"trying to repair broken xref") through PyMuPDF, which prints it on standard
output by default: that broke the one-line-per-document output of
``cache add`` and put text quoted from hostile files on the terminal. Here the
messages are not printed; :func:`drain_messages` moves them to the log
(``hanoi_desk.mupdf`` at DEBUG: they are about the file, not for its reader;
``--debug`` shows them, escaped like any untrusted text).

PyMuPDF also keeps every message in one list for the life of the process, and
messages quote the file's bytes, so a desktop session would pile up text of
every document it read, across locks. So documents are opened through
:func:`open_pdf` or :func:`pdf_document` and their pages rendered or read
inside :func:`drained` (or a method decorated with :func:`draining`): each
drains the list when it is done. A lock drains it as well
(``app.session.Session.close``), which also takes what an older call left.

Slow to import (0.5-2 s): import this module only where a PDF is really read.
"""

from __future__ import annotations

import enum
import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pymupdf

from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_

__all__ = [
    "Active",
    "ActiveScan",
    "active_content_warning",
    "close_pdf",
    "drain_messages",
    "drained",
    "draining",
    "open_pdf",
    "pdf_document",
    "pymupdf",
    "scan_active_content",
    "scan_file",
]

log = logging.getLogger(__name__)

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)
# PyMuPDF's own notices (deprecations and the like) also default to stdout.
pymupdf.set_messages(pylogging=True, pylogging_name=__name__, pylogging_level=logging.DEBUG)


def drain_messages() -> None:
    """Log what MuPDF collected since the last call, and forget it.

    PyMuPDF keeps every message in a list that only grows, and the messages
    can quote the file's bytes: emptying it after each document also keeps
    document text from piling up in memory.
    """
    text = pymupdf.TOOLS.mupdf_warnings(reset=True)
    for line in text.splitlines():
        if line:
            log.debug("MuPDF: %s", line)


@contextmanager
def drained() -> Iterator[None]:
    """Drain MuPDF's messages when the block ends (a render, a text read), even
    when it raises."""
    try:
        yield
    finally:
        drain_messages()


P = ParamSpec("P")
R = TypeVar("R")


def draining(method: Callable[P, R]) -> Callable[P, R]:
    """:func:`drained` around every call of ``method`` (a document's page work)."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with drained():
            return method(*args, **kwargs)

    return wrapper


PdfSource = bytes | bytearray | memoryview | Path
"""A file (read by MuPDF without a copy in memory) or bytes, read in place."""


def open_pdf(source: PdfSource) -> Any:
    """A PDF opened with MuPDF, its messages drained whether it opened or not.

    The caller closes it; :func:`pdf_document` does that too. Raises what
    PyMuPDF raises for a file it cannot open (several types)."""
    with drained():
        if isinstance(source, Path):
            return pymupdf.open(source, filetype="pdf")
        return pymupdf.open(stream=source, filetype="pdf")


def close_pdf(doc: Any) -> None:
    """Close a document from :func:`open_pdf`; what closing reports is drained too."""
    with drained():
        doc.close()


@contextmanager
def pdf_document(source: PdfSource) -> Iterator[Any]:
    """:func:`open_pdf` for a block: closed at its end, and what the block made
    MuPDF say (a search, a measure) drained with the close."""
    doc = open_pdf(source)
    try:
        yield doc
    finally:
        close_pdf(doc)


class Active(enum.StrEnum):
    """Content a PDF viewer may run when the file is opened or clicked."""

    JAVASCRIPT = "javascript"
    LAUNCH = "launch"


ACTIVE_JS = N_(
    "{name} contains JavaScript. Hanoi Desk never runs it, but other PDF viewers may: "
    "open the file elsewhere only if you trust its sender."
)
ACTIVE_LAUNCH = N_(
    "{name} contains a Launch action, which can start a program on the reader's "
    "computer. Hanoi Desk never runs it, but other PDF viewers may: open the file "
    "elsewhere only if you trust its sender."
)
ACTIVE_BOTH = N_(
    "{name} contains JavaScript and a Launch action, which can start a program on the "
    "reader's computer. Hanoi Desk never runs them, but other PDF viewers may: open the "
    "file elsewhere only if you trust its sender."
)
NOT_FULLY_CHECKED = N_(
    "{name} has too many objects to be checked completely for JavaScript and Launch "
    "actions: treat it as if it had them."
)

# A 1,000-page document is about 50,000 nodes (each dictionary entry and array
# item is one); the bound keeps a file claiming millions of objects from
# holding an import or a verification for minutes (about 2 s at the bound).
MAX_NODES = 1_000_000


@dataclass(frozen=True)
class ActiveScan:
    """What :func:`scan_active_content` found; ``complete`` is False when the
    file was too large to read to the end."""

    found: frozenset[Active]
    complete: bool

    @property
    def kinds(self) -> tuple[str, ...]:
        """The findings as sorted strings, for reports and ``--json``."""
        return tuple(sorted(a.value for a in self.found))


def _check_dict(m: Any, d: Any, found: set[Active]) -> None:
    action = m.pdf_dict_gets(d, "S")
    if m.pdf_is_name(action):
        kind = m.pdf_to_name(action)
        if kind == "JavaScript":
            found.add(Active.JAVASCRIPT)
        elif kind == "Launch":
            found.add(Active.LAUNCH)
    # /JS: a JavaScript action (or a rendition's script) whatever its /S says;
    # /JavaScript: the document-level scripts of the catalogue's /Names tree.
    for key in ("JS", "JavaScript"):
        if not m.pdf_is_null(m.pdf_dict_gets(d, key)):
            found.add(Active.JAVASCRIPT)


def scan_active_content(doc: Any, max_nodes: int = MAX_NODES) -> ActiveScan:
    """JavaScript and Launch actions anywhere in an open PDF.

    Every object of the file is read, not only the places a viewer runs
    actions from (the catalogue's /OpenAction, /AA and /Names, pages' /AA,
    annotations' /A and /AA, outline items, form fields, /Next chains): a
    list of places would miss the next one, and an action object nobody
    points to is worth a warning too. MuPDF has already decoded escaped names
    (``/J#61vaScript``) and repaired what it could.
    """
    m = pymupdf.mupdf
    pdf = m.pdf_specifics(doc.this)
    found: set[Active] = set()
    if pdf is None or not pdf.m_internal:
        return ActiveScan(frozenset(), True)
    budget = max_nodes
    for num in range(1, m.pdf_xref_len(pdf)):
        try:
            stack = [m.pdf_load_object(pdf, num)]
        except Exception:  # a broken object: viewers cannot run it either
            log.debug("MuPDF: object %d cannot be read", num)
            continue
        while stack:
            budget -= 1
            if budget < 0:
                return ActiveScan(frozenset(found), False)
            obj = stack.pop()
            if m.pdf_is_indirect(obj):
                continue  # read as an object of its own
            if m.pdf_is_dict(obj):
                _check_dict(m, obj, found)
                stack.extend(m.pdf_dict_get_val(obj, i) for i in range(m.pdf_dict_len(obj)))
            elif m.pdf_is_array(obj):
                stack.extend(m.pdf_array_get(obj, i) for i in range(m.pdf_array_len(obj)))
    return ActiveScan(frozenset(found), True)


def scan_file(source: bytes | Path) -> ActiveScan | None:
    """:func:`scan_active_content` of a file or of bytes; None when MuPDF cannot
    open it (the caller reports that its own way)."""
    try:
        doc = open_pdf(source)
    except Exception:  # PyMuPDF raises several types for broken files
        return None
    try:
        with drained():
            return scan_active_content(doc)
    finally:
        close_pdf(doc)


def active_content_warning(scan: ActiveScan, name: str) -> UserError | None:
    """The warning a person should read about ``scan``, or None."""
    js = Active.JAVASCRIPT in scan.found
    launch = Active.LAUNCH in scan.found
    if js and launch:
        return UserError(ACTIVE_BOTH, name=name)
    if js:
        return UserError(ACTIVE_JS, name=name)
    if launch:
        return UserError(ACTIVE_LAUNCH, name=name)
    if not scan.complete:
        return UserError(NOT_FULLY_CHECKED, name=name)
    return None
