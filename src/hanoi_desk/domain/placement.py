"""Where a visible signature goes on a page: the arithmetic, with no PDF open.

Boxes here are in points on the page *as displayed* (after its /Rotate), origin
top left, which is how the reader shows a page and how PyMuPDF measures one.
Turning them into the page's own user space needs the page's matrices; that
part, and reading the page, is ``signing.placement``.
"""

from __future__ import annotations

import enum

Box = tuple[float, float, float, float]
Size = tuple[float, float]


class Origin(enum.StrEnum):
    """Where a given box's coordinates start."""

    BOTTOM_LEFT = "bottom-left"
    """As a person measures a printed page (``hanoi-desk sign --box``)."""
    TOP_LEFT = "top-left"
    """As the reader draws pages (a box dragged on the page in the desktop app)."""


class Corner(enum.StrEnum):
    BOTTOM_RIGHT = "bottom-right"
    """The signer's block, above a typical footer."""
    TOP_RIGHT = "top-right"
    """Where Decree 30/2020/ND-CP puts the attachment/number signature."""


SIGNER_SIZE: Size = (200.0, 110.0)
"""The approval, issuing and copy signatures: an image above three lines of text."""
NUMBER_SIZE: Size = (200.0, 40.0)
"""The attachment/number signature: two lines of text, no image."""
MARGIN = 20.0  # from the right edge, and from the top edge for the top-right corner
FOOT = 60.0  # from the bottom edge, so the box stays above page numbers and footers
GAP = 4.0  # between an anchor text and the box placed below it


def page_number(requested: int | None, count: int, *, first_by_default: bool = False) -> int | None:
    """The 1-based page a placement means, or None when the document has no
    such page. ``requested`` counts from 1, or from the end when negative (-1
    is the last page); None (or 0) means the last page, or the first one for
    a placement that belongs on the first page."""
    page = requested or (1 if first_by_default else count)
    if page < 0:
        page = count + 1 + page
    return page if 1 <= page <= count else None


def corner_box(width: float, height: float, size: Size, corner: Corner) -> Box:
    w, h = size
    if corner is Corner.TOP_RIGHT:
        return (width - MARGIN - w, MARGIN, width - MARGIN, MARGIN + h)
    bottom = height - FOOT
    return (width - MARGIN - w, bottom - h, width - MARGIN, bottom)


def below(hit: Box, width: float, height: float, size: Size) -> Box:
    """A box centred under a text found on the page, kept inside the page."""
    w, h = size
    centre = (hit[0] + hit[2]) / 2
    x0 = min(max(centre - w / 2, 0.0), width - w)
    top = min(hit[3] + GAP, height - h)
    return (x0, top, x0 + w, top + h)


def shown(box: Box, origin: Origin, height: float) -> Box:
    """``box`` with the origin top left of the displayed page."""
    if origin is Origin.TOP_LEFT:
        return box
    x1, y1, x2, y2 = box
    return (x1, height - y2, x2, height - y1)


def on_page(box: Box, width: float, height: float) -> bool:
    """Whether some of ``box`` (top-left origin) lies on the page. A box wholly
    off the page would make a signature nobody sees, where the signer asked
    for a visible one."""
    x1, y1, x2, y2 = box
    return x1 < width and x2 > 0 and y1 < height and y2 > 0 and x2 > x1 and y2 > y1
