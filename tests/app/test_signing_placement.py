"""Where the desktop's signature box lands, without Qt: the placements the
signing dialog hands over (a dragged box, the Decree 30 corners, an anchor
text) resolved on the bytes the desktop holds in memory (moved from
tests/ui/test_signing.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hanoi_desk.samples import make_pdf


def test_signature_box_placement_in_pdf_user_space(tmp_path: Path) -> None:
    """Dragged box, anchor text and corners land where the page shows them
    (PDF user space has its origin bottom left), through the placement code
    every signing path uses, on the bytes the desktop holds in memory."""
    import pymupdf

    from hanoi_desk.app.sign_cached import Kind, Placement, decree_placement
    from hanoi_desk.errors import UserError
    from hanoi_desk.signing.placement import BAD_PAGE, BOX_OUTSIDE, resolve

    data = make_pdf(None, "Quyết định", pages=2)

    def place(where: Placement) -> tuple[int, tuple[float, float, float, float]]:
        resolved = resolve(data, where, "Quyết định")
        return resolved.page_index, resolved.box

    page, box = place(Placement.drawn(0, (100.0, 200.0, 300.0, 300.0)))
    assert page == 0 and box == pytest.approx((100, 842 - 300, 300, 842 - 200))
    page, box = place(decree_placement(Kind.APPROVAL))  # the signer's block
    assert page == 1 and box[0] == pytest.approx(595 - 220) and box[1] == pytest.approx(60)
    page, box = place(decree_placement(Kind.ATTACHMENT))  # the Decree's top right of page 1
    assert page == 0 and box[3] == pytest.approx(842 - 20)
    page, box = place(Placement(anchor="Thời gian thực hiện"))
    hit = pymupdf.open(stream=data, filetype="pdf")[1].search_for("Thời gian thực hiện")[0]
    assert box[3] == pytest.approx(842 - hit.y1 - 4)  # just below the text
    with pytest.raises(UserError, match="not found"):
        place(Placement(anchor="không có trong văn bản"))
    # A box dragged below the bottom of an A4 page lies outside it: refused by
    # name, not signed as an invisible field the signer never asked for.
    with pytest.raises(UserError) as outside:
        place(Placement.drawn(1, (100.0, 900.0, 300.0, 1000.0)))
    assert outside.value.template == BOX_OUTSIDE and "page 2 of Quyết định" in str(outside.value)
    # A box dragged on page 3 of another document, for this one of two pages: refused
    # by name (the desktop used to put it on the last page without a word).
    with pytest.raises(UserError) as no_page:
        place(Placement.drawn(2, (100.0, 200.0, 300.0, 300.0)))
    assert no_page.value.template == BAD_PAGE and "page 3 does not exist" in str(no_page.value)
