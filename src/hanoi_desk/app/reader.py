"""Reading a cached document: decrypted into memory, rendered page by page.

The plaintext never touches the disk: the blob store decrypts into a bytes
object and PyMuPDF opens that stream. Rendered pages are kept in a bounded
least-recently-used cache measured in bytes, so scrolling a 1,000-page
document keeps a steady footprint. PyMuPDF is not thread-safe, so one
:class:`OpenDocument` must be used from one thread at a time (the UI gives it
the render lane). Nothing here executes PDF actions: links are reported as
data and JavaScript is never run. Every open, render and text read drains
MuPDF's messages (which quote the file) to the log, so they do not pile up in
PyMuPDF's list for the life of the process (hanoi_desk/mupdf.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.text import fold, query_terms
from hanoi_desk.errors import Cancelled, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.mupdf import close_pdf, draining, open_pdf, pymupdf  # drain MuPDF's messages
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.database import OnOwner, on_this_thread
from hanoi_desk.store.secmem import zero

NOT_READABLE = N_("“{title}” cannot be shown: it is not a readable PDF ({reason}).")
PROTECTED = N_("“{title}” is password-protected and cannot be shown.")
NO_PAGE = N_("“{title}” has no page {page}.")

Rect = tuple[float, float, float, float]
DEFAULT_BUDGET = 64 * 1024 * 1024
MAX_ZOOM = 8.0
MIN_ZOOM = 0.1


@dataclass(frozen=True)
class PageImage:
    """RGB pixels of one rendered page, ready for ``QImage(... Format_RGB888)``."""

    page: int
    zoom: float
    width: int
    height: int
    stride: int
    samples: bytes

    @property
    def nbytes(self) -> int:
        return len(self.samples)


@dataclass(frozen=True)
class Word:
    rect: Rect
    text: str
    block: int
    line: int


@dataclass(frozen=True)
class Link:
    rect: Rect
    page: int | None
    """0-based target page of an internal link."""
    uri: str | None
    """Target of an external link: shown to the person, opened only after they agree."""


@dataclass(frozen=True)
class TextMatch:
    page: int
    rects: tuple[Rect, ...]


class RenderCache:
    """Pages by (page, zoom) with a byte budget; the oldest go first."""

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = budget
        self._items: OrderedDict[tuple[int, float], PageImage] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def nbytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, page: int, zoom: float) -> PageImage | None:
        with self._lock:
            image = self._items.get((page, zoom))
            if image is not None:
                self._items.move_to_end((page, zoom))
            return image

    def put(self, image: PageImage) -> None:
        key = (image.page, image.zoom)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old.nbytes
            self._items[key] = image
            self._bytes += image.nbytes
            while self._bytes > self.budget and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= dropped.nbytes

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


def _tokens(words: list[Word]) -> list[tuple[str, int]]:
    """Folded search tokens with the index of the word each comes from."""
    out: list[tuple[str, int]] = []
    for index, word in enumerate(words):
        out.extend((token, index) for token in query_terms(word.text))
    return out


def _union(rects: list[Rect]) -> Rect:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


class OpenDocument:
    """One document decrypted in memory. Close it to drop the plaintext.

    Given a ``bytearray`` (what :class:`Reader` decrypts into), the document
    takes it over: PyMuPDF reads it in place through a memoryview, and
    :meth:`close` zeroes it, so the decrypted PDF does not stay in memory
    after a lock."""

    def __init__(
        self, summary: DocumentSummary, data: bytes | bytearray, budget: int = DEFAULT_BUDGET
    ):
        self.summary = summary
        self._plain = data if isinstance(data, bytearray) else None
        try:
            self._doc = open_pdf(memoryview(data) if self._plain is not None else data)
        except Exception as exc:  # PyMuPDF raises several types for broken files
            self._zero()
            raise UserError(NOT_READABLE, title=summary.title, reason=type(exc).__name__) from None
        if self._doc.needs_pass:
            self.close()
            raise UserError(PROTECTED, title=summary.title)
        if self._doc.page_count == 0:
            self.close()
            raise UserError(NOT_READABLE, title=summary.title, reason="no pages")
        # Loading every page to learn its size costs ~0.2 ms a page: assume the
        # first page's size now (most documents are uniform) and let the UI call
        # measure() in the background once page 1 is on screen.
        first = self._first_page_rect()
        self.page_sizes: list[tuple[float, float]] = [
            (first.width, first.height)
        ] * self._doc.page_count
        self.measured = self._doc.page_count == 1
        self.renders = RenderCache(budget)
        self._words: OrderedDict[int, list[Word]] = OrderedDict()

    @draining
    def _first_page_rect(self) -> Any:
        return self._doc[0].rect

    @draining
    def measure(self) -> list[tuple[float, float]]:
        """The exact size of every page (rotation included)."""
        if not self.measured:
            self.page_sizes = [(p.rect.width, p.rect.height) for p in self._doc]
            self.measured = True
        return self.page_sizes

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)

    @property
    def plaintext(self) -> bytearray | None:
        """The decrypted PDF this document owns and zeroes on close (None when given bytes)."""
        return self._plain

    @property
    def closed(self) -> bool:
        return bool(self._doc.is_closed)

    def close(self) -> None:
        if hasattr(self, "renders"):
            self.renders.clear()
            self._words.clear()
        if not self._doc.is_closed:
            close_pdf(self._doc)
        self._zero()

    def _zero(self) -> None:
        # The buffer stays allocated (PyMuPDF's memoryview still points at it), only zeroed.
        if self._plain is not None:
            zero(self._plain)

    def _page(self, page: int) -> pymupdf.Page:
        if not 0 <= page < self.page_count:
            raise UserError(NO_PAGE, title=self.summary.title, page=page + 1)
        return self._doc[page]

    @draining
    def render(self, page: int, zoom: float) -> PageImage:
        """Pixels of ``page`` (0-based) at ``zoom`` (1.0 = 72 dpi), from the cache if there."""
        zoom = round(min(MAX_ZOOM, max(MIN_ZOOM, zoom)), 3)
        cached = self.renders.get(page, zoom)
        if cached is not None:
            return cached
        pix = self._page(page).get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        image = PageImage(page, zoom, pix.width, pix.height, pix.stride, bytes(pix.samples))
        self.renders.put(image)
        return image

    @draining
    def words(self, page: int) -> list[Word]:
        cached = self._words.get(page)
        if cached is not None:
            return cached
        raw = self._page(page).get_text("words")
        words = [Word((w[0], w[1], w[2], w[3]), w[4], w[5], w[6]) for w in raw]
        self._words[page] = words
        while len(self._words) > 64:
            self._words.popitem(last=False)
        return words

    @draining
    def links(self, page: int) -> list[Link]:
        out: list[Link] = []
        for link in self._page(page).get_links():
            r = link.get("from")
            rect: Rect = (r.x0, r.y0, r.x1, r.y1) if r is not None else (0, 0, 0, 0)
            if link.get("kind") == pymupdf.LINK_GOTO and link.get("page", -1) >= 0:
                out.append(Link(rect, int(link["page"]), None))
            elif link.get("uri"):
                out.append(Link(rect, None, str(link["uri"])))
            elif link.get("file"):  # launch/file actions: reported so the UI can refuse them
                out.append(Link(rect, None, "file:" + str(link["file"])))
        return out

    def selection(self, page: int, area: Rect) -> tuple[str, tuple[Rect, ...]]:
        """Text of the words whose centres lie in ``area``, with their rectangles."""
        x0, y0, x1, y1 = area
        picked = [
            w
            for w in self.words(page)
            if x0 <= (w.rect[0] + w.rect[2]) / 2 <= x1 and y0 <= (w.rect[1] + w.rect[3]) / 2 <= y1
        ]
        lines: list[str] = []
        last: tuple[int, int] | None = None
        for w in picked:
            if (w.block, w.line) != last:
                lines.append(w.text)
                last = (w.block, w.line)
            else:
                lines[-1] += " " + w.text
        return "\n".join(lines), tuple(w.rect for w in picked)

    def find_on_page(self, page: int, query: str) -> list[TextMatch]:
        """Diacritic-insensitive matches of ``query``; the last term may be a prefix."""
        terms = query_terms(query)
        if not terms:
            return []
        words = self.words(page)
        tokens = _tokens(words)
        found = []
        for start in range(len(tokens) - len(terms) + 1):
            window = tokens[start : start + len(terms)]
            if all(t[0] == term for t, term in zip(window[:-1], terms[:-1], strict=True)) and (
                window[-1][0].startswith(terms[-1])
            ):
                indexes = sorted({i for _, i in window})
                found.append(TextMatch(page, (_union([words[i].rect for i in indexes]),)))
        return found

    def find(
        self,
        query: str,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[TextMatch]:
        matches: list[TextMatch] = []
        for page in range(self.page_count):
            if cancelled is not None and cancelled():
                raise Cancelled()
            matches.extend(self.find_on_page(page, query))
            if progress is not None and (page % 25 == 24 or page == self.page_count - 1):
                progress(page + 1, self.page_count)
        return matches

    @draining
    def search_exact(self, page: int, quote: str) -> tuple[Rect, ...]:
        """Where ``quote`` sits on ``page`` (case- and spacing-tolerant), or nothing."""
        hits = self._page(page).search_for(" ".join(quote.split()))
        # A quote over n lines yields n rectangles; later ones are further occurrences.
        lines = quote.strip().count("\n") + 1
        return tuple((r.x0, r.y0, r.x1, r.y1) for r in hits[:lines])

    @draining
    def page_text_folded(self, page: int) -> str:
        return fold(self._page(page).get_text("text"))


class Reader:
    """Opens cached documents for reading. Call from the lane that renders;
    ``on_db`` runs the one query an open needs (the offline lease) on the
    thread that owns the connection."""

    def __init__(
        self, cache: Cache, budget: int = DEFAULT_BUDGET, on_db: OnOwner = on_this_thread
    ) -> None:
        self.cache = cache
        self.budget = budget
        self.on_db = on_db

    def open(self, doc: DocumentSummary) -> OpenDocument:
        """Decrypt (verifying every chunk) into memory and open it there."""
        readable = self.on_db(lambda: self.cache.readable(doc))
        return OpenDocument(doc, self.cache.read_readable(readable), self.budget)
