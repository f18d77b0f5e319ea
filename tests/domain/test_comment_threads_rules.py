"""The comment-thread rules (domain/comment_threads.py): where a quote is found
again on a new version, who reads a thread, who may mark it."""

from __future__ import annotations

from hanoi_desk.domain.comment_threads import (
    Anchor,
    Located,
    Placement,
    ResolveProblem,
    ThreadState,
    Visibility,
    locate,
    may_read,
    may_resolve,
)


def test_a_quote_is_found_once_across_line_breaks_and_a_page_break() -> None:
    pages = ["Điều 1. Tổng thu\nngân sách là", "  1.200 tỷ đồng.   Điều 2."]
    anchor = Anchor("ngân sách là 1.200 tỷ", "Tổng thu ", " đồng.")
    assert locate(anchor, pages) == Located(Placement.REANCHORED, 1)
    assert locate(Anchor("Điều 2."), pages) == Located(Placement.REANCHORED, 2)
    # An empty page between does not shift the page found.
    assert locate(Anchor("Điều 2."), ["a", "", "Điều 2."]) == Located(Placement.REANCHORED, 3)


def test_a_changed_or_repeated_quote_is_orphaned_never_moved() -> None:
    pages = ["Điều 3. có hiệu lực từ ngày ký.", "Phụ lục có hiệu lực từ ngày ký."]
    assert locate(Anchor("có hiệu lực"), pages).placement is Placement.ORPHANED_AMBIGUOUS
    # The prefix tells the two apart.
    assert locate(Anchor("có hiệu lực", "Điều 3. "), pages) == Located(Placement.REANCHORED, 1)
    # A changed accent is a changed quote (nothing but white space is folded).
    assert locate(Anchor("co hieu luc", "Điều 3. "), pages).placement is Placement.ORPHANED_MISSING
    # Overlapping occurrences count as two.
    assert locate(Anchor("aa"), ["aaa"]).placement is Placement.ORPHANED_AMBIGUOUS
    assert locate(Anchor("x"), []).placement is Placement.NO_TEXT


def test_who_reads_and_who_marks_a_thread() -> None:
    member = {"author": False, "secretary": False, "drafting": False}
    assert may_read(Visibility.ALL, **member)
    assert not may_read(Visibility.SECRETARIAT, **member)
    assert not may_read(Visibility.SECRETARIAT, **{**member, "drafting": True})
    assert may_read(Visibility.DRAFTING, **{**member, "drafting": True})
    assert may_read(Visibility.SECRETARIAT, **{**member, "author": True})
    unit = {"drafting": True, "author": False, "is_root": True}
    assert may_resolve(ThreadState.ACCEPTED, "", **unit) is None
    assert may_resolve(ThreadState.EXPLAINED, " ", **unit) is ResolveProblem.ANSWER_NEEDED
    assert may_resolve(ThreadState.WITHDRAWN, "", **unit) is ResolveProblem.NOT_AUTHOR
    author = {"drafting": False, "author": True, "is_root": True}
    assert may_resolve(ThreadState.WITHDRAWN, "", **author) is None
    assert may_resolve(ThreadState.ACCEPTED, "", **author) is ResolveProblem.NOT_DRAFTING
    assert may_resolve(ThreadState.ACCEPTED, "", **{**unit, "is_root": False}) is (
        ResolveProblem.NOT_A_THREAD
    )
