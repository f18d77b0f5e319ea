"""The written consultation's rules (domain/consultation.py): pure, no files."""

from __future__ import annotations

import pytest

from hanoi_desk.domain.consultation import (
    Answer,
    BadAnswers,
    Reply,
    Response,
    counted_responses,
    is_late,
    parse_questions,
    parse_replies,
    summarise,
)

QUESTIONS = parse_questions([{"id": "q1", "text": "Một"}, {"id": "q2", "text": "Hai"}])
DEADLINE = 1000


def test_the_deadline_second_is_on_time_the_next_is_late() -> None:
    assert not is_late(DEADLINE - 1, DEADLINE)
    assert not is_late(DEADLINE, DEADLINE)
    assert is_late(DEADLINE + 1, DEADLINE)


@pytest.mark.parametrize(
    "raw",
    [
        {"q1": {"answer": "agree"}},  # a question left out
        {"q1": {"answer": "agree"}, "q2": {"answer": "agree"}, "q3": {"answer": "agree"}},
        {"q1": {"answer": "agree"}, "q2": {"answer": "other"}},  # other without its text
        {"q1": {"answer": "agree"}, "q2": {"answer": "other", "text": "   "}},
        {"q1": {"answer": "yes"}, "q2": {"answer": "agree"}},
        {"q1": {"answer": "agree"}, "q2": {"answer": "agree", "text": "x" * 10_001}},
        {"q1": "agree", "q2": {"answer": "agree"}},
        [],
    ],
)
def test_answers_that_do_not_fit_are_refused(raw: object) -> None:
    with pytest.raises(BadAnswers):
        parse_replies(QUESTIONS, raw)


def test_questions_need_unique_ids_and_text() -> None:
    for raw in (
        [],
        [{"id": "a", "text": ""}],
        [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}],
    ):
        with pytest.raises(BadAnswers):
            parse_questions(raw)


def _r(
    who: str, at: int, order: int, q1: Answer, text: str = "", *, paper: bool = False
) -> Response:
    replies = {"q1": Reply(q1, text), "q2": Reply(Answer.AGREE)}
    return Response(who, at, order, replies, paper)


def test_the_last_on_time_response_counts_ties_by_receipt_order() -> None:
    first = _r("a", DEADLINE, 1, Answer.AGREE)
    same_second = _r("a", DEADLINE, 2, Answer.DISAGREE)
    late = _r("a", DEADLINE + 1, 3, Answer.OTHER, "muộn")
    for received in ([late, same_second, first], [first, same_second, late], [same_second, first]):
        assert counted_responses(received, DEADLINE)["a"] is same_second


def test_the_summary_lists_answered_paper_late_missing_and_counts_only_counted() -> None:
    responses = [
        _r("a", 10, 1, Answer.AGREE),
        _r("a", 20, 2, Answer.OTHER, "Ý kiến khác"),  # the revision counts
        _r("b", 15, 3, Answer.DISAGREE, paper=True),
        _r("c", DEADLINE + 1, 4, Answer.AGREE),  # late: listed, not counted
        _r("stranger", 5, 5, Answer.AGREE),  # not a respondent: ignored
    ]
    s = summarise(QUESTIONS, ["a", "b", "c", "d"], responses, DEADLINE)
    assert (s.answered, s.paper, s.late, s.missing) == (("a", "b"), ("b",), ("c",), ("d",))
    q1, q2 = s.questions
    assert dict(q1.counts) == {Answer.AGREE: 0, Answer.DISAGREE: 1, Answer.OTHER: 1}
    assert q1.others == (("a", "Ý kiến khác"),)
    assert dict(q2.counts) == {Answer.AGREE: 2, Answer.DISAGREE: 0, Answer.OTHER: 0}
