"""Where a visible signature goes: an existing field, a page and box, or a box
found from text on the page (the signer's title, say).

Boxes are given as a person sees the page (origin bottom left of the *displayed*
page) and converted to the page's own user space, so rotated pages place
correctly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.mupdf import pymupdf  # set up once: MuPDF's messages go to the log

Box = tuple[float, float, float, float]

BAD_BOX = N_("“{box}” is not a box: give x1,y1,x2,y2 in points, e.g. 350,80,550,180.")
BAD_PAGE = N_("The document {name} has {count} pages; page {page} does not exist.")
NO_ANCHOR = N_("The text “{text}” was not found on page {page} of {name}.")
BOX_OUTSIDE = N_("The box {box} lies outside page {page} of {name}.")

DEFAULT_SIZE = (200.0, 110.0)
GAP = 4.0


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
    ``top_right`` (the attachment signature: top right of page 1)."""

    field: str | None = None
    page: int | None = None
    box: Box | None = None
    anchor: str | None = None
    top_right: bool = False
    size: tuple[float, float] = DEFAULT_SIZE


@dataclass(frozen=True)
class ResolvedBox:
    page_index: int
    box: Box  # in the page's user space (what /Rect wants)
    rotation: int = 0  # the page's /Rotate, for an upright appearance


def _to_user_space(page: pymupdf.Page, displayed: pymupdf.Rect) -> Box:
    r = displayed * page.derotation_matrix * ~page.transformation_matrix
    r.normalize()
    return (r.x0, r.y0, r.x1, r.y1)


def resolve(path: Path, placement: Placement) -> ResolvedBox:
    name = path.name
    with pymupdf.open(path) as doc:
        count = doc.page_count
        page_no = placement.page or (1 if placement.top_right else count)
        if page_no < 0:
            page_no = count + 1 + page_no
        if not 1 <= page_no <= count:
            raise UserError(BAD_PAGE, name=name, count=count, page=placement.page)
        page = doc[page_no - 1]
        shown = page.rect  # displayed size, top-left origin
        w, h = placement.size
        if placement.anchor:
            hits = page.search_for(placement.anchor)
            if not hits:
                raise UserError(NO_ANCHOR, text=placement.anchor, page=page_no, name=name)
            hit = hits[0] * page.rotation_matrix  # search_for answers in unrotated space
            hit.normalize()
            cx = (hit.x0 + hit.x1) / 2
            x0 = min(max(cx - w / 2, 0), shown.width - w)
            top = min(hit.y1 + GAP, shown.height - h)
            rect = pymupdf.Rect(x0, top, x0 + w, top + h)
        elif placement.box:
            x1, y1, x2, y2 = placement.box
            rect = pymupdf.Rect(x1, shown.height - y2, x2, shown.height - y1)
        elif placement.top_right:  # as the Decree places the attachment/number signature
            rect = pymupdf.Rect(shown.width - 20 - w, 20, shown.width - 20, 20 + h)
        else:  # bottom right, where the signer's block usually is
            bottom = shown.height - 60
            rect = pymupdf.Rect(shown.width - 20 - w, bottom - h, shown.width - 20, bottom)
        if not rect.intersects(shown):
            box = tuple(round(v) for v in placement.box or (rect.x0, rect.y0, rect.x1, rect.y1))
            raise UserError(BOX_OUTSIDE, box=box, page=page_no, name=name)
        return ResolvedBox(page_no - 1, _to_user_space(page, rect), page.rotation)
