"""Where a visible signature goes: an existing field, a page and box, or a box
found from text on the page (the signer's title, say); and, when the signer
names no place, where Decree 30/2020/ND-CP puts each kind (:func:`decree_placement`).

The one placement code of every signing path: ``hanoi-desk sign`` (files), the
desktop (documents of the encrypted cache, in memory) and the self-test.
:func:`resolve` reads the page from a file or from bytes. Boxes are given as a
person sees the page (the displayed page, after its /Rotate) and converted to
the page's own user space, so rotated pages place correctly; the arithmetic
lives in ``domain.placement``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hanoi_desk.domain.placement import (
    NUMBER_SIZE,
    SIGNER_SIZE,
    Box,
    Corner,
    Origin,
    below,
    corner_box,
    on_page,
    page_number,
    shown,
)
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.mupdf import close_pdf, open_pdf, pymupdf  # messages go to the log
from hanoi_desk.signing.appearance import Kind
from hanoi_desk.signing.pdfio import BROKEN

__all__ = [
    "BAD_BOX",
    "BAD_PAGE",
    "BOX_OUTSIDE",
    "DEFAULT_SIZE",
    "NO_ANCHOR",
    "Box",
    "Origin",
    "Placement",
    "ResolvedBox",
    "decree_placement",
    "parse_box",
    "resolve",
]

BAD_BOX = N_("“{box}” is not a box: give x1,y1,x2,y2 in points, e.g. 350,80,550,180.")
BAD_PAGE = N_("The document {name} has {count} pages; page {page} does not exist.")
NO_ANCHOR = N_("The text “{text}” was not found on page {page} of {name}.")
BOX_OUTSIDE = N_("The box {box} lies outside page {page} of {name}.")

DEFAULT_SIZE = SIGNER_SIZE


def parse_box(text: str) -> Box:
    try:
        x1, y1, x2, y2 = (float(v) for v in text.split(","))
    except ValueError:
        raise UserError(BAD_BOX, box=text) from None
    if x2 <= x1 or y2 <= y1:
        raise UserError(BAD_BOX, box=text)
    return (x1, y1, x2, y2)


@dataclass(frozen=True)
class Placement:
    """One of: ``field``; ``page`` + ``box``; ``anchor`` (on ``page``, last by default);
    ``top_right`` (the attachment signature: top right of page 1); else the
    bottom right of ``page`` (last by default).

    ``page`` counts from 1, or from the end when negative. ``box`` is in points
    on the displayed page, from its bottom-left corner unless ``origin`` says
    top left (a box dragged in the reader: see :meth:`drawn`)."""

    field: str | None = None
    page: int | None = None
    box: Box | None = None
    anchor: str | None = None
    top_right: bool = False
    size: tuple[float, float] = DEFAULT_SIZE
    origin: Origin = Origin.BOTTOM_LEFT

    @classmethod
    def drawn(cls, page_index: int, box: Box) -> Placement:
        """The box a person dragged on a page in the reader (0-based page index,
        points from the top-left corner of the page as shown)."""
        return cls(page=page_index + 1, box=box, origin=Origin.TOP_LEFT)


def decree_placement(kind: Kind, page: int | None = None) -> Placement:
    """Where a visible signature goes when the signer names no place, as Decree
    30/2020/ND-CP lays documents out: the attachment/number signature top right
    of the first page; the approval, issuing and copy signatures at the
    signer's block, bottom right of ``page`` (the last page by default)."""
    if kind is Kind.ATTACHMENT:
        return Placement(top_right=True, size=NUMBER_SIZE)
    return Placement(page=page)


@dataclass(frozen=True)
class ResolvedBox:
    page_index: int
    box: Box  # in the page's user space (what /Rect wants)
    rotation: int = 0  # the page's /Rotate, for an upright appearance


def _to_user_space(page: pymupdf.Page, displayed: Box) -> Box:
    r = pymupdf.Rect(*displayed) * page.derotation_matrix * ~page.transformation_matrix
    r.normalize()
    return (r.x0, r.y0, r.x1, r.y1)


@contextlib.contextmanager
def _opened(pdf: Path | bytes, name: str) -> Iterator[pymupdf.Document]:
    """The document for a block; what MuPDF says about it is drained to the log."""
    try:
        doc = open_pdf(pdf)
    except Exception as exc:  # PyMuPDF raises several types for a file it cannot read
        raise UserError(BROKEN, name=name, reason=type(exc).__name__) from None
    try:
        yield doc
    finally:
        close_pdf(doc)


def resolve(pdf: Path | bytes, placement: Placement, name: str | None = None) -> ResolvedBox:
    """The page and /Rect of ``placement`` in the document ``pdf`` (a file, or
    the bytes of a document held in memory); ``name`` names it in errors."""
    label = name if name is not None else pdf.name if isinstance(pdf, Path) else "PDF"
    with _opened(pdf, label) as doc:
        count = doc.page_count
        page_no = page_number(placement.page, count, first_by_default=placement.top_right)
        if page_no is None:
            raise UserError(BAD_PAGE, name=label, count=count, page=placement.page)
        page = doc[page_no - 1]
        width, height = page.rect.width, page.rect.height  # the displayed size
        if placement.anchor:
            hits = page.search_for(placement.anchor)
            if not hits:
                raise UserError(NO_ANCHOR, text=placement.anchor, page=page_no, name=label)
            hit = hits[0] * page.rotation_matrix  # search_for answers in unrotated space
            hit.normalize()
            rect = below((hit.x0, hit.y0, hit.x1, hit.y1), width, height, placement.size)
        elif placement.box:
            rect = shown(placement.box, placement.origin, height)
        else:
            corner = Corner.TOP_RIGHT if placement.top_right else Corner.BOTTOM_RIGHT
            rect = corner_box(width, height, placement.size, corner)
        if not on_page(rect, width, height):
            box = tuple(round(v) for v in placement.box or rect)
            raise UserError(BOX_OUTSIDE, box=box, page=page_no, name=label)
        return ResolvedBox(page_no - 1, _to_user_space(page, rect), page.rotation)
