"""domain.placement: where a visible signature goes, as arithmetic on page
sizes, with no PDF open (signing.placement reads the page and turns these
boxes into the page's user space; tests/signing and tests/app cover that)."""

from __future__ import annotations

import pytest

from hanoi_desk.domain.placement import (
    FOOT,
    GAP,
    MARGIN,
    NUMBER_SIZE,
    SIGNER_SIZE,
    Corner,
    Origin,
    below,
    corner_box,
    on_page,
    page_number,
    shown,
)

A4 = (595.0, 842.0)


@pytest.mark.parametrize(
    ("requested", "count", "first", "expected"),
    [
        (2, 3, False, 2),
        (None, 3, False, 3),  # no page given: the last, where the signer's block goes
        (0, 3, False, 3),
        (None, 3, True, 1),  # ... or the first, for the Decree's number signature
        (-1, 3, False, 3),  # from the end
        (-3, 3, False, 1),
        (4, 3, False, None),  # a page the document lacks is no page, never clamped
        (-4, 3, False, None),
        (None, 0, False, None),  # an empty document has no last page
        (None, 0, True, None),
    ],
)
def test_page_number_counts_from_one_or_from_the_end(
    requested: int | None, count: int, first: bool, expected: int | None
) -> None:
    assert page_number(requested, count, first_by_default=first) == expected


def test_corner_boxes_keep_the_decree_margins_on_an_a4_page() -> None:
    width, height = A4
    x1, y1, x2, y2 = corner_box(width, height, SIGNER_SIZE, Corner.BOTTOM_RIGHT)
    assert (x2, y2) == (width - MARGIN, height - FOOT)  # above the footer, in from the edge
    assert (x2 - x1, y2 - y1) == SIGNER_SIZE
    assert corner_box(width, height, NUMBER_SIZE, Corner.TOP_RIGHT) == (
        width - MARGIN - NUMBER_SIZE[0],
        MARGIN,
        width - MARGIN,
        MARGIN + NUMBER_SIZE[1],
    )


def test_a_box_below_an_anchor_text_is_centred_and_kept_on_the_page() -> None:
    width, height = A4
    w, h = SIGNER_SIZE
    hit = (200.0, 300.0, 300.0, 312.0)  # a line of text, 100 pt wide
    assert below(hit, width, height, SIGNER_SIZE) == (150.0, 312.0 + GAP, 150.0 + w, 316.0 + h)
    # Near the left and right edges the box slides inward instead of leaving the page.
    assert below((0.0, 300.0, 20.0, 312.0), width, height, SIGNER_SIZE)[0] == 0.0
    assert below((570.0, 300.0, 590.0, 312.0), width, height, SIGNER_SIZE)[2] == width
    # Text at the foot of the page: the box rises so that all of it is on the page.
    low = below((200.0, 830.0, 300.0, 840.0), width, height, SIGNER_SIZE)
    assert low[3] == height and low[1] == height - h


def test_shown_turns_a_bottom_left_box_into_the_readers_top_left_one() -> None:
    box = (100.0, 200.0, 300.0, 300.0)
    assert shown(box, Origin.TOP_LEFT, 842.0) == box
    assert shown(box, Origin.BOTTOM_LEFT, 842.0) == (100.0, 542.0, 300.0, 642.0)
    # Flipping twice is the identity: a measured box and a drawn one agree.
    assert shown(shown(box, Origin.BOTTOM_LEFT, 842.0), Origin.BOTTOM_LEFT, 842.0) == box


@pytest.mark.parametrize(
    ("box", "expected"),
    [
        ((100.0, 200.0, 300.0, 300.0), True),
        ((500.0, 800.0, 700.0, 900.0), True),  # partly off the page: still seen
        ((100.0, 900.0, 300.0, 1000.0), False),  # wholly below an A4 page
        ((-300.0, 200.0, -100.0, 300.0), False),  # wholly left of it
        ((595.0, 200.0, 700.0, 300.0), False),  # starts at the right edge: nothing on it
        ((100.0, 842.0, 300.0, 900.0), False),  # starts at the bottom edge
        ((300.0, 200.0, 100.0, 300.0), False),  # inverted: no area at all
        ((100.0, 300.0, 300.0, 300.0), False),  # zero height
    ],
)
def test_on_page_refuses_a_box_nobody_would_see(
    box: tuple[float, float, float, float], expected: bool
) -> None:
    assert on_page(box, *A4) is expected
