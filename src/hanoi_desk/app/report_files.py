"""The files a secretary exports: a CSV for spreadsheet programs and A4 PDF
pages laid out from HTML in the embedded Noto font.

The comment summary (app/comment_export.py), the consultation's opinion sheet
and its summary (app/consultation.py) write through these, so every CSV gets
the same care (a BOM, formula-like cells kept as text) and every PDF the same
font and layout loop.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from pathlib import Path

FONT_CSS = """
@font-face {font-family: noto; src: url(NotoSans-Regular.ttf);}
@font-face {font-family: noto; font-weight: bold; src: url(NotoSans-Bold.ttf);}
"""
"""The embedded font (``resources.font()``'s folder is the Story's archive)."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a
    leading apostrophe, so a text such as ``=HYPERLINK(...)`` is never run
    when the secretary opens the CSV (the PDF shows the text as written)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """``header`` then ``rows``, every cell through :func:`spreadsheet_safe`."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([spreadsheet_safe(h) for h in header])
    writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in rows])
    # UTF-8 with a BOM: spreadsheet programs then read the Vietnamese letters right.
    path.write_text(buf.getvalue(), encoding="utf-8-sig", newline="")


def cell(text: str, tag: str = "td") -> str:
    """A table cell of plain text (escaped; a line break stays one)."""
    return f"<{tag}>{html.escape(text).replace(chr(10), '<br/>')}</{tag}>"


def story_pdf(markup: str, css: str, *, paper: str = "a4", margin: float = 56) -> bytes:
    """Pages of ``markup`` on ``paper`` (a PyMuPDF paper name, e.g. a4, a4-l),
    ``margin`` points on each side, as many as it needs (MuPDF's Story lays it
    out; no HTML engine of our own)."""
    from hanoi_desk.mupdf import pymupdf
    from hanoi_desk.resources import font

    archive = pymupdf.Archive(str(font().parent))
    story = pymupdf.Story(html=markup, user_css=FONT_CSS + css, archive=archive)
    out = io.BytesIO()
    writer = pymupdf.DocumentWriter(out)
    page = pymupdf.paper_rect(paper)
    where = pymupdf.Rect(page.x0 + margin, page.y0 + margin, page.x1 - margin, page.y1 - margin)
    more = True
    while more:
        device = writer.begin_page(page)
        more, _filled = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    return out.getvalue()
